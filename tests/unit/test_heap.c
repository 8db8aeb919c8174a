/*
 * Unit tests of the kernel heap, kernel/core/heap.c, on top of the real
 * physical memory manager (kernel/core/pmm.c) over fake RAM.
 */
#include "heap.h"

#include <arch/memlayout.h>

#include "pmm.h"
#include "unit.h"

#define MIB (1024 * 1024)
#define RAM_PAGES 2048 /* 8 MiB */
#define SLAB_BYTES (4 * PAGE_SIZE)
#define SLAB_HEADER 256 /* the most a slab or large header takes */

static uint64_t ram;
static uint64_t pmm_free_at_start;

/* 8 MiB of RAM full of 0xa5, so nothing comes out zeroed by chance. */
static void heap_setup(void)
{
	ram = unit_alloc_ram(RAM_PAGES * PAGE_SIZE, MIB);
	memset((void *)(uintptr_t)ram, 0xa5, RAM_PAGES * PAGE_SIZE);
	struct mem_range r = { ram, RAM_PAGES * PAGE_SIZE };
	ck_assert_int_eq(pmm_init(&r, 1, NULL, 0), PMM_OK);
	pmm_free_at_start = pmm_free_pages();
}

static void heap_teardown(void)
{
	free((void *)(uintptr_t)ram);
}

static bool in_ram(const void *p, size_t n)
{
	uintptr_t a = (uintptr_t)p;

	return a >= ram && a + n <= ram + RAM_PAGES * PAGE_SIZE;
}

/* The size class kmalloc(size) uses: a power of two from 16 to 2048. */
static size_t class_size(size_t size)
{
	size_t c = HEAP_MIN_ALIGN;

	while (c < size)
		c *= 2;
	return c;
}

static void fill(void *p, size_t n, unsigned seed)
{
	uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(seed * 131 + i);
}

static bool intact(const void *p, size_t n, unsigned seed)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != (uint8_t)(seed * 131 + i))
			return false;
	return true;
}

struct live {
	uint8_t *p;
	size_t size;
};

static int by_address(const void *a, const void *b)
{
	const struct live *x = a, *y = b;

	return (x->p > y->p) - (x->p < y->p);
}

/* No two of the n objects share a byte of their usable sizes. */
static void expect_disjoint(struct live *objs, size_t n)
{
	qsort(objs, n, sizeof(*objs), by_address);
	for (size_t i = 1; i < n; i++)
		ck_assert_msg(objs[i - 1].p + objs[i - 1].size <= objs[i].p,
			      "objects at %p (%zu) and %p overlap",
			      (void *)objs[i - 1].p, objs[i - 1].size,
			      (void *)objs[i].p);
}

/* Allocate `n` objects of `sizes[i]`, check, fill, verify, free them all. */
static void alloc_fill_verify_free(const size_t *sizes, size_t n)
{
	struct live *objs = calloc(n, sizeof(*objs));

	ck_assert_ptr_nonnull(objs);
	for (size_t i = 0; i < n; i++) {
		uint8_t *p = kmalloc(sizes[i]);
		ck_assert_msg(p != NULL, "kmalloc(%zu)", sizes[i]);
		ck_assert_uint_eq((uintptr_t)p % HEAP_MIN_ALIGN, 0);
		ck_assert_uint_ge(ksize(p), sizes[i]);
		ck_assert(in_ram(p, ksize(p)));
		ck_assert_int_eq(heap_check(p), HEAP_PTR_OK);
		objs[i] = (struct live){ p, ksize(p) };
		fill(p, objs[i].size, (unsigned)i);
	}
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(intact(objs[i].p, objs[i].size, (unsigned)i),
			      "object %zu of %zu bytes was overwritten", i,
			      sizes[i]);
	for (size_t i = 0; i < n; i++)
		kfree(objs[i].p);
	/* Sorting last: the seeds above follow the allocation order. */
	expect_disjoint(objs, n);
	free(objs);
}

/* ---- allocation ---------------------------------------------------------- */

START_TEST(small_sizes_1_to_2048)
{
	size_t sizes[HEAP_SLAB_MAX];

	for (size_t i = 0; i < HEAP_SLAB_MAX; i++)
		sizes[i] = i + 1;
	alloc_fill_verify_free(sizes, HEAP_SLAB_MAX);
}
END_TEST

START_TEST(small_ksize_is_the_class)
{
	for (size_t size = 1; size <= HEAP_SLAB_MAX; size++) {
		void *p = kmalloc(size);
		ck_assert_uint_eq(ksize(p), class_size(size));
		kfree(p);
	}
}
END_TEST

