/*
 * Endpoints, replies, message transfer and the wait queues threads block
 * on (see ipc.h); notifications are in notification.c.
 */
#include "ipc.h"

#include "handle_table.h"
#include "kstring.h"
#include "notification.h"
#include "panic.h"
#include "process.h"
#include "sched.h"
#include "timer.h"

_Static_assert(offsetof(struct endpoint, obj) == 0, "kobj_alloc: obj first");
_Static_assert(offsetof(struct reply, obj) == 0, "kobj_alloc: obj first");

/* ---- wait queues --------------------------------------------------------- */

__cold void ipc_wake_all(struct list *q, mlk_status_t status)
{
	struct thread *t;

	while ((t = ipc_waitq_pop(q)) != NULL) {
		t->waiting_on = NULL;
		if (t->ipc_op == IPC_EXIT) {
			t->ipc_op = IPC_NONE;
			kobj_put(&t->obj);
			continue;
		}
		if (t->ipc_op == IPC_FAULT) {
			t->ipc_op = IPC_NONE; /* stays faulted, unreported */
			continue;
		}
		t->ipc_op = IPC_NONE;
		sched_timeout_cancel(t);
		thread_set_status(t, status);
		sched_wake(t);
	}
}

mlk_status_t ipc_block_on(struct thread *self, struct list *q, void *owner,
			  unsigned state, uint64_t deadline)
{
	if (deadline) {
		if (deadline <= timer_ticks_to_ns(timer_now()))
			return MLK_ERR_TIMED_OUT;
		sched_timeout_add(self, timer_ns_to_ticks(deadline));
	}
	ipc_waitq_insert(q, self);
	self->waiting_on = owner;
	sched_block_switch(state);
	return SYS_BLOCKED;
}

/* ---- replies ------------------------------------------------------------- */

/* `caller` now waits for `server` to reply. */
static void link_reply(struct thread *server, struct thread *caller)
{
	if (server->reply_to) {
		/* A second receive without replying drops the first caller. */
		struct thread *old = server->reply_to;
		old->replier = NULL;
		ipc_cancel_wait(old, MLK_ERR_PEER_CLOSED);
	}
	server->reply_to = caller;
	caller->replier = server;
	caller->state = MLK_THREAD_REPLY;
}

static void unlink_reply(struct thread *caller)
{
	if (caller->replier) {
		caller->replier->reply_to = NULL;
		caller->replier = NULL;
	}
	if (caller->saved_reply) {
		caller->saved_reply->caller = NULL;
		caller->saved_reply = NULL;
	}
}

/* ---- message transfer ---------------------------------------------------- */

mlk_status_t ipc_check_msginfo(mlk_msginfo_t info)
{
	unsigned nh = MLK_MSGINFO_HANDLES(info);
	uint64_t allowed = 0xffffffff00000000ull | 0x7f | (0x7u << 8) |
			   (((1u << nh) - 1) << 12);

	if (MLK_MSGINFO_WORDS(info) > MLK_MSG_MAX_WORDS ||
	    nh > MLK_MSG_MAX_HANDLES)
		return MLK_ERR_TOO_BIG;
	if (info & ~allowed)
		return MLK_ERR_BAD_ARG(1); /* stray bits */
	if (MLK_MSGINFO_LABEL(info) >= MLK_LABEL_KERNEL)
		return MLK_ERR_BAD_ARG(1); /* labels the kernel keeps */
	return MLK_OK;
}

/* Check the handles `from` sends: live, transferable, no move twice. */
static mlk_status_t check_handles(struct thread *from, mlk_msginfo_t info)
{
	unsigned nh = MLK_MSGINFO_HANDLES(info);
	const mlk_handle_t *hs = from->ipcbuf->handles;

	for (unsigned i = 0; i < nh; i++) {
		struct handle_entry *e;
		bool copy = MLK_MSGINFO_COPY(info, i);
		uint32_t need =
			MLK_RIGHT_TRANSFER | (copy ? MLK_RIGHT_DUPLICATE : 0);
		mlk_status_t st =
			handle_lookup(&from->proc->handles, hs[i], 0, need, &e);
		if (st != MLK_OK)
			return st;
		for (unsigned j = 0; j < i; j++)
			if (hs[j] == hs[i] &&
			    (!copy || !MLK_MSGINFO_COPY(info, j)))
				return MLK_ERR_BAD_ARG(1); /* moved twice */
	}
	return MLK_OK;
}

