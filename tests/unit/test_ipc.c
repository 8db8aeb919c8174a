/*
 * Unit tests of IPC (kernel/core/ipc.c): endpoints, calls and replies,
 * saved replies, handle transfer, peers going away, notifications, the
 * kernel's fault and exit messages, and cancelled waits.
 *
 * The real core runs around mock_kernel.c: processes from process_create
 * with their handle tables and quotas, threads from thread_create with
 * IPC buffers in fake RAM, the real scheduler.  A test plays user space:
 * it puts a thread on the CPU (mock_run), writes its message registers
 * and IPC buffer, and makes the call the system call layer would.
 */
#include "ipc.h"

#include "handle_table.h"
#include "heap.h"
#include "notification.h"
#include "mock_kernel.h"
#include "process.h"
#include "sched.h"
#include "timer.h"
#include "unit.h"

#define MIB (1024 * 1024)
#define EP_RIGHTS (MLK_RIGHT_SEND | MLK_RIGHT_RECV | MLK_RIGHTS_BASIC)
#define SEND_RIGHTS (MLK_RIGHT_SEND | MLK_RIGHTS_BASIC)
#define CLIENT_BADGE 0xc11e47ull
#define SLOT_BYTES sizeof(struct handle_entry)
/* Deadlines are in ns; the mock counter runs at 62.5 MHz. */
#define NS_PER_TICK (NSEC_PER_SEC / MOCK_TIMER_FREQ)

/* ---- The world: a server and a client process sharing an endpoint -------- */

static struct process *root, *sp, *cp;
static struct endpoint *ep;
static mlk_handle_t srv_ep, cli_ep; /* srv: send and receive; cli: send */
static struct thread *srv, *cli;

static mlk_handle_t give(struct process *p, struct kobj *o, uint32_t rights,
			 uint64_t badge)
{
	mlk_handle_t h = MLK_HANDLE_NONE;

	ck_assert_int_eq(handle_install(&p->handles, o, rights, badge, &h),
			 MLK_OK);
	return h;
}

static void ipc_setup(void)
{
	mock_kernel_init();
	root = mock_process(NULL, "root", 64 * MIB);
	sp = mock_process(root, "server", 8 * MIB);
	cp = mock_process(root, "client", 4 * MIB);
	ck_assert_int_eq(endpoint_create(sp, &ep), MLK_OK);
	srv_ep = give(sp, &ep->obj, EP_RIGHTS, 0);
	cli_ep = give(cp, &ep->obj, SEND_RIGHTS, CLIENT_BADGE);
	kobj_put(&ep->obj); /* the handles hold it */
	srv = mock_thread(sp, 10, "srv");
	cli = mock_thread(cp, 10, "cli");
}

/* ---- Playing user space -------------------------------------------------- */

static uint64_t word(uint32_t label, unsigned i)
{
	return (uint64_t)label << 32 | 0xab00 | i;
}

/* Word i of t's message: a register for the first ones, else the buffer. */
static uint64_t msg_word(struct thread *t, unsigned i)
{
	return i < MLK_MSG_REG_WORDS ? frame_arg(&t->frame, 3 + (int)i)
				     : t->ipcbuf->words[i];
}

/* Write a message of `nwords` words and `nh` handles into t's registers
 * and IPC buffer; `copy` holds MLK_MSGINFO_COPY_BIT()s. */
static void set_message(struct thread *t, uint32_t label, unsigned nwords,
			unsigned nh, const mlk_handle_t *hs, uint64_t copy)
{
	frame_set_ret(&t->frame, 1, MLK_MSGINFO(label, nwords, nh) | copy);
	for (unsigned i = 0; i < nwords; i++) {
		if (i < MLK_MSG_REG_WORDS)
			frame_set_ret(&t->frame, 3 + (int)i, word(label, i));
		else
			t->ipcbuf->words[i] = word(label, i);
	}
	for (unsigned i = 0; i < nh; i++)
		t->ipcbuf->handles[i] = hs[i];
}

/* t received a message of `label` with `nwords` words through `badge`. */
static void expect_message(struct thread *t, uint32_t label, unsigned nwords,
			   unsigned nh, uint64_t badge)
{
	ck_assert_int_eq(frame_arg(&t->frame, 0), MLK_OK);
	ck_assert_uint_eq(frame_arg(&t->frame, 1),
			  MLK_MSGINFO(label, nwords, nh));
	ck_assert_uint_eq(frame_arg(&t->frame, 2), badge);
	for (unsigned i = 0; i < nwords; i++)
		ck_assert_uint_eq(msg_word(t, i), word(label, i));
}

static void expect_status(struct thread *t, unsigned state, mlk_status_t st)
{
	ck_assert_int_eq(t->state, state);
	ck_assert_int_eq(frame_arg(&t->frame, 0), st);
}

/* The system call layer: the endpoint and badge of handle h of t. */
static mlk_status_t send_on(struct thread *t, mlk_handle_t h, unsigned op,
			    bool block, uint64_t deadline)
{
	struct handle_entry *e;
	mlk_status_t st = handle_lookup(&t->proc->handles, h, MLK_OBJ_ENDPOINT,
					MLK_RIGHT_SEND, &e);

	if (st != MLK_OK)
		return st;
	ck_assert_ptr_eq(sched_current(), t);
	return ipc_send(t, container_of(e->obj, struct endpoint, obj), e->badge,
			op, block, deadline);
}

static mlk_status_t recv_on(struct thread *t, mlk_handle_t h, uint64_t deadline)
{
	struct handle_entry *e;
	mlk_status_t st = handle_lookup(&t->proc->handles, h, MLK_OBJ_ENDPOINT,
					MLK_RIGHT_RECV, &e);

	if (st != MLK_OK)
		return st;
	ck_assert_ptr_eq(sched_current(), t);
	return ipc_recv(t, container_of(e->obj, struct endpoint, obj),
			deadline);
}

static bool on_queue(struct list *q, struct thread *t)
{
	list_for_each(pos, q)
	{
		if (pos == &t->link)
			return true;
	}
	return false;
}

/* t blocks in recv on its process's handle h. */
static void recv_blocks(struct thread *t, mlk_handle_t h)
{
	mock_run(t);
	ck_assert_int_eq(recv_on(t, h, 0), SYS_BLOCKED);
	ck_assert_int_eq(t->state, MLK_THREAD_RECV);
}

/* cli calls srv, which is waiting: srv now has it to answer. */
static void call_srv(uint32_t label)
{
	recv_blocks(srv, srv_ep);
	mock_run(cli);
	set_message(cli, label, 2, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_CALL, true, 0), SYS_BLOCKED);
	mock_run(srv);
}

static uint32_t handle_rights(struct process *p, mlk_handle_t h,
			      struct kobj **obj, uint64_t *badge)
{
	struct handle_entry *e;

	ck_assert_int_eq(handle_lookup(&p->handles, h, MLK_OBJ_NONE, 0, &e),
			 MLK_OK);
	*obj = e->obj;
	if (badge)
		*badge = e->badge;
	return e->rights;
}

static void expect_live_handle(struct process *p, mlk_handle_t h)
{
	struct handle_entry *e;

	ck_assert_int_eq(handle_lookup(&p->handles, h, MLK_OBJ_NONE, 0, &e),
			 MLK_OK);
}

/* Fill p's table so the next handle needs it to grow. */
static void fill_table(struct process *p, struct kobj *o)
{
	while (p->handles.free_head)
		give(p, o, MLK_RIGHT_READ, 0);
}

/* ---- Message info -------------------------------------------------------- */

