/*
 * init's control requests (protocol: mlk/proto/init.h): run a program of
 * the boot bundle, end a service, make one fault (for tests), list them
 * all.
 */
#include <mlk/elf.h>
#include <mlk/proto/init.h>
#include <mlk/runtime.h>

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "init.h"
#include "policy.h"

/* What a program the manifest does not name runs with: below the shell,
 * the kernel log, init's default quota, no restarts. */
#define RUN_PRIORITY MLK_PRIO_DEFAULT

static void reply(struct mlk_msg *m, mlk_status_t st, unsigned nwords)
{
	m->label = (uint32_t)st;
	m->nwords = nwords;
	m->nhandles = 0;
	mlk_msg_reply(m);
}

static void unlisted_defaults(struct mlk_manifest_service *m, const char *name)
{
	memset(m, 0, sizeof(*m));
	strlcpy(m->name, name, sizeof(m->name));
	m->priority = RUN_PRIORITY;
	m->ngrants = 1;
	m->grants[0].kind = MLK_GRANT_LOG;
}

/* This run's parameters: the manifest entry (or the defaults), with the
 * run's arguments if it gave any.  A service init gave up on is under
 * supervision again, its row of crashes forgotten. */
static void prepare_run(struct service *s, const char *name, const char *args)
{
	if (s->entry)
		s->m = *s->entry;
	if (s->virtio) /* an instance keeps its own name */
		strlcpy(s->m.name, s->virtio->instance, sizeof(s->m.name));
	else if (!s->entry)
		unlisted_defaults(&s->m, name);
	if (args[0])
		strlcpy(s->m.args, args, sizeof(s->m.args));
	s->gave_up = false;
	s->crashes = 0;
	if (s->entry)
		printf("init: running %s on request, as its manifest entry "
		       "says\n",
		       name);
	else
		printf("init: running %s on request; not in the manifest: "
		       "priority %u, default quota, grant=log, no restarts\n",
		       name, RUN_PRIORITY);
}

/* Would the arguments reach the program whole (their quotes closed)? */
static bool args_pack_whole(const char *args)
{
	uint32_t argc;
	size_t used;

	return args_pack(args, NULL, MLK_STARTINFO_ARGS_SIZE, &argc, &used) ==
	       ARGS_OK;
}

static void do_run(struct mlk_msg *m, const char *name)
{
	const struct mlk_bundle_entry *elf = mlk_bundle_find(init.bundle, name);
	struct service *s = service_by_name(name);
	char args[MLK_MANIFEST_ARGS_SIZE];

	/* A program of the bundle, or an instance of one (blk0). */
	if ((!elf || MLK_BUNDLE_KIND(elf->flags) != MLK_BUNDLE_SERVICE) &&
	    !(s && s->virtio)) {
		reply(m, MLK_ERR_NOT_FOUND, 0);
		return;
	}
	if (s && s->running) {
		reply(m, MLK_ERR_EXISTS, 0);
		return;
	}
	if (!mlk_msg_get_string(m, MLK_INIT_NAME_WORDS,
				MLK_MANIFEST_ARGS_SIZE / 8, args,
				sizeof(args)) ||
	    !args_pack_whole(args)) {
		reply(m, MLK_ERR_BAD_ARG(1), 0);
		return;
	}
	if (!s && !(s = service_add(NULL, elf))) {
		reply(m, MLK_ERR_NO_RESOURCES, 0);
		return;
	}
	prepare_run(s, name, args);
	service_start(s);
	if (!s->running) {
		reply(m, MLK_ERR_FAILED, 0);
		return;
	}
	m->w[0] = s->pid;
	reply(m, MLK_OK, 1);
}

static void do_kill(struct mlk_msg *m, struct service *s)
{
	mlk_status_t st;

	printf("init: killing %s on request\n", s->m.name);
	/* Its exit message follows; the manifest decides on a restart, and
	 * this end is no crash. */
	st = mlk_process_kill(s->h.process, MLK_EXIT_KILLED);
	s->kill_requested = st == MLK_OK;
	reply(m, st, 0);
}

