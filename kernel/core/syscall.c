/*
 * The system call dispatcher, generated from sdk/include/mlk/syscalls.def.
 *
 * For each PLAIN call the table names, the kernel implements
 *     mlk_status_t sys_<name>(struct thread *self, <args>, <out> *...);
 * and this file generates the glue: it checks that no argument has bits
 * beyond its type (MLK_ERR_BAD_ARG(i)), unpacks x0..x7, calls the
 * implementation and, on success, puts the outputs in x1 and x2.  IPC
 * calls take the registers as they are: mlk_status_t sys_<name>(self).
 * The status goes to x0 unless the call blocked (SYS_BLOCKED): then
 * whoever wakes the thread writes its result.
 */
#include "syscall.h"

#include "sched.h"
#include "thread.h"

/* Parameter lists, argument unpacking and checks, outputs. */
#define KA(t, i) , (t)frame_arg(tf, i)
#define KA_0()
#define KA_1(t0, a0) KA(t0, 0)
#define KA_2(t0, a0, t1, a1) KA_1(t0, a0) KA(t1, 1)
#define KA_3(t0, a0, t1, a1, t2, a2) KA_2(t0, a0, t1, a1) KA(t2, 2)
#define KA_4(t0, a0, t1, a1, t2, a2, t3, a3)                                   \
	KA_3(t0, a0, t1, a1, t2, a2) KA(t3, 3)
#define KA_5(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4)                           \
	KA_4(t0, a0, t1, a1, t2, a2, t3, a3) KA(t4, 4)
#define KA_6(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)                   \
	KA_5(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4) KA(t5, 5)
#define KA_7(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6)           \
	KA_6(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) KA(t6, 6)

/* An argument narrower than a register must not have higher bits set. */
#define KC(t, i)                                                               \
	if (sizeof(t) < 8 && (frame_arg(tf, i) >> ((sizeof(t) * 8) & 63)))     \
		return MLK_ERR_BAD_ARG(i);
#define KC_0()
#define KC_1(t0, a0) KC(t0, 0)
#define KC_2(t0, a0, t1, a1) KC_1(t0, a0) KC(t1, 1)
#define KC_3(t0, a0, t1, a1, t2, a2) KC_2(t0, a0, t1, a1) KC(t2, 2)
#define KC_4(t0, a0, t1, a1, t2, a2, t3, a3)                                   \
	KC_3(t0, a0, t1, a1, t2, a2) KC(t3, 3)
#define KC_5(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4)                           \
	KC_4(t0, a0, t1, a1, t2, a2, t3, a3) KC(t4, 4)
#define KC_6(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)                   \
	KC_5(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4) KC(t5, 5)
#define KC_7(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6)           \
	KC_6(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) KC(t6, 6)

#define KOD_0()
#define KOD_1(t0, o0) t0 o0##_v = 0;
#define KOD_2(t0, o0, t1, o1)                                                  \
	t0 o0##_v = 0;                                                         \
	t1 o1##_v = 0;
#define KOP_0()
#define KOP_1(t0, o0) , &o0##_v
#define KOP_2(t0, o0, t1, o1) , &o0##_v, &o1##_v
#define KOS_0()
#define KOS_1(t0, o0) frame_set_ret(tf, 1, (uint64_t)o0##_v);
#define KOS_2(t0, o0, t1, o1)                                                  \
	KOS_1(t0, o0) frame_set_ret(tf, 2, (uint64_t)o1##_v);

/* The glue. */
#define GLUE_PLAIN(name, nargs, args, nouts, outs)                             \
	static mlk_status_t glue_##name(struct thread *self,                   \
					struct trap_frame *tf)                 \
	{                                                                      \
		KC_##nargs args KOD_##nouts outs mlk_status_t st =             \
			sys_##name(self KA_##nargs args KOP_##nouts outs);     \
		if (st == MLK_OK) {                                            \
			KOS_##nouts outs                                       \
		}                                                              \
		return st;                                                     \
	}
#define GLUE_IPC(name, nargs, args, nouts, outs)                               \
	static mlk_status_t glue_##name(struct thread *self,                   \
					struct trap_frame *tf)                 \
	{                                                                      \
		(void)tf;                                                      \
		return sys_##name(self);                                       \
	}
#define MLK_SYSCALL(nr, name, nargs, args, nouts, outs, kind, doc)             \
	GLUE_##kind(name, nargs, args, nouts, outs)
#include <mlk/syscalls.def>
#undef MLK_SYSCALL

typedef mlk_status_t (*glue_fn)(struct thread *self, struct trap_frame *tf);

static const glue_fn table[MLK_SYSCALL_LIMIT] = {
#define MLK_SYSCALL(nr, name, ...) [nr] = glue_##name,
#include <mlk/syscalls.def>
#undef MLK_SYSCALL
};

void syscall_dispatch(struct thread *self)
{
	uint64_t nr = frame_syscall_number(&self->frame);
	mlk_status_t st = MLK_ERR_UNKNOWN_SYSCALL;

	if (likely(nr < MLK_SYSCALL_LIMIT && table[nr]))
		st = table[nr](self, &self->frame);
	if (st != SYS_BLOCKED)
		thread_set_status(self, st);
}

struct trap_frame *syscall_entry(struct thread *self)
{
	syscall_dispatch(self);
	/* Whoever is current now (the caller, or a thread the call switched
	 * to directly) simply resumes unless the scheduler has more to do. */
	if (likely(!sched_cpu.need_resched &&
		   sched_cpu.current->state == MLK_THREAD_RUNNING))
		return &sched_cpu.current->frame;
	return &sched_next_to_run()->frame;
}
