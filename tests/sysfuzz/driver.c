/*
 * sysfuzz-driver: runs sysfuzz, kills it, and checks that the system is
 * as it was.
 *
 * Arguments (manifest args=...):
 *   calls=N      random calls per seed (sysfuzz's count)
 *   seeds=A,B..  one run of sysfuzz per seed, in turn
 *   threads=T    sysfuzz's fuzz threads
 *   quota=BYTES  sysfuzz's memory quota (suffix K, M or G)
 *
 * For each seed: the figures of the kernel (free memory, heap, processes
 * and their memory, threads); sysfuzz started from the boot bundle with
 * us as its supervisor; its calls counted in the statistics page it
 * shares with us, and its fault and exit messages received; at N calls,
 * process_kill through our process handle; then, within a bound, as many
 * processes and threads as before; the file services checked; the
 * figures again, which must be the same (driver_check.c says exactly
 * how).  Nothing depends on sysfuzz's exit message, which a random
 * process_set_supervisor may have sent elsewhere.
 *
 * The seeds are the one TEST of the test library (tests/lib/mlkcheck.h),
 * its setup the figures before; what a check finds wrong is a FAIL line.
 * Output: the figures of each seed, "sysfuzz-driver: seed N: ok" (or
 * FAILED), the library's totals and "sysfuzz-driver: result: PASS" (or
 * FAIL); then we exit and init powers the machine off.
 */
#include <mlk/bundle.h>
#include <mlk/msg.h>
#include <mlk/runtime.h>
#include <mlk/service.h>
#include <mlk/spawn.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls.h"
#include "driver.h"
#include "mlkcheck.h"
#include "sysfuzz.h"

#define MS 1000000ull
#define POLL_NS (20 * MS)
/* Polls without a single new call before the run counts as hung, and
 * polls to wait for sysfuzz's processes and threads to go. */
#define STALL_POLLS 3000
#define GONE_POLLS 500
#define KILL_CODE 77
#define FUZZ_STACK (256 * 1024)
#define MAX_SEEDS 16
#define MAX_FAULTS_SHOWN 4

static struct {
	uint64_t calls;
	uint64_t seeds[MAX_SEEDS];
	unsigned nseeds;
	unsigned threads;
	uint64_t quota;
	uint32_t priority; /* sysfuzz's: below ours */
} cfg = { 1000000, { 1 }, 1, 3, 64ull << 20, 0 };

static const char *const storm_names[STORM_KINDS] = {
	[STORM_HANDLES] = "endpoints",
	[STORM_MEMORY] = "pages",
	[STORM_THREADS] = "threads",
	[STORM_PROCESSES] = "processes",
};

/* What one run saw. */
struct run {
	char name[24];
	uint64_t target; /* calls before the kill */
	uint64_t pid;
	uint64_t procs0, threads0; /* before it started */
	uint64_t calls, ok;
	uint64_t faults[8];  /* by enum mlk_fault_kind */
	uint64_t own_faults; /* in sysfuzz's own code */
	bool exited;	     /* an exit message came before our kill */
	bool stalled;
	bool start_failed; /* sysfuzz said why in the statistics page */
	bool exit_seen;
	uint64_t polls;
	uint64_t ns; /* from the start to the kill */
};

static uint64_t parse_size(const char *s)
{
	char *end;
	uint64_t v = strtoull(s, &end, 0);

	switch (*end) {
	case 'G':
		return v << 30;
	case 'M':
		return v << 20;
	case 'K':
		return v << 10;
	default:
		return v;
	}
}

static void parse_seeds(const char *s)
{
	cfg.nseeds = 0;
	while (*s && cfg.nseeds < MAX_SEEDS) {
		char *end;
		uint64_t v = strtoull(s, &end, 0);
		if (end == s)
			break;
		cfg.seeds[cfg.nseeds++] = v;
		s = *end == ',' ? end + 1 : end;
	}
}

