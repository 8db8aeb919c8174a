/*
 * Structure offsets and constants for assembly.  Compiled to assembly only;
 * the build turns each "->NAME value" marker into "#define NAME value" in
 * generated/asm-offsets.h (see kernel/local.mk).  Nothing in a .S file is
 * a number typed twice.
 */
#include <stddef.h>

#include <arch/cpu.h>
#include <arch/frame.h>

#include "handle_table.h"
#include "ipc.h"
#include "process.h"
#include "sched.h"
#include "thread.h"
#include "vm.h"

#include <mlk/syscall.h>
#include <mlk/sysnum.h>

#define DEFINE(sym, val)                                                       \
	__asm__ volatile("\n.ascii \"->" #sym " %0\"" ::"i"(val))

/* The IPC fast path (fastpath.S) scales a handle index by shifting. */
_Static_assert(sizeof(struct handle_entry) == 32, "handle entry is 1 << 5");
_Static_assert(offsetof(struct arch_thread, tpidrro_el0) ==
		       offsetof(struct arch_thread, tpidr_el0) + 8,
	       "fastpath.S loads both thread pointers with one ldp");
_Static_assert(offsetof(struct list, next) == 8, "list layout");
_Static_assert(MLK_LABEL_KERNEL == 0xffff0000u,
	       "fastpath.S tests the label's top half for 0xffff");

void asm_offsets(void);
void asm_offsets(void)
{
	/* struct trap_frame */
	DEFINE(TF_SIZE, sizeof(struct trap_frame));
	DEFINE(TF_X0, offsetof(struct trap_frame, tf_x[0]));
	DEFINE(TF_X8, offsetof(struct trap_frame, tf_x[8]));
	DEFINE(TF_X18, offsetof(struct trap_frame, tf_x[18]));
	DEFINE(TF_X30, offsetof(struct trap_frame, tf_x[30]));
	DEFINE(TF_SP, offsetof(struct trap_frame, tf_sp));
	DEFINE(TF_ELR, offsetof(struct trap_frame, tf_elr));
	DEFINE(TF_SPSR, offsetof(struct trap_frame, tf_spsr));
	DEFINE(CPU_KSTACK_TOP, offsetof(struct aarch64_cpu, kstack_top));
	DEFINE(CPU_FP_OWNER, offsetof(struct aarch64_cpu, fp_owner));

	/* System calls the exception entry sends to their fast paths. */
	DEFINE(SYS_CALL, MLK_SYS_call);
	DEFINE(SYS_REPLY_RECV, MLK_SYS_reply_recv);

	/* struct thread */
	DEFINE(T_TPIDR, offsetof(struct thread, arch.tpidr_el0));
	DEFINE(T_PROC, offsetof(struct thread, proc));
	DEFINE(T_ASPACE, offsetof(struct thread, aspace));
	DEFINE(T_STATE, offsetof(struct thread, state));
	DEFINE(T_PRIO, offsetof(struct thread, prio));
	DEFINE(T_SUSPENDED, offsetof(struct thread, suspended));
	DEFINE(T_LINK, offsetof(struct thread, link));
	DEFINE(T_WAITING_ON, offsetof(struct thread, waiting_on));
	DEFINE(T_DEADLINE, offsetof(struct thread, deadline));
	DEFINE(T_REPLY_TO, offsetof(struct thread, reply_to));
	DEFINE(T_REPLIER, offsetof(struct thread, replier));
	DEFINE(T_SLICE_END, offsetof(struct thread, slice_end));
	DEFINE(T_RUN_START, offsetof(struct thread, run_start));
	DEFINE(T_CPU_TICKS, offsetof(struct thread, cpu_ticks));
	DEFINE(T_BOUND, offsetof(struct thread, bound));
	DEFINE(N_BITS, offsetof(struct notification, bits));
	DEFINE(THREAD_RUNNING, MLK_THREAD_RUNNING);
	DEFINE(THREAD_REPLY, MLK_THREAD_REPLY);
	DEFINE(THREAD_RECV, MLK_THREAD_RECV);

	/* lists, handles, objects */
	DEFINE(LIST_PREV, offsetof(struct list, prev));
	DEFINE(LIST_NEXT, offsetof(struct list, next));
	DEFINE(P_HSLOTS, offsetof(struct process, handles.slots));
	DEFINE(P_HCAPACITY, offsetof(struct process, handles.capacity));
	DEFINE(HE_OBJ, offsetof(struct handle_entry, obj));
	DEFINE(HE_BADGE, offsetof(struct handle_entry, badge));
	DEFINE(HE_RIGHTS, offsetof(struct handle_entry, rights));
	DEFINE(HE_GEN, offsetof(struct handle_entry, gen));
	DEFINE(K_TYPE, offsetof(struct kobj, type));
	DEFINE(OBJ_ENDPOINT, MLK_OBJ_ENDPOINT);
	DEFINE(RIGHT_SEND_BIT, __builtin_ctz(MLK_RIGHT_SEND));
	DEFINE(RIGHT_RECV_BIT, __builtin_ctz(MLK_RIGHT_RECV));
	DEFINE(EP_SENDERS, offsetof(struct endpoint, senders));
	DEFINE(EP_RECEIVERS, offsetof(struct endpoint, receivers));
	DEFINE(EP_NSENDERS, offsetof(struct endpoint, nsenders));
	DEFINE(AS_ARCH, offsetof(struct aspace, arch));
	DEFINE(ARCH_ROOT, offsetof(struct arch_aspace, root));
	DEFINE(ARCH_ASID, offsetof(struct arch_aspace, asid));

	/* messages */
	DEFINE(MSG_REG_WORDS, MLK_MSG_REG_WORDS);

	/* the scheduler */
	DEFINE(SC_CURRENT, offsetof(struct sched_cpu, current));
	DEFINE(SC_SWITCHES, offsetof(struct sched_cpu, switches));
	DEFINE(SC_RQ_BITMAP, offsetof(struct sched_cpu, rq.bitmap));
}
