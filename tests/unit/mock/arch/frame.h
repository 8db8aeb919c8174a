/*
 * The build machine's stand-in for kernel/arch/aarch64/include/arch/
 * frame.h: the same trap frame (x0..x30, sp, elr, spsr), so generic code
 * reads system call arguments and writes results where the real exception
 * entry would find them, and the same per-thread state beyond it.
 */
#ifndef MLK_TESTS_UNIT_MOCK_ARCH_FRAME_H
#define MLK_TESTS_UNIT_MOCK_ARCH_FRAME_H

#include <stdint.h>

struct trap_frame {
	uint64_t tf_x[31]; /* x0..x30 */
	uint64_t tf_sp;
	uint64_t tf_elr;
	uint64_t tf_spsr;
};

struct fpsimd_state;
struct arch_thread {
	uint64_t tpidr_el0;
	uint64_t tpidrro_el0; /* the IPC buffer's user address */
	struct fpsimd_state *fp;
};

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

#endif
