/*
 * libmlk's service loop, mlk_serve (mlk/service.h): a worker thread serves
 * an endpoint this thread calls.  Dispatch by label, unknown labels and
 * their handles, deferred replies, bound notifications, deadlines, replies
 * the kernel refuses (the caller's table full, bad handles), and the end
 * of the loop when its endpoint goes.
 *
 * Server and clients share this process, so its handle table is the
 * server's too: what the server closed shows in our handle count.
 * mlk_serve keeps its messages in static buffers: one server at a time.
 */
#include <mlk/service.h>

#include <string.h>

#include "mlktest.h"

/* The requests the server knows; OP_UNKNOWN has no handler. */
enum {
	OP_ECHO = 1,   /* OK, every word + 1 */
	OP_FAIL = 2,   /* NOT_FOUND, one word, junk beyond it */
	OP_DEFER = 3,  /* save the reply, answer nothing now */
	OP_ANSWER = 4, /* answer the saved reply with w0; its status */
	OP_COUNTS = 5, /* OK: notifications, their bits, timeouts */
	OP_GIVE = 6,   /* OK with the test's prepared reply (handles) */
	OP_STOP = 7,   /* close the endpoint served, then OK */
	OP_UNKNOWN = 77,
};

#define NOT_A_LABEL 0xffff0001u /* a kernel label: no reply may carry it */

/* The server thread, what its handlers saw and what they are to do. */
struct server {
	struct mlk_service svc;
	struct worker w;
	mlk_handle_t bind; /* bound to the serving thread first (0: none) */
	mlk_status_t bind_st, st; /* st: what mlk_serve returned */
	unsigned handled;	  /* requests a handler saw */
	bool out_was_zero;	  /* OP_ECHO found its reply zeroed */
	uint64_t badge;		  /* OP_ECHO's */
	mlk_handle_t saved;	  /* OP_DEFER's reply right */
	mlk_status_t save_st;
	unsigned notifies;
	uint64_t bits;
	uint64_t wait_ns; /* each wait's deadline this far ahead (0: none) */
	unsigned deadlines, timeouts;
	struct mlk_msg give; /* OP_GIVE's reply, its label aside */
	mlk_status_t give_st;
};

/* ---- the handlers ------------------------------------------------------- */

static mlk_status_t do_echo(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	static const struct mlk_msg zero;
	struct server *s = ctx;

	s->handled++;
	s->out_was_zero = !memcmp(out, &zero, sizeof(zero));
	s->badge = in->badge;
	out->nwords = in->nwords;
	for (unsigned i = 0; i < in->nwords; i++)
		out->w[i] = in->w[i] + 1;
	return MLK_OK;
}

static mlk_status_t do_fail(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct server *s = ctx;

	(void)in;
	s->handled++;
	out->nwords = 1;
	for (unsigned i = 0; i < 8; i++)
		out->w[i] = 0xbad0 + i; /* only w[0] goes */
	return MLK_ERR_NOT_FOUND;
}

static mlk_status_t do_defer(const struct mlk_msg *in, struct mlk_msg *out,
			     void *ctx)
{
	struct server *s = ctx;

	(void)in;
	s->handled++;
	out->nwords = 1; /* not sent: the reply waits */
	out->w[0] = 0xbad;
	s->save_st = mlk_reply_save(&s->saved);
	return s->save_st == MLK_OK ? MLK_DEFERRED : s->save_st;
}

static mlk_status_t do_answer(const struct mlk_msg *in, struct mlk_msg *out,
			      void *ctx)
{
	struct mlk_msg later = { .label = MLK_OK, .nwords = 1 };
	struct server *s = ctx;

	(void)out;
	s->handled++;
	later.w[0] = in->w[0];
	return mlk_msg_reply_to(s->saved, &later);
}

static mlk_status_t do_counts(const struct mlk_msg *in, struct mlk_msg *out,
			      void *ctx)
{
	struct server *s = ctx;

	(void)in;
	s->handled++;
	out->nwords = 3;
	out->w[0] = s->notifies;
	out->w[1] = s->bits;
	out->w[2] = s->timeouts;
	return MLK_OK;
}

