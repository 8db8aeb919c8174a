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

/* The functions on it are the HAL's (kernel/include/hal.h), but for this
 * one, which only the switch (arch/switch.h) calls. */
void arch_aspace_activate(struct arch_aspace *as);

#endif
