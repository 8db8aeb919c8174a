/*
 * The svc instruction: raw system calls, by number, in registers.  The
 * named, documented stubs are in <mlk/sys.h> (generated from the system
 * call table); this header holds what they are made of, and the IPC stubs,
 * whose message travels in a struct mlk_ipc.  The reference of every call
 * is mlk-syscalls(2).
 *
 * ABI: the number in x8, arguments in x0..x6, the status back in x0 and
 * outputs in x1 and x2 (IPC: the registers of struct mlk_ipc).  Like a
 * function call, a system call may change x8..x18; x19..x30 and sp are
 * kept.  One function per argument count, so that a call sets only the
 * registers it uses.
 *
 * The svc immediate: #0 (MLK_SVC_ANY) makes the call x8 names, any of
 * them; #1 (MLK_SVC_CALL) and #2 (MLK_SVC_REPLY_RECV) make call and
 * reply_recv, which the kernel tries on its IPC fast path without
 * looking at x8 (x8 names them all the same: the kernel's general path
 * reads it); #3 (MLK_SVC_LEAF) makes the LEAF calls of the table (null,
 * clock_get), which the kernel runs without saving the return state, and
 * acts as #0 for the others; #4 (MLK_SVC_YIELD) is yield, whatever x8
 * holds, on a path of its own that saves only what a switch needs; #5
 * (MLK_SVC_SIGNAL) is signal, whatever x8 holds, which the kernel tries on
 * a fast path of its own.  Other immediates act as #0.
 */
#ifndef MLK_SVC_H
#define MLK_SVC_H

#include <stdint.h>

#include <mlk/handle.h>
#include <mlk/ipc.h>
#include <mlk/status.h>
#include <mlk/sysnum.h>

#define MLK_SVC_ANY 0
#define MLK_SVC_CALL 1
#define MLK_SVC_REPLY_RECV 2
#define MLK_SVC_LEAF 3
#define MLK_SVC_YIELD 4
#define MLK_SVC_SIGNAL 5
#define MLK_SVC_STR_(n) #n
/* An immediate as the string the svc instruction's text needs. */
#define MLK_SVC_STR(n) MLK_SVC_STR_(n)

/* What a system call may change besides its outputs, for the compiler. */
#define MLK_SVC_CLOBBERS                                                       \
	"x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18",   \
		"memory"

/*
 * Raw system calls with 0..7 arguments (x0..x6): each returns the status
 * and puts x1 and x2 in *r1 and *r2.
 */

/* System call nr with no arguments. */
static inline mlk_status_t mlk_svc0(uint64_t nr, uint64_t *r1, uint64_t *r2)
{
	register uint64_t x0 __asm__("x0");
	register uint64_t x1 __asm__("x1");
	register uint64_t x2 __asm__("x2");
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)
			 :
			 : MLK_SVC_CLOBBERS);
	*r1 = x1;
	*r2 = x2;
	return (mlk_status_t)x0;
}

/* LEAF system call nr (no arguments), by svc #3. */
static inline mlk_status_t mlk_svc0_leaf(uint64_t nr, uint64_t *r1,
					 uint64_t *r2)
{
	register uint64_t x0 __asm__("x0");
	register uint64_t x1 __asm__("x1");
	register uint64_t x2 __asm__("x2");
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #" MLK_SVC_STR(MLK_SVC_LEAF)
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)
			 :
			 : MLK_SVC_CLOBBERS);
	*r1 = x1;
	*r2 = x2;
	return (mlk_status_t)x0;
}

/* YIELD system call nr (no arguments), by svc #4. */
static inline mlk_status_t mlk_svc0_yield(uint64_t nr, uint64_t *r1,
					  uint64_t *r2)
{
	register uint64_t x0 __asm__("x0");
	register uint64_t x1 __asm__("x1");
	register uint64_t x2 __asm__("x2");
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #" MLK_SVC_STR(MLK_SVC_YIELD)
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)
			 :
			 : MLK_SVC_CLOBBERS);
	*r1 = x1;
	*r2 = x2;
	return (mlk_status_t)x0;
}

/* System call nr with argument a0 (x0). */
static inline mlk_status_t mlk_svc1(uint64_t nr, uint64_t a0, uint64_t *r1,
				    uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1");
	register uint64_t x2 __asm__("x2");
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)
			 :
			 : MLK_SVC_CLOBBERS);
	*r1 = x1;
	*r2 = x2;
	return (mlk_status_t)x0;
}

