/*
 * Notifications: a 64-bit word that signal ORs bits into and wait takes
 * them out of, blocking while it is zero.  A notification may be bound to
 * one thread, whose recv on an endpoint then also returns its signals (as
 * a MLK_LABEL_NOTIFY message); interrupts reach drivers through them.
 */
#ifndef MLK_KERNEL_NOTIFICATION_H
#define MLK_KERNEL_NOTIFICATION_H

#include "list.h"
#include "object.h"
#include "thread.h"

struct notification {
	struct kobj obj;
	uint64_t bits;
	struct list waiters;
	struct thread *bound; /* the thread it is bound to, if any */
};

mlk_status_t notification_create(struct process *payer,
				 struct notification **out);
void notification_signal(struct notification *n, uint64_t bits);
/* Deadlines are ns of the monotonic clock; 0 = none. */
mlk_status_t notification_wait(struct thread *self, struct notification *n,
			       uint64_t deadline, bool block);

/* Bind n to t (n NULL: unbind): t's recv also returns n's signals. */
mlk_status_t notification_bind(struct thread *t, struct notification *n);
/* Hand n's bits to t, bound to it and in recv, as its message; clears
 * them. */
void notification_deliver(struct thread *t, struct notification *n);

#endif
