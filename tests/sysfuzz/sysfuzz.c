/*
 * sysfuzz: random system calls until it is killed.
 *
 * sysfuzz-driver starts it with "SEED THREADS PRIORITY" and a statistics
 * page (sysfuzz.h).  The main thread becomes the controller: it starts
 * THREADS fuzz threads one priority below its own, each making random
 * calls (call.c) from a stream of its own seeded from SEED, and every few
 * milliseconds it looks at them:
 *
 *   - every RESET_EVERY calls it has them close every handle they got
 *     back and unmap their mappings (a reset), which also ends the waits
 *     that had no deadline;
 *   - every STORM_EVERY calls it resets, then runs an exhaustion storm
 *     (storm.c), of handles, memory, threads and processes in turn;
 *   - a thread that made no call in STILL_RELEASE looks has its handles
 *     closed, in STILL_RESET looks everyone's, and one still stuck after
 *     STILL_ABANDON looks is suspended and replaced (counted as
 *     abandoned: its call never came back).
 *
 * The guard (guard.c) keeps random calls off what sysfuzz runs on.  All
 * memory sysfuzz needs is mapped before the first random call, so no
 * mapping the kernel places later can be mistaken for one of ours.
 */
#include <mlk/runtime.h>

#include <stdlib.h>
#include <string.h>

#include "calls.h"
#include "fuzz.h"
#include "sacrifice.h"

_Static_assert(SACRIFICE_SYS_YIELD == MLK_SYS_yield, "sacrifice.h");
_Static_assert(SACRIFICE_SYS_THREAD_EXIT == MLK_SYS_thread_exit, "sacrifice.h");

#define LOOK_NS 2000000ull /* between two looks at the fuzz threads */
#define STILL_RELEASE 5	   /* looks: its own handles go */
#define STILL_RESET 20	   /* everyone's */
#define STILL_ABANDON 1000 /* it is replaced */
#define RESET_EVERY 40000
#define STORM_EVERY 200000
#define WORKER_STACK (64 * 1024ull)
/* Fuzz threads, replacements included; their stacks and arenas are
 * mapped at start. */
#define WORKER_SLOTS 24

struct fuzz_shared fuzz;

extern const char _start[], _end[];

static struct worker workers[WORKER_SLOTS];
static unsigned workers_used;
static uint64_t seed;

static void fail_start(const char *why)
{
	/* No log handle: the driver reads it in the statistics page. */
	if (fuzz.stats)
		strncpy(fuzz.stats->failed, why,
			sizeof(fuzz.stats->failed) - 1);
	for (;;)
		mlk_sleep(~0ull);
}

/* Who jumps here: the kernel, starting a fuzz thread; x0 = its worker. */
static void worker_main(uint64_t arg)
{
	struct worker *w = (struct worker *)arg;

	while (!w->retired)
		fuzz_one(w);
	mlk_thread_exit(0);
}

static void *map_fixed(uint64_t addr, uint64_t size, uint32_t prot)
{
	uint32_t mem;
	uint64_t got = 0;
	mlk_status_t st = mlk_mem_create(size, MLK_MEM_COMMIT, &mem);

	if (st != MLK_OK)
		return NULL;
	st = mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, mem, 0, addr, size, prot,
			    &got);
	mlk_handle_close(mem);
	return st == MLK_OK ? (void *)got : NULL;
}

static void prepare_workers(void)
{
	for (unsigned i = 0; i < WORKER_SLOTS; i++) {
		struct worker *w = &workers[i];
		w->arena = map_fixed(ARENA_BASE + i * ARENA_STRIDE, ARENA_SIZE,
				     MLK_MAP_READ | MLK_MAP_WRITE);
		w->stack = mlk_map_anonymous(WORKER_STACK);
		if (!w->arena || !w->stack)
			fail_start("no memory for the fuzz threads");
		for (uint64_t b = 0; b < ARENA_SIZE; b++)
			w->arena[b] = (uint8_t)(' ' + b % 95);
	}
}

/* A fuzz thread in `slot`; a replacement goes on with the counts of the
 * one before. */
static bool start_worker(unsigned slot, const struct worker *before)
{
	static const char name[] = "fuzz";
	struct worker *w;

	if (workers_used == WORKER_SLOTS)
		return false;
	w = &workers[workers_used++];
	w->slot = slot;
	w->calls = before ? before->calls : 0;
	w->ok = before ? before->ok : 0;
	w->rng.s = seed * 0x100000001b3ull + workers_used;
	if (mlk_thread_create(MLK_HANDLE_SELF_PROCESS, (uint64_t)worker_main,
			      (uint64_t)w->stack + WORKER_STACK, (uint64_t)w,
			      fuzz.priority, name, sizeof(name) - 1,
			      &w->thread) != MLK_OK)
		return false;
	guard_protect(w->thread);
	fuzz.workers[slot] = w;
	fuzz.stats->started++;
	return mlk_thread_start(w->thread) == MLK_OK;
}

