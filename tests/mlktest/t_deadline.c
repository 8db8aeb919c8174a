/*
 * Deadlines of call, recv, wait and sleep: absolute times of the
 * monotonic clock; 0 waits for ever, a time already past times out at
 * once, and a wait that ended in time leaves no timeout behind.
 */
#include "mlktest.h"

static mlk_handle_t endpoint(void)
{
	mlk_handle_t ep = 0;

	CHECK_OK(mlk_endpoint_create(&ep));
	return ep;
}

/* The call's status and how long it took, against what is expected. */
static void check_timed(mlk_status_t st, uint64_t t0, uint64_t min_ns,
			uint64_t max_ns, int line)
{
	uint64_t took = now_ns() - t0;

	mlkcheck_check(st == MLK_ERR_TIMED_OUT, __FILE__, line,
		       "status " MLKCHECK_ST_FMT ", expected TIMED_OUT",
		       MLKCHECK_ST(st));
	mlkcheck_check(took >= min_ns && took <= max_ns, __FILE__, line,
		       "took %lu us, expected %lu..%lu us",
		       (unsigned long)(took / 1000),
		       (unsigned long)(min_ns / 1000),
		       (unsigned long)(max_ns / 1000));
}
#define CHECK_TIMED(st, t0, min, max) check_timed(st, t0, min, max, __LINE__)

TEST(deadline, recv)
{
	mlk_handle_t ep = endpoint();
	struct mlk_ipc io = { 0 };
	uint64_t t0 = now_ns();

	CHECK_TIMED(mlk_ipc_recv(ep, t0 + 10 * MS, &io), t0, 10 * MS,
		    2000 * MS);
	mlk_handle_close(ep);
}

TEST(deadline, past_deadlines_time_out_at_once)
{
	mlk_handle_t ep = endpoint(), n;
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };
	uint64_t bits, t0 = now_ns();

	CHECK_TIMED(mlk_ipc_recv(ep, 1, &io), t0, 0, 1000 * MS);
	io.info = MLK_MSGINFO(1, 0, 0);
	CHECK_TIMED(mlk_ipc_call(ep, t0, &io), t0, 0, 1000 * MS);
	if (CHECK_OK(mlk_notification_create(&n))) {
		CHECK_TIMED(mlk_wait(n, 1, &bits), t0, 0, 1000 * MS);
		/* Bits already there win over the deadline. */
		CHECK_OK(mlk_signal(n, 2));
		CHECK_OK(mlk_wait(n, 1, &bits));
		CHECK_EQ(bits, 2);
		mlk_handle_close(n);
	}
	mlk_handle_close(ep);
}

TEST(deadline, call_without_receiver)
{
	mlk_handle_t ep = endpoint();
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };
	uint64_t t0 = now_ns();

	CHECK_TIMED(mlk_ipc_call(ep, t0 + 10 * MS, &io), t0, 10 * MS,
		    2000 * MS);
	/* Given up: no receiver finds it queued afterwards. */
	CHECK_ST(mlk_ipc_recv(ep, 1, &io), MLK_ERR_TIMED_OUT);
	mlk_handle_close(ep);
}

/* Receive a call and sit on it until told to go on, then reply. */
struct slow_server {
	mlk_handle_t ep, go;
	mlk_status_t recv_st, reply_st;
};

static void serve_slowly(void *arg)
{
	struct slow_server *s = arg;
	struct mlk_ipc io = { 0 };
	uint64_t bits;

	s->recv_st = mlk_ipc_recv(s->ep, 0, &io);
	mlk_wait(s->go, 0, &bits);
	io.info = MLK_MSGINFO(1, 0, 0);
	s->reply_st = mlk_ipc_reply(&io);
}

TEST(deadline, call_waiting_for_reply)
{
	struct slow_server s = { .ep = endpoint() };
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };
	struct worker w;
	uint64_t t0;

	if (CHECK_OK(mlk_notification_create(&s.go))) {
		if (CHECK_OK(worker_start(&w, serve_slowly, &s,
					  mlktest_priority()))) {
			/* In recv: the call reaches it at once, the deadline
			 * runs out while the call waits for the reply. */
			CHECK(worker_settle(&w, MLK_THREAD_RECV));
			t0 = now_ns();
			CHECK_TIMED(mlk_ipc_call(s.ep, t0 + 15 * MS, &io), t0,
				    15 * MS, 2000 * MS);
			mlk_signal(s.go, 1);
			CHECK(worker_join(&w, 1000 * MS));
			CHECK_OK(s.recv_st);
			/* The caller is gone: nobody to reply to. */
			CHECK_ST(s.reply_st, MLK_ERR_NO_REPLY);
		}
		mlk_handle_close(s.go);
	}
	mlk_handle_close(s.ep);
}

