/*
 * Save and load the FP/SIMD registers (struct fpsimd_state in fpsimd.c).
 * Called from the kernel with EL1 FP access not trapped (CPACR_EL1.FPEN
 * 0b01 or 0b11).  From C: x0 = the state.  From the IPC fast path
 * (fastpath.S), which holds a message in x0..x7: the _x9 entries, x9 =
 * the state, clobbering only x9..x11.
 */
#include <arch/asm.h>

	.arch	armv8-a+fp+simd
	.text

ENTRY(fpsimd_save)
	mov	x9, x0
ENTRY(fpsimd_save_x9)
	stp	q0, q1, [x9, #32 * 0]
	stp	q2, q3, [x9, #32 * 1]
	stp	q4, q5, [x9, #32 * 2]
	stp	q6, q7, [x9, #32 * 3]
	stp	q8, q9, [x9, #32 * 4]
	stp	q10, q11, [x9, #32 * 5]
	stp	q12, q13, [x9, #32 * 6]
	stp	q14, q15, [x9, #32 * 7]
	stp	q16, q17, [x9, #32 * 8]
	stp	q18, q19, [x9, #32 * 9]
	stp	q20, q21, [x9, #32 * 10]
	stp	q22, q23, [x9, #32 * 11]
	stp	q24, q25, [x9, #32 * 12]
	stp	q26, q27, [x9, #32 * 13]
	stp	q28, q29, [x9, #32 * 14]
	stp	q30, q31, [x9, #32 * 15]
	mrs	x10, fpsr
	mrs	x11, fpcr
	add	x9, x9, #512
	stp	x10, x11, [x9]
	ret
END(fpsimd_save_x9)
END(fpsimd_save)

ENTRY(fpsimd_load)
	mov	x9, x0
ENTRY(fpsimd_load_x9)
	ldp	q0, q1, [x9, #32 * 0]
	ldp	q2, q3, [x9, #32 * 1]
	ldp	q4, q5, [x9, #32 * 2]
	ldp	q6, q7, [x9, #32 * 3]
	ldp	q8, q9, [x9, #32 * 4]
	ldp	q10, q11, [x9, #32 * 5]
	ldp	q12, q13, [x9, #32 * 6]
	ldp	q14, q15, [x9, #32 * 7]
	ldp	q16, q17, [x9, #32 * 8]
	ldp	q18, q19, [x9, #32 * 9]
	ldp	q20, q21, [x9, #32 * 10]
	ldp	q22, q23, [x9, #32 * 11]
	ldp	q24, q25, [x9, #32 * 12]
	ldp	q26, q27, [x9, #32 * 13]
	ldp	q28, q29, [x9, #32 * 14]
	ldp	q30, q31, [x9, #32 * 15]
	add	x9, x9, #512
	ldp	x10, x11, [x9]
	msr	fpsr, x10
	msr	fpcr, x11
	ret
END(fpsimd_load_x9)
END(fpsimd_load)