static bool parse_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		if (!eq)
			return false;
		if (!strncmp(argv[i], "calls=", 6))
			cfg.calls = parse_size(eq + 1);
		else if (!strncmp(argv[i], "seeds=", 6))
			parse_seeds(eq + 1);
		else if (!strncmp(argv[i], "threads=", 8))
			cfg.threads = (unsigned)strtoul(eq + 1, NULL, 0);
		else if (!strncmp(argv[i], "quota=", 6))
			cfg.quota = parse_size(eq + 1);
		else
			return false;
	}
	return cfg.nseeds && cfg.calls && cfg.threads >= 1 &&
	       cfg.threads <= SYSFUZZ_MAX_WORKERS;
}

static const void *elf;
static uint64_t elf_size;

/* sysfuzz's ELF, from the bundle mapped once for all runs. */
static bool fuzzer_elf_once(void)
{
	mlk_handle_t bundle = mlk_start_handle(MLK_START_BUNDLE, NULL);
	const struct mlk_bundle_entry *e;
	uint64_t bytes, addr;

	if (mlk_mem_size(bundle, &bytes) != MLK_OK ||
	    mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, bundle, 0, 0, bytes,
			   MLK_MAP_READ, &addr) != MLK_OK) {
		printf("sysfuzz-driver: cannot map the boot bundle\n");
		return false;
	}
	e = mlk_bundle_find((const void *)addr, SYSFUZZ_PROGRAM);
	if (!e) {
		printf("sysfuzz-driver: no %s in the boot bundle\n",
		       SYSFUZZ_PROGRAM);
		return false;
	}
	elf_size = e->size;
	elf = mlk_bundle_data((const void *)addr, e);
	return true;
}

static uint64_t stats_calls(const volatile struct sysfuzz_stats *s,
			    uint64_t *ok)
{
	uint64_t n = 0;

	*ok = 0;
	for (unsigned i = 0; i < SYSFUZZ_MAX_WORKERS; i++) {
		n += s->calls[i];
		*ok += s->ok[i];
	}
	return n;
}

/* A kernel message about sysfuzz. */
static void kernel_message(struct run *r, const struct mlk_msg *m,
			   const volatile struct sysfuzz_stats *s, bool killed)
{
	if (m->label == MLK_LABEL_EXIT) {
		r->exit_seen |= killed && m->w[4] == r->pid &&
				(int64_t)m->w[0] == KILL_CODE;
		r->exited |= !killed;
		if (!killed)
			printf("sysfuzz-driver: %s: sysfuzz (pid %lu) ended "
			       "with code %ld, its thread %lu last\n",
			       r->name, (unsigned long)m->w[4], (long)m->w[0],
			       (unsigned long)m->w[3]);
		return;
	}
	if (m->label != MLK_LABEL_FAULT)
		return;
	r->faults[m->w[0] < 8 ? m->w[0] : 0]++;
	/* Threads random calls start fault where they start (and a
	 * misaligned entry in our text faults there); a fault anywhere
	 * else in sysfuzz's code is sysfuzz's own. */
	if (m->w[0] != MLK_FAULT_ALIGN && m->w[2] >= s->text_start &&
	    m->w[2] < s->text_end) {
		if (r->own_faults++ < MAX_FAULTS_SHOWN)
			printf("sysfuzz-driver: %s: sysfuzz faulted in its "
			       "code: kind %lu, address %#lx, pc %#lx\n",
			       r->name, (unsigned long)m->w[0],
			       (unsigned long)m->w[1], (unsigned long)m->w[2]);
	}
}

/* Receive on the supervisor endpoint until the next poll. */
static void poll_messages(struct run *r, mlk_handle_t sup,
			  const volatile struct sysfuzz_stats *s, bool killed)
{
	uint64_t until = mlk_clock_now() + POLL_NS;
	struct mlk_msg m;

	while (mlk_msg_recv(sup, &m, until) == MLK_OK) {
		kernel_message(r, &m, s, killed);
		for (unsigned i = 0; i < m.nhandles; i++)
			mlk_handle_close(m.h[i]);
	}
	r->polls++;
}

static mlk_status_t start_fuzzer(uint64_t seed, mlk_handle_t stats,
				 mlk_handle_t sup, struct mlk_spawned *out)
{
	char args[64];
	struct mlk_spawn sp = { .name = SYSFUZZ_PROGRAM };

	snprintf(args, sizeof(args), "%lu %u %u", (unsigned long)seed,
		 cfg.threads, cfg.priority);
	sp.elf = elf;
	sp.elf_size = elf_size;
	sp.priority = cfg.priority;
	sp.quota = cfg.quota;
	sp.stack_size = FUZZ_STACK;
	sp.supervisor = sup;
	sp.args = args;
	sp.nhandles = 1;
	sp.handles[0].kind = SYSFUZZ_H_STATS;
	sp.handles[0].handle = stats;
	return mlk_spawn(&sp, out);
}