START_TEST(large_sizes)
{
	static const size_t sizes[] = {
		2049,
		PAGE_SIZE - SLAB_HEADER,
		PAGE_SIZE - SLAB_HEADER + 1,
		PAGE_SIZE,
		10000,
		SLAB_BYTES,
		65536,
		MIB,
	};

	alloc_fill_verify_free(sizes, ARRAY_SIZE(sizes));
	ck_assert_uint_eq(pmm_free_pages(), pmm_free_at_start);
}
END_TEST

START_TEST(large_takes_whole_pages)
{
	struct heap_stats st;
	void *p = kmalloc(PAGE_SIZE - SLAB_HEADER); /* header + data: a page */
	void *q = kmalloc(PAGE_SIZE - SLAB_HEADER + 1);

	ck_assert_uint_eq(ksize(p), PAGE_SIZE - SLAB_HEADER);
	ck_assert_uint_eq(ksize(q), 2 * PAGE_SIZE - SLAB_HEADER);
	ck_assert_uint_eq(pmm_free_pages(), pmm_free_at_start - 3);
	heap_stats(&st);
	ck_assert_uint_eq(st.pages, 3);
	kfree(p);
	kfree(q);
	ck_assert_uint_eq(pmm_free_pages(), pmm_free_at_start);
}
END_TEST

START_TEST(mixed_sizes_stay_disjoint)
{
	size_t sizes[600];

	srand(42);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		sizes[i] = (size_t)(rand() % 6000) + 1;
	alloc_fill_verify_free(sizes, ARRAY_SIZE(sizes));
}
END_TEST

START_TEST(kzalloc_zeroes)
{
	static const size_t sizes[] = { 1, 15, 16, 100, 2048, 3000, 20000 };

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		/* Dirty the memory the next allocation will likely reuse. */
		uint8_t *d = kmalloc(sizes[i]);
		memset(d, 0xee, sizes[i]);
		kfree(d);
		uint8_t *p = kzalloc(sizes[i]);
		ck_assert_ptr_nonnull(p);
		for (size_t j = 0; j < sizes[i]; j++)
			ck_assert_msg(p[j] == 0, "kzalloc(%zu)[%zu] = %#x",
				      sizes[i], j, p[j]);
		kfree(p);
	}
	ck_assert_ptr_null(kzalloc(0));
}
END_TEST

START_TEST(zero_and_huge_sizes_fail)
{
	struct heap_stats st;

	ck_assert_ptr_null(kmalloc(0));
	ck_assert_ptr_null(kmalloc((1UL << 40) + 1));
	ck_assert_ptr_null(kmalloc(SIZE_MAX));
	heap_stats(&st);
	ck_assert_uint_eq(st.allocs, 0);
	ck_assert_uint_eq(st.pages, 0);
	ck_assert_uint_eq(pmm_free_pages(), pmm_free_at_start);
}
END_TEST

START_TEST(kfree_null_is_nothing)
{
	struct heap_stats st;

	kfree(NULL);
	heap_stats(&st);
	ck_assert_uint_eq(st.frees, 0);
}
END_TEST

/* ---- running out --------------------------------------------------------- */

static void *objs[4096];

/* kmalloc(size) until it fails; returns how many it gave. */
static size_t alloc_all(size_t size)
{
	size_t n = 0;

	while (n < ARRAY_SIZE(objs) && (objs[n] = kmalloc(size)) != NULL)
		n++;
	ck_assert_uint_lt(n, ARRAY_SIZE(objs)); /* it did run out */
	return n;
}

static void free_all(size_t n)
{
	while (n)
		kfree(objs[--n]);
}

START_TEST(exhaustion_returns_null_small)
{
	size_t n = alloc_all(HEAP_SLAB_MAX);

	/* 7 objects per slab; a slab is 4 aligned pages; page 0 holds the
	 * PMM's bitmap, so 511 slabs fit. */
	ck_assert_uint_eq(n, 511 * 7);
	ck_assert_ptr_null(kmalloc(HEAP_SLAB_MAX));
	ck_assert_ptr_null(kmalloc(5000));
	free_all(n);
	/* Usable again, all of it. */
	ck_assert_uint_eq(alloc_all(HEAP_SLAB_MAX), n);
}
END_TEST

START_TEST(exhaustion_returns_null_large)
{
	size_t n = alloc_all(MIB);

	/* 1 MiB + header = 257 pages at a 4-page boundary: 7 runs fit. */
	ck_assert_uint_eq(n, 7);
	free_all(n);
	ck_assert_uint_eq(pmm_free_pages(), pmm_free_at_start);
	ck_assert_uint_eq(alloc_all(MIB), n);
}
END_TEST

