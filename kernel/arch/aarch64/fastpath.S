/*
 * The fast paths: call and reply_recv between two threads, and signal,
 * when nothing unusual is going on, decided and done in registers (signal
 * has its own comment, at the end).
 *
 * Who jumps here: the el0_sync vector (vectors.S), on svc #1 (call) or
 * svc #2 (reply_recv), after it stored x8 and x9 in the frame.  Then:
 *   sp       = the calling thread (its trap frame is at offset 0)
 *   x0       = endpoint handle, x1 = message info, x2 = deadline,
 *   x3..x7   = message words 0..4, all still the user's values
 *   x9..x17  free: the system call ABI lets a call clobber x8..x18
 *   x18..x30 the user's values
 *
 * It takes the call when the message has no handles, an ordinary label
 * and at most MLK_MSG_MAX_WORDS words (those past the registers are
 * copied from IPC buffer to IPC buffer), there is no deadline, the peer
 * already waits on the other side, nothing more urgent than the peer is
 * ready, the peer has no deadline of its own to cancel, and (reply_recv)
 * the server's bound notification has no signal pending.  Then the
 * message stays in x0..x7, the caller's callee-saved registers are stored
 * in its frame, the peer's are loaded from its frame, and eret goes
 * straight to the peer.  Otherwise it branches to el0_syscall, the
 * general path (through call_declined or reply_recv_declined), with
 * every register the user had (x9..x17 aside): the results are the same
 * either way (core/ipc.c says what they are), so declining is always
 * correct.
 */
#include <arch/asm.h>
#include <arch/fpsimd_asm.h>
#include <arch/sysreg.h>

/* The eager FP/SIMD switch saves and loads vector registers. */
	.arch	armv8-a+fp+simd

#include "generated/asm-offsets.h"

/* Decline if the message has handles or a kernel label, or the call a
 * deadline (a longer message than the limit is refused by the general
 * path). */
.macro check_message decline
	cmp	w1, #MSG_MAX_WORDS	/* word count, no handles, no stray bits */
	b.hi	\decline
	asr	x9, x1, #MSGINFO_KLABEL_SHIFT
	cmn	x9, #1			/* -1: a label the kernel keeps */
	b.eq	\decline
	cbnz	x2, \decline		/* a deadline */
.endm

/*
 * x12 = the object of type \type the handle in x0 names if it has
 * `rightbit`, x11 = its slot, as handle_lookup (handle_table.h) checks:
 * bits from HANDLE_BITS up clear, index below the table's capacity, a
 * live object of the slot's generation, of that type.  One compare of
 * everything above the index with the slot's generation checks the first
 * and the third, as a generation never has bits from HANDLE_GEN_BITS up
 * (next_gen).
 */