/* Move or copy the handles; room in `to` was reserved and they checked. */
static void move_handles(struct thread *from, struct thread *to,
			 mlk_msginfo_t info)
{
	unsigned nh = MLK_MSGINFO_HANDLES(info);
	struct handle_table *src = &from->proc->handles;
	struct handle_table *dst = &to->proc->handles;
	mlk_handle_t got[MLK_MSG_MAX_HANDLES];

	/* Copies first: a move might empty the slot a later copy names. */
	for (unsigned i = 0; i < nh; i++) {
		struct handle_entry *e = NULL;
		if (!MLK_MSGINFO_COPY(info, i))
			continue;
		BUG_ON(handle_lookup(src, from->ipcbuf->handles[i], 0, 0, &e) !=
		       MLK_OK);
		handle_install(dst, e->obj, e->rights, e->badge, &got[i]);
	}
	for (unsigned i = 0; i < nh; i++) {
		struct handle_entry moved;
		if (MLK_MSGINFO_COPY(info, i))
			continue;
		handle_take(src, from->ipcbuf->handles[i], &moved);
		got[i] = handle_install_taken(dst, &moved);
	}
	for (unsigned i = 0; i < nh; i++)
		to->ipcbuf->handles[i] = got[i];
}

/*
 * Deliver `from`'s message (info, its words and handles) to `to`: `to`'s
 * registers get status OK, the message info, the badge and the words.
 * Fails (nothing delivered) if the handles cannot go.
 */
static mlk_status_t transfer(struct thread *from, struct thread *to,
			     mlk_msginfo_t info, uint64_t badge)
{
	unsigned nw = MLK_MSGINFO_WORDS(info);
	unsigned nh = MLK_MSGINFO_HANDLES(info);

	if (nh) {
		mlk_status_t st = check_handles(from, info);
		if (st == MLK_OK)
			st = handle_reserve(&to->proc->handles, nh);
		if (st != MLK_OK)
			return st;
		move_handles(from, to, info);
	}
	for (int r = 0; r < MLK_MSG_REG_WORDS; r++)
		frame_set_ret(&to->frame, 3 + r,
			      frame_arg(&from->frame, 3 + r));
	if (nw > MLK_MSG_REG_WORDS)
		memcpy(&to->ipcbuf->words[MLK_MSG_REG_WORDS],
		       &from->ipcbuf->words[MLK_MSG_REG_WORDS],
		       (nw - MLK_MSG_REG_WORDS) * sizeof(uint64_t));
	frame_set_ret(&to->frame, 0, MLK_OK);
	frame_set_ret(&to->frame, 1,
		      MLK_MSGINFO(MLK_MSGINFO_LABEL(info), nw, nh));
	frame_set_ret(&to->frame, 2, badge);
	return MLK_OK;
}

/* A fault or exit message, made up by the kernel for `t`, to `to`. */
static void deliver_kernel_message(struct thread *t, struct thread *to)
{
	struct trap_frame *f = &to->frame;
	bool fault = t->ipc_op == IPC_FAULT;

	frame_set_ret(f, 0, MLK_OK);
	frame_set_ret(f, 1,
		      MLK_MSGINFO(fault ? MLK_LABEL_FAULT : MLK_LABEL_EXIT,
				  MLK_MSG_REG_WORDS, 0));
	frame_set_ret(f, 2, t->badge);
	frame_set_ret(f, 3, fault ? t->fault_kind : (uint64_t)t->exit_code);
	frame_set_ret(f, 4, fault ? t->fault_addr : 0);
	frame_set_ret(f, 5, fault ? t->fault_pc : 0);
	frame_set_ret(f, 6, t->obj.id);
	frame_set_ret(f, 7, t->proc ? t->proc->obj.id : 0);
}

