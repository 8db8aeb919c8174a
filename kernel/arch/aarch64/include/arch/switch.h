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

/* Whether FP/SIMD traps at EL0 (CPACR_EL1.FPEN), unless it already is as
 * asked. */
static inline void fpsimd_set_fpen(uint64_t fpen)
{
	uint64_t on = fpen == CPACR_FPEN_NOTRAP;

	if (on == arch_this_cpu()->fp_on)
		return;
	arch_this_cpu()->fp_on = on;
	write_sysreg(cpacr_el1,
		     (read_sysreg(cpacr_el1) & ~CPACR_FPEN_MASK) | fpen);
	isb();
}

/*
 * FP/SIMD for the thread coming in: its registers loaded eagerly while
 * it has eager switches left (it used FP lately), and FP at EL0 free
 * exactly when it owns the registers, trapping otherwise.  So FP is
 * enabled only while the owner runs, which the fast path relies on.
 */
static inline void fpsimd_switch(struct thread *next)
{
	/* FP off and next lazy, the common case: it stays off. */
	if (likely(!(arch_this_cpu()->fp_on | next->arch.fp_eager)))
		return;
	fpsimd_switch_slow(next);
}

/* Between two user threads, with an address space active. */
static inline void arch_switch_fast(struct thread *prev, struct thread *next)
{
	struct arch_aspace *as = &next->aspace->arch;

	prev->arch.tpidr_el0 = read_sysreg(tpidr_el0);
	write_sysreg(tpidr_el0, next->arch.tpidr_el0);
	write_sysreg(tpidrro_el0, next->arch.tpidrro_el0);
	if (as != arch_this_cpu()->uspace_active) {
		write_sysreg(ttbr0_el1, as->ttbr);
		isb();
		arch_this_cpu()->uspace_active = as;
	}
	fpsimd_switch(next);
}

static inline void arch_thread_switch(struct thread *prev, struct thread *next)
{
	if (unlikely(!arch_this_cpu()->uspace_active))
		arch_aspace_activate(&next->aspace->arch); /* turns TTBR0 on */
	arch_switch_fast(prev, next);
}

#endif
