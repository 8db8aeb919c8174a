/*
 * Notifications (see notification.h): a word of bits that signal ORs in
 * and wait takes out, with the threads waiting for it and the one thread
 * bound to it.
 */
#include "notification.h"

#include "ipc.h"
#include "sched.h"

_Static_assert(offsetof(struct notification, obj) == 0,
	       "kobj_alloc: obj first");

void notification_deliver(struct thread *t, struct notification *n)
{
	struct trap_frame *f = &t->frame;

	frame_set_ret(f, 0, MLK_OK);
	frame_set_ret(f, 1, MLK_MSGINFO(MLK_LABEL_NOTIFY, 1, 0));
	frame_set_ret(f, 2, 0);
	frame_set_ret(f, 3, n->bits);
	n->bits = 0;
}

mlk_status_t notification_create(struct process *payer,
				 struct notification **out)
{
	mlk_status_t st;
	struct notification *n =
		kobj_alloc(payer, sizeof(*n), MLK_OBJ_NOTIFICATION, &st);

	if (!n)
		return st;
	list_init(&n->waiters);
	*out = n;
	return MLK_OK;
}

void notification_signal(struct notification *n, uint64_t bits)
{
	struct thread *t;

	n->bits |= bits;
	if (!n->bits)
		return;
	t = ipc_waitq_pop(&n->waiters);
	if (!t && n->bound && n->bound->state == MLK_THREAD_RECV) {
		/* The bound thread waits for messages: this is one. */
		t = n->bound;
		list_remove(&t->link);
		t->waiting_on = NULL;
		sched_timeout_cancel(t);
		notification_deliver(t, n);
		sched_wake(t);
		return;
	}
	if (!t)
		return;
	t->waiting_on = NULL;
	sched_timeout_cancel(t);
	thread_set_status(t, MLK_OK);
	frame_set_ret(&t->frame, 1, n->bits);
	n->bits = 0;
	sched_wake(t);
}

mlk_status_t notification_wait(struct thread *self, struct notification *n,
			       uint64_t deadline, bool block)
{
	if (n->bits) {
		frame_set_ret(&self->frame, 1, n->bits);
		n->bits = 0;
		return MLK_OK;
	}
	if (!block)
		return MLK_ERR_UNAVAILABLE;
	return ipc_block_on(self, &n->waiters, n, MLK_THREAD_WAIT, deadline);
}

static void notification_destroy(struct kobj *o)
{
	struct notification *n = container_of(o, struct notification, obj);

	ipc_wake_all(&n->waiters, MLK_ERR_CANCELLED);
}

mlk_status_t notification_bind(struct thread *t, struct notification *n)
{
	if (n && n->bound && n->bound != t)
		return MLK_ERR_EXISTS; /* one thread per notification */
	if (t->bound) {
		t->bound->bound = NULL;
		kobj_put(&t->bound->obj);
		t->bound = NULL;
	}
	if (n) {
		kobj_get(&n->obj); /* the binding keeps it */
		n->bound = t;
		t->bound = n;
	}
	return MLK_OK;
}

const struct kobj_ops notification_ops = { .destroy = notification_destroy };
