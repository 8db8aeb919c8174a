/*
 * Threads (see thread.h).
 */
#include "thread.h"

#include "fault_name.h"
#include "hal.h"
#include "ipc.h"
#include "kprintf.h"
#include "kstring.h"
#include "notification.h"
#include "panic.h"
#include "pmm.h"
#include "process.h"
#include "sched.h"
#include "vm.h"

struct list all_threads = LIST_INIT(all_threads);

/* The IPC buffer: a kernel page the thread sees at an address in the
 * IPC buffer region (its TPIDRRO_EL0 says where). */
static mlk_status_t give_ipc_buffer(struct thread *t)
{
	struct process *p = t->proc;
	mlk_status_t st = quota_charge(p, PAGE_SIZE);

	if (st != MLK_OK)
		return st;
	t->ipcbuf_pa = pmm_alloc();
	if (t->ipcbuf_pa == PMM_NONE) {
		quota_release(p, PAGE_SIZE);
		return MLK_ERR_NO_MEMORY;
	}
	memset(phys_to_virt(t->ipcbuf_pa), 0, PAGE_SIZE);
	st = aspace_map_kernel_page(t->aspace, MLK_IPC_BUFFER_BASE,
				    MLK_IPC_BUFFER_END, t->ipcbuf_pa,
				    &t->ipcbuf_uva);
	if (st != MLK_OK) {
		pmm_free(t->ipcbuf_pa);
		quota_release(p, PAGE_SIZE);
		return st;
	}
	t->ipcbuf = phys_to_virt(t->ipcbuf_pa);
	return MLK_OK;
}

mlk_status_t thread_create(struct process *p, uint64_t entry, uint64_t sp,
			   uint64_t arg, unsigned prio, const char *name,
			   struct thread **out)
{
	mlk_status_t st;
	struct thread *t;

	if (p->state == PROC_DEAD)
		return MLK_ERR_BAD_STATE;
	t = kobj_alloc_at(p, sizeof(*t), offsetof(struct thread, obj),
			  MLK_OBJ_THREAD, &st);
	if (!t)
		return st;
	t->proc = p;
	t->prio = (uint8_t)prio;
	t->state = MLK_THREAD_CREATED;
	list_init(&t->link);
	list_init(&t->timeout_link);
	list_init(&t->proc_link);
	list_init(&t->all_link);
	kobj_set_name(t->name, name, sizeof(t->name));
	t->aspace = p->aspace;
	kobj_get(&t->aspace->obj); /* for the IPC buffer mapping */
	st = give_ipc_buffer(t);
	if (st != MLK_OK) {
		kobj_put(&t->obj);
		return st;
	}
	arch_thread_init_user(t, entry, sp, arg, t->ipcbuf_uva);
	list_push_back(&p->threads, &t->proc_link);
	list_push_back(&all_threads, &t->all_link);
	p->nthreads++;
	/* The process's first thread is its MLK_HANDLE_SELF_THREAD. */
	mlk_handle_t h;
	handle_install_at(&p->handles, MLK_HANDLE_INDEX(MLK_HANDLE_SELF_THREAD),
			  &t->obj, MLK_RIGHTS_ALL & ~MLK_RIGHT_TRANSFER, 0, &h);
	*out = t;
	return MLK_OK;
}

void thread_start(struct thread *t)
{
	if (t->state != MLK_THREAD_CREATED)
		return;
	t->proc->nrunning++;
	sched_wake(t);
}

void thread_kill(struct thread *t, int64_t code)
{
	if (t->state == MLK_THREAD_DEAD)
		return;
	ipc_detach(t);
	if (t->reply_to) {
		/* Its callers will not get their answer. */
		struct thread *caller = t->reply_to;
		caller->replier = NULL;
		t->reply_to = NULL;
		ipc_cancel_wait(caller, MLK_ERR_PEER_CLOSED);
	}
	notification_bind(t, NULL);
	bool was_current = t == sched_current();
	uint8_t old = t->state;
	t->state = MLK_THREAD_DEAD;
	t->exit_code = code;
	if (old == MLK_THREAD_READY) {
		t->state = MLK_THREAD_READY; /* let the scheduler dequeue it */
		sched_remove(t);
		t->state = MLK_THREAD_DEAD;
	} else {
		sched_remove(t);
	}
	list_remove(&t->proc_link);
	t->proc->nthreads--;
	if (old != MLK_THREAD_CREATED)
		t->proc->nrunning--;
	/* The reference the living thread held; while it is still on the
	 * CPU, the scheduler drops it once it has moved on. */
	if (!was_current)
		kobj_put(&t->obj);
}

void thread_fault(struct thread *t, unsigned kind, uint64_t addr, uint64_t pc)
{
	struct process *p = t->proc;

	t->fault_kind = kind;
	t->fault_addr = addr;
	t->fault_pc = pc;
	t->state = MLK_THREAD_FAULTED;
	sched_remove(t);
	if (ipc_post_kernel_message(t, p->supervisor, p->supervisor_badge,
				    IPC_FAULT))
		return;
	kprintf("mlk: process '%s' (pid %lu) killed: %s at pc=%#lx addr=%#lx "
		"in thread '%s'\n",
		p->name, p->obj.id, fault_kind_name(kind), pc, addr, t->name);
	process_kill(p, MLK_EXIT_FAULTED);
}

static void thread_destroy(struct kobj *o)
{
	struct thread *t = container_of(o, struct thread, obj);

	list_remove(&t->all_link);
	if (t->ipcbuf) {
		aspace_unmap_kernel_page(t->aspace, t->ipcbuf_uva);
		BUG_ON(pmm_free(t->ipcbuf_pa) != PMM_OK);
		quota_release(t->proc, PAGE_SIZE);
	}
	arch_thread_destroy(t);
	if (t->aspace)
		kobj_put(&t->aspace->obj);
}

/* A thread never started that nobody can name any more will never run:
 * it goes now, not with its process. */
static void thread_handle_closed(struct kobj *o, uint32_t rights,
				 uint64_t badge)
{
	struct thread *t = container_of(o, struct thread, obj);

	if (o->handles == 0 && t->state == MLK_THREAD_CREATED)
		thread_kill(t, MLK_EXIT_KILLED);
}

const struct kobj_ops thread_ops = {
	.destroy = thread_destroy,
	.handle_closed = thread_handle_closed,
};
