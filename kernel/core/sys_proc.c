/*
 * System calls: processes and threads.
 */
#include "kobjects.h"
#include "sched.h"
#include "syscall.h"
#include "uaccess.h"

#define PROCESS_RIGHTS (MLK_RIGHT_MANAGE | MLK_RIGHTS_BASIC)
#define ASPACE_RIGHTS (MLK_RIGHT_MAP | MLK_RIGHT_MANAGE | MLK_RIGHTS_BASIC)
#define THREAD_RIGHTS (MLK_RIGHT_MANAGE | MLK_RIGHTS_BASIC)

mlk_status_t sys_process_create(struct thread *self, uaddr_t name,
				uint64_t name_len, uint64_t quota,
				mlk_handle_t *process, mlk_handle_t *aspace)
{
	char buf[MLK_NAME_MAX + 1];
	struct process *p;
	mlk_status_t st =
		copy_name_from_user(buf, name, name_len, sizeof(buf), 0);

	if (st != MLK_OK)
		return st == MLK_ERR_TOO_BIG ? MLK_ERR_BAD_ARG(1) : st;
	/* Room for the two handles first, so that failing later cannot
	 * leave a process nobody holds. */
	st = handle_reserve(&self->proc->handles, 2);
	if (st != MLK_OK)
		return st;
	st = process_create(self->proc, buf, quota, &p);
	if (st != MLK_OK)
		return st;
	handle_install(&self->proc->handles, &p->aspace->obj, ASPACE_RIGHTS, 0,
		       aspace);
	return give_new(self, &p->obj, PROCESS_RIGHTS, process);
}

mlk_status_t sys_process_give(struct thread *self, mlk_handle_t process,
			      mlk_handle_t handle, uint32_t rights,
			      mlk_handle_t *theirs)
{
	struct process *p;
	struct handle_entry *e;
	struct kobj *o;
	mlk_status_t st =
		LOOKUP(self, process, MLK_OBJ_PROCESS, MLK_RIGHT_MANAGE, &p);

	if (st != MLK_OK)
		return st;
	st = lookup(self, handle, MLK_OBJ_NONE,
		    MLK_RIGHT_TRANSFER | MLK_RIGHT_DUPLICATE, (void **)&o, &e);
	if (st != MLK_OK)
		return st;
	if (rights & ~MLK_RIGHTS_ALL)
		return MLK_ERR_BAD_ARG(2);
	if (rights & ~e->rights)
		return MLK_ERR_ACCESS_DENIED;
	if (p->state == PROC_DEAD)
		return MLK_ERR_PEER_CLOSED;
	return handle_install(&p->handles, o, rights, e->badge, theirs);
}

/*
 * Supervision is the creator's: a process cannot detach itself or move
 * its own reports, and no process can send another's reports to an
 * endpoint it may only send to (RECV is needed), so a supervisor can
 * trust that a kernel message with its badge concerns a process it set
 * up.  The message also names the process by object id (mlk/ipc.h).
 */
mlk_status_t sys_process_set_supervisor(struct thread *self,
					mlk_handle_t process,
					mlk_handle_t endpoint, uint64_t badge)
{
	struct process *p;
	struct endpoint *ep;
	mlk_status_t st =
		LOOKUP(self, process, MLK_OBJ_PROCESS, MLK_RIGHT_MANAGE, &p);

	if (st != MLK_OK)
		return st;
	st = LOOKUP(self, endpoint, MLK_OBJ_ENDPOINT, MLK_RIGHT_RECV, &ep);
	if (st != MLK_OK)
		return st;
	if (!process_is_ancestor(self->proc, p))
		return MLK_ERR_ACCESS_DENIED;
	if (p->state == PROC_DEAD)
		return MLK_ERR_PEER_CLOSED;
	/* Link before unlinking: the same endpoint again must not look, for
	 * a moment, as if it had lost its last sender. */
	endpoint_link_supervisor(ep);
	if (p->supervisor)
		endpoint_unlink_supervisor(p->supervisor);
	p->supervisor = ep;
	p->supervisor_badge = badge;
	return MLK_OK;
}

mlk_status_t sys_process_kill(struct thread *self, mlk_handle_t process,
			      int64_t code)
{
	struct process *p;
	mlk_status_t st =
		LOOKUP(self, process, MLK_OBJ_PROCESS, MLK_RIGHT_MANAGE, &p);

	if (st != MLK_OK)
		return st;
	if (p->state == PROC_DEAD)
		return MLK_ERR_BAD_STATE;
	process_kill(p, code);
	return p == self->proc ? SYS_BLOCKED : MLK_OK;
}

mlk_status_t sys_process_exit(struct thread *self, int64_t code)
{
	process_kill(self->proc, code);
	return SYS_BLOCKED;
}

