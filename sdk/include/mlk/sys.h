/*
 * System call stubs for user space, generated from syscalls.def: for each
 * PLAIN call,
 *     mlk_status_t mlk_<name>(args..., out *...);
 * (outputs may be NULL when not wanted; they are 0 when the call fails),
 * and the IPC calls in their
 * register form (struct mlk_ipc).  Message-level helpers are in
 * mlk/msg.h.
 */
#ifndef MLK_SYS_H
#define MLK_SYS_H

#include <stdint.h>

#include <mlk/syscall.h>

/*
 * svc #0 with the number in x8 and N arguments in x0..; the status comes
 * back in x0, outputs in x1 and x2.  One variant per argument count, so
 * that a call sets only the registers it uses.  Like a function call, a
 * system call may change x8..x18 (see syscalls.def).
 */
#define MLK_SVC_CLOBBERS                                                       \
	"x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18",   \
		"memory"
#define MLK_SVC_BODY(...)                                                      \
	register uint64_t x8 __asm__("x8") = nr;                               \
	__asm__ volatile("svc #0"                                              \
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)              \
			 : __VA_ARGS__                                         \
			 : MLK_SVC_CLOBBERS);                                  \
	*r1 = x1;                                                              \
	*r2 = x2;                                                              \
	return (mlk_status_t)x0

/* Raw system calls with 0..7 arguments: status in x0, results x1 and x2
 * in *r1 and *r2.  The named stubs below are what services use. */
static inline mlk_status_t mlk_svc0(uint64_t nr, uint64_t *r1, uint64_t *r2)
{
	register uint64_t x0 __asm__("x0");
	register uint64_t x1 __asm__("x1");
	register uint64_t x2 __asm__("x2");
	MLK_SVC_BODY();
}

static inline mlk_status_t mlk_svc1(uint64_t nr, uint64_t a0, uint64_t *r1,
				    uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1");
	register uint64_t x2 __asm__("x2");
	MLK_SVC_BODY();
}

static inline mlk_status_t mlk_svc2(uint64_t nr, uint64_t a0, uint64_t a1,
				    uint64_t *r1, uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2");
	MLK_SVC_BODY();
}

static inline mlk_status_t mlk_svc3(uint64_t nr, uint64_t a0, uint64_t a1,
				    uint64_t a2, uint64_t *r1, uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	MLK_SVC_BODY();
}

static inline mlk_status_t mlk_svc4(uint64_t nr, uint64_t a0, uint64_t a1,
				    uint64_t a2, uint64_t a3, uint64_t *r1,
				    uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	MLK_SVC_BODY("r"(x3));
}

static inline mlk_status_t mlk_svc5(uint64_t nr, uint64_t a0, uint64_t a1,
				    uint64_t a2, uint64_t a3, uint64_t a4,
				    uint64_t *r1, uint64_t *r2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	register uint64_t x4 __asm__("x4") = a4;
	MLK_SVC_BODY("r"(x3), "r"(x4));
}

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
	MLK_SVC_BODY("r"(x3), "r"(x4), "r"(x5));
}

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
	MLK_SVC_BODY("r"(x3), "r"(x4), "r"(x5), "r"(x6));
}

/* Any call, all seven argument registers. */
static inline mlk_status_t mlk_svc(uint64_t nr, uint64_t a0, uint64_t a1,
				   uint64_t a2, uint64_t a3, uint64_t a4,
				   uint64_t a5, uint64_t a6, uint64_t *r1,
				   uint64_t *r2)
{
	return mlk_svc7(nr, a0, a1, a2, a3, a4, a5, a6, r1, r2);
}

#define MLK_UPTR(type) type

#define MLK_SP_0()
#define MLK_SP_1(t0, a0) t0 a0
#define MLK_SP_2(t0, a0, t1, a1) t0 a0, t1 a1
#define MLK_SP_3(t0, a0, t1, a1, t2, a2) t0 a0, t1 a1, t2 a2
#define MLK_SP_4(t0, a0, t1, a1, t2, a2, t3, a3) t0 a0, t1 a1, t2 a2, t3 a3
#define MLK_SP_5(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4)                       \
	t0 a0, t1 a1, t2 a2, t3 a3, t4 a4
#define MLK_SP_6(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)               \
	t0 a0, t1 a1, t2 a2, t3 a3, t4 a4, t5 a5
#define MLK_SP_7(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6)       \
	t0 a0, t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6

/* The arguments, as registers. */
#define MLK_SA_0()
#define MLK_SA_1(t0, a0) , (uint64_t)(a0)
#define MLK_SA_2(t0, a0, t1, a1) MLK_SA_1(t0, a0), (uint64_t)(a1)
#define MLK_SA_3(t0, a0, t1, a1, t2, a2)                                       \
	MLK_SA_2(t0, a0, t1, a1), (uint64_t)(a2)
#define MLK_SA_4(t0, a0, t1, a1, t2, a2, t3, a3)                               \
	MLK_SA_3(t0, a0, t1, a1, t2, a2), (uint64_t)(a3)
#define MLK_SA_5(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4)                       \
	MLK_SA_4(t0, a0, t1, a1, t2, a2, t3, a3), (uint64_t)(a4)
#define MLK_SA_6(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)               \
	MLK_SA_5(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4), (uint64_t)(a5)
#define MLK_SA_7(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6)       \
	MLK_SA_6(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5), (uint64_t)(a6)

