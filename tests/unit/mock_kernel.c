/*
 * The kernel around IPC and the scheduler, on the build machine.
 *
 * The tests link the real core: objects, handle tables, processes,
 * threads, the scheduler, IPC, the timer, the heap and the PMM.  What is
 * left is faked here:
 *
 *   - virtual memory (vm.c is not linked): address spaces are bare
 *     objects, and the IPC buffer page thread_create gets from the PMM is
 *     "mapped" at a made-up user address; the kernel reaches it through the
 *     identity direct map of mock/arch/memlayout.h, so it is host memory;
 *   - the architecture's thread hooks: registers of a new thread as
 *     uspace.c sets them, user state switches recorded by name, idling
 *     that moves the clock to the armed timer deadline and takes the
 *     interrupt;
 *   - the object types of files not linked (memory, IRQ), which have no
 *     hooks here.
 */
#include "mock_kernel.h"

#include <stdarg.h>

#include <arch/memlayout.h>

#include "hal.h"
#include "irq.h"
#include "pmm.h"
#include "sched.h"
#include "timer.h"
#include "unit.h"
#include "vm.h"

#define MIB (1024 * 1024)
#define RAM_BYTES (32 * MIB)

/* ---- Logs ---------------------------------------------------------------- */

struct log {
	char text[8192];
	size_t len;
};

static struct log switches, destroyed;

static __printf(2, 3) void log_add(struct log *l, const char *fmt, ...)
{
	size_t room = sizeof(l->text) - l->len;
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(l->text + l->len, room, fmt, ap);
	va_end(ap);

	if (n < 0 || (size_t)n >= room) {
		fprintf(stderr, "mock: log full\n");
		abort();
	}
	l->len += (size_t)n;
}

const char *mock_switches(void)
{
	return switches.text;
}

void mock_switches_clear(void)
{
	switches.len = 0;
	switches.text[0] = 0;
}

const char *mock_destroyed_threads(void)
{
	return destroyed.text;
}

/* ---- Architecture: threads and idling ------------------------------------ */

void arch_thread_init_user(struct thread *t, uint64_t entry, uint64_t sp,
			   uint64_t arg, uint64_t ipc_buffer)
{
	memset(&t->frame, 0, sizeof(t->frame));
	t->frame.tf_elr = entry;
	t->frame.tf_sp = sp;
	t->frame.tf_x[0] = arg;
	t->arch.tpidrro_el0 = ipc_buffer;
}

void arch_thread_switch(struct thread *prev, struct thread *next)
{
	log_add(&switches, "%s>%s;", prev->name, next->name);
}

void arch_thread_destroy(struct thread *t)
{
	log_add(&destroyed, "%s;", t->name);
}

/*
 * Wait for an interrupt: the only source is the timer, so the clock jumps
 * to its deadline.  Idling with nothing armed would never end: a test
 * that gets there is wrong, and aborts.
 */
void arch_cpu_idle(void)
{
	if (!mock_intc_pending()) {
		if (!mock_timer_armed()) {
			fprintf(stderr,
				"mock: idle with no interrupt to come\n");
			abort();
		}
		mock_timer_set_now(
			MAX(mock_timer_deadline(), arch_timer_now()));
	}
	irq_handle_pending();
}

void mock_advance(uint64_t now)
{
	mock_timer_set_now(now);
	irq_handle_pending();
}

/* ---- Virtual memory ------------------------------------------------------ */

/* Mappings, page tables and interrupt objects are not part of these
 * tests: their objects need nothing when they go. */
const struct kobj_ops memobj_ops = { .destroy = NULL };
const struct kobj_ops aspace_ops = { .destroy = NULL };
const struct kobj_ops irq_ops = { .destroy = NULL };

mlk_status_t aspace_create(struct process *owner, struct aspace **out)
{
	mlk_status_t st;
	struct aspace *as = kobj_alloc(owner, sizeof(*as), MLK_OBJ_ASPACE, &st);

	if (!as)
		return st;
	list_init(&as->mappings);
	as->owner = owner;
	*out = as;
	return MLK_OK;
}

void aspace_clear(struct aspace *as)
{
	(void)as;
}

/* A distinct page-aligned address in [lo, hi) for each IPC buffer. */
mlk_status_t aspace_map_kernel_page(struct aspace *as, uint64_t lo, uint64_t hi,
				    uint64_t pa, uint64_t *out_va)
{
	static uint64_t next;
	uint64_t va = lo + next++ * PAGE_SIZE;

	(void)as;
	(void)pa;
	if (va >= hi)
		return MLK_ERR_NO_RESOURCES;
	*out_va = va;
	return MLK_OK;
}

void aspace_unmap_kernel_page(struct aspace *as, uint64_t va)
{
	(void)as;
	(void)va;
}

/* ---- Setting up ---------------------------------------------------------- */

void mock_kernel_init(void)
{
	uint64_t ram = unit_alloc_ram(RAM_BYTES, MIB);
	struct mem_range r = { ram, RAM_BYTES };

	/* The kernel's memory lives as long as the test's process. */
	ck_assert_int_eq(pmm_init(&r, 1, NULL, 0), PMM_OK);
	ck_assert_int_eq(timer_init(), 0);
	sched_init();
}

struct process *mock_process(struct process *parent, const char *name,
			     uint64_t quota)
{
	struct process *p = NULL;

	ck_assert_int_eq(process_create(parent, name, quota, &p), MLK_OK);
	return p;
}

struct thread *mock_thread(struct process *p, unsigned prio, const char *name)
{
	struct thread *t = NULL;

	ck_assert_int_eq(
		thread_create(p, 0x400000, 0x7ff000, 0, prio, name, &t),
		MLK_OK);
	thread_start(t);
	ck_assert_int_eq(t->state, MLK_THREAD_READY);
	return t;
}

void mock_run(struct thread *t)
{
	struct thread *prev = sched_cpu.current;

	if (prev == t)
		return;
	if (t->state != MLK_THREAD_READY) {
		fprintf(stderr, "mock: running %s, which is not ready (%u)\n",
			t->name, t->state);
		abort();
	}
	if (prev != &idle_thread && prev->state == MLK_THREAD_RUNNING) {
		prev->state = MLK_THREAD_READY;
		runqueue_push(&sched_cpu.rq, prev);
	}
	runqueue_remove(&sched_cpu.rq, t);
	t->state = MLK_THREAD_RUNNING;
	sched_cpu.current = t;
	sched_cpu.need_resched = false;
}
