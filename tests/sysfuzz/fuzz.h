/*
 * sysfuzz's parts (see sysfuzz.c for the whole): the random source, the
 * pool of handles each fuzz thread got back, the guard that keeps the
 * fuzzer from destroying itself, one random call, and the storms.
 */
#ifndef SYSFUZZ_FUZZ_H
#define SYSFUZZ_FUZZ_H

#include <mlk/sys.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sysfuzz.h"

#define PAGE 4096ull

/* ---- the random source: splitmix64, one stream per fuzz thread ---------- */

struct rng {
	uint64_t s;
};

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A number in [0, n); n > 0. */
static inline uint64_t rng_below(struct rng *r, uint64_t n)
{
	return rng_next(r) % n;
}

static inline bool rng_percent(struct rng *r, unsigned percent)
{
	return rng_below(r, 100) < percent;
}

/* ---- the address space sysfuzz keeps to itself --------------------------- */

/* The fuzz threads' scratch memory, one arena each (never unmapped). */
#define ARENA_BASE 0x0000030000000000ull
#define ARENA_STRIDE 0x0000000010000000ull
#define ARENA_SIZE (64 * 1024ull)
/* Where random mappings at fixed addresses go, unmapped at each reset. */
#define PLAY_BASE 0x0000040000000000ull
#define PLAY_END 0x0000080000000000ull
/* The kernel chooses addresses from here up (kernel/core/vm.c). */
#define AUTO_MAP_BASE 0x0000100000000000ull

/* ---- the handle pool of one fuzz thread ---------------------------------- */

#define POOL_SIZE 96
#define MAPS_SIZE 16

struct pool_entry {
	uint32_t h;
	uint32_t type; /* enum mlk_object_type, as handle_info said */
};

struct mapping {
	uint64_t addr, size;
};

struct pool {
	struct pool_entry e[POOL_SIZE];
	unsigned n;
	unsigned next; /* the slot to evict when full */
	/* Mappings the kernel placed for this thread (vaddr 0), which the
	 * guard lets it unmap again. */
	struct mapping maps[MAPS_SIZE];
	unsigned nmaps, nextmap;
};

/* Add a handle we got back; evicts (closes) the oldest when full. */
void pool_add(struct pool *p, uint32_t h);
void pool_add_mapping(struct pool *p, uint64_t addr, uint64_t size);
/* A random live-looking handle of ours, 0 if the pool is empty. */
uint32_t pool_pick(const struct pool *p, struct rng *r);
/* One of a given type, or any if there is none. */
uint32_t pool_pick_type(const struct pool *p, struct rng *r, uint32_t type);
/* Close everything it holds (processes are killed first) and unmap its
 * mappings; the entries stay (pool_forget drops them). */
void pool_release(const struct pool *p);
void pool_forget(struct pool *p);
/* Whether [addr, addr + size) lies inside one of its mappings. */
bool pool_maps_cover(const struct pool *p, uint64_t addr, uint64_t size);

/* ---- the guard: what no random call may destroy ---------------------------
 */

/* Register a handle (never closed, never sent away) and its object. */
void guard_protect(uint32_t h);
/* Its object only (a thread of ours reached through another handle). */
void guard_protect_object(uint32_t h);
bool guard_is_protected_handle(uint64_t h);
/* Whether handle h names one of the protected objects (one object_id). */
bool guard_names_protected(uint64_t h);
/* The kernel's id of the object h names, 0 if h names nothing. */
uint64_t guard_object_id(uint64_t h);
uint64_t guard_self_pid(void);
uint64_t guard_self_aspace(void);
/* Whether unmapping [va, va + size) of our own address space could take
 * away memory sysfuzz runs on (given the caller's own mappings). */
bool guard_unmap_hurts(const struct pool *p, uint64_t va, uint64_t size);

/* ---- fuzz threads -------------------------------------------------------- */

struct worker {
	unsigned slot; /* its counters in the statistics page */
	struct rng rng;
	struct pool pool;
	uint8_t *arena;	 /* ARENA_SIZE bytes, read-write */
	uint32_t thread; /* its handle (controller's) */
	void *stack;
	volatile bool forget;  /* the controller released the pool */
	volatile bool release; /* the controller asks it to release it */
	volatile bool retired; /* replaced: stop at the next call */
	uint64_t now_ns;       /* the clock, refreshed every few calls */
	uint64_t calls, ok;
	/* The call in progress (number, then x0..x7), for the record of a
	 * thread that never came back from it. */
	uint64_t current[9];
};

#define RENDEZVOUS 4

struct fuzz_shared {
	struct sysfuzz_stats *stats;
	struct worker *workers[SYSFUZZ_MAX_WORKERS];
	unsigned nworkers;
	uint32_t priority;	 /* of the fuzz threads */
	const uint8_t *readonly; /* a page mapped read-only */
	/* Endpoints the threads made lately, where their IPC calls meet
	 * (written by any thread: a lost write costs nothing). */
	volatile uint32_t rendezvous[RENDEZVOUS];
};

extern struct fuzz_shared fuzz;

/* Make one random system call. */
void fuzz_one(struct worker *w);
/* Record what should not have happened. */
void fuzz_violation(const struct worker *w, uint64_t nr, const uint64_t *args,
		    int64_t status, uint64_t what);
/* Whether st is a status of mlk/status.h. */
bool fuzz_status_known(int64_t st);

/* ---- storms: make one kind of thing until the kernel says no ------------- */

void storm_run(enum storm_kind kind);

/* ---- the thread body that needs no stack (sacrifice.S) ------------------ */

/* Yield x0 % 64 times, then thread_exit: a thread fuzz calls may create
 * in this process with any stack pointer. */
void sacrifice_entry(uint64_t arg);

#endif