static mlk_status_t do_give(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct server *s = ctx;

	(void)in;
	s->handled++;
	*out = s->give;
	return s->give_st;
}

static mlk_status_t do_stop(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct server *s = ctx;

	(void)in;
	s->handled++;
	out->nwords = 1;
	out->w[0] = 0x5709;
	mlk_handle_close(s->svc.ep);
	return MLK_OK;
}

static const struct mlk_service_op ops[] = {
	{ OP_ECHO, do_echo },	  { OP_FAIL, do_fail },
	{ OP_DEFER, do_defer },	  { OP_ANSWER, do_answer },
	{ OP_COUNTS, do_counts }, { OP_GIVE, do_give },
	{ OP_STOP, do_stop },
};

static void note_bits(uint64_t bits, void *ctx)
{
	struct server *s = ctx;

	s->notifies++;
	s->bits |= bits;
}

static uint64_t next_deadline(void *ctx)
{
	struct server *s = ctx;

	s->deadlines++;
	return s->wait_ns ? now_ns() + s->wait_ns : 0;
}

static void count_timeout(void *ctx)
{
	struct server *s = ctx;

	s->timeouts++;
}

/* ---- the server thread -------------------------------------------------- */

static void serve(void *arg)
{
	struct server *s = arg;

	if (s->bind) {
		s->bind_st = mlk_thread_bind_notification(s->w.thread, s->bind);
		if (s->bind_st != MLK_OK)
			return;
	}
	s->st = mlk_serve(&s->svc);
}

/* Whether the server waits in recv (within a second). */
static bool server_waits(struct server *s)
{
	return worker_settle(&s->w, MLK_THREAD_RECV);
}

/* Serve ep in a worker with every handler and callback. */
static bool start_server(struct server *s, mlk_handle_t ep)
{
	s->svc = (struct mlk_service){
		.ep = ep,
		.ops = ops,
		.nops = sizeof(ops) / sizeof(ops[0]),
		.ctx = s,
		.on_notify = note_bits,
		.deadline = next_deadline,
		.on_timeout = count_timeout,
	};
	if (!CHECK_OK(worker_start(&s->w, serve, s, mlktest_priority())))
		return false;
	return CHECK(server_waits(s));
}

/* mlk_serve ended by itself: wait for its thread.  One still running is
 * suspended, so that it cannot touch *s once it is out of scope. */
static bool join_server(struct server *s)
{
	if (CHECK(worker_join(&s->w, 1000 * MS)))
		return true;
	if (s->w.thread)
		mlk_thread_suspend(s->w.thread);
	return false;
}

/* Close the endpoint under the waiting server: mlk_serve returns.  Its
 * exact status is endpoint_closed_ends_serve's to check. */
static void stop_server(struct server *s)
{
	CHECK(server_waits(s));
	mlk_handle_close(s->svc.ep);
	join_server(s);
	CHECK_ST(s->st, MLK_ERR_CANCELLED);
}

/* An endpoint and its server; false (nothing left open) if it failed. */
static bool endpoint_and_server(struct server *s, mlk_handle_t *ep)
{
	memset(s, 0, sizeof(*s));
	if (!CHECK_OK(mlk_endpoint_create(ep)))
		return false;
	if (start_server(s, *ep))
		return true;
	mlk_handle_close(*ep);
	join_server(s);
	return false;
}

/* A call that gives up after a second rather than hang the run. */
static mlk_status_t request(mlk_handle_t ep, struct mlk_msg *m)
{
	return mlk_msg_call(ep, m, now_ns() + 1000 * MS);
}

/* One OP_ECHO of a word: the server answers as before. */
static bool echo_works(mlk_handle_t ep)
{
	struct mlk_msg m = { .label = OP_ECHO, .nwords = 1, .w = { 41 } };

	return CHECK_OK(request(ep, &m)) && CHECK_EQ(m.label, MLK_OK) &&
	       CHECK_EQ(m.nwords, 1) && CHECK_EQ(m.w[0], 42);
}

static uint32_t handle_count(void)
{
	struct mlk_process_info pi = { 0 };

	info_self(&pi);
	return pi.handles;
}

