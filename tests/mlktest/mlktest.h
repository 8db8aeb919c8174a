/*
 * mlktest: the user-space test suite of the MLK system calls.
 *
 * A test is a TEST(group, name) of the test library (tests/lib/mlkcheck.h)
 * in one of the t_<area>.c files, with its checks (CHECK, CHECK_EQ,
 * CHECK_ST ...); mlktest.c runs them.  The helpers below start worker
 * threads in this process and children (the program mlktest-child, see
 * child.h) that this process supervises.
 */
#ifndef MLK_TESTS_MLKTEST_MLKTEST_H
#define MLK_TESTS_MLKTEST_MLKTEST_H

#include <mlk/msg.h>
#include <mlk/spawn.h>
#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlkcheck.h"

/* ---- what the runner was given ------------------------------------------- */

mlk_handle_t mlktest_system(void); /* MANAGE | READ */
mlk_handle_t mlktest_log(void);	   /* WRITE */
mlk_handle_t mlktest_bundle(void); /* READ | MAP */
uint32_t mlktest_priority(void);   /* of the main thread */

/* ---- time ---------------------------------------------------------------- */

#define MS (1000000ull)

uint64_t now_ns(void);
/* Spin (not sleep) for ns nanoseconds of the monotonic clock. */
void spin_ns(uint64_t ns);

/* Another thread's progress is never a matter of time (the host may stall
 * the guest at any moment): wait for what it does, up to SETTLE_NS. */
#define SETTLE_NS (1000 * MS)
#define SETTLE_POLL_NS (MS / 4)

/* Poll cond, sleeping between tries (lower threads run meanwhile), until
 * it holds or SETTLE_NS passed; its last value. */
#define WAIT_UNTIL(cond)                                                       \
	({                                                                     \
		uint64_t until_ = now_ns() + SETTLE_NS;                        \
		bool held_;                                                    \
		while (!(held_ = !!(cond)) && now_ns() < until_)               \
			mlk_sleep(now_ns() + SETTLE_POLL_NS);                  \
		held_;                                                         \
	})

/* ---- worker threads in this process -------------------------------------- */

struct worker {
	mlk_handle_t thread;
	mlk_handle_t done; /* signalled when fn returned */
	void *stack;
	void (*fn)(void *arg);
	void *arg;
	char name[16]; /* unique: how the runner finds it in system_info */
};

/* Create and start a thread running fn(arg) at `priority`. */
mlk_status_t worker_start(struct worker *w, void (*fn)(void *), void *arg,
			  uint32_t priority);
/* Create it, but leave it in the CREATED state. */
mlk_status_t worker_create(struct worker *w, void (*fn)(void *), void *arg,
			   uint32_t priority);
/* Wait (up to timeout) until fn returned and the thread is gone, then
 * free it; false if it did not end in time (it is left as it is). */
bool worker_join(struct worker *w, uint64_t timeout_ns);
/* Its thread as system_info reports it; false once it ended. */
bool worker_info(const struct worker *w, struct mlk_thread_info *ti);
bool worker_gone(const struct worker *w);
/* Wait until its thread is in `state` (enum mlk_thread_state), e.g. blocked
 * in MLK_THREAD_RECV; false if it ended or did not get there in SETTLE_NS. */
bool worker_settle(const struct worker *w, uint32_t state);

/* ---- children: mlktest-child in processes of their own ------------------ */

struct child {
	struct mlk_spawned h;
	mlk_handle_t sup; /* its supervisor endpoint (ours, all rights) */
	uint64_t pid;	  /* learnt from its first kernel message */
	bool dead;
	int64_t code;
};

struct child_opts {
	uint64_t quota;	   /* 0: 2 MiB */
	uint32_t priority; /* 0: ours */
	bool unsupervised; /* no supervisor at all */
	uint32_t nhandles; /* more handles: kind CHILD_H_*, see child.h */
	mlk_handle_t handles[4];
	uint32_t kinds[4];
};

/* Start mlktest-child with `args` ("exit 3", "server" ...). */
mlk_status_t child_spawn(struct child *c, const char *args,
			 const struct child_opts *o);
/* The next message on its supervisor endpoint (kernel or its own). */
mlk_status_t child_recv(struct child *c, struct mlk_msg *m,
			uint64_t timeout_ns);
/* Wait for its exit message; *code gets the exit code. */
mlk_status_t child_wait_exit(struct child *c, uint64_t timeout_ns,
			     int64_t *code);
/* Kill it if it still runs, wait for the end, close every handle. */
void child_cleanup(struct child *c);
/* worker_settle for its first thread (c->h.thread). */
bool child_settle(const struct child *c, uint32_t state);

/* ---- kernel facts -------------------------------------------------------- */

/* This process's record, or a thread's (by id); false if not found. */
bool info_self(struct mlk_process_info *pi);
bool info_process(uint64_t pid, struct mlk_process_info *pi);
bool info_process_named(const char *name, struct mlk_process_info *pi);
bool info_thread(uint64_t tid, struct mlk_thread_info *ti);
/* How many live processes and threads the kernel reports. */
uint64_t info_count(uint32_t what);
uint64_t info_free_bytes(void);

/* ---- memory -------------------------------------------------------------- */

/* A fresh object of `size` mapped read-write here; *mem its handle (may be
 * NULL: the handle is closed, the mapping keeps the object). */
void *map_new(uint64_t size, uint32_t mem_flags, mlk_handle_t *mem);
mlk_status_t unmap(void *addr, uint64_t size);

/* The bundle entry `name` (the child's ELF), mapped read-only here. */
const void *bundle_entry(const char *name, uint64_t *size);

#endif
