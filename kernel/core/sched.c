/*
 * The scheduler (see sched.h): one CPU, fixed priorities, round robin.
 */
#include "sched.h"

#include "hal.h"
#include "ipc.h"
#include "panic.h"
#include "process.h"
#include "timer.h"

/* The inline switch needs struct thread (hal.h says why it is apart). */
#include <arch/switch.h>

/* Time slice: 5 ms. */
#define SLICE_NS 5000000ULL

struct sched_cpu sched_cpu = { .armed = UINT64_MAX };
static struct list timeouts = LIST_INIT(timeouts);

/* A thread that died while running: destroyed once we are off it. */
static struct thread *dead_current;

struct thread idle_thread = {
	.state = MLK_THREAD_RUNNING,
	.name = "idle",
};

__cold void sched_init(void)
{
	runqueue_init(&sched_cpu.rq);
	list_init(&idle_thread.link);
	list_init(&idle_thread.timeout_link);
	idle_thread.obj.type = MLK_OBJ_THREAD;
	sched_cpu.slice_ticks = timer_ns_to_ticks(SLICE_NS);
	sched_cpu.current = &idle_thread;
	sched_cpu.billed = &idle_thread;
	timer_set_callback(sched_timer_tick);
}

uint64_t sched_context_switches(void)
{
	return sched_cpu.switches;
}

static void arm_slice_end(void);

/* The time since the last switch to the slice's owner; next owns the
 * slice from now on. */
static inline void bill(struct thread *next, uint64_t now)
{
	sched_cpu.billed->cpu_ticks += now - sched_cpu.bill_start;
	sched_cpu.billed = next;
	sched_cpu.bill_start = now;
}

/* The slice of a thread going onto the CPU: the rest of one it was
 * preempted in, else a fresh one if its last has run out (a thread woken
 * from a wait in its slice, or switched to directly, keeps it). */
static void start_slice(struct thread *t, uint64_t now)
{
	if (t->slice_left) {
		t->slice_end = now + t->slice_left;
		t->slice_left = 0;
	} else if (now >= t->slice_end) {
		t->slice_end = now + sched_cpu.slice_ticks;
	}
}

void sched_wake(struct thread *t)
{
	if (t->state == MLK_THREAD_DEAD || t->suspended) {
		if (t->suspended && t->state != MLK_THREAD_DEAD)
			t->state = MLK_THREAD_SUSPENDED;
		return;
	}
	t->state = MLK_THREAD_READY;
	runqueue_push(&sched_cpu.rq, t);
	if (t->prio > sched_cpu.current->prio ||
	    sched_cpu.current == &idle_thread)
		sched_cpu.need_resched = true;
	else if (t->prio == sched_cpu.current->prio)
		arm_slice_end(); /* round robin with it from now on */
}

void sched_block(unsigned state)
{
	sched_cpu.current->state = (uint8_t)state;
	sched_cpu.need_resched = true;
}

static void program_timer(uint64_t now);

/*
 * The running thread off the CPU for `next`, READY and already off its
 * queue: switch_to's bookkeeping without the rest of sched_next_to_run,
 * which has nothing left to decide (the timeouts are armed for already,
 * so only next's slice may need the timer sooner).
 */
static inline __attribute__((always_inline)) void
switch_direct(struct thread *cur, struct thread *next, uint64_t now)
{
	bill(next, now);
	next->state = MLK_THREAD_RUNNING;
	start_slice(next, now);
	sched_cpu.switches++;
	arch_thread_switch(cur, next);
	sched_cpu.current = next;
	if (next->slice_end < sched_cpu.armed)
		program_timer(now); /* it must be preempted sooner */
}

/* The same out of line, for the paths that can afford a call (one copy of
 * the switch less in the kernel's text); sched_yield keeps its own. */
static __attribute__((noinline)) void
switch_away(struct thread *cur, struct thread *next, uint64_t now)
{
	switch_direct(cur, next, now);
}

