/*
 * IPC on endpoints between threads of this process: call, recv, reply,
 * reply_recv, send, nbsend, reply_save and reply_to, badges, message info
 * checks, and the priority order of waiting senders.
 */
#include <string.h>

#include "mlktest.h"

#define QUIT 0xdead

/* A server thread: what it received and how its calls went. */
struct server {
	mlk_handle_t ep;
	mlk_status_t recv_st, reply_st, extra_st;
	struct mlk_msg m;
	mlk_handle_t saved, go;
	uint32_t info_type, info_rights;
	unsigned served;
};

static mlk_status_t endpoint_and_worker(mlk_handle_t *ep, struct server *s,
					struct worker *w, void (*fn)(void *),
					uint32_t priority)
{
	mlk_status_t st = mlk_endpoint_create(ep);

	memset(s, 0, sizeof(*s));
	s->ep = *ep;
	if (st == MLK_OK) {
		st = worker_start(w, fn, s, priority);
		if (st != MLK_OK)
			mlk_handle_close(*ep);
	}
	return st;
}

/* Receive one message; reply with label + 1 and every word + 1. */
static void serve_once(void *arg)
{
	struct server *s = arg;
	struct mlk_msg r = { 0 };

	s->recv_st = mlk_msg_recv(s->ep, &s->m, 0);
	if (s->recv_st != MLK_OK)
		return;
	r.label = s->m.label + 1;
	r.nwords = s->m.nwords;
	for (unsigned i = 0; i < r.nwords; i++)
		r.w[i] = s->m.w[i] + 1;
	s->reply_st = mlk_msg_reply(&r);
}

TEST(ipc, call_reply)
{
	struct server s;
	struct worker w;
	mlk_handle_t ep;
	struct mlk_ipc io = { .info = MLK_MSGINFO(7, 3, 0),
			      .w = { 10, 20, 30, 40, 50 } };

	if (!CHECK_OK(endpoint_and_worker(&ep, &s, &w, serve_once,
					  mlktest_priority())))
		return;
	CHECK_OK(mlk_ipc_call(ep, 0, &io));
	CHECK_EQ(io.info, MLK_MSGINFO(8, 3, 0));
	CHECK_EQ(io.badge, 0);
	CHECK_EQ(io.w[0], 11);
	CHECK_EQ(io.w[1], 21);
	CHECK_EQ(io.w[2], 31);
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_OK(s.recv_st);
	CHECK_OK(s.reply_st);
	CHECK_EQ(s.m.label, 7);
	CHECK_EQ(s.m.nwords, 3);
	CHECK_EQ(s.m.badge, 0);
	CHECK_EQ(s.m.w[2], 30);
	mlk_handle_close(ep);
}

/* A server loop in one call per request; QUIT ends it. */
static void serve_loop(void *arg)
{
	struct server *s = arg;
	struct mlk_msg m;
	mlk_status_t st = mlk_msg_recv(s->ep, &m, 0);

	while (st == MLK_OK && m.label != QUIT) {
		s->served++;
		m.label = MLK_OK;
		m.w[0] *= 2;
		st = mlk_msg_reply_recv(s->ep, &m, 0);
	}
	s->recv_st = st;
	if (st == MLK_OK)
		s->reply_st = mlk_msg_reply(&(struct mlk_msg){ .label = QUIT });
}

TEST(ipc, reply_recv_loop)
{
	struct server s;
	struct worker w;
	mlk_handle_t ep;
	struct mlk_msg m;

	if (!CHECK_OK(endpoint_and_worker(&ep, &s, &w, serve_loop,
					  mlktest_priority())))
		return;
	for (uint64_t i = 1; i <= 3; i++) {
		m = (struct mlk_msg){ .label = 1, .nwords = 1, .w = { i } };
		CHECK_OK(mlk_msg_call(ep, &m, 0));
		CHECK_EQ(m.label, MLK_OK);
		CHECK_EQ(m.w[0], 2 * i);
	}
	m = (struct mlk_msg){ .label = QUIT };
	CHECK_OK(mlk_msg_call(ep, &m, 0));
	CHECK_EQ(m.label, QUIT);
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_EQ(s.served, 3);
	CHECK_OK(s.reply_st);
	mlk_handle_close(ep);
}

