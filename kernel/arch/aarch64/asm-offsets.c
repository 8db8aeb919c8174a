/*
 * Structure offsets and constants for assembly.  Compiled to assembly only;
 * the build turns each "->NAME value" marker into "#define NAME value" in
 * generated/asm-offsets.h (see kernel/local.mk).  Nothing in a .S file is
 * a number typed twice: offsets, field widths (MEMBER), encodings and
 * limits all come from here, or from headers written for C and assembly
 * alike (arch/sysreg.h).
 */
#include <stddef.h>

#include <arch/cpu.h>
#include <arch/frame.h>
#include <arch/sysreg.h>

#include "handle_table.h"
#include "ipc.h"
#include "notification.h"
#include "process.h"
#include "sched.h"
#include "syscall.h"
#include "thread.h"
#include "vm.h"

#include <mlk/svc.h>
#include <mlk/syscall.h>
#include <mlk/sysnum.h>

#define DEFINE(sym, val)                                                       \
	__asm__ volatile("\n.ascii \"->" #sym " %0\"" ::"i"(val))

/* The offset of a member for assembly, asserting the width its loads and
 * stores there assume (ldrb: 1, ldrh: 2, ldr w: 4, ldr x: 8). */
#define MEMBER(sym, type, member, width)                                       \
	_Static_assert(sizeof(((type *)0)->member) == (width),                 \
		       #sym ": assembly accesses " #width " bytes");           \
	DEFINE(sym, offsetof(type, member))

/* Layouts the assembly relies on beyond single offsets. */
_Static_assert((sizeof(struct list) & (sizeof(struct list) - 1)) == 0,
	       "fastpath.S scales a priority by shifting (LIST_SIZE_SHIFT)");
_Static_assert((sizeof(struct handle_entry) &
		(sizeof(struct handle_entry) - 1)) == 0,
	       "fastpath.S scales a handle index by shifting (HE_SIZE_SHIFT)");
_Static_assert(offsetof(struct arch_thread, tpidrro_el0) ==
		       offsetof(struct arch_thread, tpidr_el0) + 8,
	       "fastpath.S loads both thread pointers with one ldp");
_Static_assert(offsetof(struct list, prev) == 0 &&
		       offsetof(struct list, next) == 8,
	       "fastpath.S moves a list node's prev and next with one ldp/stp");
_Static_assert(sizeof(syscall_leaf_table[0]) == 8,
	       "vectors.S indexes syscall_leaf_table by the number times 8");
_Static_assert(offsetof(struct trap_frame, tf_sp) ==
			       offsetof(struct trap_frame, tf_x[30]) + 8 &&
		       offsetof(struct trap_frame, tf_spsr) ==
			       offsetof(struct trap_frame, tf_elr) + 8,
	       "the entry code stores x30 with SP_EL0, ELR with SPSR");

/* The handle encoding (mlk/handle.h) as the fast path decodes it: index
 * in the low bits, generation above it, every bit from HANDLE_BITS up
 * clear, so a shift by HANDLE_GEN_SHIFT leaves the generation alone. */
_Static_assert(MLK_HANDLE_INDEX_MASK == (1u << MLK_HANDLE_INDEX_BITS) - 1,
	       "the handle index is the low bits");
_Static_assert(sizeof(((struct handle_entry *)0)->gen) * 8 >=
		       MLK_HANDLE_GEN_BITS,
	       "a slot's generation holds every generation a handle names");
_Static_assert(MLK_HANDLE_INDEX_BITS + MLK_HANDLE_GEN_BITS < 32,
	       "a handle is 32 bits");

/* Kernel labels are the ones whose top KLABEL bits are all set: shifted
 * arithmetically by MSGINFO_KLABEL_SHIFT, such a message info is -1. */
#define KLABEL_BITS (32 - __builtin_ctz(MLK_LABEL_KERNEL))
_Static_assert(MLK_LABEL_KERNEL == (uint32_t)(~0u << (32 - KLABEL_BITS)),
	       "kernel labels are one run of top bits");
_Static_assert(MLK_MSGINFO_LABEL(~0ull) == 0xffffffffu &&
		       MLK_MSGINFO(0xffffffffu, 0, 0) == 0xffffffff00000000ull,
	       "the label is the top 32 bits of a message info");
/* A message info whose low 32 bits are at most MSG_MAX_WORDS has no
 * handles, no copy bits, no stray bits, and its low 32 bits are the word
 * count. */
_Static_assert(MLK_MSGINFO(0, MLK_MSG_MAX_WORDS, 0) == MLK_MSG_MAX_WORDS &&
		       MLK_MSGINFO_WORDS(MLK_MSG_MAX_WORDS) ==
			       MLK_MSG_MAX_WORDS,
	       "the word count is the lowest field and holds the limit");
_Static_assert(MLK_MSG_MAX_WORDS <= 4095,
	       "cmp takes the limit as an immediate");

/* ESR_EL1 of `svc #imm` from AArch64 is ESR_SVC64_HI << 16 | imm: the
 * entry takes one movz for it and finds the immediate by a subtraction. */
#define ESR_SVC64 (((uint64_t)EC_SVC64 << ESR_EC_SHIFT) | ESR_IL)
_Static_assert((ESR_SVC64 & 0xffff) == 0 && (ESR_SVC64 >> 32) == 0,
	       "the ISS of an SVC is its immediate, in the low 16 bits");

/* The run queue bitmap: bit p for priority p, one 64-bit word. */
_Static_assert(SCHED_PRIOS <= 64 && sizeof(((struct runqueue *)0)->bitmap) == 8,
	       "the run queue bitmap is one register");

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
	MEMBER(CPU_KSTACK_TOP, struct sched_cpu, arch.kstack_top, 8);
	MEMBER(CPU_FP_OWNER, struct sched_cpu, arch.fp_owner, 8);
	MEMBER(CPU_FP_ON, struct sched_cpu, arch.fp_on, 8);
	MEMBER(CPU_USPACE_ACTIVE, struct sched_cpu, arch.uspace_active, 8);

	/* System calls the exception entry sends to their fast paths, by
	 * their svc immediates (mlk/svc.h). */
	DEFINE(SYS_CALL, MLK_SYS_call);
	DEFINE(SYS_REPLY_RECV, MLK_SYS_reply_recv);
	DEFINE(SVC_CALL, MLK_SVC_CALL);
	DEFINE(SVC_REPLY_RECV, MLK_SVC_REPLY_RECV);
	DEFINE(SVC_LEAF, MLK_SVC_LEAF);
	DEFINE(SVC_YIELD, MLK_SVC_YIELD);
	DEFINE(SVC_SIGNAL, MLK_SVC_SIGNAL);
	DEFINE(SYS_SIGNAL, MLK_SYS_signal);
	DEFINE(SYSCALL_LIMIT, MLK_SYSCALL_LIMIT);
	DEFINE(ESR_SVC64_HI, ESR_SVC64 >> 16);

	/* struct thread */
	MEMBER(T_TPIDR, struct thread, arch.tpidr_el0, 8);
	MEMBER(T_FP, struct thread, arch.fp, 8);
	MEMBER(T_FP_EAGER, struct thread, arch.fp_eager, 1);
	MEMBER(T_PROC, struct thread, proc, 8);
	MEMBER(T_ASPACE, struct thread, aspace, 8);
	MEMBER(T_STATE, struct thread, state, 1);
	MEMBER(T_PRIO, struct thread, prio, 1);
	MEMBER(T_SUSPENDED, struct thread, suspended, 1);
	MEMBER(T_LINK, struct thread, link, 16);
	MEMBER(T_WAITING_ON, struct thread, waiting_on, 8);
	MEMBER(T_DEADLINE, struct thread, deadline, 8);
	MEMBER(T_REPLY_TO, struct thread, reply_to, 8);
	MEMBER(T_REPLIER, struct thread, replier, 8);
	MEMBER(T_SLICE_END, struct thread, slice_end, 8);
	MEMBER(T_BOUND, struct thread, bound, 8);
	MEMBER(N_BITS, struct notification, bits, 8);
	DEFINE(THREAD_RUNNING, MLK_THREAD_RUNNING);
	DEFINE(THREAD_REPLY, MLK_THREAD_REPLY);
	DEFINE(THREAD_RECV, MLK_THREAD_RECV);

	/* lists, handles, objects */
	MEMBER(LIST_PREV, struct list, prev, 8);
	MEMBER(LIST_NEXT, struct list, next, 8);
	DEFINE(LIST_SIZE_SHIFT, __builtin_ctz(sizeof(struct list)));
	MEMBER(P_HSLOTS, struct process, handles.slots, 8);
	MEMBER(P_HCAPACITY, struct process, handles.capacity, 4);
	DEFINE(HE_SIZE_SHIFT, __builtin_ctz(sizeof(struct handle_entry)));
	MEMBER(HE_OBJ, struct handle_entry, obj, 8);
	MEMBER(HE_BADGE, struct handle_entry, badge, 8);
	MEMBER(HE_RIGHTS, struct handle_entry, rights, 4);
	MEMBER(HE_GEN, struct handle_entry, gen, 2);
	DEFINE(HANDLE_INDEX_MASK, MLK_HANDLE_INDEX_MASK);
	DEFINE(HANDLE_GEN_SHIFT, MLK_HANDLE_INDEX_BITS);
	MEMBER(K_TYPE, struct kobj, type, 1);
	DEFINE(OBJ_ENDPOINT, MLK_OBJ_ENDPOINT);
	DEFINE(RIGHT_SEND_BIT, __builtin_ctz(MLK_RIGHT_SEND));
	DEFINE(RIGHT_RECV_BIT, __builtin_ctz(MLK_RIGHT_RECV));
	MEMBER(EP_SENDERS, struct endpoint, senders, 16);
	MEMBER(EP_RECEIVERS, struct endpoint, receivers, 16);
	MEMBER(EP_NSENDERS, struct endpoint, nsenders, 4);
	MEMBER(AS_ARCH, struct aspace, arch, sizeof(struct arch_aspace));
	MEMBER(ARCH_TTBR, struct arch_aspace, ttbr, 8);

	/* messages */
	DEFINE(MSG_REG_WORDS, MLK_MSG_REG_WORDS);
	DEFINE(MSG_MAX_WORDS, MLK_MSG_MAX_WORDS);
	MEMBER(T_IPCBUF, struct thread, ipcbuf, 8);
	DEFINE(IPCBUF_XWORDS,
	       offsetof(struct mlk_ipc_buffer, words[MLK_MSG_REG_WORDS]));
	DEFINE(MSGINFO_KLABEL_SHIFT, 64 - KLABEL_BITS);

	/* the scheduler */
	MEMBER(SC_CURRENT, struct sched_cpu, current, 8);
	MEMBER(SC_NEED_RESCHED, struct sched_cpu, need_resched, 1);
	MEMBER(SC_RQ_BITMAP, struct sched_cpu, rq.bitmap, 8);
	MEMBER(SC_RQ_QUEUES, struct sched_cpu, rq.queues,
	       sizeof(struct list) * SCHED_PRIOS);
	MEMBER(SC_ARMED, struct sched_cpu, armed, 8);
	DEFINE(THREAD_READY, MLK_THREAD_READY);

	/* notifications */
	DEFINE(OBJ_NOTIFICATION, MLK_OBJ_NOTIFICATION);
	DEFINE(RIGHT_SIGNAL_BIT, __builtin_ctz(MLK_RIGHT_SIGNAL));
	MEMBER(N_BITS, struct notification, bits, 8);
	MEMBER(N_WAITERS, struct notification, waiters, 16);
	MEMBER(N_BOUND, struct notification, bound, 8);
}