/* A receive handle: its endpoint's only one, shown closed when a send
 * through *send (kept here) finds no receiver at all. */
static bool receiver_and_sender(mlk_handle_t *recv, mlk_handle_t *send)
{
	if (!CHECK_OK(mlk_endpoint_create(recv)))
		return false;
	if (CHECK_OK(mlk_handle_duplicate(
		    *recv, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC, send)))
		return true;
	mlk_handle_close(*recv);
	return false;
}

/* Whether the receive handle of receiver_and_sender was closed. */
static bool receiver_closed(mlk_handle_t send)
{
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };

	/* A receive handle alive would make it UNAVAILABLE. */
	return mlk_ipc_nbsend(send, &io) == MLK_ERR_PEER_CLOSED;
}

static bool handle_gone(mlk_handle_t h)
{
	uint32_t type, rights;

	return mlk_handle_info(h, &type, &rights) == MLK_ERR_BAD_HANDLE;
}

/* ---- dispatch ----------------------------------------------------------- */

TEST(serve, dispatch_by_label)
{
	struct server s;
	struct mlk_msg m;
	mlk_handle_t ep, badged;
	unsigned bad = 0;

	if (!endpoint_and_server(&s, &ep))
		return;
	if (CHECK_OK(mlk_endpoint_mint(ep, MLK_RIGHT_SEND, 0x5e, &badged))) {
		m = (struct mlk_msg){ .label = OP_ECHO,
				      .nwords = 3,
				      .w = { 10, 20, 30 } };
		CHECK_OK(request(badged, &m));
		CHECK_EQ(m.label, MLK_OK);
		CHECK_EQ(m.nwords, 3);
		CHECK_EQ(m.nhandles, 0);
		CHECK_EQ(m.w[0], 11);
		CHECK_EQ(m.w[2], 31);
		CHECK_EQ(s.badge, 0x5e);
		mlk_handle_close(badged);
	}
	/* A handler's status is the reply's label, its words go along. */
	m = (struct mlk_msg){ .label = OP_FAIL };
	CHECK_OK(request(ep, &m));
	CHECK_EQ(m.label, MLK_ERR_NOT_FOUND);
	CHECK_EQ(m.nwords, 1);
	CHECK_EQ(m.w[0], 0xbad0);
	/* The next handler finds its reply zeroed again; 64 words come and
	 * go through the IPC buffers. */
	m = (struct mlk_msg){ .label = OP_ECHO, .nwords = MLK_MSG_MAX_WORDS };
	for (unsigned i = 0; i < MLK_MSG_MAX_WORDS; i++)
		m.w[i] = 1000 * i;
	CHECK_OK(request(ep, &m));
	CHECK_EQ(m.label, MLK_OK);
	CHECK_EQ(m.nwords, MLK_MSG_MAX_WORDS);
	for (unsigned i = 0; i < MLK_MSG_MAX_WORDS; i++)
		bad += m.w[i] != 1000 * i + 1;
	CHECK_EQ(bad, 0);
	CHECK(s.out_was_zero);
	CHECK_EQ(s.badge, 0);
	/* Without a deadline, through the fast path when it takes it. */
	m = (struct mlk_msg){ .label = OP_ECHO, .nwords = 2, .w = { 7, 8 } };
	CHECK_OK(mlk_msg_call(ep, &m, 0));
	CHECK_EQ(m.label, MLK_OK);
	CHECK_EQ(m.w[1], 9);
	CHECK_EQ(s.handled, 4);
	CHECK_EQ(s.timeouts, 0); /* no deadline: it never timed out */
	stop_server(&s);
}

