/*
 * Unit tests of the run queues (kernel/include/sched.h, runqueue.c) and of
 * the scheduler's decisions (kernel/core/sched.c): who runs next, when the
 * running thread gives way, and timeouts.
 *
 * The run queue tests use bare threads.  The scheduler tests use the real
 * core around mock_kernel.c: threads from thread_create, the timer
 * interrupt of mock_hal.c (62.5 MHz, so the 5 ms time slice is 312500
 * ticks), and an idle that moves the clock to the armed deadline.
 */
#include "sched.h"

#include "ipc.h"
#include "mock_kernel.h"
#include "process.h"
#include "timer.h"
#include "unit.h"

#define SLICE_TICKS 312500u /* sched.c's 5 ms at MOCK_TIMER_FREQ */

/* ---- Run queues ---------------------------------------------------------- */

static struct runqueue rq;
static struct thread bare[3 * SCHED_PRIOS];

static struct thread *bare_thread(unsigned i, unsigned prio)
{
	struct thread *t = &bare[i];

	t->prio = (uint8_t)prio;
	list_init(&t->link);
	return t;
}

static void rq_setup(void)
{
	runqueue_init(&rq);
}

START_TEST(empty_queue)
{
	ck_assert_uint_eq(rq.bitmap, 0);
	ck_assert_int_eq(runqueue_top_prio(&rq), -1);
	ck_assert_ptr_null(runqueue_peek(&rq));
	for (int p = 0; p < SCHED_PRIOS; p++)
		ck_assert(list_empty(&rq.queues[p]));
}
END_TEST

START_TEST(one_thread_at_each_priority)
{
	ck_assert_int_eq(SCHED_PRIOS, 64);
	for (unsigned p = 0; p < SCHED_PRIOS; p++) {
		struct thread *t = bare_thread(p, p);
		runqueue_push(&rq, t);
		ck_assert_uint_eq(rq.bitmap, 1ull << p);
		ck_assert_int_eq(runqueue_top_prio(&rq), (int)p);
		ck_assert_ptr_eq(runqueue_peek(&rq), t);
		/* Peeking leaves it queued. */
		ck_assert_ptr_eq(runqueue_peek(&rq), t);
		runqueue_remove(&rq, t);
		ck_assert_uint_eq(rq.bitmap, 0);
		ck_assert_ptr_null(runqueue_peek(&rq));
	}
}
END_TEST

START_TEST(highest_priority_first)
{
	/* Pushed lowest first, then highest first: the same answers. */
	for (unsigned p = 0; p < SCHED_PRIOS; p++) {
		runqueue_push(&rq, bare_thread(p, p));
		ck_assert_int_eq(runqueue_top_prio(&rq), (int)p);
		ck_assert_ptr_eq(runqueue_peek(&rq), &bare[p]);
	}
	ck_assert_uint_eq(rq.bitmap, ~0ull);
	for (int p = SCHED_PRIOS - 1; p >= 0; p--) {
		ck_assert_ptr_eq(runqueue_peek(&rq), &bare[p]);
		runqueue_remove(&rq, &bare[p]);
		ck_assert_int_eq(runqueue_top_prio(&rq), p - 1);
	}
	ck_assert_uint_eq(rq.bitmap, 0);

	for (int p = SCHED_PRIOS - 1; p >= 0; p--)
		runqueue_push(&rq, bare_thread((unsigned)p, (unsigned)p));
	ck_assert_int_eq(runqueue_top_prio(&rq), 63);
	ck_assert_ptr_eq(runqueue_peek(&rq), &bare[63]);
	/* Taking a middle one out changes nothing above it. */
	runqueue_remove(&rq, &bare[40]);
	ck_assert_uint_eq(rq.bitmap, ~(1ull << 40));
	ck_assert_ptr_eq(runqueue_peek(&rq), &bare[63]);
}
END_TEST

