/*
 * Close notices (endpoint_close_notify, endpoint_closed): the argument
 * checks of both calls, notices for badged handles closed here or dying
 * with a child that is killed, none for unbadged handles or for handles
 * moved in messages, the order of the queue, and what turning notices
 * off and the last receive handle give back.
 */
#include "child.h"
#include "mlktest.h"

#define BIT 0x10ull
/* A start handle kind child.c does not look for: the child just holds
 * it. */
#define CHILD_H_HELD 0x1c0

/* An endpoint with notices on, signalled on a notification of ours. */
struct watched {
	mlk_handle_t ep;
	mlk_handle_t n;
};

static bool watch(struct watched *w)
{
	w->ep = w->n = MLK_HANDLE_NONE;
	if (!CHECK_OK(mlk_endpoint_create(&w->ep)) ||
	    !CHECK_OK(mlk_notification_create(&w->n)) ||
	    !CHECK_OK(mlk_endpoint_close_notify(w->ep, w->n, BIT))) {
		mlk_handle_close(w->ep);
		mlk_handle_close(w->n);
		return false;
	}
	return true;
}

static void unwatch(struct watched *w)
{
	mlk_handle_close(w->ep);
	mlk_handle_close(w->n);
}

/* Whether the notification was signalled (its bits are cleared). */
static bool signalled(const struct watched *w)
{
	uint64_t bits = 0;

	return mlk_poll(w->n, &bits) == MLK_OK && bits == BIT;
}

/* The next notice; 0 and the status in *st when there is none. */
static uint64_t next_notice(const struct watched *w, mlk_status_t *st)
{
	uint64_t badge = 0;
	mlk_status_t s = mlk_endpoint_closed(w->ep, &badge);

	if (st)
		*st = s;
	return badge;
}

static uint64_t used_bytes(void)
{
	struct mlk_process_info pi;

	return info_self(&pi) ? pi.used : 0;
}