static uint64_t total_calls(void)
{
	uint64_t n = 0;

	for (unsigned i = 0; i < fuzz.nworkers; i++)
		n += fuzz.workers[i]->calls;
	return n;
}

static void unmap_loose(void)
{
	uint64_t image_end = ((uint64_t)_end + 2 * PAGE - 1) & ~(PAGE - 1);

	mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, MLK_USER_BASE,
			 ((uint64_t)_start & ~(PAGE - 1)) - MLK_USER_BASE);
	mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, image_end,
			 ARENA_BASE - image_end);
	mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, PLAY_BASE,
			 AUTO_MAP_BASE - PLAY_BASE);
}

/*
 * Every fuzz thread's handles and mappings go.  `now`: the controller
 * closes them itself, for threads that may be blocked (a handle a thread
 * adds meanwhile is forgotten unclosed: rare, and only a leak); else each
 * thread does it at its next call.
 */
static void reset_all(bool now)
{
	for (unsigned i = 0; i < fuzz.nworkers; i++) {
		struct worker *w = fuzz.workers[i];
		if (now) {
			pool_release(&w->pool);
			w->forget = true;
		} else {
			w->release = true;
		}
	}
	unmap_loose();
	fuzz.stats->resets++;
}

static void abandon(unsigned slot)
{
	struct worker *w = fuzz.workers[slot];

	mlk_thread_suspend(w->thread);
	w->retired = true;
	if (fuzz.stats->abandoned < SYSFUZZ_MAX_STUCK)
		for (unsigned i = 0; i < 9; i++)
			fuzz.stats->stuck[fuzz.stats->abandoned][i] =
				w->current[i];
	fuzz.stats->abandoned++;
	if (!start_worker(slot, w))
		fail_start("no fuzz thread left to start");
}

/* The controller: watch, reset, storm, forever. */
static void control(void)
{
	uint64_t last[SYSFUZZ_MAX_WORKERS] = { 0 };
	unsigned still[SYSFUZZ_MAX_WORKERS] = { 0 };
	uint64_t next_reset = RESET_EVERY, next_storm = STORM_EVERY;
	unsigned storm = 0;

	for (;;) {
		mlk_sleep(mlk_clock_now() + LOOK_NS);
		for (unsigned i = 0; i < fuzz.nworkers; i++) {
			struct worker *w = fuzz.workers[i];
			still[i] = w->calls == last[i] ? still[i] + 1 : 0;
			last[i] = w->calls;
			if (still[i] == STILL_RELEASE) {
				pool_release(&w->pool);
				w->forget = true;
			}
			if (still[i] == STILL_RESET)
				reset_all(true);
			if (still[i] >= STILL_ABANDON) {
				abandon(i);
				still[i] = 0;
				last[i] = 0;
			}
		}
		uint64_t total = total_calls();
		if (total >= next_storm) {
			reset_all(true);
			storm_run((enum storm_kind)(storm++ % STORM_KINDS));
			next_storm = total + STORM_EVERY;
		} else if (total >= next_reset) {
			reset_all(false);
			next_reset = total + RESET_EVERY;
		}
	}
}

static void *map_stats(void)
{
	uint32_t h = mlk_start_handle(SYSFUZZ_H_STATS, NULL);
	uint64_t addr = 0;

	if (!h ||
	    mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, h, 0, 0, SYSFUZZ_STATS_SIZE,
			   MLK_MAP_READ | MLK_MAP_WRITE, &addr) != MLK_OK)
		return NULL;
	guard_protect(h);
	return (void *)addr;
}

int main(int argc, char **argv)
{
	unsigned nworkers = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 3;
	uint32_t priority = argc > 3 ? (uint32_t)strtoul(argv[3], NULL, 0) : 20;

	seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
	if (nworkers < 1 || nworkers > SYSFUZZ_MAX_WORKERS || priority < 1 ||
	    priority > MLK_PRIO_MAX)
		fail_start("bad arguments");
	guard_protect(MLK_HANDLE_SELF_PROCESS);
	guard_protect(MLK_HANDLE_SELF_ASPACE);
	guard_protect(MLK_HANDLE_SELF_THREAD);
	fuzz.stats = map_stats();
	if (!fuzz.stats)
		fail_start("no statistics page");
	fuzz.stats->magic = SYSFUZZ_MAGIC;
	fuzz.stats->seed = seed;
	fuzz.stats->text_start = (uint64_t)_start;
	fuzz.stats->text_end = (uint64_t)_end;
	fuzz.readonly = map_fixed(ARENA_BASE + WORKER_SLOTS * ARENA_STRIDE,
				  PAGE, MLK_MAP_READ);
	if (!fuzz.readonly)
		fail_start("no read-only page");
	calls_init();
	prepare_workers();
	fuzz.priority = priority - 1;
	fuzz.nworkers = nworkers;
	fuzz.stats->workers = nworkers;
	for (unsigned i = 0; i < nworkers; i++)
		if (!start_worker(i, NULL))
			fail_start("cannot start the fuzz threads");
	control();
	return 0;
}