START_TEST(fifo_within_a_priority)
{
	struct thread *a = bare_thread(0, 7), *b = bare_thread(1, 7),
		      *c = bare_thread(2, 7), *low = bare_thread(3, 6);

	runqueue_push(&rq, low);
	runqueue_push(&rq, a);
	runqueue_push(&rq, b);
	runqueue_push(&rq, c);
	ck_assert_ptr_eq(runqueue_peek(&rq), a);
	runqueue_remove(&rq, a);
	ck_assert_ptr_eq(runqueue_peek(&rq), b);
	/* Back of the queue, behind c. */
	runqueue_push(&rq, a);
	runqueue_remove(&rq, b);
	ck_assert_ptr_eq(runqueue_peek(&rq), c);
	runqueue_remove(&rq, c);
	ck_assert_ptr_eq(runqueue_peek(&rq), a);
	/* The front: before a. */
	runqueue_push_front(&rq, b);
	ck_assert_ptr_eq(runqueue_peek(&rq), b);
	runqueue_remove(&rq, b);
	ck_assert_ptr_eq(runqueue_peek(&rq), a);
	runqueue_remove(&rq, a);
	ck_assert_ptr_eq(runqueue_peek(&rq), low);
	ck_assert_uint_eq(rq.bitmap, 1ull << 6);
}
END_TEST

START_TEST(bit_cleared_only_when_the_queue_empties)
{
	struct thread *a = bare_thread(0, 0), *b = bare_thread(1, 0);

	runqueue_push(&rq, a);
	runqueue_push_front(&rq, b);
	ck_assert_uint_eq(rq.bitmap, 1);
	runqueue_remove(&rq, a);
	ck_assert_uint_eq(rq.bitmap, 1);
	ck_assert_int_eq(runqueue_top_prio(&rq), 0);
	ck_assert_ptr_eq(runqueue_peek(&rq), b);
	runqueue_remove(&rq, b);
	ck_assert_uint_eq(rq.bitmap, 0);
	ck_assert(!list_linked(&b->link));
	/* push_front onto an empty queue sets the bit too. */
	runqueue_push_front(&rq, a);
	ck_assert_uint_eq(rq.bitmap, 1);
}
END_TEST

START_TEST(rotate_replaces_the_head_with_a_tail)
{
	struct thread *a = bare_thread(0, 9), *b = bare_thread(1, 9);
	struct thread *c = bare_thread(2, 9), *d = bare_thread(3, 9);

	/* The only thread of its queue: the bit stays, the other runs next. */
	runqueue_push(&rq, a);
	runqueue_rotate(&rq, a, b);
	ck_assert_uint_eq(rq.bitmap, 1ull << 9);
	ck_assert_ptr_eq(runqueue_peek(&rq), b);
	ck_assert(!list_linked(&a->link));
	/* With others: the one put in goes behind them all. */
	runqueue_push(&rq, c);
	runqueue_rotate(&rq, b, d);
	ck_assert_ptr_eq(runqueue_peek(&rq), c);
	runqueue_remove(&rq, c);
	ck_assert_ptr_eq(runqueue_peek(&rq), d);
	runqueue_remove(&rq, d);
	ck_assert_uint_eq(rq.bitmap, 0);
}
END_TEST

/*
 * Random pushes and removes against a model: per priority, the list of
 * thread indexes in order.  After every step the bitmap, the top priority
 * and the thread picked agree with the model.
 */
