/*
 * Unit tests of the physical memory manager, kernel/core/pmm.c, over fake
 * RAM: host memory whose addresses the mock direct map passes through as
 * physical addresses.
 */
#include "pmm.h"

#include <arch/memlayout.h>

#include "unit.h"

#define MIB (1024 * 1024)

/* ---- fake RAM ------------------------------------------------------------ */

static void *blocks[32];
static int nblocks;

/* `pages` pages of RAM aligned to `align` bytes, freed after the test. */
static uint64_t fake_ram(size_t pages, size_t align)
{
	ck_assert_int_lt(nblocks, (int)ARRAY_SIZE(blocks));
	uint64_t pa = unit_alloc_ram(pages * PAGE_SIZE, align);
	blocks[nblocks++] = (void *)(uintptr_t)pa;
	return pa;
}

static void free_fake_ram(void)
{
	while (nblocks)
		free(blocks[--nblocks]);
}

static uint64_t page(uint64_t base, uint64_t index)
{
	return base + index * PAGE_SIZE;
}

/* One zone of `pages` pages at a 1 MiB boundary, nothing reserved. */
static uint64_t init_one_zone(size_t pages)
{
	uint64_t ram = fake_ram(pages, MIB);
	struct mem_range r = { ram, pages * PAGE_SIZE };

	ck_assert_int_eq(pmm_init(&r, 1, NULL, 0), PMM_OK);
	return ram;
}

static void expect_zone(int i, uint64_t base, uint64_t npages, uint64_t nfree)
{
	uint64_t b, n, f;

	pmm_zone(i, &b, &n, &f);
	ck_assert_uint_eq(b, base);
	ck_assert_uint_eq(n, npages);
	ck_assert_uint_eq(f, nfree);
}

/* ---- init ---------------------------------------------------------------- */

START_TEST(init_one_range)
{
	uint64_t ram = init_one_zone(256);

	ck_assert_int_eq(pmm_zone_count(), 1);
	ck_assert_uint_eq(pmm_total_pages(), 256);
	/* 256 bits of bitmap round up to one page, the zone's first. */
	ck_assert_uint_eq(pmm_free_pages(), 255);
	expect_zone(0, ram, 256, 255);
	ck_assert(pmm_is_allocated(ram));
	ck_assert(!pmm_is_allocated(page(ram, 1)));
	ck_assert(!pmm_is_allocated(page(ram, 255)));
}
END_TEST

START_TEST(init_several_ranges)
{
	uint64_t a = fake_ram(64, MIB), b = fake_ram(128, MIB);
	uint64_t c = fake_ram(32, MIB);
	struct mem_range r[] = {
		{ a, 64 * PAGE_SIZE },
		{ b, 128 * PAGE_SIZE },
		{ c, 32 * PAGE_SIZE },
	};

	ck_assert_int_eq(pmm_init(r, 3, NULL, 0), PMM_OK);
	ck_assert_int_eq(pmm_zone_count(), 3);
	ck_assert_uint_eq(pmm_total_pages(), 224);
	/* One page holds all three bitmaps; it goes to the first zone. */
	expect_zone(0, a, 64, 63);
	expect_zone(1, b, 128, 128);
	expect_zone(2, c, 32, 32);
	ck_assert_uint_eq(pmm_free_pages(), 223);
}
END_TEST

START_TEST(init_trims_unaligned_edges_inwards)
{
	uint64_t a = fake_ram(16, MIB), b = fake_ram(1, MIB);
	struct mem_range r[] = {
		/* [a + 100, a + 16 pages - 100): pages 1 .. 14 are whole. */
		{ a + 100, 16 * PAGE_SIZE - 200 },
		/* Less than a whole page: no zone at all. */
		{ b + 1, PAGE_SIZE - 1 },
		{ b + 8, 100 },
	};

	ck_assert_int_eq(pmm_init(r, 3, NULL, 0), PMM_OK);
	ck_assert_int_eq(pmm_zone_count(), 1);
	expect_zone(0, page(a, 1), 14, 13);
	ck_assert(!pmm_is_allocated(a)); /* outside: not managed */
	ck_assert_int_eq(pmm_free(a), PMM_ERR_RANGE);
	ck_assert_int_eq(pmm_free(page(a, 15)), PMM_ERR_RANGE);
}
END_TEST

