/*
 * The kernel's virtual address map on AArch64.
 *
 * 48-bit virtual addresses with a 4 KiB granule.  TTBR0_EL1 holds the lower
 * half (user space, one table per address space); TTBR1_EL1 holds the upper
 * half, shared by every address space:
 *
 *   0xffff000000000000  direct map of physical memory (RAM only)
 *   0xfffffd0000000000  kernel stacks, each with an unmapped guard below
 *   0xfffffe0000000000  device window (MMIO mapped on demand)
 *   0xffffff8000000000  kernel image (linked here, loaded anywhere 2 MiB
 *                       aligned in RAM)
 *
 * Each region is one 512 GiB slot of the level 0 table.
 */
#ifndef MLK_KERNEL_ARCH_AARCH64_ARCH_MEMLAYOUT_H
#define MLK_KERNEL_ARCH_AARCH64_ARCH_MEMLAYOUT_H

#include "const.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE (_UL(1) << PAGE_SHIFT)
#define PAGE_MASK (PAGE_SIZE - 1)

#define VA_BITS 48
#define USER_VA_END (_UL(1) << VA_BITS)

#define KERNEL_DIRECT_MAP_BASE _UL(0xffff000000000000)
#define KERNEL_DIRECT_MAP_SIZE                                                 \
	(_UL(1) << 44) /* physical addresses below 16 TiB */
#define KERNEL_STACK_BASE _UL(0xfffffd0000000000)
#define KERNEL_STACK_AREA (_UL(1) << 39)
#define KERNEL_DEVICE_BASE _UL(0xfffffe0000000000)
#define KERNEL_DEVICE_SIZE (_UL(1) << 39)
#define KERNEL_IMAGE_BASE _UL(0xffffff8000000000)

/*
 * Kernel stacks: 16 KiB each, in 32 KiB slots whose lower half stays
 * unmapped.  An overflow runs into the guard and faults; the exception entry
 * sees the stack pointer left the mapped half (bit KERNEL_STACK_SHIFT is
 * clear) and switches to the emergency stack to report it.
 */
#define KERNEL_STACK_SHIFT 14
#define KERNEL_STACK_SIZE (_UL(1) << KERNEL_STACK_SHIFT)
#define KERNEL_STACK_SLOT (2 * KERNEL_STACK_SIZE)

/* Page-table pages in the image for boot, before the PMM exists. */
#define BOOT_POOL_PAGES 48

#ifndef __ASSEMBLER__
#include <stdint.h>

static inline void *phys_to_virt(uint64_t pa)
{
	return (void *)(pa + KERNEL_DIRECT_MAP_BASE);
}

static inline uint64_t virt_to_phys(const void *va)
{
	return (uint64_t)va - KERNEL_DIRECT_MAP_BASE;
}
#endif

#endif