START_TEST(random_operations_match_a_model)
{
	enum { N = ARRAY_SIZE(bare), STEPS = 20000 };
	static unsigned model[SCHED_PRIOS][N];
	static unsigned len[SCHED_PRIOS];
	static bool queued[N];
	unsigned seed = 12345;

	for (unsigned i = 0; i < N; i++)
		bare_thread(i, i % SCHED_PRIOS);
	for (int step = 0; step < STEPS; step++) {
		seed = seed * 1103515245 + 12345;
		unsigned i = (seed >> 8) % N, p = bare[i].prio;
		if (!queued[i] && (seed & 1)) {
			runqueue_push(&rq, &bare[i]);
			model[p][len[p]++] = i;
		} else if (!queued[i]) {
			runqueue_push_front(&rq, &bare[i]);
			memmove(&model[p][1], &model[p][0],
				len[p]++ * sizeof(model[p][0]));
			model[p][0] = i;
		} else {
			runqueue_remove(&rq, &bare[i]);
			unsigned k = 0;
			while (model[p][k] != i)
				k++;
			memmove(&model[p][k], &model[p][k + 1],
				(--len[p] - k) * sizeof(model[p][0]));
		}
		queued[i] = !queued[i];

		uint64_t bitmap = 0;
		int top = -1;
		for (int q = 0; q < SCHED_PRIOS; q++) {
			if (len[q]) {
				bitmap |= 1ull << q;
				top = q;
			}
		}
		ck_assert_uint_eq(rq.bitmap, bitmap);
		ck_assert_int_eq(runqueue_top_prio(&rq), top);
		ck_assert_ptr_eq(runqueue_peek(&rq),
				 top < 0 ? NULL : &bare[model[top][0]]);
	}
	/* The whole order of one queue, walked. */
	unsigned k = 0;
	list_for_each(pos, &rq.queues[5])
	{
		ck_assert_uint_lt(k, len[5]);
		ck_assert_ptr_eq(list_entry(pos, struct thread, link),
				 &bare[model[5][k++]]);
	}
	ck_assert_uint_eq(k, len[5]);
}
END_TEST

/* ---- The scheduler ------------------------------------------------------- */

static struct process *proc;

static void sched_setup(void)
{
	mock_kernel_init();
	proc = mock_process(NULL, "root", 16 * 1024 * 1024);
}

/* The current thread sleeps until `ticks`, as sys_sleep does. */
static void sleep_until(uint64_t ticks)
{
	struct thread *t = sched_current();

	thread_set_status(t, MLK_ERR_FAILED); /* overwritten on waking */
	sched_block(MLK_THREAD_SLEEP);
	sched_timeout_add(t, ticks);
}

/* A READY thread leaves the run queue, as if it had blocked. */
static void park(struct thread *t)
{
	runqueue_remove(&sched_cpu.rq, t);
	t->state = MLK_THREAD_RECV;
}

static bool is_queued(struct thread *t)
{
	list_for_each(pos, &sched_cpu.rq.queues[t->prio])
	{
		if (pos == &t->link)
			return true;
	}
	return false;
}

START_TEST(boot_runs_idle)
{
	ck_assert_ptr_eq(sched_current(), &idle_thread);
	ck_assert_int_eq(sched_top_ready_prio(), -1);
	ck_assert(!sched_resume_current()); /* idle is never resumed */
}
END_TEST

START_TEST(wake_from_idle_switches)
{
	struct thread *t = mock_thread(proc, 10, "t");

	ck_assert(is_queued(t));
	ck_assert(sched_cpu.need_resched);
	uint64_t before = sched_context_switches();
	ck_assert_ptr_eq(sched_next_to_run(), t);
	ck_assert_ptr_eq(sched_current(), t);
	ck_assert_int_eq(t->state, MLK_THREAD_RUNNING);
	ck_assert(!is_queued(t));
	ck_assert_uint_eq(sched_context_switches(), before + 1);
	ck_assert_str_eq(mock_switches(), "idle>t;");
	ck_assert(!sched_cpu.need_resched);
	/* Nothing changed: it simply goes on. */
	ck_assert(sched_resume_current());
	ck_assert_ptr_eq(sched_next_to_run(), t);
	ck_assert_uint_eq(sched_context_switches(), before + 1);
}
END_TEST

