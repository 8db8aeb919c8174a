/*
 * The service main loop (see mlk/service.h).
 */
#include <mlk/service.h>

#include <stdbool.h>
#include <string.h>

#include "libc/libc_impl.h"

static const struct mlk_service_op *find_op(const struct mlk_service *svc,
					    uint32_t label)
{
	for (size_t i = 0; i < svc->nops; i++)
		if (svc->ops[i].label == label)
			return &svc->ops[i];
	return NULL;
}

static void close_handles(const struct mlk_msg *m)
{
	for (uint32_t i = 0; i < m->nhandles; i++)
		mlk_handle_close(m->h[i]);
}

/* Handle one request; true if *out is a reply to send. */
static bool dispatch(const struct mlk_service *svc, const struct mlk_msg *in,
		     struct mlk_msg *out)
{
	const struct mlk_service_op *op;
	mlk_status_t st;

	if (in->label == MLK_LABEL_NOTIFY) {
		if (svc->on_notify)
			svc->on_notify(in->w[0], svc->ctx);
		return false;
	}
	if (in->label >= MLK_LABEL_KERNEL)
		return false; /* fault and exit reports are for supervisors */
	memset(out, 0, sizeof(*out));
	op = find_op(svc, in->label);
	if (op) {
		st = op->fn(in, out, svc->ctx);
	} else {
		close_handles(in);
		st = MLK_ERR_NOT_SUPPORTED;
	}
	if (st == MLK_DEFERRED)
		return false;
	out->label = (uint32_t)st;
	return true;
}

/* Close the handles a reply that could not go would have moved. */
static void close_moved(const struct mlk_msg *m)
{
	for (uint32_t i = 0; i < m->nhandles; i++)
		if (!(m->copy_mask & (1u << i)))
			mlk_handle_close(m->h[i]);
}

/*
 * After reply_recv failed: answer its caller if it still waits (the reply
 * did not go: the kernel refused it, or found the endpoint bad before
 * replying), with *out again or, if refused, with the status alone.  The
 * handles *out would have moved are closed unless they went: if the
 * reply had gone, their values are stale and closing them does nothing.
 * False if nobody waited any more (the reply went, or its caller gave up).
 */
static bool answer_pending(struct mlk_msg *out)
{
	mlk_status_t st = mlk_msg_reply(out);

	if (st == MLK_OK)
		return true;
	close_moved(out);
	if (st == MLK_ERR_NO_REPLY)
		return false;
	memset(out, 0, sizeof(*out));
	out->label = (uint32_t)st;
	mlk_msg_reply(out);
	return true;
}

MLK_PUBLIC mlk_status_t mlk_serve(const struct mlk_service *svc)
{
	static struct mlk_msg in, out;
	bool reply = false;
	mlk_status_t st;

	for (;;) {
		uint64_t deadline = svc->deadline ? svc->deadline(svc->ctx) : 0;
		/* A request sent, not called, has nobody to answer: the
		 * kernel then just receives. */
		if (reply)
			st = mlk_msg_reply_recv2(svc->ep, &out, &in, deadline);
		else
			st = mlk_msg_recv(svc->ep, &in, deadline);
		if (st == MLK_ERR_TIMED_OUT) {
			reply = false;
			if (svc->on_timeout)
				svc->on_timeout(svc->ctx);
			continue;
		}
		if (st != MLK_OK && reply) {
			uint32_t type, rights;
			/* Whatever failed, the caller is answered if it can
			 * be.  An endpoint closed under the receive ends the
			 * loop with the receive's status; otherwise the next
			 * plain receive says whether it is still good. */
			reply = false;
			if (!answer_pending(&out) &&
			    mlk_handle_info(svc->ep, &type, &rights) != MLK_OK)
				return st;
			continue;
		}
		if (st != MLK_OK)
			return st;
		reply = dispatch(svc, &in, &out);
	}
}