START_TEST(init_rounds_reservations_outwards)
{
	uint64_t ram = fake_ram(64, MIB);
	struct mem_range r = { ram, 64 * PAGE_SIZE };
	/* One page's worth of bytes straddling pages 10 and 11. */
	struct mem_range res = { page(ram, 10) + 1, PAGE_SIZE };

	ck_assert_int_eq(pmm_init(&r, 1, &res, 1), PMM_OK);
	ck_assert_uint_eq(pmm_free_pages(), 64 - 1 - 2);
	ck_assert(!pmm_is_allocated(page(ram, 9)));
	ck_assert(pmm_is_allocated(page(ram, 10)));
	ck_assert(pmm_is_allocated(page(ram, 11)));
	ck_assert(!pmm_is_allocated(page(ram, 12)));
}
END_TEST

START_TEST(init_ignores_empty_and_foreign_reservations)
{
	uint64_t ram = fake_ram(64, MIB), other = fake_ram(4, MIB);
	struct mem_range r = { ram, 64 * PAGE_SIZE };
	struct mem_range res[] = {
		{ page(ram, 5), 0 },	  /* empty */
		{ other, 4 * PAGE_SIZE }, /* not in any zone */
	};

	ck_assert_int_eq(pmm_init(&r, 1, res, 2), PMM_OK);
	ck_assert_uint_eq(pmm_free_pages(), 63);
	ck_assert(!pmm_is_allocated(page(ram, 5)));
}
END_TEST

START_TEST(init_clips_reservations_to_ram)
{
	uint64_t ram = fake_ram(64, MIB);
	struct mem_range r = { page(ram, 8), 48 * PAGE_SIZE };
	/* Reach over both ends of the zone [8, 56). */
	struct mem_range res[] = {
		{ ram, 10 * PAGE_SIZE },
		{ page(ram, 54), 10 * PAGE_SIZE },
	};

	ck_assert_int_eq(pmm_init(&r, 1, res, 2), PMM_OK);
	/* Pages 8, 9, 54, 55 reserved, the bitmap right after page 9. */
	expect_zone(0, page(ram, 8), 48, 48 - 4 - 1);
	ck_assert(pmm_is_allocated(page(ram, 10)));
	ck_assert(!pmm_is_allocated(page(ram, 11)));
	ck_assert(!pmm_is_allocated(page(ram, 53)));
}
END_TEST

START_TEST(init_places_bitmap_after_a_reservation)
{
	uint64_t ram = fake_ram(64, MIB);
	struct mem_range r = { ram, 64 * PAGE_SIZE };
	struct mem_range res = { ram, 4 * PAGE_SIZE - 10 };

	ck_assert_int_eq(pmm_init(&r, 1, &res, 1), PMM_OK);
	ck_assert_uint_eq(pmm_free_pages(), 64 - 4 - 1);
	ck_assert(pmm_is_allocated(page(ram, 3)));
	ck_assert(pmm_is_allocated(page(ram, 4))); /* the bitmap */
	ck_assert(!pmm_is_allocated(page(ram, 5)));
}
END_TEST

START_TEST(init_bitmap_of_several_pages)
{
	/* 40000 pages need 625 words = 5000 bytes: two pages of bitmap. */
	uint64_t ram = init_one_zone(40000);

	ck_assert_uint_eq(pmm_total_pages(), 40000);
	ck_assert_uint_eq(pmm_free_pages(), 39998);
	ck_assert(pmm_is_allocated(page(ram, 1)));
	ck_assert(!pmm_is_allocated(page(ram, 2)));
}
END_TEST

START_TEST(init_keeps_at_most_max_zones)
{
	struct mem_range r[PMM_MAX_ZONES + 4];

	for (size_t i = 0; i < ARRAY_SIZE(r); i++)
		r[i] = (struct mem_range){ fake_ram(2, MIB), 2 * PAGE_SIZE };
	ck_assert_int_eq(pmm_init(r, ARRAY_SIZE(r), NULL, 0), PMM_OK);
	ck_assert_int_eq(pmm_zone_count(), PMM_MAX_ZONES);
	ck_assert_uint_eq(pmm_total_pages(), 2 * PMM_MAX_ZONES);
	ck_assert(!pmm_is_allocated(r[PMM_MAX_ZONES].base));
	ck_assert_int_eq(pmm_free(r[PMM_MAX_ZONES].base), PMM_ERR_RANGE);
}
END_TEST

