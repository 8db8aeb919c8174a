/*
 * Saving and loading the FP/SIMD registers, for assembly: struct
 * fpsimd_state (fpsimd.c) is v0..v31, then FPSR and FPCR.  C includes it
 * for the offsets only.  Used with EL1
 * FP access not trapped (CPACR_EL1.FPEN 0b01 or 0b11) by fpsimd_regs.S
 * (for C) and the IPC fast path (fastpath.S), each with the registers it
 * has free.
 */
#ifndef MLK_KERNEL_ARCH_AARCH64_ARCH_FPSIMD_ASM_H
#define MLK_KERNEL_ARCH_AARCH64_ARCH_FPSIMD_ASM_H

/* Offsets in struct fpsimd_state (fpsimd.c asserts them). */
#define FPSIMD_FPSR 512
#define FPSIMD_FPCR 520

#ifdef __ASSEMBLER__
/* Assembly: clang-format would mangle the macros. */
/* clang-format off */

/* Store the registers at [\state]; \t1 and \t2 are clobbered. */
.macro fpsimd_save_regs state, t1, t2
	stp	q0, q1, [\state, #32 * 0]
	stp	q2, q3, [\state, #32 * 1]
	stp	q4, q5, [\state, #32 * 2]
	stp	q6, q7, [\state, #32 * 3]
	stp	q8, q9, [\state, #32 * 4]
	stp	q10, q11, [\state, #32 * 5]
	stp	q12, q13, [\state, #32 * 6]
	stp	q14, q15, [\state, #32 * 7]
	stp	q16, q17, [\state, #32 * 8]
	stp	q18, q19, [\state, #32 * 9]
	stp	q20, q21, [\state, #32 * 10]
	stp	q22, q23, [\state, #32 * 11]
	stp	q24, q25, [\state, #32 * 12]
	stp	q26, q27, [\state, #32 * 13]
	stp	q28, q29, [\state, #32 * 14]
	stp	q30, q31, [\state, #32 * 15]
	mrs	\t1, fpsr
	mrs	\t2, fpcr
	str	\t1, [\state, #FPSIMD_FPSR]
	str	\t2, [\state, #FPSIMD_FPCR]
.endm

/* Load the registers from [\state]; \t1 and \t2 are clobbered. */
.macro fpsimd_load_regs state, t1, t2
	ldp	q0, q1, [\state, #32 * 0]
	ldp	q2, q3, [\state, #32 * 1]
	ldp	q4, q5, [\state, #32 * 2]
	ldp	q6, q7, [\state, #32 * 3]
	ldp	q8, q9, [\state, #32 * 4]
	ldp	q10, q11, [\state, #32 * 5]
	ldp	q12, q13, [\state, #32 * 6]
	ldp	q14, q15, [\state, #32 * 7]
	ldp	q16, q17, [\state, #32 * 8]
	ldp	q18, q19, [\state, #32 * 9]
	ldp	q20, q21, [\state, #32 * 10]
	ldp	q22, q23, [\state, #32 * 11]
	ldp	q24, q25, [\state, #32 * 12]
	ldp	q26, q27, [\state, #32 * 13]
	ldp	q28, q29, [\state, #32 * 14]
	ldp	q30, q31, [\state, #32 * 15]
	ldr	\t1, [\state, #FPSIMD_FPSR]
	ldr	\t2, [\state, #FPSIMD_FPCR]
	msr	fpsr, \t1
	msr	fpcr, \t2
.endm

/* clang-format on */
#endif /* __ASSEMBLER__ */

#endif