/* Receive only after a while: the sender waits until then. */
static void recv_late(void *arg)
{
	struct server *s = arg;

	mlk_sleep(now_ns() + 10 * MS);
	s->recv_st = mlk_msg_recv(s->ep, &s->m, 0);
}

TEST(ipc, send_waits_for_receiver)
{
	struct server s;
	struct worker w;
	mlk_handle_t ep;
	struct mlk_msg m = { .label = 3, .nwords = 1, .w = { 0xabc } };
	uint64_t t0 = now_ns();

	if (!CHECK_OK(endpoint_and_worker(&ep, &s, &w, recv_late,
					  mlktest_priority())))
		return;
	CHECK_OK(mlk_msg_send(ep, &m));
	CHECK(now_ns() - t0 >= 10 * MS);
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_OK(s.recv_st);
	CHECK_EQ(s.m.label, 3);
	CHECK_EQ(s.m.w[0], 0xabc);
	mlk_handle_close(ep);
}

static void recv_now(void *arg)
{
	struct server *s = arg;

	s->recv_st = mlk_msg_recv(s->ep, &s->m, 0);
}

TEST(ipc, nbsend)
{
	struct server s;
	struct worker w;
	mlk_handle_t ep;
	struct mlk_msg m = { .label = 4, .nwords = 2, .w = { 1, 2 } };

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	/* Nobody receiving: not now. */
	CHECK_ST(mlk_msg_nbsend(ep, &m), MLK_ERR_UNAVAILABLE);
	mlk_handle_close(ep);

	if (!CHECK_OK(endpoint_and_worker(&ep, &s, &w, recv_now,
					  mlktest_priority())))
		return;
	CHECK(worker_settle(&w, MLK_THREAD_RECV));
	CHECK_OK(mlk_msg_nbsend(ep, &m));
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_OK(s.recv_st);
	CHECK_EQ(s.m.label, 4);
	CHECK_EQ(s.m.w[1], 2);
	mlk_handle_close(ep);
}

TEST(ipc, reply_without_caller)
{
	struct mlk_ipc io = { .info = MLK_MSGINFO(0, 0, 0) };
	mlk_handle_t r;

	CHECK_ST(mlk_ipc_reply(&io), MLK_ERR_NO_REPLY);
	CHECK_ST(mlk_reply_save(&r), MLK_ERR_NO_REPLY);
}

/* Keep the reply right as a handle, answer through it later. */
static void serve_saved(void *arg)
{
	struct server *s = arg;
	struct mlk_ipc io = { 0 };

	s->recv_st = mlk_ipc_recv(s->ep, 0, &io);
	if (s->recv_st != MLK_OK)
		return;
	s->extra_st = mlk_reply_save(&s->saved);
	if (s->extra_st != MLK_OK)
		return;
	mlk_handle_info(s->saved, &s->info_type, &s->info_rights);
	/* The pending reply moved to the handle: nothing left to reply to. */
	io.info = MLK_MSGINFO(1, 0, 0);
	s->served = mlk_ipc_reply(&io) == MLK_ERR_NO_REPLY;
	io = (struct mlk_ipc){ .info = MLK_MSGINFO(99, 1, 0), .w = { 5 } };
	s->reply_st = mlk_ipc_reply_to(s->saved, &io);
	/* Used up. */
	s->recv_st = mlk_ipc_reply_to(s->saved, &io);
}

TEST(ipc, reply_save_and_reply_to)
{
	struct server s;
	struct worker w;
	mlk_handle_t ep;
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };

	if (!CHECK_OK(endpoint_and_worker(&ep, &s, &w, serve_saved,
					  mlktest_priority())))
		return;
	CHECK_OK(mlk_ipc_call(ep, 0, &io));
	CHECK_EQ(io.info, MLK_MSGINFO(99, 1, 0));
	CHECK_EQ(io.w[0], 5);
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_OK(s.extra_st);
	CHECK_EQ(s.info_type, MLK_OBJ_REPLY);
	CHECK_EQ(s.info_rights, MLK_RIGHTS_BASIC);
	CHECK(s.served);
	CHECK_OK(s.reply_st);
	CHECK_ST(s.recv_st, MLK_ERR_BAD_HANDLE);
	mlk_handle_close(ep);
}

