/*
 * Requests that wait: an accept, a connect, a send into a full buffer, a
 * receive with nothing there, a poll, a name being resolved, a ping.
 * Each keeps its saved reply and its request; waits_run tries them all
 * again before the service waits (after every message, frame and tick),
 * and answers MLK_ERR_TIMED_OUT once a deadline passed.  A session that
 * ends takes its waits and its sockets with it.
 */
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <string.h>

#include "service.h"
#include "sock.h"

/* A ping or query slot the wait held goes back. */
static void release_slot(struct service *s, struct wait *w)
{
	if (w->slot < 0)
		return;
	if (w->kind == WAIT_PING)
		s->net.pings[w->slot].busy = false;
	else if (w->kind == WAIT_RESOLVE)
		s->net.queries[w->slot].busy = false;
	w->slot = -1;
}

mlk_status_t wait_defer(struct service *s, uint8_t kind,
			const struct mlk_msg *in, uint64_t deadline, int slot)
{
	struct wait tmp = { .kind = kind, .slot = slot };
	unsigned i;

	for (i = 0; i < MAX_WAITS && s->waits[i].kind; i++)
		;
	if (i == MAX_WAITS) {
		release_slot(s, &tmp);
		return MLK_ERR_NO_RESOURCES;
	}
	struct wait *w = &s->waits[i];
	mlk_status_t st = mlk_reply_save(&w->reply);
	if (st != MLK_OK) {
		release_slot(s, &tmp);
		return st;
	}
	w->kind = kind;
	w->owner = in->badge;
	w->deadline = deadline;
	w->req = *in;
	w->req.nhandles = 0;
	w->slot = slot;
	return MLK_DEFERRED;
}

static void finish(struct service *s, struct wait *w, mlk_status_t st,
		   struct mlk_msg *out)
{
	out->label = (uint32_t)st;
	if (st != MLK_OK)
		out->nwords = 0;
	release_slot(s, w);
	mlk_msg_reply_to(w->reply, out); /* a caller that went: no matter */
	w->kind = 0;
}

void waits_run(struct service *s)
{
	static struct mlk_msg out;
	uint64_t now = mlk_clock_now();

	for (unsigned i = 0; i < MAX_WAITS; i++) {
		struct wait *w = &s->waits[i];
		if (!w->kind)
			continue;
		memset(&out, 0, sizeof(out));
		mlk_status_t st = request_retry(s, w, &out);
		if (st == MLK_ERR_UNAVAILABLE) {
			if (!w->deadline || now < w->deadline)
				continue;
			st = MLK_ERR_TIMED_OUT;
		}
		finish(s, w, st, &out);
	}
}

uint64_t waits_next_deadline(const struct service *s)
{
	uint64_t next = 0;

	for (unsigned i = 0; i < MAX_WAITS; i++) {
		const struct wait *w = &s->waits[i];
		if (w->kind && w->deadline && (!next || w->deadline < next))
			next = w->deadline;
	}
	return next;
}

/* A session's handle closed: its waits and sockets go. */
static void end_session(struct service *s, uint64_t badge)
{
	struct session *ss = session_of(s, badge);

	if (!ss)
		return;
	for (unsigned i = 0; i < MAX_WAITS; i++) {
		struct wait *w = &s->waits[i];
		if (w->kind && w->owner == badge) {
			release_slot(s, w);
			mlk_handle_close(w->reply);
			w->kind = 0;
		}
	}
	for (unsigned i = 0; i < NET_SOCKETS; i++) {
		struct net_sock *k = &s->net.socks[i];
		if (k->used && k->owner == badge)
			net_close(&s->net, k);
	}
	mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, (uintptr_t)ss->window,
			 MLK_NET_WINDOW_SIZE);
	mlk_handle_close(ss->mem);
	ss->used = false;
	ss->window = NULL;
}

void sessions_closed(struct service *s)
{
	uint64_t badge;
	mlk_status_t st;

	while ((st = mlk_endpoint_closed(s->ep, &badge)) != MLK_ERR_UNAVAILABLE)
		if (st == MLK_OK)
			end_session(s, badge);
}
