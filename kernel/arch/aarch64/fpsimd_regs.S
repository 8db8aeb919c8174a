/*
 * Save and load the FP/SIMD registers (struct fpsimd_state in fpsimd.c),
 * for C (fpsimd.c): x0 = the state.  Called with EL1 FP access not
 * trapped (CPACR_EL1.FPEN 0b01 or 0b11).
 */
#include <arch/asm.h>
#include <arch/fpsimd_asm.h>

	.arch	armv8-a+fp+simd
	.text

ENTRY(fpsimd_save)
	fpsimd_save_regs x0, x1, x2
	ret
END(fpsimd_save)

ENTRY(fpsimd_load)
	fpsimd_load_regs x0, x1, x2
	ret
END(fpsimd_load)