.macro lookup_object type, rightbit, decline
	ldr	x10, [sp, #T_PROC]
	ldr	w11, [x10, #P_HCAPACITY]
	and	w12, w0, #HANDLE_INDEX_MASK
	cmp	w12, w11
	b.hs	\decline
	ldr	x11, [x10, #P_HSLOTS]
	add	x11, x11, x12, lsl #HE_SIZE_SHIFT
	ldr	x12, [x11, #HE_OBJ]
	cbz	x12, \decline
	ldrh	w13, [x11, #HE_GEN]
	cmp	x13, x0, lsr #HANDLE_GEN_SHIFT
	b.ne	\decline
	ldrb	w13, [x12, #K_TYPE]
	cmp	w13, #\type
	b.ne	\decline
	ldr	w13, [x11, #HE_RIGHTS]
	tbz	w13, #\rightbit, \decline
.endm

/* Decline unless peer \p may run now: not suspended, no deadline, and no
 * READY thread at or above its priority (an equal waiting its turn goes
 * first, as sched_next_to_run would have it): no bit of the run queues'
 * bitmap from its priority up.  x16 = &sched_cpu afterwards, the base of
 * the scheduler's and the architecture's per-CPU state. */
.macro check_peer p, decline
	ldrb	w9, [\p, #T_SUSPENDED]
	cbnz	w9, \decline
	ldr	x9, [\p, #T_DEADLINE]
	cbnz	x9, \decline
	adr_l	x16, sched_cpu
	ldr	x9, [x16, #SC_RQ_BITMAP]
	cbz	x9, 1f			/* nothing READY */
	ldrb	w10, [\p, #T_PRIO]
	lsr	x9, x9, x10
	cbnz	x9, \decline
1:
.endm

/*
 * Words MSG_REG_WORDS and up of the message (w1 = its word count:
 * check_message lets no other bits through) from \from's IPC buffer to
 * \to's, as transfer (core/ipc.c) copies them: one word if the count
 * past the registers is odd, then pairs.  Uses x9..x13.
 */
.macro copy_words from, to
	subs	w9, w1, #MSG_REG_WORDS
	b.ls	8f
	ldr	x10, [\from, #T_IPCBUF]
	ldr	x11, [\to, #T_IPCBUF]
	add	x10, x10, #IPCBUF_XWORDS
	add	x11, x11, #IPCBUF_XWORDS
	tbz	w9, #0, 7f
	ldr	x12, [x10], #8
	str	x12, [x11], #8
	subs	w9, w9, #1
	b.eq	8f
7:	ldp	x12, x13, [x10], #16
	stp	x12, x13, [x11], #16
	subs	w9, w9, #2
	b.ne	7b
8:
.endm

/* Store the callee-saved registers, SP_EL0, ELR and SPSR of the thread
 * at \t (x0..x8 need not be kept: the call returns its results there). */
.macro save_callee t
	stp	x18, x19, [\t, #TF_X18]
	stp	x20, x21, [\t, #TF_X18 + 16]
	stp	x22, x23, [\t, #TF_X18 + 32]
	stp	x24, x25, [\t, #TF_X18 + 48]
	stp	x26, x27, [\t, #TF_X18 + 64]
	stp	x28, x29, [\t, #TF_X18 + 80]
	mrs	x9, sp_el0
	stp	x30, x9, [\t, #TF_X30]
	mrs	x9, elr_el1
	mrs	x10, spsr_el1
	stp	x9, x10, [\t, #TF_ELR]
.endm

/*
 * Hand the CPU from thread \prev to thread \next (x16 = &sched_cpu), as
 * switch_direct (core/sched.c) and arch_thread_switch (arch/switch.h)
 * would, but for what a handoff leaves alone: the callee works in its
 * caller's time slice, and so its CPU time is billed with the slice's
 * (sched_cpu.billed), and the handoff is no scheduler switch
 * (sched_cpu.switches).  State, the thread registers, the address space,
 * FP/SIMD.  Uses x9..x13.
 */
.macro switch_to prev, next
	mov	w9, #THREAD_RUNNING
	strb	w9, [\next, #T_STATE]
	ldr	x9, [\prev, #T_SLICE_END]
	str	x9, [\next, #T_SLICE_END]
	str	\next, [x16, #SC_CURRENT]
	/* TPIDR_EL0 (the user's), TPIDRRO_EL0 (the IPC buffer) */
	mrs	x9, tpidr_el0
	str	x9, [\prev, #T_TPIDR]
	ldp	x9, x10, [\next, #T_TPIDR]
	msr	tpidr_el0, x9
	msr	tpidrro_el0, x10
	/* TTBR0_EL1, unless the address space is the same (the running
	 * thread's is the active one) */
	ldr	x9, [\prev, #T_ASPACE]
	ldr	x10, [\next, #T_ASPACE]
	cmp	x9, x10
	b.eq	2f
	add	x9, x10, #AS_ARCH
	ldr	x11, [x9, #ARCH_TTBR]
	msr	ttbr0_el1, x11
	isb
	str	x9, [x16, #CPU_USPACE_ACTIVE]
2:	/* FP/SIMD is on at EL0 only while the registers' owner runs
	 * (fpsimd_switch): when it is off and \next does not load its own
	 * eagerly, it stays off and nothing moves. */
	ldr	x9, [x16, #CPU_FP_ON]
	ldrb	w10, [\next, #T_FP_EAGER]
	orr	x10, x10, x9
	cbz	x10, 3f
	mov	x13, \next
	bl	fastpath_fp_switch
3:
.endm
/*
 * Return to user space in thread \t with the message in x0..x7: its own
 * registers from its frame for everything else (SP becomes the frame, as
 * every register is reloaded), then SP_EL1 just past its frame for its
 * next exception.
 */
.macro resume t
	add	sp, \t, #TF_SIZE
	ldp	x9, x10, [sp, #TF_ELR - TF_SIZE]
	msr	elr_el1, x9
	msr	spsr_el1, x10
	ldp	x30, x9, [sp, #TF_X30 - TF_SIZE]
	msr	sp_el0, x9
	ldp	x8, x9, [sp, #TF_X8 - TF_SIZE]
	ldp	x10, x11, [sp, #TF_X8 + 16 - TF_SIZE]
	ldp	x12, x13, [sp, #TF_X8 + 32 - TF_SIZE]
	ldp	x14, x15, [sp, #TF_X8 + 48 - TF_SIZE]
	ldp	x16, x17, [sp, #TF_X8 + 64 - TF_SIZE]
	ldp	x18, x19, [sp, #TF_X18 - TF_SIZE]
	ldp	x20, x21, [sp, #TF_X18 + 16 - TF_SIZE]
	ldp	x22, x23, [sp, #TF_X18 + 32 - TF_SIZE]
	ldp	x24, x25, [sp, #TF_X18 + 48 - TF_SIZE]
	ldp	x26, x27, [sp, #TF_X18 + 64 - TF_SIZE]
	ldp	x28, x29, [sp, #TF_X18 + 80 - TF_SIZE]
	eret
.endm

	.text

/*
 * FP/SIMD across a fast-path switch when it is on (the previous thread
 * owns the registers) or next loads its own eagerly (switch_to tested
 * which), as fpsimd_switch (arch/switch.h) does it.  x9 = whether FP is
 * on (struct arch_cpu's fp_on), x13 = next, x16 = &sched_cpu.  Uses x9..x12 (x30 holds the
 * return address: the user's is saved, and resume reloads it).
 */
LOCAL(fastpath_fp_switch)
	ldrb	w10, [x13, #T_FP_EAGER]
	cbz	w10, 2f			/* lazy: FP (on) goes off for next */
	sub	w10, w10, #1
	strb	w10, [x13, #T_FP_EAGER]
	ldr	x11, [x16, #CPU_FP_OWNER]
	cmp	x11, x13
	b.eq	1f			/* its values are still there */
	cbz	x11, 3f
	ldr	x11, [x11, #T_FP]
	fpsimd_save_regs x11, x10, x12
3:	ldr	x11, [x13, #T_FP]
	fpsimd_load_regs x11, x10, x12
	str	x13, [x16, #CPU_FP_OWNER]
1:	cbnz	x9, 5f			/* on already */
	mov	x9, #1
	str	x9, [x16, #CPU_FP_ON]
	mov	x10, #CPACR_FPEN_NOTRAP
	b	4f
2:	str	xzr, [x16, #CPU_FP_ON]
	mov	x10, #CPACR_FPEN_EL0_TRAPS
4:	mrs	x11, cpacr_el1
	bic	x11, x11, #CPACR_FPEN_MASK
	orr	x11, x11, x10
	msr	cpacr_el1, x11
	isb
5:	ret
END(fastpath_fp_switch)

/* call: the caller (sp) sends to the thread first in the receive queue. */
ENTRY(fastpath_call)
	check_message call_declined
	lookup_object OBJ_ENDPOINT, RIGHT_SEND_BIT, call_declined
	add	x13, x12, #EP_RECEIVERS
	ldr	x14, [x13, #LIST_NEXT]
	cmp	x14, x13
	b.eq	call_declined		/* nobody waits */
	sub	x14, x14, #T_LINK	/* x14 = the server */
	ldr	x9, [x14, #T_REPLY_TO]
	cbnz	x9, call_declined	/* it still owes someone a reply */
	check_peer x14, call_declined

	/* Committed.  The server leaves the endpoint's receive queue. */
	ldp	x9, x10, [x14, #T_LINK]
	str	x10, [x9, #LIST_NEXT]
	str	x9, [x10, #LIST_PREV]
	add	x9, x14, #T_LINK
	stp	x9, x9, [x14, #T_LINK]
	str	xzr, [x14, #T_WAITING_ON]
	/* The caller waits for the server's reply. */
	mov	x15, sp
	str	x15, [x14, #T_REPLY_TO]
	str	x14, [x15, #T_REPLIER]
	mov	w9, #THREAD_REPLY
	strb	w9, [x15, #T_STATE]
	/* The message as the server receives it: status, info, badge. */
	ldr	x2, [x11, #HE_BADGE]
	mov	x0, #0
	copy_words x15, x14
	save_callee x15
	switch_to x15, x14
	resume x14
END(fastpath_call)

/* reply_recv: the server (sp) answers its caller and waits again. */
ENTRY(fastpath_reply_recv)
	check_message reply_recv_declined
	ldr	x15, [sp, #T_REPLY_TO]
	cbz	x15, reply_recv_declined	/* nobody to answer */
	ldr	x9, [sp, #T_BOUND]
	cbz	x9, 6f
	ldr	x9, [x9, #N_BITS]
	cbnz	x9, reply_recv_declined	/* a signal to receive first */
6:
	lookup_object OBJ_ENDPOINT, RIGHT_RECV_BIT, reply_recv_declined
	add	x13, x12, #EP_SENDERS
	ldr	x9, [x13, #LIST_NEXT]
	cmp	x9, x13
	b.ne	reply_recv_declined	/* a message waits */
	ldr	w9, [x12, #EP_NSENDERS]
	cbz	w9, reply_recv_declined	/* nobody can send any more */
	check_peer x15, reply_recv_declined

	/* Committed.  The caller gets its answer... */
	mov	x14, sp
	str	xzr, [x14, #T_REPLY_TO]
	str	xzr, [x15, #T_REPLIER]
	/* ...and the server waits on the endpoint, after every receiver
	 * of its priority or more (ipc_waitq_insert): alone, or at the end
	 * unless the last one is less urgent. */
	add	x13, x12, #EP_RECEIVERS
	add	x9, x14, #T_LINK
	ldr	x11, [x13, #LIST_PREV]
	cmp	x11, x13
	b.ne	3f
	stp	x13, x13, [x14, #T_LINK]	/* nobody waits */
	stp	x9, x9, [x13]
	b	6f
3:	ldrb	w10, [x14, #T_PRIO]
	ldrb	w11, [x11, #T_PRIO - T_LINK]
	mov	x12, x13
	cmp	w11, w10
	b.hs	5f			/* the last is as urgent or more */
4:	ldr	x12, [x12, #LIST_NEXT]
	cmp	x12, x13
	b.eq	5f
	ldrb	w11, [x12, #T_PRIO - T_LINK]
	cmp	w11, w10
	b.hs	4b
5:	ldr	x11, [x12, #LIST_PREV]	/* insert before x12 */
	stp	x11, x12, [x14, #T_LINK]
	str	x9, [x11, #LIST_NEXT]
	str	x9, [x12, #LIST_PREV]
	sub	x12, x13, #EP_RECEIVERS	/* the endpoint again */
6:	str	x12, [x14, #T_WAITING_ON]
	mov	w9, #THREAD_RECV
	strb	w9, [x14, #T_STATE]
	/* The reply as the caller receives it: status, info, no badge
	 * (x2, the deadline, is 0). */
	mov	x0, #0
	copy_words x14, x15
	save_callee x14
	switch_to x14, x15
	resume x15
END(fastpath_reply_recv)

/*
 * Declined: the general path makes the call the svc immediate named, so
 * the number it reads from the frame's x8 is set to match (an svc #1
 * with another number in x8 is still a call).
 */
LOCAL(call_declined)
	mov	x8, #SYS_CALL
	str	x8, [sp, #TF_X8]
	b	el0_syscall
END(call_declined)

LOCAL(reply_recv_declined)
	mov	x8, #SYS_REPLY_RECV
	str	x8, [sp, #TF_X8]
	b	el0_syscall
END(reply_recv_declined)

/*
 * signal (svc #5): x0 = the notification handle, x1 = the bits, as
 * notification_signal (core/notification.c) and sched_wake
 * (core/sched.c) would do it, when nothing unusual is going on: the bits
 * are ORed in, and the first waiter, if any, takes them and is READY at
 * the back of its priority's run queue while the signaller carries on.
 * It declines to the general path when the bits are 0 (an error), the
 * handle is not a notification's with the right to signal, nobody waits
 * but the bound thread waits for a message (it gets them as one), or the
 * waiter has a deadline to cancel, is suspended, is more urgent than the
 * signaller (the scheduler switches), or of its priority while the timer
 * is not set for the end of the signaller's slice (round robin with it
 * needs that).  x8..x15 come back from the frame (x10..x15 the caller's
 * own from an earlier exception: the ABI lets a call change them, and
 * no kernel value leaks), so the caller resumes with MLK_OK in x0.
 */
ENTRY(fastpath_signal)
	cbz	x1, signal_declined
	lookup_object OBJ_NOTIFICATION, RIGHT_SIGNAL_BIT, signal_declined
	ldr	x9, [x12, #N_BITS]
	orr	x9, x9, x1		/* the bits it has now */
	add	x13, x12, #N_WAITERS
	ldr	x14, [x13, #LIST_NEXT]
	cmp	x14, x13
	b.ne	1f
	/* Nobody waits: the bits stay. */
	ldr	x10, [x12, #N_BOUND]
	cbz	x10, 2f
	ldrb	w10, [x10, #T_STATE]
	cmp	w10, #THREAD_RECV
	b.eq	signal_declined		/* they are the bound thread's message */
2:	str	x9, [x12, #N_BITS]
	b	signal_done

1:	sub	x14, x14, #T_LINK	/* x14 = the first waiter */
	ldr	x10, [x14, #T_DEADLINE]
	cbnz	x10, signal_declined
	ldrb	w10, [x14, #T_SUSPENDED]
	cbnz	w10, signal_declined
	adr_l	x15, sched_cpu
	ldrb	w10, [x14, #T_PRIO]
	ldrb	w11, [sp, #T_PRIO]
	cmp	w10, w11
	b.hi	signal_declined
	b.lo	3f
	ldr	x11, [sp, #T_SLICE_END]
	ldr	x13, [x15, #SC_ARMED]
	cmp	x11, x13
	b.lo	signal_declined

3:	/* Committed.  The waiter leaves the queue with MLK_OK and the
	 * bits, which the notification no longer has... */
	ldp	x11, x13, [x14, #T_LINK]
	str	x13, [x11, #LIST_NEXT]
	str	x11, [x13, #LIST_PREV]
	str	xzr, [x14, #T_WAITING_ON]
	stp	xzr, x9, [x14, #TF_X0]
	str	xzr, [x12, #N_BITS]
	/* ...and is READY at the back of its priority's run queue. */
	mov	w11, #THREAD_READY
	strb	w11, [x14, #T_STATE]
	add	x13, x15, #SC_RQ_QUEUES
	add	x13, x13, x10, lsl #LIST_SIZE_SHIFT
	ldr	x11, [x13, #LIST_PREV]
	add	x12, x14, #T_LINK
	stp	x11, x13, [x12]
	str	x12, [x11, #LIST_NEXT]
	str	x12, [x13, #LIST_PREV]
	ldr	x11, [x15, #SC_RQ_BITMAP]
	mov	x13, #1
	lsl	x13, x13, x10
	orr	x11, x11, x13
	str	x11, [x15, #SC_RQ_BITMAP]
signal_done:
	mov	x0, #0
	ldp	x8, x9, [sp, #TF_X8]
	ldp	x10, x11, [sp, #TF_X8 + 16]
	ldp	x12, x13, [sp, #TF_X8 + 32]
	ldp	x14, x15, [sp, #TF_X8 + 48]
	add	sp, sp, #TF_SIZE
	eret
END(fastpath_signal)

LOCAL(signal_declined)
	mov	x8, #SYS_SIGNAL
	str	x8, [sp, #TF_X8]
	b	el0_syscall
END(signal_declined)
