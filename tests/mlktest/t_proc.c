/*
 * Processes: create (names, quotas), give, set_supervisor, kill, exit,
 * and the exit message their supervisor gets.
 */
#include <string.h>

#include "child.h"
#include "mlktest.h"

#define KERNEL_ADDR 0xffff000000000000ull

TEST(proc, exit_message)
{
	struct child c;
	struct mlk_msg m;
	struct mlk_process_info pi;

	if (!CHECK_OK(child_spawn(&c, "exit 3", NULL)))
		return;
	if (CHECK_OK(child_recv(&c, &m, 1000 * MS))) {
		CHECK_EQ(m.label, MLK_LABEL_EXIT);
		CHECK_EQ(m.nwords, MLK_MSG_REG_WORDS);
		CHECK_EQ(m.nhandles, 0);
		CHECK_EQ(m.badge, 0);
		CHECK_EQ(m.w[0], 3);
		CHECK(m.w[3] != 0); /* a thread id */
		CHECK(m.w[4] != 0); /* the process id */
		CHECK_NE(m.w[3], m.w[4]);
		CHECK(!info_process(m.w[4], &pi)); /* gone */
	}
	/* Dead already. */
	CHECK_ST(mlk_process_kill(c.h.process, 1), MLK_ERR_BAD_STATE);
	child_cleanup(&c);
}

TEST(proc, exit_codes)
{
	static const char *const args[] = { "exit 0", "exit -5", "exit 255" };
	static const int64_t codes[] = { 0, -5, 255 };
	struct child c;
	int64_t code;

	for (unsigned i = 0; i < 3; i++) {
		if (!CHECK_OK(child_spawn(&c, args[i], NULL)))
			continue;
		code = 12345;
		CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
		CHECK_EQ(code, codes[i]);
		child_cleanup(&c);
	}
}

TEST(proc, kill)
{
	struct child c;
	int64_t code = 0;
	struct mlk_process_info pi;

	if (!CHECK_OK(child_spawn(&c, "suspend", NULL)))
		return;
	CHECK(child_settle(&c, MLK_THREAD_SUSPENDED));
	CHECK(info_process_named("mlktest-child", &pi));
	CHECK_OK(mlk_process_kill(c.h.process, 77));
	CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
	CHECK_EQ(code, 77);
	CHECK(!info_process(c.pid, &pi));
	CHECK_ST(mlk_process_kill(c.h.process, 1), MLK_ERR_BAD_STATE);
	CHECK_ST(mlk_process_kill(0, 1), MLK_ERR_BAD_HANDLE);
	child_cleanup(&c);
}

TEST(proc, kill_itself)
{
	struct child c;
	int64_t code = 0;

	if (!CHECK_OK(child_spawn(&c, "kill-self", NULL)))
		return;
	CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
	CHECK_EQ(code, 12);
	child_cleanup(&c);
}

/* A child that computes all the time, below our priority. */
TEST(proc, kill_running)
{
	struct child c;
	mlk_handle_t mem;
	volatile uint64_t *counter = map_new(MLK_PAGE_SIZE, 0, &mem);
	struct child_opts o = { .priority = mlktest_priority() - 1,
				.nhandles = 1,
				.kinds = { CHILD_H_MEM } };
	int64_t code = 0;

	if (!CHECK(counter != NULL))
		return;
	o.handles[0] = mem;
	if (CHECK_OK(child_spawn(&c, "spin", &o))) {
		/* It counts while we wait: killed while it runs. */
		CHECK(WAIT_UNTIL(*counter > 0));
		CHECK_OK(mlk_process_kill(c.h.process, 5));
		CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
		CHECK_EQ(code, 5);
		/* Gone: it counts no more, however long we leave it. */
		uint64_t seen = *counter;
		mlk_sleep(now_ns() + 10 * MS);
		CHECK_EQ(*counter, seen);
		child_cleanup(&c);
	}
	unmap((void *)counter, MLK_PAGE_SIZE);
	mlk_handle_close(mem);
}

/* The process ends with its last thread, through thread_exit too. */
TEST(proc, ends_with_last_thread)
{
	struct child c;
	int64_t code = 0;

	if (!CHECK_OK(child_spawn(&c, "threads", NULL)))
		return;
	CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
	CHECK_EQ(code, 7);
	child_cleanup(&c);
}