START_TEST(init_nomem_when_reservations_fill_ram)
{
	uint64_t ram = fake_ram(64, MIB);
	struct mem_range r = { ram, 64 * PAGE_SIZE };
	/* Every other page reserved: no free page for the bitmap after any
	 * reservation either. */
	struct mem_range res[32];

	for (int i = 0; i < 32; i++)
		res[i] = (struct mem_range){ page(ram, 2 * i), PAGE_SIZE + 1 };
	ck_assert_int_eq(pmm_init(&r, 1, res, 32), PMM_ERR_NOMEM);
	ck_assert_int_eq(pmm_zone_count(), 0);
	ck_assert_uint_eq(pmm_total_pages(), 0);
	ck_assert_uint_eq(pmm_alloc(), PMM_NONE);
}
END_TEST

START_TEST(init_nomem_when_one_reservation_covers_ram)
{
	init_one_zone(64); /* a working PMM first: the failure resets it */
	uint64_t ram = fake_ram(64, MIB);
	struct mem_range r = { ram, 64 * PAGE_SIZE };
	struct mem_range res = { ram - PAGE_SIZE, 66 * PAGE_SIZE };

	ck_assert_int_eq(pmm_init(&r, 1, &res, 1), PMM_ERR_NOMEM);
	ck_assert_int_eq(pmm_zone_count(), 0);
	ck_assert_uint_eq(pmm_free_pages(), 0);
}
END_TEST

START_TEST(init_nomem_without_ram)
{
	uint64_t ram = fake_ram(1, MIB);
	struct mem_range tiny = { ram + 1, PAGE_SIZE - 2 };

	ck_assert_int_eq(pmm_init(NULL, 0, NULL, 0), PMM_ERR_NOMEM);
	ck_assert_int_eq(pmm_init(&tiny, 1, NULL, 0), PMM_ERR_NOMEM);
	ck_assert_int_eq(pmm_zone_count(), 0);
}
END_TEST

/* ---- alloc and free ------------------------------------------------------ */

START_TEST(alloc_until_exhausted)
{
	uint64_t a = fake_ram(64, MIB), b = fake_ram(100, MIB);
	struct mem_range r[] = { { a, 64 * PAGE_SIZE },
				 { b, 100 * PAGE_SIZE } };
	struct mem_range res[] = { { page(a, 20), 5 * PAGE_SIZE },
				   { page(b, 99), PAGE_SIZE } };
	bool seen[164] = { false };
	uint64_t pa, got = 0;

	ck_assert_int_eq(pmm_init(r, 2, res, 2), PMM_OK);
	uint64_t avail = pmm_free_pages();
	ck_assert_uint_eq(avail, 164 - 1 - 5 - 1);
	while ((pa = pmm_alloc()) != PMM_NONE) {
		ck_assert_uint_eq(pa & PAGE_MASK, 0);
		bool in_a = pa >= a && pa < page(a, 64);
		bool in_b = pa >= b && pa < page(b, 100);
		ck_assert(in_a || in_b);
		size_t i =
			in_a ? (pa - a) / PAGE_SIZE : 64 + (pa - b) / PAGE_SIZE;
		ck_assert_msg(!seen[i], "page %zu handed out twice", i);
		seen[i] = true;
		ck_assert(pmm_is_allocated(pa));
		got++;
		ck_assert_uint_eq(pmm_free_pages(), avail - got);
	}
	ck_assert_uint_eq(got, avail);
	ck_assert_uint_eq(pmm_free_pages(), 0);
	expect_zone(0, a, 64, 0);
	expect_zone(1, b, 100, 0);
	/* Never the bitmap (a's first page) nor a reservation. */
	ck_assert(!seen[0]);
	for (int i = 20; i < 25; i++)
		ck_assert(!seen[i]);
	ck_assert(!seen[64 + 99]);
	ck_assert_uint_eq(pmm_alloc(), PMM_NONE);
}
END_TEST

