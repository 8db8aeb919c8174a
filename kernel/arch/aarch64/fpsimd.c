/*
 * Lazy FP/SIMD context switching.
 *
 * The kernel never touches the FP/SIMD registers (-mgeneral-regs-only), so
 * they belong to the last user thread that used them, the "owner".  Other
 * threads run with FP at EL0 trapped (CPACR_EL1.FPEN = 0b01); the first FP
 * instruction of a thread traps here, the owner's registers are saved and
 * the thread's loaded.  A thread that never uses FP never pays for it.
 */
#include <arch/cpu.h>
#include <arch/fpsimd_asm.h>
#include <arch/switch.h>
#include <arch/sysreg.h>

#include "heap.h"
#include "process.h"
#include "thread.h"

struct fpsimd_state {
	uint64_t q[64]; /* v0..v31, 128 bits each */
	uint64_t fpsr, fpcr;
} __aligned(16);

_Static_assert(offsetof(struct fpsimd_state, fpsr) == FPSIMD_FPSR &&
		       offsetof(struct fpsimd_state, fpcr) == FPSIMD_FPCR,
	       "arch/fpsimd_asm.h stores FPSR and FPCR there");

void fpsimd_save(struct fpsimd_state *s);
void fpsimd_load(const struct fpsimd_state *s);

void fpsimd_init(void)
{
	arch_this_cpu()->fp_on = 1; /* so that the first write goes through */
	fpsimd_set_fpen(CPACR_FPEN_EL0_TRAPS);
}

int fpsimd_trap(struct thread *t)
{
	if (!t->arch.fp) {
		if (quota_charge(t->proc, sizeof(struct fpsimd_state)) !=
		    MLK_OK)
			return 0;
		t->arch.fp = kzalloc(sizeof(struct fpsimd_state));
		if (!t->arch.fp) {
			quota_release(t->proc, sizeof(struct fpsimd_state));
			return 0;
		}
	}
	fpsimd_take(t);
	t->arch.fp_eager = FP_EAGER_SWITCHES;
	fpsimd_set_fpen(CPACR_FPEN_NOTRAP);
	return 1;
}

void fpsimd_take(struct thread *t)
{
	if (arch_this_cpu()->fp_owner == t)
		return;
	if (arch_this_cpu()->fp_owner)
		fpsimd_save(arch_this_cpu()->fp_owner->arch.fp);
	fpsimd_load(t->arch.fp);
	arch_this_cpu()->fp_owner = t;
}

void fpsimd_switch_slow(struct thread *next)
{
	if (next->arch.fp_eager) {
		next->arch.fp_eager--;
		fpsimd_take(next);
	}
	fpsimd_set_fpen(next == arch_this_cpu()->fp_owner
				? CPACR_FPEN_NOTRAP
				: CPACR_FPEN_EL0_TRAPS);
}

void fpsimd_release(struct thread *t)
{
	if (arch_this_cpu()->fp_owner == t)
		arch_this_cpu()->fp_owner = NULL;
	if (t->arch.fp) {
		t->arch.fp_eager = 0;
		kfree(t->arch.fp);
		quota_release(t->proc, sizeof(struct fpsimd_state));
		t->arch.fp = NULL;
	}
}
