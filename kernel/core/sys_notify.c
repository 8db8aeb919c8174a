/*
 * System calls on the measured notification paths: signal, wait, poll.
 * They are kept apart from sys_ipc.c so that they are built for speed
 * (KERNEL_FAST_OBJECTS in kernel/local.mk) and the rest of it for size.
 */
#include "kobjects.h"
#include "notification.h"
#include "syscall.h"

mlk_status_t sys_signal(struct thread *self, mlk_handle_t notification,
			uint64_t bits)
{
	struct notification *n;
	mlk_status_t st = LOOKUP(self, notification, MLK_OBJ_NOTIFICATION,
				 MLK_RIGHT_SIGNAL, &n);

	if (st != MLK_OK)
		return st;
	if (!bits)
		return MLK_ERR_BAD_ARG(1);
	notification_signal(n, bits);
	return MLK_OK;
}

mlk_status_t sys_wait(struct thread *self, mlk_handle_t notification,
		      uint64_t deadline, uint64_t *bits)
{
	struct notification *n;
	mlk_status_t st = LOOKUP(self, notification, MLK_OBJ_NOTIFICATION,
				 MLK_RIGHT_WAIT, &n);

	if (st != MLK_OK)
		return st;
	st = notification_wait(self, n, deadline, true);
	if (st == MLK_OK)
		*bits = frame_arg(&self->frame, 1);
	return st;
}

mlk_status_t sys_poll(struct thread *self, mlk_handle_t notification,
		      uint64_t *bits)
{
	struct notification *n;
	mlk_status_t st = LOOKUP(self, notification, MLK_OBJ_NOTIFICATION,
				 MLK_RIGHT_WAIT, &n);

	if (st != MLK_OK)
		return st;
	st = notification_wait(self, n, 0, false);
	if (st == MLK_OK)
		*bits = frame_arg(&self->frame, 1);
	return st;
}