START_TEST(msginfo_checks)
{
	ck_assert_int_eq(ipc_check_msginfo(0), MLK_OK);
	ck_assert_int_eq(ipc_check_msginfo(MLK_MSGINFO(1, 64, 4) |
					   MLK_MSGINFO_COPY_BIT(3)),
			 MLK_OK);
	ck_assert_int_eq(ipc_check_msginfo(MLK_MSGINFO(0xfffeffff, 0, 0)),
			 MLK_OK);
	/* Too much. */
	ck_assert_int_eq(ipc_check_msginfo(MLK_MSGINFO(1, 65, 0)),
			 MLK_ERR_TOO_BIG);
	ck_assert_int_eq(ipc_check_msginfo(MLK_MSGINFO(1, 127, 0)),
			 MLK_ERR_TOO_BIG);
	ck_assert_int_eq(ipc_check_msginfo(MLK_MSGINFO(1, 0, 5)),
			 MLK_ERR_TOO_BIG);
	ck_assert_int_eq(ipc_check_msginfo(MLK_MSGINFO(1, 0, 7) | 1ull << 7),
			 MLK_ERR_TOO_BIG); /* before stray bits */
	/* Stray bits: between the fields, a copy bit past the handles. */
	ck_assert_int_eq(ipc_check_msginfo(1ull << 7), MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(ipc_check_msginfo(1ull << 11), MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(ipc_check_msginfo(1ull << 16), MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(ipc_check_msginfo(1ull << 31), MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(ipc_check_msginfo(MLK_MSGINFO(1, 0, 2) |
					   MLK_MSGINFO_COPY_BIT(2)),
			 MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(ipc_check_msginfo(MLK_MSGINFO_COPY_BIT(0)),
			 MLK_ERR_BAD_ARG(1));
	/* Labels the kernel keeps. */
	ck_assert_int_eq(ipc_check_msginfo(MLK_MSGINFO(MLK_LABEL_KERNEL, 0, 0)),
			 MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(ipc_check_msginfo(MLK_MSGINFO(MLK_LABEL_FAULT, 1, 0)),
			 MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(ipc_check_msginfo(MLK_MSGINFO(0xffffffff, 0, 0)),
			 MLK_ERR_BAD_ARG(1));
}
END_TEST

START_TEST(bad_msginfo_delivers_nothing)
{
	recv_blocks(srv, srv_ep);
	mock_run(cli);
	frame_set_ret(&cli->frame, 1, MLK_MSGINFO(1, 65, 0));
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0),
			 MLK_ERR_TOO_BIG);
	frame_set_ret(&cli->frame, 1, MLK_MSGINFO(MLK_LABEL_EXIT, 5, 0));
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_CALL, true, 0),
			 MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(srv->state, MLK_THREAD_RECV);
	ck_assert(on_queue(&ep->receivers, srv));
	ck_assert_int_eq(cli->state, MLK_THREAD_RUNNING);
	ck_assert_ptr_null(cli->replier);
}
END_TEST

/* ---- Send and receive ---------------------------------------------------- */

START_TEST(send_to_a_waiting_receiver)
{
	recv_blocks(srv, srv_ep);
	ck_assert_ptr_eq(srv->waiting_on, ep);
	ck_assert(on_queue(&ep->receivers, srv));

	mock_run(cli);
	set_message(cli, 7, 3, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), MLK_OK);
	expect_message(srv, 7, 3, 0, CLIENT_BADGE);
	ck_assert_int_eq(srv->state, MLK_THREAD_READY);
	ck_assert_ptr_null(srv->waiting_on);
	ck_assert(list_empty(&ep->receivers));
	/* The sender goes on; nothing links them. */
	ck_assert_int_eq(cli->state, MLK_THREAD_RUNNING);
	ck_assert_ptr_null(srv->reply_to);
	ck_assert_ptr_null(cli->replier);
	/* Equal priority: the receiver waits for its turn. */
	ck_assert(sched_resume_current());
}
END_TEST

START_TEST(send_wakes_a_more_urgent_receiver_first)
{
	sched_set_prio(srv, 20);
	recv_blocks(srv, srv_ep);
	mock_run(cli);
	set_message(cli, 7, 1, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), MLK_OK);
	ck_assert_ptr_eq(sched_next_to_run(), srv);
}
END_TEST

START_TEST(send_blocks_until_a_receive)
{
	mock_run(cli);
	set_message(cli, 8, 5, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), SYS_BLOCKED);
	ck_assert_int_eq(cli->state, MLK_THREAD_SEND);
	ck_assert_int_eq(cli->ipc_op, IPC_SEND);
	ck_assert_ptr_eq(cli->waiting_on, ep);
	ck_assert(on_queue(&ep->senders, cli));

	mock_run(srv);
	ck_assert_int_eq(recv_on(srv, srv_ep, 0), MLK_OK);
	expect_message(srv, 8, 5, 0, CLIENT_BADGE);
	ck_assert_int_eq(srv->state, MLK_THREAD_RUNNING);
	expect_status(cli, MLK_THREAD_READY, MLK_OK);
	ck_assert_int_eq(cli->ipc_op, IPC_NONE);
	ck_assert_ptr_null(cli->waiting_on);
	ck_assert(list_empty(&ep->senders));
}
END_TEST

START_TEST(nbsend_without_a_receiver_is_unavailable)
{
	mock_run(cli);
	set_message(cli, 8, 1, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, false, 0),
			 MLK_ERR_UNAVAILABLE);
	ck_assert_int_eq(cli->state, MLK_THREAD_RUNNING);
	ck_assert_int_eq(cli->ipc_op, IPC_NONE);
	ck_assert(list_empty(&ep->senders));
	/* With one waiting, it is an ordinary send. */
	recv_blocks(srv, srv_ep);
	mock_run(cli);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, false, 0), MLK_OK);
	expect_message(srv, 8, 1, 0, CLIENT_BADGE);
}
END_TEST

START_TEST(long_messages_go_through_the_ipc_buffers)
{
	recv_blocks(srv, srv_ep);
	for (unsigned i = 0; i < MLK_MSG_MAX_WORDS; i++)
		srv->ipcbuf->words[i] = 0x5a5a;
	mock_run(cli);
	set_message(cli, 3, 20, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), MLK_OK);
	expect_message(srv, 3, 20, 0, CLIENT_BADGE);
	/* The register words' slots and what follows the message: as they
	 * were. */
	for (unsigned i = 0; i < MLK_MSG_REG_WORDS; i++)
		ck_assert_uint_eq(srv->ipcbuf->words[i], 0x5a5a);
	for (unsigned i = 20; i < MLK_MSG_MAX_WORDS; i++)
		ck_assert_uint_eq(srv->ipcbuf->words[i], 0x5a5a);

	/* The longest, queued first. */
	mock_run(cli);
	set_message(cli, 4, MLK_MSG_MAX_WORDS, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), SYS_BLOCKED);
	mock_run(srv);
	ck_assert_int_eq(recv_on(srv, srv_ep, 0), MLK_OK);
	expect_message(srv, 4, MLK_MSG_MAX_WORDS, 0, CLIENT_BADGE);
}
END_TEST

START_TEST(senders_queue_by_priority)
{
	static const unsigned prio[5] = { 5, 10, 10, 7, 12 };
	static const char *const names[5] = { "s0", "s1", "s2", "s3", "s4" };
	static const unsigned order[5] = { 4, 1, 2, 3, 0 };
	struct thread *s[5];

	for (int i = 0; i < 5; i++) {
		s[i] = mock_thread(cp, prio[i], names[i]);
		mock_run(s[i]);
		set_message(s[i], 100 + (uint32_t)i, 1, 0, NULL, 0);
		ck_assert_int_eq(send_on(s[i], cli_ep, IPC_SEND, true, 0),
				 SYS_BLOCKED);
	}
	sched_set_prio(srv, 1);
	for (int i = 0; i < 5; i++) {
		mock_run(srv);
		ck_assert_int_eq(recv_on(srv, srv_ep, 0), MLK_OK);
		expect_message(srv, 100 + order[i], 1, 0, CLIENT_BADGE);
		expect_status(s[order[i]], MLK_THREAD_READY, MLK_OK);
	}
}
END_TEST

START_TEST(receivers_queue_by_priority)
{
	struct thread *r[4];
	static const unsigned prio[4] = { 5, 10, 10, 30 };
	static const char *const names[4] = { "r0", "r1", "r2", "r3" };
	static const unsigned order[4] = { 3, 1, 2, 0 };

	for (int i = 0; i < 4; i++) {
		r[i] = mock_thread(sp, prio[i], names[i]);
		recv_blocks(r[i], srv_ep);
	}
	sched_set_prio(cli, 40);
	for (int i = 0; i < 4; i++) {
		mock_run(cli);
		set_message(cli, 200 + (uint32_t)i, 1, 0, NULL, 0);
		ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0),
				 MLK_OK);
		expect_message(r[order[i]], 200 + (uint32_t)i, 1, 0,
			       CLIENT_BADGE);
		ck_assert_int_eq(r[order[i]]->state, MLK_THREAD_READY);
	}
}
END_TEST

START_TEST(no_receive_handle_left_is_peer_closed)
{
	give(sp, &ep->obj, MLK_RIGHT_SEND, 0); /* the server still sends */
	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	ck_assert_uint_eq(ep->nreceivers, 0);
	mock_run(cli);
	set_message(cli, 1, 1, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0),
			 MLK_ERR_PEER_CLOSED);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, false, 0),
			 MLK_ERR_PEER_CLOSED);
	ck_assert_int_eq(cli->state, MLK_THREAD_RUNNING);
}
END_TEST

START_TEST(no_send_handle_left_is_peer_closed)
{
	mlk_handle_t recv_only = give(sp, &ep->obj, MLK_RIGHT_RECV, 0);

	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	ck_assert_int_eq(handle_close(&cp->handles, cli_ep), MLK_OK);
	ck_assert_uint_eq(ep->nsenders, 0);
	mock_run(srv);
	ck_assert_int_eq(recv_on(srv, recv_only, 0), MLK_ERR_PEER_CLOSED);
	ck_assert_int_eq(srv->state, MLK_THREAD_RUNNING);
	/* A supervisor link counts as a sender. */
	endpoint_link_supervisor(ep);
	ck_assert_int_eq(recv_on(srv, recv_only, 0), SYS_BLOCKED);
}
END_TEST

/* ---- Calls and replies --------------------------------------------------- */

