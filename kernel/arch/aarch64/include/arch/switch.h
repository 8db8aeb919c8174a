/*
 * The inline part of the user-space HAL (kernel/include/hal.h) that needs
 * struct thread, so only the scheduler (core/sched.c) includes it:
 * switching the CPU's per-thread state between two user threads, the
 * thread pointer registers, the address space, the FP/SIMD trap.  The IPC
 * fast path (fastpath.S) does the same in assembly, with the same
 * constants (arch/sysreg.h) and the layouts from asm-offsets.c.
 */
#ifndef MLK_KERNEL_ARCH_AARCH64_ARCH_SWITCH_H
#define MLK_KERNEL_ARCH_AARCH64_ARCH_SWITCH_H

#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <arch/uspace.h>

#include "thread.h"
#include "vm.h"

extern struct arch_aspace *uspace_active;
extern uint64_t fpsimd_fpen_now;

/* Whether FP/SIMD traps at EL0 (CPACR_EL1.FPEN), unless it already is as
 * asked. */
static inline void fpsimd_set_fpen(uint64_t fpen)
{
	if (fpen == fpsimd_fpen_now)
		return;
	fpsimd_fpen_now = fpen;
	write_sysreg(cpacr_el1,
		     (read_sysreg(cpacr_el1) & ~CPACR_FPEN_MASK) | fpen);
	isb();
}

/* Between two user threads, with an address space active: no calls. */
static inline void arch_switch_fast(struct thread *prev, struct thread *next)
{
	struct arch_aspace *as = &next->aspace->arch;

	prev->arch.tpidr_el0 = read_sysreg(tpidr_el0);
	write_sysreg(tpidr_el0, next->arch.tpidr_el0);
	write_sysreg(tpidrro_el0, next->arch.tpidrro_el0);
	if (as != uspace_active) {
		write_sysreg(ttbr0_el1, as->root | ((uint64_t)as->asid
						    << TTBR_ASID_SHIFT));
		isb();
		uspace_active = as;
	}
	fpsimd_set_fpen(next == cpu0.fp_owner ? CPACR_FPEN_NOTRAP
					      : CPACR_FPEN_EL0_TRAPS);
}

static inline void arch_thread_switch(struct thread *prev, struct thread *next)
{
	if (unlikely(!uspace_active))
		arch_aspace_activate(&next->aspace->arch); /* turns TTBR0 on */
	arch_switch_fast(prev, next);
}

#endif
