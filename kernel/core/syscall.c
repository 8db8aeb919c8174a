/*
 * The system call dispatcher: the number in x8 picks the glue in
 * syscall_table (generated from sdk/include/mlk/syscalls.def, see
 * syscall.h), which runs the call.  The status goes to x0 unless the call
 * blocked (SYS_BLOCKED): then whoever wakes the thread writes its result.
 */
#include "syscall.h"

#include "sched.h"
#include "thread.h"

void syscall_dispatch(struct thread *self)
{
	uint64_t nr = frame_syscall_number(&self->frame);
	mlk_status_t st = MLK_ERR_UNKNOWN_SYSCALL;

	if (likely(nr < MLK_SYSCALL_LIMIT && syscall_table[nr]))
		st = syscall_table[nr](self, &self->frame);
	if (st != SYS_BLOCKED)
		thread_set_status(self, st);
}

/* Where a dead caller's callee-saved registers go (nobody reads them). */
static struct trap_frame discarded;

struct syscall_exit syscall_entry(struct thread *self)
{
	struct trap_frame *keep = &self->frame;
	struct thread *next;

	syscall_dispatch(self);
	/* Whoever is current now (the caller, or a thread the call switched
	 * to directly) simply resumes unless the scheduler has more to do. */
	if (likely(!sched_cpu.need_resched &&
		   sched_cpu.current->state == MLK_THREAD_RUNNING)) {
		next = sched_cpu.current;
	} else {
		/* Asked first: sched_next_to_run frees a caller that died. */
		if (self->state == MLK_THREAD_DEAD)
			keep = &discarded;
		next = sched_next_to_run();
	}
	return (struct syscall_exit){ &next->frame,
				      next == self ? NULL : keep };
}