START_TEST(alloc_fills_zones_in_order)
{
	uint64_t a = fake_ram(8, MIB), b = fake_ram(8, MIB);
	struct mem_range r[] = { { a, 8 * PAGE_SIZE }, { b, 8 * PAGE_SIZE } };

	ck_assert_int_eq(pmm_init(r, 2, NULL, 0), PMM_OK);
	for (int i = 0; i < 7; i++) {
		uint64_t pa = pmm_alloc();
		ck_assert(pa >= a && pa < page(a, 8));
	}
	uint64_t pa = pmm_alloc();
	ck_assert(pa >= b && pa < page(b, 8));
	expect_zone(0, a, 8, 0);
	expect_zone(1, b, 8, 7);
}
END_TEST

START_TEST(free_then_realloc)
{
	uint64_t ram = init_one_zone(256);

	while (pmm_alloc() != PMM_NONE)
		;
	/* Free one low page: the search comes back for it. */
	ck_assert_int_eq(pmm_free(page(ram, 5)), PMM_OK);
	ck_assert(!pmm_is_allocated(page(ram, 5)));
	ck_assert_uint_eq(pmm_free_pages(), 1);
	ck_assert_uint_eq(pmm_alloc(), page(ram, 5));
	ck_assert_uint_eq(pmm_free_pages(), 0);
	/* And a high one. */
	ck_assert_int_eq(pmm_free(page(ram, 250)), PMM_OK);
	ck_assert_uint_eq(pmm_alloc(), page(ram, 250));
}
END_TEST

START_TEST(double_free_detected)
{
	uint64_t ram = init_one_zone(64);
	uint64_t pa = pmm_alloc();

	ck_assert_int_eq(pmm_free(pa), PMM_OK);
	ck_assert_uint_eq(pmm_free_pages(), 63);
	ck_assert_int_eq(pmm_free(pa), PMM_ERR_DOUBLE_FREE);
	expect_zone(0, ram, 64, 63);
	ck_assert(!pmm_is_allocated(pa));
}
END_TEST

START_TEST(free_of_never_allocated_page)
{
	uint64_t ram = init_one_zone(64);

	ck_assert_int_eq(pmm_free(page(ram, 30)), PMM_ERR_DOUBLE_FREE);
	ck_assert_uint_eq(pmm_free_pages(), 63);
}
END_TEST

START_TEST(free_misaligned)
{
	init_one_zone(64);
	uint64_t pa = pmm_alloc();

	ck_assert_int_eq(pmm_free(pa + 1), PMM_ERR_ALIGN);
	ck_assert_int_eq(pmm_free(pa + PAGE_SIZE - 1), PMM_ERR_ALIGN);
	ck_assert_int_eq(pmm_free(pa + 8), PMM_ERR_ALIGN);
	ck_assert(pmm_is_allocated(pa));
	ck_assert_uint_eq(pmm_free_pages(), 62);
}
END_TEST

START_TEST(free_outside_ram)
{
	uint64_t ram = init_one_zone(64);

	ck_assert_int_eq(pmm_free(ram - PAGE_SIZE), PMM_ERR_RANGE);
	ck_assert_int_eq(pmm_free(page(ram, 64)), PMM_ERR_RANGE);
	ck_assert_int_eq(pmm_free(0), PMM_ERR_RANGE);
	ck_assert_int_eq(pmm_free(ALIGN_DOWN(UINT64_MAX, PAGE_SIZE)),
			 PMM_ERR_RANGE);
	ck_assert_uint_eq(pmm_free_pages(), 63);
	ck_assert(!pmm_is_allocated(ram - PAGE_SIZE));
	ck_assert(!pmm_is_allocated(page(ram, 64)));
}
END_TEST

/* ---- runs ---------------------------------------------------------------- */