START_TEST(exhaustion_of_large_leaves_small)
{
	size_t n = alloc_all(MIB);

	/* Left over: too little for another 1 MiB, enough for a slab. */
	void *p = kmalloc(64);
	ck_assert_ptr_nonnull(p);
	kfree(p);
	free_all(n);
}
END_TEST

/* ---- statistics and returning memory ------------------------------------- */

static struct heap_stats stats(void)
{
	struct heap_stats st;

	heap_stats(&st);
	return st;
}

START_TEST(stats_follow_allocations)
{
	void *a = kmalloc(100);

	ck_assert_uint_eq(stats().bytes_in_use, 128);
	ck_assert_uint_eq(stats().pages, 4);
	ck_assert_uint_eq(stats().allocs, 1);
	void *b = kmalloc(100);
	ck_assert_uint_eq(stats().bytes_in_use, 256);
	ck_assert_uint_eq(stats().pages, 4); /* same slab */
	/* 5000 bytes and the header: 2 pages. */
	void *c = kmalloc(5000);
	ck_assert_uint_eq(stats().bytes_in_use, 256 + 2 * PAGE_SIZE - 256);
	ck_assert_uint_eq(stats().pages, 6);
	ck_assert_uint_eq(stats().allocs, 3);
	ck_assert_uint_eq(stats().frees, 0);

	kfree(c);
	ck_assert_uint_eq(stats().pages, 4);
	ck_assert_uint_eq(stats().bytes_in_use, 256);
	kfree(a);
	kfree(b);
	ck_assert_uint_eq(stats().bytes_in_use, 0);
	ck_assert_uint_eq(stats().allocs, 3);
	ck_assert_uint_eq(stats().frees, 3);
	ck_assert_uint_eq(pmm_free_pages(), pmm_free_at_start - stats().pages);
}
END_TEST

START_TEST(alloc_free_pair_keeps_the_slab)
{
	for (int i = 0; i < 100; i++) {
		void *p = kmalloc(64);
		ck_assert_ptr_nonnull(p);
		kfree(p);
		/* The class keeps its one empty slab: no PMM traffic. */
		ck_assert_uint_eq(stats().pages, 4);
		ck_assert_uint_eq(pmm_free_pages(), pmm_free_at_start - 4);
	}
}
END_TEST

START_TEST(empty_slabs_go_back_to_the_pmm)
{
	/* 64-byte objects, 253 to a slab: 1000 need four slabs. */
	size_t n = 1000;

	for (size_t i = 0; i < n; i++)
		objs[i] = kmalloc(64);
	ck_assert_uint_eq(stats().pages, 16);
	ck_assert_uint_eq(pmm_free_pages(), pmm_free_at_start - 16);
	free_all(n);
	/* All but the one empty slab the class keeps. */
	ck_assert_uint_eq(stats().pages, 4);
	ck_assert_uint_eq(pmm_free_pages(), pmm_free_at_start - 4);
	/* Freed in allocation order this time: the same result. */
	for (size_t i = 0; i < n; i++)
		objs[i] = kmalloc(64);
	for (size_t i = 0; i < n; i++)
		kfree(objs[i]);
	ck_assert_uint_eq(stats().pages, 4);
}
END_TEST

START_TEST(one_empty_slab_kept_per_class)
{
	size_t sizes[HEAP_SLAB_MAX];

	for (size_t i = 0; i < HEAP_SLAB_MAX; i++)
		sizes[i] = i + 1;
	alloc_fill_verify_free(sizes, HEAP_SLAB_MAX);
	/* Eight classes, 16 .. 2048: one slab each stays. */
	ck_assert_uint_eq(stats().pages, 8 * 4);
	ck_assert_uint_eq(pmm_free_pages(), pmm_free_at_start - 8 * 4);
	ck_assert_uint_eq(stats().bytes_in_use, 0);
	ck_assert_uint_eq(stats().allocs, stats().frees);
}
END_TEST

/* A slab that empties while another partial slab of its class exists is
 * freed; the last one is kept. */