START_TEST(call_waits_for_the_reply)
{
	call_srv(11);
	expect_message(srv, 11, 2, 0, CLIENT_BADGE);
	ck_assert_int_eq(cli->state, MLK_THREAD_REPLY);
	ck_assert_ptr_eq(cli->replier, srv);
	ck_assert_ptr_eq(srv->reply_to, cli);
	ck_assert(!list_linked(&cli->link));

	set_message(srv, 12, 4, 0, NULL, 0);
	ck_assert_int_eq(ipc_reply(srv), MLK_OK);
	expect_message(cli, 12, 4, 0, 0); /* replies carry no badge */
	ck_assert_int_eq(cli->state, MLK_THREAD_READY);
	ck_assert_ptr_null(cli->replier);
	ck_assert_ptr_null(srv->reply_to);
	ck_assert_int_eq(srv->state, MLK_THREAD_RUNNING);
	ck_assert_int_eq(ipc_reply(srv), MLK_ERR_NO_REPLY);
}
END_TEST

START_TEST(call_queued_before_the_receive)
{
	mock_run(cli);
	set_message(cli, 13, 1, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_CALL, true, 0), SYS_BLOCKED);
	ck_assert_int_eq(cli->state, MLK_THREAD_SEND);
	ck_assert_int_eq(cli->ipc_op, IPC_CALL);

	mock_run(srv);
	ck_assert_int_eq(recv_on(srv, srv_ep, 0), MLK_OK);
	expect_message(srv, 13, 1, 0, CLIENT_BADGE);
	ck_assert_int_eq(cli->state, MLK_THREAD_REPLY);
	ck_assert_int_eq(cli->ipc_op, IPC_NONE);
	ck_assert_ptr_eq(srv->reply_to, cli);
	set_message(srv, 14, 0, 0, NULL, 0);
	ck_assert_int_eq(ipc_reply(srv), MLK_OK);
	expect_message(cli, 14, 0, 0, 0);
	ck_assert_int_eq(cli->state, MLK_THREAD_READY);
}
END_TEST

START_TEST(receiving_again_drops_the_caller)
{
	call_srv(15);
	ck_assert_int_eq(recv_on(srv, srv_ep, 0), SYS_BLOCKED);
	/* srv blocked, so the CPU went straight to cli, woken. */
	expect_status(cli, MLK_THREAD_RUNNING, MLK_ERR_PEER_CLOSED);
	ck_assert_ptr_eq(sched_current(), cli);
	ck_assert_ptr_null(cli->replier);
	ck_assert_ptr_null(srv->reply_to);
	ck_assert_int_eq(srv->state, MLK_THREAD_RECV);
}
END_TEST

START_TEST(reply_without_a_caller)
{
	mock_run(srv);
	set_message(srv, 1, 0, 0, NULL, 0);
	ck_assert_int_eq(ipc_reply(srv), MLK_ERR_NO_REPLY);
	struct reply *r = NULL;
	ck_assert_int_eq(ipc_reply_save(srv, &r), MLK_ERR_NO_REPLY);
	ck_assert_ptr_null(r);
}
END_TEST

START_TEST(a_bad_reply_keeps_the_caller_waiting)
{
	call_srv(16);
	frame_set_ret(&srv->frame, 1, MLK_MSGINFO(MLK_LABEL_KERNEL, 0, 0));
	ck_assert_int_eq(ipc_reply(srv), MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(cli->state, MLK_THREAD_REPLY);
	ck_assert_ptr_eq(srv->reply_to, cli);
	set_message(srv, 17, 1, 0, NULL, 0);
	ck_assert_int_eq(ipc_reply(srv), MLK_OK);
	expect_message(cli, 17, 1, 0, 0);
}
END_TEST

START_TEST(saved_reply_answered_later)
{
	struct reply *r = NULL;
	uint64_t used = sp->used;

	call_srv(18);
	ck_assert_int_eq(ipc_reply_save(srv, &r), MLK_OK);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(sp->used, used + sizeof(struct reply));
	ck_assert_ptr_eq(r->caller, cli);
	ck_assert_ptr_eq(cli->saved_reply, r);
	ck_assert_ptr_null(cli->replier);
	ck_assert_ptr_null(srv->reply_to);
	ck_assert_int_eq(cli->state, MLK_THREAD_REPLY);
	ck_assert_int_eq(ipc_reply(srv), MLK_ERR_NO_REPLY);

	/* The server takes other messages meanwhile: cli keeps waiting. */
	struct thread *other = mock_thread(cp, 10, "other");
	mock_run(other);
	set_message(other, 19, 1, 0, NULL, 0);
	ck_assert_int_eq(send_on(other, cli_ep, IPC_SEND, true, 0),
			 SYS_BLOCKED);
	mock_run(srv);
	ck_assert_int_eq(recv_on(srv, srv_ep, 0), MLK_OK);
	expect_message(srv, 19, 1, 0, CLIENT_BADGE);
	ck_assert_int_eq(cli->state, MLK_THREAD_REPLY);

	set_message(srv, 20, 2, 0, NULL, 0);
	ck_assert_int_eq(ipc_reply_saved(srv, r), MLK_OK);
	expect_message(cli, 20, 2, 0, 0);
	ck_assert_int_eq(cli->state, MLK_THREAD_READY);
	ck_assert_ptr_null(cli->saved_reply);
	ck_assert_ptr_null(r->caller);
	/* One shot. */
	ck_assert_int_eq(ipc_reply_saved(srv, r), MLK_ERR_PEER_CLOSED);
	kobj_put(&r->obj);
	ck_assert_uint_eq(sp->used, used);
	ck_assert_int_eq(cli->state, MLK_THREAD_READY);
	ck_assert_int_eq(frame_arg(&cli->frame, 0), MLK_OK);
}
END_TEST

START_TEST(destroying_a_saved_reply_closes_the_call)
{
	struct reply *r = NULL;

	call_srv(21);
	ck_assert_int_eq(ipc_reply_save(srv, &r), MLK_OK);
	mlk_handle_t h = give(sp, &r->obj, MLK_RIGHTS_BASIC, 0);
	kobj_put(&r->obj);
	ck_assert_int_eq(cli->state, MLK_THREAD_REPLY);
	ck_assert_int_eq(handle_close(&sp->handles, h), MLK_OK);
	ck_assert_int_eq(heap_check(r), HEAP_PTR_FREE);
	expect_status(cli, MLK_THREAD_READY, MLK_ERR_PEER_CLOSED);
	ck_assert_ptr_null(cli->saved_reply);
}
END_TEST

START_TEST(a_caller_gone_before_the_saved_reply)
{
	struct reply *r = NULL;

	call_srv(22);
	ck_assert_int_eq(ipc_reply_save(srv, &r), MLK_OK);
	ipc_cancel_wait(cli, MLK_ERR_TIMED_OUT);
	expect_status(cli, MLK_THREAD_READY, MLK_ERR_TIMED_OUT);
	ck_assert_ptr_null(r->caller);
	ck_assert_ptr_null(cli->saved_reply);
	ck_assert_int_eq(ipc_reply_saved(srv, r), MLK_ERR_PEER_CLOSED);
	kobj_put(&r->obj);
	ck_assert_int_eq(frame_arg(&cli->frame, 0), MLK_ERR_TIMED_OUT);
}
END_TEST

START_TEST(a_server_killed_with_a_call_pending)
{
	call_srv(23);
	thread_kill(srv, 0);
	expect_status(cli, MLK_THREAD_READY, MLK_ERR_PEER_CLOSED);
	ck_assert_ptr_null(cli->replier);
}
END_TEST

/* ---- Handle transfer ----------------------------------------------------- */

/* A second endpoint whose handles the client sends. */
static struct endpoint *ep2;

static mlk_handle_t new_ep2_handle(uint32_t rights, uint64_t badge)
{
	ck_assert_int_eq(endpoint_create(cp, &ep2), MLK_OK);
	mlk_handle_t h = give(cp, &ep2->obj, rights, badge);
	kobj_put(&ep2->obj);
	return h;
}

START_TEST(moving_a_handle)
{
	uint32_t rights = MLK_RIGHT_SEND | MLK_RIGHT_RECV | MLK_RIGHT_TRANSFER;
	mlk_handle_t h = new_ep2_handle(rights, 0x99);
	uint32_t count = sp->handles.count;

	recv_blocks(srv, srv_ep);
	mock_run(cli);
	set_message(cli, 30, 1, 1, &h, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), MLK_OK);
	expect_message(srv, 30, 1, 1, CLIENT_BADGE);

	struct kobj *o;
	uint64_t badge;
	mlk_handle_t got = srv->ipcbuf->handles[0];
	ck_assert_uint_eq(handle_rights(sp, got, &o, &badge), rights);
	ck_assert_ptr_eq(o, &ep2->obj);
	ck_assert_uint_eq(badge, 0x99);
	ck_assert_uint_eq(sp->handles.count, count + 1);
	struct handle_entry *e;
	ck_assert_int_eq(handle_lookup(&cp->handles, h, MLK_OBJ_NONE, 0, &e),
			 MLK_ERR_BAD_HANDLE);
	/* Still one handle: no open or close seen. */
	ck_assert_uint_eq(ep2->obj.handles, 1);
	ck_assert_uint_eq(ep2->obj.refs, 1);
	ck_assert_uint_eq(ep2->nsenders, 1);
	ck_assert_uint_eq(ep2->nreceivers, 1);
}
END_TEST

