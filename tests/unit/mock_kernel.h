/*
 * The kernel around IPC and the scheduler on the build machine (see
 * mock_kernel.c): what the tests of test_runqueue.c and test_ipc.c call to
 * set it up and drive it.
 */
#ifndef MLK_TESTS_UNIT_MOCK_KERNEL_H
#define MLK_TESTS_UNIT_MOCK_KERNEL_H

#include "process.h"
#include "thread.h"

/* Fake RAM for the PMM and the heap, the timer interrupt routed, the
 * scheduler started with idle on the CPU: the state boot leaves. */
void mock_kernel_init(void);

/* A process made by process_create (parent NULL: the kernel pays). */
struct process *mock_process(struct process *parent, const char *name,
			     uint64_t quota);
/* A thread made by thread_create and started: READY on the run queue. */
struct thread *mock_thread(struct process *p, unsigned prio, const char *name);

/* Put `t`, READY, on the CPU as the scheduler would; the thread running
 * before goes back to the run queue. */
void mock_run(struct thread *t);

/* Move the clock to `now` ticks and take the interrupts that raises (the
 * timer's, if its deadline has come). */
void mock_advance(uint64_t now);

/* The user state switches the scheduler made: "prev>next;" by name. */
const char *mock_switches(void);
void mock_switches_clear(void);

/* Threads the kernel destroyed, "name;" each. */
const char *mock_destroyed_threads(void);

#endif
