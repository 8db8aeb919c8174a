/*
 * User address spaces on AArch64: a TTBR0 table tree per address space,
 * tagged with an ASID so switching needs no TLB flush.
 */
#ifndef MLK_KERNEL_ARCH_AARCH64_ARCH_USPACE_H
#define MLK_KERNEL_ARCH_AARCH64_ARCH_USPACE_H

#include "compiler.h"

#include <mlk/status.h>

struct thread;

struct arch_aspace {
	uint64_t root; /* physical address of the level 0 table */
	uint64_t ttbr; /* TTBR0_EL1 for it: root and ASID, as the switch
			* loads it */
	uint16_t asid;
};

/* The per-CPU state of the AArch64 code, in struct sched_cpu (sched.h)
 * so that the fast path (fastpath.S) reaches it and the scheduler's from
 * one base register; arch_this_cpu() (arch/cpu.h) is this CPU's. */
struct arch_cpu {
	uint64_t kstack_top;	 /* the kernel stack exceptions from EL0 use */
	struct thread *fp_owner; /* whose values the FP/SIMD registers hold */
	uint64_t fp_on; /* 1: FP/SIMD free at EL0, 0: it traps (CPACR_EL1) */
	struct arch_aspace *uspace_active; /* whose tables TTBR0_EL1 holds */
};

/* The functions on it are the HAL's (kernel/include/hal.h), but for this
 * one, which only the switch (arch/switch.h) calls. */
void arch_aspace_activate(struct arch_aspace *as);

#endif
