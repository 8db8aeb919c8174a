/*
 * The build machine's stand-in for kernel/arch/aarch64/include/arch/
 * memlayout.h, found first on the unit tests' include path.
 *
 * In a unit test a "physical address" is a host pointer value (fake RAM
 * from aligned_alloc), so the direct map is the identity: core code that
 * calls phys_to_virt() reaches host memory.  Only what kernel/core uses is
 * defined; the kernel's own virtual regions have no meaning here.
 */
#ifndef MLK_TESTS_UNIT_MOCK_ARCH_MEMLAYOUT_H
#define MLK_TESTS_UNIT_MOCK_ARCH_MEMLAYOUT_H

#include "const.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE (_UL(1) << PAGE_SHIFT)
#define PAGE_MASK (PAGE_SIZE - 1)

/*
 * Every host address is "in the direct map": it starts at 0 and user space
 * on x86_64 and AArch64 hosts stays far below 2^62.  The base is a function
 * returning 0 rather than the literal, so heap.c's "p < base" range check
 * does not trip -Wtype-limits.
 */
#define KERNEL_DIRECT_MAP_BASE mock_direct_map_base()
#define KERNEL_DIRECT_MAP_SIZE (_UL(1) << 62)

#ifndef __ASSEMBLER__
#include <stdint.h>

static inline uintptr_t mock_direct_map_base(void)
{
	return 0;
}

static inline void *phys_to_virt(uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

static inline uint64_t virt_to_phys(const void *va)
{
	return (uint64_t)(uintptr_t)va;
}
#endif

#endif
