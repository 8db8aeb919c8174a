/*
 * Processes: a handle table, an address space, threads, a memory quota and
 * a supervisor to report faults and exits to.
 */
#ifndef MLK_KERNEL_PROCESS_H
#define MLK_KERNEL_PROCESS_H

#include "handle_table.h"
#include "list.h"
#include "object.h"

#include <mlk/syscall.h>

struct aspace;
struct endpoint;

enum process_state {
	PROC_ALIVE,
	PROC_DEAD, /* its threads, handles and memory are gone */
};

struct process {
	struct kobj obj;
	enum process_state state;
	struct handle_table handles;
	struct aspace *aspace;
	struct list threads;  /* struct thread.proc_link */
	uint32_t nthreads;    /* not dead */
	uint32_t nrunning;    /* started and not dead */
	struct list all_link; /* every process, for system_info */
	/* The process tree: a process dies with its parent (process_kill). */
	struct list children;	/* struct process.child_link */
	struct list child_link; /* in parent->children */
	struct list doom_link;	/* waiting to be killed with its parent */
	/* Memory quota, in bytes: the most it and the processes below it
	 * may hold together (a limit: nothing is set aside for it), and
	 * what they hold (its objects and pages, and theirs; quota.c). */
	uint64_t quota;
	uint64_t used;
	struct process *parent; /* whose quota bounds this one's too */
	/* Where fault and exit messages go, and with which badge. */
	struct endpoint *supervisor;
	uint64_t supervisor_badge;
	int64_t exit_code;
	char name[MLK_NAME_MAX + 1];
};

/* A new process with an empty address space and a limit of `quota`
 * bytes, within the parent's own (parent NULL: init, from the kernel).
 * Only the process's own objects are charged now. */
mlk_status_t process_create(struct process *parent, const char *name,
			    uint64_t quota, struct process **out);
/* End a process: every thread, handle and mapping goes; the supervisor
 * gets an exit message.  Its descendants are killed too (MLK_EXIT_KILLED). */
void process_kill(struct process *p, int64_t code);
/* Handles to p that live outside p's own table. */
uint32_t process_outside_handles(const struct process *p);
/* Could anything still make p run?  Not when nothing outside it holds a
 * handle to it and none of its threads was started and is alive. */
bool process_unreachable(const struct process *p);
/* May `self` point p's fault and exit messages somewhere?  Only a strict
 * ancestor may: a process cannot leave its own supervision. */
bool process_is_ancestor(const struct process *self, const struct process *p);
/* Charge or release `bytes` to p and its ancestors (p NULL: the kernel,
 * free); a charge that would take any of them past its quota is
 * MLK_ERR_NO_MEMORY and charges nothing. */
mlk_status_t quota_charge(struct process *p, uint64_t bytes);
void quota_release(struct process *p, uint64_t bytes);

extern struct list all_processes;

#endif