START_TEST(empty_slab_freed_unless_last)
{
	size_t per_slab = 7; /* 2048-byte objects */
	void *first[7], *extra;

	for (size_t i = 0; i < per_slab; i++)
		first[i] = kmalloc(HEAP_SLAB_MAX);
	extra = kmalloc(HEAP_SLAB_MAX); /* a second slab */
	ck_assert_uint_eq(stats().pages, 8);
	kfree(first[0]); /* the first slab is partial again */
	kfree(extra);	 /* the second empties: freed */
	ck_assert_uint_eq(stats().pages, 4);
	for (size_t i = 1; i < per_slab; i++)
		kfree(first[i]);
	/* The first slab empties last: kept. */
	ck_assert_uint_eq(stats().pages, 4);
	ck_assert_uint_eq(pmm_free_pages(), pmm_free_at_start - 4);
}
END_TEST

/* ---- heap_check and ksize ------------------------------------------------ */

START_TEST(check_live_and_free)
{
	uint8_t *a = kmalloc(64), *b = kmalloc(64);

	ck_assert_int_eq(heap_check(a), HEAP_PTR_OK);
	kfree(a);
	/* b keeps the slab alive, so a's slot is known to be free. */
	ck_assert_int_eq(heap_check(a), HEAP_PTR_FREE);
	ck_assert_uint_eq(ksize(a), 0);
	ck_assert_int_eq(heap_check(b), HEAP_PTR_OK);
	kfree(b);
	/* The class's last slab stays: b's slot reads as free too. */
	ck_assert_int_eq(heap_check(b), HEAP_PTR_FREE);
}
END_TEST

START_TEST(check_misaligned)
{
	uint8_t *p = kmalloc(64);
	uint8_t *slab = (uint8_t *)ALIGN_DOWN((uintptr_t)p, SLAB_BYTES);

	ck_assert_int_eq(heap_check(p + 1), HEAP_PTR_MISALIGNED);
	ck_assert_int_eq(heap_check(p + 16), HEAP_PTR_MISALIGNED);
	ck_assert_int_eq(heap_check(p + 63), HEAP_PTR_MISALIGNED);
	/* Inside the slab's header. */
	ck_assert_int_eq(heap_check(slab), HEAP_PTR_MISALIGNED);
	ck_assert_int_eq(heap_check(slab + 8), HEAP_PTR_MISALIGNED);
	ck_assert_uint_eq(ksize(p + 1), 0);
	kfree(p);
}
END_TEST

START_TEST(check_past_the_last_object)
{
	/* 2048-byte objects: 7 from offset 256 end at 14592; the rest of
	 * the 16 KiB slab holds none. */
	uint8_t *p = kmalloc(HEAP_SLAB_MAX);
	uint8_t *slab = (uint8_t *)ALIGN_DOWN((uintptr_t)p, SLAB_BYTES);

	ck_assert_int_eq(heap_check(slab + 256 + 7 * 2048),
			 HEAP_PTR_MISALIGNED);
	ck_assert_int_eq(heap_check(slab + SLAB_BYTES - 16),
			 HEAP_PTR_MISALIGNED);
	kfree(p);
}
END_TEST

START_TEST(check_large)
{
	uint8_t *p = kmalloc(10000);

	ck_assert_int_eq(heap_check(p), HEAP_PTR_OK);
	ck_assert_int_eq(heap_check(p + 16), HEAP_PTR_MISALIGNED);
	ck_assert_int_eq(heap_check(p - 16), HEAP_PTR_MISALIGNED);
	kfree(p);
	/* Its pages went back to the PMM: no longer heap memory. */
	ck_assert_int_eq(heap_check(p), HEAP_PTR_FOREIGN);
}
END_TEST

START_TEST(check_foreign)
{
	int on_stack;
	static uint8_t in_data[64];
	uint8_t *host = malloc(64);

	ck_assert_int_eq(heap_check(NULL), HEAP_PTR_FOREIGN);
	ck_assert_int_eq(heap_check(&on_stack), HEAP_PTR_FOREIGN);
	ck_assert_int_eq(heap_check(in_data), HEAP_PTR_FOREIGN);
	ck_assert_int_eq(heap_check(host), HEAP_PTR_FOREIGN);
	/* Free RAM the heap never had. */
	ck_assert_int_eq(heap_check((void *)(uintptr_t)(ram + 64 * PAGE_SIZE)),
			 HEAP_PTR_FOREIGN);
	/* Allocated RAM that is not the heap's: no slab header there. */
	uint64_t pa = pmm_alloc_run(4, 4);
	memset((void *)(uintptr_t)pa, 0, SLAB_BYTES);
	ck_assert_int_eq(heap_check((void *)(uintptr_t)(pa + 256)),
			 HEAP_PTR_FOREIGN);
	/* Beyond the direct map. */
	ck_assert_int_eq(heap_check((void *)(uintptr_t)(KERNEL_DIRECT_MAP_SIZE +
							0x1000)),
			 HEAP_PTR_FOREIGN);
	ck_assert_uint_eq(ksize(host), 0);
	free(host);
}
END_TEST

