/*
 * The guard: random calls may do anything to the kernel, but not take
 * away what sysfuzz itself runs on (its code, stacks, arenas, the threads
 * that fuzz, the statistics page, the process itself), or the fuzzing
 * would stop at the first unlucky call.  Calls that could (closing or
 * moving a handle, killing, suspending, unmapping, writing memory) ask
 * here first; fuzz_one then replaces the argument.
 *
 * Protected handles are made at start and never closed, so their values
 * are never reused; objects are compared by the kernel's object id, which
 * covers every duplicate a random call made of them.
 */
#include "fuzz.h"

#define GUARD_MAX 64

extern const char _start[], _end[];

static struct {
	uint32_t handles[GUARD_MAX];
	uint64_t ids[GUARD_MAX];
	volatile unsigned nhandles, nids;
	uint64_t self_pid, self_aspace;
} guard;

uint64_t guard_object_id(uint64_t h)
{
	uint64_t id = 0;

	if (h >> 32 || mlk_object_id((uint32_t)h, &id) != MLK_OK)
		return 0;
	return id;
}

void guard_protect_object(uint32_t h)
{
	uint64_t id = guard_object_id(h);

	if (id && guard.nids < GUARD_MAX) {
		guard.ids[guard.nids] = id;
		__asm__ volatile("" ::: "memory"); /* id before the count */
		guard.nids++;
	}
}

void guard_protect(uint32_t h)
{
	if (guard.nhandles < GUARD_MAX) {
		guard.handles[guard.nhandles] = h;
		__asm__ volatile("" ::: "memory");
		guard.nhandles++;
	}
	guard_protect_object(h);
	if (h == MLK_HANDLE_SELF_PROCESS)
		guard.self_pid = guard_object_id(h);
	if (h == MLK_HANDLE_SELF_ASPACE)
		guard.self_aspace = guard_object_id(h);
}

bool guard_is_protected_handle(uint64_t h)
{
	for (unsigned i = 0; i < guard.nhandles; i++)
		if (guard.handles[i] == h)
			return true;
	return false;
}

bool guard_names_protected(uint64_t h)
{
	uint64_t id = guard_object_id(h);

	for (unsigned i = 0; id && i < guard.nids; i++)
		if (guard.ids[i] == id)
			return true;
	return false;
}

uint64_t guard_self_pid(void)
{
	return guard.self_pid;
}

uint64_t guard_self_aspace(void)
{
	return guard.self_aspace;
}

static bool overlaps(uint64_t va, uint64_t end, uint64_t lo, uint64_t hi)
{
	return va < hi && end > lo;
}

bool guard_unmap_hurts(const struct pool *p, uint64_t va, uint64_t size)
{
	uint64_t end = va + size;

	/* What the kernel refuses before it looks at a mapping is harmless
	 * (vm.c: alignment, wrapping, outside user space). */
	if ((va | size) % PAGE || size == 0 || end < va)
		return false;
	if (overlaps(va, end, (uint64_t)_start, (uint64_t)_end + PAGE))
		return true;
	if (overlaps(va, end, ARENA_BASE, PLAY_BASE))
		return true;
	/* Stacks, the statistics page, libmlk's heap: where the kernel
	 * places mappings, up to the IPC buffers; only a mapping this
	 * thread made there itself may go. */
	if (overlaps(va, end, AUTO_MAP_BASE, MLK_IPC_BUFFER_END))
		return !pool_maps_cover(p, va, size);
	return false;
}
