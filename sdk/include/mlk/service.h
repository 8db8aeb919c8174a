/*
 * A service's main loop: receive, dispatch by label, reply.
 *
 *     static mlk_status_t do_echo(const struct mlk_msg *in,
 *                                 struct mlk_msg *out, void *ctx)
 *     {
 *             out->nwords = 1;
 *             out->w[0] = in->w[0];
 *             return MLK_OK;
 *     }
 *     static const struct mlk_service_op ops[] = { { ECHO, do_echo } };
 *     struct mlk_service svc = { .ep = ep, .ops = ops, .nops = 1 };
 *     mlk_serve(&svc);
 *
 * A handler reads the request from `in` (handles received are its to keep
 * or close) and fills the reply in `out` (zeroed before the call; the
 * label is set to the returned status).  Returning MLK_DEFERRED
 * sends no reply now: the handler took it with mlk_reply_save and answers
 * later with mlk_msg_reply_to.  A request with no handler gets
 * MLK_ERR_NOT_SUPPORTED (and its handles are closed).
 */
#ifndef MLK_SERVICE_H
#define MLK_SERVICE_H

#include <stddef.h>
#include <stdint.h>

#include <mlk/msg.h>

typedef mlk_status_t (*mlk_service_fn)(const struct mlk_msg *in,
				       struct mlk_msg *out, void *ctx);

struct mlk_service_op {
	uint32_t label;
	mlk_service_fn fn;
};

struct mlk_service {
	mlk_handle_t ep; /* the endpoint to receive on */
	const struct mlk_service_op *ops;
	size_t nops;
	void *ctx; /* passed to every handler */
	/* Signals of the thread's bound notification (optional). */
	void (*on_notify)(uint64_t bits, void *ctx);
	/* A deadline for each wait (optional, 0: none) and what to do when
	 * it passes. */
	uint64_t (*deadline)(void *ctx);
	void (*on_timeout)(void *ctx);
};

/* Serve until the endpoint fails (then return its status).  A reply the
 * kernel refuses (the caller's handle table is full, a handle in it is
 * bad) is replaced by one that carries only that status; the handles it
 * would have moved are closed. */
mlk_status_t mlk_serve(const struct mlk_service *svc);

#endif
