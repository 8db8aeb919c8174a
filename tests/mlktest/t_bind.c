/*
 * Notifications bound to a thread (thread_bind_notification): their
 * signals reach the thread in recv as MLK_LABEL_NOTIFY messages, so one
 * loop serves interrupts and clients.
 */
#include "mlktest.h"

/* A thread bound to n that serves calls on ep until one with label 99,
 * noting the notifications that come in between. */
struct bound_server {
	mlk_handle_t ep, n;
	struct worker *me;
	mlk_status_t bind_st, st;
	unsigned notifies, calls;
	uint64_t bits, notify_badge, notify_words;
	volatile bool signal_self; /* signal n itself before each reply */
};

static void serve_bound(void *arg)
{
	struct bound_server *s = arg;
	struct mlk_ipc io = { 0 };

	s->bind_st = mlk_thread_bind_notification(s->me->thread, s->n);
	s->st = mlk_ipc_recv(s->ep, 0, &io);
	while (s->st == MLK_OK) {
		uint32_t label = MLK_MSGINFO_LABEL(io.info);
		if (label == MLK_LABEL_NOTIFY) {
			s->notifies++;
			s->bits |= io.w[0];
			s->notify_badge = io.badge;
			s->notify_words = MLK_MSGINFO_WORDS(io.info);
			s->st = mlk_ipc_recv(s->ep, 0, &io);
			continue;
		}
		s->calls++;
		io.info = MLK_MSGINFO(label, 1, 0);
		io.w[0] = s->calls;
		if (label == 99) {
			s->st = mlk_ipc_reply(&io);
			break; /* still bound: its end unbinds it */
		}
		if (s->signal_self)
			mlk_signal(s->n, 0x100);
		s->st = mlk_ipc_reply_recv(s->ep, 0, &io);
	}
}

static mlk_status_t call_label(mlk_handle_t ep, uint32_t label)
{
	struct mlk_ipc io = { .info = MLK_MSGINFO(label, 0, 0) };

	return mlk_ipc_call(ep, now_ns() + 1000 * MS, &io);
}

static bool start_bound(struct bound_server *s, struct worker *w)
{
	if (!CHECK_OK(mlk_endpoint_create(&s->ep)))
		return false;
	if (CHECK_OK(mlk_notification_create(&s->n))) {
		s->me = w;
		if (CHECK_OK(worker_start(w, serve_bound, s,
					  mlktest_priority()))) {
			CHECK(worker_settle(w, MLK_THREAD_RECV));
			return true;
		}
		mlk_handle_close(s->n);
	}
	mlk_handle_close(s->ep);
	return false;
}

static void stop_bound(struct bound_server *s, struct worker *w)
{
	CHECK_OK(call_label(s->ep, 99));
	CHECK(worker_join(w, 1000 * MS));
	CHECK_OK(s->bind_st);
	mlk_handle_close(s->n);
	mlk_handle_close(s->ep);
}

TEST(bind, signal_reaches_recv)
{
	struct bound_server s = { 0 };
	struct worker w;
	uint64_t bits;

	if (!start_bound(&s, &w))
		return;
	CHECK_OK(mlk_signal(s.n, 0x6));
	CHECK(worker_settle(&w, MLK_THREAD_RECV));
	CHECK_EQ(s.notifies, 1);
	CHECK_EQ(s.bits, 0x6);
	CHECK_EQ(s.notify_badge, 0);
	CHECK_EQ(s.notify_words, 1);
	/* Taken by the message: nothing left on the notification. */
	CHECK_ST(mlk_poll(s.n, &bits), MLK_ERR_UNAVAILABLE);
	/* Clients are served all the same. */
	CHECK_OK(call_label(s.ep, 1));
	CHECK_EQ(s.calls, 1);
	stop_bound(&s, &w);
}

/* Bits signalled while it was busy come with its next recv, before the
 * next caller, and even right after a reply. */
TEST(bind, pending_bits_first)
{
	struct bound_server s = { .signal_self = true };
	struct worker w;

	if (!start_bound(&s, &w))
		return;
	CHECK_OK(call_label(s.ep, 1));
	CHECK(worker_settle(&w, MLK_THREAD_RECV));
	CHECK_EQ(s.notifies, 1);
	CHECK_EQ(s.bits, 0x100);
	CHECK_OK(call_label(s.ep, 2));
	CHECK(worker_settle(&w, MLK_THREAD_RECV));
	CHECK_EQ(s.notifies, 2);
	s.signal_self = false;
	stop_bound(&s, &w);
	CHECK_EQ(s.calls, 3);
}

/* A thread waiting on the notification itself comes first. */
struct waiter {
	mlk_handle_t n;
	uint64_t bits;
	mlk_status_t st;
};

