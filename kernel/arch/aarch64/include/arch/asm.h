/*
 * Assembler helpers.
 */
#ifndef MLK_KERNEL_ARCH_AARCH64_ARCH_ASM_H
#define MLK_KERNEL_ARCH_AARCH64_ARCH_ASM_H

/* Assembly: clang-format would mangle the macros. */
/* clang-format off */

#define ENTRY(name)                                                            \
	.global name;                                                          \
	.type name, % function;                                                \
	name:

#define LOCAL(name)                                                            \
	.type name, % function;                                                \
	name:

#define END(name) .size name, .- name

/* Load the address of `sym` PC-relative (valid before and after the MMU). */
.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

/* Load a 64-bit constant without a literal pool. */
.macro mov_q reg, val
	movz	\reg, #((\val) & 0xffff)
	movk	\reg, #(((\val) >> 16) & 0xffff), lsl #16
	movk	\reg, #(((\val) >> 32) & 0xffff), lsl #32
	movk	\reg, #(((\val) >> 48) & 0xffff), lsl #48
.endm

/*
 * Record that a fault at label \insn continues at label \fixup (see
 * extable.h): one struct extable_entry (arch/frame.h) in __ex_table, each
 * field the offset of its label from the field itself.
 */
.macro extable insn, fixup
	.pushsection __ex_table, "a"
	.balign	4
	.long	\insn - .
	.long	\fixup - .
	.popsection
.endm

/* clang-format on */

#endif
