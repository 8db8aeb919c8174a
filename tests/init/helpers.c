/*
 * What the inittest groups share: init's list, waiting for a service by
 * polling it, the kernel's facts about a process.
 */
#include <stdlib.h>
#include <string.h>

#include <mlk/runtime.h>
#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include "inittest.h"

/* 1000 polls 20 ms apart: far more than the longest back-off (3.2 s)
 * and a restart of everything at once take. */
#define POLLS 1000
#define POLL_NS (20 * NS_PER_MS)

mlk_status_t service_find(const char *name, struct mlk_init_service *out)
{
	mlk_status_t st;

	for (uint32_t i = 0; (st = mlk_init_list(i, out)) == MLK_OK; i++)
		if (!strcmp(out->name, name))
			return MLK_OK;
	return st;
}

static bool arrived(const struct mlk_init_service *s, uint64_t old_pid,
		    uint32_t state)
{
	if (state != MLK_INIT_RUNNING)
		return s->state == state;
	return s->state == MLK_INIT_RUNNING && s->pid && s->pid != old_pid;
}

bool service_wait(const char *name, uint64_t old_pid, uint32_t state,
		  struct mlk_init_service *out)
{
	for (int i = 0; i < POLLS; i++) {
		if (service_find(name, out) == MLK_OK &&
		    arrived(out, old_pid, state))
			return true;
		mlk_sleep(mlk_deadline_in(POLL_NS));
	}
	return false;
}

/* Records come and go between calls: ask again with room for the count
 * the last call reported, plus a few. */
static void *info_table(uint32_t what, size_t size, size_t *count)
{
	mlk_handle_t system = mlk_start_handle(MLK_START_SYSTEM, NULL);
	uint64_t room = 64, have = 0;

	for (int tries = 0; tries < 4; tries++) {
		void *buf = calloc(room, size);
		if (!buf || mlk_system_info(system, what, buf, room * size,
					    &have) != MLK_OK) {
			free(buf);
			return NULL;
		}
		if (have <= room) {
			*count = have;
			return buf;
		}
		free(buf);
		room = have + 8;
	}
	return NULL;
}

bool process_facts(uint64_t pid, uint64_t *quota, uint32_t *priority)
{
	size_t np = 0, nt = 0;
	struct mlk_process_info *p =
		info_table(MLK_INFO_PROCESSES, sizeof(*p), &np);
	struct mlk_thread_info *t =
		info_table(MLK_INFO_THREADS, sizeof(*t), &nt);
	bool found = false, prio = false;

	for (size_t i = 0; p && i < np && !found; i++)
		if (p[i].pid == pid) {
			*quota = p[i].quota;
			found = true;
		}
	for (size_t i = 0; t && i < nt && !prio; i++)
		if (t[i].pid == pid) {
			*priority = t[i].priority;
			prio = true;
		}
	free(p);
	free(t);
	return found && prio;
}
