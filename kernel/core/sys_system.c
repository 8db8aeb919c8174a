/*
 * System calls: device registers and the system object (interrupts are
 * in irq_object.c).
 */

#include "hal.h"
#include "heap.h"
#include "kobjects.h"
#include "kprintf.h"
#include "kstring.h"
#include "mm.h"
#include "pmm.h"
#include "sched.h"
#include "syscall.h"
#include "timer.h"
#include "uaccess.h"

#include <mlk/sysinfo.h>
#include <mlk/version.h>

/* The kernel's singletons never go away: the kernel holds a reference. */
struct kobj system_object = { .type = MLK_OBJ_SYSTEM, .refs = 1 };
struct kobj log_object = { .type = MLK_OBJ_LOG, .refs = 1 };

/* ---- device registers ---------------------------------------------------- */

static bool overlaps_ram(uint64_t phys, uint64_t size)
{
	for (int i = 0; i < pmm_zone_count(); i++) {
		uint64_t base, npages, nfree;
		pmm_zone(i, &base, &npages, &nfree);
		if (phys < base + npages * PAGE_SIZE && base < phys + size)
			return true;
	}
	return false;
}

mlk_status_t sys_device_create(struct thread *self, mlk_handle_t system,
			       uint64_t phys, uint64_t size,
			       mlk_handle_t *device)
{
	struct kobj *sys;
	struct memobj *m;
	mlk_status_t st =
		LOOKUP(self, system, MLK_OBJ_SYSTEM, MLK_RIGHT_MANAGE, &sys);

	if (st != MLK_OK)
		return st;
	if (phys & PAGE_MASK)
		return MLK_ERR_BAD_ARG(1);
	if (size == 0 || (size & PAGE_MASK) || phys + size < phys)
		return MLK_ERR_BAD_ARG(2);
	if (overlaps_ram(phys, size))
		return MLK_ERR_ACCESS_DENIED; /* RAM is the PMM's */
	st = memobj_create_fixed(self->proc, phys, size, true, &m);
	if (st != MLK_OK)
		return st;
	return give_new(self, &m->obj,
			MLK_RIGHT_READ | MLK_RIGHT_WRITE | MLK_RIGHT_MAP |
				MLK_RIGHT_PHYS | MLK_RIGHTS_BASIC,
			device);
}

/* ---- system information -------------------------------------------------- */

static mlk_status_t info_memory(uaddr_t buf, uint64_t len, uint64_t *count)
{
	struct heap_stats hs;
	struct mlk_memory_info mi;

	if (len < sizeof(mi))
		return MLK_ERR_TOO_BIG;
	heap_stats(&hs);
	mi.total_bytes = pmm_total_pages() * PAGE_SIZE;
	mi.free_bytes = pmm_free_pages() * PAGE_SIZE;
	mi.kernel_bytes = hs.pages * PAGE_SIZE;
	mi.page_size = PAGE_SIZE;
	*count = 1;
	return copy_to_user(buf, &mi, sizeof(mi));
}

static mlk_status_t info_kernel(uaddr_t buf, uint64_t len, uint64_t *count)
{
	struct mlk_kernel_info ki = {
		.version = MLK_VERSION_NUMBER,
		.cpus = 1,
		.uptime_ns = timer_ticks_to_ns(timer_now()),
		.timer_hz = timer_freq(),
		.context_switches = sched_context_switches(),
		.irqs = timer_irqs(),
		.instructions = arch_instructions_retired(),
	};

	if (len < sizeof(ki))
		return MLK_ERR_TOO_BIG;
	*count = 1;
	return copy_to_user(buf, &ki, sizeof(ki));
}

/* One record per live process, as many as fit; *count = how many exist. */
static mlk_status_t info_processes(uaddr_t buf, uint64_t len, uint64_t *count)
{
	uint64_t n = 0;

	list_for_each(pos, &all_processes)
	{
		struct process *p = list_entry(pos, struct process, all_link);
		if (p->state == PROC_DEAD)
			continue;
		if ((n + 1) * sizeof(struct mlk_process_info) <= len) {
			struct mlk_process_info pi = {
				.pid = p->obj.id,
				.quota = p->quota,
				.used = p->used,
				.threads = p->nthreads,
				.handles = p->handles.count,
			};
			memcpy(pi.name, p->name, sizeof(pi.name));
			mlk_status_t st = copy_to_user(buf + n * sizeof(pi),
						       &pi, sizeof(pi));
			if (st != MLK_OK)
				return st;
		}
		n++;
	}
	*count = n;
	return MLK_OK;
}

static mlk_status_t info_threads(uaddr_t buf, uint64_t len, uint64_t *count)
{
	uint64_t n = 0;

	list_for_each(pos, &all_threads)
	{
		struct thread *t = list_entry(pos, struct thread, all_link);
		if (t->state == MLK_THREAD_DEAD)
			continue;
		if ((n + 1) * sizeof(struct mlk_thread_info) <= len) {
			struct mlk_thread_info ti = {
				.tid = t->obj.id,
				.pid = t->proc->obj.id,
				.state = t->state,
				.priority = t->prio,
				.cpu_ns = timer_ticks_to_ns(t->cpu_ticks),
			};
			memcpy(ti.name, t->name, sizeof(ti.name));
			mlk_status_t st = copy_to_user(buf + n * sizeof(ti),
						       &ti, sizeof(ti));
			if (st != MLK_OK)
				return st;
		}
		n++;
	}
	*count = n;
	return MLK_OK;
}

mlk_status_t sys_system_info(struct thread *self, mlk_handle_t system,
			     uint32_t what, uaddr_t buf, uint64_t len,
			     uint64_t *count)
{
	struct kobj *sys;
	mlk_status_t st =
		LOOKUP(self, system, MLK_OBJ_SYSTEM, MLK_RIGHT_READ, &sys);

	if (st != MLK_OK)
		return st;
	switch (what) {
	case MLK_INFO_MEMORY:
		return info_memory(buf, len, count);
	case MLK_INFO_PROCESSES:
		return info_processes(buf, len, count);
	case MLK_INFO_THREADS:
		return info_threads(buf, len, count);
	case MLK_INFO_KERNEL:
		return info_kernel(buf, len, count);
	default:
		return MLK_ERR_BAD_ARG(1);
	}
}

mlk_status_t sys_system_poweroff(struct thread *self, mlk_handle_t system,
				 uint32_t status)
{
	struct kobj *sys;
	mlk_status_t st =
		LOOKUP(self, system, MLK_OBJ_SYSTEM, MLK_RIGHT_MANAGE, &sys);

	if (st != MLK_OK)
		return st;
	if (status > MLK_POWEROFF_STATUS_MAX)
		return MLK_ERR_BAD_ARG(1);
	kprintf("mlk: power off requested by '%s', status %u\n",
		self->proc->name, status);
	plat_poweroff(status);
}