static void wait_bits(void *arg)
{
	struct waiter *wt = arg;

	wt->st = mlk_wait(wt->n, now_ns() + 1000 * MS, &wt->bits);
}

TEST(bind, waiter_before_bound_thread)
{
	struct bound_server s = { 0 };
	struct waiter wt = { 0 };
	struct worker w, ww;

	if (!start_bound(&s, &w))
		return;
	wt.n = s.n;
	if (CHECK_OK(worker_start(&ww, wait_bits, &wt, mlktest_priority()))) {
		CHECK(worker_settle(&ww, MLK_THREAD_WAIT));
		CHECK_OK(mlk_signal(s.n, 0x3));
		CHECK(worker_join(&ww, 1000 * MS));
		CHECK_OK(wt.st);
		CHECK_EQ(wt.bits, 0x3);
		CHECK_EQ(s.notifies, 0);
	}
	stop_bound(&s, &w);
}

/* The last handle of a bound notification closed under a waiter: the
 * binding keeps the object, but no one can signal it any more, so the
 * wait ends as it would without the binding (sysfuzz found waits with no
 * deadline that never came back). */
TEST(bind, last_handle_closed_under_waiter)
{
	struct waiter wt = { 0 };
	struct worker ww;

	if (!CHECK_OK(mlk_notification_create(&wt.n)))
		return;
	CHECK_OK(mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD, wt.n));
	if (CHECK_OK(worker_start(&ww, wait_bits, &wt, mlktest_priority()))) {
		CHECK(worker_settle(&ww, MLK_THREAD_WAIT));
		CHECK_OK(mlk_handle_close(wt.n));
		CHECK(worker_join(&ww, 2000 * MS));
		CHECK_ST(wt.st, MLK_ERR_CANCELLED);
	} else {
		mlk_handle_close(wt.n);
	}
	CHECK_OK(mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD, 0));
}

TEST(bind, unbind)
{
	struct bound_server s = { 0 };
	struct worker w;
	uint64_t bits = 0;
	mlk_handle_t n2;

	if (!start_bound(&s, &w))
		return;
	/* Bound to another notification instead: the first one is free. */
	if (CHECK_OK(mlk_notification_create(&n2))) {
		CHECK_OK(mlk_thread_bind_notification(w.thread, n2));
		CHECK_OK(mlk_signal(s.n, 0x1));
		CHECK(worker_settle(&w, MLK_THREAD_RECV));
		CHECK_EQ(s.notifies, 0);
		CHECK_OK(mlk_poll(s.n, &bits));
		CHECK_EQ(bits, 1);
		CHECK_OK(mlk_thread_bind_notification(w.thread, 0));
		CHECK_OK(mlk_signal(n2, 0x2));
		CHECK(worker_settle(&w, MLK_THREAD_RECV));
		CHECK_EQ(s.notifies, 0);
		mlk_handle_close(n2);
	}
	stop_bound(&s, &w);
}

TEST(bind, errors)
{
	struct bound_server s = { 0 };
	struct worker w;
	mlk_handle_t wait_only, no_manage, n2, keep = 0, thread = 0;

	if (!start_bound(&s, &w))
		return;
	/* One thread per notification. */
	CHECK_ST(mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD, s.n),
		 MLK_ERR_EXISTS);
	/* Binding again the same is fine. */
	CHECK_OK(mlk_thread_bind_notification(w.thread, s.n));
	CHECK_OK(mlk_handle_duplicate(s.n, MLK_RIGHT_SIGNAL, &wait_only));
	CHECK_ST(
		mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD, wait_only),
		MLK_ERR_ACCESS_DENIED);
	CHECK_OK(mlk_handle_duplicate(w.thread, MLK_RIGHTS_BASIC, &no_manage));
	CHECK_OK(mlk_notification_create(&n2));
	CHECK_ST(mlk_thread_bind_notification(no_manage, n2),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD, s.ep),
		 MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_thread_bind_notification(s.n, n2), MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_thread_bind_notification(0, n2), MLK_ERR_BAD_HANDLE);
	CHECK_OK(mlk_handle_duplicate(w.thread, MLK_RIGHT_MANAGE, &thread));
	CHECK_OK(mlk_handle_duplicate(s.n, MLK_RIGHT_WAIT, &keep));
	stop_bound(&s, &w);
	/* Dead: nothing to bind; its binding went with it. */
	CHECK_ST(mlk_thread_bind_notification(thread, n2), MLK_ERR_BAD_STATE);
	CHECK_OK(mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD, keep));
	CHECK_OK(mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD, 0));
	mlk_handle_close(keep);
	mlk_handle_close(thread);
	mlk_handle_close(n2);
	mlk_handle_close(no_manage);
	mlk_handle_close(wait_only);
}
