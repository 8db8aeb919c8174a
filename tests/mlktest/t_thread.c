/*
 * Threads: create, start, exit, suspend, resume, set_priority, and the
 * states system_info reports for each way of waiting.
 */
#include <string.h>

#include "mlktest.h"

#define KERNEL_ADDR 0xffff000000000000ull

static uint32_t state_of(const struct worker *w)
{
	struct mlk_thread_info ti;

	return worker_info(w, &ti) ? ti.state : MLK_THREAD_DEAD;
}

static void set_flag(void *arg)
{
	*(volatile int *)arg = 1;
}

TEST(thread, create_start_exit)
{
	volatile int ran = 0;
	struct worker w;

	if (!CHECK_OK(worker_start(&w, set_flag, (void *)&ran,
				   mlktest_priority())))
		return;
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_EQ(ran, 1);
}

TEST(thread, created_then_started)
{
	volatile int ran = 0;
	struct worker w;
	struct mlk_thread_info ti;
	uint32_t t, r;

	if (!CHECK_OK(worker_create(&w, set_flag, (void *)&ran,
				    mlktest_priority() - 1)))
		return;
	CHECK_OK(mlk_handle_info(w.thread, &t, &r));
	CHECK_EQ(t, MLK_OBJ_THREAD);
	CHECK_EQ(r, MLK_RIGHT_MANAGE | MLK_RIGHTS_BASIC);
	if (CHECK(worker_info(&w, &ti))) {
		CHECK_EQ(ti.state, MLK_THREAD_CREATED);
		CHECK_EQ(ti.priority, mlktest_priority() - 1);
		CHECK_EQ(ti.cpu_ns, 0);
	}
	mlk_sleep(now_ns() + 2 * MS);
	CHECK_EQ(ran, 0);
	CHECK_OK(mlk_thread_start(w.thread));
	CHECK_ST(mlk_thread_start(w.thread), MLK_ERR_BAD_STATE);
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_EQ(ran, 1);
}

/* A thread never started goes with its last handle. */
TEST(thread, unstarted_thread_closed)
{
	struct mlk_process_info before, during, after;
	volatile int ran = 0;
	struct worker w;

	CHECK(info_self(&before));
	if (!CHECK_OK(worker_create(&w, set_flag, (void *)&ran,
				    mlktest_priority())))
		return;
	CHECK(info_self(&during));
	CHECK_EQ(during.threads, before.threads + 1);
	CHECK_OK(mlk_handle_close(w.thread));
	CHECK(info_self(&after));
	CHECK_EQ(after.threads, before.threads);
	CHECK(worker_gone(&w));
	CHECK_EQ(ran, 0);
	/* What worker_join would free. */
	mlk_handle_close(w.done);
	unmap(w.stack, 64 * 1024);
}