/* Outputs: after the arguments ("N": there are some) or alone ("Z"). */
#define MLK_SO_Z0() void
#define MLK_SO_Z1(t0, o0) t0 *o0
#define MLK_SO_Z2(t0, o0, t1, o1) t0 *o0, t1 *o1
#define MLK_SO_N0()
#define MLK_SO_N1(t0, o0) , t0 *o0
#define MLK_SO_N2(t0, o0, t1, o1) , t0 *o0, t1 *o1
#define MLK_SOSEL_0 MLK_SO_Z
#define MLK_SOSEL_1 MLK_SO_N
#define MLK_SOSEL_2 MLK_SO_N
#define MLK_SOSEL_3 MLK_SO_N
#define MLK_SOSEL_4 MLK_SO_N
#define MLK_SOSEL_5 MLK_SO_N
#define MLK_SOSEL_6 MLK_SO_N
#define MLK_SOSEL_7 MLK_SO_N
#define MLK_SCAT_(a, b) a##b
#define MLK_SCAT(a, b) MLK_SCAT_(a, b)

#define MLK_SS_0()
/* Outputs are 0 when the call failed. */
#define MLK_SS_1(t0, o0)                                                       \
	if (o0)                                                                \
		*(o0) = st == MLK_OK ? (t0)r1 : (t0)0;
#define MLK_SS_2(t0, o0, t1, o1)                                               \
	MLK_SS_1(t0, o0) if (o1) * (o1) = st == MLK_OK ? (t1)r2 : (t1)0;

#define MLK_STUB_PLAIN(nr, name, nargs, args, nouts, outs)                     \
	static inline mlk_status_t mlk_##name(                                 \
		MLK_SP_##nargs args MLK_SCAT(MLK_SOSEL_##nargs, nouts) outs)   \
	{                                                                      \
		uint64_t r1, r2;                                               \
		mlk_status_t st =                                              \
			mlk_svc##nargs(nr MLK_SA_##nargs args, &r1, &r2);      \
		(void)r1;                                                      \
		(void)r2;                                                      \
		MLK_SS_##nouts outs return st;                                 \
	}
#define MLK_STUB_IPC(nr, name, nargs, args, nouts, outs)
#define MLK_SYSCALL(nr, name, nargs, args, nouts, outs, kind, doc)             \
	MLK_STUB_##kind(nr, name, nargs, args, nouts, outs)
#include <mlk/syscalls.def>
#undef MLK_SYSCALL

/* ---- IPC in registers (see mlk/ipc.h) ------------------------------------ */

/* The registers of an IPC call: what is sent, and what comes back. */
struct mlk_ipc {
	mlk_msginfo_t info;
	uint64_t badge; /* out: the sender's badge */
	uint64_t w[MLK_MSG_REG_WORDS];
};

/* Raw IPC call: handle in x0, io's registers in x1 and x3..x7. */
static inline mlk_status_t mlk_ipc_svc(uint64_t nr, mlk_handle_t handle,
				       uint64_t deadline, struct mlk_ipc *io)
{
	register uint64_t x0 __asm__("x0") = handle;
	register uint64_t x1 __asm__("x1") = io->info;
	register uint64_t x2 __asm__("x2") = deadline;
	register uint64_t x3 __asm__("x3") = io->w[0];
	register uint64_t x4 __asm__("x4") = io->w[1];
	register uint64_t x5 __asm__("x5") = io->w[2];
	register uint64_t x6 __asm__("x6") = io->w[3];
	register uint64_t x7 __asm__("x7") = io->w[4];
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
			   "+r"(x5), "+r"(x6), "+r"(x7), "+r"(x8)
			 :
			 : MLK_SVC_CLOBBERS);
	io->info = x1;
	io->badge = x2;
	io->w[0] = x3;
	io->w[1] = x4;
	io->w[2] = x5;
	io->w[3] = x6;
	io->w[4] = x7;
	return (mlk_status_t)x0;
}

/* Send io's message on an endpoint and wait for the reply (into io). */
static inline mlk_status_t mlk_ipc_call(mlk_handle_t ep, uint64_t deadline,
					struct mlk_ipc *io)
{
	return mlk_ipc_svc(MLK_SYS_call, ep, deadline, io);
}

/* Send io's message; wait until a receiver takes it. */
static inline mlk_status_t mlk_ipc_send(mlk_handle_t ep, struct mlk_ipc *io)
{
	return mlk_ipc_svc(MLK_SYS_send, ep, 0, io);
}

/* Send io's message only if a receiver waits (else MLK_ERR_UNAVAILABLE). */
static inline mlk_status_t mlk_ipc_nbsend(mlk_handle_t ep, struct mlk_ipc *io)
{
	return mlk_ipc_svc(MLK_SYS_nbsend, ep, 0, io);
}

/* Wait for a message on an endpoint (into io; io->badge names the
 * sender's handle). */
static inline mlk_status_t mlk_ipc_recv(mlk_handle_t ep, uint64_t deadline,
					struct mlk_ipc *io)
{
	return mlk_ipc_svc(MLK_SYS_recv, ep, deadline, io);
}

/* Answer the call received last with io's message. */
static inline mlk_status_t mlk_ipc_reply(struct mlk_ipc *io)
{
	return mlk_ipc_svc(MLK_SYS_reply, 0, 0, io);
}

/* Reply with io's message, then wait for the next one (into io). */
static inline mlk_status_t
mlk_ipc_reply_recv(mlk_handle_t ep, uint64_t deadline, struct mlk_ipc *io)
{
	return mlk_ipc_svc(MLK_SYS_reply_recv, ep, deadline, io);
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
