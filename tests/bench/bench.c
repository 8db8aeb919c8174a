/*
 * bench: instructions per operation of the kernel's hot paths.
 *
 * Run under QEMU with -icount shift=0 (see `make bench`): virtual time
 * then advances one nanosecond per instruction and the PMU cycle counter,
 * which QEMU derives from virtual time at 1 GHz, counts instructions
 * exactly.  Each figure is the counter's difference over many iterations
 * divided by their number, after a warm-up; it includes the few
 * instructions of the loop itself.
 *
 * The server side of the cross-process figures is this same program
 * started again with the argument "server" (it finds itself in the boot
 * bundle).  Output: one line per figure, "bench: <name> <n> insns/op".
 */
#include <mlk/bundle.h>
#include <mlk/runtime.h>
#include <mlk/spawn.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ITERATIONS 20000
#define WARMUP 1000

static inline uint64_t cycles(void)
{
	uint64_t c;

	__asm__ volatile("isb\n\tmrs %0, pmccntr_el0" : "=r"(c)::"memory");
	return c;
}

static void report(const char *name, uint64_t total, uint64_t ops)
{
	printf("bench: %s %lu insns/op\n", name,
	       (unsigned long)((total + ops / 2) / ops));
}

static void check(mlk_status_t st, const char *what)
{
	if (st != MLK_OK) {
		printf("bench: %s failed (status %ld)\n", what, (long)st);
		exit(1);
	}
}

/* ---- the null system call ------------------------------------------------ */

static void bench_null(void)
{
	for (int i = 0; i < WARMUP; i++)
		mlk_null();
	uint64_t t0 = cycles();
	for (int i = 0; i < ITERATIONS; i++)
		mlk_null();
	report("null_syscall", cycles() - t0, ITERATIONS);
}

/* ---- call / reply_recv --------------------------------------------------- */

/* Touch the FP/SIMD registers, as code built without -mgeneral-regs-only
 * does (struct copies, memcpy): the thread then owns FP state. */
static inline void touch_fp(void)
{
	__asm__ volatile("fadd v0.2d, v0.2d, v0.2d" ::: "v0");
}

/* The server loop: reply to each call with `nwords` words (the rest of
 * them in the IPC buffer) and wait; `fp`: touch FP between calls. */
static void serve(mlk_handle_t ep, unsigned nwords, int fp)
{
	struct mlk_ipc io = { 0 };

	if (mlk_ipc_recv(ep, 0, &io) != MLK_OK)
		return;
	for (;;) {
		if (fp)
			touch_fp();
		io.info = MLK_MSGINFO(0, nwords, 0);
		if (mlk_ipc_reply_recv(ep, 0, &io) != MLK_OK)
			return;
	}
}

/* Calls of `nwords` words each; `fp`: touch FP between calls. */
static uint64_t round_trips(mlk_handle_t ep, unsigned nwords, int fp)
{
	struct mlk_ipc io = { 0 };

	for (int i = 0; i < WARMUP; i++) {
		io.info = MLK_MSGINFO(0, nwords, 0);
		check(mlk_ipc_call(ep, 0, &io), "call");
		if (MLK_MSGINFO_WORDS(io.info) != nwords)
			check(MLK_ERR_BAD_STATE, "reply length");
	}
	uint64_t t0 = cycles();
	for (int i = 0; i < ITERATIONS; i++) {
		if (fp)
			touch_fp();
		io.info = MLK_MSGINFO(0, nwords, 0);
		mlk_ipc_call(ep, 0, &io);
	}
	return cycles() - t0;
}

/* ---- notifications ------------------------------------------------------- */

static void notify_pong(mlk_handle_t ping, mlk_handle_t pong)
{
	uint64_t bits;

	for (;;) {
		if (mlk_wait(ping, 0, &bits) != MLK_OK)
			return;
		mlk_signal(pong, 1);
	}
}

static uint64_t notify_ping(mlk_handle_t ping, mlk_handle_t pong)
{
	uint64_t bits;

	for (int i = 0; i < WARMUP; i++) {
		mlk_signal(ping, 1);
		check(mlk_wait(pong, 0, &bits), "wait");
	}
	uint64_t t0 = cycles();
	for (int i = 0; i < ITERATIONS; i++) {
		mlk_signal(ping, 1);
		mlk_wait(pong, 0, &bits);
	}
	return cycles() - t0;
}

/* ---- threads of this process --------------------------------------------- */

static uint8_t thread_stacks[2][16384] __attribute__((aligned(16)));

static mlk_handle_t start_thread(void (*fn)(uint64_t), uint64_t arg, int n,
				 uint32_t prio)
{
	mlk_handle_t t;

	check(mlk_thread_create(MLK_HANDLE_SELF_PROCESS,
				(uint64_t)(uintptr_t)fn,
				(uint64_t)(uintptr_t)&thread_stacks[n][16384],
				arg, prio, "bench-helper", 12, &t),
	      "thread_create");
	check(mlk_thread_start(t), "thread_start");
	return t;
}

static void server_thread(uint64_t ep)
{
	serve((mlk_handle_t)ep, 0, 0);
	mlk_thread_exit(0);
}

static volatile int yield_stop;

static void yield_thread(uint64_t unused)
{
	(void)unused;
	while (!yield_stop)
		mlk_yield();
	mlk_thread_exit(0);
}