/* Let it call until cfg.calls, then kill it. */
static void fuzz_until_done(struct run *r, const struct mlk_spawned *f,
			    mlk_handle_t sup,
			    const volatile struct sysfuzz_stats *s)
{
	uint64_t last = 0, still = 0, ok, t0 = mlk_clock_now();

	while (!r->exited) {
		poll_messages(r, sup, s, false);
		r->calls = stats_calls(s, &ok);
		if (r->calls >= r->target)
			break;
		if (s->failed[0]) {
			printf("sysfuzz-driver: %s: sysfuzz could not start: "
			       "%.47s\n",
			       r->name, (const char *)s->failed);
			r->start_failed = true;
			break;
		}
		still = r->calls == last ? still + 1 : 0;
		last = r->calls;
		if (still >= STALL_POLLS) {
			r->stalled = true;
			break;
		}
	}
	r->calls = stats_calls(s, &r->ok);
	r->ns = mlk_clock_now() - t0;
	mlk_status_t st = mlk_process_kill(f->process, KILL_CODE);
	if (st != MLK_OK) {
		printf("sysfuzz-driver: %s: process_kill: %s\n", r->name,
		       mlk_status_str(st));
		r->exited = true;
	}
}

/* Wait (bounded) until the processes and threads are as before. */
static bool wait_gone(struct run *r, mlk_handle_t sup,
		      const volatile struct sysfuzz_stats *s)
{
	for (unsigned i = 0; i < GONE_POLLS; i++) {
		poll_messages(r, sup, s, true);
		if (r->exit_seen &&
		    snapshot_count(MLK_INFO_PROCESSES) == r->procs0 &&
		    snapshot_count(MLK_INFO_THREADS) == r->threads0)
			return true;
	}
	return false;
}

static void print_run(const struct run *r,
		      const volatile struct sysfuzz_stats *s)
{
	unsigned never = 0;
	char line[512];
	size_t n = 0;

	printf("sysfuzz-driver: %s: %lu calls in %lu ms, %lu ok (%lu%%), %lu "
	       "fuzz threads (%lu abandoned), %lu resets\n",
	       r->name, (unsigned long)r->calls, (unsigned long)(r->ns / MS),
	       (unsigned long)r->ok,
	       (unsigned long)(r->calls ? r->ok * 100 / r->calls : 0),
	       (unsigned long)s->started, (unsigned long)s->abandoned,
	       (unsigned long)s->resets);
	printf("sysfuzz-driver: %s: %lu storms\n", r->name,
	       (unsigned long)s->storms);
	for (unsigned k = 0; k < STORM_KINDS; k++)
		printf("sysfuzz-driver: %s: storm of %s: %lu made in %lu ms, "
		       "freed in %lu ms\n",
		       r->name, storm_names[k], (unsigned long)s->storm_made[k],
		       (unsigned long)(s->storm_make_ns[k] / MS),
		       (unsigned long)(s->storm_free_ns[k] / MS));
	printf("sysfuzz-driver: %s: faults of threads it started: %lu read, "
	       "%lu write, %lu exec, %lu align, %lu undefined, %lu other\n",
	       r->name, (unsigned long)r->faults[MLK_FAULT_READ],
	       (unsigned long)r->faults[MLK_FAULT_WRITE],
	       (unsigned long)r->faults[MLK_FAULT_EXEC],
	       (unsigned long)r->faults[MLK_FAULT_ALIGN],
	       (unsigned long)r->faults[MLK_FAULT_UNDEFINED],
	       (unsigned long)(r->faults[MLK_FAULT_BREAKPOINT] +
			       r->faults[MLK_FAULT_OTHER] + r->faults[0]));
	for (unsigned c = 0; c < call_count; c++) {
		uint64_t ok = 0;
		for (unsigned w = 0; w < SYSFUZZ_MAX_WORKERS; w++)
			ok += s->ok_by_nr[w][call_table[c].nr];
		if (!ok && n + 40 < sizeof(line)) {
			n += (size_t)snprintf(line + n, sizeof(line) - n, " %s",
					      call_table[c].name);
			never++;
		}
	}
	line[n] = 0;
	printf("sysfuzz-driver: %s: %u of %u calls returned ok at least "
	       "once; never:%s\n",
	       r->name, call_count - never, call_count, never ? line : " -");
}

