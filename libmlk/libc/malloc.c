/*
 * malloc, free, calloc, realloc and aligned_alloc.
 *
 * Boundary-tag chunks with immediate coalescing, carved from regions the
 * runtime hands out (__mlk_heap_grow).  A region looks like
 *
 *   [struct region][chunk][chunk]...[chunk][end marker]
 *
 * and every chunk starts with a 16-byte header: prev_size, the size of the
 * chunk before it (0 for the first of a region), so free() can merge
 * backwards; and head, its own size (a multiple of 16) with bit 0 set
 * while it is allocated.  The end marker is a bare header of size 0 that
 * is always "allocated", so nothing merges across the end of a region.
 * Payloads follow their header and are 16-byte aligned like the chunks.
 *
 * No two free chunks are ever adjacent.  Free chunks are kept in 64 bins
 * by the power of two of their size, with a bitmap of the non-empty bins:
 * a fit is the first large enough chunk of the request's own bin, or any
 * chunk of the next non-empty bin (the first level of TLSF).
 *
 * free() and realloc() check the pointer against the regions and the
 * headers around it, so a double free or a pointer malloc never handed
 * out stops the service with one line on stderr instead of corrupting
 * the heap quietly.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libc_impl.h"
#include "runtime_hooks.h"

#define ALIGN 16
#define HEADER 16
#define MIN_CHUNK 32 /* header + the two bin links of a free chunk */
#define IN_USE ((size_t)1)
#define NBINS 64
/* The least a region grows by, so small requests do not each cost one. */
#define GROW_MIN ((size_t)64 * 1024)
/* Larger requests cannot be objects in C (they exceed PTRDIFF_MAX). */
#define MAX_REQUEST ((size_t)PTRDIFF_MAX - 4096)

struct chunk {
	size_t prev_size;
	size_t head;
	/* Only while free: */
	struct chunk *next;
	struct chunk *prev;
};

struct region {
	struct region *next;
	size_t size; /* from the region's start to the end of its end marker */
};

_Static_assert(sizeof(struct region) % ALIGN == 0, "chunks stay aligned");
_Static_assert(offsetof(struct chunk, next) == HEADER, "payload offset");

static struct region *regions;
static size_t heap_size; /* all regions together */
static struct chunk *bins[NBINS];
static uint64_t bin_map; /* bit b set when bins[b] is not empty */

static size_t chunk_size(const struct chunk *c)
{
	return c->head & ~(size_t)(ALIGN - 1);
}

static bool in_use(const struct chunk *c)
{
	return c->head & IN_USE;
}

static struct chunk *next_chunk(struct chunk *c)
{
	return (struct chunk *)((char *)c + chunk_size(c));
}

static struct chunk *prev_chunk(struct chunk *c)
{
	return (struct chunk *)((char *)c - c->prev_size);
}

static void *payload(struct chunk *c)
{
	return (char *)c + HEADER;
}

static struct chunk *chunk_of(void *p)
{
	return (struct chunk *)((char *)p - HEADER);
}

/* Set c's size and state, and the prev_size of the chunk after it. */
static void set_chunk(struct chunk *c, size_t size, size_t used)
{
	c->head = size | used;
	next_chunk(c)->prev_size = size;
}

static unsigned bin_of(size_t size)
{
	return 63 - (unsigned)__builtin_clzll(size);
}

static void bin_insert(struct chunk *c)
{
	unsigned b = bin_of(chunk_size(c));

	c->prev = NULL;
	c->next = bins[b];
	if (c->next)
		c->next->prev = c;
	bins[b] = c;
	bin_map |= 1ULL << b;
}

static void bin_remove(struct chunk *c)
{
	unsigned b = bin_of(chunk_size(c));

	if (c->prev)
		c->prev->next = c->next;
	else
		bins[b] = c->next;
	if (c->next)
		c->next->prev = c->prev;
	if (!bins[b])
		bin_map &= ~(1ULL << b);
}