/* No handler: NOT_SUPPORTED, and the server closes the handles sent. */
TEST(serve, unknown_label_closes_handles)
{
	struct server s;
	struct mlk_msg m;
	mlk_handle_t ep, recv, send, n;
	uint32_t before;

	if (!endpoint_and_server(&s, &ep))
		return;
	if (!receiver_and_sender(&recv, &send)) {
		stop_server(&s);
		return;
	}
	if (CHECK_OK(mlk_notification_create(&n))) {
		before = handle_count();
		/* One moved, one copied: both arrive as handles of the
		 * server, which must close both. */
		m = (struct mlk_msg){ .label = OP_UNKNOWN,
				      .nwords = 1,
				      .nhandles = 2,
				      .copy_mask = 1u << 1,
				      .h = { recv, n } };
		CHECK_OK(request(ep, &m));
		CHECK_EQ(m.label, MLK_ERR_NOT_SUPPORTED);
		CHECK_EQ(m.nwords, 0);
		CHECK_EQ(m.nhandles, 0);
		CHECK(receiver_closed(send));
		CHECK_EQ(handle_count(), before - 1); /* recv, moved away */
		CHECK_EQ(s.handled, 0);
		mlk_handle_close(n);
	}
	echo_works(ep);
	stop_server(&s);
	mlk_handle_close(send);
}

/* ---- deferred replies --------------------------------------------------- */

/* A client in a thread of its own: one call. */
struct client {
	struct worker w;
	mlk_handle_t ep;
	struct mlk_msg m;
	mlk_status_t st;
};

static void call_once(void *arg)
{
	struct client *c = arg;

	c->st = mlk_msg_call(c->ep, &c->m, now_ns() + 2000 * MS);
}

/* Whether c waits for its reply (within a second). */
static bool client_waits_reply(struct client *c)
{
	return worker_settle(&c->w, MLK_THREAD_REPLY);
}

TEST(serve, deferred_reply)
{
	struct server s;
	struct client c = { .m = { .label = OP_DEFER, .nwords = 1 } };
	struct mlk_msg m;
	mlk_handle_t ep;
	uint32_t type = 0, rights;

	if (!endpoint_and_server(&s, &ep))
		return;
	c.ep = ep;
	if (!CHECK_OK(worker_start(&c.w, call_once, &c, mlktest_priority()))) {
		stop_server(&s);
		return;
	}
	/* No reply yet, and the server waits for the next request. */
	CHECK(client_waits_reply(&c));
	CHECK(server_waits(&s));
	CHECK_OK(s.save_st);
	CHECK_OK(mlk_handle_info(s.saved, &type, &rights));
	CHECK_EQ(type, MLK_OBJ_REPLY);
	/* Another request's handler answers it. */
	m = (struct mlk_msg){ .label = OP_ANSWER, .nwords = 1, .w = { 0xace } };
	CHECK_OK(request(ep, &m));
	CHECK_EQ(m.label, MLK_OK);
	CHECK(worker_join(&c.w, 3000 * MS)); /* its call gives up in 2 s */
	CHECK_OK(c.st);
	CHECK_EQ(c.m.label, MLK_OK);
	CHECK_EQ(c.m.nwords, 1);
	CHECK_EQ(c.m.w[0], 0xace);
	/* The reply right was used up: answering again is a bad handle. */
	CHECK(handle_gone(s.saved));
	m = (struct mlk_msg){ .label = OP_ANSWER, .nwords = 1 };
	CHECK_OK(request(ep, &m));
	CHECK_EQ(m.label, MLK_ERR_BAD_HANDLE);
	CHECK_EQ(s.handled, 3);
	stop_server(&s);
}

/* ---- notifications and deadlines ---------------------------------------- */

TEST(serve, bound_notification)
{
	struct server s;
	struct mlk_msg m;
	mlk_handle_t ep, n;
	uint64_t bits;

	memset(&s, 0, sizeof(s));
	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	if (!CHECK_OK(mlk_endpoint_create(&ep))) {
		mlk_handle_close(n);
		return;
	}
	s.bind = n;
	if (!start_server(&s, ep)) {
		mlk_handle_close(ep);
		join_server(&s);
		mlk_handle_close(n);
		return;
	}
	CHECK_OK(s.bind_st);
	CHECK_OK(mlk_signal(n, 0x5));
	m = (struct mlk_msg){ .label = OP_COUNTS };
	CHECK_OK(request(ep, &m));
	CHECK_EQ(m.label, MLK_OK);
	CHECK_EQ(m.w[0], 1);
	CHECK_EQ(m.w[1], 0x5);
	/* The message took the bits: nothing left on the notification. */
	CHECK_ST(mlk_poll(n, &bits), MLK_ERR_UNAVAILABLE);
	/* Bits that come while it is busy wait for its next recv. */
	CHECK_OK(mlk_signal(n, 0x10));
	CHECK_OK(mlk_signal(n, 0x20));
	m = (struct mlk_msg){ .label = OP_COUNTS };
	CHECK_OK(request(ep, &m));
	CHECK(m.w[0] == 2 || m.w[0] == 3);
	CHECK_EQ(m.w[1], 0x35);
	/* No reply went to a notification: requests go on as before. */
	echo_works(ep);
	CHECK_EQ(s.handled, 3);
	stop_server(&s);
	mlk_handle_close(n);
}

