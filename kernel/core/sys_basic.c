/*
 * System calls: basics and handles.
 */
#include "console.h"
#include "kobjects.h"
#include "kprintf.h"
#include "sched.h"
#include "syscall.h"
#include "timer.h"
#include "uaccess.h"

mlk_status_t sys_null(struct thread *self)
{
	return MLK_OK;
}

__cold mlk_status_t sys_debug_write(struct thread *self, mlk_handle_t log,
				    uaddr_t buf, uint64_t len)
{
	struct kobj *o;
	char chunk[256];
	mlk_status_t st = LOOKUP(self, log, MLK_OBJ_LOG, MLK_RIGHT_WRITE, &o);

	if (st != MLK_OK)
		return st;
	if (len > MLK_DEBUG_WRITE_MAX)
		return MLK_ERR_TOO_BIG;
	while (len) {
		uint64_t n = MIN(len, sizeof(chunk));
		st = copy_from_user(chunk, buf, n);
		if (st != MLK_OK)
			return st;
		unsigned long flags = console_lock();
		console_write(chunk, n);
		console_unlock(flags);
		buf += n;
		len -= n;
	}
	return MLK_OK;
}

mlk_status_t sys_yield(struct thread *self)
{
	return sched_yield();
}

mlk_status_t sys_clock_get(struct thread *self, uint64_t *ns)
{
	*ns = timer_ticks_to_ns(timer_now());
	return MLK_OK;
}

/* MLK_FOREVER (0) is the deadline that never comes, as for every wait:
 * such a sleep ends only with the thread. */
mlk_status_t sys_sleep(struct thread *self, uint64_t deadline)
{
	if (deadline != MLK_FOREVER &&
	    deadline <= timer_ticks_to_ns(timer_now()))
		return MLK_OK;
	thread_set_status(self, MLK_OK);
	sched_block(MLK_THREAD_SLEEP);
	if (deadline != MLK_FOREVER)
		sched_timeout_add(self, timer_ns_to_ticks(deadline));
	return SYS_BLOCKED;
}

mlk_status_t sys_handle_close(struct thread *self, mlk_handle_t handle)
{
	return handle_close(&self->proc->handles, handle);
}

__cold mlk_status_t sys_handle_duplicate(struct thread *self,
					 mlk_handle_t handle, uint32_t rights,
					 mlk_handle_t *dup)
{
	struct handle_entry *e;
	struct kobj *o;
	mlk_status_t st = lookup(self, handle, MLK_OBJ_NONE,
				 MLK_RIGHT_DUPLICATE, (void **)&o, &e);

	if (st != MLK_OK)
		return st;
	if (rights & ~MLK_RIGHTS_ALL)
		return MLK_ERR_BAD_ARG(1);
	/* Rights only shrink. */
	if (rights & ~e->rights)
		return MLK_ERR_ACCESS_DENIED;
	return handle_install(&self->proc->handles, o, rights, e->badge, dup);
}

__cold mlk_status_t sys_handle_info(struct thread *self, mlk_handle_t handle,
				    uint32_t *type, uint32_t *rights)
{
	struct handle_entry *e;
	struct kobj *o;
	mlk_status_t st =
		lookup(self, handle, MLK_OBJ_NONE, 0, (void **)&o, &e);

	if (st != MLK_OK)
		return st;
	*type = o->type;
	*rights = e->rights;
	return MLK_OK;
}

__cold mlk_status_t sys_endpoint_mint(struct thread *self,
				      mlk_handle_t endpoint, uint32_t rights,
				      uint64_t badge, mlk_handle_t *minted)
{
	struct handle_entry *e;
	struct kobj *o;
	mlk_status_t st = lookup(self, endpoint, MLK_OBJ_ENDPOINT,
				 MLK_RIGHT_DUPLICATE, (void **)&o, &e);

	if (st != MLK_OK)
		return st;
	if (e->badge)
		return MLK_ERR_BAD_STATE; /* a badge is set once */
	if (rights & ~MLK_RIGHTS_ALL)
		return MLK_ERR_BAD_ARG(1);
	if (rights & ~e->rights)
		return MLK_ERR_ACCESS_DENIED;
	if (badge == 0)
		return MLK_ERR_BAD_ARG(2);
	return handle_install(&self->proc->handles, o, rights, badge, minted);
}

__cold mlk_status_t sys_object_id(struct thread *self, mlk_handle_t handle,
				  uint64_t *id)
{
	struct kobj *o;
	mlk_status_t st = LOOKUP(self, handle, MLK_OBJ_NONE, 0, &o);

	if (st == MLK_OK)
		*id = o->id;
	return st;
}
