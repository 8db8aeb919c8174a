/*
 * init's restart policy, after Minix 3's reincarnation server: a service
 * that crashes is restarted after a back-off that grows with each crash
 * in a row, up to a cap; a run long enough to count as healthy ends the
 * row; a kill someone asked for is no crash at all (it ends the row too:
 * the service is to start afresh); and init gives up only when the
 * service's manifest entry sets a limit (give-up=N).
 */
#include "policy.h"

#include <mlk/ipc.h>
#include <mlk/sysinfo.h>

uint64_t policy_backoff(uint32_t crashes)
{
	uint64_t wait = POLICY_FIRST_BACKOFF_NS;

	for (uint32_t i = 1; i < crashes && wait < POLICY_MAX_BACKOFF_NS; i++)
		wait *= 2;
	return wait < POLICY_MAX_BACKOFF_NS ? wait : POLICY_MAX_BACKOFF_NS;
}

uint32_t policy_row(uint32_t crashes, uint64_t ran_ns)
{
	return ran_ns >= POLICY_HEALTHY_NS ? 0 : crashes;
}

bool policy_restart(uint32_t *crashes, uint32_t give_up, bool requested,
		    uint64_t ran_ns, uint64_t *delay_ns)
{
	if (requested) {
		*crashes = 0;
		*delay_ns = 0;
		return true;
	}
	*crashes = policy_row(*crashes, ran_ns);
	if (*crashes < UINT32_MAX)
		(*crashes)++;
	if (give_up && *crashes >= give_up)
		return false;
	*delay_ns = policy_backoff(*crashes);
	return true;
}

uint32_t policy_poweroff_status(int64_t code)
{
	if (code == MLK_EXIT_FAULTED)
		return MLK_POWEROFF_FAULTED;
	if (code == MLK_EXIT_KILLED)
		return MLK_POWEROFF_KILLED;
	if (code < 0 || code > MLK_POWEROFF_STATUS_MAX)
		return MLK_POWEROFF_BAD_CODE;
	return (uint32_t)code;
}
