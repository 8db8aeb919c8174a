/*
 * The registers saved on every exception (vectors.S writes this layout;
 * its offsets come from asm-offsets.c, never from numbers typed twice).
 */
#ifndef MLK_ARCH_FRAME_H
#define MLK_ARCH_FRAME_H

#include <stdint.h>

struct trap_frame {
	uint64_t tf_x[31]; /* x0..x30 */
	uint64_t tf_sp; /* SP_EL0 for user frames, the old SP for kernel ones */
	uint64_t tf_elr;  /* where to return */
	uint64_t tf_spsr; /* PSTATE to return with */
};

_Static_assert(sizeof(struct trap_frame) % 16 == 0,
	       "the stack must stay 16-byte aligned");

/* Kernel code that may fault on purpose (see extable.h). */
struct extable_entry {
	int32_t insn;  /* offset of the instruction from this field */
	int32_t fixup; /* offset of where to continue from this field */
};

#endif
