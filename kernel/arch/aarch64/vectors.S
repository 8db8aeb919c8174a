/*
 * Exception vectors (Arm ARM D1.10.2 "Exception vectors": 16 entries of
 * 0x80 bytes, the table aligned to 2 KiB, VBAR_EL1 pointing at it).
 *
 * Who jumps here: the CPU, on an exception taken to EL1.  All registers
 * hold the interrupted context's values; ELR_EL1, SPSR_EL1, ESR_EL1 and
 * FAR_EL1 describe the exception.
 *
 * Entries from EL0 save the user's registers into the running thread:
 * while a thread runs in user space, SP_EL1 points just past the trap
 * frame at the start of its struct thread, so the pushes land there.  They
 * then move to this CPU's kernel stack, handle the exception and leave
 * through ret_to_user, which returns to whichever thread the scheduler
 * picked (its frame becomes the stack that is popped).  No thread has a
 * kernel stack of its own.
 *
 * Entries from EL1 (a kernel fault, or an interrupt in the idle loop) save
 * a trap frame on the current stack, call a C handler and return.  They
 * first check that the stack pointer is still in the mapped half of its
 * stack slot (see memlayout.h); if it ran into the guard, the frame goes
 * to the emergency stack instead and the kernel reports the overflow.
 */
#include <arch/asm.h>
#include <arch/memlayout.h>
#include <arch/sysreg.h>

#include "generated/asm-offsets.h"

/*
 * Save x0..x30, the interrupted SP, ELR and SPSR at [sp].  What goes in
 * tf_sp: FRAME_KERNEL the SP before the exception, FRAME_USER SP_EL0,
 * FRAME_OVERFLOW the address the stack faulted at.
 */
