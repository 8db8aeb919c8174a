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

static const char storm_name[] = "storm";

/* What the storm made: handles, two per process. */
static uint32_t made[STORM_MAX];

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
	uint64_t kind = s->kind;

	for (unsigned i = s->n; i-- > 0;) {
		mlk_status_t st;
		if (s->kind == STORM_PROCESSES && i % 2)
			mlk_process_kill(made[i], 0);
		st = mlk_handle_close(made[i]);
		/* A fuzz thread may have guessed the handle and closed it. */
		if (st != MLK_OK && st != MLK_ERR_BAD_HANDLE)
			fuzz_violation(NULL, MLK_SYS_handle_close, &kind, st,
				       SYSFUZZ_STORM_FREE);
	}
}

void storm_run(enum storm_kind kind)
{
	struct storm s = { .kind = kind, .chunk = MEM_CHUNK_MAX };
	uint64_t what = kind;

	do
		s.st = make_one(&s);
	while (s.st == MLK_OK && s.n + 2 <= STORM_MAX);
	if (s.st != MLK_OK && s.st != MLK_ERR_NO_MEMORY &&
	    s.st != MLK_ERR_NO_RESOURCES)
		fuzz_violation(NULL, kind, &what, s.st, SYSFUZZ_STORM_END);
	if (s.units == 0)
		fuzz_violation(NULL, kind, &what, s.st,
			       SYSFUZZ_NOTHING_CREATED);
	fuzz.stats->storm_made[kind] = s.units;
	fuzz.stats->storms++;
	free_all(&s);
}