/* ---- send and receive ---------------------------------------------------- */

/* The sender `s`, just taken off the queue, meets receiver `r`. */
static mlk_status_t rendezvous(struct thread *s, struct thread *r)
{
	if (s->ipc_op == IPC_FAULT || s->ipc_op == IPC_EXIT) {
		deliver_kernel_message(s, r);
		s->waiting_on = NULL;
		if (s->ipc_op == IPC_EXIT)
			kobj_put(&s->obj); /* the notice held the thread */
		s->ipc_op = IPC_NONE;
		return MLK_OK;
	}
	mlk_status_t st = transfer(s, r, s->msginfo, s->badge);
	s->waiting_on = NULL;
	if (st != MLK_OK) {
		thread_set_status(s, st);
		sched_timeout_cancel(s);
		s->ipc_op = IPC_NONE;
		sched_wake(s);
		return st;
	}
	if (s->ipc_op == IPC_CALL) {
		link_reply(r, s);
	} else {
		sched_timeout_cancel(s);
		thread_set_status(s, MLK_OK);
		sched_wake(s);
	}
	s->ipc_op = IPC_NONE;
	return MLK_OK;
}

mlk_status_t ipc_send(struct thread *self, struct endpoint *ep, uint64_t badge,
		      unsigned op, bool block, uint64_t deadline)
{
	mlk_msginfo_t info = frame_arg(&self->frame, 1);
	mlk_status_t st = ipc_check_msginfo(info);

	if (st != MLK_OK)
		return st;
	if (ep->nreceivers == 0)
		return MLK_ERR_PEER_CLOSED;
	if (MLK_MSGINFO_HANDLES(info)) {
		st = check_handles(self, info);
		if (st != MLK_OK)
			return st;
	}
	struct thread *r = ipc_waitq_pop(&ep->receivers);
	if (r) {
		st = transfer(self, r, info, badge);
		if (st != MLK_OK) {
			/* It keeps waiting, first as it was (not behind its
			 * equals, as ipc_waitq_insert would put it). */
			list_push_front(&ep->receivers, &r->link);
			return st;
		}
		r->waiting_on = NULL;
		sched_timeout_cancel(r);
		sched_wake(r);
		if (op != IPC_CALL)
			return MLK_OK;
		link_reply(r, self);
		sched_block(MLK_THREAD_REPLY);
		if (deadline)
			sched_timeout_add(self, timer_ns_to_ticks(deadline));
		return SYS_BLOCKED;
	}
	if (!block)
		return MLK_ERR_UNAVAILABLE;
	self->msginfo = info;
	self->badge = badge;
	self->ipc_op = (uint8_t)op;
	st = ipc_block_on(self, &ep->senders, ep, MLK_THREAD_SEND, deadline);
	if (st != SYS_BLOCKED)
		self->ipc_op = IPC_NONE;
	return st;
}

mlk_status_t ipc_recv(struct thread *self, struct endpoint *ep,
		      uint64_t deadline)
{
	struct thread *s;

	if (self->reply_to) {
		/* Receiving again without replying: the caller is dropped. */
		struct thread *old = self->reply_to;
		unlink_reply(old);
		ipc_cancel_wait(old, MLK_ERR_PEER_CLOSED);
	}
	if (self->bound && self->bound->bits) {
		notification_deliver(self, self->bound);
		return MLK_OK;
	}
	while ((s = ipc_waitq_pop(&ep->senders)) != NULL)
		if (rendezvous(s, self) == MLK_OK)
			return MLK_OK;
	if (ep->nsenders == 0)
		return MLK_ERR_PEER_CLOSED;
	return ipc_block_on(self, &ep->receivers, ep, MLK_THREAD_RECV,
			    deadline);
}