TEST(closenotify, close_notify_errors)
{
	mlk_handle_t ep, n, send_only, badged, wait_only, stale;
	uint64_t r1, r2;

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	if (!CHECK_OK(mlk_notification_create(&n))) {
		mlk_handle_close(ep);
		return;
	}
	CHECK_OK(mlk_handle_duplicate(ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC,
				      &send_only));
	CHECK_OK(mlk_endpoint_mint(ep, MLK_RIGHT_SEND | MLK_RIGHT_RECV, 9,
				   &badged));
	CHECK_OK(mlk_handle_duplicate(n, MLK_RIGHT_WAIT, &wait_only));
	CHECK_OK(mlk_handle_duplicate(ep, MLK_RIGHT_SEND | MLK_RIGHT_RECV,
				      &stale));
	CHECK_OK(mlk_handle_close(stale));
	/* The endpoint: a live, unbadged endpoint handle with RECV. */
	CHECK_ST(mlk_endpoint_close_notify(0, n, BIT), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_endpoint_close_notify(MLK_HANDLE_MAKE(999, 1), n, BIT),
		 MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_endpoint_close_notify(stale, n, BIT), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_endpoint_close_notify(n, n, BIT), MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_endpoint_close_notify(send_only, n, BIT),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_endpoint_close_notify(badged, n, BIT),
		 MLK_ERR_ACCESS_DENIED);
	/* The notification: live, of its type, with SIGNAL; bits not 0. */
	CHECK_ST(mlk_endpoint_close_notify(ep, MLK_HANDLE_MAKE(999, 1), BIT),
		 MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_endpoint_close_notify(ep, ep, BIT), MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_endpoint_close_notify(ep, wait_only, BIT),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_endpoint_close_notify(ep, n, 0), MLK_ERR_BAD_ARG(2));
	/* Handles with bits above 31. */
	CHECK_ST(mlk_svc(MLK_SYS_endpoint_close_notify, (1ull << 32) | ep, n,
			 BIT, 0, 0, 0, 0, &r1, &r2),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(mlk_svc(MLK_SYS_endpoint_close_notify, ep, (1ull << 32) | n,
			 BIT, 0, 0, 0, 0, &r1, &r2),
		 MLK_ERR_BAD_ARG(1));
	/* None of these turned notices on. */
	CHECK_ST(mlk_endpoint_closed(ep, &r1), MLK_ERR_BAD_STATE);
	/* Off needs no notification, and may be asked when off. */
	CHECK_OK(mlk_endpoint_close_notify(ep, 0, 0));
	CHECK_OK(mlk_endpoint_close_notify(ep, n, BIT));
	CHECK_OK(mlk_endpoint_close_notify(ep, 0, 0));
	CHECK_ST(mlk_endpoint_closed(ep, &r1), MLK_ERR_BAD_STATE);
	mlk_handle_close(wait_only);
	mlk_handle_close(badged);
	mlk_handle_close(send_only);
	mlk_handle_close(n);
	mlk_handle_close(ep);
}

TEST(closenotify, closed_errors)
{
	struct watched w;
	mlk_handle_t send_only;
	uint64_t badge = 0, r1, r2;

	if (!watch(&w))
		return;
	CHECK_OK(mlk_handle_duplicate(w.ep, MLK_RIGHT_SEND, &send_only));
	CHECK_ST(mlk_endpoint_closed(0, &badge), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_endpoint_closed(MLK_HANDLE_MAKE(999, 1), &badge),
		 MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_endpoint_closed(w.n, &badge), MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_endpoint_closed(send_only, &badge), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_svc(MLK_SYS_endpoint_closed, (1ull << 32) | w.ep, 0, 0, 0,
			 0, 0, 0, &r1, &r2),
		 MLK_ERR_BAD_ARG(0));
	/* The unbadged send-only copy went: nothing queued. */
	mlk_handle_close(send_only);
	CHECK_ST(mlk_endpoint_closed(w.ep, &badge), MLK_ERR_UNAVAILABLE);
	CHECK(!signalled(&w));
	unwatch(&w);
}

TEST(closenotify, badged_closes_in_order)
{
	struct watched w;
	mlk_handle_t a, b, c, plain;
	mlk_status_t st;

	if (!watch(&w))
		return;
	CHECK_OK(mlk_endpoint_mint(w.ep, MLK_RIGHT_SEND, 0xa, &a));
	CHECK_OK(mlk_endpoint_mint(w.ep, MLK_RIGHT_SEND, 0xb, &b));
	CHECK_OK(mlk_endpoint_mint(w.ep, MLK_RIGHT_SEND, 0xc, &c));
	CHECK_OK(mlk_handle_duplicate(w.ep, MLK_RIGHT_SEND, &plain));
	CHECK(!signalled(&w));
	CHECK_OK(mlk_handle_close(plain));
	CHECK(!signalled(&w));
	CHECK_OK(mlk_handle_close(b));
	CHECK(signalled(&w));
	CHECK_OK(mlk_handle_close(c));
	CHECK_OK(mlk_handle_close(a));
	CHECK_EQ(next_notice(&w, &st), 0xb);
	CHECK_EQ(next_notice(&w, &st), 0xc);
	CHECK_EQ(next_notice(&w, &st), 0xa);
	CHECK_OK(st);
	CHECK_EQ(next_notice(&w, &st), 0);
	CHECK_ST(st, MLK_ERR_UNAVAILABLE);
	unwatch(&w);
}

/* A child holds a copy of a badged handle (mlk_spawn gives copies) and
 * is killed: its handle table goes, and the badge is reported. */
TEST(closenotify, killed_child)
{
	struct watched w;
	struct child c;
	struct child_opts o = { .nhandles = 1, .kinds = { CHILD_H_HELD } };
	mlk_status_t st;

	if (!watch(&w))
		return;
	CHECK_OK(mlk_endpoint_mint(w.ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC,
				   0xdead, &o.handles[0]));
	if (!CHECK_OK(child_spawn(&c, "suspend", &o))) {
		mlk_handle_close(o.handles[0]);
		unwatch(&w);
		return;
	}
	/* Our copy first. */
	CHECK_OK(mlk_handle_close(o.handles[0]));
	CHECK(signalled(&w));
	CHECK_EQ(next_notice(&w, &st), 0xdead);
	CHECK(child_settle(&c, MLK_THREAD_SUSPENDED));
	CHECK(!signalled(&w));
	CHECK_EQ(next_notice(&w, &st), 0);
	CHECK_ST(st, MLK_ERR_UNAVAILABLE);
	/* Then the child's, with the child. */
	CHECK_OK(mlk_process_kill(c.h.process, MLK_EXIT_KILLED));
	CHECK_OK(child_wait_exit(&c, SETTLE_NS, NULL));
	CHECK(signalled(&w));
	CHECK_EQ(next_notice(&w, &st), 0xdead);
	CHECK_OK(st);
	CHECK_EQ(next_notice(&w, &st), 0);
	child_cleanup(&c);
	unwatch(&w);
}

/* A badged handle moved to a child and back in messages was never
 * closed: no notice until it is. */
TEST(closenotify, moved_handles_give_none)
{
	struct watched w;
	struct child c;
	struct child_opts o = { .nhandles = 1, .kinds = { CHILD_H_SERVE } };
	struct mlk_msg m = { .label = SRV_ECHO, .nhandles = 1 };
	mlk_handle_t server, held;
	mlk_status_t st;

	if (!watch(&w))
		return;
	if (!CHECK_OK(mlk_endpoint_create(&o.handles[0]))) {
		unwatch(&w);
		return;
	}
	server = o.handles[0];
	if (!CHECK_OK(child_spawn(&c, "server", &o))) {
		mlk_handle_close(server);
		unwatch(&w);
		return;
	}
	CHECK_OK(mlk_endpoint_mint(w.ep, MLK_RIGHT_SEND | MLK_RIGHT_TRANSFER,
				   0xf00d, &held));
	m.h[0] = held;
	CHECK_OK(mlk_msg_call(server, &m, now_ns() + SETTLE_NS));
	CHECK_EQ(m.label, MLK_OK);
	CHECK_EQ(m.nhandles, 1);
	CHECK(!signalled(&w));
	CHECK_EQ(next_notice(&w, &st), 0);
	CHECK_ST(st, MLK_ERR_UNAVAILABLE);
	/* What came back is the same handle: its close is the one. */
	CHECK_OK(mlk_handle_close(m.h[0]));
	CHECK(signalled(&w));
	CHECK_EQ(next_notice(&w, &st), 0xf00d);
	CHECK_OK(st);
	child_cleanup(&c);
	mlk_handle_close(server);
	unwatch(&w);
}

/* Notices are charged to whoever turned them on; turning off, or closing
 * the last handle that could receive them, gives that back. */
TEST(closenotify, off_gives_memory_back)
{
	struct watched w;
	mlk_handle_t h[8], keep;
	uint64_t before, queued;
	mlk_status_t st;

	if (!watch(&w))
		return;
	for (unsigned i = 0; i < 8; i++)
		CHECK_OK(mlk_endpoint_mint(w.ep, MLK_RIGHT_SEND, 1 + i, &h[i]));
	CHECK_OK(mlk_endpoint_mint(w.ep, MLK_RIGHT_SEND, 99, &keep));
	before = used_bytes();
	for (unsigned i = 0; i < 8; i++)
		CHECK_OK(mlk_handle_close(h[i]));
	queued = used_bytes();
	CHECK(queued > before);
	CHECK_OK(mlk_endpoint_close_notify(w.ep, 0, 0));
	CHECK_EQ(used_bytes(), before);
	CHECK_ST(mlk_endpoint_closed(w.ep, &queued), MLK_ERR_BAD_STATE);
	/* On again, and the receive handle closed with notices queued. */
	CHECK_OK(mlk_endpoint_close_notify(w.ep, w.n, BIT));
	CHECK_EQ(next_notice(&w, &st), 0);
	CHECK_ST(st, MLK_ERR_UNAVAILABLE);
	for (unsigned i = 0; i < 8; i++)
		CHECK_OK(mlk_endpoint_mint(w.ep, MLK_RIGHT_SEND, 1 + i, &h[i]));
	before = used_bytes();
	for (unsigned i = 0; i < 8; i++)
		CHECK_OK(mlk_handle_close(h[i]));
	CHECK(used_bytes() > before);
	CHECK_OK(mlk_handle_close(w.ep));
	CHECK_EQ(used_bytes(), before);
	CHECK(signalled(&w));
	/* The endpoint lives on for `keep`, with nobody to tell. */
	CHECK_OK(mlk_handle_close(keep));
	CHECK(!signalled(&w));
	mlk_handle_close(w.n);
}

/* The notification may be bound to a thread: notices then wake recv. */
TEST(closenotify, bound_notification_wakes_recv)
{
	struct watched w;
	mlk_handle_t h;
	struct mlk_msg m;
	mlk_status_t st;

	if (!watch(&w))
		return;
	CHECK_OK(mlk_endpoint_mint(w.ep, MLK_RIGHT_SEND, 0xbee, &h));
	if (CHECK_OK(mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD,
						  w.n))) {
		CHECK_OK(mlk_handle_close(h));
		CHECK_OK(mlk_msg_recv(w.ep, &m, now_ns() + SETTLE_NS));
		CHECK_EQ(m.label, MLK_LABEL_NOTIFY);
		CHECK_EQ(m.w[0], BIT);
		CHECK_EQ(next_notice(&w, &st), 0xbee);
		CHECK_OK(mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD,
						      0));
	}
	unwatch(&w);
}