static const char *call_name(uint64_t nr)
{
	for (unsigned c = 0; c < call_count; c++)
		if (call_table[c].nr == nr)
			return call_table[c].name;
	return "(none)";
}

/* Where the abandoned threads were: worth a look, not a failure (a wait
 * on an object some other process keeps may rightly last). */
static void print_stuck(const struct run *r,
			const volatile struct sysfuzz_stats *s)
{
	for (uint64_t i = 0; i < s->abandoned && i < SYSFUZZ_MAX_STUCK; i++) {
		const volatile uint64_t *c = s->stuck[i];
		printf("sysfuzz-driver: %s: abandoned in %s (nr %#lx: %#lx, "
		       "%#lx, %#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n",
		       r->name, call_name(c[0]), (unsigned long)c[0],
		       (unsigned long)c[1], (unsigned long)c[2],
		       (unsigned long)c[3], (unsigned long)c[4],
		       (unsigned long)c[5], (unsigned long)c[6],
		       (unsigned long)c[7], (unsigned long)c[8]);
	}
}

static bool print_violations(const struct run *r,
			     const volatile struct sysfuzz_stats *s)
{
	uint64_t n = s->violations;

	for (uint64_t i = 0; i < n && i < SYSFUZZ_MAX_VIOLATIONS; i++) {
		const volatile struct sysfuzz_violation *v = &s->violation[i];
		printf("sysfuzz-driver: %s: check %lu failed: thread %ld call "
		       "%lu: nr %#lx (%#lx, %#lx, %#lx, %#lx, %#lx, %#lx, "
		       "%#lx) -> %ld\n",
		       r->name, (unsigned long)v->what, (long)v->worker,
		       (unsigned long)v->call, (unsigned long)v->nr,
		       (unsigned long)v->args[0], (unsigned long)v->args[1],
		       (unsigned long)v->args[2], (unsigned long)v->args[3],
		       (unsigned long)v->args[4], (unsigned long)v->args[5],
		       (unsigned long)v->args[6], (long)v->status);
	}
	return mlkcheck_check(n == 0, __FILE__, __LINE__,
			      "%s: sysfuzz saw %lu statuses it should not",
			      r->name, (unsigned long)n);
}

/* The run's own checks (not the figures): true if all held. */
static bool run_verdict(const struct run *r,
			const volatile struct sysfuzz_stats *s, bool gone)
{
	bool ok = print_violations(r, s);

	print_stuck(r, s);
	ok &= mlkcheck_check(!r->start_failed, __FILE__, __LINE__,
			     "%s: sysfuzz could not start", r->name);
	ok &= mlkcheck_check(!r->own_faults, __FILE__, __LINE__,
			     "%s: sysfuzz faulted in its code %lu times",
			     r->name, (unsigned long)r->own_faults);
	ok &= mlkcheck_check(!r->exited, __FILE__, __LINE__,
			     "%s: sysfuzz ended before it was killed", r->name);
	ok &= mlkcheck_check(!r->stalled, __FILE__, __LINE__,
			     "%s: no call in %u polls", r->name, STALL_POLLS);
	ok &= mlkcheck_check(r->exit_seen, __FILE__, __LINE__,
			     "%s: no exit message with code %d about pid %lu",
			     r->name, KILL_CODE, (unsigned long)r->pid);
	ok &= mlkcheck_check(gone, __FILE__, __LINE__,
			     "%s: processes or threads still there after "
			     "%u polls",
			     r->name, GONE_POLLS);
	return ok;
}

