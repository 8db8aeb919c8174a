/*
 * System call entry (see core/syscall.c).
 */
#ifndef MLK_SYSCALL_KERNEL_H
#define MLK_SYSCALL_KERNEL_H

#include "object.h"

#include <mlk/syscall.h>

struct thread;

/* An address in the calling thread's address space. */
typedef uint64_t uaddr_t;

/*
 * The implementations: for each PLAIN call in syscalls.def,
 *     mlk_status_t sys_<name>(struct thread *self, <args>, <out> *...);
 * for each IPC call, mlk_status_t sys_<name>(struct thread *self).
 */
#define KP_0()
#define KP_1(t0, a0) , t0 a0
#define KP_2(t0, a0, t1, a1) KP_1(t0, a0), t1 a1
#define KP_3(t0, a0, t1, a1, t2, a2) KP_2(t0, a0, t1, a1), t2 a2
#define KP_4(t0, a0, t1, a1, t2, a2, t3, a3) KP_3(t0, a0, t1, a1, t2, a2), t3 a3
#define KP_5(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4)                           \
	KP_4(t0, a0, t1, a1, t2, a2, t3, a3), t4 a4
#define KP_6(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)                   \
	KP_5(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4), t5 a5
#define KP_7(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6)           \
	KP_6(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5), t6 a6

#define KO_0()
#define KO_1(t0, o0) , t0 *o0
#define KO_2(t0, o0, t1, o1) , t0 *o0, t1 *o1
#define MLK_UPTR(type) uaddr_t

/* Declarations of the implementations. */
#define DECL_PLAIN(name, nargs, args, nouts, outs)                             \
	mlk_status_t sys_##name(                                               \
		struct thread *self KP_##nargs args KO_##nouts outs);
#define DECL_IPC(name, nargs, args, nouts, outs)                               \
	mlk_status_t sys_##name(struct thread *self);
#define MLK_SYSCALL(nr, name, nargs, args, nouts, outs, kind, doc)             \
	DECL_##kind(name, nargs, args, nouts, outs)
#include <mlk/syscalls.def>
#undef MLK_SYSCALL

/* Run the system call in the thread's saved registers (from svc #0). */
void syscall_dispatch(struct thread *self);
/* A system call from user space (vectors.S): run it and return the
 * registers to resume, maybe another thread's. */
struct trap_frame *syscall_entry(struct thread *self);
/*
 * call and reply_recv first try their fast path, in assembly
 * (arch/aarch64/fastpath.S), which falls back on syscall_entry.
 */

#endif
