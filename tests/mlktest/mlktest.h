/*
 * mlktest: the user-space test suite of the MLK system calls.
 *
 * A test is a function declared with TEST(group, name) in one of the
 * t_<area>.c files; the macro puts a record of it in the section
 * "mlktest_table", which the runner (mlktest.c) walks.  Checks record a
 * failure and go on; each returns whether it held, so that a test can
 * stop early (after closing what it opened) when going on makes no sense.
 *
 * The helpers below start worker threads in this process and children
 * (the program mlktest-child, see child.h) that this process supervises.
 */
#ifndef MLKTEST_H
#define MLKTEST_H

#include <mlk/msg.h>
#include <mlk/spawn.h>
#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- the framework ------------------------------------------------------- */

struct mlktest {
	const char *group;
	const char *name;
	const char *file;
	int line;
	void (*run)(void);
};

/* Each TEST leaves a struct mlktest in this section; the linker makes
 * __start_ and __stop_ symbols for it. */
#define MLKTEST_SECTION                                                        \
	__attribute__((used, section("mlktest_table"), aligned(8)))
#define MLKTEST_FN(group, name) mlktest_##group##_##name

#define TEST(group, name)                                                      \
	static void MLKTEST_FN(group, name)(void);                             \
	static const struct mlktest mlktest_entry_##group##_##name             \
		MLKTEST_SECTION = { #group, #name, __FILE__, __LINE__,         \
				    MLKTEST_FN(group, name) };                 \
	static void MLKTEST_FN(group, name)(void)

/* Record the result of a check; returns ok. */
bool mlktest_check(bool ok, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
const char *mlktest_status_name(mlk_status_t st);

#define CHECK(expr) mlktest_check(!!(expr), __FILE__, __LINE__, "%s", #expr)

#define CHECK_EQ(a, b)                                                         \
	({                                                                     \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);               \
		mlktest_check(a_ == b_, __FILE__, __LINE__,                    \
			      "%s == %s (%#lx != %#lx)", #a, #b,               \
			      (unsigned long)a_, (unsigned long)b_);           \
	})

#define CHECK_NE(a, b)                                                         \
	({                                                                     \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);               \
		mlktest_check(a_ != b_, __FILE__, __LINE__,                    \
			      "%s != %s (both %#lx)", #a, #b,                  \
			      (unsigned long)a_);                              \
	})

/* A system call's status: CHECK_ST(mlk_x(...), MLK_ERR_BAD_HANDLE). */
#define CHECK_ST(expr, want) CHECK_STATUS_(expr, want, #expr)
#define CHECK_OK(expr) CHECK_STATUS_(expr, MLK_OK, #expr)
#define CHECK_STATUS_(expr, want, text)                                        \
	({                                                                     \
		mlk_status_t got_ = (expr), want_ = (want);                    \
		mlktest_check(got_ == want_, __FILE__, __LINE__,               \
			      "%s -> %s, expected %s", text,                   \
			      mlktest_status_name(got_),                       \
			      mlktest_status_name(want_));                     \
	})

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
