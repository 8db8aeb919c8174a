/*
 * The other side goes away: a blocked thread gets an error, never a hang.
 * PEER_CLOSED when the last send or receive handle of an endpoint goes or
 * the server dies; CANCELLED when the object itself is closed under a
 * waiter.
 */
#include "child.h"
#include "mlktest.h"

/* One blocking operation in a thread of its own. */
struct op {
	uint64_t nr; /* MLK_SYS_send, _call, _recv, or _wait */
	mlk_handle_t h;
	mlk_status_t st;
};

static void do_op(void *arg)
{
	struct op *op = arg;
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };
	uint64_t bits;

	if (op->nr == MLK_SYS_wait)
		op->st = mlk_wait(op->h, 0, &bits);
	else
		op->st = mlk_ipc_svc(op->nr, op->h, 0, &io);
}

/* The state a thread blocked in op shows (no receiver for a call yet). */
static uint32_t blocked_state(uint64_t nr)
{
	if (nr == MLK_SYS_wait)
		return MLK_THREAD_WAIT;
	return nr == MLK_SYS_recv ? MLK_THREAD_RECV : MLK_THREAD_SEND;
}

/* Start op, let it block, do `then`'s close, and see how op ended. */
static void blocked_then_closed(uint64_t nr, mlk_handle_t wait_on,
				mlk_handle_t to_close, mlk_status_t want,
				int line)
{
	struct op op = { .nr = nr, .h = wait_on };
	struct worker w;

	if (!CHECK_OK(worker_start(&w, do_op, &op, mlktest_priority())))
		return;
	CHECK(worker_settle(&w, blocked_state(nr)));
	CHECK_OK(mlk_handle_close(to_close));
	if (CHECK(worker_join(&w, 1000 * MS)))
		mlkcheck_check(op.st == want, __FILE__, line,
			       "blocked call %lu ended with " MLKCHECK_ST_FMT
			       ", expected " MLKCHECK_ST_FMT,
			       (unsigned long)nr, MLKCHECK_ST(op.st),
			       MLKCHECK_ST(want));
}

/* ep split into a send-only and a receive-only handle. */
static bool split(mlk_handle_t *send, mlk_handle_t *recv)
{
	mlk_handle_t ep;

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return false;
	CHECK_OK(mlk_handle_duplicate(ep, MLK_RIGHT_SEND, send));
	CHECK_OK(mlk_handle_duplicate(ep, MLK_RIGHT_RECV, recv));
	mlk_handle_close(ep);
	return true;
}

TEST(peer, no_receiver_left)
{
	mlk_handle_t s, r;
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };

	if (!split(&s, &r))
		return;
	mlk_handle_close(r);
	CHECK_ST(mlk_ipc_send(s, &io), MLK_ERR_PEER_CLOSED);
	CHECK_ST(mlk_ipc_nbsend(s, &io), MLK_ERR_PEER_CLOSED);
	CHECK_ST(mlk_ipc_call(s, 0, &io), MLK_ERR_PEER_CLOSED);
	mlk_handle_close(s);
}

TEST(peer, no_sender_left)
{
	mlk_handle_t s, r;
	struct mlk_ipc io = { 0 };

	if (!split(&s, &r))
		return;
	mlk_handle_close(s);
	CHECK_ST(mlk_ipc_recv(r, 0, &io), MLK_ERR_PEER_CLOSED);
	mlk_handle_close(r);
}

TEST(peer, receiver_loses_last_sender)
{
	mlk_handle_t s, r;

	if (!split(&s, &r))
		return;
	blocked_then_closed(MLK_SYS_recv, r, s, MLK_ERR_PEER_CLOSED, __LINE__);
	mlk_handle_close(r);
}

TEST(peer, sender_loses_last_receiver)
{
	mlk_handle_t s, r;

	if (split(&s, &r)) {
		blocked_then_closed(MLK_SYS_send, s, r, MLK_ERR_PEER_CLOSED,
				    __LINE__);
		mlk_handle_close(s);
	}
	if (split(&s, &r)) {
		blocked_then_closed(MLK_SYS_call, s, r, MLK_ERR_PEER_CLOSED,
				    __LINE__);
		mlk_handle_close(s);
	}
}

/* The only handle closed under a waiter: the endpoint is gone. */
TEST(peer, endpoint_closed_under_waiter)
{
	mlk_handle_t ep;

	if (CHECK_OK(mlk_endpoint_create(&ep)))
		blocked_then_closed(MLK_SYS_recv, ep, ep, MLK_ERR_CANCELLED,
				    __LINE__);
	if (CHECK_OK(mlk_endpoint_create(&ep)))
		blocked_then_closed(MLK_SYS_send, ep, ep, MLK_ERR_CANCELLED,
				    __LINE__);
	if (CHECK_OK(mlk_endpoint_create(&ep)))
		blocked_then_closed(MLK_SYS_call, ep, ep, MLK_ERR_CANCELLED,
				    __LINE__);
}

/* The waiter's own receive handle closed, while a send handle remains:
 * nothing could ever reach it. */
TEST(peer, receive_handle_closed_under_receiver)
{
	mlk_handle_t s, r;

	if (!split(&s, &r))
		return;
	blocked_then_closed(MLK_SYS_recv, r, r, MLK_ERR_CANCELLED, __LINE__);
	mlk_handle_close(s);
}