START_TEST(higher_priority_wake_preempts)
{
	struct thread *low = mock_thread(proc, 9, "low");

	mock_run(low);
	struct thread *t = mock_thread(proc, 10, "t"); /* woken: higher */
	ck_assert(sched_cpu.need_resched);
	ck_assert(!sched_resume_current());
	ck_assert_ptr_eq(sched_next_to_run(), t);
	/* Preempted, low resumes first among its equals. */
	ck_assert_int_eq(low->state, MLK_THREAD_READY);
	ck_assert_ptr_eq(runqueue_peek(&sched_cpu.rq), low);

	/* Equal and lower wakes leave the running thread alone. */
	struct thread *eq = mock_thread(proc, 10, "eq");
	mock_thread(proc, 2, "lower");
	ck_assert(!sched_cpu.need_resched);
	ck_assert(sched_resume_current());
	ck_assert_ptr_eq(sched_next_to_run(), t);

	struct thread *hi = mock_thread(proc, 20, "hi");
	ck_assert(sched_cpu.need_resched);
	ck_assert_ptr_eq(sched_next_to_run(), hi);
	ck_assert_int_eq(t->state, MLK_THREAD_READY);
	/* t was preempted: it goes before eq, which was waiting already. */
	ck_assert_ptr_eq(sched_cpu.rq.queues[10].next, &t->link);
	ck_assert_ptr_eq(t->link.next, &eq->link);
	sched_block(MLK_THREAD_RECV);
	ck_assert_ptr_eq(sched_next_to_run(), t);
	ck_assert_str_eq(mock_switches(), "low>t;t>hi;hi>t;");
}
END_TEST

START_TEST(blocking_picks_the_next_and_idles_when_none)
{
	struct thread *a = mock_thread(proc, 10, "a");
	struct thread *b = mock_thread(proc, 5, "b");

	ck_assert_ptr_eq(sched_next_to_run(), a);
	sched_block(MLK_THREAD_RECV);
	ck_assert_ptr_eq(sched_next_to_run(), b);
	ck_assert_int_eq(a->state, MLK_THREAD_RECV);
	ck_assert(!is_queued(a));

	/* b sleeps: nothing is runnable, the CPU idles until b's deadline
	 * and b, not idle, comes back. */
	mock_timer_set_now(1000);
	sleep_until(5000);
	ck_assert_ptr_eq(sched_next_to_run(), b);
	ck_assert_uint_eq(arch_timer_now(), 5000);
	ck_assert_int_eq(frame_arg(&b->frame, 0), MLK_OK);
	ck_assert_str_eq(mock_switches(), "idle>a;a>b;idle>b;");
}
END_TEST

START_TEST(idle_with_nothing_to_wake_aborts)
{
	struct thread *a = mock_thread(proc, 10, "a");

	ck_assert_ptr_eq(sched_next_to_run(), a);
	sched_block(MLK_THREAD_RECV);
	sched_next_to_run(); /* nothing will ever be ready */
}
END_TEST

START_TEST(yield_goes_behind_its_equals)
{
	struct thread *t = mock_thread(proc, 10, "t");
	struct thread *a = mock_thread(proc, 10, "a");
	struct thread *b = mock_thread(proc, 10, "b");
	struct thread *low = mock_thread(proc, 3, "low");

	ck_assert_ptr_eq(sched_next_to_run(), t);
	mock_switches_clear();
	sched_yield();
	ck_assert_ptr_eq(sched_current(), a);
	ck_assert_int_eq(a->state, MLK_THREAD_RUNNING);
	ck_assert_int_eq(t->state, MLK_THREAD_READY);
	ck_assert_ptr_eq(sched_cpu.rq.queues[10].next, &b->link);
	ck_assert_ptr_eq(b->link.next, &t->link);
	ck_assert_str_eq(mock_switches(), "t>a;");
	/* The direct switch needs no pass through sched_next_to_run. */
	ck_assert_ptr_eq(sched_next_to_run(), a);
	sched_yield();
	sched_yield();
	ck_assert_ptr_eq(sched_current(), t);
	ck_assert_str_eq(mock_switches(), "t>a;a>b;b>t;");

	/* Alone at its priority: it carries on, low does not get in. */
	park(a);
	park(b);
	sched_cpu.need_resched = false;
	sched_yield();
	ck_assert_ptr_eq(sched_current(), t);
	ck_assert(!sched_cpu.need_resched);
	ck_assert_ptr_eq(sched_next_to_run(), t);
	ck_assert_int_eq(low->state, MLK_THREAD_READY);
}
END_TEST

