/*
 * The scheduler (see sched.h): one CPU, fixed priorities, round robin.
 */
#include "sched.h"

#include "hal.h"
#include "ipc.h"
#include "panic.h"
#include "process.h"
#include "timer.h"

/* Time slice: 5 ms. */
#define SLICE_NS 5000000ULL

static struct runqueue rq;
static struct list timeouts = LIST_INIT(timeouts);
static struct thread *current;
static bool need_resched;
static uint64_t slice_ticks;
static uint64_t switches;
/* A thread that died while running: destroyed once we are off it. */
static struct thread *dead_current;

struct thread idle_thread = {
	.state = MLK_THREAD_RUNNING,
	.name = "idle",
};

void sched_init(void)
{
	runqueue_init(&rq);
	list_init(&idle_thread.link);
	list_init(&idle_thread.timeout_link);
	idle_thread.obj.type = MLK_OBJ_THREAD;
	slice_ticks = timer_ns_to_ticks(SLICE_NS);
	current = &idle_thread;
	timer_set_callback(sched_timer_tick);
}

struct thread *sched_current(void)
{
	return current;
}

uint64_t sched_context_switches(void)
{
	return switches;
}

static bool runnable(const struct thread *t)
{
	return t->state == MLK_THREAD_RUNNING || t->state == MLK_THREAD_READY;
}

void sched_wake(struct thread *t)
{
	if (t->state == MLK_THREAD_DEAD || t->suspended) {
		if (t->suspended && t->state != MLK_THREAD_DEAD)
			t->state = MLK_THREAD_SUSPENDED;
		return;
	}
	t->state = MLK_THREAD_READY;
	runqueue_push(&rq, t);
	if (t->prio > current->prio || current == &idle_thread)
		need_resched = true;
}

void sched_block(unsigned state)
{
	current->state = (uint8_t)state;
	need_resched = true;
}

void sched_yield(void)
{
	if (current == &idle_thread)
		return;
	current->state = MLK_THREAD_READY;
	current->slice_end = 0; /* a fresh slice when it runs again */
	runqueue_push(&rq, current);
	need_resched = true;
}

void sched_remove(struct thread *t)
{
	if (t->state == MLK_THREAD_READY)
		runqueue_remove(&rq, t);
	sched_timeout_cancel(t);
	if (t == current) {
		need_resched = true;
		if (t->state == MLK_THREAD_DEAD)
			dead_current = t;
	}
}

void sched_set_prio(struct thread *t, unsigned prio)
{
	if (t->state == MLK_THREAD_READY) {
		runqueue_remove(&rq, t);
		t->prio = (uint8_t)prio;
		runqueue_push(&rq, t);
	} else {
		t->prio = (uint8_t)prio;
	}
	need_resched = true;
}

/* ---- timeouts ------------------------------------------------------------ */

void sched_timeout_add(struct thread *t, uint64_t deadline)
{
	t->deadline = deadline;
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
		ipc_cancel_wait(t, MLK_ERR_TIMED_OUT);
	}
}

void sched_timer_tick(uint64_t now)
{
	expire_timeouts(now);
	if (current != &idle_thread && now >= current->slice_end)
		need_resched = true;
}

/* The one timer: end of the running thread's slice or the first timeout. */
static void program_timer(uint64_t now)
{
	uint64_t next = UINT64_MAX;

	if (current != &idle_thread && runqueue_top_prio(&rq) == current->prio)
		next = current->slice_end;
	if (!list_empty(&timeouts)) {
		struct thread *t =
			list_entry(timeouts.next, struct thread, timeout_link);
		if (t->deadline < next)
			next = t->deadline;
	}
	if (next == UINT64_MAX)
		timer_stop();
	else
		timer_oneshot(next > now ? next : now + 1);
}

/* ---- choosing the next thread -------------------------------------------- */

/* Put the running thread back on its queue if something should run first. */
static void preempt_if_needed(uint64_t now)
{
	struct thread *next = runqueue_peek(&rq);

	if (!runnable(current) || current == &idle_thread || !next)
		return;
	if (next->prio > current->prio) {
		/* Preempted: it resumes first among its equals. */
		current->state = MLK_THREAD_READY;
		runqueue_push_front(&rq, current);
	} else if (next->prio == current->prio && now >= current->slice_end) {
		current->state = MLK_THREAD_READY;
		runqueue_push(&rq, current);
	}
}

static void switch_to(struct thread *next, uint64_t now)
{
	struct thread *prev = current;

	BUG_ON(next->obj.type != MLK_OBJ_THREAD);
	prev->cpu_ticks += now - prev->run_start;
	if (next->state == MLK_THREAD_READY)
		runqueue_remove(&rq, next);
	next->state = MLK_THREAD_RUNNING;
	next->run_start = now;
	if (now >= next->slice_end)
		next->slice_end = now + slice_ticks;
	if (prev != next) {
		switches++;
		arch_thread_switch(prev, next);
	}
	current = next;
}

static void reap_dead_current(void)
{
	struct thread *t = dead_current;

	if (t && t != current) {
		dead_current = NULL;
		kobj_put(&t->obj); /* the reference running held */
	}
}

struct thread *sched_next_to_run(void)
{
	uint64_t now = timer_now();

	for (;;) {
		if (need_resched || !runnable(current) ||
		    current == &idle_thread) {
			need_resched = false;
			preempt_if_needed(now);
			struct thread *next = runqueue_peek(&rq);
			if (!next && runnable(current) && current != &idle_thread)
				next = current;
			if (next) {
				switch_to(next, now);
				break;
			}
			/* Nothing to run: idle until an interrupt wakes someone. */
			switch_to(&idle_thread, now);
			reap_dead_current();
			program_timer(now);
			while (!rq.bitmap)
				arch_cpu_idle();
			now = timer_now();
			need_resched = true;
			continue;
		}
		break;
	}
	reap_dead_current();
	program_timer(now);
	return current;
}