/* Save the reply right, then drop it unanswered. */
static void serve_saved_and_close(void *arg)
{
	struct server *s = arg;
	struct mlk_ipc io = { 0 };

	s->recv_st = mlk_ipc_recv(s->ep, 0, &io);
	if (s->recv_st == MLK_OK && mlk_reply_save(&s->saved) == MLK_OK)
		s->reply_st = mlk_handle_close(s->saved);
}

TEST(ipc, closing_saved_reply_wakes_caller)
{
	struct server s;
	struct worker w;
	mlk_handle_t ep;
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };

	if (!CHECK_OK(endpoint_and_worker(&ep, &s, &w, serve_saved_and_close,
					  mlktest_priority())))
		return;
	CHECK_ST(mlk_ipc_call(ep, 0, &io), MLK_ERR_PEER_CLOSED);
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_OK(s.reply_st);
	mlk_handle_close(ep);
}

/* Save the reply right; answer once told the caller gave up. */
static void serve_saved_late(void *arg)
{
	struct server *s = arg;
	struct mlk_ipc io = { 0 };
	uint32_t t, r;
	uint64_t bits;

	s->recv_st = mlk_ipc_recv(s->ep, 0, &io);
	if (s->recv_st != MLK_OK || mlk_reply_save(&s->saved) != MLK_OK)
		return;
	mlk_wait(s->go, 0, &bits);
	io.info = MLK_MSGINFO(1, 0, 0);
	s->reply_st = mlk_ipc_reply_to(s->saved, &io);
	/* Used up either way. */
	s->extra_st = mlk_handle_info(s->saved, &t, &r);
}

TEST(ipc, reply_to_after_caller_gave_up)
{
	struct server s;
	struct worker w;
	mlk_handle_t ep, go;
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };

	if (!CHECK_OK(mlk_notification_create(&go)))
		return;
	if (!CHECK_OK(endpoint_and_worker(&ep, &s, &w, serve_saved_late,
					  mlktest_priority()))) {
		mlk_handle_close(go);
		return;
	}
	s.go = go; /* read once it has our call */
	/* Waiting in recv: the call reaches it at once, and the deadline
	 * runs out while the call waits for its reply. */
	CHECK(worker_settle(&w, MLK_THREAD_RECV));
	CHECK_ST(mlk_ipc_call(ep, now_ns() + 15 * MS, &io), MLK_ERR_TIMED_OUT);
	CHECK_OK(mlk_signal(go, 1));
	CHECK(worker_join(&w, 1000 * MS));
	mlk_handle_close(go);
	CHECK_ST(s.reply_st, MLK_ERR_PEER_CLOSED);
	CHECK_ST(s.extra_st, MLK_ERR_BAD_HANDLE);
	mlk_handle_close(ep);
}

TEST(ipc, reply_to_errors)
{
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };
	mlk_handle_t ep;

	CHECK_ST(mlk_ipc_reply_to(0, &io), MLK_ERR_BAD_HANDLE);
	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	CHECK_ST(mlk_ipc_reply_to(ep, &io), MLK_ERR_WRONG_TYPE);
	mlk_handle_close(ep);
}

/* Serve `n` calls, remembering the badge of each. */
struct badges {
	mlk_handle_t ep;
	uint64_t seen[3];
	mlk_status_t st;
};

static void serve_badges(void *arg)
{
	struct badges *b = arg;
	struct mlk_ipc io = { 0 };

	for (int i = 0; i < 3; i++) {
		b->st = mlk_ipc_recv(b->ep, 0, &io);
		if (b->st != MLK_OK)
			return;
		b->seen[i] = io.badge;
		io.info = MLK_MSGINFO(0, 0, 0);
		mlk_ipc_reply(&io);
	}
}

