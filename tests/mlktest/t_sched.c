/*
 * Scheduling: strict priorities (a higher thread made ready runs at once,
 * a lower one waits), round robin among equals over 5 ms time slices,
 * yield, and priority changes taking effect.
 */
#include "mlktest.h"

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

/* The signal wakes us, above it: we run before its next instruction. */
struct signaller {
	mlk_handle_t n;
	volatile int after_signal;
};

static void signal_and_mark(void *arg)
{
	struct signaller *s = arg;

	mlk_signal(s->n, 1);
	s->after_signal = 1;
}

TEST(sched, higher_priority_preempts)
{
	struct signaller s = { 0 };
	struct worker w;
	uint64_t bits;

	if (!CHECK_OK(mlk_notification_create(&s.n)))
		return;
	if (CHECK_OK(worker_start(&w, signal_and_mark, &s,
				  mlktest_priority() - 1))) {
		CHECK_OK(mlk_wait(s.n, now_ns() + 1000 * MS, &bits));
		CHECK_EQ(s.after_signal, 0);
		CHECK(worker_join(&w, 1000 * MS));
		CHECK_EQ(s.after_signal, 1);
	}
	mlk_handle_close(s.n);
}

/* While we compute, a lower thread gets nothing; when we sleep, it runs. */
TEST(sched, lower_priority_waits)
{
	struct counter c = { 0 };
	struct worker w;

	if (!CHECK_OK(worker_start(&w, count, &c, mlktest_priority() - 1)))
		return;
	spin_ns(20 * MS);
	CHECK_EQ(c.n, 0);
	CHECK(WAIT_UNTIL(c.n > 0));
	c.stop = 1;
	CHECK(worker_join(&w, 1000 * MS));
}

/*
 * Whether both had `ns` of CPU time, within two seconds.  We look every
 * few slices, not more often: each look preempts whichever of them runs,
 * and a preempted thread resumes first among its equals.
 */
static bool both_ran(const struct worker *wa, const struct worker *wb,
		     uint64_t ns)
{
	uint64_t until = now_ns() + 2 * SETTLE_NS;
	struct mlk_thread_info ta, tb;

	while (worker_info(wa, &ta) && worker_info(wb, &tb)) {
		if (ta.cpu_ns >= ns && tb.cpu_ns >= ns)
			return true;
		if (now_ns() > until)
			return false;
		mlk_sleep(now_ns() + 20 * MS);
	}
	return false;
}

/* Two busy threads of one priority share the CPU by time slices.  How
 * many slices each gets in a given time depends on the host (a stalled
 * guest charges the stall to whoever ran): wait for the CPU time instead,
 * however long it takes to come. */
TEST(sched, round_robin)
{
	struct counter a = { 0 }, b = { 0 };
	struct worker wa, wb;

	if (!CHECK_OK(worker_start(&wa, count, &a, mlktest_priority() - 1)))
		return;
	if (CHECK_OK(worker_start(&wb, count, &b, mlktest_priority() - 1))) {
		/* Neither starves: each gets a few slices (of 5 ms). */
		CHECK(both_ran(&wa, &wb, 20 * MS));
		CHECK(a.n > 0);
		CHECK(b.n > 0);
		b.stop = 1;
		CHECK(worker_join(&wb, 1000 * MS));
	}
	a.stop = 1;
	CHECK(worker_join(&wa, 1000 * MS));
}

/* Spin, never sleeping, until *n is not 0 (a second at most). */
static bool spin_until_counted(volatile uint64_t *n)
{
	uint64_t until = now_ns() + SETTLE_NS;

	while (!*n && now_ns() < until)
		;
	return *n != 0;
}

/* We compute without a break, and a thread of our priority runs too. */
TEST(sched, time_slices_with_us)
{
	struct counter c = { 0 };
	struct worker w;

	if (!CHECK_OK(worker_start(&w, count, &c, mlktest_priority())))
		return;
	CHECK(spin_until_counted(&c.n));
	c.stop = 1;
	CHECK(worker_join(&w, 1000 * MS));
}

struct yielder {
	volatile uint64_t n;
	volatile int stop;
};

static void count_and_yield(void *arg)
{
	struct yielder *y = arg;

	while (!y->stop) {
		y->n++;
		mlk_yield();
	}
}

/* yield hands the CPU to an equal, and only to an equal. */
TEST(sched, yield)
{
	struct yielder y = { 0 };
	struct counter low = { 0 };
	struct worker wy, wl;
	uint64_t before;

	if (!CHECK_OK(
		    worker_start(&wy, count_and_yield, &y, mlktest_priority())))
		return;
	if (CHECK_OK(worker_start(&wl, count, &low, mlktest_priority() - 1))) {
		mlk_yield(); /* a fresh time slice for what follows */
		for (int i = 0; i < 5; i++) {
			before = y.n;
			CHECK_OK(mlk_yield());
			CHECK_EQ(y.n, before + 1);
		}
		CHECK_EQ(low.n, 0);
		low.stop = 1;
	}
	y.stop = 1;
	CHECK(worker_join(&wy, 1000 * MS));
	if (low.stop)
		CHECK(worker_join(&wl, 1000 * MS));
}

/* Raised to our priority, a busy thread shares the CPU with us; lowered
 * again, it stops getting any. */
TEST(sched, priority_change_takes_effect)
{
	const uint32_t p = mlktest_priority();
	struct counter c = { 0 };
	struct worker w;
	uint64_t seen;

	if (!CHECK_OK(worker_start(&w, count, &c, p - 2)))
		return;
	spin_ns(15 * MS);
	CHECK_EQ(c.n, 0);
	CHECK_OK(mlk_thread_set_priority(w.thread, p));
	CHECK(spin_until_counted(&c.n));
	CHECK_OK(mlk_thread_set_priority(w.thread, p - 2));
	seen = c.n;
	spin_ns(15 * MS);
	CHECK_EQ(c.n, seen);
	c.stop = 1;
	CHECK(worker_join(&w, 1000 * MS));
}

TEST(sched, kernel_counts)
{
	struct mlk_kernel_info a, b;
	uint64_t n;

	if (!CHECK_OK(mlk_system_info(mlktest_system(), MLK_INFO_KERNEL, &a,
				      sizeof(a), &n)))
		return;
	mlk_sleep(now_ns() + 2 * MS);
	if (!CHECK_OK(mlk_system_info(mlktest_system(), MLK_INFO_KERNEL, &b,
				      sizeof(b), &n)))
		return;
	CHECK(b.context_switches > a.context_switches);
	CHECK(b.irqs > a.irqs);
	CHECK(b.uptime_ns >= a.uptime_ns + 2 * MS);
}
