/*
 * libmlk's allocator (libmlk/libc/malloc.c) over the fake heap of
 * test_libc_fakes.c (fresh mmap'ed regions within a budget): contents,
 * alignment, coalescing, growth, running out, and misuse stopping the
 * service with one line on stderr.  The functions under test are called by
 * their mlk_test_ names (LIBC_TEST_RENAME in tests/unit/local.mk).
 */
#include <check.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libc/errno.h" /* the library's errno and values */

/* The library under test, renamed (LIBC_TEST_RENAME in tests/unit/local.mk). */
void *mlk_test_malloc(size_t n);
void mlk_test_free(void *p);
void *mlk_test_calloc(size_t count, size_t size);
void *mlk_test_realloc(void *p, size_t n);
void *mlk_test_aligned_alloc(size_t align, size_t n);

extern char fake_console[];
extern size_t fake_console_len;
extern size_t fake_heap_budget;
extern unsigned fake_heap_grows;
extern size_t fake_heap_last_min;
extern jmp_buf *fake_abort_catch;

#define KIB ((size_t)1024)
#define MIB (1024 * KIB)

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned rng(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

static bool aligned(const void *p, size_t align)
{
	return (uintptr_t)p % align == 0;
}

/* Fill a block with a pattern that depends on tag, and check it. */
static void fill(void *p, size_t n, unsigned tag)
{
	for (size_t i = 0; i < n; i++)
		((uint8_t *)p)[i] = (uint8_t)(tag * 31 + i);
}

static bool intact(const void *p, size_t n, unsigned tag)
{
	for (size_t i = 0; i < n; i++)
		if (((const uint8_t *)p)[i] != (uint8_t)(tag * 31 + i))
			return false;
	return true;
}

/*
 * Run call() expecting the library to abort; return what it wrote to the
 * console, which is stderr's line.
 */
static const char *abort_message(void (*call)(void *), void *arg)
{
	static jmp_buf env;

	fake_console_len = 0;
	fake_abort_catch = &env;
	if (setjmp(env) == 0) {
		call(arg);
		ck_abort_msg("no abort");
	}
	fake_abort_catch = NULL;
	fake_console[fake_console_len] = '\0';
	return fake_console;
}

static void call_free(void *p)
{
	mlk_test_free(p);
}

static void call_realloc(void *p)
{
	mlk_test_realloc(p, 64);
}

/* The line misuse of p in fn prints. */
static const char *misuse_line(const char *fn, void *p, const char *what)
{
	static char line[128];

	snprintf(line, sizeof(line), "malloc: %s(%p): %s\n", fn, p, what);
	return line;
}

/* --- The basics. --- */

START_TEST(blocks_are_aligned_and_disjoint)
{
	uint8_t *p[300];

	for (unsigned i = 0; i < 300; i++) {
		p[i] = mlk_test_malloc(i);
		ck_assert_ptr_nonnull(p[i]);
		ck_assert(aligned(p[i], 16));
		fill(p[i], i, i);
	}
	for (unsigned i = 0; i < 300; i++) {
		ck_assert(intact(p[i], i, i));
		mlk_test_free(p[i]);
	}
}
END_TEST

START_TEST(malloc_zero_is_unique_and_freeable)
{
	void *a = mlk_test_malloc(0), *b = mlk_test_malloc(0);

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_ne(a, b);
	mlk_test_free(a);
	mlk_test_free(b);
	mlk_test_free(NULL);
}
END_TEST

START_TEST(freed_memory_is_reused)
{
	void *a = mlk_test_malloc(100);

	mlk_test_free(a);
	ck_assert_ptr_eq(mlk_test_malloc(100), a);
}
END_TEST

/*
 * Random malloc, realloc and free over many slots; every block keeps its
 * pattern until it is freed, so overlaps and bad copies show.
 */
START_TEST(random_operations_keep_contents)
{
	enum { SLOTS = 512, STEPS = 60000 };
	static uint8_t *block[SLOTS];
	static size_t size[SLOTS];
	static unsigned tag[SLOTS];

	for (unsigned step = 0; step < STEPS; step++) {
		unsigned i = rng(SLOTS);
		size_t n = rng(8) ? rng(300) : rng(20000);

		if (block[i]) {
			ck_assert_msg(intact(block[i], size[i], tag[i]),
				      "slot %u corrupted at step %u", i, step);
		}
		if (block[i] && rng(3) == 0) {
			uint8_t *p = mlk_test_realloc(block[i], n);

			ck_assert_ptr_nonnull(p);
			ck_assert(intact(p, n < size[i] ? n : size[i], tag[i]));
			block[i] = p;
		} else if (block[i]) {
			mlk_test_free(block[i]);
			block[i] = NULL;
			continue;
		} else {
			block[i] = mlk_test_malloc(n);
			ck_assert_ptr_nonnull(block[i]);
		}
		ck_assert(aligned(block[i], 16));
		size[i] = n;
		tag[i] = step;
		fill(block[i], n, step);
	}
	for (unsigned i = 0; i < SLOTS; i++) {
		if (block[i])
			ck_assert(intact(block[i], size[i], tag[i]));
		mlk_test_free(block[i]);
	}
}
END_TEST

/* --- Coalescing and growth. --- */

/*
 * Free many small blocks in random order: neighbours merge back into one
 * chunk, so the large request that made the region fits in it again.
 */
START_TEST(freed_blocks_merge_back)
{
	enum { COUNT = 4000 };
	static void *p[COUNT];
	void *big = mlk_test_malloc(MIB);

	ck_assert_ptr_nonnull(big);
	ck_assert_uint_eq(fake_heap_grows, 1);
	mlk_test_free(big);
	for (unsigned i = 0; i < COUNT; i++)
		ck_assert_ptr_nonnull(p[i] = mlk_test_malloc(1 + rng(200)));
	for (unsigned i = COUNT - 1; i > 0; i--) {
		unsigned j = rng(i + 1);
		void *t = p[i];

		p[i] = p[j];
		p[j] = t;
	}
	for (unsigned i = 0; i < COUNT; i++)
		mlk_test_free(p[i]);
	ck_assert_ptr_eq(mlk_test_malloc(MIB), big);
	ck_assert_uint_eq(fake_heap_grows, 1);
}
END_TEST

START_TEST(heap_grows_in_separate_regions)
{
	enum { COUNT = 64 };
	void *p[COUNT];

	for (unsigned i = 0; i < COUNT; i++) {
		p[i] = mlk_test_malloc(4 * KIB);
		ck_assert_ptr_nonnull(p[i]);
		fill(p[i], 4 * KIB, i);
	}
	ck_assert_uint_gt(fake_heap_grows, 1);
	for (unsigned i = 0; i < COUNT; i++)
		ck_assert(intact(p[i], 4 * KIB, i));
	/* A request larger than any region gets a region of its own. */
	ck_assert_ptr_nonnull(mlk_test_malloc(3 * MIB));
	ck_assert_uint_ge(fake_heap_last_min, 3 * MIB);
}
END_TEST

/*
 * Regions grow with the heap, so a big heap has few of them: 64 MiB in
 * 64 KiB steps would take over a thousand.
 */
START_TEST(regions_stay_few)
{
	for (unsigned i = 0; i < 64 * 1024; i++)
		ck_assert_ptr_nonnull(mlk_test_malloc(KIB));
	ck_assert_uint_le(fake_heap_grows, 32);
}
END_TEST

/* --- Running out. --- */

START_TEST(no_memory_at_all)
{
	fake_heap_budget = 0;
	errno = 0;
	ck_assert_ptr_null(mlk_test_malloc(1));
	ck_assert_int_eq(errno, ENOMEM);
}
END_TEST

START_TEST(too_large_fails_without_asking)
{
	errno = 0;
	ck_assert_ptr_null(mlk_test_malloc(SIZE_MAX));
	ck_assert_int_eq(errno, ENOMEM);
	ck_assert_ptr_null(mlk_test_malloc(PTRDIFF_MAX));
	ck_assert_ptr_null(mlk_test_malloc(SIZE_MAX - 15));
	ck_assert_uint_eq(fake_heap_grows, 0);
}
END_TEST

START_TEST(out_of_memory_then_smaller_works)
{
	void *p;

	fake_heap_budget = 256 * KIB;
	ck_assert_ptr_nonnull(p = mlk_test_malloc(100));
	errno = 0;
	ck_assert_ptr_null(mlk_test_malloc(MIB));
	ck_assert_int_eq(errno, ENOMEM);
	ck_assert_ptr_nonnull(mlk_test_malloc(100 * KIB));
	mlk_test_free(p);
}
END_TEST

/* When the usual growth step is refused, just enough is asked for. */
START_TEST(growth_falls_back_to_the_minimum)
{
	/* Exactly one 64 KiB region, then one page more. */
	fake_heap_budget = 64 * KIB + 4 * KIB;
	ck_assert_ptr_nonnull(mlk_test_malloc(64 * KIB - 48));
	ck_assert_uint_eq(fake_heap_grows, 1);
	ck_assert_ptr_nonnull(mlk_test_malloc(4000));
	ck_assert_uint_eq(fake_heap_grows, 2);
	ck_assert_uint_eq(fake_heap_budget, 0);
}
END_TEST

/* --- calloc. --- */

START_TEST(calloc_zeroes)
{
	uint8_t *p = mlk_test_malloc(500);

	memset(p, 0xaa, 500);
	mlk_test_free(p);
	p = mlk_test_calloc(50, 10);
	ck_assert_ptr_nonnull(p);
	for (int i = 0; i < 500; i++)
		ck_assert_uint_eq(p[i], 0);
	ck_assert_ptr_nonnull(mlk_test_calloc(0, 10));
}
END_TEST

START_TEST(calloc_overflow_is_enomem)
{
	errno = 0;
	ck_assert_ptr_null(mlk_test_calloc(SIZE_MAX / 2 + 1, 2));
	ck_assert_int_eq(errno, ENOMEM);
	errno = 0;
	ck_assert_ptr_null(mlk_test_calloc(2, SIZE_MAX / 2 + 1));
	ck_assert_int_eq(errno, ENOMEM);
	ck_assert_uint_eq(fake_heap_grows, 0);
}
END_TEST

/* --- realloc. --- */

START_TEST(realloc_null_is_malloc)
{
	void *p = mlk_test_realloc(NULL, 40);

	ck_assert_ptr_nonnull(p);
	ck_assert(aligned(p, 16));
	mlk_test_free(p);
}
END_TEST

START_TEST(realloc_grows_into_a_free_neighbour)
{
	void *a = mlk_test_malloc(100), *b = mlk_test_malloc(100);
	void *guard = mlk_test_malloc(100);

	fill(a, 100, 1);
	mlk_test_free(b);
	ck_assert_ptr_eq(mlk_test_realloc(a, 200), a);
	ck_assert(intact(a, 100, 1));
	mlk_test_free(a);
	mlk_test_free(guard);
}
END_TEST

START_TEST(realloc_moves_when_it_must)
{
	void *a = mlk_test_malloc(100), *guard = mlk_test_malloc(100);
	void *b;

	fill(a, 100, 2);
	b = mlk_test_realloc(a, 5000);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_ne(b, a);
	ck_assert(intact(b, 100, 2));
	/* a was freed: the next block of its size takes its place. */
	ck_assert_ptr_eq(mlk_test_malloc(100), a);
	mlk_test_free(guard);
}
END_TEST

START_TEST(realloc_shrinks_in_place_and_frees_the_tail)
{
	uint8_t *a = mlk_test_malloc(1000);
	void *guard = mlk_test_malloc(16);

	fill(a, 1000, 3);
	ck_assert_ptr_eq(mlk_test_realloc(a, 100), a);
	ck_assert(intact(a, 100, 3));
	/* The tail came free: the next chunk starts 128 bytes after a's. */
	ck_assert_ptr_eq(mlk_test_malloc(800), a + 128);
	mlk_test_free(guard);
}
END_TEST

START_TEST(realloc_zero_keeps_a_small_block)
{
	void *a = mlk_test_malloc(100);

	ck_assert_ptr_eq(mlk_test_realloc(a, 0), a);
	mlk_test_free(a);
}
END_TEST

START_TEST(realloc_failure_keeps_the_block)
{
	uint8_t *a;

	fake_heap_budget = 64 * KIB;
	a = mlk_test_malloc(100);
	fill(a, 100, 4);
	errno = 0;
	ck_assert_ptr_null(mlk_test_realloc(a, MIB));
	ck_assert_int_eq(errno, ENOMEM);
	errno = 0;
	ck_assert_ptr_null(mlk_test_realloc(a, SIZE_MAX));
	ck_assert_int_eq(errno, ENOMEM);
	ck_assert(intact(a, 100, 4));
	mlk_test_free(a);
}
END_TEST

/* --- aligned_alloc. --- */

START_TEST(aligned_alloc_aligns)
{
	static const size_t aligns[] = { 1, 8, 16, 32, 64, 256, 4096, 65536 };
	void *p[8][3];

	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 3; j++) {
			size_t n = (size_t)(j * 700 + 1);

			p[i][j] = mlk_test_aligned_alloc(aligns[i], n);
			ck_assert_ptr_nonnull(p[i][j]);
			ck_assert(aligned(p[i][j],
					  aligns[i] < 16 ? 16 : aligns[i]));
			fill(p[i][j], n, (unsigned)(i * 3 + j));
		}
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 3; j++) {
			ck_assert(intact(p[i][j], (size_t)(j * 700 + 1),
					 (unsigned)(i * 3 + j)));
			mlk_test_free(p[i][j]);
		}
}
END_TEST