#define FRAME_KERNEL 0
#define FRAME_USER 1
#define FRAME_OVERFLOW 2
.macro save_frame, kind
	stp	x0, x1, [sp, #TF_X0 + 16 * 0]
	stp	x2, x3, [sp, #TF_X0 + 16 * 1]
	stp	x4, x5, [sp, #TF_X0 + 16 * 2]
	stp	x6, x7, [sp, #TF_X0 + 16 * 3]
	stp	x8, x9, [sp, #TF_X0 + 16 * 4]
	stp	x10, x11, [sp, #TF_X0 + 16 * 5]
	stp	x12, x13, [sp, #TF_X0 + 16 * 6]
	stp	x14, x15, [sp, #TF_X0 + 16 * 7]
	stp	x16, x17, [sp, #TF_X0 + 16 * 8]
	stp	x18, x19, [sp, #TF_X0 + 16 * 9]
	stp	x20, x21, [sp, #TF_X0 + 16 * 10]
	stp	x22, x23, [sp, #TF_X0 + 16 * 11]
	stp	x24, x25, [sp, #TF_X0 + 16 * 12]
	stp	x26, x27, [sp, #TF_X0 + 16 * 13]
	stp	x28, x29, [sp, #TF_X0 + 16 * 14]
	.if \kind == FRAME_KERNEL
	add	x21, sp, #TF_SIZE
	.elseif \kind == FRAME_USER
	mrs	x21, sp_el0
	.else
	mrs	x21, far_el1
	.endif
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
	stp	x30, x21, [sp, #TF_X30]
	stp	x22, x23, [sp, #TF_ELR]
.endm

.macro restore_frame_and_eret, kind=FRAME_KERNEL
	ldp	x22, x23, [sp, #TF_ELR]
	msr	elr_el1, x22
	msr	spsr_el1, x23
	.if \kind == FRAME_USER
	ldr	x21, [sp, #TF_SP]
	msr	sp_el0, x21
	.endif
	ldp	x0, x1, [sp, #TF_X0 + 16 * 0]
	ldp	x2, x3, [sp, #TF_X0 + 16 * 1]
	ldp	x4, x5, [sp, #TF_X0 + 16 * 2]
	ldp	x6, x7, [sp, #TF_X0 + 16 * 3]
	ldp	x8, x9, [sp, #TF_X0 + 16 * 4]
	ldp	x10, x11, [sp, #TF_X0 + 16 * 5]
	ldp	x12, x13, [sp, #TF_X0 + 16 * 6]
	ldp	x14, x15, [sp, #TF_X0 + 16 * 7]
	ldp	x16, x17, [sp, #TF_X0 + 16 * 8]
	ldp	x18, x19, [sp, #TF_X0 + 16 * 9]
	ldp	x20, x21, [sp, #TF_X0 + 16 * 10]
	ldp	x22, x23, [sp, #TF_X0 + 16 * 11]
	ldp	x24, x25, [sp, #TF_X0 + 16 * 12]
	ldp	x26, x27, [sp, #TF_X0 + 16 * 13]
	ldp	x28, x29, [sp, #TF_X0 + 16 * 14]
	ldr	x30, [sp, #TF_X30]
	add	sp, sp, #TF_SIZE
	eret
.endm

/*
 * Each entry is one 128-byte slot: vslot starts it, vslot_end pads it
 * and fails the build if the code overflowed it.
 */
.macro vslot
	.align	7
9999:
.endm
.macro vslot_end
	.org	9999b + 0x80
.endm

/*
 * After making room for the frame on an entry from EL1: test bit
 * KERNEL_STACK_SHIFT of the new SP without a free register (x0 is parked
 * in SP and back again).
 */
.macro el1_stack_check
	add	sp, sp, x0		/* sp' = sp + x0 */
	sub	x0, sp, x0		/* x0' = sp */
	tbz	x0, #KERNEL_STACK_SHIFT, el1_stack_overflow
	sub	x0, sp, x0		/* x0 = x0 */
	sub	sp, sp, x0		/* sp = sp */
.endm

.macro ventry_el1, handler
	vslot
	sub	sp, sp, #TF_SIZE
	el1_stack_check
	b	\handler
	vslot_end
.endm

/*
 * An exception MLK never expects (kind for aarch64_bad_exception), dealt
 * with in its slot, which has the room: save a frame, report, stop.
 */
.macro ventry_bad, kind, el1=0
	vslot
	sub	sp, sp, #TF_SIZE
	.if \el1
	el1_stack_check
	.endif
	save_frame FRAME_KERNEL
	mov	x0, sp
	mov	x1, #\kind
	bl	aarch64_bad_exception
	b	.
	vslot_end
.endm

/*
 * An interrupt from EL0, in its slot: sp = the running thread (its trap
 * frame is at offset 0).  Save into it, switch to this CPU's kernel stack
 * (TPIDR_EL1 holds its top), handle, return through ret_to_user.
 */
.macro ventry_el0_irq
	vslot
	sub	sp, sp, #TF_SIZE
	save_frame FRAME_USER
	mov	x19, sp
	mrs	x9, tpidr_el1
	mov	sp, x9
	mov	x0, x19
	bl	aarch64_el0_irq
	b	ret_to_user
	vslot_end
.endm

/*
 * Synchronous exceptions from EL0.  x8 and x9 go to the frame first, to
 * have registers for ESR_EL1.  System calls (EC 0x15, SVC from AArch64)
 * may clobber x8..x18 by the ABI, so they need not save x10..x17: svc #1
 * and #2 (call and reply_recv, mlk/svc.h) try their fast paths
 * (fastpath.S), which go to el0_syscall when they decline; svc #3 tries
 * the leaf path (el0_leaf), svc #4 the yield path (el0_yield), svc #5
 * signal's fast path (fastpath_signal); svc #0, the number in x8, goes to el0_syscall
 * directly, as do other immediates.  Other
 * exceptions save everything and go to aarch64_el0_exception.  The C
 * handlers return the frame to resume, maybe another thread's.
 */
.macro ventry_el0_sync
	vslot
	sub	sp, sp, #TF_SIZE
	stp	x8, x9, [sp, #TF_X8]
	mrs	x9, esr_el1
	movz	w8, #ESR_SVC64_HI, lsl #16
	sub	w9, w9, w8		/* an svc's immediate, else >= 2^16 */
	cbz	w9, el0_syscall
	cmp	w9, #SVC_CALL
	b.eq	fastpath_call
	cmp	w9, #SVC_REPLY_RECV
	b.eq	fastpath_reply_recv
	cmp	w9, #SVC_YIELD
	b.eq	el0_yield
	cmp	w9, #SVC_LEAF
	b.eq	el0_leaf
	cmp	w9, #SVC_SIGNAL
	b.eq	fastpath_signal
	lsr	w9, w9, #16
	cbz	w9, el0_syscall
	b	el0_exception
	vslot_end
.endm

	.text
	.align	11
ENTRY(exception_vectors)
	/* Current EL with SP_EL0: the kernel never runs on SP_EL0. */
	ventry_bad	3
	ventry_bad	3
	ventry_bad	3
	ventry_bad	3
	/* Current EL with SP_ELx. */
	ventry_el1	el1_sync
	ventry_el1	el1_irq
	ventry_bad	1, el1=1	/* FIQ */
	ventry_bad	2, el1=1	/* SError */
	/* Lower EL, AArch64. */
	ventry_el0_sync
	ventry_el0_irq
	ventry_bad	1		/* FIQ */
	ventry_bad	2		/* SError */
	/* Lower EL, AArch32: MLK runs no 32-bit code. */
	ventry_bad	4
	ventry_bad	4
	ventry_bad	4
	ventry_bad	4
END(exception_vectors)

.macro kernel_handler, name, cfunc
LOCAL(\name)
	save_frame FRAME_KERNEL
	mov	x0, sp
	bl	\cfunc
	restore_frame_and_eret
END(\name)
.endm

	kernel_handler	el1_sync, aarch64_el1_sync
	kernel_handler	el1_irq, aarch64_irq

/*
 * A system call on the general path (from the el0_sync slot, or a fast
 * path that declined): x8 and x9 are in the frame already, and the number
 * is the frame's x8.  Only what the C code may change is saved: x19..x29
 * are kept by syscall_entry as by any C function, so when the caller
 * resumes they are still its own and are not reloaded.  When another
 * thread resumes, they go where syscall_entry says (the caller's frame,
 * see kernel/include/syscall.h).  x18 is no callee-saved register (the
 * C code may use it) and is saved.
 */
ENTRY(el0_syscall)
	stp	x0, x1, [sp, #TF_X0 + 16 * 0]
	stp	x2, x3, [sp, #TF_X0 + 16 * 1]
	stp	x4, x5, [sp, #TF_X0 + 16 * 2]
	stp	x6, x7, [sp, #TF_X0 + 16 * 3]
	str	x18, [sp, #TF_X18]
	mrs	x10, sp_el0
	mrs	x11, elr_el1
	mrs	x12, spsr_el1
	stp	x30, x10, [sp, #TF_X30]
	stp	x11, x12, [sp, #TF_ELR]
	mov	x0, sp
	mrs	x9, tpidr_el1		/* this CPU's kernel stack */
	mov	sp, x9
	bl	syscall_entry		/* x0 = frame to resume, x1 = keep */
	cbnz	x1, el0_syscall_switched
el0_syscall_resume:
	/* The caller again: its x19..x29 and SP_EL0 are as it left them. */
	mov	sp, x0
	ldp	x10, x11, [sp, #TF_ELR]
	msr	elr_el1, x10
	msr	spsr_el1, x11
	ldp	x0, x1, [sp, #TF_X0 + 16 * 0]
	ldp	x2, x3, [sp, #TF_X0 + 16 * 1]
	ldp	x4, x5, [sp, #TF_X0 + 16 * 2]
	ldp	x6, x7, [sp, #TF_X0 + 16 * 3]
	ldp	x8, x9, [sp, #TF_X0 + 16 * 4]
	ldp	x10, x11, [sp, #TF_X0 + 16 * 5]
	ldp	x12, x13, [sp, #TF_X0 + 16 * 6]
	ldp	x14, x15, [sp, #TF_X0 + 16 * 7]
	ldp	x16, x17, [sp, #TF_X0 + 16 * 8]
	ldr	x18, [sp, #TF_X18]
	ldr	x30, [sp, #TF_X30]
	add	sp, sp, #TF_SIZE
	eret
END(el0_syscall)

/*
 * svc #3: a LEAF call (sdk/include/mlk/syscalls.def), one that never
 * blocks, wakes or switches threads, reaches user memory or reads the
 * return state, and takes no arguments.  x8 and x9 are in the frame (the
 * slot used both, so the number is read back).
 * Its glue runs on the CPU's stack with x0..x7 in the frame (its outputs
 * go to x1 and x2 there); ELR, SPSR and SP_EL0 stay in the registers,
 * as nothing the call does can take an exception (interrupts are masked)
 * or change them, and the caller resumes without a scheduling decision.
 * x19 carries the frame across the C call (the user's x19 waits in the
 * frame); x8..x18 come back from the frame, so no kernel value leaks.
 * Any other number goes to el0_syscall, as svc #0 would.
 */
LOCAL(el0_leaf)
	ldr	x8, [sp, #TF_X8]
	cmp	x8, #SYSCALL_LIMIT
	b.hs	el0_syscall
	adr_l	x9, syscall_leaf_table
	ldr	x9, [x9, x8, lsl #3]
	cbz	x9, el0_syscall
	stp	x0, x1, [sp, #TF_X0 + 16 * 0]
	stp	x2, x3, [sp, #TF_X0 + 16 * 1]
	stp	x4, x5, [sp, #TF_X0 + 16 * 2]
	stp	x6, x7, [sp, #TF_X0 + 16 * 3]
	stp	x18, x19, [sp, #TF_X18]
	str	x30, [sp, #TF_X30]
	mov	x19, sp
	mov	x0, sp			/* self: the frame starts the thread */
	mov	x1, sp			/* its frame */
	mrs	x10, tpidr_el1		/* this CPU's kernel stack */
	mov	sp, x10
	blr	x9			/* x0 = the status */
	mov	sp, x19
	ldp	x1, x2, [sp, #TF_X0 + 8 * 1]
	ldp	x3, x4, [sp, #TF_X0 + 8 * 3]
	ldp	x5, x6, [sp, #TF_X0 + 8 * 5]
	ldp	x7, x8, [sp, #TF_X0 + 8 * 7]
	ldp	x9, x10, [sp, #TF_X0 + 8 * 9]
	ldp	x11, x12, [sp, #TF_X0 + 8 * 11]
	ldp	x13, x14, [sp, #TF_X0 + 8 * 13]
	ldp	x15, x16, [sp, #TF_X0 + 8 * 15]
	ldp	x17, x18, [sp, #TF_X0 + 8 * 17]
	ldr	x19, [sp, #TF_X0 + 8 * 19]
	ldr	x30, [sp, #TF_X30]
	add	sp, sp, #TF_SIZE
	eret
END(el0_leaf)

/*
 * svc #4: yield, whatever x8 holds.  x8 and x9 are in the frame.  Its
 * MLK_OK and x1..x7, x18, x30, ELR and SPSR go to the frame first, as
 * el0_syscall stores them; SP_EL0 only when another thread resumes, as
 * the caller resuming keeps it in the register: nothing a yield does can
 * take an exception (interrupts are masked, no user memory is touched)
 * or change it.  sched_yield switches directly to a thread of the same
 * priority; then, as syscall_entry does after a call, the thread that
 * is current resumes unless the scheduler has more to do, through
 * el0_syscall's exits.
 */
LOCAL(el0_yield)
	stp	xzr, x1, [sp, #TF_X0 + 16 * 0]
	stp	x2, x3, [sp, #TF_X0 + 16 * 1]
	stp	x4, x5, [sp, #TF_X0 + 16 * 2]
	stp	x6, x7, [sp, #TF_X0 + 16 * 3]
	str	x18, [sp, #TF_X18]
	str	x30, [sp, #TF_X30]
	mrs	x10, elr_el1
	mrs	x11, spsr_el1
	stp	x10, x11, [sp, #TF_ELR]
	mov	x0, sp
	mrs	x9, tpidr_el1		/* this CPU's kernel stack */
	mov	sp, x9
	str	x0, [sp, #-16]!
	bl	sched_yield
	ldr	x1, [sp], #16		/* the yielder, its frame first */
	adr_l	x16, sched_cpu
	ldrb	w9, [x16, #SC_NEED_RESCHED]
	ldr	x0, [x16, #SC_CURRENT]
	cbnz	w9, el0_yield_resched
1:	cmp	x0, x1
	b.eq	el0_syscall_resume
	mrs	x10, sp_el0
	str	x10, [x1, #TF_SP]
	b	el0_syscall_switched
/* A more urgent thread is ready (syscall_entry's exit, the yielder never
 * dead): x0 = whoever sched_next_to_run picks. */
el0_yield_resched:
	str	x1, [sp, #-16]!
	bl	sched_next_to_run
	ldr	x1, [sp], #16
	b	1b
END(el0_yield)

/* Another thread resumes: x0 = its frame, x1 = where the caller's
 * x19..x29 go. */
LOCAL(el0_syscall_switched)
	stp	x19, x20, [x1, #TF_X18 + 8]
	stp	x21, x22, [x1, #TF_X18 + 24]
	stp	x23, x24, [x1, #TF_X18 + 40]
	stp	x25, x26, [x1, #TF_X18 + 56]
	stp	x27, x28, [x1, #TF_X18 + 72]
	str	x29, [x1, #TF_X18 + 88]
	mov	sp, x0
	restore_frame_and_eret FRAME_USER
END(el0_syscall_switched)

LOCAL(el0_exception)
	stp	x0, x1, [sp, #TF_X0 + 16 * 0]
	stp	x2, x3, [sp, #TF_X0 + 16 * 1]
	stp	x4, x5, [sp, #TF_X0 + 16 * 2]
	stp	x6, x7, [sp, #TF_X0 + 16 * 3]
	stp	x10, x11, [sp, #TF_X0 + 16 * 5]
	stp	x12, x13, [sp, #TF_X0 + 16 * 6]
	stp	x14, x15, [sp, #TF_X0 + 16 * 7]
	stp	x16, x17, [sp, #TF_X0 + 16 * 8]
	stp	x18, x19, [sp, #TF_X0 + 16 * 9]
	stp	x20, x21, [sp, #TF_X0 + 16 * 10]
	stp	x22, x23, [sp, #TF_X0 + 16 * 11]
	stp	x24, x25, [sp, #TF_X0 + 16 * 12]
	stp	x26, x27, [sp, #TF_X0 + 16 * 13]
	stp	x28, x29, [sp, #TF_X0 + 16 * 14]
	mrs	x21, sp_el0
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
	stp	x30, x21, [sp, #TF_X30]
	stp	x22, x23, [sp, #TF_ELR]
	mov	x0, sp
	mrs	x9, tpidr_el1
	mov	sp, x9
	bl	aarch64_el0_exception
	mov	sp, x0
	restore_frame_and_eret FRAME_USER
END(el0_exception)

/*
 * Return to user space: ask the scheduler which thread runs (it idles
 * here, interrupts on, while none can), then pop that thread's frame; SP
 * ends just past it, ready for its next exception.  Also the way in for
 * the first thread (arch_enter_user, on the boot stack).
 */
ENTRY(arch_enter_user)
ENTRY(ret_to_user)
	bl	aarch64_return_frame
	mov	sp, x0
	restore_frame_and_eret FRAME_USER
END(ret_to_user)

/*
 * The stack ran into its guard.  x0 holds the bad SP, sp = bad SP + the
 * old x0.  Park the old x0 in SP_EL0 (this is fatal, the user's SP_EL0 does
 * not matter any more), move to the emergency stack and report.
 */
LOCAL(el1_stack_overflow)
	sub	x0, sp, x0		/* x0 = the old x0 */
	msr	sp_el0, x0
	adr_l	x0, __emergency_stack_top
	mov	sp, x0
	sub	sp, sp, #TF_SIZE
	mrs	x0, sp_el0
	save_frame FRAME_OVERFLOW
	mov	x0, sp
	bl	aarch64_stack_overflow
	b	.
END(el1_stack_overflow)