START_TEST(blocking_switches_straight_to_the_first_ready)
{
	struct thread *t = mock_thread(proc, 10, "t");
	struct thread *low = mock_thread(proc, 3, "low");
	uint64_t switches;

	ck_assert_ptr_eq(sched_next_to_run(), t);
	mock_switches_clear();
	switches = sched_context_switches();
	sched_cpu.need_resched = false;
	sched_block_switch(MLK_THREAD_WAIT);
	/* Whatever its priority, the first READY thread runs at once and
	 * counts as a switch; nothing is left for the exit to decide. */
	ck_assert_ptr_eq(sched_current(), low);
	ck_assert_int_eq(low->state, MLK_THREAD_RUNNING);
	ck_assert_int_eq(t->state, MLK_THREAD_WAIT);
	ck_assert(!list_linked(&low->link));
	ck_assert_uint_eq(sched_context_switches(), switches + 1);
	ck_assert_str_eq(mock_switches(), "t>low;");
	ck_assert(!sched_cpu.need_resched);
	ck_assert_ptr_eq(sched_next_to_run(), low);

	/* Nothing READY: the exit idles, as after sched_block. */
	sched_block_switch(MLK_THREAD_WAIT);
	ck_assert_ptr_eq(sched_current(), low);
	ck_assert(sched_cpu.need_resched);
	ck_assert_str_eq(mock_switches(), "t>low;");
}
END_TEST

START_TEST(yield_to_a_higher_thread_goes_through_the_scheduler)
{
	struct thread *t = mock_thread(proc, 10, "t");
	struct thread *hi = mock_thread(proc, 11, "hi");

	mock_run(t); /* as after an interrupt woke hi */
	sched_yield();
	ck_assert_ptr_eq(sched_current(), t);
	ck_assert(sched_cpu.need_resched);
	ck_assert_ptr_eq(sched_next_to_run(), hi);
}
END_TEST

START_TEST(time_slice_expiry_rotates_equals)
{
	struct thread *a = mock_thread(proc, 10, "a");
	struct thread *b = mock_thread(proc, 10, "b");

	mock_timer_set_now(100);
	ck_assert_ptr_eq(sched_next_to_run(), a);
	ck_assert_uint_eq(a->slice_end, 100 + SLICE_TICKS);
	/* An equal waits: the timer is set for the end of a's slice. */
	ck_assert(mock_timer_armed());
	ck_assert_uint_eq(mock_timer_deadline(), a->slice_end);

	/* Before the end of the slice, a keeps the CPU. */
	mock_advance(100 + SLICE_TICKS - 1);
	sched_cpu.need_resched = true;
	ck_assert_ptr_eq(sched_next_to_run(), a);
	ck_assert_int_eq(b->state, MLK_THREAD_READY);

	mock_advance(100 + SLICE_TICKS);
	ck_assert(sched_cpu.need_resched); /* the tick */
	ck_assert_ptr_eq(sched_next_to_run(), b);
	ck_assert_int_eq(a->state, MLK_THREAD_READY);
	ck_assert_uint_eq(b->slice_end, 100 + 2 * SLICE_TICKS);
	ck_assert_uint_eq(a->cpu_ticks, SLICE_TICKS);
	ck_assert_uint_eq(mock_timer_deadline(), b->slice_end);

	mock_advance(100 + 2 * SLICE_TICKS + 7);
	ck_assert_ptr_eq(sched_next_to_run(), a);
	ck_assert_str_eq(mock_switches(), "idle>a;a>b;b>a;");
}
END_TEST