TEST(ipc, badge_seen_by_receiver)
{
	struct badges b = { 0 };
	struct worker w;
	mlk_handle_t minted, dup;
	struct mlk_ipc io;

	if (!CHECK_OK(mlk_endpoint_create(&b.ep)))
		return;
	CHECK_OK(mlk_endpoint_mint(b.ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC,
				   0xbadcafe5ull << 16, &minted));
	CHECK_OK(mlk_handle_duplicate(minted, MLK_RIGHT_SEND, &dup));
	if (CHECK_OK(worker_start(&w, serve_badges, &b, mlktest_priority()))) {
		io = (struct mlk_ipc){ .info = MLK_MSGINFO(1, 0, 0) };
		CHECK_OK(mlk_ipc_call(minted, 0, &io));
		CHECK_EQ(io.badge, 0); /* replies carry none */
		io = (struct mlk_ipc){ .info = MLK_MSGINFO(1, 0, 0) };
		CHECK_OK(mlk_ipc_call(dup, 0, &io));
		io = (struct mlk_ipc){ .info = MLK_MSGINFO(1, 0, 0) };
		CHECK_OK(mlk_ipc_call(b.ep, 0, &io));
		CHECK(worker_join(&w, 1000 * MS));
		CHECK_EQ(b.seen[0], 0xbadcafe5ull << 16);
		CHECK_EQ(b.seen[1], 0xbadcafe5ull << 16);
		CHECK_EQ(b.seen[2], 0);
	}
	mlk_handle_close(dup);
	mlk_handle_close(minted);
	mlk_handle_close(b.ep);
}

/* Every send flavour refuses a bad message info before anything else. */
static void check_info_refused(mlk_handle_t ep, mlk_msginfo_t info,
			       mlk_status_t want, int line)
{
	static const uint64_t ops[] = { MLK_SYS_send, MLK_SYS_nbsend,
					MLK_SYS_call };

	for (unsigned i = 0; i < 3; i++) {
		struct mlk_ipc io = { .info = info };
		mlk_status_t st = mlk_ipc_svc(ops[i], ep, 0, &io);
		mlkcheck_check(st == want, __FILE__, line,
			       "syscall %lu, info %#lx -> " MLKCHECK_ST_FMT
			       ", expected " MLKCHECK_ST_FMT,
			       (unsigned long)ops[i], (unsigned long)info,
			       MLKCHECK_ST(st), MLKCHECK_ST(want));
	}
}
#define CHECK_REFUSED(ep, info, want)                                          \
	check_info_refused(ep, info, want, __LINE__)

TEST(ipc, msginfo_checks)
{
	mlk_handle_t ep;
	struct mlk_ipc io;

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	CHECK_REFUSED(ep, MLK_MSGINFO(1, 65, 0), MLK_ERR_TOO_BIG);
	CHECK_REFUSED(ep, MLK_MSGINFO(1, 127, 0), MLK_ERR_TOO_BIG);
	CHECK_REFUSED(ep, MLK_MSGINFO(1, 0, 5), MLK_ERR_TOO_BIG);
	CHECK_REFUSED(ep, MLK_MSGINFO(1, 0, 7), MLK_ERR_TOO_BIG);
	/* Stray bits: 7, 11, copy bits of handles not sent, 16..31. */
	CHECK_REFUSED(ep, MLK_MSGINFO(1, 0, 0) | 0x80, MLK_ERR_BAD_ARG(1));
	CHECK_REFUSED(ep, MLK_MSGINFO(1, 0, 0) | 0x800, MLK_ERR_BAD_ARG(1));
	CHECK_REFUSED(ep, MLK_MSGINFO(1, 0, 0) | MLK_MSGINFO_COPY_BIT(0),
		      MLK_ERR_BAD_ARG(1));
	CHECK_REFUSED(ep, MLK_MSGINFO(1, 0, 1) | MLK_MSGINFO_COPY_BIT(1),
		      MLK_ERR_BAD_ARG(1));
	CHECK_REFUSED(ep, MLK_MSGINFO(1, 0, 0) | (1ull << 16),
		      MLK_ERR_BAD_ARG(1));
	CHECK_REFUSED(ep, MLK_MSGINFO(1, 0, 0) | (1ull << 31),
		      MLK_ERR_BAD_ARG(1));
	/* Labels the kernel keeps for itself. */
	CHECK_REFUSED(ep, MLK_MSGINFO(MLK_LABEL_KERNEL, 0, 0),
		      MLK_ERR_BAD_ARG(1));
	CHECK_REFUSED(ep, MLK_MSGINFO(MLK_LABEL_FAULT, 0, 0),
		      MLK_ERR_BAD_ARG(1));
	CHECK_REFUSED(ep, MLK_MSGINFO(MLK_LABEL_EXIT, 0, 0),
		      MLK_ERR_BAD_ARG(1));
	CHECK_REFUSED(ep, MLK_MSGINFO(0xffffffffu, 0, 0), MLK_ERR_BAD_ARG(1));
	/* Just below them, 64 words, 4 handles' worth of count: fine (and
	 * nobody receives). */
	io = (struct mlk_ipc){ .info = MLK_MSGINFO(MLK_LABEL_KERNEL - 1, 64,
						   0) };
	CHECK_ST(mlk_ipc_nbsend(ep, &io), MLK_ERR_UNAVAILABLE);
	mlk_handle_close(ep);
}