void sched_block_switch(unsigned state)
{
	struct thread *next = runqueue_peek(&sched_cpu.rq);

	if (!next) {
		sched_block(state); /* the idle loop's, on the way out */
		return;
	}
	sched_cpu.current->state = (uint8_t)state;
	runqueue_remove(&sched_cpu.rq, next);
	switch_away(sched_cpu.current, next, arch_timer_now());
}

mlk_status_t sched_yield(void)
{
	struct thread *cur = sched_cpu.current; /* never idle: from EL0 */
	struct thread *next = runqueue_peek(&sched_cpu.rq);
	uint64_t now;

	if (!next || next->prio != cur->prio) {
		/* Nobody of its priority waits: it carries on, with a fresh
		 * slice the next time it would be preempted. */
		if (next && next->prio > cur->prio)
			sched_cpu.need_resched = true;
		return MLK_OK;
	}
	/* Round robin, directly: the yielder to the back of its queue, the
	 * first of the queue onto the CPU. */
	now = arch_timer_now();
	runqueue_rotate(&sched_cpu.rq, next, cur);
	cur->state = MLK_THREAD_READY;
	cur->slice_end = 0; /* slice_left is 0 already: it is running */
	switch_direct(cur, next, now);
	return MLK_OK;
}

__cold void sched_remove(struct thread *t)
{
	if (t->state == MLK_THREAD_READY)
		runqueue_remove(&sched_cpu.rq, t);
	sched_timeout_cancel(t);
	if (t == sched_cpu.billed) /* its slice ends: the rest is current's */
		bill(t == sched_cpu.current ? &idle_thread : sched_cpu.current,
		     arch_timer_now());
	if (t == sched_cpu.current) {
		sched_cpu.need_resched = true;
		if (t->state == MLK_THREAD_DEAD)
			dead_current = t;
	}
}

__cold void sched_set_prio(struct thread *t, unsigned prio)
{
	if (t->state == MLK_THREAD_READY) {
		runqueue_remove(&sched_cpu.rq, t);
		t->prio = (uint8_t)prio;
		runqueue_push(&sched_cpu.rq, t);
	} else {
		t->prio = (uint8_t)prio;
	}
	sched_cpu.need_resched = true;
}

/* ---- timeouts ------------------------------------------------------------ */

void sched_timeout_add(struct thread *t, uint64_t deadline)
{
	t->deadline = deadline;
	/* So that the timer is programmed for it. */
	sched_cpu.need_resched = true;
	list_for_each(pos, &timeouts)
	{
		struct thread *o = list_entry(pos, struct thread, timeout_link);
		if (o->deadline > deadline) {
			list_insert_before(pos, &t->timeout_link);
			return;
		}
	}
	list_push_back(&timeouts, &t->timeout_link);
}

void sched_timeout_cancel(struct thread *t)
{
	if (list_linked(&t->timeout_link))
		list_remove(&t->timeout_link);
	t->deadline = 0;
}

static void expire_timeouts(uint64_t now)
{
	while (!list_empty(&timeouts)) {
		struct thread *t =
			list_entry(timeouts.next, struct thread, timeout_link);
		if (t->deadline > now)
			break;
		sched_timeout_cancel(t);
		/* A sleep that reaches its deadline did what it was asked. */
		ipc_cancel_wait(t, t->state == MLK_THREAD_SLEEP
					   ? MLK_OK
					   : MLK_ERR_TIMED_OUT);
	}
}

__cold void sched_timer_tick(uint64_t now)
{
	sched_cpu.armed = UINT64_MAX; /* one-shot: it went off */
	expire_timeouts(now);
	/* Through the full exit path, which sets the timer again. */
	sched_cpu.need_resched = true;
}

/*
 * The one timer: for the end of the running thread's slice (when another
 * thread of its priority waits) or the first timeout, whichever comes
 * first.  An earlier event already armed stays: when it goes off the
 * timer is set again, so the timer is reprogrammed only when something
 * must happen sooner than planned.
 */
