/*
 * Hostile children: the directed attacks on supervision and process
 * lifetime of issue 8, each a regression test.  A process cannot leave
 * its supervision, cannot point another process's reports at an endpoint
 * it may only send to, dies with its parent, and is reclaimed once
 * nothing can make it run again.
 */
#include <mlk/msg.h>
#include <mlk/sysinfo.h>

#include <string.h>

#include "child.h"
#include "mlktest.h"

/* What we have charged to us and how many processes there are. */
struct footprint {
	uint64_t used;
	uint64_t processes;
};

static bool footprint(struct footprint *f)
{
	struct mlk_process_info pi;

	if (!info_self(&pi))
		return false;
	f->used = pi.used;
	f->processes = info_count(MLK_INFO_PROCESSES);
	return true;
}

/* Wait (bounded) until process `pid` is gone from the kernel's list. */
static bool process_gone(uint64_t pid)
{
	struct mlk_process_info pi;

	for (int i = 0; i < 100; i++) {
		if (!info_process(pid, &pi))
			return true;
		mlk_sleep(now_ns() + MS);
	}
	return false;
}

static bool child_report(struct child *c, struct mlk_msg *m)
{
	return CHECK_OK(child_recv(c, m, 1000 * MS)) &&
	       CHECK_EQ(m->label, CHILD_REPORT);
}

/* Finding 1: endpoint_create, set_supervisor(self, it), exit. */
TEST(hostile, cannot_leave_supervision)
{
	struct child c;
	struct mlk_msg m;
	int64_t code = 0;
	uint64_t pid = 0;

	if (!CHECK_OK(child_spawn(&c, "detach", NULL)))
		return;
	CHECK_OK(mlk_object_id(c.h.process, &pid));
	if (child_report(&c, &m))
		CHECK_ST((mlk_status_t)m.w[0], MLK_ERR_ACCESS_DENIED);
	/* Its exit still comes to us, about it. */
	CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
	CHECK_EQ(code, 5);
	CHECK_EQ(c.pid, pid);
	child_cleanup(&c);
}

/* Finding 2: a decoy process pointed at the send-only handle we gave
 * (as init's names handle was), or a sibling taken over. */
TEST(hostile, cannot_redirect_reports)
{
	struct child sib, c;
	struct child_opts o = { .nhandles = 1, .kinds = { CHILD_H_PROCESS } };
	struct mlk_msg m;
	int64_t code = -1;
	uint64_t pid = 0;

	if (!CHECK_OK(child_spawn(&sib, "suspend", NULL)))
		return;
	o.handles[0] = sib.h.process;
	if (CHECK_OK(child_spawn(&c, "decoy", &o))) {
		CHECK_OK(mlk_object_id(c.h.process, &pid));
		if (child_report(&c, &m)) {
			CHECK_ST((mlk_status_t)m.w[0], MLK_ERR_ACCESS_DENIED);
			CHECK_ST((mlk_status_t)m.w[1], MLK_OK);
			CHECK_ST((mlk_status_t)m.w[2], MLK_ERR_ACCESS_DENIED);
			CHECK_ST((mlk_status_t)m.w[3], MLK_OK);
			/* Its own decoy reports to it, as it set up. */
			CHECK_ST((mlk_status_t)m.w[4], MLK_OK);
			CHECK_EQ(m.w[5], MLK_LABEL_EXIT);
			CHECK_EQ(m.w[6], 7);
			CHECK_EQ(m.w[7], 97);
		}
		/* The one exit we hear of is the child's own. */
		CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
		CHECK_EQ(code, 0);
		CHECK_EQ(c.pid, pid);
		child_cleanup(&c);
	}
	CHECK_ST(mlk_msg_recv(sib.sup, &m, 1), MLK_ERR_TIMED_OUT);
	child_cleanup(&sib);
}

/* Finding 3: the child of a killed process dies with it. */
TEST(hostile, children_die_with_parent)
{
	struct footprint before = { 0 }, after = { 0 };
	struct mlk_process_info pi;
	struct child c;
	struct mlk_msg m;
	uint64_t grandchild = 0;

	if (!CHECK(footprint(&before)) ||
	    !CHECK_OK(child_spawn(&c, "grandparent", NULL)))
		return;
	if (child_report(&c, &m)) {
		CHECK_ST((mlk_status_t)m.w[0], MLK_OK);
		grandchild = m.w[1];
		CHECK(info_process(grandchild, &pi));
	}
	CHECK_OK(mlk_process_kill(c.h.process, 3));
	CHECK_OK(child_wait_exit(&c, 1000 * MS, NULL));
	if (grandchild)
		CHECK(process_gone(grandchild));
	child_cleanup(&c);
	CHECK(footprint(&after));
	CHECK_EQ(after.processes, before.processes);
	CHECK_EQ(after.used, before.used);
}

/* Finding 4: process_create, then close both handles: it goes, with all
 * it cost. */
TEST(hostile, unreachable_process_freed)
{
	struct footprint before = { 0 }, after = { 0 };
	mlk_handle_t p, as, t;

	if (!CHECK(footprint(&before)))
		return;
	for (int i = 0; i < 10; i++) {
		if (!CHECK_OK(mlk_process_create("orphan", 6, 256 * 1024, &p,
						 &as)))
			break;
		/* A thread never started keeps nothing alive either. */
		if (i & 1)
			CHECK_OK(mlk_thread_create(p, 0x400000, 0, 0, 1, "t", 1,
						   &t));
		CHECK_OK(mlk_handle_close(p));
		if (i & 1)
			CHECK_ST(mlk_thread_start(t), MLK_ERR_BAD_STATE);
		CHECK_OK(mlk_handle_close(as));
		if (i & 1)
			CHECK_OK(mlk_handle_close(t));
	}
	CHECK(footprint(&after));
	CHECK_EQ(after.processes, before.processes);
	CHECK_EQ(after.used, before.used);
}

/* A running process nobody holds goes on; its last thread's exit ends it
 * even with a thread never started left behind. */
TEST(hostile, unheld_process_runs_until_it_exits)
{
	struct footprint before = { 0 }, after = { 0 };
	struct child c;
	int64_t code = 0;

	if (!CHECK(footprint(&before)) ||
	    !CHECK_OK(child_spawn(&c, "threads", NULL)))
		return;
	/* Only its supervisor endpoint: the exit still comes. */
	mlk_handle_close(c.h.process);
	mlk_handle_close(c.h.aspace);
	mlk_handle_close(c.h.thread);
	memset(&c.h, 0, sizeof(c.h));
	CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
	CHECK_EQ(code, 7);
	c.dead = true;
	child_cleanup(&c);
	CHECK(footprint(&after));
	CHECK_EQ(after.processes, before.processes);
	CHECK_EQ(after.used, before.used);
}