/* Call once with the message in *arg's m; keep the reply there. */
static void call_once(void *arg)
{
	struct server *s = arg;

	s->recv_st = mlk_msg_call(s->ep, &s->m, 0);
}

TEST(ipc, reply_checks)
{
	struct server s;
	struct worker w;
	mlk_handle_t ep;
	struct mlk_ipc io = { 0 };

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	memset(&s, 0, sizeof(s));
	s.ep = ep;
	s.m = (struct mlk_msg){ .label = 1 };
	if (!CHECK_OK(worker_start(&w, call_once, &s, mlktest_priority()))) {
		mlk_handle_close(ep);
		return;
	}
	CHECK_OK(mlk_ipc_recv(ep, 0, &io));
	/* Bad replies are refused and the caller keeps waiting. */
	io.info = MLK_MSGINFO(1, 65, 0);
	CHECK_ST(mlk_ipc_reply(&io), MLK_ERR_TOO_BIG);
	io.info = MLK_MSGINFO(MLK_LABEL_EXIT, 0, 0);
	CHECK_ST(mlk_ipc_reply(&io), MLK_ERR_BAD_ARG(1));
	io.info = MLK_MSGINFO(1, 0, 0) | 0x80;
	CHECK_ST(mlk_ipc_reply(&io), MLK_ERR_BAD_ARG(1));
	/* reply_recv does not get to its receive either. */
	io.info = MLK_MSGINFO(1, 0, 5);
	CHECK_ST(mlk_ipc_reply_recv(ep, 0, &io), MLK_ERR_TOO_BIG);
	io = (struct mlk_ipc){ .info = MLK_MSGINFO(42, 1, 0), .w = { 7 } };
	CHECK_OK(mlk_ipc_reply(&io));
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_OK(s.recv_st);
	CHECK_EQ(s.m.label, 42);
	CHECK_EQ(s.m.w[0], 7);
	mlk_handle_close(ep);
}

TEST(ipc, ipc_needs_rights)
{
	mlk_handle_t ep, send_only, recv_only;
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	CHECK_OK(mlk_handle_duplicate(ep, MLK_RIGHT_SEND, &send_only));
	CHECK_OK(mlk_handle_duplicate(ep, MLK_RIGHT_RECV, &recv_only));
	CHECK_ST(mlk_ipc_recv(send_only, 1, &io), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_ipc_reply_recv(send_only, 1, &io), MLK_ERR_ACCESS_DENIED);
	io.info = MLK_MSGINFO(1, 0, 0);
	CHECK_ST(mlk_ipc_send(recv_only, &io), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_ipc_nbsend(recv_only, &io), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_ipc_call(recv_only, 1, &io), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_ipc_call(MLK_HANDLE_SELF_THREAD, 1, &io),
		 MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_ipc_recv(0, 1, &io), MLK_ERR_BAD_HANDLE);
	mlk_handle_close(recv_only);
	mlk_handle_close(send_only);
	mlk_handle_close(ep);
}

