/*
 * Processes (see process.h).
 */
#include "process.h"

#include "heap.h"
#include "ipc.h"
#include "kprintf.h"
#include "kstring.h"
#include "panic.h"
#include "sched.h"
#include "thread.h"
#include "vm.h"

_Static_assert(offsetof(struct process, obj) == 0, "kobj_alloc: obj first");

struct list all_processes = LIST_INIT(all_processes);

/* Reserved handle slots: self process, self address space, first thread. */
#define SELF_SLOTS 3

mlk_status_t process_create(struct process *parent, const char *name,
			    uint64_t quota, struct process **out)
{
	mlk_status_t st;
	struct process *p;
	mlk_handle_t h;

	p = kobj_alloc(parent, sizeof(*p), MLK_OBJ_PROCESS, &st);
	if (!p)
		return st;
	p->quota = quota;
	p->parent = parent;
	list_init(&p->children);
	list_init(&p->child_link);
	list_init(&p->doom_link);
	if (parent) {
		kobj_get(&parent->obj);
		list_push_back(&parent->children, &p->child_link);
	}
	list_init(&p->threads);
	list_push_back(&all_processes, &p->all_link);
	kobj_set_name(p->name, name, sizeof(p->name));

	st = handle_table_init(&p->handles, p, SELF_SLOTS);
	if (st == MLK_OK)
		st = aspace_create(p, &p->aspace);
	if (st == MLK_OK)
		st = handle_install_at(&p->handles, 1, &p->obj,
				       MLK_RIGHTS_ALL & ~MLK_RIGHT_TRANSFER, 0,
				       &h);
	if (st == MLK_OK)
		st = handle_install_at(&p->handles, 2, &p->aspace->obj,
				       MLK_RIGHT_MAP | MLK_RIGHT_MANAGE |
					       MLK_RIGHTS_BASIC,
				       0, &h);
	if (st != MLK_OK) {
		process_kill(p, MLK_EXIT_KILLED);
		kobj_put(&p->obj);
		return st;
	}
	*out = p;
	return MLK_OK;
}

/* A thread to carry the exit message: the first one still holding on. */
static struct thread *exit_carrier(struct process *p)
{
	list_for_each(pos, &p->threads)
	{
		return list_entry(pos, struct thread, proc_link);
	}
	return NULL;
}

/* Processes waiting for their turn to be killed (doom_link), each held by
 * a reference: descendants of a killed process, and processes a kill in
 * progress made unreachable. */
static struct list doomed = LIST_INIT(doomed);
static bool reaping;

static void doom(struct process *p, int64_t code)
{
	if (p->state != PROC_ALIVE || list_linked(&p->doom_link))
		return;
	p->exit_code = code;
	kobj_get(&p->obj);
	list_push_back(&doomed, &p->doom_link);
}

/* Everything process_kill does to one process. */
static void kill_one(struct process *p, int64_t code)
{
	p->state = PROC_DEAD;
	p->exit_code = code;

	struct thread *carrier = exit_carrier(p);
	if (carrier)
		kobj_get(&carrier->obj);
	list_for_each_safe(pos, &p->threads)
	{
		thread_kill(list_entry(pos, struct thread, proc_link), code);
	}
	/* The handle table goes before the address space: closing handles
	 * may destroy objects that other processes wait on. */
	handle_table_destroy(&p->handles);
	if (p->aspace) {
		aspace_clear(p->aspace);
		kobj_put(&p->aspace->obj);
		p->aspace = NULL;
	}
	if (p->supervisor) {
		if (carrier) {
			carrier->exit_code = code;
			ipc_post_kernel_message(carrier, p->supervisor,
						p->supervisor_badge, IPC_EXIT);
		}
		endpoint_unlink_supervisor(p->supervisor);
		p->supervisor = NULL;
	}
	if (carrier)
		kobj_put(&carrier->obj);
	/* Objects it paid for that live on elsewhere stay charged to it,
	 * and to its ancestors, until they go (quota.c). */
	if (!p->parent)
		panic("the root task (init) ended with code %ld", code);
	list_for_each(pos, &p->children)
	{
		doom(list_entry(pos, struct process, child_link),
		     MLK_EXIT_KILLED);
	}
}

void process_kill(struct process *p, int64_t code)
{
	/* A kill in progress (closing the handles of one process can make
	 * another unreachable) only queues: the tree may be deep, and the
	 * kernel stack must not grow with it. */
	if (reaping) {
		doom(p, code);
		return;
	}
	if (p->state == PROC_DEAD)
		return;
	reaping = true;
	kill_one(p, code);
	struct list *node;
	while ((node = list_first(&doomed)) != NULL) {
		struct process *d = list_entry(node, struct process, doom_link);
		list_remove(node);
		if (d->state == PROC_ALIVE)
			kill_one(d, d->exit_code);
		kobj_put(&d->obj);
	}
	reaping = false;
}

uint32_t process_outside_handles(const struct process *p)
{
	return p->obj.handles - p->handles.self_handles;
}

bool process_unreachable(const struct process *p)
{
	return p->state == PROC_ALIVE && p->nrunning == 0 &&
	       process_outside_handles(p) == 0;
}

bool process_is_ancestor(const struct process *self, const struct process *p)
{
	for (const struct process *a = p->parent; a; a = a->parent)
		if (a == self)
			return true;
	return false;
}

static void process_destroy(struct kobj *o)
{
	struct process *p = container_of(o, struct process, obj);

	process_kill(p, MLK_EXIT_KILLED);
	list_remove(&p->all_link);
	list_remove(&p->child_link);
	if (p->parent)
		kobj_put(&p->parent->obj);
}

/* Handles in its own table (the self handle) do not keep a process: once
 * the last one outside goes and no thread of it runs, nothing can ever
 * start one, so it ends now rather than never. */
static void process_handle_closed(struct kobj *o, uint32_t rights,
				  uint64_t badge)
{
	struct process *p = container_of(o, struct process, obj);

	(void)rights;
	(void)badge;
	if (process_unreachable(p))
		process_kill(p, MLK_EXIT_KILLED);
}

const struct kobj_ops process_ops = {
	.destroy = process_destroy,
	.handle_closed = process_handle_closed,
};