/* The pieces cut off to align a block merge back when it is freed. */
START_TEST(aligned_blocks_merge_back)
{
	void *big = mlk_test_malloc(MIB), *p[100];

	mlk_test_free(big);
	for (int i = 0; i < 100; i++)
		p[i] = mlk_test_aligned_alloc((size_t)64 << (i % 8), 100);
	for (int i = 0; i < 100; i++)
		mlk_test_free(p[i]);
	ck_assert_ptr_eq(mlk_test_malloc(MIB), big);
	ck_assert_uint_eq(fake_heap_grows, 1);
}
END_TEST

START_TEST(aligned_alloc_rejects_bad_alignment)
{
	errno = 0;
	ck_assert_ptr_null(mlk_test_aligned_alloc(0, 16));
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_ptr_null(mlk_test_aligned_alloc(48, 16));
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_ptr_null(mlk_test_aligned_alloc(4096, SIZE_MAX - 4096));
	ck_assert_int_eq(errno, ENOMEM);
}
END_TEST

/* --- Misuse. --- */

START_TEST(double_free_is_reported)
{
	void *p = mlk_test_malloc(64), *guard = mlk_test_malloc(64);

	mlk_test_free(p);
	ck_assert_str_eq(abort_message(call_free, p),
			 misuse_line("free", p, "double free"));
	(void)guard;
}
END_TEST

