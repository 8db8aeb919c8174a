/*
 * Memory bring-up: from the device tree's RAM to a running physical
 * memory manager and heap.
 */
#ifndef MLK_KERNEL_MM_H
#define MLK_KERNEL_MM_H

#include "compiler.h"
#include "devtree.h"

/* Extra physical range to keep out of the PMM (the boot bundle). */
void mm_reserve_early(uint64_t base, uint64_t size);
void mm_init(const struct devtree *dt, uint64_t dtb_pa, uint32_t dtb_size);
uint64_t mm_ram_bytes(void);

#endif
