/*
 * The first page tables, built with the MMU off (called from head.S).
 *
 * Runs at the physical address the loader chose, with data accesses
 * treated as Device memory: everything here is reached PC-relative (the
 * small code model's adrp), no absolute address is loaded, and every access
 * is aligned (-mstrict-align).  Maps:
 *
 *   TTBR1  the kernel image at KERNEL_IMAGE_BASE, section by section with
 *          W^X (text RX, rodata R, data/bss RW), the boot stack guard left
 *          out; in the direct map, the image (text and rodata read-only) and
 *          the device tree blob (its first DT_MAX_SIZE bytes at most).
 *   TTBR0  the image at its physical address (identity), only so that the
 *          instructions right after the MMU switch on still execute; kmain
 *          drops it.
 *
 * The rest of RAM is added to the direct map from C (arch_map_direct) once
 * the device tree has been read.
 */
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include <arch/sysreg.h>

#include "devtree.h"
#include "kstring.h"

/* Linker script symbols (kernel.lds.S). */
extern char _kernel_start[], _etext[], _erodata[], _kernel_end[];
extern char __stack_guard_start[], __stack_guard_end[];
extern char __boot_pool_start[];

/* In .data, not .bss: head.S clears .bss only after the MMU is on. */
struct boot_state boot_state __section(".data.boot_state");

static uint64_t __boot pool_pa(void)
{
	return boot_state.load_pa +
	       (uint64_t)(__boot_pool_start - _kernel_start);
}

uint64_t boot_pt_alloc(struct pt_ctx *ctx)
{
	if (boot_state.pool_used >= BOOT_POOL_PAGES)
		return (uint64_t)-1;
	uint64_t pa = pool_pa() + boot_state.pool_used++ * PAGE_SIZE;
	memset((void *)(pa + ctx->table_offset), 0, PAGE_SIZE);
	return pa;
}

/* Map image bytes [from, to) (link addresses) in TTBR1 at their link VA. */
static int __boot map_image(struct pt_ctx *ctx, char *from, char *to,
			    uint64_t prot)
{
	uint64_t off = (uint64_t)(from - _kernel_start);
	uint64_t size = (uint64_t)(to - from);

	if (size == 0)
		return 0;
	return pt_map(ctx, boot_state.ttbr1, KERNEL_IMAGE_BASE + off,
		      boot_state.load_pa + off, size, prot);
}

/* Map physical [pa, pa + size) into the direct map. */
static int __boot map_direct(struct pt_ctx *ctx, uint64_t pa, uint64_t size,
			     uint64_t prot)
{
	uint64_t base = ALIGN_DOWN(pa, PAGE_SIZE);

	size = ALIGN_UP(pa + size, PAGE_SIZE) - base;
	return pt_map(ctx, boot_state.ttbr1, KERNEL_DIRECT_MAP_BASE + base,
		      base, size, prot);
}

static uint64_t __boot tcr_value(void)
{
	uint64_t mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	uint64_t parange = mmfr0 & MMFR0_PARANGE_MASK;
	uint64_t tcr = TCR_EL1_BASE;

	/* 48 bits is the most a 4 KiB granule reaches without FEAT_LPA2. */
	tcr |= (parange > 5 ? 5 : parange) << TCR_IPS_SHIFT;
	if (((mmfr0 >> MMFR0_ASIDBITS_SHIFT) & 0xf) == 2)
		tcr |= TCR_AS;
	return tcr;
}

/* DC IVAC over [pa, pa + size); CTR_EL0.DminLine gives the line size. */
static void __boot invalidate_dcache(uint64_t pa, uint64_t size)
{
	uint64_t line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);

	for (uint64_t p = ALIGN_DOWN(pa, line); p < pa + size; p += line)
		__asm__ volatile("dc ivac, %0" ::"r"(p) : "memory");
	__asm__ volatile("dsb sy" ::: "memory");
}

static void __boot halt_early(void)
{
	for (;;)
		__asm__ volatile("wfe");
}

static void __boot check(int err)
{
	if (err)
		halt_early(); /* no console yet: nothing else to do */
}

/*
 * Map the device tree into the direct map: the header's totalsize, but at
 * most DT_MAX_SIZE (what the reader ever reads; a loader's padding past
 * it is not needed).  Not mapped when x0 holds no aligned blob header, or
 * the mapping fails: kmain then says so on the fallback console instead
 * of stopping here without a word.
 */
static uint64_t __boot map_dtb(struct pt_ctx *ctx, uint64_t dtb_pa)
{
	uint32_t size;

	if (!dtb_pa || !IS_ALIGNED(dtb_pa, 8))
		return 0;
	size = MIN(dt_header_size((const void *)dtb_pa), DT_MAX_SIZE);
	if (size == 0 || map_direct(ctx, dtb_pa, size, PROT_KERNEL_RO))
		return 0;
	return size;
}

void __boot boot_mmu_setup(uint64_t dtb_pa, uint64_t load_pa, uint64_t el)
{
	struct pt_ctx ctx;
	uint64_t image_size = (uint64_t)(_kernel_end - _kernel_start);
	uint64_t ttbr0;

	boot_state.load_pa = load_pa;
	boot_state.dtb_pa = dtb_pa;
	boot_state.entry_el = el;
	boot_state.pool_used = 0;

	/* Field by field: an initializer could be copied from .rodata,
	 * with the link-time (virtual) address of boot_pt_alloc in it. */
	ctx.alloc = boot_pt_alloc;
	ctx.table_offset = 0;
	ctx.use_blocks = false;
	ctx.keep_existing = true;

	boot_state.ttbr1 = boot_pt_alloc(&ctx);
	ttbr0 = boot_pt_alloc(&ctx);

	/* 1. The kernel image, W^X; the stack guard stays unmapped. */
	check(map_image(&ctx, _kernel_start, _etext, PROT_KERNEL_TEXT));
	check(map_image(&ctx, _etext, _erodata, PROT_KERNEL_RO));
	check(map_image(&ctx, _erodata, __stack_guard_start, PROT_KERNEL_RW));
	check(map_image(&ctx, __stack_guard_end, _kernel_end, PROT_KERNEL_RW));

	/* 2. The identity map for the MMU switch. */
	check(pt_map(&ctx, ttbr0, load_pa, load_pa,
		     ALIGN_UP(image_size, PAGE_SIZE), PROT_KERNEL_TEXT));

	/* 3. The direct map of the image (read-only where the image is) and
	 *    of the device tree, so kmain can read it. */
	check(map_direct(&ctx, load_pa, (uint64_t)(_erodata - _kernel_start),
			 PROT_KERNEL_RO));
	check(map_direct(&ctx, load_pa + (uint64_t)(_erodata - _kernel_start),
			 image_size - (uint64_t)(_erodata - _kernel_start),
			 PROT_KERNEL_RW));
	boot_state.dtb_size = map_dtb(&ctx, dtb_pa);

	boot_state.tcr = tcr_value();

	/* The tables were written with the data cache off: drop any stale
	 * lines the loader left so the walker and later reads see them. */
	invalidate_dcache(pool_pa(), BOOT_POOL_PAGES * PAGE_SIZE);
	invalidate_dcache((uint64_t)&boot_state, sizeof(boot_state));

	aarch64_mmu_enable(boot_state.tcr, ttbr0, boot_state.ttbr1);
}
