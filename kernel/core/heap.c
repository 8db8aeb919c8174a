/*
 * Kernel heap (see heap.h).
 *
 * Every block of heap memory is a "slab": SLAB_PAGES pages aligned to their
 * own size, starting with a header.  kfree finds the header by rounding the
 * pointer down, so no per-page table is needed.  A slab of a size class
 * holds equal objects and a bitmap of which are in use; a large allocation
 * is a slab of one object spanning as many pages as it needs.
 */
#include "heap.h"

#include "hal.h"

#include "kstring.h"
#include "panic.h"
#include "pmm.h"

#define SLAB_PAGES 4
#define SLAB_SIZE (SLAB_PAGES * PAGE_SIZE)
#define SLAB_MAGIC 0x534c4142u	/* "SLAB" */
#define LARGE_MAGIC 0x4c524745u /* "LRGE" */
#define NCLASSES 8		/* 16 .. 2048 */
#define MAX_OBJECTS (SLAB_SIZE / HEAP_MIN_ALIGN)

struct slab {
	uint32_t magic;
	uint16_t cls;		  /* size class index (slabs) */
	uint16_t inuse;		  /* objects allocated */
	uint32_t nobjs;		  /* objects the slab holds */
	uint32_t offset;	  /* of the first object from the slab start */
	uint64_t npages;	  /* pages of a large allocation */
	uint64_t size;		  /* object size */
	struct slab *next, *prev; /* partial list of the class */
	uint64_t used[MAX_OBJECTS / 64];
};

_Static_assert(sizeof(struct slab) <= 256, "slab header grew");

static struct slab *partial[NCLASSES];
static struct heap_stats stats;

static unsigned size_class(size_t size)
{
	unsigned cls = 0;

	while (((size_t)HEAP_MIN_ALIGN << cls) < size)
		cls++;
	return cls;
}

static struct slab *slab_of(const void *p)
{
	return (struct slab *)ALIGN_DOWN((uintptr_t)p, SLAB_SIZE);
}

