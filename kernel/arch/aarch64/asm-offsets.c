/*
 * Structure offsets for assembly.  Compiled to assembly only; the build
 * turns each "->NAME value" marker into "#define NAME value" in
 * generated/asm-offsets.h (see kernel/local.mk).
 */
#include <stddef.h>

#include <arch/cpu.h>
#include <arch/frame.h>

#include <mlk/syscall.h>

#define DEFINE(sym, val)                                                       \
	__asm__ volatile("\n.ascii \"->" #sym " %0\"" ::"i"(val))

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(TF_SIZE, sizeof(struct trap_frame));
	DEFINE(TF_X0, offsetof(struct trap_frame, tf_x[0]));
	DEFINE(TF_X30, offsetof(struct trap_frame, tf_x[30]));
	DEFINE(TF_SP, offsetof(struct trap_frame, tf_sp));
	DEFINE(TF_ELR, offsetof(struct trap_frame, tf_elr));
	DEFINE(TF_SPSR, offsetof(struct trap_frame, tf_spsr));
	DEFINE(CPU_KSTACK_TOP, offsetof(struct aarch64_cpu, kstack_top));
	/* System calls the exception entry sends to their fast paths. */
	DEFINE(SYS_CALL, MLK_SYS_call);
	DEFINE(SYS_REPLY_RECV, MLK_SYS_reply_recv);
}
