/*
 * bench: the kernel's IPC figures, as tests/bench measures them, from
 * inside the running system.  tests/bench counts instructions under QEMU
 * -icount and needs the boot bundle to start its peer process; the shell
 * has neither, so it times with the monotonic clock (wall-clock
 * nanoseconds, which under QEMU depend on the host) and its peers are
 * threads of its own, plus init for a round trip between two processes.
 * The figures are for comparing runs on one machine, not for asserting.
 */
#include <mlk/ipc.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include <stdio.h>
#include <stdlib.h>

#include "shell.h"

#define ITERATIONS 20000
#define INIT_ITERATIONS 2000 /* init does real work per request */
#define WARMUP 1000
#define STOP_LABEL 1 /* tells the IPC helper to end */
#define STACK_SIZE 16384
#define NS_PER_MS 1000000ull

/* One helper thread at a time: the next starts once the last is gone. */
static uint8_t helper_stack[STACK_SIZE] __attribute__((aligned(16)));
static volatile bool helper_stop;
static mlk_handle_t ping, pong;

static void report(const char *name, uint64_t ns, uint64_t ops)
{
	char per_op[32];

	format_fixed3(per_op, sizeof(per_op), ns, ops);
	printf("bench: %s %s ns/op\n", name, per_op);
	term_flush();
}

/* ---- helper threads ------------------------------------------------------ */

static bool thread_alive(uint64_t tid)
{
	struct mlk_thread_info *t;
	size_t n;
	bool alive = false;

	if (sysinfo_table(MLK_INFO_THREADS, sizeof(*t), (void **)&t, &n) !=
	    MLK_OK)
		return false;
	for (size_t i = 0; i < n; i++)
		alive |= t[i].tid == tid;
	free(t);
	return alive;
}

static uint32_t own_priority(void)
{
	struct mlk_thread_info *t;
	size_t n;
	uint64_t tid = 0;
	uint32_t prio = 0;

	mlk_object_id(MLK_HANDLE_SELF_THREAD, &tid);
	if (sysinfo_table(MLK_INFO_THREADS, sizeof(*t), (void **)&t, &n) !=
	    MLK_OK)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (t[i].tid == tid)
			prio = t[i].priority;
	free(t);
	return prio;
}

static mlk_status_t helper_start(void (*fn)(uint64_t), uint64_t arg,
				 uint64_t *tid)
{
	mlk_handle_t t;
	mlk_status_t st;

	helper_stop = false;
	st = mlk_thread_create(MLK_HANDLE_SELF_PROCESS, (uint64_t)(uintptr_t)fn,
			       (uint64_t)(uintptr_t)&helper_stack[STACK_SIZE],
			       arg, own_priority(), "bench", 5, &t);
	if (st != MLK_OK)
		return st;
	mlk_object_id(t, tid);
	st = mlk_thread_start(t);
	mlk_handle_close(t);
	return st;
}

/* Its stack is free for the next helper only once the kernel has it
 * dead. */
static void helper_join(uint64_t tid)
{
	while (thread_alive(tid))
		mlk_sleep(mlk_deadline_in(NS_PER_MS));
}

/* ---- the figures --------------------------------------------------------- */

static void bench_null(void)
{
	for (int i = 0; i < WARMUP; i++)
		mlk_null();
	uint64_t t0 = mlk_clock_now();
	for (int i = 0; i < ITERATIONS; i++)
		mlk_null();
	report("null_syscall", mlk_clock_now() - t0, ITERATIONS);
}

/* Reply to every call with an empty message until STOP_LABEL. */
static void ipc_server(uint64_t ep)
{
	struct mlk_ipc io = { 0 };

	if (mlk_ipc_recv(ep, 0, &io) == MLK_OK) {
		while (MLK_MSGINFO_LABEL(io.info) != STOP_LABEL) {
			io.info = 0;
			if (mlk_ipc_reply_recv(ep, 0, &io) != MLK_OK)
				break;
		}
		io.info = 0;
		mlk_ipc_reply(&io);
	}
	mlk_thread_exit(0);
}

static mlk_status_t bench_ipc(void)
{
	struct mlk_ipc io = { 0 };
	mlk_handle_t ep;
	uint64_t tid, t0, t1;
	mlk_status_t st = mlk_endpoint_create(&ep);

	if (st == MLK_OK && (st = helper_start(ipc_server, ep, &tid)) != MLK_OK)
		mlk_handle_close(ep);
	if (st != MLK_OK)
		return st;
	for (int i = 0; i < WARMUP && st == MLK_OK; i++) {
		io.info = 0;
		st = mlk_ipc_call(ep, 0, &io);
	}
	t0 = mlk_clock_now();
	for (int i = 0; i < ITERATIONS && st == MLK_OK; i++) {
		io.info = 0;
		st = mlk_ipc_call(ep, 0, &io);
	}
	t1 = mlk_clock_now();
	io.info = MLK_MSGINFO(STOP_LABEL, 0, 0);
	mlk_ipc_call(ep, 0, &io);
	helper_join(tid);
	mlk_handle_close(ep);
	if (st == MLK_OK)
		report("ipc_rtt_same_as", t1 - t0, ITERATIONS);
	return st;
}