/* Whether the server saw n timeouts (within a second). */
static bool timeouts_reach(struct server *s, unsigned n)
{
	uint64_t deadline = now_ns() + 1000 * MS;

	while (s->timeouts < n && now_ns() < deadline)
		mlk_sleep(now_ns() + MS);
	return s->timeouts >= n;
}

TEST(serve, deadline_and_timeout)
{
	struct server s;
	struct mlk_msg m;
	mlk_handle_t ep;

	if (!endpoint_and_server(&s, &ep))
		return;
	/* No deadline: it waits for good. */
	mlk_sleep(now_ns() + 20 * MS);
	CHECK_EQ(s.timeouts, 0);
	CHECK(s.deadlines >= 1);
	/* A deadline 3 ms after each wait starts (from the next one on). */
	s.wait_ns = 3 * MS;
	echo_works(ep);
	CHECK(timeouts_reach(&s, 3));
	CHECK(s.deadlines > s.timeouts); /* asked before every wait */
	/* Requests are served between the timeouts. */
	m = (struct mlk_msg){ .label = OP_COUNTS };
	CHECK_OK(request(ep, &m));
	CHECK_EQ(m.label, MLK_OK);
	CHECK(m.w[2] >= 3);
	/* Back to no deadline, so that it waits when we close. */
	s.wait_ns = 0;
	echo_works(ep);
	CHECK_EQ(s.handled, 3);
	stop_server(&s);
}

/* ---- replies the kernel refuses ----------------------------------------- */

/* Duplicates of h until the table is full; how many in *n.  False (with
 * none left) if it ended otherwise than full. */
static bool fill_table(mlk_handle_t h, mlk_handle_t *fill, unsigned *n)
{
	mlk_status_t st = MLK_OK;

	*n = 0;
	while (*n < MLK_HANDLES_MAX && st == MLK_OK) {
		st = mlk_handle_duplicate(h, MLK_RIGHT_SIGNAL, &fill[*n]);
		if (st == MLK_OK)
			++*n;
	}
	if (CHECK_ST(st, MLK_ERR_NO_RESOURCES))
		return true;
	while (*n)
		mlk_handle_close(fill[--*n]);
	return false;
}

static void empty_table(mlk_handle_t *fill, unsigned n)
{
	while (n)
		mlk_handle_close(fill[--n]);
}

/* OP_GIVE moving a receive handle to a caller with room: it arrives. */
static void give_works(struct server *s, mlk_handle_t ep)
{
	struct mlk_msg m = { .label = OP_GIVE };
	mlk_handle_t recv, send;

	if (!receiver_and_sender(&recv, &send))
		return;
	s->give = (struct mlk_msg){ .nhandles = 1, .h = { recv } };
	s->give_st = MLK_OK;
	CHECK_OK(request(ep, &m));
	CHECK_EQ(m.label, MLK_OK);
	if (CHECK_EQ(m.nhandles, 1)) {
		CHECK(!receiver_closed(send));
		mlk_handle_close(m.h[0]);
	}
	mlk_handle_close(send);
}

/* The caller's table is full (it shares ours): the reply that would move
 * a handle to it is refused.  The caller gets that status alone, the
 * server closes what it would have moved, keeps what it would have
 * copied, and serves on. */