static void bench_yield(uint32_t prio)
{
	mlk_handle_t t = start_thread(yield_thread, 0, 1, prio);

	for (int i = 0; i < WARMUP; i++)
		mlk_yield();
	uint64_t t0 = cycles();
	for (int i = 0; i < ITERATIONS; i++)
		mlk_yield();
	/* Each of our yields is answered by one of the other thread's. */
	report("yield", cycles() - t0, 2 * ITERATIONS);
	yield_stop = 1;
	mlk_yield();
	mlk_handle_close(t);
}

/* ---- a pool of server threads -------------------------------------------- */

#define POOL_THREADS 100
#define POOL_STACK 4096

static uint8_t pool_stacks[POOL_THREADS][POOL_STACK]
	__attribute__((aligned(16)));

/* POOL_THREADS more threads of this process wait on ep beside this one,
 * at its priority: each reply_recv queues the replier behind them. */
static void serve_pool(mlk_handle_t ep, uint32_t prio)
{
	mlk_handle_t t;

	for (int i = 0; i < POOL_THREADS; i++) {
		check(mlk_thread_create(
			      MLK_HANDLE_SELF_PROCESS,
			      (uint64_t)(uintptr_t)server_thread,
			      (uint64_t)(uintptr_t)&pool_stacks[i][POOL_STACK],
			      ep, prio, "bench-pool", 10, &t),
		      "thread_create");
		check(mlk_thread_start(t), "thread_start");
	}
	serve(ep, 0, 0);
}

/* ---- the other process --------------------------------------------------- */

static const void *own_elf(size_t *size)
{
	mlk_handle_t bundle = mlk_start_handle(MLK_START_BUNDLE, NULL);
	uint64_t bytes, addr;

	if (!bundle || mlk_mem_size(bundle, &bytes) != MLK_OK ||
	    mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, bundle, 0, 0, bytes,
			   MLK_MAP_READ, &addr) != MLK_OK) {
		printf("bench: needs the bundle (grant=bundle)\n");
		exit(1);
	}
	const void *b = (const void *)(uintptr_t)addr;
	const struct mlk_bundle_entry *e = mlk_bundle_find(b, "bench");
	if (!e) {
		printf("bench: not in the bundle as 'bench'\n");
		exit(1);
	}
	*size = e->size;
	return mlk_bundle_data(b, e);
}

static void spawn_peer(const char *role, mlk_handle_t h1, mlk_handle_t h2,
		       uint32_t prio, struct mlk_spawned *out)
{
	struct mlk_spawn s = {
		.name = "bench-peer",
		.priority = prio,
		.quota = 8 << 20,
		.args = role,
		.nhandles = 2,
		.handles = { { .kind = 0, .handle = h1 },
			     { .kind = 0, .handle = h2 } },
	};

	s.elf = own_elf(&s.elf_size);
	check(mlk_spawn(&s, out), "spawn");
}

static int peer_main(const char *role)
{
	const struct mlk_startinfo *si = mlk_startinfo();
	mlk_handle_t h1 = si->handles[0].handle, h2 = si->handles[1].handle;

	if (!strcmp(role, "server"))
		serve(h1, 0, 0);
	else if (!strcmp(role, "server16"))
		serve(h1, 16, 0);
	else if (!strcmp(role, "serverfp"))
		serve(h1, 0, 1);
	else if (!strcmp(role, "pool"))
		serve_pool(h1, 40);
	else if (!strcmp(role, "pong"))
		notify_pong(h1, h2);
	return 0;
}

/* One round-trip figure against a server process in `role`. */
static void rtt(const char *name, const char *role, uint32_t prio,
		unsigned nwords, int fp)
{
	struct mlk_spawned peer;
	mlk_handle_t ep;

	check(mlk_endpoint_create(&ep), "endpoint_create");
	spawn_peer(role, ep, ep, prio, &peer);
	report(name, round_trips(ep, nwords, fp), ITERATIONS);
	mlk_process_kill(peer.process, 0);
	mlk_handle_close(ep);
}

int main(int argc, char **argv)
{
	uint32_t prio = 40;
	mlk_handle_t ep, ping, pong;
	struct mlk_spawned peer;

	if (argc > 1)
		return peer_main(argv[1]);
	printf("bench: %d iterations each, instructions counted by the PMU\n",
	       ITERATIONS);

	bench_null();

	/* ipc_rtt: the server is another process. */
	rtt("ipc_rtt", "server", prio, 0, 0);
	/* ...both sides using FP/SIMD registers between calls. */
	rtt("ipc_rtt_fp", "serverfp", prio, 0, 1);
	/* ...16 words each way. */
	rtt("ipc_rtt_16w", "server16", prio, 16, 0);
	/* ...with POOL_THREADS more server threads waiting on the endpoint. */
	rtt("ipc_rtt_pool100", "pool", prio, 0, 0);

	/* ipc_rtt_same_as: the server is a thread of ours. */
	check(mlk_endpoint_create(&ep), "endpoint_create");
	mlk_handle_t t = start_thread(server_thread, ep, 0, prio);
	report("ipc_rtt_same_as", round_trips(ep, 0, 0), ITERATIONS);
	mlk_thread_suspend(t);
	mlk_handle_close(t);
	mlk_handle_close(ep);

	/* notify_rtt: ping-pong with another process. */
	check(mlk_notification_create(&ping), "notification_create");
	check(mlk_notification_create(&pong), "notification_create");
	spawn_peer("pong", ping, pong, prio, &peer);
	report("notify_rtt", notify_ping(ping, pong), ITERATIONS);
	mlk_process_kill(peer.process, 0);

	bench_yield(prio);
	printf("bench: done\n");
	return 0;
}