START_TEST(copying_a_handle_needs_duplicate)
{
	uint32_t rights = MLK_RIGHT_SEND | MLK_RIGHTS_BASIC;
	mlk_handle_t h = new_ep2_handle(rights, 0x98);
	mlk_handle_t nodup =
		give(cp, &ep2->obj, MLK_RIGHT_SEND | MLK_RIGHT_TRANSFER, 0x97);

	recv_blocks(srv, srv_ep);
	mock_run(cli);
	set_message(cli, 31, 0, 1, &nodup, MLK_MSGINFO_COPY_BIT(0));
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0),
			 MLK_ERR_ACCESS_DENIED);
	ck_assert_int_eq(srv->state, MLK_THREAD_RECV);

	set_message(cli, 31, 0, 1, &h, MLK_MSGINFO_COPY_BIT(0));
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), MLK_OK);
	expect_message(srv, 31, 0, 1, CLIENT_BADGE);
	struct kobj *o;
	uint64_t badge;
	ck_assert_uint_eq(
		handle_rights(sp, srv->ipcbuf->handles[0], &o, &badge), rights);
	ck_assert_ptr_eq(o, &ep2->obj);
	ck_assert_uint_eq(badge, 0x98);
	ck_assert_uint_eq(handle_rights(cp, h, &o, &badge), rights);
	ck_assert_uint_eq(ep2->obj.handles, 3);
	ck_assert_uint_eq(ep2->nsenders, 3); /* the copy was opened */
}
END_TEST

START_TEST(handles_without_transfer_are_refused)
{
	mlk_handle_t h =
		new_ep2_handle(MLK_RIGHT_SEND | MLK_RIGHT_DUPLICATE, 0);
	mlk_handle_t ok = give(cp, &ep2->obj, MLK_RIGHTS_BASIC, 0);
	mlk_handle_t hs[2] = { ok, h };
	uint32_t count = sp->handles.count;

	recv_blocks(srv, srv_ep);
	mock_run(cli);
	for (uint64_t copy = 0; copy <= MLK_MSGINFO_COPY_BIT(1);
	     copy += MLK_MSGINFO_COPY_BIT(1)) {
		set_message(cli, 32, 2, 2, hs, copy);
		ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0),
				 MLK_ERR_ACCESS_DENIED);
	}
	/* Nothing delivered, nothing moved, the receiver still waits. */
	ck_assert_int_eq(srv->state, MLK_THREAD_RECV);
	ck_assert(on_queue(&ep->receivers, srv));
	ck_assert_uint_eq(sp->handles.count, count);
	expect_live_handle(cp, ok);
	expect_live_handle(cp, h);
	/* Nor queued when nobody waits. */
	ipc_cancel_wait(srv, MLK_ERR_CANCELLED);
	set_message(cli, 32, 0, 2, hs, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0),
			 MLK_ERR_ACCESS_DENIED);
	ck_assert_int_eq(cli->state, MLK_THREAD_RUNNING);
	ck_assert(list_empty(&ep->senders));
}
END_TEST

START_TEST(moving_one_handle_twice_is_refused)
{
	mlk_handle_t h = new_ep2_handle(MLK_RIGHTS_BASIC | MLK_RIGHT_SEND, 0);
	mlk_handle_t twice[2] = { h, h };

	recv_blocks(srv, srv_ep);
	mock_run(cli);
	set_message(cli, 34, 0, 2, twice, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0),
			 MLK_ERR_BAD_ARG(1));
	set_message(cli, 34, 0, 2, twice, MLK_MSGINFO_COPY_BIT(0));
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0),
			 MLK_ERR_BAD_ARG(1));
	set_message(cli, 34, 0, 2, twice, MLK_MSGINFO_COPY_BIT(1));
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0),
			 MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(srv->state, MLK_THREAD_RECV);
	ck_assert_uint_eq(ep2->obj.handles, 1);

	/* Copied twice is fine: two new handles. */
	set_message(cli, 35, 0, 2, twice,
		    MLK_MSGINFO_COPY_BIT(0) | MLK_MSGINFO_COPY_BIT(1));
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), MLK_OK);
	expect_message(srv, 35, 0, 2, CLIENT_BADGE);
	ck_assert_uint_ne(srv->ipcbuf->handles[0], srv->ipcbuf->handles[1]);
	ck_assert_uint_eq(ep2->obj.handles, 3);
}
END_TEST

START_TEST(stale_handles_are_refused)
{
	mlk_handle_t h = new_ep2_handle(MLK_RIGHTS_BASIC, 0);

	ck_assert_int_eq(handle_close(&cp->handles, h), MLK_OK);
	recv_blocks(srv, srv_ep);
	mock_run(cli);
	set_message(cli, 36, 0, 1, &h, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0),
			 MLK_ERR_BAD_HANDLE);
	ck_assert_int_eq(srv->state, MLK_THREAD_RECV);
}
END_TEST

/* The receiver cannot take the handles: an error, nothing moves. */
static void expect_refused_transfer(mlk_status_t want)
{
	mlk_handle_t h = new_ep2_handle(MLK_RIGHTS_BASIC | MLK_RIGHT_SEND, 5);
	uint64_t used = sp->used;
	uint32_t count = sp->handles.count, capacity = sp->handles.capacity;

	mock_run(cli);
	set_message(cli, 37, 6, 1, &h, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), want);
	ck_assert_int_eq(srv->state, MLK_THREAD_RECV);
	ck_assert(on_queue(&ep->receivers, srv));
	ck_assert_ptr_eq(srv->waiting_on, ep);
	ck_assert_int_eq(cli->state, MLK_THREAD_RUNNING);
	ck_assert_uint_eq(sp->used, used);
	ck_assert_uint_eq(sp->handles.count, count);
	ck_assert_uint_eq(sp->handles.capacity, capacity);
	struct kobj *o;
	ck_assert_uint_eq(handle_rights(cp, h, &o, NULL),
			  MLK_RIGHTS_BASIC | MLK_RIGHT_SEND);
	ck_assert_uint_eq(ep2->obj.handles, 1);

	/* Without handles, the same message goes. */
	set_message(cli, 37, 6, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), MLK_OK);
	expect_message(srv, 37, 6, 0, CLIENT_BADGE);
}

START_TEST(receiver_quota_short_moves_nothing)
{
	struct notification *n;

	ck_assert_int_eq(notification_create(sp, &n), MLK_OK);
	fill_table(sp, &n->obj);
	sp->quota = sp->used + sp->handles.capacity * SLOT_BYTES - 1;
	recv_blocks(srv, srv_ep);
	expect_refused_transfer(MLK_ERR_NO_MEMORY);
}
END_TEST

START_TEST(receiver_table_full_moves_nothing)
{
	struct notification *n;

	ck_assert_int_eq(notification_create(sp, &n), MLK_OK);
	do {
		fill_table(sp, &n->obj);
	} while (handle_reserve(&sp->handles, 1) == MLK_OK);
	ck_assert_uint_eq(sp->handles.capacity, HANDLE_TABLE_MAX);
	recv_blocks(srv, srv_ep);
	expect_refused_transfer(MLK_ERR_NO_RESOURCES);
}
END_TEST

/* A sender the first receiver cannot take from does not cost that
 * receiver its place in the queue. */
START_TEST(refused_receiver_keeps_its_place)
{
	struct thread *s2 = mock_thread(sp, 10, "s2");
	struct notification *n;

	ck_assert_int_eq(notification_create(sp, &n), MLK_OK);
	fill_table(sp, &n->obj);
	sp->quota = sp->used;
	recv_blocks(srv, srv_ep);
	recv_blocks(s2, srv_ep);
	mlk_handle_t h = new_ep2_handle(MLK_RIGHTS_BASIC, 0);
	mock_run(cli);
	set_message(cli, 45, 1, 1, &h, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0),
			 MLK_ERR_NO_MEMORY);
	ck_assert_ptr_eq(ep->receivers.next, &srv->link);
	set_message(cli, 46, 1, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), MLK_OK);
	expect_message(srv, 46, 1, 0, CLIENT_BADGE);
	ck_assert_int_eq(s2->state, MLK_THREAD_RECV);
}
END_TEST

START_TEST(queued_message_the_receiver_cannot_take)
{
	mlk_handle_t h = new_ep2_handle(MLK_RIGHTS_BASIC, 0);
	struct notification *n;

	mock_run(cli);
	set_message(cli, 38, 1, 1, &h, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_CALL, true, 0), SYS_BLOCKED);

	ck_assert_int_eq(notification_create(sp, &n), MLK_OK);
	fill_table(sp, &n->obj);
	sp->quota = sp->used;
	uint32_t count = sp->handles.count;
	/* The sender hears why; the receiver waits for the next. */
	mock_run(srv);
	ck_assert_int_eq(recv_on(srv, srv_ep, 0), SYS_BLOCKED);
	/* srv blocked, so the CPU went straight to cli, woken. */
	expect_status(cli, MLK_THREAD_RUNNING, MLK_ERR_NO_MEMORY);
	ck_assert_int_eq(cli->ipc_op, IPC_NONE);
	ck_assert_ptr_null(cli->replier);
	ck_assert_ptr_null(srv->reply_to);
	ck_assert_uint_eq(sp->handles.count, count);
	expect_live_handle(cp, h);
}
END_TEST