START_TEST(free_run_refuses_partly_free_runs)
{
	init_one_zone(64);
	uint64_t run = pmm_alloc_run(4, 1);

	ck_assert_uint_ne(run, PMM_NONE);
	ck_assert_int_eq(pmm_free(run + PAGE_SIZE), PMM_OK);
	uint64_t before = pmm_free_pages();
	ck_assert_int_eq(pmm_free_run(run, 4), PMM_ERR_DOUBLE_FREE);
	/* Nothing freed: the other three pages are still allocated. */
	ck_assert_uint_eq(pmm_free_pages(), before);
	ck_assert(pmm_is_allocated(run));
	ck_assert(pmm_is_allocated(run + 2 * PAGE_SIZE));
	ck_assert(pmm_is_allocated(run + 3 * PAGE_SIZE));
}
END_TEST

START_TEST(free_run_errors)
{
	uint64_t ram = init_one_zone(64);
	uint64_t run = pmm_alloc_run(4, 1);

	ck_assert_int_eq(pmm_free_run(run + 12, 4), PMM_ERR_ALIGN);
	ck_assert_int_eq(pmm_free_run(run, 0), PMM_ERR_RANGE);
	/* A run that would go past the end of the zone. */
	ck_assert_int_eq(pmm_free_run(page(ram, 62), 3), PMM_ERR_RANGE);
	ck_assert_int_eq(pmm_free_run(ram - PAGE_SIZE, 2), PMM_ERR_RANGE);
	/* So large that index + n wraps around. */
	ck_assert_int_eq(pmm_free_run(run, SIZE_MAX), PMM_ERR_RANGE);
	ck_assert_int_eq(pmm_free_run(run, SIZE_MAX - 2), PMM_ERR_RANGE);
	ck_assert_uint_eq(pmm_free_pages(), 63 - 4);
	ck_assert_int_eq(pmm_free_run(run, 4), PMM_OK);
	ck_assert_uint_eq(pmm_free_pages(), 63);
	ck_assert(!pmm_is_allocated(run));
}
END_TEST

START_TEST(alloc_run_contiguous)
{
	uint64_t ram = init_one_zone(64);
	uint64_t run = pmm_alloc_run(10, 1);

	/* The first free pages after the bitmap. */
	ck_assert_uint_eq(run, page(ram, 1));
	for (int i = 0; i < 10; i++)
		ck_assert(pmm_is_allocated(page(run, i)));
	ck_assert(!pmm_is_allocated(page(run, 10)));
	ck_assert_uint_eq(pmm_free_pages(), 53);
}
END_TEST

/* The zone starts one page past a 1 MiB boundary: alignment is physical. */
START_TEST(alloc_run_aligns_physically)
{
	uint64_t ram = fake_ram(256, MIB);
	struct mem_range r = { page(ram, 1), 255 * PAGE_SIZE };
	static const size_t cases[][2] = {
		{ 4, 4 }, { 8, 8 }, { 1, 16 }, { 3, 4 }, { 2, 64 },
	};

	ck_assert_int_eq(pmm_init(&r, 1, NULL, 0), PMM_OK);
	for (size_t c = 0; c < ARRAY_SIZE(cases); c++) {
		size_t n = cases[c][0], align = cases[c][1];
		uint64_t before = pmm_free_pages();
		uint64_t pa = pmm_alloc_run(n, align);

		ck_assert_uint_ne(pa, PMM_NONE);
		ck_assert_msg(IS_ALIGNED(pa, align * PAGE_SIZE),
			      "run of %zu aligned to %zu at %#llx", n, align,
			      (unsigned long long)pa);
		ck_assert(pa >= r.base && page(pa, n) <= r.base + r.size);
		for (size_t i = 0; i < n; i++)
			ck_assert(pmm_is_allocated(page(pa, i)));
		ck_assert_uint_eq(pmm_free_pages(), before - n);
	}
	/* The first 4-aligned slot of a zone at page 1 is page 4. */
	uint64_t fresh = fake_ram(64, MIB);
	struct mem_range f = { page(fresh, 1), 63 * PAGE_SIZE };
	ck_assert_int_eq(pmm_init(&f, 1, NULL, 0), PMM_OK);
	ck_assert_uint_eq(pmm_alloc_run(4, 4), page(fresh, 4));
}
END_TEST

