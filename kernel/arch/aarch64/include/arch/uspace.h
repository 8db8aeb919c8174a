/*
 * User address spaces on AArch64: a TTBR0 table tree per address space,
 * tagged with an ASID so switching needs no TLB flush.
 */
#ifndef MLK_KERNEL_ARCH_AARCH64_ARCH_USPACE_H
#define MLK_KERNEL_ARCH_AARCH64_ARCH_USPACE_H

#include "compiler.h"

#include <mlk/status.h>

struct arch_aspace {
	uint64_t root; /* physical address of the level 0 table */
	uint16_t asid;
};

mlk_status_t arch_aspace_init(struct arch_aspace *as);
/* Free the page tables (not the pages they mapped) and the ASID. */
void arch_aspace_destroy(struct arch_aspace *as);
/* Map one page with VM_* access; tables come from vm_table_alloc. */
mlk_status_t arch_aspace_map_page(struct arch_aspace *as, uint64_t va,
				  uint64_t pa, unsigned prot);
void arch_aspace_unmap_page(struct arch_aspace *as, uint64_t va);
void arch_aspace_activate(struct arch_aspace *as);

#endif
