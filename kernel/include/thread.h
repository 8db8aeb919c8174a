/*
 * Threads.  A thread's user registers live in its struct thread (the
 * exception entry saves them there), so the kernel needs no stack per
 * thread: it runs on one stack per CPU and, when it is done, returns to
 * whichever thread the scheduler picked.  A blocked thread is simply one
 * that is not on a run queue; whoever wakes it writes its results into its
 * saved registers.
 */
#ifndef MLK_KERNEL_THREAD_H
#define MLK_KERNEL_THREAD_H

#include "hal.h"

#include "list.h"
#include "object.h"

#include <mlk/ipc.h>
#include <mlk/sysinfo.h>

struct process;
struct endpoint;
struct notification;
struct reply;
struct aspace;

/* What an IPC-blocked thread is doing (thread.ipc_op). */
enum ipc_op {
	IPC_NONE,
	IPC_SEND,  /* send: wake when received */
	IPC_CALL,  /* call: then wait for the reply */
	IPC_FAULT, /* the kernel sends a fault message on its behalf */
	IPC_EXIT,  /* the kernel sends an exit message on its behalf */
};

struct thread {
	/* First, at offset 0: the exception entry saves user registers here. */
	struct trap_frame frame;
	struct arch_thread arch; /* FP state, TLS registers */

	struct kobj obj;
	struct process *proc;
	struct aspace *aspace; /* the process's, referenced for the buffer */
	uint8_t state;	       /* enum mlk_thread_state */
	uint8_t prio;	       /* MLK_PRIO_MIN..MLK_PRIO_MAX */
	uint8_t ipc_op;	       /* enum ipc_op, while blocked on an endpoint */
	uint8_t suspended;     /* thread_suspend asked; runs again on resume */
	struct list link;      /* run queue, or the queue it waits in */
	struct list proc_link; /* process.threads */
	struct list all_link;  /* every thread, for system_info */

	/* Blocking: on what, until when. */
	void *waiting_on;  /* endpoint or notification queue owner */
	uint64_t deadline; /* timer ticks; 0 = none */
	struct list timeout_link;

	/* IPC */
	mlk_msginfo_t msginfo;	    /* of the message it is sending */
	uint64_t badge;		    /* badge of the handle it sends through */
	struct thread *reply_to;    /* a caller waiting for our reply */
	struct thread *replier;	    /* whose reply we wait for (thread) */
	struct reply *saved_reply;  /* or the saved reply handle we wait on */
	struct notification *bound; /* delivered in recv (MLK_LABEL_NOTIFY) */
	struct mlk_ipc_buffer *ipcbuf; /* kernel view of its IPC buffer */
	uint64_t ipcbuf_pa;
	uint64_t ipcbuf_uva;

	/* Faults and exit */
	uint64_t fault_kind, fault_addr, fault_pc;
	int64_t exit_code;

	/* Time */
	uint64_t slice_end;  /* when its time slice runs out (ticks) */
	uint64_t slice_left; /* preempted mid-slice: what it still had */
	uint64_t cpu_ticks;  /* CPU time billed to it (sched_cpu.billed) */

	char name[MLK_NAME_MAX + 1];
};

_Static_assert(offsetof(struct thread, frame) == 0,
	       "the exception entry saves registers at the thread's start");

mlk_status_t thread_create(struct process *p, uint64_t entry, uint64_t sp,
			   uint64_t arg, unsigned prio, const char *name,
			   struct thread **out);
void thread_start(struct thread *t);
/* The thread will not run again; its object lives while referenced. */
void thread_kill(struct thread *t, int64_t code);
/* Suspend `t` after a fault it cannot continue from, and report it. */
void thread_fault(struct thread *t, unsigned kind, uint64_t addr, uint64_t pc);

/* The result a blocked thread wakes up with (x0, and x1 for values). */
static inline void thread_set_status(struct thread *t, mlk_status_t st)
{
	frame_set_ret(&t->frame, 0, (uint64_t)st);
}

extern struct list all_threads;

#endif