static void list_remove(struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		partial[s->cls] = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

static void list_push(struct slab *s)
{
	s->prev = NULL;
	s->next = partial[s->cls];
	if (s->next)
		s->next->prev = s;
	partial[s->cls] = s;
}

static struct slab *slab_new(unsigned cls)
{
	uint64_t pa = pmm_alloc_run(SLAB_PAGES, SLAB_PAGES);
	if (pa == PMM_NONE)
		return NULL;

	struct slab *s = phys_to_virt(pa);
	uint64_t size = HEAP_MIN_ALIGN << cls;
	memset(s, 0, sizeof(*s));
	s->magic = SLAB_MAGIC;
	s->cls = (uint16_t)cls;
	s->size = size;
	s->offset = (uint32_t)ALIGN_UP(sizeof(*s), size < 64 ? 64 : size);
	if (s->offset > 256)
		s->offset = 256; /* big objects need 16-byte alignment only */
	s->nobjs = (uint32_t)((SLAB_SIZE - s->offset) / size);
	stats.pages += SLAB_PAGES;
	return s;
}

static void *slab_alloc(size_t size)
{
	unsigned cls = size_class(size);
	struct slab *s = partial[cls];

	if (!s) {
		s = slab_new(cls);
		if (!s)
			return NULL;
		list_push(s);
	}
	for (uint32_t w = 0; w < (s->nobjs + 63) / 64; w++) {
		if (s->used[w] == ~0ULL)
			continue;
		uint32_t i = w * 64 + (uint32_t)__builtin_ctzll(~s->used[w]);
		if (i >= s->nobjs)
			break;
		s->used[w] |= 1ULL << (i % 64);
		if (++s->inuse == s->nobjs)
			list_remove(s); /* full: off the partial list */
		stats.bytes_in_use += s->size;
		return (char *)s + s->offset + (uint64_t)i * s->size;
	}
	panic("heap: slab %p of class %u is full on the partial list", s, cls);
}

static void *large_alloc(size_t size)
{
	uint64_t npages = ALIGN_UP(size + 256, PAGE_SIZE) / PAGE_SIZE;
	uint64_t pa = pmm_alloc_run(npages, SLAB_PAGES);

	if (pa == PMM_NONE)
		return NULL;
	struct slab *s = phys_to_virt(pa);
	memset(s, 0, sizeof(*s));
	s->magic = LARGE_MAGIC;
	s->nobjs = s->inuse = 1;
	s->offset = 256;
	s->size = npages * PAGE_SIZE - 256;
	s->npages = npages;
	stats.pages += npages;
	stats.bytes_in_use += s->size;
	return (char *)s + s->offset;
}

void *kmalloc(size_t size)
{
	void *p;

	if (size == 0 || size > (1UL << 40))
		return NULL;
	p = size <= HEAP_SLAB_MAX ? slab_alloc(size) : large_alloc(size);
	if (p)
		stats.allocs++;
	return p;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

/* Index of object p in its slab, or a negative heap_check code. */
static int64_t object_index(const struct slab *s, const void *p)
{
	uint64_t off = (uint64_t)((const char *)p - (const char *)s);

	if (off < s->offset)
		return HEAP_PTR_MISALIGNED;
	off -= s->offset;
	if (off % s->size || off / s->size >= s->nobjs)
		return HEAP_PTR_MISALIGNED;
	return (int64_t)(off / s->size);
}

int heap_check(const void *p)
{
	const struct slab *s = slab_of(p);

	if (!p || (uintptr_t)p < KERNEL_DIRECT_MAP_BASE ||
	    (uintptr_t)p - KERNEL_DIRECT_MAP_BASE >= KERNEL_DIRECT_MAP_SIZE ||
	    !pmm_is_allocated(virt_to_phys(s)))
		return HEAP_PTR_FOREIGN;
	if (s->magic != SLAB_MAGIC && s->magic != LARGE_MAGIC)
		return HEAP_PTR_FOREIGN;
	int64_t i = object_index(s, p);
	if (i < 0)
		return (int)i;
	if (s->magic == SLAB_MAGIC && !(s->used[i / 64] >> (i % 64) & 1))
		return HEAP_PTR_FREE;
	return HEAP_PTR_OK;
}

size_t ksize(const void *p)
{
	return heap_check(p) == HEAP_PTR_OK ? slab_of(p)->size : 0;
}

void kfree(void *p)
{
	if (!p)
		return;
	int err = heap_check(p);
	if (err != HEAP_PTR_OK)
		panic("heap: kfree(%p): %s", p,
		      err == HEAP_PTR_FREE ? "double free"
		      : err == HEAP_PTR_MISALIGNED
			      ? "not the start of an object"
			      : "not a heap pointer");

	struct slab *s = slab_of(p);
	stats.frees++;
	stats.bytes_in_use -= s->size;
	if (s->magic == LARGE_MAGIC) {
		s->magic = 0;
		stats.pages -= s->npages;
		BUG_ON(pmm_free_run(virt_to_phys(s), s->npages) != PMM_OK);
		return;
	}

	int64_t i = object_index(s, p);
	bool was_full = s->inuse == s->nobjs;
	s->used[i / 64] &= ~(1ULL << (i % 64));
	s->inuse--;
	if (s->inuse == 0 && !(partial[s->cls] == s && !s->next)) {
		/* Give empty slabs back, the PMM being the one pool of memory,
		 * but keep the class's last one so that an alloc/free pair
		 * does not go to the PMM every time. */
		if (!was_full)
			list_remove(s);
		s->magic = 0;
		stats.pages -= SLAB_PAGES;
		BUG_ON(pmm_free_run(virt_to_phys(s), SLAB_PAGES) != PMM_OK);
	} else if (was_full) {
		list_push(s);
	}
}

void heap_stats(struct heap_stats *out)
{
	*out = stats;
}