TEST(thread, create_errors)
{
	const uint32_t p = mlktest_priority();
	const uint64_t entry = (uint64_t)set_flag, stack = 0x800000;
	const mlk_handle_t self = MLK_HANDLE_SELF_PROCESS;
	mlk_handle_t t;

	CHECK_ST(mlk_thread_create(self, entry, stack, 0, 64, "t", 1, &t),
		 MLK_ERR_BAD_ARG(4));
	CHECK_ST(mlk_thread_create(self, entry, stack, 0, p + 1, "t", 1, &t),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_thread_create(self, 0, stack, 0, p, "t", 1, &t),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_thread_create(self, entry + 2, stack, 0, p, "t", 1, &t),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_thread_create(self, MLK_USER_END, stack, 0, p, "t", 1, &t),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_thread_create(self, KERNEL_ADDR, stack, 0, p, "t", 1, &t),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_thread_create(self, entry, stack + 8, 0, p, "t", 1, &t),
		 MLK_ERR_BAD_ARG(2));
	CHECK_ST(mlk_thread_create(self, entry, MLK_USER_END, 0, p, "t", 1, &t),
		 MLK_ERR_BAD_ARG(2));
	CHECK_ST(mlk_thread_create(self, entry, stack, 0, p,
				   "a-name-of-32-characters-exactly", 32, &t),
		 MLK_ERR_BAD_ARG(6));
	CHECK_ST(mlk_thread_create(self, entry, stack, 0, p, "t\x01", 2, &t),
		 MLK_ERR_BAD_ARG(5));
	CHECK_ST(mlk_thread_create(self, entry, stack, 0, p, NULL, 4, &t),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(mlk_thread_create(self, entry, stack, 0, p,
				   (void *)KERNEL_ADDR, 4, &t),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(mlk_thread_create(MLK_HANDLE_SELF_ASPACE, entry, stack, 0, p,
				   "t", 1, &t),
		 MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_thread_create(0, entry, stack, 0, p, "t", 1, &t),
		 MLK_ERR_BAD_HANDLE);
}

struct counter {
	volatile uint64_t n;
	volatile int stop;
};

static void count(void *arg)
{
	struct counter *c = arg;

	while (!c->stop)
		c->n++;
}

TEST(thread, suspend_resume)
{
	struct counter c = { 0 };
	struct worker w;
	uint64_t frozen;

	/* Below us: it counts while we wait. */
	if (!CHECK_OK(worker_start(&w, count, &c, mlktest_priority() - 1)))
		return;
	CHECK(WAIT_UNTIL(c.n > 0));
	CHECK_OK(mlk_thread_suspend(w.thread));
	CHECK_EQ(state_of(&w), MLK_THREAD_SUSPENDED);
	/* It would run while we sleep, if it could. */
	frozen = c.n;
	mlk_sleep(now_ns() + 10 * MS);
	CHECK_EQ(c.n, frozen);
	/* Twice is the same as once. */
	CHECK_OK(mlk_thread_suspend(w.thread));
	CHECK_OK(mlk_thread_resume(w.thread));
	CHECK_ST(mlk_thread_resume(w.thread), MLK_ERR_BAD_STATE);
	CHECK(WAIT_UNTIL(c.n > frozen));
	c.stop = 1;
	CHECK(worker_join(&w, 1000 * MS));
}

struct waiter {
	mlk_handle_t n;
	mlk_status_t st;
	uint64_t bits;
	volatile int done;
};

static void wait_once(void *arg)
{
	struct waiter *wt = arg;

	wt->st = mlk_wait(wt->n, 0, &wt->bits);
	wt->done = 1;
}

/* Suspended while blocked: the wait ends, the thread runs on resume. */
TEST(thread, suspend_while_blocked)
{
	struct waiter wt = { 0 };
	struct worker w;

	if (!CHECK_OK(mlk_notification_create(&wt.n)))
		return;
	if (CHECK_OK(worker_start(&w, wait_once, &wt, mlktest_priority()))) {
		CHECK(worker_settle(&w, MLK_THREAD_WAIT));
		CHECK_OK(mlk_thread_suspend(w.thread));
		CHECK_OK(mlk_signal(wt.n, 0x9));
		mlk_sleep(now_ns() + 5 * MS);
		CHECK_EQ(wt.done, 0);
		CHECK_EQ(state_of(&w), MLK_THREAD_SUSPENDED);
		CHECK_OK(mlk_thread_resume(w.thread));
		CHECK(worker_join(&w, 1000 * MS));
		CHECK_OK(wt.st);
		CHECK_EQ(wt.bits, 0x9);
	}
	mlk_handle_close(wt.n);
}

struct self_suspend {
	struct worker *me;
	mlk_status_t st;
	volatile int after;
};

static void suspend_myself(void *arg)
{
	struct self_suspend *s = arg;

	s->st = mlk_thread_suspend(s->me->thread);
	s->after = 1;
}

TEST(thread, suspend_self)
{
	struct worker w;
	struct self_suspend s = { .me = &w, .st = -1 };

	if (!CHECK_OK(worker_start(&w, suspend_myself, &s, mlktest_priority())))
		return;
	CHECK(worker_settle(&w, MLK_THREAD_SUSPENDED));
	CHECK_EQ(s.after, 0);
	CHECK_OK(mlk_thread_resume(w.thread));
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_OK(s.st);
	CHECK_EQ(s.after, 1);
}

TEST(thread, resume_errors)
{
	volatile int ran = 0;
	struct worker w;

	/* Not suspended: nothing to resume. */
	CHECK_ST(mlk_thread_resume(MLK_HANDLE_SELF_THREAD), MLK_ERR_BAD_STATE);
	if (!CHECK_OK(worker_create(&w, set_flag, (void *)&ran,
				    mlktest_priority())))
		return;
	CHECK_ST(mlk_thread_resume(w.thread), MLK_ERR_BAD_STATE);
	/* Suspended before it starts: starting it does not run it. */
	CHECK_OK(mlk_thread_suspend(w.thread));
	CHECK_OK(mlk_thread_start(w.thread));
	mlk_sleep(now_ns() + 2 * MS);
	CHECK_EQ(ran, 0);
	CHECK_EQ(state_of(&w), MLK_THREAD_SUSPENDED);
	CHECK_OK(mlk_thread_resume(w.thread));
	mlk_handle_t t = w.thread;
	mlk_handle_t keep;
	CHECK_OK(mlk_handle_duplicate(t, MLK_RIGHT_MANAGE, &keep));
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_EQ(ran, 1);
	/* Dead. */
	CHECK_ST(mlk_thread_suspend(keep), MLK_ERR_BAD_STATE);
	CHECK_ST(mlk_thread_resume(keep), MLK_ERR_BAD_STATE);
	CHECK_ST(mlk_thread_set_priority(keep, 1), MLK_ERR_BAD_STATE);
	CHECK_ST(mlk_thread_start(keep), MLK_ERR_BAD_STATE);
	mlk_handle_close(keep);
}

TEST(thread, set_priority)
{
	const uint32_t p = mlktest_priority();
	volatile int ran = 0;
	struct worker w;
	struct mlk_thread_info ti;

	if (!CHECK_OK(worker_create(&w, set_flag, (void *)&ran, p - 1)))
		return;
	CHECK_OK(mlk_thread_set_priority(w.thread, p - 5));
	if (CHECK(worker_info(&w, &ti)))
		CHECK_EQ(ti.priority, p - 5);
	CHECK_OK(mlk_thread_set_priority(w.thread, p));
	CHECK_ST(mlk_thread_set_priority(w.thread, p + 1),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_thread_set_priority(w.thread, 64), MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_thread_set_priority(w.thread, 0x7fffffff),
		 MLK_ERR_BAD_ARG(1));
	if (CHECK(worker_info(&w, &ti)))
		CHECK_EQ(ti.priority, p);
	/* Our own: the same is fine, higher is not. */
	CHECK_OK(mlk_thread_set_priority(MLK_HANDLE_SELF_THREAD, p));
	CHECK_ST(mlk_thread_set_priority(MLK_HANDLE_SELF_THREAD, p + 1),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_OK(mlk_thread_start(w.thread));
	CHECK(worker_join(&w, 1000 * MS));
}

/* ---- what system_info says a thread is doing ----------------------------- */

struct blocker {
	mlk_handle_t ep, n;
	int what;
	mlk_status_t st;
	volatile int stop; /* DO_SLEEP: sleep no more */
};

enum { DO_RECV, DO_SEND, DO_CALL, DO_WAIT, DO_SLEEP };

static void block(void *arg)
{
	struct blocker *b = arg;
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };
	uint64_t bits;

	switch (b->what) {
	case DO_RECV:
		b->st = mlk_ipc_recv(b->ep, 0, &io);
		break;
	case DO_SEND:
		b->st = mlk_ipc_send(b->ep, &io);
		break;
	case DO_CALL:
		b->st = mlk_ipc_call(b->ep, 0, &io);
		break;
	case DO_WAIT:
		b->st = mlk_wait(b->n, 0, &bits);
		break;
	default:
		/* Short sleeps until told: asleep whenever we look, however
		 * late that is. */
		do
			b->st = mlk_sleep(now_ns() + 10 * MS);
		while (b->st == MLK_OK && !b->stop);
		break;
	}
}

static void check_state(int what, uint32_t want, int line)
{
	struct blocker b = { .what = what };
	struct worker w;
	struct mlk_ipc io = { 0 };
	uint32_t got;

	if (!CHECK_OK(mlk_endpoint_create(&b.ep)))
		return;
	if (CHECK_OK(mlk_notification_create(&b.n)) &&
	    CHECK_OK(worker_start(&w, block, &b, mlktest_priority()))) {
		if (what == DO_CALL)
			mlk_ipc_recv(b.ep, 0, &io); /* now it waits for us */
		got = worker_settle(&w, want) ? want : state_of(&w);
		mlkcheck_check(got == want, __FILE__, line,
			       "thread state %u, expected %u", got, want);
		/* Let it go. */
		io.info = MLK_MSGINFO(1, 0, 0);
		if (what == DO_RECV)
			mlk_ipc_send(b.ep, &io);
		else if (what == DO_SEND)
			mlk_ipc_recv(b.ep, 0, &io);
		else if (what == DO_CALL)
			mlk_ipc_reply(&io);
		else if (what == DO_WAIT)
			mlk_signal(b.n, 1);
		else
			b.stop = 1;
		CHECK(worker_join(&w, 1000 * MS));
		CHECK_OK(b.st);
	}
	mlk_handle_close(b.n);
	mlk_handle_close(b.ep);
}

TEST(thread, states)
{
	struct mlk_thread_info ti;
	struct mlk_process_info me;

	check_state(DO_RECV, MLK_THREAD_RECV, __LINE__);
	check_state(DO_SEND, MLK_THREAD_SEND, __LINE__);
	check_state(DO_CALL, MLK_THREAD_REPLY, __LINE__);
	check_state(DO_WAIT, MLK_THREAD_WAIT, __LINE__);
	check_state(DO_SLEEP, MLK_THREAD_SLEEP, __LINE__);
	/* Whoever asks is running. */
	struct worker self = { 0 };
	strcpy(self.name, "mlktest");
	if (CHECK(info_self(&me)) && CHECK(worker_info(&self, &ti))) {
		CHECK_EQ(ti.state, MLK_THREAD_RUNNING);
		CHECK_EQ(ti.pid, me.pid);
		CHECK(ti.cpu_ns > 0);
	}
}

/* Each thread has its own IPC buffer page. */
static void note_ipc_buffer(void *arg)
{
	*(struct mlk_ipc_buffer **)arg = mlk_ipc_buffer();
}

TEST(thread, own_ipc_buffer)
{
	struct mlk_ipc_buffer *theirs = NULL, *mine = mlk_ipc_buffer();
	struct worker w;

	CHECK((uint64_t)mine >= MLK_IPC_BUFFER_BASE &&
	      (uint64_t)mine < MLK_IPC_BUFFER_END);
	if (!CHECK_OK(worker_start(&w, note_ipc_buffer, &theirs,
				   mlktest_priority())))
		return;
	CHECK(worker_join(&w, 1000 * MS));
	CHECK(theirs != NULL && theirs != mine);
	CHECK((uint64_t)theirs >= MLK_IPC_BUFFER_BASE &&
	      (uint64_t)theirs < MLK_IPC_BUFFER_END);
}
