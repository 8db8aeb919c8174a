/*
 * init's control requests (protocol: mlk/proto/init.h): run a program of
 * the boot bundle, end a service, list them all.
 */
#include <mlk/proto/init.h>
#include <mlk/runtime.h>

#include <stdio.h>
#include <string.h>

#include "init.h"

#define RUN_PRIORITY 32

static void reply(struct mlk_msg *m, mlk_status_t st, unsigned nwords)
{
	m->label = (uint32_t)st;
	m->nwords = nwords;
	m->nhandles = 0;
	mlk_msg_reply(m);
}

static void do_run(struct mlk_msg *m, const char *name)
{
	struct mlk_manifest_service ms = {
		.priority = RUN_PRIORITY,
		.ngrants = 1,
		.grants = { { .kind = MLK_GRANT_LOG } },
	};
	const struct mlk_bundle_entry *elf = mlk_bundle_find(init.bundle, name);
	struct service *s = service_by_name(name);

	if (!elf || MLK_BUNDLE_KIND(elf->flags) != MLK_BUNDLE_SERVICE) {
		reply(m, MLK_ERR_NOT_FOUND, 0);
		return;
	}
	if (s && s->running) {
		reply(m, MLK_ERR_EXISTS, 0);
		return;
	}
	if (!mlk_msg_get_string(m, MLK_INIT_NAME_WORDS,
				MLK_MANIFEST_ARGS_MAX / 8, ms.args,
				sizeof(ms.args))) {
		reply(m, MLK_ERR_BAD_ARG(1), 0);
		return;
	}
	strlcpy(ms.name, name, sizeof(ms.name));
	if (s) {
		s->m = ms; /* run again, with the new arguments */
		s->quick_crashes = 0;
	} else if (!(s = service_add(&ms, elf))) {
		reply(m, MLK_ERR_NO_RESOURCES, 0);
		return;
	}
	service_start(s);
	if (!s->running) {
		reply(m, MLK_ERR_FAILED, 0);
		return;
	}
	m->w[0] = s->pid;
	reply(m, MLK_OK, 1);
}

static void do_kill(struct mlk_msg *m, const char *name)
{
	struct service *s = service_by_name(name);

	if (!s || !s->running) {
		reply(m, MLK_ERR_NOT_FOUND, 0);
		return;
	}
	printf("init: killing %s on request\n", name);
	/* Its exit message follows; the manifest decides on a restart. */
	reply(m, mlk_process_kill(s->h.process, MLK_EXIT_KILLED), 0);
}

static uint32_t state_of(const struct service *s)
{
	if (s->running)
		return MLK_INIT_RUNNING;
	if (s->gave_up)
		return MLK_INIT_GAVE_UP;
	return s->restart_at_ns ? MLK_INIT_RESTARTING : MLK_INIT_STOPPED;
}

static void do_list(struct mlk_msg *m)
{
	uint64_t index = m->w[0];

	if (m->nwords < 1 || index >= init.nservices) {
		reply(m, MLK_ERR_NOT_FOUND, 0);
		return;
	}
	const struct service *s = &init.services[index];
	memset(m->w, 0, 11 * sizeof(m->w[0]));
	strlcpy((char *)m->w, s->m.name, MLK_INIT_NAME_WORDS * 8);
	m->w[6] = s->pid;
	m->w[7] = state_of(s);
	m->w[8] = s->restarts;
	m->w[9] = s->m.priority;
	m->w[10] = (uint64_t)s->exit_code;
	reply(m, MLK_OK, 11);
}

bool control_request(struct mlk_msg *m)
{
	char name[MLK_INIT_NAME_WORDS * 8];

	if (m->label != MLK_INIT_RUN && m->label != MLK_INIT_KILL &&
	    m->label != MLK_INIT_LIST)
		return false;
	for (unsigned i = 0; i < m->nhandles; i++)
		mlk_handle_close(m->h[i]);
	if (m->label == MLK_INIT_LIST) {
		do_list(m);
		return true;
	}
	if (!mlk_msg_get_string(m, 0, MLK_INIT_NAME_WORDS, name,
				sizeof(name)) ||
	    !name[0]) {
		reply(m, MLK_ERR_BAD_ARG(1), 0);
		return true;
	}
	if (m->label == MLK_INIT_RUN)
		do_run(m, name);
	else
		do_kill(m, name);
	return true;
}