/* A thread preempted mid-slice resumes first among its equals, but with
 * only the rest of its slice: preemption gives it no fresh slices. */
START_TEST(preempted_thread_keeps_the_rest_of_its_slice)
{
	struct thread *a = mock_thread(proc, 10, "a");
	struct thread *b = mock_thread(proc, 10, "b");

	mock_timer_set_now(100);
	ck_assert_ptr_eq(sched_next_to_run(), a);
	mock_advance(100 + SLICE_TICKS - 50);
	struct thread *hi = mock_thread(proc, 20, "hi");
	ck_assert_ptr_eq(sched_next_to_run(), hi);
	ck_assert_ptr_eq(sched_cpu.rq.queues[10].next, &a->link);
	ck_assert_uint_eq(a->slice_left, 50);

	/* hi runs well past the end a's slice would have had. */
	mock_advance(100 + 3 * SLICE_TICKS);
	sched_block(MLK_THREAD_RECV);
	ck_assert_ptr_eq(sched_next_to_run(), a);
	ck_assert_uint_eq(a->slice_end, 100 + 3 * SLICE_TICKS + 50);
	ck_assert_uint_eq(a->slice_left, 0);
	ck_assert_uint_eq(mock_timer_deadline(), a->slice_end);
	mock_advance(100 + 3 * SLICE_TICKS + 50);
	ck_assert_ptr_eq(sched_next_to_run(), b);
}
END_TEST

/* A thread whose slice is over when something higher preempts it goes
 * behind its equals, as the slice's end would have put it. */
START_TEST(preempted_at_the_end_of_its_slice_goes_behind)
{
	struct thread *a = mock_thread(proc, 10, "a");
	struct thread *b = mock_thread(proc, 10, "b");

	mock_timer_set_now(100);
	ck_assert_ptr_eq(sched_next_to_run(), a);
	mock_advance(100 + SLICE_TICKS);
	struct thread *hi = mock_thread(proc, 20, "hi");
	ck_assert_ptr_eq(sched_next_to_run(), hi);
	ck_assert_ptr_eq(sched_cpu.rq.queues[10].next, &b->link);
	ck_assert_ptr_eq(b->link.next, &a->link);
	sched_block(MLK_THREAD_RECV);
	ck_assert_ptr_eq(sched_next_to_run(), b);
}
END_TEST

START_TEST(no_slice_timer_without_equals)
{
	struct thread *a = mock_thread(proc, 10, "a");

	mock_thread(proc, 9, "low");
	ck_assert_ptr_eq(sched_next_to_run(), a);
	ck_assert(!mock_timer_armed());
	/* However long it runs, a lower thread does not get the CPU. */
	mock_advance(10 * SLICE_TICKS);
	sched_cpu.need_resched = true;
	ck_assert_ptr_eq(sched_next_to_run(), a);
}
END_TEST