/* SIGNAL system call nr with arguments a0..a1 (x0..x1), by svc #5. */
static inline mlk_status_t mlk_svc2_signal(uint64_t nr, uint64_t a0,
					   uint64_t a1, uint64_t *r1,
					   uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2");
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #" MLK_SVC_STR(MLK_SVC_SIGNAL)
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)
			 :
			 : MLK_SVC_CLOBBERS);
	*r1 = x1;
	*r2 = x2;
	return (mlk_status_t)x0;
}

/* System call nr with arguments a0..a1 (x0..x1). */
static inline mlk_status_t mlk_svc2(uint64_t nr, uint64_t a0, uint64_t a1,
				    uint64_t *r1, uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2");
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)
			 :
			 : MLK_SVC_CLOBBERS);
	*r1 = x1;
	*r2 = x2;
	return (mlk_status_t)x0;
}

/* System call nr with arguments a0..a2 (x0..x2). */
static inline mlk_status_t mlk_svc3(uint64_t nr, uint64_t a0, uint64_t a1,
				    uint64_t a2, uint64_t *r1, uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)
			 :
			 : MLK_SVC_CLOBBERS);
	*r1 = x1;
	*r2 = x2;
	return (mlk_status_t)x0;
}

/* System call nr with arguments a0..a3 (x0..x3). */
static inline mlk_status_t mlk_svc4(uint64_t nr, uint64_t a0, uint64_t a1,
				    uint64_t a2, uint64_t a3, uint64_t *r1,
				    uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)
			 : "r"(x3)
			 : MLK_SVC_CLOBBERS);
	*r1 = x1;
	*r2 = x2;
	return (mlk_status_t)x0;
}

/* System call nr with arguments a0..a4 (x0..x4). */
static inline mlk_status_t mlk_svc5(uint64_t nr, uint64_t a0, uint64_t a1,
				    uint64_t a2, uint64_t a3, uint64_t a4,
				    uint64_t *r1, uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	register uint64_t x4 __asm__("x4") = a4;
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)
			 : "r"(x3), "r"(x4)
			 : MLK_SVC_CLOBBERS);
	*r1 = x1;
	*r2 = x2;
	return (mlk_status_t)x0;
}

/* System call nr with arguments a0..a5 (x0..x5). */
static inline mlk_status_t mlk_svc6(uint64_t nr, uint64_t a0, uint64_t a1,
				    uint64_t a2, uint64_t a3, uint64_t a4,
				    uint64_t a5, uint64_t *r1, uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	register uint64_t x4 __asm__("x4") = a4;
	register uint64_t x5 __asm__("x5") = a5;
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)
			 : "r"(x3), "r"(x4), "r"(x5)
			 : MLK_SVC_CLOBBERS);
	*r1 = x1;
	*r2 = x2;
	return (mlk_status_t)x0;
}

/* System call nr with arguments a0..a6 (x0..x6). */
static inline mlk_status_t mlk_svc7(uint64_t nr, uint64_t a0, uint64_t a1,
				    uint64_t a2, uint64_t a3, uint64_t a4,
				    uint64_t a5, uint64_t a6, uint64_t *r1,
				    uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	register uint64_t x4 __asm__("x4") = a4;
	register uint64_t x5 __asm__("x5") = a5;
	register uint64_t x6 __asm__("x6") = a6;
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)
			 : "r"(x3), "r"(x4), "r"(x5), "r"(x6)
			 : MLK_SVC_CLOBBERS);
	*r1 = x1;
	*r2 = x2;
	return (mlk_status_t)x0;
}

/* Any call, all seven argument registers. */
static inline mlk_status_t mlk_svc(uint64_t nr, uint64_t a0, uint64_t a1,
				   uint64_t a2, uint64_t a3, uint64_t a4,
				   uint64_t a5, uint64_t a6, uint64_t *r1,
				   uint64_t *r2)
{
	return mlk_svc7(nr, a0, a1, a2, a3, a4, a5, a6, r1, r2);
}

/* ---- IPC in registers (see mlk/ipc.h) ------------------------------------ */

/* The registers of an IPC call: what is sent, and what comes back. */
struct mlk_ipc {
	mlk_msginfo_t info;
	uint64_t badge; /* out: the sender's badge */
	uint64_t w[MLK_MSG_REG_WORDS];
};