TEST(peer, notification_closed_under_waiter)
{
	mlk_handle_t n;

	if (CHECK_OK(mlk_notification_create(&n)))
		blocked_then_closed(MLK_SYS_wait, n, n, MLK_ERR_CANCELLED,
				    __LINE__);
}

/* ---- the server is another process --------------------------------------- */

static mlk_status_t server_child(struct child *c, mlk_handle_t *ep)
{
	struct child_opts o = { .nhandles = 1, .kinds = { CHILD_H_SERVE } };
	mlk_status_t st = mlk_endpoint_create(ep);

	if (st != MLK_OK)
		return st;
	o.handles[0] = *ep;
	st = child_spawn(c, "server", &o);
	if (st != MLK_OK)
		mlk_handle_close(*ep);
	return st;
}

TEST(peer, server_exits_before_replying)
{
	struct child c;
	mlk_handle_t ep;
	int64_t code = 0;
	struct mlk_ipc io = { .info = MLK_MSGINFO(SRV_EXIT, 1, 0), .w = { 9 } };

	if (!CHECK_OK(server_child(&c, &ep)))
		return;
	CHECK_ST(mlk_ipc_call(ep, now_ns() + 1000 * MS, &io),
		 MLK_ERR_PEER_CLOSED);
	CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
	CHECK_EQ(code, 9);
	child_cleanup(&c);
	mlk_handle_close(ep);
}

/* A call that the server will never answer, from a thread of ours. */
struct held_call {
	mlk_handle_t ep;
	uint64_t save; /* the server keeps the reply right in a handle */
	mlk_status_t st;
	uint32_t label;
};

static void call_held(void *arg)
{
	struct held_call *h = arg;
	struct mlk_ipc io = { .info = MLK_MSGINFO(h->label, 1, 0),
			      .w = { h->save } };

	h->st = mlk_ipc_call(h->ep, now_ns() + 5000 * MS, &io);
}

static void server_dies_holding(uint32_t label, uint64_t save, int line)
{
	struct child c;
	struct worker w;
	struct mlk_msg m;
	struct held_call h = { .save = save, .label = label, .st = -1 };

	if (!CHECK_OK(server_child(&c, &h.ep)))
		return;
	if (CHECK_OK(worker_start(&w, call_held, &h, mlktest_priority()))) {
		if (label == SRV_FAULT) {
			/* It faults holding the call; that alone ends
			 * nothing: the thread waits for its supervisor. */
			CHECK_OK(child_recv(&c, &m, 1000 * MS));
			CHECK_EQ(m.label, MLK_LABEL_FAULT);
			CHECK_EQ(m.w[0], MLK_FAULT_UNDEFINED);
		} else {
			/* It holds the call, suspended for good. */
			CHECK(child_settle(&c, MLK_THREAD_SUSPENDED));
		}
		CHECK(worker_settle(&w, MLK_THREAD_REPLY));
		CHECK_EQ(h.st, -1); /* still waiting */
		CHECK_OK(mlk_process_kill(c.h.process, 3));
		if (CHECK(worker_join(&w, 1000 * MS)))
			mlkcheck_check(h.st == MLK_ERR_PEER_CLOSED, __FILE__,
				       line, "the caller got " MLKCHECK_ST_FMT,
				       MLKCHECK_ST(h.st));
	}
	child_cleanup(&c);
	mlk_handle_close(h.ep);
}

TEST(peer, server_killed_holding_call)
{
	server_dies_holding(SRV_HOLD, 0, __LINE__);
}

TEST(peer, server_killed_holding_saved_reply)
{
	server_dies_holding(SRV_HOLD, 1, __LINE__);
}

TEST(peer, server_faults_holding_call)
{
	server_dies_holding(SRV_FAULT, 0, __LINE__);
}

/* ---- the caller is another process --------------------------------------- */

/* It calls us (its supervisor endpoint) and dies before the answer. */
TEST(peer, caller_killed_before_reply)
{
	struct child c;
	struct mlk_msg m;
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };
	mlk_handle_t saved;

	/* Twice: answered directly, then through a saved reply. */
	for (int save = 0; save < 2; save++) {
		if (!CHECK_OK(child_spawn(&c, "call", NULL)))
			return;
		if (CHECK_OK(child_recv(&c, &m, 1000 * MS)) &&
		    CHECK_EQ(m.label, CHILD_CALLING)) {
			if (save)
				CHECK_OK(mlk_reply_save(&saved));
			CHECK_OK(mlk_process_kill(c.h.process, 1));
			if (save) {
				CHECK_ST(mlk_ipc_reply_to(saved, &io),
					 MLK_ERR_PEER_CLOSED);
			} else {
				CHECK_ST(mlk_ipc_reply(&io), MLK_ERR_NO_REPLY);
			}
		}
		child_cleanup(&c);
	}
}

/* A sender killed while it waits leaves the queue: what comes next is
 * its exit message, not its message. */
TEST(peer, sender_killed_while_queued)
{
	struct child c;
	struct mlk_msg m;

	if (!CHECK_OK(child_spawn(&c, "fault-read", NULL)))
		return;
	CHECK(child_settle(&c, MLK_THREAD_SEND)); /* sending its HELLO */
	CHECK_OK(mlk_process_kill(c.h.process, 8));
	if (CHECK_OK(child_recv(&c, &m, 1000 * MS))) {
		CHECK_EQ(m.label, MLK_LABEL_EXIT);
		CHECK_EQ(m.w[0], 8);
	}
	CHECK_ST(child_recv(&c, &m, 1), MLK_ERR_TIMED_OUT);
	child_cleanup(&c);
}