TEST(proc, create)
{
	static const char name[] = "mlkt-empty";
	struct mlk_process_info pi, me0, me1, me2;
	mlk_handle_t p, as;
	uint32_t t, r;
	const uint64_t quota = 256 * 1024;

	CHECK(info_self(&me0));
	if (!CHECK_OK(mlk_process_create(name, strlen(name), quota, &p, &as)))
		return;
	CHECK(info_self(&me1));
	/* A limit, not a reservation: we hold only what it holds (its
	 * tables) and its process object, far less than its quota. */
	CHECK(me1.used > me0.used);
	CHECK(me1.used < me0.used + quota / 4);
	CHECK_OK(mlk_handle_info(p, &t, &r));
	CHECK_EQ(t, MLK_OBJ_PROCESS);
	CHECK_EQ(r, MLK_RIGHT_MANAGE | MLK_RIGHTS_BASIC);
	CHECK_OK(mlk_handle_info(as, &t, &r));
	CHECK_EQ(t, MLK_OBJ_ASPACE);
	CHECK_EQ(r, MLK_RIGHT_MAP | MLK_RIGHT_MANAGE | MLK_RIGHTS_BASIC);
	if (CHECK(info_process_named(name, &pi))) {
		CHECK_EQ(pi.quota, quota);
		CHECK_EQ(pi.threads, 0);
		CHECK(pi.used > 0 && pi.used < quota);
		/* What it holds counts in our use too. */
		CHECK(me1.used - me0.used >= pi.used);
		CHECK_EQ(pi.handles, 2); /* itself and its address space */
	}
	/* No thread, so no exit message; its tables go with it. */
	CHECK_OK(mlk_process_kill(p, 1));
	CHECK(!info_process_named(name, &pi));
	CHECK(info_self(&me2));
	CHECK(me2.used < me1.used);
	mlk_handle_close(as);
	mlk_handle_close(p);
	CHECK(info_self(&me2));
	CHECK(me2.used < me0.used + MLK_PAGE_SIZE);
}