/* Receiving again before replying drops the first caller. */
TEST(ipc, recv_again_drops_caller)
{
	struct server s;
	struct worker w;
	mlk_handle_t ep;
	struct mlk_ipc io = { 0 };

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	memset(&s, 0, sizeof(s));
	s.ep = ep;
	s.m = (struct mlk_msg){ .label = 1 };
	if (!CHECK_OK(worker_start(&w, call_once, &s, mlktest_priority()))) {
		mlk_handle_close(ep);
		return;
	}
	CHECK_OK(mlk_ipc_recv(ep, 0, &io));
	CHECK_ST(mlk_ipc_recv(ep, 1, &io), MLK_ERR_TIMED_OUT);
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_ST(s.recv_st, MLK_ERR_PEER_CLOSED);
	io.info = MLK_MSGINFO(1, 0, 0);
	CHECK_ST(mlk_ipc_reply(&io), MLK_ERR_NO_REPLY);
	mlk_handle_close(ep);
}

/* Senders wait in priority order, first come first served among equals. */
struct sender {
	mlk_handle_t ep;
	uint64_t word;
	mlk_status_t st;
};

static void send_word(void *arg)
{
	struct sender *s = arg;
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 1, 0), .w = { s->word } };

	s->st = mlk_ipc_send(s->ep, &io);
}

TEST(ipc, senders_queue_by_priority)
{
	const uint32_t p = mlktest_priority();
	const uint32_t prio[5] = { p - 3, p - 1, p - 2, p - 4, p - 4 };
	struct sender s[5];
	struct worker w[5];
	struct mlk_ipc io;
	mlk_handle_t ep;
	unsigned started = 0;

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	/* Lower than us: each runs, and blocks, while we wait for it. */
	for (unsigned i = 0; i < 5; i++) {
		s[i] = (struct sender){ .ep = ep, .word = i };
		if (!CHECK_OK(worker_start(&w[i], send_word, &s[i], prio[i])))
			break;
		started++;
		CHECK(worker_settle(&w[i], MLK_THREAD_SEND));
	}
	static const uint64_t order[5] = { 1, 2, 0, 3, 4 };
	for (unsigned i = 0; i < started; i++) {
		io = (struct mlk_ipc){ 0 };
		CHECK_OK(mlk_ipc_recv(ep, now_ns() + 1000 * MS, &io));
		CHECK_EQ(io.w[0], order[i]);
	}
	for (unsigned i = 0; i < started; i++) {
		CHECK(worker_join(&w[i], 1000 * MS));
		CHECK_OK(s[i].st);
	}
	mlk_handle_close(ep);
}

/* A waiting sender whose priority changes moves to its new place. */
TEST(ipc, queue_follows_priority_change)
{
	const uint32_t p = mlktest_priority();
	struct sender s[2];
	struct worker w[2];
	struct mlk_ipc io;
	mlk_handle_t ep;

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	s[0] = (struct sender){ .ep = ep, .word = 0 };
	s[1] = (struct sender){ .ep = ep, .word = 1 };
	if (CHECK_OK(worker_start(&w[0], send_word, &s[0], p - 3))) {
		CHECK(worker_settle(&w[0], MLK_THREAD_SEND));
		if (CHECK_OK(worker_start(&w[1], send_word, &s[1], p - 2))) {
			CHECK(worker_settle(&w[1], MLK_THREAD_SEND));
			/* Queued: 1 (p - 2), then 0 (p - 3).  Now 0 is higher.
			 */
			CHECK_OK(mlk_thread_set_priority(w[0].thread, p - 1));
			for (unsigned i = 0; i < 2; i++) {
				io = (struct mlk_ipc){ 0 };
				CHECK_OK(mlk_ipc_recv(ep, now_ns() + 1000 * MS,
						      &io));
				CHECK_EQ(io.w[0], i);
			}
			CHECK(worker_join(&w[1], 1000 * MS));
		}
		CHECK(worker_join(&w[0], 1000 * MS));
	}
	mlk_handle_close(ep);
}
