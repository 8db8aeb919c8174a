/*
 * init's restart policy as plain arithmetic (no system calls), so that a
 * unit test on the build machine checks the rules README.md states.
 */
#ifndef MLK_INIT_POLICY_H
#define MLK_INIT_POLICY_H

#include <stdbool.h>
#include <stdint.h>

/* A run this long ends a row of crashes. */
#define POLICY_HEALTHY_NS (10ull * 1000000000)
#define POLICY_FIRST_BACKOFF_NS (100ull * 1000000) /* then doubling */
#define POLICY_MAX_BACKOFF_NS (3200ull * 1000000)

/* The wait before a restart after the n-th crash in a row (n >= 1):
 * 100 ms, doubling up to 3.2 s. */
uint64_t policy_backoff(uint32_t crashes);

/*
 * A run of a service that init restarts ended after ran_ns: `requested`
 * when init ended it because someone asked (MLK_INIT_KILL), not a crash.
 * Updates *crashes, the crashes in a row since the last healthy run or
 * requested kill, and returns false when init should give up on the
 * service (give_up, from the manifest, is the limit; 0: never), else true
 * with the wait before the restart in *delay_ns.
 */
bool policy_restart(uint32_t *crashes, uint32_t give_up, bool requested,
		    uint64_t ran_ns, uint64_t *delay_ns);

/* The row of crashes as it stands while the service has run ran_ns: a
 * run that has been healthy that long has ended it already. */
uint32_t policy_row(uint32_t crashes, uint64_t ran_ns);

/*
 * The status the machine powers off with when a service marked
 * `poweroff` ends with `code`: the code itself when it is 0..255,
 * MLK_POWEROFF_FAULTED or MLK_POWEROFF_KILLED when the kernel ended the
 * process (MLK_EXIT_FAULTED, MLK_EXIT_KILLED), and MLK_POWEROFF_BAD_CODE
 * for any other code, rather than a wrapped one that could read as 0.
 */
uint32_t policy_poweroff_status(int64_t code);

#endif
