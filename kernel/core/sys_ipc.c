/*
 * System calls: endpoints, notifications and messages (signal, wait and
 * poll, on the measured paths, are in sys_notify.c).
 */
#include "kobjects.h"
#include "notification.h"
#include "sched.h"
#include "syscall.h"
#include "timer.h"

#define ENDPOINT_RIGHTS (MLK_RIGHT_SEND | MLK_RIGHT_RECV | MLK_RIGHTS_BASIC)
#define NOTIFICATION_RIGHTS                                                    \
	(MLK_RIGHT_SIGNAL | MLK_RIGHT_WAIT | MLK_RIGHTS_BASIC)

mlk_status_t sys_endpoint_create(struct thread *self, mlk_handle_t *out)
{
	struct endpoint *ep;
	mlk_status_t st = endpoint_create(self->proc, &ep);

	if (st != MLK_OK)
		return st;
	return give_new(self, &ep->obj, ENDPOINT_RIGHTS, out);
}

mlk_status_t sys_notification_create(struct thread *self, mlk_handle_t *out)
{
	struct notification *n;
	mlk_status_t st = notification_create(self->proc, &n);

	if (st != MLK_OK)
		return st;
	return give_new(self, &n->obj, NOTIFICATION_RIGHTS, out);
}

mlk_status_t sys_thread_bind_notification(struct thread *self,
					  mlk_handle_t thread,
					  mlk_handle_t notification)
{
	struct notification *n = NULL;
	struct kobj *o;
	mlk_status_t st =
		LOOKUP(self, thread, MLK_OBJ_THREAD, MLK_RIGHT_MANAGE, &o);

	if (st != MLK_OK)
		return st;
	if (notification != MLK_HANDLE_NONE) {
		st = LOOKUP(self, notification, MLK_OBJ_NOTIFICATION,
			    MLK_RIGHT_WAIT, &n);
		if (st != MLK_OK)
			return st;
	}
	struct thread *t = container_of(o, struct thread, obj);
	if (t->state == MLK_THREAD_DEAD)
		return MLK_ERR_BAD_STATE;
	return notification_bind(t, n);
}

mlk_status_t sys_endpoint_close_notify(struct thread *self,
				       mlk_handle_t endpoint,
				       mlk_handle_t notification, uint64_t bits)
{
	struct handle_entry *e;
	struct endpoint *ep;
	struct notification *n = NULL;
	mlk_status_t st = lookup(self, endpoint, MLK_OBJ_ENDPOINT,
				 MLK_RIGHT_RECV, (void **)&ep, &e);

	if (st != MLK_OK)
		return st;
	/* A badged handle is one a client was given, whatever its rights:
	 * the notices are the server's. */
	if (e->badge)
		return MLK_ERR_ACCESS_DENIED;
	if (notification != MLK_HANDLE_NONE) {
		st = LOOKUP(self, notification, MLK_OBJ_NOTIFICATION,
			    MLK_RIGHT_SIGNAL, &n);
		if (st != MLK_OK)
			return st;
		if (!bits)
			return MLK_ERR_BAD_ARG(2);
	}
	endpoint_close_notify(ep, self->proc, n, bits);
	return MLK_OK;
}

mlk_status_t sys_endpoint_closed(struct thread *self, mlk_handle_t endpoint,
				 uint64_t *badge)
{
	struct endpoint *ep;
	mlk_status_t st =
		LOOKUP(self, endpoint, MLK_OBJ_ENDPOINT, MLK_RIGHT_RECV, &ep);

	if (st != MLK_OK)
		return st;
	return endpoint_closed(ep, badge);
}

/* The endpoint in x0 with `rights`; its handle's badge in *badge. */
static mlk_status_t ipc_endpoint(struct thread *self, uint32_t rights,
				 struct endpoint **ep, uint64_t *badge)
{
	struct handle_entry *e;
	mlk_handle_t h = (mlk_handle_t)frame_arg(&self->frame, 0);
	mlk_status_t st;

	if (frame_arg(&self->frame, 0) >> 32)
		return MLK_ERR_BAD_ARG(0);
	st = lookup(self, h, MLK_OBJ_ENDPOINT, rights, (void **)ep, &e);
	if (st == MLK_OK && badge)
		*badge = e->badge;
	return st;
}

static uint64_t deadline_arg(struct thread *self)
{
	return frame_arg(&self->frame, 2);
}

static mlk_status_t send_op(struct thread *self, unsigned op, bool block)
{
	struct endpoint *ep;
	uint64_t badge;
	mlk_status_t st = ipc_endpoint(self, MLK_RIGHT_SEND, &ep, &badge);

	if (st != MLK_OK)
		return st;
	return ipc_send(self, ep, badge, op, block,
			op == IPC_CALL ? deadline_arg(self) : 0);
}

mlk_status_t sys_call(struct thread *self)
{
	return send_op(self, IPC_CALL, true);
}

mlk_status_t sys_send(struct thread *self)
{
	return send_op(self, IPC_SEND, true);
}

mlk_status_t sys_nbsend(struct thread *self)
{
	return send_op(self, IPC_SEND, false);
}

mlk_status_t sys_recv(struct thread *self)
{
	struct endpoint *ep;
	mlk_status_t st = ipc_endpoint(self, MLK_RIGHT_RECV, &ep, NULL);

	if (st != MLK_OK)
		return st;
	return ipc_recv(self, ep, deadline_arg(self));
}

mlk_status_t sys_reply(struct thread *self)
{
	return ipc_reply(self);
}

mlk_status_t sys_reply_recv(struct thread *self)
{
	struct endpoint *ep;
	mlk_status_t st = ipc_endpoint(self, MLK_RIGHT_RECV, &ep, NULL);

	if (st != MLK_OK)
		return st;
	if (self->reply_to) {
		st = ipc_reply(self);
		if (st != MLK_OK)
			return st;
	}
	return ipc_recv(self, ep, deadline_arg(self));
}

mlk_status_t sys_reply_save(struct thread *self, mlk_handle_t *out)
{
	struct reply *r;
	mlk_status_t st = ipc_reply_save(self, &r);

	if (st != MLK_OK)
		return st;
	return give_new(self, &r->obj, MLK_RIGHTS_BASIC, out);
}

mlk_status_t sys_reply_to(struct thread *self)
{
	struct reply *r;
	mlk_handle_t h = (mlk_handle_t)frame_arg(&self->frame, 0);
	mlk_status_t st;

	if (frame_arg(&self->frame, 0) >> 32)
		return MLK_ERR_BAD_ARG(0);
	st = LOOKUP(self, h, MLK_OBJ_REPLY, 0, &r);
	if (st != MLK_OK)
		return st;
	st = ipc_reply_saved(self, r);
	if (st == MLK_OK || st == MLK_ERR_PEER_CLOSED)
		handle_close(&self->proc->handles, h); /* used up either way */
	return st;
}
