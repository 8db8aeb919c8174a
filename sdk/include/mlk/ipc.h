/*
 * Messages.
 *
 * A message is a 32-bit label, up to MLK_MSG_MAX_WORDS 64-bit words and up
 * to MLK_MSG_MAX_HANDLES handles.  The first MLK_MSG_REG_WORDS words travel
 * in registers; the rest, and the handles, in the sending and receiving
 * threads' IPC buffers.  A thread's IPC buffer is a page the kernel maps
 * for it; TPIDRRO_EL0 holds its address.
 *
 * Registers of the IPC system calls (svc #0, number in x8; call and
 * reply_recv by svc #1 and #2, see mlk/svc.h):
 *
 *   in   x0  endpoint (call, send, nbsend, recv, reply_recv) or saved reply
 *            handle (reply_to)
 *        x1  message info of the message sent (mlk_msginfo)
 *        x2  deadline of the wait, monotonic ns; 0 = none (call, recv,
 *            reply_recv)
 *        x3..x7  words 0..4
 *   out  x0  status
 *        x1  message info of the message received
 *        x2  badge of the handle the message came through
 *        x3..x7  words 0..4
 */
#ifndef MLK_IPC_H
#define MLK_IPC_H

#include <stdint.h>

#include <mlk/handle.h>
#include <mlk/layout.h>

#define MLK_MSG_REG_WORDS 5
#define MLK_MSG_MAX_WORDS 64
#define MLK_MSG_MAX_HANDLES 4

/*
 * Message info: bits 0..6 word count, 8..10 handle count, 12..15 one bit
 * per handle sent: 1 = copy it (needs MLK_RIGHT_DUPLICATE), 0 = move it;
 * bits 32..63 the label.
 */
typedef uint64_t mlk_msginfo_t;

#define MLK_MSGINFO(label, nwords, nhandles)                                   \
	(((uint64_t)(uint32_t)(label) << 32) | ((uint64_t)(nhandles) << 8) |   \
	 (uint64_t)(nwords))
#define MLK_MSGINFO_LABEL(i) ((uint32_t)((i) >> 32))
#define MLK_MSGINFO_WORDS(i) ((unsigned)((i)&0x7f))
#define MLK_MSGINFO_HANDLES(i) ((unsigned)(((i) >> 8) & 0x7))
#define MLK_MSGINFO_COPY(i, h) ((unsigned)(((i) >> (12 + (h))) & 1))
#define MLK_MSGINFO_COPY_BIT(h) (1ull << (12 + (h)))

/* The IPC buffer of a thread (one page, kernel-provided). */
struct mlk_ipc_buffer {
	/* Words MLK_MSG_REG_WORDS.. of a message; the first ones are in
	 * registers and their slots here are not used by the kernel. */
	uint64_t words[MLK_MSG_MAX_WORDS];
	/* Handles to send; after a receive, the handles received. */
	mlk_handle_t handles[MLK_MSG_MAX_HANDLES];
	/* For the user-space runtime; the kernel never touches it. */
	uint64_t user[64];
};

_Static_assert(sizeof(struct mlk_ipc_buffer) <= MLK_PAGE_SIZE,
	       "the IPC buffer is one page");

/* Labels at and above MLK_LABEL_KERNEL are sent by the kernel only. */
#define MLK_LABEL_KERNEL 0xffff0000u
#define MLK_LABEL_FAULT 0xffff0001u  /* a thread faulted (see below) */
#define MLK_LABEL_EXIT 0xffff0002u   /* a process ended */
#define MLK_LABEL_NOTIFY 0xffff0003u /* the bound notification fired */

/*
 * A fault message to a process's supervisor, label MLK_LABEL_FAULT:
 * words 0 kind, 1 faulting address, 2 pc, 3 thread id, 4 process id.  The
 * badge is the one the supervisor gave mlk_process_set_supervisor.  Only
 * the kernel sends these labels, and only a process's ancestors can point
 * its reports at an endpoint they receive on, so the badge is the
 * supervisor's own; the process id (mlk_object_id of the process handle)
 * tells a report of the current run from a late one of an earlier run.
 * The thread stays suspended until the supervisor resumes or kills it.
 *
 * An exit message, label MLK_LABEL_EXIT: word 0 exit code, 3 thread id of
 * the last thread, 4 process id.
 *
 * A notification bound to a thread (thread_bind_notification) reaches it
 * in recv too: label MLK_LABEL_NOTIFY, word 0 the bits (now cleared),
 * badge 0.  So a driver waits for its interrupts and its clients at once.
 *
 * Close notices: after endpoint_close_notify, closing a badged handle to
 * the endpoint (or the death of the process holding it; moving it in a
 * message is no close) signals the notification, and endpoint_closed pops
 * the badges, oldest first, so a server frees what it kept per client.
 */
enum mlk_fault_kind {
	MLK_FAULT_READ = 1,	 /* data abort on a read */
	MLK_FAULT_WRITE = 2,	 /* data abort on a write */
	MLK_FAULT_EXEC = 3,	 /* instruction abort */
	MLK_FAULT_ALIGN = 4,	 /* PC or SP alignment */
	MLK_FAULT_UNDEFINED = 5, /* undefined or trapped instruction */
	MLK_FAULT_BREAKPOINT = 6,
	MLK_FAULT_OTHER = 7,
};

/* Exit codes the kernel uses when it ends a process. */
#define MLK_EXIT_KILLED (-1)  /* process_kill without a code of its own */
#define MLK_EXIT_FAULTED (-2) /* faulted with no supervisor */

#endif