START_TEST(timeouts_expire_in_deadline_order)
{
	static const uint64_t deadline[4] = { 3000, 1000, 2000, 2000 };
	static const char *const names[4] = { "t0", "t1", "t2", "t3" };
	struct thread *t[4];

	for (int i = 0; i < 4; i++)
		t[i] = mock_thread(proc, 10, names[i]);
	for (int i = 0; i < 4; i++) {
		mock_run(t[i]);
		sleep_until(deadline[i]);
	}
	struct thread *bg = mock_thread(proc, 1, "bg");
	mock_run(bg);
	sched_cpu.need_resched = true; /* as sched_timeout_add left it */
	/* On the way out of the kernel the timer is set for the first. */
	ck_assert_ptr_eq(sched_next_to_run(), bg);
	ck_assert(mock_timer_armed());
	ck_assert_uint_eq(mock_timer_deadline(), 1000);

	mock_advance(999);
	ck_assert_int_eq(t[1]->state, MLK_THREAD_SLEEP);
	mock_advance(1500);
	ck_assert_int_eq(t[1]->state, MLK_THREAD_READY);
	ck_assert_int_eq(t[2]->state, MLK_THREAD_SLEEP);
	ck_assert_ptr_eq(sched_next_to_run(), t[1]);
	ck_assert_uint_eq(mock_timer_deadline(), 2000);

	/* All at once: in deadline order, equal ones in the order they
	 * were set. */
	mock_advance(5000);
	struct list *q = &sched_cpu.rq.queues[10];
	ck_assert_ptr_eq(q->next, &t[2]->link);
	ck_assert_ptr_eq(q->next->next, &t[3]->link);
	ck_assert_ptr_eq(q->next->next->next, &t[0]->link);
	ck_assert_ptr_eq(q->next->next->next->next, q);
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(frame_arg(&t[i]->frame, 0), MLK_OK);
		ck_assert_uint_eq(t[i]->deadline, 0);
		ck_assert(!list_linked(&t[i]->timeout_link));
	}
}
END_TEST

START_TEST(idle_wakes_each_sleeper_at_its_deadline)
{
	struct thread *a = mock_thread(proc, 10, "a");
	struct thread *b = mock_thread(proc, 10, "b");

	mock_run(a);
	sleep_until(20000);
	mock_run(b);
	sleep_until(10000);
	ck_assert_ptr_eq(sched_next_to_run(), b);
	ck_assert_uint_eq(arch_timer_now(), 10000);
	sleep_until(30000);
	ck_assert_ptr_eq(sched_next_to_run(), a);
	ck_assert_uint_eq(arch_timer_now(), 20000);
	sched_block(MLK_THREAD_RECV);
	ck_assert_ptr_eq(sched_next_to_run(), b);
	ck_assert_uint_eq(arch_timer_now(), 30000);
}
END_TEST

START_TEST(a_wait_that_times_out_gets_timed_out)
{
	struct thread *a = mock_thread(proc, 10, "a");

	mock_run(a);
	sched_block(MLK_THREAD_RECV); /* not on an endpoint: nothing to undo */
	sched_timeout_add(a, 700);
	ck_assert_ptr_eq(sched_next_to_run(), a);
	ck_assert_uint_eq(arch_timer_now(), 700);
	ck_assert_int_eq(frame_arg(&a->frame, 0), MLK_ERR_TIMED_OUT);
}
END_TEST

START_TEST(cancelled_timeouts_do_not_fire)
{
	struct thread *a = mock_thread(proc, 10, "a");
	struct thread *b = mock_thread(proc, 10, "b");

	mock_run(a);
	sleep_until(100);
	mock_run(b);
	sleep_until(200);
	sched_timeout_cancel(a);
	ck_assert_uint_eq(a->deadline, 0);
	ck_assert_ptr_eq(sched_next_to_run(), b);
	ck_assert_uint_eq(arch_timer_now(), 200);
	ck_assert_int_eq(a->state, MLK_THREAD_SLEEP);
	sched_timeout_cancel(a); /* twice is harmless */
}
END_TEST

START_TEST(remove_and_set_prio)
{
	struct thread *a = mock_thread(proc, 10, "a");
	struct thread *b = mock_thread(proc, 10, "b");

	sched_set_prio(b, 30);
	ck_assert_uint_eq(b->prio, 30);
	ck_assert_int_eq(sched_top_ready_prio(), 30);
	ck_assert_ptr_eq(sched_next_to_run(), b);
	sched_set_prio(a, 31); /* READY: moves queue */
	ck_assert(sched_cpu.need_resched);
	ck_assert_ptr_eq(sched_next_to_run(), a);
	sched_remove(b);
	ck_assert(!is_queued(b));
	ck_assert_int_eq(sched_top_ready_prio(), -1);
}
END_TEST