START_TEST(alloc_run_bad_arguments)
{
	init_one_zone(64);

	ck_assert_uint_eq(pmm_alloc_run(0, 1), PMM_NONE);
	ck_assert_uint_eq(pmm_alloc_run(1, 0), PMM_NONE);
	ck_assert_uint_eq(pmm_alloc_run(2, 3), PMM_NONE);
	ck_assert_uint_eq(pmm_alloc_run(2, 6), PMM_NONE);
	ck_assert_uint_eq(pmm_alloc_run(64, 1), PMM_NONE); /* > free */
	ck_assert_uint_eq(pmm_free_pages(), 63);
	/* All free pages at once is fine. */
	ck_assert_uint_ne(pmm_alloc_run(63, 1), PMM_NONE);
	ck_assert_uint_eq(pmm_free_pages(), 0);
}
END_TEST

START_TEST(alloc_run_alignment_beyond_the_zone)
{
	/* A 64-page zone at page 1 of a 1 MiB block has no 256-page
	 * aligned page before its end. */
	uint64_t ram = fake_ram(128, MIB);
	struct mem_range r = { page(ram, 1), 64 * PAGE_SIZE };

	ck_assert_int_eq(pmm_init(&r, 1, NULL, 0), PMM_OK);
	ck_assert_uint_eq(pmm_alloc_run(1, 256), PMM_NONE);
	ck_assert_uint_eq(pmm_free_pages(), 63);
}
END_TEST

/*
 * Allocate all of a 64-page zone and free every odd page: many free pages,
 * no two adjacent.
 */
static uint64_t fragment(void)
{
	uint64_t ram = init_one_zone(64);

	while (pmm_alloc() != PMM_NONE)
		;
	for (int i = 1; i < 64; i += 2)
		ck_assert_int_eq(pmm_free(page(ram, i)), PMM_OK);
	ck_assert_uint_eq(pmm_free_pages(), 32);
	return ram;
}

START_TEST(alloc_run_fragmented)
{
	uint64_t ram = fragment();

	ck_assert_uint_eq(pmm_alloc_run(2, 1), PMM_NONE);
	ck_assert_uint_eq(pmm_free_pages(), 32);
	/* Free page 10: pages 9, 10 and 11 are a free stretch. */
	ck_assert_int_eq(pmm_free(page(ram, 10)), PMM_OK);
	ck_assert_uint_eq(pmm_alloc_run(2, 1), page(ram, 9));
	ck_assert_uint_eq(pmm_free_pages(), 31);
	ck_assert_uint_eq(pmm_alloc_run(2, 1), PMM_NONE);
	/* Single pages are still there. */
	ck_assert_uint_ne(pmm_alloc(), PMM_NONE);
}
END_TEST

START_TEST(alloc_run_fragmented_aligned)
{
	uint64_t ram = fragment();

	/* Free page 10: the aligned pair 10-11 is free, 9-10 is not one. */
	ck_assert_int_eq(pmm_free(page(ram, 10)), PMM_OK);
	ck_assert_uint_eq(pmm_alloc_run(2, 2), page(ram, 10));
	ck_assert_uint_eq(pmm_alloc_run(2, 2), PMM_NONE);
	/* A 4-aligned run of four needs 4 free pages in 20..23. */
	ck_assert_int_eq(pmm_free(page(ram, 20)), PMM_OK);
	ck_assert_uint_eq(pmm_alloc_run(4, 4), PMM_NONE);
	ck_assert_int_eq(pmm_free(page(ram, 22)), PMM_OK);
	ck_assert_uint_eq(pmm_alloc_run(4, 4), page(ram, 20));
}
END_TEST

/*
 * A candidate run that fails part way must resume at the next aligned
 * slot after the page in the way, not right after that page.
 */
