/*
 * Random arguments, biased toward what gets a call past its first checks
 * (live handles of the right kind, buffers in the arena, whole pages,
 * near deadlines) and toward the edges where checks go wrong (stale and
 * wide handles, unmapped, read-only and kernel pointers, sizes that wrap,
 * values one past a limit).
 */
#include "args.h"

#define KERNEL_VA 0xffff000000000000ull

/* Longer than a name may be (MLK_NAME_MAX). */
static const char printable[] = "fuzz-0123456789-abcdefghijklmnopqrstuvwxyz";

static uint64_t pick(struct rng *r, const uint64_t *v, size_t n)
{
	return v[rng_below(r, n)];
}
#define PICK(r, ...)                                                           \
	pick(r, (const uint64_t[]){ __VA_ARGS__ },                             \
	     sizeof((const uint64_t[]){ __VA_ARGS__ }) / sizeof(uint64_t))

static uint64_t edge_value(struct rng *r)
{
	return PICK(r, 0, 1, 2, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff,
		    0x80000000, 0xffffffff, 0x100000000ull, 1ull << 36,
		    1ull << 63, ~0ull, ~0ull - 1, PAGE - 1, PAGE, PAGE + 1);
}

static uint64_t any_value(struct rng *r)
{
	switch (rng_below(r, 4)) {
	case 0:
		return edge_value(r);
	case 1:
		return rng_below(r, 256);
	default:
		return rng_next(r);
	}
}

uint32_t args_handle(struct worker *w, uint32_t want)
{
	struct rng *r = &w->rng;
	unsigned roll = (unsigned)rng_below(r, 100);
	uint32_t h;

	if (roll < 66 && w->pool.n)
		return pool_pick_type(&w->pool, r, want);
	if (roll < 76) {
		struct worker *o = fuzz.workers[rng_below(r, fuzz.nworkers)];
		h = o ? pool_pick(&o->pool, r) : 0;
		if (h)
			return h;
	}
	if (roll < 86) {
		switch (want) {
		case MLK_OBJ_PROCESS:
			return MLK_HANDLE_SELF_PROCESS;
		case MLK_OBJ_ASPACE:
			return MLK_HANDLE_SELF_ASPACE;
		case MLK_OBJ_THREAD:
			return MLK_HANDLE_SELF_THREAD;
		default:
			return (uint32_t)PICK(r, MLK_HANDLE_SELF_PROCESS,
					      MLK_HANDLE_SELF_ASPACE,
					      MLK_HANDLE_SELF_THREAD);
		}
	}
	h = pool_pick(&w->pool, r);
	if (roll < 92) /* stale: the generation before or after */
		return MLK_HANDLE_MAKE(MLK_HANDLE_INDEX(h),
				       MLK_HANDLE_GEN(h) + PICK(r, 1, -1ull));
	if (roll < 95) /* a small index, a guessed generation */
		return MLK_HANDLE_MAKE(rng_below(r, 64), rng_below(r, 4));
	return (uint32_t)PICK(r, 0, h | 0x80000000u, rng_next(r),
			      MLK_HANDLE_MAKE(0xffff, 1));
}

/* A wide handle: the right value with bits set above 32. */
uint64_t args_widen(struct rng *r, uint64_t v)
{
	return v | (PICK(r, 1, 0x80000000ull, 0xffffffffull) << 32);
}