/* One seed: run `calls` calls, kill, check.  True if all held. */
static bool run_seed(uint64_t seed, uint64_t calls,
		     const struct snapshot *before)
{
	static struct snapshot after;
	struct run r = { .target = calls,
			 .procs0 = snapshot_count(MLK_INFO_PROCESSES),
			 .threads0 = snapshot_count(MLK_INFO_THREADS) };
	struct mlk_spawned f;
	mlk_handle_t stats = 0, sup = 0;
	uint64_t addr = 0;
	bool ok, gone;
	mlk_status_t st;

	snprintf(r.name, sizeof(r.name), "seed %lu", (unsigned long)seed);
	st = mlk_mem_create(SYSFUZZ_STATS_SIZE, MLK_MEM_COMMIT, &stats);
	if (st == MLK_OK)
		st = mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, stats, 0, 0,
				    SYSFUZZ_STATS_SIZE, MLK_MAP_READ, &addr);
	if (st == MLK_OK)
		st = mlk_endpoint_create(&sup);
	if (st == MLK_OK)
		st = start_fuzzer(seed, stats, sup, &f);
	if (!mlkcheck_check(st == MLK_OK, __FILE__, __LINE__,
			    "%s: cannot start sysfuzz: " MLKCHECK_ST_FMT,
			    r.name, MLKCHECK_ST(st)))
		return false;
	const volatile struct sysfuzz_stats *s = (const void *)addr;
	mlk_object_id(f.process, &r.pid);
	fuzz_until_done(&r, &f, sup, s);
	mlk_handle_close(f.process);
	mlk_handle_close(f.aspace);
	mlk_handle_close(f.thread);
	gone = wait_gone(&r, sup, s);
	print_run(&r, s);
	ok = run_verdict(&r, s, gone);
	mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, addr, SYSFUZZ_STATS_SIZE);
	mlk_handle_close(stats);
	mlk_handle_close(sup);
	ok &= files_check(r.name);
	if (!mlkcheck_check(snapshot_take(&after), __FILE__, __LINE__,
			    "%s: no figures", r.name))
		return false;
	ok &= snapshot_same(before, &after, r.name);
	printf("sysfuzz-driver: %s: %s; free %lu KiB, heap %lu KiB, %lu "
	       "processes, %lu threads\n",
	       r.name, ok ? "ok" : "FAILED",
	       (unsigned long)(after.mem.free_bytes >> 10),
	       (unsigned long)(after.mem.kernel_bytes >> 10),
	       (unsigned long)after.nprocs, (unsigned long)after.nthreads);
	return ok;
}

static uint32_t own_priority(void)
{
	struct mlk_thread_info all[64];
	uint64_t tid = 0, n = 0;

	if (mlk_object_id(MLK_HANDLE_SELF_THREAD, &tid) != MLK_OK ||
	    mlk_system_info(driver_system(), MLK_INFO_THREADS, all, sizeof(all),
			    &n) != MLK_OK)
		return 0;
	for (uint64_t i = 0; i < n && i < 64; i++)
		if (all[i].tid == tid)
			return all[i].priority;
	return 0;
}

/* The figures every seed must leave as they were. */
static struct snapshot before;
static bool args_ok;

static bool setup(void)
{
	uint32_t prio = own_priority();

	if (!args_ok || prio < 3) {
		printf("sysfuzz-driver: usage: calls=N seeds=A,B threads=T "
		       "quota=BYTES (priority 3 or more)\n");
		return false;
	}
	cfg.priority = prio - 2;
	printf("sysfuzz-driver: %lu calls per seed, %u seeds, %u fuzz "
	       "threads, quota %lu KiB\n",
	       (unsigned long)cfg.calls, cfg.nseeds, cfg.threads,
	       (unsigned long)(cfg.quota >> 10));
	/* What may grow once goes before the first figures: see
	 * driver_check.c. */
	return fuzzer_elf_once() && files_check("start") &&
	       snapshot_take(&before);
}

TEST(sysfuzz, seeds)
{
	for (unsigned i = 0; i < cfg.nseeds; i++)
		run_seed(cfg.seeds[i], cfg.calls, &before);
}

int main(int argc, char **argv)
{
	static const struct mlkcheck_suite suite = {
		.name = "sysfuzz-driver",
		.setup = setup,
	};

	calls_init();
	args_ok = parse_args(argc, argv);
	/* The arguments are the run's, not a selection of tests. */
	return mlkcheck_run(&suite, 0, NULL);
}
