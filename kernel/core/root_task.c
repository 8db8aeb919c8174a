/*
 * The root task: the kernel checks the boot bundle, loads init (the only
 * ELF it ever parses) and hands it the bundle, the device tree and the
 * handles to build everything else.  See mlk/bootinfo.h.
 */
#include "root_task.h"

#include "bootargs.h"
#include "hal.h"
#include "kobjects.h"
#include "kprintf.h"
#include "kstring.h"
#include "mm.h"
#include "panic.h"
#include "pmm.h"
#include "sched.h"

#include <mlk/bootinfo.h>
#include <mlk/bundle.h>
#include <mlk/elf.h>
#include <mlk/layout.h>

/* Init's stack, where libmlk's loader puts every other program's: the
 * ELF checker keeps segments out of that area (mlk/layout.h). */
#define INIT_STACK_SIZE (256 * 1024)
#define INIT_STACK_TOP MLK_STACK_TOP

_Static_assert(INIT_STACK_SIZE <= MLK_STACK_MAX, "init's stack fits its area");
_Static_assert(PAGE_SIZE == MLK_PAGE_SIZE, "the layout's page size");

static uint64_t bundle_pa, bundle_size;

bool root_task_reserve_bundle(void)
{
	if (!arch_boot_bundle(&bundle_pa, &bundle_size))
		return false;
	mm_reserve_early(bundle_pa, bundle_size);
	return true;
}

static void check(mlk_status_t st, const char *what)
{
	if (st != MLK_OK)
		panic("root task: %s failed (status %ld)", what, st);
}

/* A fresh committed object holding `len` bytes of `data`, mapped at va. */
static void map_copy(struct process *p, uint64_t va, uint64_t size,
		     const void *data, uint64_t len, unsigned prot)
{
	struct memobj *m;
	uint64_t base = ALIGN_DOWN(va, PAGE_SIZE);
	uint64_t span = ALIGN_UP(va + size, PAGE_SIZE) - base;
	uint64_t got;

	check(memobj_create(p, span, MLK_MEM_COMMIT, &m), "segment memory");
	if (len)
		check(memobj_write_kernel(m, va - base, data, len),
		      "segment copy");
	check(aspace_map(p->aspace, m, 0, base, span, prot, &got),
	      "segment mapping");
	kobj_put(&m->obj); /* the mapping holds it */
}

static void load_segments(struct process *p, const uint8_t *elf,
			  const struct mlk_elf_info *info)
{
	for (unsigned i = 0; i < info->nsegments; i++) {
		const struct mlk_elf_segment *s = &info->segments[i];
		unsigned prot = VM_READ |
				((s->flags & MLK_PF_W) ? VM_WRITE : 0) |
				((s->flags & MLK_PF_X) ? VM_EXEC : 0);
		map_copy(p, s->vaddr, s->memsz, elf + s->offset, s->filesz,
			 prot);
	}
}

/* Map physical [pa, pa + size) read-only into p; handle and address. */
static uint64_t map_fixed(struct process *p, uint64_t pa, uint64_t size,
			  mlk_handle_t *h)
{
	struct memobj *m;
	uint64_t base = ALIGN_DOWN(pa, PAGE_SIZE);
	uint64_t span = ALIGN_UP(pa + size, PAGE_SIZE) - base;
	uint64_t va;

	check(memobj_create_fixed(p, base, span, false, &m), "fixed memory");
	check(aspace_map(p->aspace, m, 0, 0, span, VM_READ, &va),
	      "fixed mapping");
	check(handle_install(&p->handles, &m->obj,
			     MLK_RIGHT_READ | MLK_RIGHT_MAP | MLK_RIGHTS_BASIC,
			     0, h),
	      "fixed handle");
	kobj_put(&m->obj);
	return va + (pa - base);
}