/* ---- kfree of what it must not free -------------------------------------- */

static void kfree_arg(void *p)
{
	kfree(p);
}

/* Run kfree(p) in a child; it must panic with exactly this reason. */
static void expect_kfree_panic(void *p, const char *reason)
{
	char want[128];

	snprintf(want, sizeof(want), "mlk: panic: heap: kfree(%p): %s\n", p,
		 reason);
	unit_expect_panic(kfree_arg, p, want);
}

START_TEST(kfree_twice_panics)
{
	void *keep = kmalloc(64), *p = kmalloc(64);

	kfree(p);
	expect_kfree_panic(p, "double free");
	kfree(keep);
}
END_TEST

START_TEST(kfree_interior_panics)
{
	uint8_t *p = kmalloc(64), *big = kmalloc(10000);

	expect_kfree_panic(p + 8, "not the start of an object");
	expect_kfree_panic(big + 16, "not the start of an object");
	/* The failed attempts changed nothing. */
	ck_assert_int_eq(heap_check(p), HEAP_PTR_OK);
	kfree(p);
	kfree(big);
}
END_TEST

START_TEST(kfree_foreign_panics)
{
	static uint8_t not_heap[64];
	uint8_t *big = kmalloc(10000);

	expect_kfree_panic(not_heap, "not a heap pointer");
	kfree(big);
	/* A freed large allocation is plain free RAM again. */
	expect_kfree_panic(big, "not a heap pointer");
}
END_TEST

/* The same in Check's own way: the test process dies of SIGABRT. */
START_TEST(kfree_twice_aborts)
{
	void *keep = kmalloc(32), *p = kmalloc(32);

	kfree(p);
	kfree(p);
	kfree(keep); /* not reached */
}
END_TEST

static Suite *heap_suite(void)
{
	Suite *s = suite_create("heap");
	TCase *alloc = tcase_create("alloc");
	TCase *out = tcase_create("exhaustion");
	TCase *pages = tcase_create("pages");
	TCase *check = tcase_create("check");
	TCase *bad = tcase_create("bad_free");

	tcase_add_checked_fixture(alloc, heap_setup, heap_teardown);
	tcase_add_test(alloc, small_sizes_1_to_2048);
	tcase_add_test(alloc, small_ksize_is_the_class);
	tcase_add_test(alloc, large_sizes);
	tcase_add_test(alloc, large_takes_whole_pages);
	tcase_add_test(alloc, mixed_sizes_stay_disjoint);
	tcase_add_test(alloc, kzalloc_zeroes);
	tcase_add_test(alloc, zero_and_huge_sizes_fail);
	tcase_add_test(alloc, kfree_null_is_nothing);
	suite_add_tcase(s, alloc);

	tcase_add_checked_fixture(out, heap_setup, heap_teardown);
	tcase_add_test(out, exhaustion_returns_null_small);
	tcase_add_test(out, exhaustion_returns_null_large);
	tcase_add_test(out, exhaustion_of_large_leaves_small);
	suite_add_tcase(s, out);

	tcase_add_checked_fixture(pages, heap_setup, heap_teardown);
	tcase_add_test(pages, stats_follow_allocations);
	tcase_add_test(pages, alloc_free_pair_keeps_the_slab);
	tcase_add_test(pages, empty_slabs_go_back_to_the_pmm);
	tcase_add_test(pages, one_empty_slab_kept_per_class);
	tcase_add_test(pages, empty_slab_freed_unless_last);
	suite_add_tcase(s, pages);

	tcase_add_checked_fixture(check, heap_setup, heap_teardown);
	tcase_add_test(check, check_live_and_free);
	tcase_add_test(check, check_misaligned);
	tcase_add_test(check, check_past_the_last_object);
	tcase_add_test(check, check_large);
	tcase_add_test(check, check_foreign);
	suite_add_tcase(s, check);

	tcase_add_checked_fixture(bad, heap_setup, heap_teardown);
	tcase_add_test(bad, kfree_twice_panics);
	tcase_add_test(bad, kfree_interior_panics);
	tcase_add_test(bad, kfree_foreign_panics);
	tcase_add_test_raise_signal(bad, kfree_twice_aborts, SIGABRT);
	suite_add_tcase(s, bad);
	return s;
}

int main(void)
{
	return unit_run("heap", heap_suite());
}