/* b merged into a when freed; its old header still says "free". */
START_TEST(double_free_after_merging_is_reported)
{
	void *a = mlk_test_malloc(64), *b = mlk_test_malloc(64);

	mlk_test_free(a);
	mlk_test_free(b);
	ck_assert_str_eq(abort_message(call_free, b),
			 misuse_line("free", b, "double free"));
}
END_TEST

START_TEST(realloc_of_freed_block_is_reported)
{
	void *p = mlk_test_malloc(64), *guard = mlk_test_malloc(64);

	mlk_test_free(p);
	ck_assert_str_eq(abort_message(call_realloc, p),
			 misuse_line("realloc", p, "double free"));
	(void)guard;
}
END_TEST

START_TEST(foreign_pointers_are_reported)
{
	static char not_heap[64];
	char *p = mlk_test_malloc(64);

	memset(p, 0, 64);
	ck_assert_str_eq(abort_message(call_free, not_heap + 16),
			 misuse_line("free", not_heap + 16, "invalid pointer"));
	/* Inside a block: its zeroed contents are no header. */
	ck_assert_str_eq(abort_message(call_free, p + 32),
			 misuse_line("free", p + 32, "invalid pointer"));
	ck_assert_str_eq(abort_message(call_free, p + 1),
			 misuse_line("free", p + 1, "invalid pointer"));
}
END_TEST