/*
 * The body of an IPC stub with parameters nr, handle, deadline and io:
 * handle in x0, io's registers in x1 and x3..x7, then `svc #imm`.
 */
#define MLK_IPC_SVC_BODY(imm)                                                  \
	register uint64_t x0 __asm__("x0") = handle;                           \
	register uint64_t x1 __asm__("x1") = io->info;                         \
	register uint64_t x2 __asm__("x2") = deadline;                         \
	register uint64_t x3 __asm__("x3") = io->w[0];                         \
	register uint64_t x4 __asm__("x4") = io->w[1];                         \
	register uint64_t x5 __asm__("x5") = io->w[2];                         \
	register uint64_t x6 __asm__("x6") = io->w[3];                         \
	register uint64_t x7 __asm__("x7") = io->w[4];                         \
	register uint64_t x8 __asm__("x8") = nr;                               \
                                                                               \
	__asm__ volatile("svc #" MLK_SVC_STR(imm)                              \
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),   \
			   "+r"(x5), "+r"(x6), "+r"(x7), "+r"(x8)              \
			 :                                                     \
			 : MLK_SVC_CLOBBERS);                                  \
	io->info = x1;                                                         \
	io->badge = x2;                                                        \
	io->w[0] = x3;                                                         \
	io->w[1] = x4;                                                         \
	io->w[2] = x5;                                                         \
	io->w[3] = x6;                                                         \
	io->w[4] = x7;                                                         \
	return (mlk_status_t)x0

/* Raw IPC call nr (svc #0): handle in x0, io's registers in x1 and
 * x3..x7. */
static inline mlk_status_t mlk_ipc_svc(uint64_t nr, mlk_handle_t handle,
				       uint64_t deadline, struct mlk_ipc *io)
{
	MLK_IPC_SVC_BODY(MLK_SVC_ANY);
}

/* Send io's message on an endpoint and wait for the reply (into io). */
static inline mlk_status_t mlk_ipc_call(mlk_handle_t endpoint,
					uint64_t deadline, struct mlk_ipc *io)
{
	const uint64_t nr = MLK_SYS_call;
	const mlk_handle_t handle = endpoint;

	MLK_IPC_SVC_BODY(MLK_SVC_CALL);
}

/* Send io's message; wait until a receiver takes it. */
static inline mlk_status_t mlk_ipc_send(mlk_handle_t endpoint,
					struct mlk_ipc *io)
{
	return mlk_ipc_svc(MLK_SYS_send, endpoint, 0, io);
}

/* Send io's message only if a receiver waits (else MLK_ERR_UNAVAILABLE). */
static inline mlk_status_t mlk_ipc_nbsend(mlk_handle_t endpoint,
					  struct mlk_ipc *io)
{
	return mlk_ipc_svc(MLK_SYS_nbsend, endpoint, 0, io);
}

/* Wait for a message on an endpoint (into io; io->badge names the
 * sender's handle). */
static inline mlk_status_t mlk_ipc_recv(mlk_handle_t endpoint,
					uint64_t deadline, struct mlk_ipc *io)
{
	return mlk_ipc_svc(MLK_SYS_recv, endpoint, deadline, io);
}

/* Answer the call received last with io's message. */
static inline mlk_status_t mlk_ipc_reply(struct mlk_ipc *io)
{
	return mlk_ipc_svc(MLK_SYS_reply, 0, 0, io);
}

/* Reply with io's message, then wait for the next one (into io). */
static inline mlk_status_t
mlk_ipc_reply_recv(mlk_handle_t endpoint, uint64_t deadline, struct mlk_ipc *io)
{
	const uint64_t nr = MLK_SYS_reply_recv;
	const mlk_handle_t handle = endpoint;

	MLK_IPC_SVC_BODY(MLK_SVC_REPLY_RECV);
}

/* Answer a call saved with mlk_reply_save (the handle is used up). */
static inline mlk_status_t mlk_ipc_reply_to(mlk_handle_t reply,
					    struct mlk_ipc *io)
{
	return mlk_ipc_svc(MLK_SYS_reply_to, reply, 0, io);
}

/* This thread's IPC buffer (words beyond the registers, handles). */
static inline struct mlk_ipc_buffer *mlk_ipc_buffer(void)
{
	struct mlk_ipc_buffer *b;

	__asm__("mrs %0, tpidrro_el0" : "=r"(b));
	return b;
}

#endif
