/*
 * Kernel address space services after boot (the boot tables themselves
 * are built by boot_mmu.c): the rest of the direct map, the device window,
 * dropping the identity map, translation probes.
 */
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include <arch/sysreg.h>

#include "hal.h"
#include "panic.h"
#include "pmm.h"

extern char _kernel_start[], _kernel_end[];

static uint64_t device_next = KERNEL_DEVICE_BASE;
static bool pmm_ready;

/* Page-table pages: from the boot pool until the PMM runs, then the PMM. */
static uint64_t kernel_pt_alloc(struct pt_ctx *ctx)
{
	uint64_t pa;

	if (!pmm_ready)
		return boot_pt_alloc(ctx);
	pa = pmm_alloc();
	if (pa != PMM_NONE)
		__builtin_memset(phys_to_virt(pa), 0, PAGE_SIZE);
	return pa;
}

static struct pt_ctx kernel_ctx(bool blocks)
{
	return (struct pt_ctx){
		.alloc = kernel_pt_alloc,
		.table_offset = KERNEL_DIRECT_MAP_BASE,
		.use_blocks = blocks,
		.keep_existing = true,
	};
}

void arch_mm_ready(void)
{
	pmm_ready = true;
}

uint64_t kimage_to_phys(const void *va)
{
	return (uint64_t)va - KERNEL_IMAGE_BASE + boot_state.load_pa;
}

bool arch_boot_bundle(uint64_t *pa, uint64_t *size)
{
	/* mlk-mkimage put the bundle right after the image's own footprint
	 * and raised image_size (offset 16 of the header) to cover it. */
	uint64_t own = (uint64_t)(_kernel_end - _kernel_start);
	uint64_t image_size = *(const uint64_t *)(KERNEL_IMAGE_BASE + 16);

	if (image_size <= own)
		return false;
	*pa = boot_state.load_pa + own;
	*size = image_size - own;
	return true;
}

void arch_kernel_range(uint64_t *base, uint64_t *end)
{
	*base = boot_state.load_pa;
	*end = boot_state.load_pa + (uint64_t)(_kernel_end - _kernel_start);
}

int arch_map_direct(uint64_t base, uint64_t size)
{
	struct pt_ctx ctx = kernel_ctx(true);
	uint64_t start = ALIGN_UP(base, PAGE_SIZE);
	uint64_t end = ALIGN_DOWN(base + size, PAGE_SIZE);

	if (end > KERNEL_DIRECT_MAP_SIZE)
		end = KERNEL_DIRECT_MAP_SIZE;
	if (end <= start)
		return 0;
	return pt_map(&ctx, boot_state.ttbr1, KERNEL_DIRECT_MAP_BASE + start,
		      start, end - start, PROT_KERNEL_RW);
}

void *arch_map_device(uint64_t pa, uint64_t size)
{
	struct pt_ctx ctx = kernel_ctx(false);
	uint64_t base = ALIGN_DOWN(pa, PAGE_SIZE);
	uint64_t len = ALIGN_UP(pa + size, PAGE_SIZE) - base;
	uint64_t va = device_next;

	if (size == 0 || len > KERNEL_DEVICE_BASE + KERNEL_DEVICE_SIZE - va)
		return NULL;
	if (pt_map(&ctx, boot_state.ttbr1, va, base, len, PROT_KERNEL_DEVICE))
		return NULL;
	/* A guard page between mappings catches overruns. */
	device_next += len + PAGE_SIZE;
	return (void *)(va + (pa - base));
}

void tlb_flush_all(void)
{
	__asm__ volatile("dsb ishst\n\ttlbi vmalle1is\n\tdsb ish\n\tisb" ::
				 : "memory");
}

void arch_drop_identity_map(void)
{
	/* No user space yet: stop TTBR0 walks altogether. */
	write_sysreg(tcr_el1, boot_state.tcr | TCR_EPD0);
	write_sysreg(ttbr0_el1, 0);
	isb();
	tlb_flush_all();
}

bool arch_probe_kernel_va(const void *va, uint64_t *pa)
{
	unsigned long flags = arch_irq_save();
	uint64_t par;

	__asm__ volatile("at s1e1r, %0\n\tisb" ::"r"(va) : "memory");
	par = read_sysreg(par_el1);
	arch_irq_restore(flags);
	if (par & 1)
		return false;
	*pa = (par & PTE_ADDR_MASK) | ((uint64_t)va & PAGE_MASK);
	return true;
}

uint64_t mmu_lookup_kernel(const void *va, int *level)
{
	struct pt_ctx ctx = kernel_ctx(false);
	return pt_lookup(&ctx, boot_state.ttbr1, (uint64_t)va, level);
}