static mlk_status_t answer(struct thread *self, struct thread *caller)
{
	mlk_msginfo_t info = frame_arg(&self->frame, 1);
	mlk_status_t st = ipc_check_msginfo(info);

	if (st == MLK_OK)
		st = transfer(self, caller, info, 0);
	if (st != MLK_OK)
		return st; /* the caller keeps waiting for a good reply */
	unlink_reply(caller);
	sched_timeout_cancel(caller);
	sched_wake(caller);
	return MLK_OK;
}

mlk_status_t ipc_reply(struct thread *self)
{
	if (!self->reply_to)
		return MLK_ERR_NO_REPLY;
	return answer(self, self->reply_to);
}

mlk_status_t ipc_reply_saved(struct thread *self, struct reply *r)
{
	if (!r->caller)
		return MLK_ERR_PEER_CLOSED; /* the caller gave up or died */
	return answer(self, r->caller);
}

__cold mlk_status_t ipc_reply_save(struct thread *self, struct reply **out)
{
	struct thread *caller = self->reply_to;
	mlk_status_t st;

	if (!caller)
		return MLK_ERR_NO_REPLY;
	struct reply *r =
		kobj_alloc(self->proc, sizeof(*r), MLK_OBJ_REPLY, &st);
	if (!r)
		return st;
	self->reply_to = NULL;
	caller->replier = NULL;
	caller->saved_reply = r;
	r->caller = caller;
	*out = r;
	return MLK_OK;
}

__cold static void reply_destroy(struct kobj *o)
{
	struct reply *r = container_of(o, struct reply, obj);

	if (r->caller) {
		struct thread *caller = r->caller;
		unlink_reply(caller);
		ipc_cancel_wait(caller, MLK_ERR_PEER_CLOSED);
	}
}

const struct kobj_ops reply_ops = { .destroy = reply_destroy };

/* ---- kernel messages ----------------------------------------------------- */

void endpoint_link_supervisor(struct endpoint *ep)
{
	kobj_get(&ep->obj);
	ep->nsenders++;
}

void endpoint_unlink_supervisor(struct endpoint *ep)
{
	/* The link counted as a sender, like a SEND handle: receivers of an
	 * endpoint no one can send to any more learn it at once. */
	if (--ep->nsenders == 0 && ep->obj.handles)
		ipc_wake_all(&ep->receivers, MLK_ERR_PEER_CLOSED);
	kobj_put(&ep->obj);
}

__cold bool ipc_post_kernel_message(struct thread *t, struct endpoint *ep,
				    uint64_t badge, unsigned op)
{
	if (!ep || ep->nreceivers == 0)
		return false;
	t->badge = badge;
	t->ipc_op = (uint8_t)op;
	/* The notice keeps the thread until delivered, and rendezvous drops
	 * that reference: take it for a direct delivery too. */
	if (op == IPC_EXIT)
		kobj_get(&t->obj);
	struct thread *r = ipc_waitq_pop(&ep->receivers);
	if (r) {
		rendezvous(t, r);
		r->waiting_on = NULL;
		sched_timeout_cancel(r);
		sched_wake(r);
		return true;
	}
	ipc_waitq_insert(&ep->senders, t);
	t->waiting_on = ep;
	return true;
}

/* ---- endpoints ----------------------------------------------------------- */

mlk_status_t endpoint_create(struct process *payer, struct endpoint **out)
{
	mlk_status_t st;
	struct endpoint *ep =
		kobj_alloc(payer, sizeof(*ep), MLK_OBJ_ENDPOINT, &st);

	if (!ep)
		return st;
	list_init(&ep->senders);
	list_init(&ep->receivers);
	list_init(&ep->notices);
	*out = ep;
	return MLK_OK;
}

__cold static void endpoint_destroy(struct kobj *o)
{
	struct endpoint *ep = container_of(o, struct endpoint, obj);

	endpoint_close_notify(ep, NULL, NULL, 0);
	ipc_wake_all(&ep->senders, MLK_ERR_CANCELLED);
	ipc_wake_all(&ep->receivers, MLK_ERR_CANCELLED);
}

