/*
 * Exhaustion storms: make one kind of thing (endpoints, committed memory,
 * threads, processes) until the kernel says no, while the fuzz threads go
 * on calling, then free it all.  The kernel must say no with NO_MEMORY or
 * NO_RESOURCES, never otherwise, and every handle must close again.
 */
#include "fuzz.h"

#define STORM_MAX 65536u
#define MEM_CHUNK_MAX (16ull << 20)
#define PROCESS_QUOTA (16 * PAGE)
/* Room the thread storm leaves itself: every thread's IPC buffer is a
 * mapping of our address space, whose list the kernel walks for each
 * new one (kernel/core/vm.c), so 30000 threads take most of a minute;
 * the rest of the quota goes to ballast first. */
#define THREAD_STORM_ROOM (8ull << 20)

static const char storm_name[] = "storm";

/* What the storm made: handles, two per process. */
static uint32_t made[STORM_MAX];
/* Memory taken before the thread storm. */
static uint32_t ballast[64];

struct storm {
	enum storm_kind kind;
	unsigned n;	 /* handles in made[] */
	uint64_t units;	 /* things made (pages for memory) */
	uint64_t chunk;	 /* the memory storm's current object size */
	mlk_status_t st; /* what stopped it */
};

static mlk_status_t make_memory(struct storm *s)
{
	uint32_t h;
	mlk_status_t st = mlk_mem_create(s->chunk, MLK_MEM_COMMIT, &h);

	/* Halve the size down to a page before calling it the end. */
	while (st == MLK_ERR_NO_MEMORY && s->chunk > PAGE) {
		s->chunk /= 2;
		st = mlk_mem_create(s->chunk, MLK_MEM_COMMIT, &h);
	}
	if (st == MLK_OK) {
		made[s->n++] = h;
		s->units += s->chunk / PAGE;
	}
	return st;
}

static mlk_status_t make_one(struct storm *s)
{
	uint32_t h, h2;
	mlk_status_t st;

	switch (s->kind) {
	case STORM_HANDLES:
		st = mlk_endpoint_create(&h);
		break;
	case STORM_MEMORY:
		return make_memory(s);
	case STORM_THREADS:
		st = mlk_thread_create(MLK_HANDLE_SELF_PROCESS,
				       (uint64_t)sacrifice_entry, 0, 0, 0,
				       storm_name, sizeof(storm_name) - 1, &h);
		break;
	default:
		st = mlk_process_create(storm_name, sizeof(storm_name) - 1,
					PROCESS_QUOTA, &h, &h2);
		if (st == MLK_OK)
			made[s->n++] = h2;
		break;
	}
	if (st == MLK_OK) {
		made[s->n++] = h;
		s->units++;
	}
	return st;
}

static void free_all(struct storm *s)
{
	uint64_t args[8] = { s->kind };

	for (unsigned i = s->n; i-- > 0;) {
		mlk_status_t st;
		if (s->kind == STORM_PROCESSES && i % 2)
			mlk_process_kill(made[i], 0);
		st = mlk_handle_close(made[i]);
		/* A fuzz thread may have guessed the handle and closed it. */
		if (st != MLK_OK && st != MLK_ERR_BAD_HANDLE)
			fuzz_violation(NULL, MLK_SYS_handle_close, args, st,
				       SYSFUZZ_STORM_FREE);
	}
}

/* Take the quota but THREAD_STORM_ROOM or a little more; how many
 * objects that took. */
static unsigned ballast_take(void)
{
	uint64_t chunk = MEM_CHUNK_MAX;
	unsigned n = 0;

	while (n < sizeof(ballast) / sizeof(*ballast) &&
	       chunk >= THREAD_STORM_ROOM) {
		if (mlk_mem_create(chunk, MLK_MEM_COMMIT, &ballast[n]) ==
		    MLK_OK)
			n++;
		else
			chunk /= 2;
	}
	/* Less than THREAD_STORM_ROOM is left; with the last chunk back,
	 * at least that much. */
	if (n)
		mlk_handle_close(ballast[--n]);
	return n;
}

static void ballast_free(unsigned n)
{
	while (n-- > 0)
		mlk_handle_close(ballast[n]);
}

void storm_run(enum storm_kind kind)
{
	struct storm s = { .kind = kind, .chunk = MEM_CHUNK_MAX };
	uint64_t what[8] = { kind }, t0 = 0, t1 = 0, t2 = 0;

	unsigned nballast = kind == STORM_THREADS ? ballast_take() : 0;

	mlk_clock_get(&t0);
	do
		s.st = make_one(&s);
	while (s.st == MLK_OK && s.n + 2 <= STORM_MAX);
	if (s.st != MLK_OK && s.st != MLK_ERR_NO_MEMORY &&
	    s.st != MLK_ERR_NO_RESOURCES)
		fuzz_violation(NULL, kind, what, s.st, SYSFUZZ_STORM_END);
	if (s.units == 0)
		fuzz_violation(NULL, kind, what, s.st, SYSFUZZ_NOTHING_CREATED);
	mlk_clock_get(&t1);
	free_all(&s);
	ballast_free(nballast);
	mlk_clock_get(&t2);
	fuzz.stats->storm_made[kind] = s.units;
	fuzz.stats->storm_make_ns[kind] = t1 - t0;
	fuzz.stats->storm_free_ns[kind] = t2 - t1;
	fuzz.stats->storms++;
}