TEST(serve, refused_reply_table_full)
{
	const uint64_t fill_bytes =
		MLK_PAGE_UP(MLK_HANDLES_MAX * sizeof(mlk_handle_t));
	struct server s;
	struct mlk_msg m = { .label = OP_GIVE };
	mlk_handle_t ep, recv, send, n, *fill;
	uint32_t before;
	unsigned filled;

	if (!endpoint_and_server(&s, &ep))
		return;
	fill = map_new(fill_bytes, 0, NULL);
	if (CHECK(fill != NULL) && receiver_and_sender(&recv, &send)) {
		if (CHECK_OK(mlk_notification_create(&n))) {
			before = handle_count();
			s.give = (struct mlk_msg){ .nwords = 1,
						   .w = { 0xbad },
						   .nhandles = 2,
						   .copy_mask = 1u << 1,
						   .h = { recv, n } };
			if (fill_table(n, fill, &filled)) {
				CHECK_OK(request(ep, &m));
				empty_table(fill, filled);
				CHECK_EQ(m.label, MLK_ERR_NO_RESOURCES);
				CHECK_EQ(m.nwords, 0);
				CHECK_EQ(m.nhandles, 0);
				/* The moved one closed, the copied one kept. */
				CHECK(receiver_closed(send));
				CHECK(handle_gone(recv));
				CHECK_EQ(handle_count(), before - 1);
			}
			mlk_handle_close(n);
		}
		mlk_handle_close(send);
	}
	if (fill)
		unmap(fill, fill_bytes);
	give_works(&s, ep);
	echo_works(ep);
	stop_server(&s);
}

/* A reply naming a bad handle, or one it may not send, or too many words:
 * the caller gets the kernel's status, the handles that would have moved
 * are closed all the same, and the server serves on. */
TEST(serve, refused_reply_bad_handle)
{
	struct server s;
	struct mlk_msg m;
	mlk_handle_t ep, recv, send, stale, n, weak;

	if (!endpoint_and_server(&s, &ep))
		return;
	if (!receiver_and_sender(&recv, &send)) {
		stop_server(&s);
		return;
	}
	if (CHECK_OK(mlk_notification_create(&stale))) {
		mlk_handle_close(stale);
		s.give =
			(struct mlk_msg){ .nhandles = 2, .h = { recv, stale } };
		m = (struct mlk_msg){ .label = OP_GIVE };
		CHECK_OK(request(ep, &m));
		CHECK_EQ(m.label, MLK_ERR_BAD_HANDLE);
		CHECK_EQ(m.nhandles, 0);
		CHECK(receiver_closed(send));
		CHECK(handle_gone(recv));
	}
	/* Without the TRANSFER right. */
	if (CHECK_OK(mlk_notification_create(&n))) {
		if (CHECK_OK(
			    mlk_handle_duplicate(n, MLK_RIGHT_SIGNAL, &weak))) {
			s.give = (struct mlk_msg){ .nhandles = 1,
						   .h = { weak } };
			m = (struct mlk_msg){ .label = OP_GIVE };
			CHECK_OK(request(ep, &m));
			CHECK_EQ(m.label, MLK_ERR_ACCESS_DENIED);
			CHECK(handle_gone(weak));
		}
		mlk_handle_close(n);
	}
	/* More words than a message holds. */
	s.give = (struct mlk_msg){ .nwords = MLK_MSG_MAX_WORDS + 1 };
	m = (struct mlk_msg){ .label = OP_GIVE };
	CHECK_OK(request(ep, &m));
	CHECK_EQ(m.label, MLK_ERR_TOO_BIG);
	CHECK_EQ(m.nwords, 0);
	/* A status that is a kernel label. */
	s.give = (struct mlk_msg){ 0 };
	s.give_st = (mlk_status_t)NOT_A_LABEL;
	m = (struct mlk_msg){ .label = OP_GIVE };
	CHECK_OK(request(ep, &m));
	CHECK_EQ(m.label, MLK_ERR_BAD_ARG(1));
	give_works(&s, ep);
	CHECK_EQ(s.handled, 5);
	stop_server(&s);
	mlk_handle_close(send);
}

/* ---- the end of the loop ------------------------------------------------ */

/* mlk_serve returns the status of the wait that failed: CANCELLED when
 * its endpoint is closed under it, whether it waited in recv (nothing
 * served yet) or in reply_recv (after a reply that went). */