static void endpoint_handle_opened(struct kobj *o, uint32_t rights)
{
	struct endpoint *ep = container_of(o, struct endpoint, obj);

	if (rights & MLK_RIGHT_SEND)
		ep->nsenders++;
	if (rights & MLK_RIGHT_RECV)
		ep->nreceivers++;
}

__cold static void endpoint_handle_closed(struct kobj *o, uint32_t rights,
					  uint64_t badge)
{
	struct endpoint *ep = container_of(o, struct endpoint, obj);
	bool last_sender = (rights & MLK_RIGHT_SEND) && --ep->nsenders == 0;
	bool last_receiver = (rights & MLK_RIGHT_RECV) && --ep->nreceivers == 0;

	/* Close notices are for whoever can receive: once the last handle
	 * that could is gone, nobody can pop them any more. */
	if (ep->nreceivers == 0)
		endpoint_close_notify(ep, NULL, NULL, 0);
	else if (badge)
		close_notice_post(ep, badge);
	if (o->handles == 0) {
		/* Nobody can name it any more (a supervisor link may keep it
		 * alive): it is gone for whoever waits on it. */
		ipc_wake_all(&ep->senders, MLK_ERR_CANCELLED);
		ipc_wake_all(&ep->receivers, MLK_ERR_CANCELLED);
		return;
	}
	if (last_sender)
		ipc_wake_all(&ep->receivers, MLK_ERR_PEER_CLOSED);
	if (last_receiver) {
		ipc_wake_all(&ep->senders, MLK_ERR_PEER_CLOSED);
		/* Receivers left waiting would wait for ever: no one can
		 * send to an endpoint without receive handles. */
		ipc_wake_all(&ep->receivers, MLK_ERR_CANCELLED);
	}
}

const struct kobj_ops endpoint_ops = {
	.destroy = endpoint_destroy,
	.handle_opened = endpoint_handle_opened,
	.handle_closed = endpoint_handle_closed,
};

/* ---- cancelling waits ---------------------------------------------------- */

/* The wait queue t is on, if it is on one. */
static struct list *waiting_queue(struct thread *t)
{
	if (!t->waiting_on || !list_linked(&t->link))
		return NULL;
	switch (t->state) {
	case MLK_THREAD_SEND:
	case MLK_THREAD_FAULTED:
		return &((struct endpoint *)t->waiting_on)->senders;
	case MLK_THREAD_RECV:
		return &((struct endpoint *)t->waiting_on)->receivers;
	case MLK_THREAD_WAIT:
		return &((struct notification *)t->waiting_on)->waiters;
	default:
		return NULL;
	}
}

__cold void ipc_requeue(struct thread *t)
{
	struct list *q = waiting_queue(t);

	if (q) {
		list_remove(&t->link);
		ipc_waitq_insert(q, t);
	}
}

__cold void ipc_detach(struct thread *t)
{
	switch (t->state) {
	case MLK_THREAD_SEND:
	case MLK_THREAD_RECV:
	case MLK_THREAD_WAIT:
		if (list_linked(&t->link))
			list_remove(&t->link);
		t->waiting_on = NULL;
		break;
	case MLK_THREAD_REPLY:
		unlink_reply(t);
		break;
	case MLK_THREAD_FAULTED:
		if (t->ipc_op == IPC_FAULT && list_linked(&t->link))
			list_remove(&t->link);
		t->waiting_on = NULL;
		break;
	}
	t->ipc_op = IPC_NONE;
	sched_timeout_cancel(t);
}

void ipc_cancel_wait(struct thread *t, mlk_status_t status)
{
	if (t->state != MLK_THREAD_SEND && t->state != MLK_THREAD_RECV &&
	    t->state != MLK_THREAD_WAIT && t->state != MLK_THREAD_REPLY &&
	    t->state != MLK_THREAD_SLEEP)
		return;
	ipc_detach(t);
	thread_set_status(t, status);
	sched_wake(t);
}