uint64_t args_pointer(struct worker *w, uint64_t *room)
{
	struct rng *r = &w->rng;
	unsigned roll = (unsigned)rng_below(r, 100);
	uint64_t off;

	*room = 0;
	if (roll < 70) {
		off = rng_percent(r, 50) ? 0 : rng_below(r, ARENA_SIZE);
		*room = ARENA_SIZE - off;
		return (uint64_t)w->arena + off;
	}
	if (roll < 78) {
		*room = PAGE;
		return (uint64_t)fuzz.readonly;
	}
	if (roll < 84) /* the last bytes of the arena: the rest is a hole */
		return (uint64_t)w->arena + ARENA_SIZE - 1 - rng_below(r, 16);
	switch (rng_below(r, 6)) {
	case 0:
		return PLAY_BASE + rng_below(r, PLAY_END - PLAY_BASE);
	case 1:
		return KERNEL_VA + rng_below(r, 1ull << 32);
	case 2:
		return rng_below(r, MLK_USER_BASE);
	case 3:
		return ~0ull - rng_below(r, PAGE);
	case 4:
		return MLK_USER_END - rng_below(r, 64);
	default:
		return rng_next(r);
	}
}

uint64_t args_length(struct worker *w, uint64_t room)
{
	struct rng *r = &w->rng;
	unsigned roll = (unsigned)rng_below(r, 100);

	if (room && roll < 70)
		return rng_below(r, (room < 64 ? room : 64) + 1);
	if (room && roll < 85)
		return rng_below(r, room + 1);
	return PICK(r, room + 1, 4096, 4097, 1ull << 20, 1ull << 32, ~0ull,
		    (uint64_t)MLK_NAME_MAX, (uint64_t)MLK_NAME_MAX + 1);
}

static uint64_t pages(struct rng *r, uint64_t max)
{
	return (1 + rng_below(r, max)) * PAGE;
}

static uint64_t size_value(struct rng *r)
{
	unsigned roll = (unsigned)rng_below(r, 100);

	if (roll < 60)
		return pages(r, 4);
	if (roll < 72)
		return pages(r, 256);
	if (roll < 88)
		return PICK(r, 0, 1, PAGE - 1, PAGE + 1, MLK_MEM_MAX_SIZE,
			    MLK_MEM_MAX_SIZE + PAGE, 1ull << 63,
			    ~0ull & ~(PAGE - 1), ~0ull, 0x800000000000ull);
	return any_value(r);
}

static uint64_t address_value(struct rng *r)
{
	unsigned roll = (unsigned)rng_below(r, 100);

	if (roll < 30)
		return 0; /* the kernel chooses */
	if (roll < 80)
		return PLAY_BASE +
		       rng_below(r, (PLAY_END - PLAY_BASE) / PAGE) * PAGE;
	return PICK(r, MLK_USER_BASE, MLK_USER_BASE - PAGE,
		    MLK_IPC_BUFFER_BASE - PAGE, MLK_IPC_BUFFER_BASE,
		    MLK_IPC_BUFFER_END, MLK_USER_END, MLK_USER_END - PAGE,
		    KERNEL_VA, ~0ull & ~(PAGE - 1), PLAY_BASE + 1,
		    AUTO_MAP_BASE - PAGE, 0x40000000ull);
}

uint64_t args_deadline(struct worker *w)
{
	struct rng *r = &w->rng;
	unsigned roll = (unsigned)rng_below(r, 100);

	/* Mostly short: a wait that runs out idles its thread. */
	if (roll < 75)
		return w->now_ns + rng_below(r, 50000);
	if (roll < 80)
		return w->now_ns + rng_below(r, 2000000);
	if (roll < 99)
		return PICK(r, 1, w->now_ns - 1, w->now_ns);
	/* None (a reset ends the wait), rarely: the thread stands still
	 * until then. */
	return PICK(r, 0, ~0ull, 1ull << 63);
}

static uint64_t rights_value(struct rng *r)
{
	switch (rng_below(r, 6)) {
	case 0:
	case 1:
		return rng_next(r) & MLK_RIGHTS_ALL;
	case 2:
		return MLK_RIGHTS_ALL;
	case 3:
		return PICK(r, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC,
			    MLK_RIGHT_RECV | MLK_RIGHTS_BASIC,
			    MLK_RIGHT_READ | MLK_RIGHT_MAP | MLK_RIGHTS_BASIC,
			    MLK_RIGHT_SIGNAL | MLK_RIGHT_WAIT,
			    MLK_RIGHT_MANAGE | MLK_RIGHTS_BASIC);
	case 4:
		return 0;
	default:
		return any_value(r);
	}
}