TEST(proc, create_errors)
{
	mlk_handle_t p, as;
	struct mlk_process_info me;

	CHECK_ST(mlk_process_create("x", 32, 65536, &p, &as),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_process_create("a\nb", 3, 65536, &p, &as),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(mlk_process_create(NULL, 4, 65536, &p, &as),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(mlk_process_create((void *)KERNEL_ADDR, 4, 65536, &p, &as),
		 MLK_ERR_BAD_ADDRESS);
	/* A quota past what we have left is only a limit that ours keeps
	 * lower: allowed. */
	if (CHECK(info_self(&me)) &&
	    CHECK_OK(mlk_process_create("big", 3, me.quota * 2, &p, &as))) {
		CHECK_OK(mlk_process_kill(p, 1));
		mlk_handle_close(as);
		mlk_handle_close(p);
	}
	/* Too small a quota for its own tables. */
	CHECK_ST(mlk_process_create("tiny", 4, 16, &p, &as), MLK_ERR_NO_MEMORY);
}

/* A thread in a process with nothing mapped faults at its entry. */
TEST(proc, thread_in_empty_process)
{
	static const char name[] = "mlkt-empty";
	mlk_handle_t p, as, ep, t;
	struct mlk_msg m;

	if (!CHECK_OK(mlk_process_create(name, strlen(name), 256 * 1024, &p,
					 &as)))
		return;
	if (CHECK_OK(mlk_endpoint_create(&ep))) {
		CHECK_OK(mlk_process_set_supervisor(p, ep, 0));
		if (CHECK_OK(mlk_thread_create(p, 0x400000, 0x800000, 0,
					       mlktest_priority(), "t", 1,
					       &t))) {
			CHECK_OK(mlk_thread_start(t));
			if (CHECK_OK(mlk_msg_recv(ep, &m,
						  now_ns() + 1000 * MS))) {
				CHECK_EQ(m.label, MLK_LABEL_FAULT);
				CHECK_EQ(m.w[0], MLK_FAULT_EXEC);
				CHECK_EQ(m.w[1], 0x400000);
				CHECK_EQ(m.w[2], 0x400000);
			}
			CHECK_OK(mlk_process_kill(p, 2));
			if (CHECK_OK(mlk_msg_recv(ep, &m,
						  now_ns() + 1000 * MS))) {
				CHECK_EQ(m.label, MLK_LABEL_EXIT);
				CHECK_EQ(m.w[0], 2);
			}
			/* Too late for more threads. */
			CHECK_ST(mlk_thread_create(p, 0x400000, 0x800000, 0, 1,
						   "u", 1,
						   &(mlk_handle_t){ 0 }),
				 MLK_ERR_BAD_STATE);
			mlk_handle_close(t);
		}
		mlk_handle_close(ep);
	}
	mlk_process_kill(p, 1);
	mlk_handle_close(as);
	mlk_handle_close(p);
}

TEST(proc, give)
{
	struct child c;
	mlk_handle_t ep, n, theirs = 0;
	struct child_opts o = { .nhandles = 1, .kinds = { CHILD_H_SERVE } };
	struct mlk_msg m;
	uint64_t bits = 0;

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	o.handles[0] = ep;
	if (CHECK_OK(child_spawn(&c, "server", &o))) {
		if (CHECK_OK(mlk_notification_create(&n))) {
			CHECK_OK(mlk_process_give(c.h.process, n,
						  MLK_RIGHT_SIGNAL, &theirs));
			CHECK(theirs != 0);
			m = (struct mlk_msg){ .label = SRV_SIGNAL,
					      .nwords = 2,
					      .w = { 0x60, theirs } };
			CHECK_OK(mlk_msg_call(ep, &m, now_ns() + 1000 * MS));
			CHECK_EQ(m.label, MLK_OK);
			CHECK_OK(mlk_poll(n, &bits));
			CHECK_EQ(bits, 0x60);
			/* Only the rights given: it may not wait on it. */
			mlk_handle_close(n);
		}
		child_cleanup(&c);
	}
	mlk_handle_close(ep);
}

TEST(proc, give_errors)
{
	struct child c;
	mlk_handle_t n, no_dup, no_xfer, weak_proc, theirs;

	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	if (!CHECK_OK(child_spawn(&c, "suspend", NULL))) {
		mlk_handle_close(n);
		return;
	}
	CHECK_OK(mlk_handle_duplicate(n, MLK_RIGHT_SIGNAL | MLK_RIGHT_TRANSFER,
				      &no_dup));
	CHECK_OK(mlk_handle_duplicate(n, MLK_RIGHT_SIGNAL | MLK_RIGHT_DUPLICATE,
				      &no_xfer));
	CHECK_OK(mlk_handle_duplicate(c.h.process, MLK_RIGHTS_BASIC,
				      &weak_proc));
	CHECK_ST(mlk_process_give(weak_proc, n, MLK_RIGHT_SIGNAL, &theirs),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_process_give(c.h.process, no_dup, MLK_RIGHT_SIGNAL,
				  &theirs),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_process_give(c.h.process, no_xfer, MLK_RIGHT_SIGNAL,
				  &theirs),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_process_give(c.h.process, n, MLK_RIGHT_READ, &theirs),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_process_give(c.h.process, n, 1u << 12, &theirs),
		 MLK_ERR_BAD_ARG(2));
	CHECK_ST(mlk_process_give(n, n, MLK_RIGHT_SIGNAL, &theirs),
		 MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_process_give(c.h.process, 0, 0, &theirs),
		 MLK_ERR_BAD_HANDLE);
	/* The self process handle has no TRANSFER: it stays ours. */
	CHECK_ST(mlk_process_give(c.h.process, MLK_HANDLE_SELF_PROCESS, 0,
				  &theirs),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_OK(mlk_process_kill(c.h.process, 1));
	CHECK_ST(mlk_process_give(c.h.process, n, MLK_RIGHT_SIGNAL, &theirs),
		 MLK_ERR_PEER_CLOSED);
	mlk_handle_close(weak_proc);
	mlk_handle_close(no_xfer);
	mlk_handle_close(no_dup);
	child_cleanup(&c);
	mlk_handle_close(n);
}

TEST(proc, set_supervisor)
{
	struct child c;
	mlk_handle_t ep2, send_only, weak;
	struct mlk_msg m;
	uint64_t pid = 0;

	if (!CHECK_OK(child_spawn(&c, "suspend", NULL)))
		return;
	CHECK_OK(mlk_object_id(c.h.process, &pid));
	if (CHECK_OK(mlk_endpoint_create(&ep2))) {
		CHECK_OK(mlk_process_set_supervisor(c.h.process, ep2, 99));
		/* Errors leave it as it is. */
		CHECK_OK(mlk_handle_duplicate(ep2, MLK_RIGHT_SEND, &send_only));
		CHECK_ST(mlk_process_set_supervisor(c.h.process, send_only, 1),
			 MLK_ERR_ACCESS_DENIED);
		CHECK_ST(mlk_process_set_supervisor(c.h.process,
						    MLK_HANDLE_SELF_THREAD, 1),
			 MLK_ERR_WRONG_TYPE);
		CHECK_OK(mlk_handle_duplicate(c.h.process, MLK_RIGHTS_BASIC,
					      &weak));
		CHECK_ST(mlk_process_set_supervisor(weak, ep2, 1),
			 MLK_ERR_ACCESS_DENIED);
		/* Not even a process's own reports are its own to move. */
		CHECK_ST(mlk_process_set_supervisor(MLK_HANDLE_SELF_PROCESS,
						    ep2, 1),
			 MLK_ERR_ACCESS_DENIED);
		mlk_handle_close(weak);
		mlk_handle_close(send_only);
		CHECK_OK(mlk_process_kill(c.h.process, 4));
		if (CHECK_OK(mlk_msg_recv(ep2, &m, now_ns() + 1000 * MS))) {
			CHECK_EQ(m.label, MLK_LABEL_EXIT);
			CHECK_EQ(m.badge, 99);
			CHECK_EQ(m.w[0], 4);
			CHECK_EQ(m.w[4], pid);
		}
		/* Nothing came to the old one. */
		CHECK_ST(mlk_msg_recv(c.sup, &m, 1), MLK_ERR_TIMED_OUT);
		CHECK_ST(mlk_process_set_supervisor(c.h.process, ep2, 99),
			 MLK_ERR_PEER_CLOSED);
		c.dead = true;
		mlk_handle_close(ep2);
	}
	child_cleanup(&c);
}