static uint64_t make_bootinfo(struct process *p, const void *dtb,
			      uint32_t dtb_size)
{
	struct mlk_bootinfo bi = {
		.magic = MLK_BOOTINFO_MAGIC,
		.version = MLK_BOOTINFO_VERSION,
		.size = sizeof(bi),
		.quota = p->quota,
		.ram_bytes = mm_ram_bytes(),
		.bundle_size = bundle_size,
		.devtree_size = dtb_size,
	};
	struct memobj *m;
	uint64_t va;

	check(handle_install(&p->handles, &system_object,
			     MLK_RIGHT_MANAGE | MLK_RIGHT_READ |
				     MLK_RIGHTS_BASIC,
			     0, &bi.system),
	      "system handle");
	check(handle_install(&p->handles, &log_object,
			     MLK_RIGHT_WRITE | MLK_RIGHTS_BASIC, 0, &bi.log),
	      "log handle");
	bi.bundle_addr = map_fixed(p, bundle_pa, bundle_size, &bi.bundle);
	bi.devtree_addr =
		map_fixed(p, virt_to_phys(dtb), dtb_size, &bi.devtree);
	kobj_set_name(bi.cmdline, bootargs_cmdline(), sizeof(bi.cmdline));

	check(memobj_create(p, PAGE_SIZE, MLK_MEM_COMMIT, &m), "bootinfo");
	check(memobj_write_kernel(m, 0, &bi, sizeof(bi)), "bootinfo copy");
	check(aspace_map(p->aspace, m, 0, 0, PAGE_SIZE, VM_READ, &va),
	      "bootinfo mapping");
	kobj_put(&m->obj);
	return va;
}

static const struct mlk_bundle_entry *find_init(const void *bundle)
{
	const struct mlk_bundle_header *h = bundle;
	const struct mlk_bundle_entry *e = mlk_bundle_entries(bundle);

	for (uint32_t i = 0; i < h->entry_count; i++)
		if (MLK_BUNDLE_KIND(e[i].flags) == MLK_BUNDLE_INIT)
			return &e[i];
	return NULL;
}

bool root_task_start(const struct devtree *dt, const void *dtb,
		     uint32_t dtb_size)
{
	const void *bundle;
	struct mlk_bundle_diag diag;
	struct mlk_elf_info info;
	struct process *p;
	struct thread *t;
	struct memobj *stack;
	uint64_t got;

	(void)dt;
	if (!bundle_size)
		return false;
	bundle = phys_to_virt(bundle_pa);
	if (mlk_bundle_check(bundle, bundle_size, &diag) != MLK_OK) {
		if (diag.entry < 0)
			panic("boot bundle: %s",
			      mlk_bundle_strerror(diag.error));
		panic("boot bundle: %s at entry %d",
		      mlk_bundle_strerror(diag.error), diag.entry);
	}
	const struct mlk_bundle_entry *e = find_init(bundle);
	const uint8_t *elf = mlk_bundle_data(bundle, e);
	if (mlk_elf_check(elf, e->size, &info) != MLK_OK)
		panic("boot bundle: init: %s", mlk_elf_strerror(info.error));
	kprintf("mlk: bundle %lu KiB, %u entries; starting init\n",
		bundle_size / 1024,
		((const struct mlk_bundle_header *)bundle)->entry_count);

	/* Init may use all the memory there is; it hands it out. */
	check(process_create(NULL, "init", pmm_free_pages() * PAGE_SIZE, &p),
	      "process");
	load_segments(p, elf, &info);
	check(memobj_create(p, INIT_STACK_SIZE, 0, &stack), "stack");
	check(aspace_map(p->aspace, stack, 0, INIT_STACK_TOP - INIT_STACK_SIZE,
			 INIT_STACK_SIZE, VM_READ | VM_WRITE, &got),
	      "stack mapping");
	kobj_put(&stack->obj);
	uint64_t bootinfo = make_bootinfo(p, dtb, dtb_size);
	check(thread_create(p, info.entry, INIT_STACK_TOP, bootinfo,
			    MLK_PRIO_MAX, "init", &t),
	      "thread");
	thread_start(t);
	return true;
}