/* Make the free chunk c (in no bin) available, merged with free neighbours. */
static void release(struct chunk *c)
{
	size_t size = chunk_size(c);
	struct chunk *next = next_chunk(c);

	if (!in_use(next)) {
		bin_remove(next);
		size += chunk_size(next);
	}
	if (c->prev_size && !in_use(prev_chunk(c))) {
		c = prev_chunk(c);
		bin_remove(c);
		size += chunk_size(c);
	}
	set_chunk(c, size, 0);
	bin_insert(c);
}

/* Mark c (in no bin) allocated with size need; free what is left over. */
static void carve(struct chunk *c, size_t need)
{
	size_t size = chunk_size(c);

	if (size - need < MIN_CHUNK) {
		set_chunk(c, size, IN_USE);
		return;
	}
	set_chunk(c, need, IN_USE);
	set_chunk(next_chunk(c), size - need, 0);
	release(next_chunk(c));
}

/*
 * The chunk size for a request of n bytes, at most MAX_REQUEST; false if
 * it is too large.
 */
static bool chunk_need(size_t n, size_t *need)
{
	if (n > MAX_REQUEST - HEADER - ALIGN)
		return false;
	*need = (n + HEADER + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (*need < MIN_CHUNK)
		*need = MIN_CHUNK;
	return true;
}

static struct chunk *find_fit(size_t need)
{
	unsigned b = bin_of(need);
	uint64_t larger;

	for (struct chunk *c = bins[b]; c; c = c->next)
		if (chunk_size(c) >= need)
			return c;
	/* Every chunk in a higher bin is at least twice bin b's floor. */
	larger = b == NBINS - 1 ? 0 : bin_map & ~((2ULL << b) - 1);
	return larger ? bins[__builtin_ctzll(larger)] : NULL;
}

/* Turn a region from the runtime into one free chunk and an end marker. */
static void add_region(void *base, size_t got)
{
	struct region *r = base;
	struct chunk *first = (struct chunk *)(r + 1);
	struct chunk *end;

	r->size = got & ~(size_t)(ALIGN - 1);
	r->next = regions;
	regions = r;
	heap_size += r->size;
	end = (struct chunk *)((char *)r + r->size - HEADER);
	end->head = 0 | IN_USE;
	first->prev_size = 0;
	set_chunk(first, (size_t)((char *)end - (char *)first), 0);
	bin_insert(first);
}

/*
 * Ask for a region holding a chunk of need bytes.  Regions grow with the
 * heap (by half of it at a time) so there stay few of them, and free()
 * finds a pointer's region quickly; if the runtime cannot give that much,
 * ask for just enough.
 */
static bool grow(size_t need)
{
	size_t least = need + sizeof(struct region) + HEADER;
	size_t want = least;
	void *base;
	size_t got;

	if (want < GROW_MIN)
		want = GROW_MIN;
	if (want < heap_size / 2)
		want = heap_size / 2;
	if (__mlk_heap_grow(want, &base, &got) != 0 &&
	    (want == least || __mlk_heap_grow(least, &base, &got) != 0))
		return false;
	if ((uintptr_t)base % ALIGN || got < least)
		return false; /* the runtime broke its promise; do not use it */
	add_region(base, got);
	return true;
}

/* A chunk of at least need bytes, taken out of its bin, or NULL. */
static struct chunk *take(size_t need)
{
	struct chunk *c = find_fit(need);

	if (!c && grow(need))
		c = find_fit(need);
	if (c)
		bin_remove(c);
	return c;
}

static void *out_of_memory(void)
{
	errno = ENOMEM;
	return NULL;
}

MLK_PUBLIC void *malloc(size_t n)
{
	size_t need;
	struct chunk *c;

	if (!chunk_need(n, &need) || !(c = take(need)))
		return out_of_memory();
	carve(c, need);
	return payload(c);
}

static _Noreturn void misuse(const char *fn, void *p, const char *what)
{
	fprintf(stderr, "malloc: %s(%p): %s\n", fn, p, what);
	abort();
}

/* The region whose chunks could have p as their payload, or NULL. */
static struct region *region_of(void *p)
{
	for (struct region *r = regions; r; r = r->next) {
		char *first = (char *)(r + 1) + HEADER;
		char *end = (char *)r + r->size - HEADER;

		if ((char *)p >= first && (char *)p < end)
			return r;
	}
	return NULL;
}

/* Whether c's size keeps it inside r with room for what follows it. */
static bool fits_region(struct chunk *c, struct region *r)
{
	size_t size = chunk_size(c);
	size_t room = (size_t)((char *)r + r->size - HEADER - (char *)c);

	return !(c->head & (ALIGN - 2)) && size >= MIN_CHUNK && size <= room;
}

/*
 * Whether the headers around c (which fits_region) agree with it: the next
 * one names c's size, and prev_size leads to a chunk of that size.
 */
static bool consistent(struct chunk *c, struct region *r)
{
	size_t before = (size_t)((char *)c - (char *)(r + 1));

	if (next_chunk(c)->prev_size != chunk_size(c))
		return false;
	if (c->prev_size == 0)
		return before == 0;
	return c->prev_size % ALIGN == 0 && c->prev_size <= before &&
	       chunk_size(prev_chunk(c)) == c->prev_size;
}

/* The chunk of p, which free() or realloc() (fn) was given; or abort. */
static struct chunk *checked_chunk(void *p, const char *fn)
{
	struct region *r = region_of(p);
	struct chunk *c = chunk_of(p);

	if (!r || (uintptr_t)p % ALIGN || !fits_region(c, r))
		misuse(fn, p, "invalid pointer");
	if (!in_use(c))
		misuse(fn, p, "double free");
	if (!consistent(c, r))
		misuse(fn, p, "invalid pointer or corrupted heap");
	return c;
}

MLK_PUBLIC void free(void *p)
{
	struct chunk *c;

	if (!p)
		return;
	c = checked_chunk(p, "free");
	c->head &= ~IN_USE;
	release(c);
}

MLK_PUBLIC void *calloc(size_t count, size_t size)
{
	size_t n;
	void *p;

	if (__builtin_mul_overflow(count, size, &n))
		return out_of_memory();
	p = malloc(n);
	if (p)
		memset(p, 0, n);
	return p;
}

/* Give the allocated chunk c the size need without moving it, if possible. */
static bool resize_in_place(struct chunk *c, size_t need)
{
	size_t size = chunk_size(c);
	struct chunk *next = next_chunk(c);

	if (need <= size) {
		carve(c, need);
		return true;
	}
	if (in_use(next) || size + chunk_size(next) < need)
		return false;
	bin_remove(next);
	set_chunk(c, size + chunk_size(next), IN_USE);
	carve(c, need);
	return true;
}

MLK_PUBLIC void *realloc(void *p, size_t n)
{
	struct chunk *c;
	size_t need, old;
	void *q;

	if (!p)
		return malloc(n);
	c = checked_chunk(p, "realloc");
	if (!chunk_need(n, &need))
		return out_of_memory();
	old = chunk_size(c) - HEADER;
	if (resize_in_place(c, need))
		return p;
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, old < n ? old : n);
	free(p);
	return q;
}

/*
 * Cut c so that its payload is aligned to align: the part before becomes
 * a free chunk of its own, so it must be empty or a whole MIN_CHUNK.
 */
static struct chunk *align_chunk(struct chunk *c, size_t align)
{
	uintptr_t p = (uintptr_t)payload(c);
	uintptr_t a = (p + align - 1) & ~(uintptr_t)(align - 1);
	size_t size = chunk_size(c);
	struct chunk *lead = c;

	if (a == p)
		return c;
	if (a - p < MIN_CHUNK)
		a += align;
	c = chunk_of((void *)a);
	set_chunk(c, size - (a - p), IN_USE);
	set_chunk(lead, a - p, 0);
	release(lead);
	return c;
}

MLK_PUBLIC void *aligned_alloc(size_t align, size_t n)
{
	size_t need;
	struct chunk *c;

	if (align == 0 || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	if (align <= ALIGN)
		return malloc(n);
	/* Room to move the payload up by align + 16 at most (align_chunk). */
	if (!chunk_need(n, &need) || align > MAX_REQUEST - need ||
	    !(c = take(need + align + MIN_CHUNK)))
		return out_of_memory();
	c = align_chunk(c, align);
	carve(c, need);
	return payload(c);
}
