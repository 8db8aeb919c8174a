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

/*
 * Store the registers at [\state], four vector registers to an
 * instruction (st1 with a list of four moves 64 bytes, in the layout the
 * v0..v31 array has); \state ends 512 bytes on, \t1 and \t2 are
 * clobbered.
 */
.macro fpsimd_save_regs state, t1, t2
	st1	{v0.2d, v1.2d, v2.2d, v3.2d}, [\state], #64
	st1	{v4.2d, v5.2d, v6.2d, v7.2d}, [\state], #64
	st1	{v8.2d, v9.2d, v10.2d, v11.2d}, [\state], #64
	st1	{v12.2d, v13.2d, v14.2d, v15.2d}, [\state], #64
	st1	{v16.2d, v17.2d, v18.2d, v19.2d}, [\state], #64
	st1	{v20.2d, v21.2d, v22.2d, v23.2d}, [\state], #64
	st1	{v24.2d, v25.2d, v26.2d, v27.2d}, [\state], #64
	st1	{v28.2d, v29.2d, v30.2d, v31.2d}, [\state], #64
	mrs	\t1, fpsr
	mrs	\t2, fpcr
	stp	\t1, \t2, [\state, #FPSIMD_FPSR - 512]
.endm

/* Load the registers from [\state], the same way; \state ends 512
 * bytes on, \t1 and \t2 are clobbered. */
.macro fpsimd_load_regs state, t1, t2
	ld1	{v0.2d, v1.2d, v2.2d, v3.2d}, [\state], #64
	ld1	{v4.2d, v5.2d, v6.2d, v7.2d}, [\state], #64
	ld1	{v8.2d, v9.2d, v10.2d, v11.2d}, [\state], #64
	ld1	{v12.2d, v13.2d, v14.2d, v15.2d}, [\state], #64
	ld1	{v16.2d, v17.2d, v18.2d, v19.2d}, [\state], #64
	ld1	{v20.2d, v21.2d, v22.2d, v23.2d}, [\state], #64
	ld1	{v24.2d, v25.2d, v26.2d, v27.2d}, [\state], #64
	ld1	{v28.2d, v29.2d, v30.2d, v31.2d}, [\state], #64
	ldp	\t1, \t2, [\state, #FPSIMD_FPSR - 512]
	msr	fpsr, \t1
	msr	fpcr, \t2
.endm

/* clang-format on */
#endif /* __ASSEMBLER__ */

#endif
