/*
 * What sysfuzz and sysfuzz-driver agree on.
 *
 * The driver starts sysfuzz (mlk_spawn, from the boot bundle) with
 * "SEED WORKERS" as arguments and one start handle: a memory object of
 * SYSFUZZ_STATS_SIZE bytes that both map.  sysfuzz counts its calls
 * there; the driver reads the counts, kills sysfuzz by its process handle
 * once enough calls were made, and prints the figures.  Nothing sysfuzz
 * writes is trusted for the verdict, which rests on what the kernel
 * reports (memory, processes, threads) and on the file services.
 */
#ifndef SYSFUZZ_H
#define SYSFUZZ_H

#include <stdint.h>

#define SYSFUZZ_PROGRAM "sysfuzz"

/* Kind of the start handle of the statistics page. */
#define SYSFUZZ_H_STATS 0x200u

#define SYSFUZZ_MAGIC 0x7a7a7566737973ull /* "sysfuzz" */
#define SYSFUZZ_MAX_WORKERS 8
#define SYSFUZZ_NR_SLOTS 128 /* one counter per call number below this */
#define SYSFUZZ_MAX_VIOLATIONS 4
#define SYSFUZZ_MAX_STUCK 4
#define SYSFUZZ_STATS_SIZE (4 * 4096ull)

/* A status the kernel should never return for a call, as sysfuzz saw it. */
struct sysfuzz_violation {
	uint64_t worker;
	uint64_t call; /* the worker's call count at that moment */
	uint64_t nr;
	uint64_t args[8];
	int64_t status;
	uint64_t what; /* enum sysfuzz_check */
};

enum sysfuzz_check {
	SYSFUZZ_UNKNOWN_STATUS = 1,  /* not a status of mlk/status.h */
	SYSFUZZ_NOT_UNKNOWN = 2,     /* a number outside the table ran */
	SYSFUZZ_STORM_END = 3,	     /* a storm stopped for another reason
					than NO_MEMORY or NO_RESOURCES */
	SYSFUZZ_STORM_FREE = 4,	     /* freeing what a storm made failed */
	SYSFUZZ_NOTHING_CREATED = 5, /* a storm could not make even one */
};

/* The kinds of exhaustion storms, in the order they come. */
enum storm_kind {
	STORM_HANDLES,	 /* endpoints */
	STORM_MEMORY,	 /* committed pages */
	STORM_THREADS,	 /* threads, not started */
	STORM_PROCESSES, /* empty processes */
	STORM_KINDS
};

/* The statistics page.  Each counter has one writer but violations,
 * which any thread may count (a rare race may lose one, never all). */
struct sysfuzz_stats {
	uint64_t magic;
	uint64_t seed;
	char failed[48];	       /* why it could not start, if so */
	uint64_t text_start, text_end; /* sysfuzz's image */
	uint64_t workers;	       /* running fuzz threads */
	uint64_t started;   /* fuzz threads started, replacements too */
	uint64_t abandoned; /* threads that stopped moving and were replaced */
	uint64_t resets;    /* every handle of the fuzz threads closed */
	uint64_t storms;
	/* The last storm of each kind: things made (pages for memory), and
	 * how long making them and freeing them took. */
	uint64_t storm_made[STORM_KINDS];
	uint64_t storm_make_ns[STORM_KINDS];
	uint64_t storm_free_ns[STORM_KINDS];
	uint64_t violations;
	struct sysfuzz_violation violation[SYSFUZZ_MAX_VIOLATIONS];
	/* The calls the first abandoned threads were in: number, x0..x7. */
	uint64_t stuck[SYSFUZZ_MAX_STUCK][9];
	/* Per fuzz thread: calls made and calls that returned MLK_OK. */
	uint64_t calls[SYSFUZZ_MAX_WORKERS];
	uint64_t ok[SYSFUZZ_MAX_WORKERS];
	/* Per fuzz thread and call number (numbers at and above
	 * SYSFUZZ_NR_SLOTS in the last slot): calls that returned MLK_OK. */
	uint32_t ok_by_nr[SYSFUZZ_MAX_WORKERS][SYSFUZZ_NR_SLOTS];
};

_Static_assert(sizeof(struct sysfuzz_stats) <= SYSFUZZ_STATS_SIZE,
	       "the statistics fit their memory object");

#endif