START_TEST(corrupted_header_is_reported)
{
	size_t *p = mlk_test_malloc(64);

	memset(p, 0, 64);
	mlk_test_malloc(64);
	p[-1] = 48 | 1; /* the size in the header, still "in use" */
	ck_assert_str_eq(abort_message(call_free, p),
			 misuse_line("free", p,
				     "invalid pointer or corrupted "
				     "heap"));
}
END_TEST

/* Without a catch, misuse ends the process with SIGABRT. */
START_TEST(double_free_raises_sigabrt)
{
	void *p = mlk_test_malloc(64);

	mlk_test_free(p);
	mlk_test_free(p);
}
END_TEST

static Suite *libc_malloc_suite(void)
{
	Suite *s = suite_create("libc_malloc");
	TCase *basic = tcase_create("basic");
	TCase *heap = tcase_create("heap");
	TCase *calls = tcase_create("calloc_realloc_aligned");
	TCase *misuse = tcase_create("misuse");

	tcase_add_test(basic, blocks_are_aligned_and_disjoint);
	tcase_add_test(basic, malloc_zero_is_unique_and_freeable);
	tcase_add_test(basic, freed_memory_is_reused);
	tcase_add_test(basic, random_operations_keep_contents);
	tcase_add_test(heap, freed_blocks_merge_back);
	tcase_add_test(heap, heap_grows_in_separate_regions);
	tcase_add_test(heap, regions_stay_few);
	tcase_add_test(heap, no_memory_at_all);
	tcase_add_test(heap, too_large_fails_without_asking);
	tcase_add_test(heap, out_of_memory_then_smaller_works);
	tcase_add_test(heap, growth_falls_back_to_the_minimum);
	tcase_add_test(calls, calloc_zeroes);
	tcase_add_test(calls, calloc_overflow_is_enomem);
	tcase_add_test(calls, realloc_null_is_malloc);
	tcase_add_test(calls, realloc_grows_into_a_free_neighbour);
	tcase_add_test(calls, realloc_moves_when_it_must);
	tcase_add_test(calls, realloc_shrinks_in_place_and_frees_the_tail);
	tcase_add_test(calls, realloc_zero_keeps_a_small_block);
	tcase_add_test(calls, realloc_failure_keeps_the_block);
	tcase_add_test(calls, aligned_alloc_aligns);
	tcase_add_test(calls, aligned_blocks_merge_back);
	tcase_add_test(calls, aligned_alloc_rejects_bad_alignment);
	tcase_add_test(misuse, double_free_is_reported);
	tcase_add_test(misuse, double_free_after_merging_is_reported);
	tcase_add_test(misuse, realloc_of_freed_block_is_reported);
	tcase_add_test(misuse, foreign_pointers_are_reported);
	tcase_add_test(misuse, corrupted_header_is_reported);
	tcase_add_test_raise_signal(misuse, double_free_raises_sigabrt,
				    SIGABRT);
	/* The random sequence takes a moment under sanitizers. */
	tcase_set_timeout(basic, 60);
	suite_add_tcase(s, basic);
	suite_add_tcase(s, heap);
	suite_add_tcase(s, calls);
	suite_add_tcase(s, misuse);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(libc_malloc_suite());
	int failed;

	/* Every test starts from an empty heap in a process of its own. */
	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