static uint64_t entry_value(struct rng *r)
{
	switch (rng_below(r, 8)) {
	case 0:
	case 1:
	case 2:
	case 3:
		return (uint64_t)sacrifice_entry;
	case 4:
		return (uint64_t)sacrifice_entry + 2; /* misaligned */
	case 5:
		return PLAY_BASE + rng_below(r, 1 << 20) * 4; /* unmapped */
	case 6:
		return (uint64_t)fuzz.readonly; /* not executable */
	default:
		return PICK(r, 0, MLK_USER_BASE, MLK_USER_END, KERNEL_VA,
			    rng_next(r));
	}
}

static uint64_t stack_value(struct rng *r)
{
	switch (rng_below(r, 4)) {
	case 0:
		return 0;
	case 1:
		return (PLAY_BASE + rng_below(r, 1ull << 30)) & ~15ull;
	case 2:
		return PLAY_BASE + 8; /* misaligned */
	default:
		return PICK(r, MLK_USER_END, MLK_USER_END - 16, KERNEL_VA,
			    rng_next(r));
	}
}

uint64_t args_value(struct worker *w, enum arg_kind kind, uint32_t want,
		    uint64_t *room)
{
	struct rng *r = &w->rng;

	switch (kind) {
	case A_HANDLE:
		return rng_percent(r, 3) ? args_widen(r, args_handle(w, want))
					 : args_handle(w, want);
	case A_PTR:
		return args_pointer(w, room);
	case A_NAME:
		if (rng_percent(r, 60)) {
			*room = sizeof(printable) - 1;
			return (uint64_t)printable;
		}
		return args_pointer(w, room);
	case A_LEN:
		return args_length(w, *room);
	case A_SIZE:
		return size_value(r);
	case A_OFFSET:
		return rng_percent(r, 50)   ? 0
		       : rng_percent(r, 60) ? pages(r, 4)
					    : size_value(r);
	case A_ADDR:
		return address_value(r);
	case A_DEADLINE:
		return args_deadline(w);
	case A_RIGHTS:
		return rights_value(r);
	case A_FLAGS:
		return rng_percent(r, 80) ? rng_below(r, 8) : any_value(r);
	case A_PRIO:
		return rng_percent(r, 80) ? rng_below(r, fuzz.priority + 1)
					  : PICK(r, 63, 64, fuzz.priority + 1,
						 any_value(r));
	case A_QUOTA:
		return PICK(r, 0, PAGE, 16 * PAGE, 64 * PAGE, 1ull << 20,
			    1ull << 40, ~0ull, any_value(r));
	case A_ENTRY:
		return entry_value(r);
	case A_STACK:
		return stack_value(r);
	case A_SMALL:
		return rng_percent(r, 80) ? rng_below(r, 40) : any_value(r);
	default:
		return any_value(r);
	}
}

uint64_t args_msginfo(struct rng *r)
{
	uint64_t label = rng_percent(r, 80)   ? rng_below(r, 100)
			 : rng_percent(r, 50) ? 0xffff0000u + rng_below(r, 5)
					      : (uint32_t)rng_next(r);
	uint64_t words = rng_percent(r, 70)   ? rng_below(r, 6)
			 : rng_percent(r, 70) ? rng_below(r, 65)
					      : rng_below(r, 128);
	uint64_t handles = rng_percent(r, 70)	? 0
			   : rng_percent(r, 80) ? 1 + rng_below(r, 4)
						: rng_below(r, 8);
	uint64_t info = label << 32 | handles << 8 | words;

	info |= (rng_next(r) & 0xf) << 12; /* copy bits */
	if (rng_percent(r, 5))		   /* bits no message info has */
		info |= (1ull
			 << (rng_percent(r, 50) ? 7 : 16 + rng_below(r, 16)));
	return info;
}
