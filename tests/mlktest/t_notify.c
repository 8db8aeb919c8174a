/*
 * Notifications: signal ORs bits in, wait returns and clears them (and
 * blocks while there are none), poll never blocks.
 */
#include "child.h"
#include "mlktest.h"

TEST(notify, signal_ors_wait_clears)
{
	mlk_handle_t n;
	uint64_t bits = 0;

	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	CHECK_OK(mlk_signal(n, 0x5));
	CHECK_OK(mlk_signal(n, 0x30));
	CHECK_OK(mlk_signal(n, 0x1));
	CHECK_OK(mlk_wait(n, 0, &bits));
	CHECK_EQ(bits, 0x35);
	CHECK_ST(mlk_poll(n, &bits), MLK_ERR_UNAVAILABLE);
	CHECK_OK(mlk_signal(n, 1ull << 63));
	CHECK_OK(mlk_wait(n, 0, &bits));
	CHECK_EQ(bits, 1ull << 63);
	mlk_handle_close(n);
}

TEST(notify, poll)
{
	mlk_handle_t n;
	uint64_t bits = 0;

	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	CHECK_ST(mlk_poll(n, &bits), MLK_ERR_UNAVAILABLE);
	CHECK_OK(mlk_signal(n, ~0ull));
	CHECK_OK(mlk_poll(n, &bits));
	CHECK_EQ(bits, ~0ull);
	CHECK_ST(mlk_poll(n, &bits), MLK_ERR_UNAVAILABLE);
	mlk_handle_close(n);
}

TEST(notify, signal_zero_bits)
{
	mlk_handle_t n;
	uint64_t bits;

	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	CHECK_ST(mlk_signal(n, 0), MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_poll(n, &bits), MLK_ERR_UNAVAILABLE);
	mlk_handle_close(n);
}

struct waiter {
	mlk_handle_t n;
	uint64_t bits;
	mlk_status_t st;
	uint64_t woke_ns;
};

static void wait_for_bits(void *arg)
{
	struct waiter *wt = arg;

	wt->st = mlk_wait(wt->n, now_ns() + 2000 * MS, &wt->bits);
	wt->woke_ns = now_ns();
}

TEST(notify, wait_blocks_until_signal)
{
	struct waiter wt = { 0 };
	struct worker w;
	uint64_t t0;

	if (!CHECK_OK(mlk_notification_create(&wt.n)))
		return;
	if (CHECK_OK(
		    worker_start(&w, wait_for_bits, &wt, mlktest_priority()))) {
		CHECK(worker_settle(&w, MLK_THREAD_WAIT));
		CHECK_EQ(wt.woke_ns, 0); /* still waiting */
		t0 = now_ns();
		CHECK_OK(mlk_signal(wt.n, 0x8));
		CHECK(worker_join(&w, 1000 * MS));
		CHECK_OK(wt.st);
		CHECK_EQ(wt.bits, 0x8);
		CHECK(wt.woke_ns >= t0);
	}
	mlk_handle_close(wt.n);
}

/* A signal wakes one waiter and hands it every bit; the other waits on. */
TEST(notify, signal_wakes_one_waiter)
{
	struct waiter a = { 0 }, b = { 0 };
	struct worker wa, wb;
	mlk_handle_t n;

	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	a.n = b.n = n;
	if (CHECK_OK(
		    worker_start(&wa, wait_for_bits, &a, mlktest_priority()))) {
		CHECK(worker_settle(&wa, MLK_THREAD_WAIT)); /* a waits first */
		if (CHECK_OK(worker_start(&wb, wait_for_bits, &b,
					  mlktest_priority()))) {
			CHECK(worker_settle(&wb, MLK_THREAD_WAIT));
			CHECK_OK(mlk_signal(n, 0x3));
			/* One ends; had the other been woken too, it would
			 * have run while we waited. */
			CHECK(WAIT_UNTIL(worker_gone(&wa) || worker_gone(&wb)));
			CHECK((a.woke_ns != 0) + (b.woke_ns != 0) == 1);
			CHECK_EQ(a.bits | b.bits, 0x3);
			CHECK_OK(mlk_signal(n, 0x4));
			CHECK(worker_join(&wb, 1000 * MS));
		}
		CHECK(worker_join(&wa, 1000 * MS));
		CHECK_OK(a.st);
		CHECK_OK(b.st);
		/* The first to wait was the first woken. */
		CHECK_EQ(a.bits, 0x3);
		CHECK_EQ(b.bits, 0x4);
	}
	mlk_handle_close(n);
}

TEST(notify, to_another_process)
{
	struct child c;
	mlk_handle_t n;
	int64_t code = -1;
	struct child_opts o = { .nhandles = 1, .kinds = { CHILD_H_NOTIFY } };

	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	o.handles[0] = n;
	if (CHECK_OK(child_spawn(&c, "wait", &o))) {
		CHECK(child_settle(&c, MLK_THREAD_WAIT));
		CHECK_OK(mlk_signal(n, 0x1f));
		CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
		CHECK_EQ(code, 0x1f);
		child_cleanup(&c);
	}
	mlk_handle_close(n);
}

TEST(notify, errors)
{
	mlk_handle_t ep;
	uint64_t bits;

	CHECK_ST(mlk_signal(0, 1), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_wait(0, 1, &bits), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_poll(0, &bits), MLK_ERR_BAD_HANDLE);
	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	CHECK_ST(mlk_signal(ep, 1), MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_wait(ep, 1, &bits), MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_poll(ep, &bits), MLK_ERR_WRONG_TYPE);
	mlk_handle_close(ep);
}