START_TEST(suspended_and_dead_threads_stay_off_the_queue)
{
	struct thread *s = mock_thread(proc, 10, "s");
	struct thread *d = mock_thread(proc, 10, "d");

	mock_run(s);
	sched_block(MLK_THREAD_RECV);
	s->suspended = 1;
	sched_wake(s);
	ck_assert_int_eq(s->state, MLK_THREAD_SUSPENDED);
	ck_assert(!is_queued(s));
	mock_run(d);
	sched_block(MLK_THREAD_RECV);
	d->state = MLK_THREAD_DEAD;
	sched_wake(d);
	ck_assert_int_eq(d->state, MLK_THREAD_DEAD);
	ck_assert_int_eq(sched_top_ready_prio(), -1);
}
END_TEST

START_TEST(a_thread_dying_on_the_cpu_goes_after_the_switch)
{
	/* The first thread of a process has a handle (slot 3). */
	struct thread *first = mock_thread(proc, 10, "first");
	struct thread *t = mock_thread(proc, 10, "t");

	mock_run(t);
	thread_kill(t, 0);
	ck_assert_int_eq(t->state, MLK_THREAD_DEAD);
	ck_assert_str_eq(mock_destroyed_threads(), "");
	ck_assert_ptr_eq(sched_next_to_run(), first);
	ck_assert_str_eq(mock_destroyed_threads(), "t;");
}
END_TEST

static Suite *runqueue_suite(void)
{
	Suite *s = suite_create("runqueue");
	TCase *queue = tcase_create("queue");
	TCase *pick = tcase_create("pick");
	TCase *time = tcase_create("time");

	tcase_add_checked_fixture(queue, rq_setup, NULL);
	tcase_add_test(queue, empty_queue);
	tcase_add_test(queue, one_thread_at_each_priority);
	tcase_add_test(queue, highest_priority_first);
	tcase_add_test(queue, fifo_within_a_priority);
	tcase_add_test(queue, bit_cleared_only_when_the_queue_empties);
	tcase_add_test(queue, rotate_replaces_the_head_with_a_tail);
	tcase_add_test(queue, random_operations_match_a_model);
	suite_add_tcase(s, queue);

	tcase_add_checked_fixture(pick, sched_setup, NULL);
	tcase_add_test(pick, boot_runs_idle);
	tcase_add_test(pick, wake_from_idle_switches);
	tcase_add_test(pick, higher_priority_wake_preempts);
	tcase_add_test(pick, blocking_picks_the_next_and_idles_when_none);
	tcase_add_test_raise_signal(pick, idle_with_nothing_to_wake_aborts,
				    SIGABRT);
	tcase_add_test(pick, yield_goes_behind_its_equals);
	tcase_add_test(pick, blocking_switches_straight_to_the_first_ready);
	tcase_add_test(pick,
		       yield_to_a_higher_thread_goes_through_the_scheduler);
	tcase_add_test(pick, remove_and_set_prio);
	tcase_add_test(pick, suspended_and_dead_threads_stay_off_the_queue);
	tcase_add_test(pick, a_thread_dying_on_the_cpu_goes_after_the_switch);
	suite_add_tcase(s, pick);

	tcase_add_checked_fixture(time, sched_setup, NULL);
	tcase_add_test(time, time_slice_expiry_rotates_equals);
	tcase_add_test(time, no_slice_timer_without_equals);
	tcase_add_test(time, preempted_thread_keeps_the_rest_of_its_slice);
	tcase_add_test(time, preempted_at_the_end_of_its_slice_goes_behind);
	tcase_add_test(time, timeouts_expire_in_deadline_order);
	tcase_add_test(time, idle_wakes_each_sleeper_at_its_deadline);
	tcase_add_test(time, a_wait_that_times_out_gets_timed_out);
	tcase_add_test(time, cancelled_timeouts_do_not_fire);
	suite_add_tcase(s, time);
	return s;
}

int main(void)
{
	return unit_run("runqueue", runqueue_suite());
}
