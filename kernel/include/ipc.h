/*
 * Synchronous IPC on endpoints, one-shot replies, and the wait queues
 * threads block on (notifications, which block threads too, are in
 * notification.h).
 *
 * Wait queues are ordered by priority (highest first; first come first
 * served among equals): when several clients wait for a server, the most
 * urgent goes first.
 */
#ifndef MLK_KERNEL_IPC_H
#define MLK_KERNEL_IPC_H

#include "list.h"
#include "object.h"
#include "sched.h"
#include "thread.h"
#include "timer.h"

struct endpoint {
	struct kobj obj;
	struct list senders; /* blocked in send/call, fault and exit notices */
	struct list receivers; /* blocked in recv */
	uint32_t nsenders;   /* handles that may send, plus supervisor links */
	uint32_t nreceivers; /* handles that may receive */
	/* Close notices (close_notice.c), after the fast path's fields: the
	 * badges of closed handles, oldest first, charged to notice_payer;
	 * close_note NULL: off. */
	uint32_t notices_lost; /* not queued for want of memory */
	struct list notices;
	struct notification *close_note;
	uint64_t close_bits;
	struct process *notice_payer;
};

/* A saved reply right (reply_save): answering it wakes `caller`. */
struct reply {
	struct kobj obj;
	struct thread *caller;
};

mlk_status_t endpoint_create(struct process *payer, struct endpoint **out);

/* The IPC system calls, on the calling thread `self` and its registers. */
/* Deadlines are ns of the monotonic clock; 0 = none. */
mlk_status_t ipc_send(struct thread *self, struct endpoint *ep, uint64_t badge,
		      unsigned op, bool block, uint64_t deadline);
mlk_status_t ipc_recv(struct thread *self, struct endpoint *ep,
		      uint64_t deadline);
mlk_status_t ipc_reply(struct thread *self);
mlk_status_t ipc_reply_saved(struct thread *self, struct reply *r);
mlk_status_t ipc_reply_save(struct thread *self, struct reply **out);

/*
 * Close notices (endpoint_close_notify, endpoint_closed): n non-NULL turns
 * them on, signalling `bits` on n for each closed handle to ep that had a
 * badge; the notices are charged to `payer`, which is held while they are
 * on.  n NULL turns them off and frees what is queued.
 */
void endpoint_close_notify(struct endpoint *ep, struct process *payer,
			   struct notification *n, uint64_t bits);
/* The oldest notice's badge: MLK_OK, or MLK_ERR_NO_MEMORY once after
 * notices were lost, MLK_ERR_UNAVAILABLE when none is queued,
 * MLK_ERR_BAD_STATE when notices are off. */
mlk_status_t endpoint_closed(struct endpoint *ep, uint64_t *badge);
/* For ipc.c's close hook: a handle with a non-zero `badge` was closed. */
void close_notice_post(struct endpoint *ep, uint64_t badge);

/* Supervisor links: the kernel sends fault and exit messages. */
void endpoint_link_supervisor(struct endpoint *ep);
void endpoint_unlink_supervisor(struct endpoint *ep);
/* Queue `t`'s fault (or exit) message on ep; false if ep cannot take it. */
bool ipc_post_kernel_message(struct thread *t, struct endpoint *ep,
			     uint64_t badge, unsigned op);

/* Take a blocked thread out of whatever it waits for, without waking it. */
void ipc_detach(struct thread *t);
/* Wake a blocked thread with `status` (timeouts, cancellation). */
void ipc_cancel_wait(struct thread *t, mlk_status_t status);
/* Its priority changed: move a waiting thread to its new place in the
 * queue, which is kept in priority order. */
void ipc_requeue(struct thread *t);

/* ---- wait queues (ipc.c; notification.c blocks threads on them too) --- */

/* Queue t on a wait queue, behind the threads of its priority and more:
 * at the end, without a walk, when the last is as urgent or more (a pool
 * of server threads of one priority). */
static inline void ipc_waitq_insert(struct list *q, struct thread *t)
{
	if (list_empty(q) ||
	    list_entry(q->prev, struct thread, link)->prio >= t->prio) {
		list_push_back(q, &t->link);
		return;
	}
	list_for_each(pos, q)
	{
		if (list_entry(pos, struct thread, link)->prio < t->prio) {
			list_insert_before(pos, &t->link);
			return;
		}
	}
	list_push_back(q, &t->link);
}

/* Take the first thread off a wait queue; NULL if it is empty. */
static inline struct thread *ipc_waitq_pop(struct list *q)
{
	struct list *first = list_first(q);

	if (!first)
		return NULL;
	list_remove(first);
	return list_entry(first, struct thread, link);
}

/*
 * Block the current thread on queue q of `owner` in `state` until woken
 * or until `deadline` (ns of the monotonic clock, 0: none): SYS_BLOCKED.
 * A deadline already past times out at once instead.  It switches
 * straight to the next thread when one is READY (sched_block_switch).
 */
mlk_status_t ipc_block_on(struct thread *self, struct list *q, void *owner,
			  unsigned state, uint64_t deadline);
/* Wake every thread on q with `status`; pending kernel messages on it
 * (fault and exit reports) are dropped. */
void ipc_wake_all(struct list *q, mlk_status_t status);

/* Validate a message info word about to be sent. */
mlk_status_t ipc_check_msginfo(mlk_msginfo_t info);

#endif