static void program_timer(uint64_t now)
{
	uint64_t next = UINT64_MAX;

	if (sched_cpu.current != &idle_thread &&
	    runqueue_top_prio(&sched_cpu.rq) == sched_cpu.current->prio)
		next = sched_cpu.current->slice_end;
	if (!list_empty(&timeouts)) {
		struct thread *t =
			list_entry(timeouts.next, struct thread, timeout_link);
		if (t->deadline < next)
			next = t->deadline;
	}
	if (next >= sched_cpu.armed)
		return;
	sched_cpu.armed = next > now ? next : now + 1;
	timer_oneshot(sched_cpu.armed);
}

/* A thread of the running one's priority became ready: the running one's
 * slice now matters, and a system call that returns straight to it does
 * not set the timer. */
static void arm_slice_end(void)
{
	if (sched_cpu.current->slice_end < sched_cpu.armed)
		program_timer(arch_timer_now());
}

/* ---- choosing the next thread -------------------------------------------- */

/* Put the running thread back on its queue if something should run first. */
static void preempt_if_needed(uint64_t now)
{
	struct thread *next = runqueue_peek(&sched_cpu.rq);

	/* Only a thread still RUNNING needs requeueing (a yielding one is
	 * READY and already queued). */
	if (sched_cpu.current->state != MLK_THREAD_RUNNING ||
	    sched_cpu.current == &idle_thread || !next)
		return;
	if (next->prio > sched_cpu.current->prio) {
		sched_cpu.current->state = MLK_THREAD_READY;
		if (now < sched_cpu.current->slice_end) {
			/* Preempted mid-slice: it resumes first among its
			 * equals, with only what was left of its slice, so
			 * that frequent preemption cannot keep it ahead of
			 * them for ever. */
			sched_cpu.current->slice_left =
				sched_cpu.current->slice_end - now;
			runqueue_push_front(&sched_cpu.rq, sched_cpu.current);
		} else {
			/* Its turn was over. */
			runqueue_push(&sched_cpu.rq, sched_cpu.current);
		}
	} else if (next->prio == sched_cpu.current->prio &&
		   now >= sched_cpu.current->slice_end) {
		sched_cpu.current->state = MLK_THREAD_READY;
		runqueue_push(&sched_cpu.rq, sched_cpu.current);
	}
}

static void switch_to(struct thread *next, uint64_t now)
{
	struct thread *prev = sched_cpu.current;

	BUG_ON(next->obj.type != MLK_OBJ_THREAD);
	if (next->state == MLK_THREAD_READY)
		runqueue_remove(&sched_cpu.rq, next);
	if (prev != next && next != &idle_thread) {
		switch_away(prev, next, now);
		return;
	}
	/* Staying, or idling: no user state to switch. */
	bill(next, now);
	next->state = MLK_THREAD_RUNNING;
	start_slice(next, now);
	if (prev != next)
		sched_cpu.switches++;
	sched_cpu.current = next;
}

static void reap_dead_current(void)
{
	struct thread *t = dead_current;

	if (t && t != sched_cpu.current) {
		dead_current = NULL;
		kobj_put(&t->obj); /* the reference running held */
	}
}

struct thread *sched_next_to_run(void)
{
	/* Back to the thread that entered the kernel, nothing changed: the
	 * common case, and nothing to do. */
	if (likely(sched_resume_current()))
		return sched_cpu.current;

	uint64_t now = arch_timer_now();
	struct thread *next;

	sched_cpu.need_resched = false;
	/* The running thread keeps the CPU unless it must give way. */
	preempt_if_needed(now);
	if (sched_cpu.current->state == MLK_THREAD_RUNNING &&
	    sched_cpu.current != &idle_thread)
		next = sched_cpu.current;
	else
		next = runqueue_peek(&sched_cpu.rq);
	/* Nothing can run: idle until an interrupt makes something ready,
	 * keeping the timer set for the next timeout. */
	while (!next) {
		switch_to(&idle_thread, now);
		reap_dead_current();
		program_timer(now);
		arch_cpu_idle();
		now = arch_timer_now();
		next = runqueue_peek(&sched_cpu.rq);
	}
	switch_to(next, now);
	reap_dead_current();
	program_timer(now);
	return sched_cpu.current;
}