START_TEST(a_reply_can_carry_handles)
{
	struct notification *n;

	ck_assert_int_eq(notification_create(sp, &n), MLK_OK);
	mlk_handle_t h =
		give(sp, &n->obj, MLK_RIGHTS_BASIC | MLK_RIGHT_WAIT, 0);
	kobj_put(&n->obj);
	call_srv(39);
	set_message(srv, 40, 0, 1, &h, 0);
	ck_assert_int_eq(ipc_reply(srv), MLK_OK);
	expect_message(cli, 40, 0, 1, 0);
	struct kobj *o;
	ck_assert_uint_eq(handle_rights(cp, cli->ipcbuf->handles[0], &o, NULL),
			  MLK_RIGHTS_BASIC | MLK_RIGHT_WAIT);
	ck_assert_ptr_eq(o, &n->obj);
}
END_TEST

/* ---- Peers going away ---------------------------------------------------- */

START_TEST(last_receive_handle_wakes_senders)
{
	struct thread *c2 = mock_thread(cp, 10, "c2");

	mock_run(cli);
	set_message(cli, 41, 1, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), SYS_BLOCKED);
	mock_run(c2);
	set_message(c2, 42, 1, 0, NULL, 0);
	ck_assert_int_eq(send_on(c2, cli_ep, IPC_CALL, true, 0), SYS_BLOCKED);
	/* Another receive handle: closing one is not the end. */
	mlk_handle_t h2 = give(sp, &ep->obj, MLK_RIGHT_RECV, 0);
	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	ck_assert_int_eq(cli->state, MLK_THREAD_SEND);
	ck_assert_int_eq(handle_close(&sp->handles, h2), MLK_OK);
	expect_status(cli, MLK_THREAD_READY, MLK_ERR_PEER_CLOSED);
	expect_status(c2, MLK_THREAD_READY, MLK_ERR_PEER_CLOSED);
	ck_assert_int_eq(c2->ipc_op, IPC_NONE);
	ck_assert_ptr_null(cli->waiting_on);
	ck_assert(list_empty(&ep->senders));
}
END_TEST

START_TEST(receivers_left_without_a_receive_handle_are_cancelled)
{
	struct thread *s2 = mock_thread(sp, 10, "s2");

	recv_blocks(srv, srv_ep);
	recv_blocks(s2, srv_ep);
	/* Its only receive handle closed (by another thread of the
	 * server): nobody could ever send them anything. */
	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	expect_status(srv, MLK_THREAD_READY, MLK_ERR_CANCELLED);
	expect_status(s2, MLK_THREAD_READY, MLK_ERR_CANCELLED);
	ck_assert(list_empty(&ep->receivers));
}
END_TEST

START_TEST(last_send_handle_wakes_receivers)
{
	mlk_handle_t recv_only = give(sp, &ep->obj, MLK_RIGHT_RECV, 0);

	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	recv_blocks(srv, recv_only);
	ck_assert_int_eq(handle_close(&cp->handles, cli_ep), MLK_OK);
	expect_status(srv, MLK_THREAD_READY, MLK_ERR_PEER_CLOSED);
	ck_assert_ptr_null(srv->waiting_on);
	ck_assert(list_empty(&ep->receivers));
}
END_TEST

START_TEST(a_supervisor_link_keeps_receivers_waiting)
{
	mlk_handle_t recv_only = give(sp, &ep->obj, MLK_RIGHT_RECV, 0);

	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	endpoint_link_supervisor(ep);
	recv_blocks(srv, recv_only);
	ck_assert_int_eq(handle_close(&cp->handles, cli_ep), MLK_OK);
	ck_assert_int_eq(srv->state, MLK_THREAD_RECV);
}
END_TEST

START_TEST(unlinking_the_last_supervisor_wakes_receivers)
{
	mlk_handle_t recv_only = give(sp, &ep->obj, MLK_RIGHT_RECV, 0);

	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	endpoint_link_supervisor(ep);
	recv_blocks(srv, recv_only);
	ck_assert_int_eq(handle_close(&cp->handles, cli_ep), MLK_OK);
	ck_assert_int_eq(srv->state, MLK_THREAD_RECV);
	endpoint_unlink_supervisor(ep);
	expect_status(srv, MLK_THREAD_READY, MLK_ERR_PEER_CLOSED);
	ck_assert(list_empty(&ep->receivers));
}
END_TEST

/* sys_process_set_supervisor links the new endpoint before it unlinks the
 * old one: setting the same one again wakes nobody. */
START_TEST(relinking_the_same_supervisor_keeps_receivers_waiting)
{
	mlk_handle_t recv_only = give(sp, &ep->obj, MLK_RIGHT_RECV, 0);

	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	endpoint_link_supervisor(ep);
	recv_blocks(srv, recv_only);
	ck_assert_int_eq(handle_close(&cp->handles, cli_ep), MLK_OK);
	endpoint_link_supervisor(ep);
	endpoint_unlink_supervisor(ep);
	ck_assert_int_eq(srv->state, MLK_THREAD_RECV);
	endpoint_unlink_supervisor(ep);
	expect_status(srv, MLK_THREAD_READY, MLK_ERR_PEER_CLOSED);
}
END_TEST

START_TEST(last_handle_cancels_every_waiter)
{
	struct thread *s2 = mock_thread(sp, 10, "s2");
	uint64_t used = sp->used;

	recv_blocks(srv, srv_ep);
	recv_blocks(s2, srv_ep);
	kobj_get(&ep->obj); /* someone in the kernel holds it */
	ck_assert_int_eq(handle_close(&cp->handles, cli_ep), MLK_OK);
	ck_assert_int_eq(srv->state, MLK_THREAD_RECV); /* srv_ep sends */
	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	expect_status(srv, MLK_THREAD_READY, MLK_ERR_CANCELLED);
	expect_status(s2, MLK_THREAD_READY, MLK_ERR_CANCELLED);
	ck_assert_int_eq(heap_check(ep), HEAP_PTR_OK);
	kobj_put(&ep->obj);
	ck_assert_int_eq(heap_check(ep), HEAP_PTR_FREE);
	ck_assert_uint_eq(sp->used, used - sizeof(struct endpoint));
}
END_TEST

START_TEST(destroyed_endpoint_cancels_senders)
{
	struct thread *c2 = mock_thread(cp, 10, "c2");

	mock_run(cli);
	set_message(cli, 43, 1, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, true, 0), SYS_BLOCKED);
	mock_run(c2);
	set_message(c2, 44, 1, 0, NULL, 0);
	ck_assert_int_eq(send_on(c2, cli_ep, IPC_CALL, true, 0), SYS_BLOCKED);
	/* Both ends go at once, as when the only process holding them
	 * dies: every handle closes. */
	give(cp, &ep->obj, MLK_RIGHT_RECV, 0);
	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	ck_assert_int_eq(cli->state, MLK_THREAD_SEND);
	handle_table_destroy(&cp->handles);
	expect_status(cli, MLK_THREAD_READY, MLK_ERR_CANCELLED);
	expect_status(c2, MLK_THREAD_READY, MLK_ERR_CANCELLED);
}
END_TEST

/* ---- Notifications ------------------------------------------------------- */

static struct notification *note;

static void wait_blocks(struct thread *t, uint64_t deadline)
{
	mock_run(t);
	ck_assert_int_eq(notification_wait(t, note, deadline, true),
			 SYS_BLOCKED);
	ck_assert_int_eq(t->state, MLK_THREAD_WAIT);
	ck_assert_ptr_eq(t->waiting_on, note);
}

static void note_setup(void)
{
	ipc_setup();
	ck_assert_int_eq(notification_create(sp, &note), MLK_OK);
}

START_TEST(poll_and_signal)
{
	mock_run(srv);
	ck_assert_int_eq(notification_wait(srv, note, 0, false),
			 MLK_ERR_UNAVAILABLE);
	notification_signal(note, 0x5);
	notification_signal(note, 0x10);
	notification_signal(note, 0x4);
	ck_assert_uint_eq(note->bits, 0x15);
	ck_assert_int_eq(notification_wait(srv, note, 0, false), MLK_OK);
	ck_assert_uint_eq(frame_arg(&srv->frame, 1), 0x15);
	ck_assert_uint_eq(note->bits, 0);
	ck_assert_int_eq(notification_wait(srv, note, 0, false),
			 MLK_ERR_UNAVAILABLE);
	/* Pending bits: a blocking wait returns at once. */
	notification_signal(note, 0x8);
	ck_assert_int_eq(notification_wait(srv, note, 0, true), MLK_OK);
	ck_assert_uint_eq(frame_arg(&srv->frame, 1), 0x8);
	ck_assert_int_eq(srv->state, MLK_THREAD_RUNNING);
}
END_TEST

