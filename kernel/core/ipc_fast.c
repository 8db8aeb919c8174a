/*
 * The IPC fast path: call and reply_recv between two threads when nothing
 * unusual is going on.  vectors.S tries these before the general system
 * call path; NULL sends the call there, which gives the same results, so
 * the fast path may decline anything it does not want to handle.
 *
 * It handles: a message that fits the registers (at most five words, no
 * handles), no deadline, the peer already waiting on the other side, no
 * thread more urgent than the peer ready, no deadline of the peer's to
 * cancel, an address space already active.  Then five registers move and
 * the CPU goes straight to the peer, no scheduler, no locks, no calls:
 * these functions are leaves, which keeps them short.
 */
#include "ipc.h"
#include "process.h"
#include "sched.h"
#include "syscall.h"

/* At most five words, no handles, no stray bits, an ordinary label. */
static inline bool fast_msginfo(mlk_msginfo_t info)
{
	return (uint32_t)info <= MLK_MSG_REG_WORDS &&
	       MLK_MSGINFO_LABEL(info) < MLK_LABEL_KERNEL;
}

/* The endpoint x0 names with `right`, and the handle's badge. */
static inline struct endpoint *fast_endpoint(struct thread *self,
					     uint32_t right, uint64_t *badge)
{
	struct handle_entry *e;
	uint64_t h = frame_arg(&self->frame, 0);

	if (h >> 32 || handle_lookup(&self->proc->handles, (mlk_handle_t)h,
				     MLK_OBJ_ENDPOINT, right, &e) != MLK_OK)
		return NULL;
	*badge = e->badge;
	return (struct endpoint *)e->obj;
}

/* Can `peer` take the CPU right now, without the scheduler? */
static inline bool fast_peer_ok(const struct thread *peer)
{
	return !peer->suspended && !peer->deadline &&
	       sched_top_ready_prio() <= (int)peer->prio &&
	       arch_switch_fast_ok();
}

/* The message registers and the status, from one thread to the other. */
static inline void fast_transfer(struct thread *from, struct thread *to,
				 mlk_msginfo_t info, uint64_t badge)
{
	const uint64_t *src = &from->frame.tf_x[3];
	uint64_t *dst = &to->frame.tf_x[0];

	dst[0] = MLK_OK;
	dst[1] = info;
	dst[2] = badge;
	dst[3] = src[0];
	dst[4] = src[1];
	dst[5] = src[2];
	dst[6] = src[3];
	dst[7] = src[4];
}

/* The current thread, already blocked, gives the CPU to next. */
static inline struct trap_frame *fast_switch(struct thread *prev,
					     struct thread *next)
{
	uint64_t now = arch_counter_now();

	prev->cpu_ticks += now - prev->run_start;
	next->run_start = now;
	next->state = MLK_THREAD_RUNNING;
	/* A server does its client's work within the client's slice. */
	next->slice_end = prev->slice_end;
	sched_cpu.switches++;
	arch_switch_fast(prev, next);
	sched_cpu.current = next;
	return &next->frame;
}

struct trap_frame *ipc_fastpath_call(struct thread *self)
{
	mlk_msginfo_t info = frame_arg(&self->frame, 1);
	struct endpoint *ep;
	struct thread *server;
	uint64_t badge;

	if (!fast_msginfo(info) || frame_arg(&self->frame, 2))
		return NULL;
	ep = fast_endpoint(self, MLK_RIGHT_SEND, &badge);
	if (!ep || list_empty(&ep->receivers))
		return NULL;
	server = list_entry(ep->receivers.next, struct thread, link);
	if (server->reply_to || !fast_peer_ok(server))
		return NULL;

	list_remove(&server->link);
	server->waiting_on = NULL;
	fast_transfer(self, server, info, badge);
	server->reply_to = self;
	self->replier = server;
	self->state = MLK_THREAD_REPLY;
	return fast_switch(self, server);
}

struct trap_frame *ipc_fastpath_reply_recv(struct thread *self)
{
	mlk_msginfo_t info = frame_arg(&self->frame, 1);
	struct thread *caller = self->reply_to;
	struct endpoint *ep;
	uint64_t badge;

	if (!caller || !fast_msginfo(info) || frame_arg(&self->frame, 2))
		return NULL;
	ep = fast_endpoint(self, MLK_RIGHT_RECV, &badge);
	/* A message already waiting goes through the general path. */
	if (!ep || !list_empty(&ep->senders) || ep->nsenders == 0 ||
	    !fast_peer_ok(caller))
		return NULL;

	fast_transfer(self, caller, info, 0);
	self->reply_to = NULL;
	caller->replier = NULL;
	ipc_waitq_insert(&ep->receivers, self);
	self->waiting_on = ep;
	self->state = MLK_THREAD_RECV;
	return fast_switch(self, caller);
}