/*
 * Fault injection, for tests of supervision: unmap the service's code and
 * start one more thread of it at its entry point.  That thread's first
 * instruction fetch faults, so the kernel sends init a genuine fault
 * report, whatever the service's own threads are blocked in (they fault
 * too when they next run).
 */
static mlk_status_t inject_fault(const struct service *s)
{
	struct mlk_elf_info info;
	mlk_handle_t thread;
	mlk_status_t st = MLK_OK;

	if (mlk_elf_check(s->elf, s->elf_size, &info) != MLK_OK)
		return MLK_ERR_FAILED; /* it ran: it was checked */
	for (uint32_t i = 0; i < info.nsegments && st == MLK_OK; i++) {
		const struct mlk_elf_segment *seg = &info.segments[i];
		uint64_t base = MLK_PAGE_DOWN(seg->vaddr);
		uint64_t span = MLK_PAGE_UP(seg->vaddr + seg->memsz) - base;
		if (seg->flags & MLK_PF_X)
			st = mlk_aspace_unmap(s->h.aspace, base, span);
	}
	if (st == MLK_OK)
		st = mlk_thread_create(s->h.process, info.entry, 0, 0,
				       s->m.priority, "crash", 5, &thread);
	if (st != MLK_OK)
		return st;
	st = mlk_thread_start(thread);
	mlk_handle_close(thread);
	return st;
}

static void do_crash(struct mlk_msg *m, struct service *s)
{
	printf("init: making %s fault on request (fault injection)\n",
	       s->m.name);
	/* Its fault report follows, and counts as a crash. */
	reply(m, inject_fault(s), 0);
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
	memset(m->w, 0, 14 * sizeof(m->w[0]));
	strlcpy((char *)m->w, s->m.name, MLK_INIT_NAME_WORDS * 8);
	m->w[6] = s->pid;
	m->w[7] = state_of(s);
	m->w[8] = s->restarts;
	m->w[9] = s->m.priority;
	m->w[10] = (uint64_t)s->exit_code;
	m->w[11] = policy_row(s->crashes,
			      s->running ? mlk_clock_now() - s->started_ns : 0);
	m->w[12] = s->m.give_up;
	m->w[13] = (s->entry ? MLK_INIT_IN_MANIFEST : 0) |
		   (s->m.flags & MLK_SVC_RESTART ? MLK_INIT_RESTARTS : 0) |
		   (s->m.flags & MLK_SVC_PROGRAM ? MLK_INIT_PROGRAM : 0);
	reply(m, MLK_OK, 14);
}

/* KILL and CRASH: of a service that runs. */
static void do_end(struct mlk_msg *m, const char *name)
{
	struct service *s = service_by_name(name);

	if (!s || !s->running)
		reply(m, MLK_ERR_NOT_FOUND, 0);
	else if (m->label == MLK_INIT_KILL)
		do_kill(m, s);
	else
		do_crash(m, s);
}

bool control_request(struct mlk_msg *m)
{
	char name[MLK_INIT_NAME_WORDS * 8];

	if (m->label != MLK_INIT_RUN && m->label != MLK_INIT_KILL &&
	    m->label != MLK_INIT_CRASH && m->label != MLK_INIT_LIST)
		return false;
	for (unsigned i = 0; i < m->nhandles; i++)
		mlk_handle_close(m->h[i]);
	if (m->label == MLK_INIT_LIST) {
		do_list(m); /* what runs is no secret: ps for everyone */
		return true;
	}
	/* Running and ending services takes the control handle of a
	 * service granted `control`, not the names handle every one has. */
	if (!(m->badge & CONTROL_BIT)) {
		reply(m, MLK_ERR_ACCESS_DENIED, 0);
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
		do_end(m, name);
	return true;
}