START_TEST(signal_wakes_exactly_one_waiter)
{
	struct thread *low = mock_thread(sp, 5, "low");
	struct thread *w2 = mock_thread(sp, 10, "w2");

	wait_blocks(low, 0);
	wait_blocks(srv, 0);
	wait_blocks(w2, 0);
	notification_signal(note, 0); /* nothing to say */
	ck_assert_int_eq(srv->state, MLK_THREAD_WAIT);

	notification_signal(note, 0x3);
	expect_status(srv, MLK_THREAD_READY, MLK_OK);
	ck_assert_uint_eq(frame_arg(&srv->frame, 1), 0x3);
	ck_assert_ptr_null(srv->waiting_on);
	ck_assert_uint_eq(note->bits, 0);
	ck_assert_int_eq(w2->state, MLK_THREAD_WAIT);
	ck_assert_int_eq(low->state, MLK_THREAD_WAIT);

	notification_signal(note, 0x40);
	expect_status(w2, MLK_THREAD_READY, MLK_OK);
	ck_assert_uint_eq(frame_arg(&w2->frame, 1), 0x40);
	notification_signal(note, 0x80);
	expect_status(low, MLK_THREAD_READY, MLK_OK);
	ck_assert(list_empty(&note->waiters));
	notification_signal(note, 0x100);
	ck_assert_uint_eq(note->bits, 0x100);
}
END_TEST

START_TEST(wait_times_out)
{
	mock_timer_set_now(1000);
	mock_run(srv);
	/* A deadline already past. */
	ck_assert_int_eq(notification_wait(srv, note, 1000 * NS_PER_TICK, true),
			 MLK_ERR_TIMED_OUT);
	ck_assert_int_eq(srv->state, MLK_THREAD_RUNNING);
	wait_blocks(srv, 5000 * NS_PER_TICK);
	ck_assert_uint_eq(srv->deadline, 5000);
	/* On the way out, the timer is set for the deadline. */
	ck_assert_ptr_eq(sched_next_to_run(), cli);
	ck_assert_uint_eq(mock_timer_deadline(), 5000);
	mock_advance(5000);
	expect_status(srv, MLK_THREAD_READY, MLK_ERR_TIMED_OUT);
	ck_assert(list_empty(&note->waiters));
	ck_assert_ptr_null(srv->waiting_on);
	/* A signal now is kept for later. */
	notification_signal(note, 1);
	ck_assert_uint_eq(note->bits, 1);
}
END_TEST

START_TEST(signal_cancels_the_deadline)
{
	wait_blocks(srv, 1000000);
	ck_assert(list_linked(&srv->timeout_link));
	notification_signal(note, 2);
	ck_assert(!list_linked(&srv->timeout_link));
	ck_assert_uint_eq(srv->deadline, 0);
}
END_TEST

START_TEST(destroyed_notification_cancels_waiters)
{
	struct thread *w2 = mock_thread(sp, 10, "w2");

	wait_blocks(srv, 0);
	wait_blocks(w2, 0);
	kobj_put(&note->obj);
	expect_status(srv, MLK_THREAD_READY, MLK_ERR_CANCELLED);
	expect_status(w2, MLK_THREAD_READY, MLK_ERR_CANCELLED);
	ck_assert_ptr_null(srv->waiting_on);
}
END_TEST

START_TEST(bound_notification_reaches_recv)
{
	ck_assert_int_eq(notification_bind(srv, note), MLK_OK);
	/* Pending bits come first. */
	notification_signal(note, 0x6);
	mock_run(srv);
	ck_assert_int_eq(recv_on(srv, srv_ep, 0), MLK_OK);
	ck_assert_uint_eq(frame_arg(&srv->frame, 1),
			  MLK_MSGINFO(MLK_LABEL_NOTIFY, 1, 0));
	ck_assert_uint_eq(frame_arg(&srv->frame, 2), 0);
	ck_assert_uint_eq(frame_arg(&srv->frame, 3), 0x6);
	ck_assert_uint_eq(note->bits, 0);
	/* A signal while it waits in recv wakes it off the endpoint. */
	recv_blocks(srv, srv_ep);
	notification_signal(note, 0x9);
	expect_status(srv, MLK_THREAD_READY, MLK_OK);
	ck_assert_uint_eq(frame_arg(&srv->frame, 1),
			  MLK_MSGINFO(MLK_LABEL_NOTIFY, 1, 0));
	ck_assert_uint_eq(frame_arg(&srv->frame, 3), 0x9);
	ck_assert(list_empty(&ep->receivers));
	ck_assert_ptr_null(srv->waiting_on);
	/* One thread per notification. */
	ck_assert_int_eq(notification_bind(cli, note), MLK_ERR_EXISTS);
	ck_assert_int_eq(notification_bind(srv, NULL), MLK_OK);
	ck_assert_int_eq(notification_bind(cli, note), MLK_OK);
}
END_TEST

/* ---- Kernel messages ----------------------------------------------------- */

#define SUPERVISOR_BADGE 0x5e7ull

/* cp reports to ep, as sys_process_set_supervisor sets it. */
static void supervise_client(void)
{
	endpoint_link_supervisor(ep);
	cp->supervisor = ep;
	cp->supervisor_badge = SUPERVISOR_BADGE;
}

static void expect_fault_message(struct thread *to, struct thread *t)
{
	ck_assert_int_eq(frame_arg(&to->frame, 0), MLK_OK);
	ck_assert_uint_eq(frame_arg(&to->frame, 1),
			  MLK_MSGINFO(MLK_LABEL_FAULT, MLK_MSG_REG_WORDS, 0));
	ck_assert_uint_eq(frame_arg(&to->frame, 2), SUPERVISOR_BADGE);
	ck_assert_uint_eq(frame_arg(&to->frame, 3), MLK_FAULT_WRITE);
	ck_assert_uint_eq(frame_arg(&to->frame, 4), 0xdead0);
	ck_assert_uint_eq(frame_arg(&to->frame, 5), 0x401234);
	ck_assert_uint_eq(frame_arg(&to->frame, 6), t->obj.id);
	ck_assert_uint_eq(frame_arg(&to->frame, 7), cp->obj.id);
}

START_TEST(fault_to_a_waiting_supervisor)
{
	supervise_client();
	recv_blocks(srv, srv_ep);
	mock_run(cli);
	thread_fault(cli, MLK_FAULT_WRITE, 0xdead0, 0x401234);
	expect_fault_message(srv, cli);
	ck_assert_int_eq(srv->state, MLK_THREAD_READY);
	ck_assert_int_eq(cli->state, MLK_THREAD_FAULTED);
	ck_assert_int_eq(cli->ipc_op, IPC_NONE);
	ck_assert(!list_linked(&cli->link));
	ck_assert_int_eq(cp->state, PROC_ALIVE);
	ck_assert_ptr_eq(sched_next_to_run(), srv);
}
END_TEST

START_TEST(fault_queued_until_the_supervisor_receives)
{
	supervise_client();
	mock_run(cli);
	thread_fault(cli, MLK_FAULT_WRITE, 0xdead0, 0x401234);
	ck_assert_int_eq(cli->state, MLK_THREAD_FAULTED);
	ck_assert_int_eq(cli->ipc_op, IPC_FAULT);
	ck_assert(on_queue(&ep->senders, cli));
	mock_run(srv);
	ck_assert_int_eq(recv_on(srv, srv_ep, 0), MLK_OK);
	expect_fault_message(srv, cli);
	ck_assert_int_eq(cli->state, MLK_THREAD_FAULTED);
	ck_assert_int_eq(cli->ipc_op, IPC_NONE);
	ck_assert_ptr_null(cli->waiting_on);
	/* Nobody to reply to: a fault is not a call. */
	ck_assert_ptr_null(srv->reply_to);
}
END_TEST

START_TEST(fault_without_a_supervisor_kills)
{
	mock_run(cli);
	thread_fault(cli, MLK_FAULT_WRITE, 0xdead0, 0x401234);
	ck_assert_int_eq(cp->state, PROC_DEAD);
	ck_assert_int_eq(cp->exit_code, MLK_EXIT_FAULTED);
	ck_assert_int_eq(cli->state, MLK_THREAD_DEAD);
	ck_assert_ptr_nonnull(strstr(mock_console_text(),
				     "killed: write fault at pc=0x401234 "
				     "addr=0xdead0 in thread 'cli'"));
}
END_TEST

START_TEST(queued_fault_dropped_with_the_endpoint)
{
	supervise_client();
	mock_run(cli);
	thread_fault(cli, MLK_FAULT_WRITE, 0xdead0, 0x401234);
	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	/* The last receive handle: the notice goes, the thread stays
	 * faulted and is not woken. */
	ck_assert_int_eq(cli->state, MLK_THREAD_FAULTED);
	ck_assert_int_eq(cli->ipc_op, IPC_NONE);
	ck_assert(!list_linked(&cli->link));
	ck_assert_int_eq(sched_top_ready_prio(), 10); /* srv, not cli */
	ck_assert(!on_queue(&sched_cpu.rq.queues[10], cli));
}
END_TEST

static void expect_exit_message(struct thread *to, uint64_t carrier_id)
{
	ck_assert_int_eq(frame_arg(&to->frame, 0), MLK_OK);
	ck_assert_uint_eq(frame_arg(&to->frame, 1),
			  MLK_MSGINFO(MLK_LABEL_EXIT, MLK_MSG_REG_WORDS, 0));
	ck_assert_uint_eq(frame_arg(&to->frame, 2), SUPERVISOR_BADGE);
	ck_assert_int_eq((int64_t)frame_arg(&to->frame, 3), 42);
	ck_assert_uint_eq(frame_arg(&to->frame, 4), 0);
	ck_assert_uint_eq(frame_arg(&to->frame, 5), 0);
	ck_assert_uint_eq(frame_arg(&to->frame, 6), carrier_id);
}

