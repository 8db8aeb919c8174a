/*
 * The registers saved on every exception (vectors.S writes this layout;
 * its offsets come from asm-offsets.c, never from numbers typed twice).
 */
#ifndef MLK_KERNEL_ARCH_AARCH64_ARCH_FRAME_H
#define MLK_KERNEL_ARCH_AARCH64_ARCH_FRAME_H

#include <stdint.h>

struct trap_frame {
	uint64_t tf_x[31]; /* x0..x30 */
	uint64_t tf_sp; /* SP_EL0 for user frames, the old SP for kernel ones */
	uint64_t tf_elr;  /* where to return */
	uint64_t tf_spsr; /* PSTATE to return with */
};

_Static_assert(sizeof(struct trap_frame) % 16 == 0,
	       "the stack must stay 16-byte aligned");

/* Registers and state of a thread beyond the trap frame. */
struct fpsimd_state;
struct arch_thread {
	uint64_t tpidr_el0;	 /* the user's thread pointer (TLS) */
	uint64_t tpidrro_el0;	 /* read-only to the user: its IPC buffer */
	struct fpsimd_state *fp; /* NULL until it first uses FP/SIMD */
	uint8_t fp_eager; /* switches left that load its FP state eagerly */
};

/* System call and IPC registers, for generic code. */
static inline uint64_t frame_arg(const struct trap_frame *tf, int i)
{
	return tf->tf_x[i];
}

static inline void frame_set_ret(struct trap_frame *tf, int i, uint64_t v)
{
	tf->tf_x[i] = v;
}

/* All 64 bits: a number with high bits set is no call's number. */
static inline uint64_t frame_syscall_number(const struct trap_frame *tf)
{
	return tf->tf_x[8];
}

static inline uint64_t frame_pc(const struct trap_frame *tf)
{
	return tf->tf_elr;
}

/* Kernel code that may fault on purpose (see extable.h). */
struct extable_entry {
	int32_t insn;  /* offset of the instruction from this field */
	int32_t fixup; /* offset of where to continue from this field */
};

#endif
