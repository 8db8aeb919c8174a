/*
 * Memory bring-up: from the device tree's RAM to a running physical
 * memory manager and heap.
 */
#ifndef MLK_KERNEL_MM_H
#define MLK_KERNEL_MM_H

#include "compiler.h"
#include "dt_machine.h"

/* Extra physical range to keep out of the PMM (the boot bundle). */
void mm_reserve_early(uint64_t base, uint64_t size);
/*
 * Map the machine's RAM and start the PMM without the kernel, the
 * firmware's reservations and the device tree's `dtb_size` bytes at
 * `dtb_pa` (all that was mapped of it); panics with the reason if the
 * tree's memory description was refused.
 */
void mm_init(const struct dt_machine *m, uint64_t dtb_pa, uint32_t dtb_size);
uint64_t mm_ram_bytes(void);

#endif