mlk_status_t sys_thread_create(struct thread *self, mlk_handle_t process,
			       uint64_t entry, uint64_t stack, uint64_t arg,
			       uint32_t priority, uaddr_t name,
			       uint64_t name_len, mlk_handle_t *thread)
{
	char buf[MLK_NAME_MAX + 1];
	struct process *p;
	struct thread *t;
	mlk_status_t st =
		LOOKUP(self, process, MLK_OBJ_PROCESS, MLK_RIGHT_MANAGE, &p);

	if (st != MLK_OK)
		return st;
	if (priority > MLK_PRIO_MAX)
		return MLK_ERR_BAD_ARG(4);
	if (priority > self->prio)
		return MLK_ERR_ACCESS_DENIED; /* no climbing above oneself */
	if (entry < MLK_USER_BASE || entry >= MLK_USER_END || (entry & 3))
		return MLK_ERR_BAD_ARG(1);
	if (stack >= MLK_USER_END || (stack & 15))
		return MLK_ERR_BAD_ARG(2);
	st = copy_name_from_user(buf, name, name_len, sizeof(buf), 5);
	if (st != MLK_OK)
		return st == MLK_ERR_TOO_BIG ? MLK_ERR_BAD_ARG(6) : st;
	st = handle_reserve(&self->proc->handles, 1);
	if (st != MLK_OK)
		return st;
	st = thread_create(p, entry, stack, arg, priority, buf, &t);
	if (st != MLK_OK)
		return st;
	/* The creation reference stays: it is the living thread's own. */
	return handle_install(&self->proc->handles, &t->obj, THREAD_RIGHTS, 0,
			      thread);
}

static mlk_status_t lookup_thread(struct thread *self, mlk_handle_t h,
				  struct thread **t)
{
	struct kobj *o;
	mlk_status_t st = LOOKUP(self, h, MLK_OBJ_THREAD, MLK_RIGHT_MANAGE, &o);

	/* A thread's struct kobj is not at its start (see thread.h). */
	if (st == MLK_OK)
		*t = container_of(o, struct thread, obj);
	return st;
}

mlk_status_t sys_thread_start(struct thread *self, mlk_handle_t thread)
{
	struct thread *t;
	mlk_status_t st = lookup_thread(self, thread, &t);

	if (st != MLK_OK)
		return st;
	if (t->state != MLK_THREAD_CREATED)
		return MLK_ERR_BAD_STATE;
	thread_start(t);
	return MLK_OK;
}

mlk_status_t sys_thread_exit(struct thread *self, int64_t code)
{
	struct process *p = self->proc;

	/* The last thread ends the process, and carries its exit message:
	 * killed first, it would leave no thread to send it.  Threads never
	 * started do not keep it alive if nobody outside could start them. */
	if (p->nthreads == 1 ||
	    (p->nrunning == 1 && process_outside_handles(p) == 0))
		process_kill(p, code);
	else
		thread_kill(self, code);
	return SYS_BLOCKED;
}

mlk_status_t sys_thread_suspend(struct thread *self, mlk_handle_t thread)
{
	struct thread *t;
	mlk_status_t st = lookup_thread(self, thread, &t);

	if (st != MLK_OK)
		return st;
	if (t->state == MLK_THREAD_DEAD)
		return MLK_ERR_BAD_STATE;
	t->suspended = 1;
	if (t->state == MLK_THREAD_READY || t->state == MLK_THREAD_RUNNING) {
		sched_remove(t);
		t->state = MLK_THREAD_SUSPENDED;
	}
	if (t != self)
		return MLK_OK;
	thread_set_status(self, MLK_OK); /* what it sees when resumed */
	return SYS_BLOCKED;
}

mlk_status_t sys_thread_resume(struct thread *self, mlk_handle_t thread)
{
	struct thread *t;
	mlk_status_t st = lookup_thread(self, thread, &t);

	if (st != MLK_OK)
		return st;
	if (t->state == MLK_THREAD_FAULTED) {
		ipc_detach(t); /* its fault report, if still queued */
		t->suspended = 0;
		sched_wake(t); /* retries the faulting instruction */
		return MLK_OK;
	}
	if (!t->suspended)
		return MLK_ERR_BAD_STATE;
	t->suspended = 0;
	if (t->state == MLK_THREAD_SUSPENDED)
		sched_wake(t);
	return MLK_OK;
}

mlk_status_t sys_thread_set_priority(struct thread *self, mlk_handle_t thread,
				     uint32_t priority)
{
	struct thread *t;
	mlk_status_t st = lookup_thread(self, thread, &t);

	if (st != MLK_OK)
		return st;
	if (priority > MLK_PRIO_MAX)
		return MLK_ERR_BAD_ARG(1);
	if (priority > self->prio)
		return MLK_ERR_ACCESS_DENIED;
	if (t->state == MLK_THREAD_DEAD)
		return MLK_ERR_BAD_STATE;
	sched_set_prio(t, priority);
	ipc_requeue(t);
	return MLK_OK;
}