/* The supervisor holds a handle to cli, so cli outlives the exit. */
static mlk_handle_t hold_cli(void)
{
	return give(sp, &cli->obj, MLK_RIGHT_MANAGE, 0);
}

START_TEST(exit_to_a_waiting_supervisor)
{
	uint64_t id = cli->obj.id, pid = cp->obj.id;
	mlk_handle_t held = hold_cli();

	supervise_client();
	recv_blocks(srv, srv_ep);
	process_kill(cp, 42);
	expect_exit_message(srv, id);
	ck_assert_uint_eq(frame_arg(&srv->frame, 7), pid);
	ck_assert_int_eq(srv->state, MLK_THREAD_READY);
	/* cli ran (srv's recv switched to it) and died running: leaving the
	 * kernel drops the reference running held. */
	ck_assert_ptr_eq(sched_next_to_run(), srv);
	/* Delivered: the message's reference is gone, the handle's stays. */
	ck_assert_uint_eq(cli->obj.refs, 1);
	ck_assert_str_eq(mock_destroyed_threads(), "");
	ck_assert_int_eq(handle_close(&sp->handles, held), MLK_OK);
	ck_assert_str_eq(mock_destroyed_threads(), "cli;");
}
END_TEST

/* Quotas are limits (quota.c): what a process holds counts in it and in
 * its parent.  Dead, its leftovers stay charged to both until freed, and
 * a later charge (a fresh page of memory it paid for that another
 * process maps) counts in both and is held to both limits. */
START_TEST(a_dead_process_stays_charged_with_its_parent)
{
	mlk_handle_t held = hold_cli();
	uint64_t root_used = root->used, cp_used = cp->used;

	ck_assert_int_eq(quota_charge(cp, 64), MLK_OK);
	ck_assert_uint_eq(cp->used, cp_used + 64);
	ck_assert_uint_eq(root->used, root_used + 64);
	process_kill(cp, 42);
	/* The kill freed the same from both; the 64 bytes and the thread
	 * held live on. */
	ck_assert_uint_ge(cp->used, 64);
	ck_assert_uint_eq(root_used + 64 - root->used, cp_used + 64 - cp->used);
	cp_used = cp->used;
	root_used = root->used;
	quota_release(cp, 64);
	ck_assert_uint_eq(cp->used, cp_used - 64);
	ck_assert_uint_eq(root->used, root_used - 64);
	ck_assert_int_eq(quota_charge(cp, 128), MLK_OK);
	ck_assert_uint_eq(cp->used, cp_used + 64);
	ck_assert_uint_eq(root->used, root_used + 64);
	/* Its own limit holds, dead or not, and charges nothing when it
	 * refuses... */
	ck_assert_int_eq(quota_charge(cp, cp->quota - cp->used + 1),
			 MLK_ERR_NO_MEMORY);
	ck_assert_uint_eq(root->used, root_used + 64);
	/* ...and so does the parent's, within the child's. */
	uint64_t root_quota = root->quota;
	root->quota = root->used + 100;
	ck_assert_int_eq(quota_charge(cp, 101), MLK_ERR_NO_MEMORY);
	ck_assert_uint_eq(cp->used, cp_used + 64);
	ck_assert_int_eq(quota_charge(cp, 100), MLK_OK);
	quota_release(cp, 100);
	root->quota = root_quota;
	quota_release(cp, 128);
	ck_assert_uint_eq(cp->used, cp_used - 64);
	ck_assert_uint_eq(root->used, root_used - 64);
	ck_assert_int_eq(handle_close(&sp->handles, held), MLK_OK);
}
END_TEST

/* sys_process_exit: the exiting thread is the one on the CPU. */
START_TEST(exit_of_the_running_thread)
{
	uint64_t id = cli->obj.id;

	supervise_client();
	recv_blocks(srv, srv_ep);
	mock_run(cli);
	process_kill(cp, 42);
	expect_exit_message(srv, id);
	/* Only the CPU holds it now: it goes once the CPU has left it. */
	ck_assert_uint_eq(cli->obj.refs, 1);
	ck_assert_str_eq(mock_destroyed_threads(), "");
	ck_assert_ptr_eq(sched_next_to_run(), srv);
	ck_assert_str_eq(mock_destroyed_threads(), "cli;");
}
END_TEST

START_TEST(exit_queued_holds_the_thread)
{
	uint64_t id = cli->obj.id;
	mlk_handle_t held = hold_cli();

	supervise_client();
	mock_run(srv);
	process_kill(cp, 42);
	ck_assert_int_eq(cli->state, MLK_THREAD_DEAD);
	ck_assert(on_queue(&ep->senders, cli));
	ck_assert_uint_eq(cli->obj.refs, 2); /* the handle, the message */
	ck_assert_int_eq(handle_close(&sp->handles, held), MLK_OK);
	ck_assert_str_eq(mock_destroyed_threads(), "");

	ck_assert_int_eq(recv_on(srv, srv_ep, 0), MLK_OK);
	expect_exit_message(srv, id);
	ck_assert_str_eq(mock_destroyed_threads(), "cli;");
}
END_TEST

START_TEST(exit_queued_dropped_with_the_endpoint)
{
	supervise_client();
	mock_run(srv);
	process_kill(cp, 42);
	ck_assert_str_eq(mock_destroyed_threads(), "");
	/* The supervisor's process goes: its endpoint handles close. */
	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	ck_assert_str_eq(mock_destroyed_threads(), "cli;");
}
END_TEST

START_TEST(post_refused_without_receivers)
{
	give(sp, &ep->obj, MLK_RIGHT_SEND, 0);
	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	uint32_t refs = cli->obj.refs;
	ck_assert(!ipc_post_kernel_message(cli, ep, 1, IPC_EXIT));
	ck_assert(!ipc_post_kernel_message(cli, NULL, 1, IPC_EXIT));
	ck_assert_uint_eq(cli->obj.refs, refs);
	ck_assert_int_eq(cli->ipc_op, IPC_NONE);
}
END_TEST

/* ---- Cancelling waits ---------------------------------------------------- */

START_TEST(cancel_a_send)
{
	mock_run(cli);
	set_message(cli, 50, 1, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_CALL, true, 1000000000),
			 SYS_BLOCKED);
	ck_assert(list_linked(&cli->timeout_link));
	ipc_cancel_wait(cli, MLK_ERR_CANCELLED);
	expect_status(cli, MLK_THREAD_READY, MLK_ERR_CANCELLED);
	ck_assert(list_empty(&ep->senders));
	ck_assert_int_eq(cli->ipc_op, IPC_NONE);
	ck_assert_ptr_null(cli->waiting_on);
	ck_assert(!list_linked(&cli->timeout_link));
	/* The receiver finds nobody. */
	mock_run(srv);
	ck_assert_int_eq(recv_on(srv, srv_ep, 0), SYS_BLOCKED);
}
END_TEST

START_TEST(cancel_a_recv)
{
	recv_blocks(srv, srv_ep);
	ipc_cancel_wait(srv, MLK_ERR_TIMED_OUT);
	expect_status(srv, MLK_THREAD_READY, MLK_ERR_TIMED_OUT);
	ck_assert(list_empty(&ep->receivers));
	ck_assert_ptr_null(srv->waiting_on);
	mock_run(cli);
	set_message(cli, 51, 1, 0, NULL, 0);
	ck_assert_int_eq(send_on(cli, cli_ep, IPC_SEND, false, 0),
			 MLK_ERR_UNAVAILABLE);
}
END_TEST

START_TEST(cancel_a_wait)
{
	ck_assert_int_eq(notification_create(sp, &note), MLK_OK);
	wait_blocks(srv, 0);
	ipc_cancel_wait(srv, MLK_ERR_CANCELLED);
	expect_status(srv, MLK_THREAD_READY, MLK_ERR_CANCELLED);
	ck_assert(list_empty(&note->waiters));
	notification_signal(note, 1);
	ck_assert_uint_eq(note->bits, 1);
}
END_TEST

START_TEST(cancel_a_reply_wait)
{
	call_srv(52);
	ipc_cancel_wait(cli, MLK_ERR_TIMED_OUT);
	expect_status(cli, MLK_THREAD_READY, MLK_ERR_TIMED_OUT);
	ck_assert_ptr_null(cli->replier);
	ck_assert_ptr_null(srv->reply_to);
	ck_assert_int_eq(ipc_reply(srv), MLK_ERR_NO_REPLY);
}
END_TEST

START_TEST(cancel_a_sleep)
{
	mock_run(cli);
	sched_block(MLK_THREAD_SLEEP);
	sched_timeout_add(cli, 5000);
	ipc_cancel_wait(cli, MLK_OK);
	expect_status(cli, MLK_THREAD_READY, MLK_OK);
	ck_assert(!list_linked(&cli->timeout_link));
}
END_TEST

