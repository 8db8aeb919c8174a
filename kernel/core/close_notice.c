/*
 * Close notices (see ipc.h): a server learns that a handle it gave out
 * with a badge is gone, closed or destroyed with the process that held
 * it, and can free what it kept for that badge.  A handle moved in a
 * message is not closed (handle_take runs no hooks), so it sends none.
 *
 * A notice is a small node on the endpoint's queue.  It is charged to the
 * process that turned notices on, not to the endpoint's creator: that
 * process asked for the memory and is the one that pops it, so its quota
 * bounds how much a flood of closes can pin.  The endpoint holds that
 * process while notices are on, so every charge names a live struct
 * until it is released.  A notice that cannot be charged is counted as
 * lost instead, and the next endpoint_closed says so: no panic, and no
 * kernel memory beyond the quota.
 */
#include "heap.h"
#include "ipc.h"
#include "notification.h"
#include "process.h"

struct close_notice {
	struct list link;
	uint64_t badge;
};

/* A node charged to the payer, or NULL if it cannot have one. */
static struct close_notice *notice_alloc(struct process *payer)
{
	struct close_notice *cn;

	/* A dead process takes on nothing new: notices charged to it now
	 * would weigh on its ancestors' quotas for a service it no longer
	 * runs. */
	if (payer && payer->state == PROC_DEAD)
		return NULL;
	if (quota_charge(payer, sizeof(*cn)) != MLK_OK)
		return NULL;
	cn = kmalloc(sizeof(*cn));
	if (!cn)
		quota_release(payer, sizeof(*cn));
	return cn;
}

static void notice_free(struct process *payer, struct close_notice *cn)
{
	kfree(cn);
	quota_release(payer, sizeof(*cn));
}

void close_notice_post(struct endpoint *ep, uint64_t badge)
{
	struct close_notice *cn;

	if (!ep->close_note)
		return;
	cn = notice_alloc(ep->notice_payer);
	if (cn) {
		cn->badge = badge;
		list_push_back(&ep->notices, &cn->link);
	} else if (ep->notices_lost < UINT32_MAX) {
		ep->notices_lost++;
	}
	/* Lost ones too: the server must learn that its view is stale. */
	notification_signal(ep->close_note, ep->close_bits);
}

/* Free the queue and let go of the notification and the payer.  The
 * endpoint is left with notices off before anything is released, since
 * dropping those references may close handles to it again. */
static void notices_off(struct endpoint *ep)
{
	struct notification *n = ep->close_note;
	struct process *payer = ep->notice_payer;
	struct list *pos;

	if (!n)
		return;
	ep->close_note = NULL;
	ep->notice_payer = NULL;
	ep->close_bits = 0;
	ep->notices_lost = 0;
	while ((pos = list_first(&ep->notices)) != NULL) {
		list_remove(pos);
		notice_free(payer, list_entry(pos, struct close_notice, link));
	}
	kobj_put(&n->obj);
	if (payer)
		kobj_put(&payer->obj);
}

void endpoint_close_notify(struct endpoint *ep, struct process *payer,
			   struct notification *n, uint64_t bits)
{
	struct notification *old = ep->close_note;

	if (!n) {
		notices_off(ep);
		return;
	}
	/* Turned on again: the queue and its payer stay, only the signal
	 * changes. */
	if (!old) {
		ep->notice_payer = payer;
		if (payer)
			kobj_get(&payer->obj);
	}
	kobj_get(&n->obj);
	ep->close_note = n;
	ep->close_bits = bits;
	if (old)
		kobj_put(&old->obj);
	/* What is queued must not wait for the next close to be seen. */
	if (!list_empty(&ep->notices) || ep->notices_lost)
		notification_signal(n, bits);
}

mlk_status_t endpoint_closed(struct endpoint *ep, uint64_t *badge)
{
	struct list *first = list_first(&ep->notices);
	struct close_notice *cn;

	if (!ep->close_note)
		return MLK_ERR_BAD_STATE;
	if (ep->notices_lost) {
		ep->notices_lost = 0;
		return MLK_ERR_NO_MEMORY;
	}
	if (!first)
		return MLK_ERR_UNAVAILABLE;
	list_remove(first);
	cn = list_entry(first, struct close_notice, link);
	*badge = cn->badge;
	notice_free(ep->notice_payer, cn);
	return MLK_OK;
}