TEST(deadline, wait)
{
	mlk_handle_t n;
	uint64_t bits = 0, t0 = now_ns();

	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	CHECK_TIMED(mlk_wait(n, t0 + 10 * MS, &bits), t0, 10 * MS, 2000 * MS);
	mlk_handle_close(n);
}

/*
 * Signal the notification at once, send on the endpoint send_after later.
 * The worker must signal before our deadline; when the host held it back
 * past that (our wait timed out, but not early), no verdict: again, with
 * four times the margin.
 */
#define FIRST_MARGIN (50 * MS)
#define LAST_MARGIN (800 * MS)
struct late {
	mlk_handle_t n, ep;
	mlk_status_t st;
	uint64_t send_after;
};

static void signal_then_send(void *arg)
{
	struct late *l = arg;
	struct mlk_ipc io = { .info = MLK_MSGINFO(8, 0, 0) };

	mlk_signal(l->n, 1);
	mlk_sleep(now_ns() + l->send_after);
	l->st = mlk_ipc_send(l->ep, &io);
}

/* A wait ends in time; the next wait, a recv without deadline, runs past
 * the first one's.  False: the host was too slow to tell. */
static bool wait_then_recv(struct late *l, uint64_t margin)
{
	struct mlk_ipc io = { 0 };
	struct worker w;
	uint64_t bits, deadline;
	mlk_status_t st;

	l->send_after = 2 * margin;
	if (!CHECK_OK(
		    worker_start(&w, signal_then_send, l, mlktest_priority())))
		return true;
	deadline = now_ns() + margin;
	st = mlk_wait(l->n, deadline, &bits);
	if (st == MLK_ERR_TIMED_OUT)
		CHECK(now_ns() >= deadline);
	else
		CHECK_OK(st);
	CHECK_OK(mlk_ipc_recv(l->ep, 0, &io));
	CHECK_EQ(MLK_MSGINFO_LABEL(io.info), 8);
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_OK(l->st);
	mlk_poll(l->n, &bits); /* what a late signal left */
	return st != MLK_ERR_TIMED_OUT;
}

/* A receive ends in time; a sleep past its deadline is not cut short. */
static bool recv_then_sleep(struct late *l, uint64_t margin)
{
	struct mlk_ipc io = { 0 };
	struct worker w;
	uint64_t t0 = now_ns();
	mlk_status_t st;

	l->send_after = 2 * margin;
	if (!CHECK_OK(
		    worker_start(&w, signal_then_send, l, mlktest_priority())))
		return true;
	st = mlk_ipc_recv(l->ep, t0 + 2 * l->send_after, &io);
	if (st == MLK_ERR_TIMED_OUT) {
		CHECK(now_ns() >= t0 + 2 * l->send_after);
		CHECK_OK(mlk_ipc_recv(l->ep, 0, &io)); /* let it end */
	} else if (CHECK_OK(st)) {
		CHECK_OK(mlk_sleep(t0 + 3 * l->send_after));
		CHECK(now_ns() >= t0 + 3 * l->send_after);
	}
	CHECK(worker_join(&w, 1000 * MS));
	return st != MLK_ERR_TIMED_OUT;
}

/* Attempts with growing margins, until one could tell. */
static void with_margins(bool (*attempt)(struct late *, uint64_t), int line)
{
	struct late l = { .ep = endpoint() };
	bool told = false;

	if (CHECK_OK(mlk_notification_create(&l.n))) {
		for (uint64_t m = FIRST_MARGIN; !told && m <= LAST_MARGIN;
		     m *= 4)
			told = attempt(&l, m);
		mlkcheck_check(told, __FILE__, line,
			       "the worker was never in time, even with %lu ms",
			       (unsigned long)(LAST_MARGIN / MS));
		mlk_handle_close(l.n);
	}
	mlk_handle_close(l.ep);
}

TEST(deadline, satisfied_wait_leaves_no_timeout)
{
	with_margins(wait_then_recv, __LINE__);
}

TEST(deadline, satisfied_recv_leaves_no_timeout)
{
	with_margins(recv_then_sleep, __LINE__);
}

/* Signal after 10 ms. */
static void signal_later(void *arg)
{
	struct late *l = arg;

	mlk_sleep(now_ns() + 10 * MS);
	l->st = mlk_signal(l->n, 0x10);
}

TEST(deadline, far_future_deadline)
{
	struct late l = { 0 };
	struct worker w;
	uint64_t bits = 0, t0 = now_ns();

	if (!CHECK_OK(mlk_notification_create(&l.n)))
		return;
	/* The largest deadline does not wrap into the past. */
	if (CHECK_OK(worker_start(&w, signal_later, &l, mlktest_priority()))) {
		CHECK_OK(mlk_wait(l.n, UINT64_MAX, &bits));
		CHECK_EQ(bits, 0x10);
		CHECK(now_ns() - t0 >= 10 * MS);
		CHECK(worker_join(&w, 1000 * MS));
	}
	mlk_handle_close(l.n);
}