START_TEST(alloc_run_resumes_aligned)
{
	uint64_t ram = init_one_zone(64);

	while (pmm_alloc() != PMM_NONE)
		;
	/* Free 20, 21 | 23 .. 26 | 28 .. 31: only 28 is an aligned four. */
	static const int free_pages[] = {
		20, 21, 23, 24, 25, 26, 28, 29, 30, 31
	};
	for (size_t i = 0; i < ARRAY_SIZE(free_pages); i++)
		ck_assert_int_eq(pmm_free(page(ram, free_pages[i])), PMM_OK);
	ck_assert_uint_eq(pmm_alloc_run(4, 4), page(ram, 28));
	/* Unaligned, the first four in a row are 23 .. 26. */
	ck_assert_uint_eq(pmm_alloc_run(4, 1), page(ram, 23));
	ck_assert_uint_eq(pmm_alloc_run(2, 1), page(ram, 20));
	ck_assert_uint_eq(pmm_free_pages(), 0);
}
END_TEST

START_TEST(alloc_run_uses_a_later_zone)
{
	uint64_t a = fake_ram(8, MIB), b = fake_ram(16, MIB);
	struct mem_range r[] = { { a, 8 * PAGE_SIZE }, { b, 16 * PAGE_SIZE } };

	ck_assert_int_eq(pmm_init(r, 2, NULL, 0), PMM_OK);
	/* Zone a has 7 free pages; ten in a row only fit in b. */
	ck_assert_uint_eq(pmm_alloc_run(10, 1), b);
	expect_zone(0, a, 8, 7);
	expect_zone(1, b, 16, 6);
}
END_TEST

START_TEST(is_allocated_outside_ram)
{
	uint64_t ram = init_one_zone(64);

	ck_assert(!pmm_is_allocated(0));
	ck_assert(!pmm_is_allocated(ram - 1));
	ck_assert(!pmm_is_allocated(page(ram, 64)));
	/* Any address inside an allocated page counts. */
	ck_assert(pmm_is_allocated(ram + 123));
}
END_TEST

static Suite *pmm_suite(void)
{
	Suite *s = suite_create("pmm");
	TCase *init = tcase_create("init");
	TCase *alloc = tcase_create("alloc");
	TCase *runs = tcase_create("runs");

	tcase_add_checked_fixture(init, NULL, free_fake_ram);
	tcase_add_test(init, init_one_range);
	tcase_add_test(init, init_several_ranges);
	tcase_add_test(init, init_trims_unaligned_edges_inwards);
	tcase_add_test(init, init_rounds_reservations_outwards);
	tcase_add_test(init, init_ignores_empty_and_foreign_reservations);
	tcase_add_test(init, init_clips_reservations_to_ram);
	tcase_add_test(init, init_places_bitmap_after_a_reservation);
	tcase_add_test(init, init_bitmap_of_several_pages);
	tcase_add_test(init, init_keeps_at_most_max_zones);
	tcase_add_test(init, init_nomem_when_reservations_fill_ram);
	tcase_add_test(init, init_nomem_when_one_reservation_covers_ram);
	tcase_add_test(init, init_nomem_without_ram);
	suite_add_tcase(s, init);

	tcase_add_checked_fixture(alloc, NULL, free_fake_ram);
	tcase_add_test(alloc, alloc_until_exhausted);
	tcase_add_test(alloc, alloc_fills_zones_in_order);
	tcase_add_test(alloc, free_then_realloc);
	tcase_add_test(alloc, double_free_detected);
	tcase_add_test(alloc, free_of_never_allocated_page);
	tcase_add_test(alloc, free_misaligned);
	tcase_add_test(alloc, free_outside_ram);
	tcase_add_test(alloc, is_allocated_outside_ram);
	suite_add_tcase(s, alloc);

	tcase_add_checked_fixture(runs, NULL, free_fake_ram);
	tcase_add_test(runs, free_run_refuses_partly_free_runs);
	tcase_add_test(runs, free_run_errors);
	tcase_add_test(runs, alloc_run_contiguous);
	tcase_add_test(runs, alloc_run_aligns_physically);
	tcase_add_test(runs, alloc_run_bad_arguments);
	tcase_add_test(runs, alloc_run_alignment_beyond_the_zone);
	tcase_add_test(runs, alloc_run_fragmented);
	tcase_add_test(runs, alloc_run_fragmented_aligned);
	tcase_add_test(runs, alloc_run_resumes_aligned);
	tcase_add_test(runs, alloc_run_uses_a_later_zone);
	suite_add_tcase(s, runs);
	return s;
}

int main(void)
{
	return unit_run("pmm", pmm_suite());
}