TEST(serve, endpoint_closed_ends_serve)
{
	struct server s;
	mlk_handle_t ep;

	if (endpoint_and_server(&s, &ep)) {
		mlk_handle_close(ep);
		join_server(&s);
		CHECK_ST(s.st, MLK_ERR_CANCELLED);
	}
	if (endpoint_and_server(&s, &ep)) {
		echo_works(ep);
		CHECK(server_waits(&s));
		mlk_handle_close(ep);
		join_server(&s);
		CHECK_ST(s.st, MLK_ERR_CANCELLED);
	}
}

/* ... and when no one can send to it any more. */
TEST(serve, last_sender_ends_serve)
{
	struct server s;
	mlk_handle_t ep, recv, send;

	memset(&s, 0, sizeof(s));
	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	if (!CHECK_OK(mlk_handle_duplicate(ep, MLK_RIGHT_RECV, &recv))) {
		mlk_handle_close(ep);
		return;
	}
	if (!CHECK_OK(mlk_handle_duplicate(ep, MLK_RIGHT_SEND, &send))) {
		mlk_handle_close(recv);
		mlk_handle_close(ep);
		return;
	}
	mlk_handle_close(ep);
	if (start_server(&s, recv))
		echo_works(send);
	mlk_handle_close(send);
	join_server(&s);
	CHECK_ST(s.st, MLK_ERR_PEER_CLOSED);
	mlk_handle_close(recv);
}

/* Whatever fails the wait ends the loop at once, a deadline or not. */
static void serve_bad(mlk_handle_t ep, mlk_status_t want, int line)
{
	struct server s;

	memset(&s, 0, sizeof(s));
	s.wait_ns = MS;
	s.svc = (struct mlk_service){ .ep = ep,
				      .ops = ops,
				      .nops = sizeof(ops) / sizeof(ops[0]),
				      .ctx = &s,
				      .deadline = next_deadline,
				      .on_timeout = count_timeout };
	if (!CHECK_OK(worker_start(&s.w, serve, &s, mlktest_priority())))
		return;
	if (!join_server(&s))
		return;
	mlkcheck_check(s.st == want, __FILE__, line,
		       "mlk_serve -> " MLKCHECK_ST_FMT, MLKCHECK_ST(s.st));
	CHECK_EQ(s.timeouts, 0);
	CHECK_EQ(s.deadlines, 1);
}

TEST(serve, bad_endpoint_returns)
{
	mlk_handle_t ep, send, n;

	if (CHECK_OK(mlk_endpoint_create(&ep))) {
		if (CHECK_OK(mlk_handle_duplicate(ep, MLK_RIGHT_SEND, &send))) {
			serve_bad(send, MLK_ERR_ACCESS_DENIED, __LINE__);
			mlk_handle_close(send);
		}
		mlk_handle_close(ep);
		serve_bad(ep, MLK_ERR_BAD_HANDLE, __LINE__);
	}
	if (CHECK_OK(mlk_notification_create(&n))) {
		serve_bad(n, MLK_ERR_WRONG_TYPE, __LINE__);
		mlk_handle_close(n);
	}
	serve_bad(MLK_HANDLE_NONE, MLK_ERR_BAD_HANDLE, __LINE__);
}

/* A handler closes the endpoint it serves: its caller still gets the
 * reply, and mlk_serve returns BAD_HANDLE. */
TEST(serve, handler_closes_endpoint)
{
	struct server s;
	struct mlk_msg m = { .label = OP_STOP };
	mlk_handle_t ep, send;

	memset(&s, 0, sizeof(s));
	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	if (!CHECK_OK(mlk_handle_duplicate(ep, MLK_RIGHT_SEND, &send))) {
		mlk_handle_close(ep);
		return;
	}
	if (start_server(&s, ep)) {
		CHECK_OK(request(send, &m));
		CHECK_EQ(m.label, MLK_OK);
		CHECK_EQ(m.w[0], 0x5709);
	} else {
		mlk_handle_close(ep);
	}
	join_server(&s);
	CHECK_ST(s.st, MLK_ERR_BAD_HANDLE);
	mlk_handle_close(send);
}
