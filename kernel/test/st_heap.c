/*
 * Selftests: the kernel heap.
 */
#include "heap.h"
#include "kstring.h"
#include "pmm.h"
#include "selftest.h"

SELFTEST(heap, sizes_and_alignment)
{
	static const size_t sizes[] = { 1,   8,	   16,	 17,   100,
					512, 2048, 2049, 5000, 70000 };

	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
		char *p = kmalloc(sizes[i]);
		ST_REQUIRE(t, p != NULL);
		ST_CHECK(t, IS_ALIGNED((uintptr_t)p, HEAP_MIN_ALIGN));
		ST_CHECK(t, ksize(p) >= sizes[i]);
		memset(p, 0x5a, sizes[i]);
		ST_EQ(t, heap_check(p), HEAP_PTR_OK);
		kfree(p);
	}
}

SELFTEST(heap, objects_do_not_overlap)
{
	enum { N = 200 };
	static uint32_t *objs[N];

	for (int i = 0; i < N; i++) {
		objs[i] = kmalloc(48);
		ST_REQUIRE(t, objs[i] != NULL);
		for (int w = 0; w < 12; w++)
			objs[i][w] = (uint32_t)i;
	}
	for (int i = 0; i < N; i++)
		for (int w = 0; w < 12; w++)
			ST_EQ(t, objs[i][w], i);
	for (int i = 0; i < N; i++)
		kfree(objs[i]);
}

SELFTEST(heap, pages_return_to_pmm)
{
	struct heap_stats before, after;
	uint64_t free_before = pmm_free_pages();
	void *big = kmalloc(64 * 1024);

	heap_stats(&before);
	ST_REQUIRE(t, big != NULL);
	ST_CHECK(t, pmm_free_pages() < free_before);
	kfree(big);
	heap_stats(&after);
	ST_EQ(t, pmm_free_pages(), free_before);
	ST_CHECK(t, after.pages < before.pages);
}

SELFTEST(heap, detects_bad_pointers)
{
	static char not_heap[32];
	/* Three in a row: the middle one shares its slab with a neighbour,
	 * so after it is freed the slab is still there to say so. */
	char *a = kmalloc(64), *b = kmalloc(64), *c = kmalloc(64);

	ST_REQUIRE(t, a && b && c);
	ST_EQ(t, heap_check(b + 8), HEAP_PTR_MISALIGNED);
	ST_EQ(t, heap_check(not_heap), HEAP_PTR_FOREIGN);
	ST_EQ(t, heap_check(NULL), HEAP_PTR_FOREIGN);
	kfree(b);
	ST_EQ(t, heap_check(b), HEAP_PTR_FREE);
	kfree(a);
	kfree(c);
}

SELFTEST(heap, zeroed_allocation)
{
	uint8_t *p = kzalloc(300);
	bool zero = true;

	ST_REQUIRE(t, p != NULL);
	for (int i = 0; i < 300; i++)
		zero = zero && p[i] == 0;
	ST_CHECK(t, zero);
	kfree(p);
}