static void notify_pong(uint64_t unused)
{
	uint64_t bits;

	while (mlk_wait(ping, 0, &bits) == MLK_OK && !helper_stop)
		mlk_signal(pong, 1);
	mlk_thread_exit(0);
}

static mlk_status_t ping_pong(int rounds)
{
	uint64_t bits;
	mlk_status_t st = MLK_OK;

	for (int i = 0; i < rounds && st == MLK_OK; i++) {
		mlk_signal(ping, 1);
		st = mlk_wait(pong, 0, &bits);
	}
	return st;
}

static mlk_status_t bench_notify(void)
{
	uint64_t tid, t0, t1;
	mlk_status_t st = helper_start(notify_pong, 0, &tid);

	if (st != MLK_OK)
		return st;
	st = ping_pong(WARMUP);
	t0 = mlk_clock_now();
	if (st == MLK_OK)
		st = ping_pong(ITERATIONS);
	t1 = mlk_clock_now();
	helper_stop = true;
	mlk_signal(ping, 1);
	helper_join(tid);
	if (st == MLK_OK)
		report("notify_rtt_same_as", t1 - t0, ITERATIONS);
	return st;
}

static void yield_loop(uint64_t unused)
{
	while (!helper_stop)
		mlk_yield();
	mlk_thread_exit(0);
}

static mlk_status_t bench_yield(void)
{
	uint64_t tid, t0, t1;
	mlk_status_t st = helper_start(yield_loop, 0, &tid);

	if (st != MLK_OK)
		return st;
	for (int i = 0; i < WARMUP; i++)
		mlk_yield();
	t0 = mlk_clock_now();
	for (int i = 0; i < ITERATIONS; i++)
		mlk_yield();
	t1 = mlk_clock_now();
	helper_stop = true;
	helper_join(tid);
	/* Each of our yields is answered by one of the helper's. */
	report("yield", t1 - t0, 2 * ITERATIONS);
	return MLK_OK;
}

/* A request init answers at once (a list entry past the last): a round
 * trip between two processes, with init's dispatch in it. */
static mlk_status_t bench_init_call(void)
{
	struct mlk_init_service s;
	mlk_status_t st = MLK_ERR_NOT_FOUND;

	for (int i = 0; i < WARMUP && st == MLK_ERR_NOT_FOUND; i++)
		st = mlk_init_list(UINT32_MAX, &s);
	uint64_t t0 = mlk_clock_now();
	for (int i = 0; i < INIT_ITERATIONS && st == MLK_ERR_NOT_FOUND; i++)
		st = mlk_init_list(UINT32_MAX, &s);
	uint64_t t1 = mlk_clock_now();
	if (st != MLK_ERR_NOT_FOUND)
		return st;
	report("init_call", t1 - t0, INIT_ITERATIONS);
	return MLK_OK;
}

int cmd_bench(int argc, char **argv, const struct command_line *cl)
{
	mlk_status_t st;

	/* Without it, the helpers' priority and end could not be known. */
	if (!shell_system()) {
		shell_error("bench", "system handle", MLK_ERR_BAD_HANDLE);
		return 1;
	}
	printf("bench: %d iterations each, wall-clock time\n", ITERATIONS);
	term_flush();
	bench_null();
	if ((st = bench_ipc()) != MLK_OK) {
		shell_error("bench", "ipc_rtt_same_as", st);
		return 1;
	}
	st = mlk_notification_create(&ping);
	if (st == MLK_OK && (st = mlk_notification_create(&pong)) != MLK_OK)
		mlk_handle_close(ping);
	if (st == MLK_OK) {
		st = bench_notify();
		mlk_handle_close(ping);
		mlk_handle_close(pong);
	}
	if (st != MLK_OK) {
		shell_error("bench", "notify_rtt_same_as", st);
		return 1;
	}
	if ((st = bench_yield()) != MLK_OK) {
		shell_error("bench", "yield", st);
		return 1;
	}
	if ((st = bench_init_call()) != MLK_OK) {
		shell_error("bench", "init_call", st);
		return 1;
	}
	printf("bench: done\n");
	return 0;
}
