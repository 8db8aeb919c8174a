/*
 * The scheduler: fixed priorities, round robin within a priority, one run
 * queue per CPU (there is one CPU so far).
 *
 * Run queues hold READY threads, one FIFO per priority and a bitmap of the
 * non-empty ones, so picking is a count-leading-zeros.  The running thread
 * is not on a queue.  Timeouts (sleep and deadlines of waits) sit on one
 * list ordered by deadline; the timer is programmed for whichever comes
 * first, the end of the time slice or the earliest deadline.
 */
#ifndef MLK_KERNEL_SCHED_H
#define MLK_KERNEL_SCHED_H

#include "list.h"
#include "thread.h"

#define SCHED_PRIOS (MLK_PRIO_MAX + 1)

extern struct thread idle_thread;

struct runqueue {
	uint64_t bitmap; /* bit p: queue p is not empty */
	struct list queues[SCHED_PRIOS];
};

/* Run queue operations: inline, they are on every scheduling path. */
void runqueue_init(struct runqueue *rq);

static inline void runqueue_push(struct runqueue *rq, struct thread *t)
{
	list_push_back(&rq->queues[t->prio], &t->link);
	rq->bitmap |= 1ULL << t->prio;
}

static inline void runqueue_push_front(struct runqueue *rq, struct thread *t)
{
	list_push_front(&rq->queues[t->prio], &t->link);
	rq->bitmap |= 1ULL << t->prio;
}

static inline void runqueue_remove(struct runqueue *rq, struct thread *t)
{
	list_remove(&t->link);
	if (list_empty(&rq->queues[t->prio]))
		rq->bitmap &= ~(1ULL << t->prio);
}

/* `head`, first of its queue, off it and `t`, of its priority, onto the
 * back: the queue is never empty in between, so its bit stays (a yield). */
static inline void runqueue_rotate(struct runqueue *rq, struct thread *head,
				   struct thread *t)
{
	list_remove(&head->link);
	list_push_back(&rq->queues[t->prio], &t->link);
}

/* The highest priority with a READY thread; -1 if none. */
static inline int runqueue_top_prio(const struct runqueue *rq)
{
	return rq->bitmap ? 63 - __builtin_clzll(rq->bitmap) : -1;
}

/* The first thread of the highest priority, left on its queue; NULL if
 * none. */
static inline struct thread *runqueue_peek(const struct runqueue *rq)
{
	int p = runqueue_top_prio(rq);

	return p < 0 ? NULL
		     : list_entry(rq->queues[p].next, struct thread, link);
}

/*
 * The per-CPU scheduler.  Its state is visible for the inline helpers of
 * the IPC fast path; everything else goes through the functions.
 *
 * CPU time is billed by time slice: from one switch the scheduler makes
 * to the next, to the thread it put on the CPU, which owns the slice.
 * An IPC handoff (the fast path, arch/aarch64/fastpath.S) passes the
 * slice on without a word, and so the time a server spends answering a
 * call there is its caller's, and so is a caller's on the slice of the
 * server that answered it, until the scheduler next decides.
 */
struct sched_cpu {
	struct thread *current; /* running, or blocked and about to switch */
	bool need_resched;	/* go through sched_next_to_run on exit */
	uint64_t switches;	/* made by the scheduler (handoffs aside) */
	struct thread *billed;	/* whose slice runs (idle_thread: none) */
	uint64_t bill_start;	/* since when */
	uint64_t armed;		/* when the timer goes off (UINT64_MAX: not) */
	uint64_t slice_ticks;	/* how long a time slice is */
	struct runqueue rq;
	struct arch_cpu arch; /* the architecture's (hal.h) */
};
extern struct sched_cpu sched_cpu;

void sched_init(void);

static inline struct thread *sched_current(void)
{
	return sched_cpu.current;
}
/* Make a blocked or new thread READY (preempting if it is higher). */
void sched_wake(struct thread *t);
/* Take the current thread off the CPU in state `state`, until sched_wake. */
void sched_block(unsigned state);
/* The same, switching straight to the first READY thread if there is one
 * (a system call that blocked and returns nothing more: the caller then
 * resumes the thread sched_current() names). */
void sched_block_switch(unsigned state);
/* Current thread, a user thread, to the back of its priority's queue.
 * Returns MLK_OK, which sys_yield passes on by a tail call. */
mlk_status_t sched_yield(void);
/* Remove a thread from wherever the scheduler holds it. */
void sched_remove(struct thread *t);
void sched_set_prio(struct thread *t, unsigned prio);

/* Wake `t` with MLK_ERR_TIMED_OUT at `deadline` (ticks) unless woken first. */
void sched_timeout_add(struct thread *t, uint64_t deadline);
void sched_timeout_cancel(struct thread *t);

/*
 * On the way back to user space: the thread to run next, its address
 * space and registers put in place.  Idles (interrupts on) while nothing
 * is runnable.
 */
struct thread *sched_next_to_run(void);
/* The priority of the most urgent READY thread, -1 if none. */
static inline int sched_top_ready_prio(void)
{
	return runqueue_top_prio(&sched_cpu.rq);
}

/* Can the thread that made a system call simply be resumed? */
static inline bool sched_resume_current(void)
{
	return !sched_cpu.need_resched &&
	       sched_cpu.current->state == MLK_THREAD_RUNNING &&
	       sched_cpu.current != &idle_thread;
}
/* The timer interrupt. */
void sched_timer_tick(uint64_t now);

uint64_t sched_context_switches(void);

#endif