START_TEST(cancel_leaves_other_states_alone)
{
	/* READY, RUNNING, FAULTED, SUSPENDED, DEAD: not waiting. */
	frame_set_ret(&cli->frame, 0, 77);
	ipc_cancel_wait(cli, MLK_ERR_CANCELLED);
	ck_assert_int_eq(cli->state, MLK_THREAD_READY);
	mock_run(cli);
	ipc_cancel_wait(cli, MLK_ERR_CANCELLED);
	ck_assert_int_eq(cli->state, MLK_THREAD_RUNNING);
	supervise_client();
	thread_fault(cli, MLK_FAULT_READ, 0, 0);
	ipc_cancel_wait(cli, MLK_ERR_CANCELLED);
	ck_assert_int_eq(cli->state, MLK_THREAD_FAULTED);
	ck_assert(on_queue(&ep->senders, cli)); /* still reported */
	ck_assert_int_eq(frame_arg(&cli->frame, 0), 77);
}
END_TEST

START_TEST(call_deadline_covers_the_reply)
{
	recv_blocks(srv, srv_ep);
	mock_run(cli);
	set_message(cli, 53, 1, 0, NULL, 0);
	ck_assert_int_eq(
		send_on(cli, cli_ep, IPC_CALL, true, 3000 * NS_PER_TICK),
		SYS_BLOCKED);
	ck_assert_int_eq(cli->state, MLK_THREAD_REPLY);
	ck_assert_uint_eq(cli->deadline, 3000);
	/* The server takes too long. */
	ck_assert_ptr_eq(sched_next_to_run(), srv);
	mock_advance(3000);
	expect_status(cli, MLK_THREAD_READY, MLK_ERR_TIMED_OUT);
	ck_assert_ptr_null(srv->reply_to);
	set_message(srv, 54, 0, 0, NULL, 0);
	ck_assert_int_eq(ipc_reply(srv), MLK_ERR_NO_REPLY);
}
END_TEST

START_TEST(queued_send_times_out)
{
	mock_run(cli);
	set_message(cli, 55, 1, 0, NULL, 0);
	ck_assert_int_eq(
		send_on(cli, cli_ep, IPC_SEND, true, 2000 * NS_PER_TICK),
		SYS_BLOCKED);
	ck_assert_ptr_eq(sched_next_to_run(), srv);
	mock_advance(2000);
	expect_status(cli, MLK_THREAD_READY, MLK_ERR_TIMED_OUT);
	ck_assert(list_empty(&ep->senders));
	ck_assert_int_eq(cli->ipc_op, IPC_NONE);
}
END_TEST

START_TEST(a_reply_in_time_cancels_the_deadline)
{
	mock_run(cli);
	set_message(cli, 56, 1, 0, NULL, 0);
	ck_assert_int_eq(
		send_on(cli, cli_ep, IPC_CALL, true, 2000 * NS_PER_TICK),
		SYS_BLOCKED);
	mock_run(srv);
	ck_assert_int_eq(recv_on(srv, srv_ep, 0), MLK_OK);
	ck_assert_int_eq(cli->state, MLK_THREAD_REPLY);
	ck_assert(list_linked(&cli->timeout_link)); /* still counting */
	set_message(srv, 57, 0, 0, NULL, 0);
	ck_assert_int_eq(ipc_reply(srv), MLK_OK);
	ck_assert(!list_linked(&cli->timeout_link));
	mock_advance(5000);
	expect_status(cli, MLK_THREAD_READY, MLK_OK);
}
END_TEST

static Suite *ipc_suite(void)
{
	Suite *s = suite_create("ipc");
	TCase *info = tcase_create("msginfo");
	TCase *msg = tcase_create("message");
	TCase *call = tcase_create("call");
	TCase *handles = tcase_create("handles");
	TCase *peers = tcase_create("peers");
	TCase *notes = tcase_create("notification");
	TCase *kernel = tcase_create("kernel");
	TCase *cancel = tcase_create("cancel");

	tcase_add_checked_fixture(info, ipc_setup, NULL);
	tcase_add_test(info, msginfo_checks);
	tcase_add_test(info, bad_msginfo_delivers_nothing);
	suite_add_tcase(s, info);

	tcase_add_checked_fixture(msg, ipc_setup, NULL);
	tcase_add_test(msg, send_to_a_waiting_receiver);
	tcase_add_test(msg, send_wakes_a_more_urgent_receiver_first);
	tcase_add_test(msg, send_blocks_until_a_receive);
	tcase_add_test(msg, nbsend_without_a_receiver_is_unavailable);
	tcase_add_test(msg, long_messages_go_through_the_ipc_buffers);
	tcase_add_test(msg, senders_queue_by_priority);
	tcase_add_test(msg, receivers_queue_by_priority);
	tcase_add_test(msg, no_receive_handle_left_is_peer_closed);
	tcase_add_test(msg, no_send_handle_left_is_peer_closed);
	suite_add_tcase(s, msg);

	tcase_add_checked_fixture(call, ipc_setup, NULL);
	tcase_add_test(call, call_waits_for_the_reply);
	tcase_add_test(call, call_queued_before_the_receive);
	tcase_add_test(call, receiving_again_drops_the_caller);
	tcase_add_test(call, reply_without_a_caller);
	tcase_add_test(call, a_bad_reply_keeps_the_caller_waiting);
	tcase_add_test(call, saved_reply_answered_later);
	tcase_add_test(call, destroying_a_saved_reply_closes_the_call);
	tcase_add_test(call, a_caller_gone_before_the_saved_reply);
	tcase_add_test(call, a_server_killed_with_a_call_pending);
	suite_add_tcase(s, call);

	tcase_add_checked_fixture(handles, ipc_setup, NULL);
	tcase_add_test(handles, moving_a_handle);
	tcase_add_test(handles, copying_a_handle_needs_duplicate);
	tcase_add_test(handles, handles_without_transfer_are_refused);
	tcase_add_test(handles, moving_one_handle_twice_is_refused);
	tcase_add_test(handles, stale_handles_are_refused);
	tcase_add_test(handles, receiver_quota_short_moves_nothing);
	tcase_add_test(handles, receiver_table_full_moves_nothing);
	tcase_add_test(handles, refused_receiver_keeps_its_place);
	tcase_add_test(handles, queued_message_the_receiver_cannot_take);
	tcase_add_test(handles, a_reply_can_carry_handles);
	suite_add_tcase(s, handles);

	tcase_add_checked_fixture(peers, ipc_setup, NULL);
	tcase_add_test(peers, last_receive_handle_wakes_senders);
	tcase_add_test(peers,
		       receivers_left_without_a_receive_handle_are_cancelled);
	tcase_add_test(peers, last_send_handle_wakes_receivers);
	tcase_add_test(peers, a_supervisor_link_keeps_receivers_waiting);
	tcase_add_test(peers, unlinking_the_last_supervisor_wakes_receivers);
	tcase_add_test(peers,
		       relinking_the_same_supervisor_keeps_receivers_waiting);
	tcase_add_test(peers, last_handle_cancels_every_waiter);
	tcase_add_test(peers, destroyed_endpoint_cancels_senders);
	suite_add_tcase(s, peers);

	tcase_add_checked_fixture(notes, note_setup, NULL);
	tcase_add_test(notes, poll_and_signal);
	tcase_add_test(notes, signal_wakes_exactly_one_waiter);
	tcase_add_test(notes, wait_times_out);
	tcase_add_test(notes, signal_cancels_the_deadline);
	tcase_add_test(notes, destroyed_notification_cancels_waiters);
	tcase_add_test(notes, bound_notification_reaches_recv);
	suite_add_tcase(s, notes);

	tcase_add_checked_fixture(kernel, ipc_setup, NULL);
	tcase_add_test(kernel, fault_to_a_waiting_supervisor);
	tcase_add_test(kernel, fault_queued_until_the_supervisor_receives);
	tcase_add_test(kernel, fault_without_a_supervisor_kills);
	tcase_add_test(kernel, queued_fault_dropped_with_the_endpoint);
	tcase_add_test(kernel, exit_to_a_waiting_supervisor);
	tcase_add_test(kernel, a_dead_process_stays_charged_with_its_parent);
	tcase_add_test(kernel, exit_of_the_running_thread);
	tcase_add_test(kernel, exit_queued_holds_the_thread);
	tcase_add_test(kernel, exit_queued_dropped_with_the_endpoint);
	tcase_add_test(kernel, post_refused_without_receivers);
	suite_add_tcase(s, kernel);

	tcase_add_checked_fixture(cancel, ipc_setup, NULL);
	tcase_add_test(cancel, cancel_a_send);
	tcase_add_test(cancel, cancel_a_recv);
	tcase_add_test(cancel, cancel_a_wait);
	tcase_add_test(cancel, cancel_a_reply_wait);
	tcase_add_test(cancel, cancel_a_sleep);
	tcase_add_test(cancel, cancel_leaves_other_states_alone);
	tcase_add_test(cancel, call_deadline_covers_the_reply);
	tcase_add_test(cancel, queued_send_times_out);
	tcase_add_test(cancel, a_reply_in_time_cancels_the_deadline);
	suite_add_tcase(s, cancel);
	return s;
}

int main(void)
{
	return unit_run("ipc", ipc_suite());
}
