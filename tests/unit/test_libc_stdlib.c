/*
 * libmlk's number parsing, sorting, <ctype.h> and <assert.h>
 * (libmlk/libc/strtol.c, abs.c, qsort.c, bsearch.c, ctype.c, assert.c).
 * The functions under test are called by their mlk_test_ names
 * (LIBC_TEST_RENAME in tests/unit/local.mk); the build machine's C library
 * checks them where it implements the same standard.
 */
#include <check.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The library under test, renamed (LIBC_TEST_RENAME in tests/unit/local.mk). */
long mlk_test_strtol(const char *s, char **end, int base);
unsigned long mlk_test_strtoul(const char *s, char **end, int base);
long long mlk_test_strtoll(const char *s, char **end, int base);
unsigned long long mlk_test_strtoull(const char *s, char **end, int base);
int mlk_test_atoi(const char *s);
long mlk_test_atol(const char *s);
long long mlk_test_atoll(const char *s);
int mlk_test_abs(int v);
long mlk_test_labs(long v);
long long mlk_test_llabs(long long v);
void mlk_test_qsort(void *base, size_t n, size_t size,
		    int (*cmp)(const void *, const void *));
void *mlk_test_bsearch(const void *key, const void *base, size_t n, size_t size,
		       int (*cmp)(const void *, const void *));
int mlk_test_isdigit(int c);
int mlk_test_isxdigit(int c);
int mlk_test_isalpha(int c);
int mlk_test_isalnum(int c);
int mlk_test_isspace(int c);
int mlk_test_isupper(int c);
int mlk_test_islower(int c);
int mlk_test_isprint(int c);
int mlk_test_isgraph(int c);
int mlk_test_iscntrl(int c);
int mlk_test_ispunct(int c);
int mlk_test_toupper(int c);
int mlk_test_tolower(int c);

/* The library's errno; errno is the build machine's. */
extern int __mlk_errno;
extern char fake_console[];
extern size_t fake_console_len;
extern jmp_buf *fake_abort_catch;

static uint64_t rng_state = 0xd1b54a32d192ed03ULL;

static unsigned rng(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* --- strtol and friends. --- */

struct strtol_case {
	const char *s;
	int base;
	long value;
	int end;   /* offset of *end in s */
	int error; /* errno afterwards (0: untouched) */
};

static const struct strtol_case strtol_cases[] = {
	{ "42", 10, 42, 2, 0 },
	{ "  -17xyz", 10, -17, 5, 0 },
	{ "\t\n\v\f\r +5", 10, 5, 8, 0 },
	{ "+0", 10, 0, 2, 0 },
	{ "0x1f", 0, 31, 4, 0 },
	{ "0X1F", 16, 31, 4, 0 },
	{ "1f", 16, 31, 2, 0 },
	{ "-0x10", 0, -16, 5, 0 },
	{ "0x", 16, 0, 1, 0 },	 /* "0", then 'x' */
	{ "0xg", 0, 0, 1, 0 },	 /* likewise */
	{ "0x1f", 10, 0, 1, 0 }, /* no prefix in base 10 */
	{ "077", 0, 63, 3, 0 },
	{ "08", 0, 0, 1, 0 },
	{ "0", 0, 0, 1, 0 },
	{ "101012", 2, 21, 5, 0 },
	{ "zZ", 36, 35 * 36 + 35, 2, 0 },
	{ "", 10, 0, 0, 0 },
	{ "   ", 10, 0, 0, 0 },
	{ "-", 10, 0, 0, 0 },
	{ "+ 1", 10, 0, 0, 0 },
	{ "9223372036854775807", 10, LONG_MAX, 19, 0 },
	{ "9223372036854775808", 10, LONG_MAX, 19, ERANGE },
	{ "99999999999999999999999", 10, LONG_MAX, 23, ERANGE },
	{ "-9223372036854775808", 10, LONG_MIN, 20, 0 },
	{ "-9223372036854775809", 10, LONG_MIN, 20, ERANGE },
	{ "0x7fffffffffffffff", 0, LONG_MAX, 18, 0 },
	{ "0x8000000000000000", 0, LONG_MAX, 18, ERANGE },
	{ "12", 1, 0, 0, EINVAL },
	{ "12", 37, 0, 0, EINVAL },
	{ "12", -1, 0, 0, EINVAL },
};

START_TEST(strtol_table)
{
	const struct strtol_case *c = &strtol_cases[_i];
	char *end = NULL;

	__mlk_errno = 0;
	ck_assert_msg(mlk_test_strtol(c->s, &end, c->base) == c->value,
		      "strtol(\"%s\", %d)", c->s, c->base);
	ck_assert_int_eq(end - c->s, c->end);
	ck_assert_int_eq(__mlk_errno, c->error);
	/* strtoll parses the same on LP64, and end may be NULL. */
	__mlk_errno = 0;
	ck_assert(mlk_test_strtoll(c->s, NULL, c->base) == c->value);
	ck_assert_int_eq(__mlk_errno, c->error);
}
END_TEST

START_TEST(strtoul_range)
{
	char *end;

	__mlk_errno = 0;
	ck_assert(mlk_test_strtoul("18446744073709551615", &end, 10) ==
		  ULONG_MAX);
	ck_assert_int_eq(__mlk_errno, 0);
	ck_assert(mlk_test_strtoul("18446744073709551616", &end, 10) ==
		  ULONG_MAX);
	ck_assert_int_eq(__mlk_errno, ERANGE);
	ck_assert_int_eq(*end, '\0');
	/* '-' negates as an unsigned number; only the magnitude overflows. */
	__mlk_errno = 0;
	ck_assert(mlk_test_strtoul("-1", NULL, 10) == ULONG_MAX);
	ck_assert(mlk_test_strtoul("-18446744073709551615", NULL, 10) == 1);
	ck_assert_int_eq(__mlk_errno, 0);
	ck_assert(mlk_test_strtoul("-18446744073709551616", NULL, 10) ==
		  ULONG_MAX);
	ck_assert_int_eq(__mlk_errno, ERANGE);
	__mlk_errno = 0;
	ck_assert(mlk_test_strtoull("0xffffffffffffffff", NULL, 0) ==
		  ULLONG_MAX);
	ck_assert(mlk_test_strtoull("-2", NULL, 10) == ULLONG_MAX - 1);
	ck_assert_int_eq(__mlk_errno, 0);
	ck_assert(mlk_test_strtoull("0x10000000000000000", NULL, 0) ==
		  ULLONG_MAX);
	ck_assert_int_eq(__mlk_errno, ERANGE);
	__mlk_errno = 0;
	ck_assert(mlk_test_strtoull("1", &end, 99) == 0);
	ck_assert_int_eq(__mlk_errno, EINVAL);
}
END_TEST

/* A random string of the characters that matter to strtol. */
static void random_number(char *s, size_t size)
{
	static const char chars[] = " +-0123456789abcdefxXzZ";
	size_t len = rng((unsigned)size);

	for (size_t k = 0; k < len; k++)
		s[k] = chars[rng(sizeof(chars) - 1)];
	s[len] = '\0';
}

/* Value, end and errno must match the build machine's strtol family. */
START_TEST(strtol_agrees_with_the_host)
{
	static const int bases[] = { 0, 2, 8, 10, 16, 36 };
	char s[32], *mine, *host;

	for (int i = 0; i < 200000; i++) {
		int base = bases[rng(6)];
		long v, w;
		unsigned long long u, x;

		random_number(s, sizeof(s));
		__mlk_errno = errno = 0;
		v = mlk_test_strtol(s, &mine, base);
		w = strtol(s, &host, base);
		ck_assert_msg(v == w && mine == host && __mlk_errno == errno,
			      "strtol(\"%s\", %d): %ld/%td/%d, host %ld/%td/%d",
			      s, base, v, mine - s, __mlk_errno, w, host - s,
			      errno);
		__mlk_errno = errno = 0;
		u = mlk_test_strtoull(s, &mine, base);
		x = strtoull(s, &host, base);
		ck_assert_msg(u == x && mine == host && __mlk_errno == errno,
			      "strtoull(\"%s\", %d): %llu/%td/%d, host "
			      "%llu/%td/%d",
			      s, base, u, mine - s, __mlk_errno, x, host - s,
			      errno);
	}
}
END_TEST

START_TEST(atoi_atol_atoll)
{
	ck_assert_int_eq(mlk_test_atoi("  -123abc"), -123);
	ck_assert_int_eq(mlk_test_atoi("0x10"), 0);
	ck_assert_int_eq(mlk_test_atoi(""), 0);
	ck_assert(mlk_test_atol("2147483648") == 2147483648L);
	ck_assert(mlk_test_atoll("-9223372036854775808") == LLONG_MIN);
}
END_TEST

START_TEST(abs_labs_llabs)
{
	ck_assert_int_eq(mlk_test_abs(-5), 5);
	ck_assert_int_eq(mlk_test_abs(5), 5);
	ck_assert_int_eq(mlk_test_abs(0), 0);
	ck_assert_int_eq(mlk_test_abs(INT_MIN + 1), INT_MAX);
	ck_assert(mlk_test_labs(LONG_MIN + 1) == LONG_MAX);
	ck_assert(mlk_test_llabs(-7LL) == 7);
}
END_TEST

/* --- qsort and bsearch. --- */

static unsigned long comparisons;

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	comparisons++;
	return (x > y) - (x < y);
}

/* A 3-byte element: sizes that are no power of two must work too. */
struct triple {
	uint8_t key, a, b;
};

static int cmp_triple(const void *a, const void *b)
{
	const struct triple *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

static bool sorted(const int *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (v[i - 1] > v[i])
			return false;
	return true;
}

START_TEST(qsort_random_arrays)
{
	static int v[300], ref[300];

	for (size_t n = 0; n <= 300; n += 1 + n / 8) {
		for (size_t i = 0; i < n; i++)
			v[i] = ref[i] = (int)rng(n / 2 + 1) - (int)(n / 4);
		mlk_test_qsort(v, n, sizeof(int), cmp_int);
		qsort(ref, n, sizeof(int), cmp_int);
		ck_assert_msg(memcmp(v, ref, n * sizeof(int)) == 0, "n = %zu",
			      n);
	}
}
END_TEST

START_TEST(qsort_odd_element_size)
{
	struct triple t[200];
	unsigned sum = 0, check = 0;

	for (int i = 0; i < 200; i++) {
		t[i] = (struct triple){ (uint8_t)rng(256), (uint8_t)i,
					(uint8_t)~i };
		sum += t[i].key;
	}
	mlk_test_qsort(t, 200, sizeof(t[0]), cmp_triple);
	for (int i = 0; i < 200; i++) {
		if (i)
			ck_assert_uint_le(t[i - 1].key, t[i].key);
		/* Elements moved whole. */
		ck_assert_uint_eq(t[i].b, (uint8_t)~t[i].a);
		check += t[i].key;
	}
	ck_assert_uint_eq(sum, check);
}
END_TEST

/* Heapsort's bound holds on the inputs that hurt a naive quicksort. */
START_TEST(qsort_worst_cases_stay_n_log_n)
{
	enum { N = 4096 };
	static int v[N];
	const unsigned long bound = 2UL * N * 12 + 2 * N; /* 2 n log2 n */

	for (int kind = 0; kind < 4; kind++) {
		for (int i = 0; i < N; i++)
			v[i] = kind == 0   ? i
			       : kind == 1 ? N - i
			       : kind == 2 ? 7
					   : (int)rng(N);
		comparisons = 0;
		mlk_test_qsort(v, N, sizeof(int), cmp_int);
		ck_assert(sorted(v, N));
		ck_assert_msg(comparisons <= bound, "kind %d: %lu comparisons",
			      kind, comparisons);
	}
}
END_TEST

START_TEST(qsort_trivial_sizes)
{
	int v[2] = { 2, 1 };

	mlk_test_qsort(NULL, 0, sizeof(int), cmp_int);
	mlk_test_qsort(v, 1, sizeof(int), cmp_int);
	ck_assert_int_eq(v[0], 2);
	mlk_test_qsort(v, 2, 0, cmp_int);
	ck_assert_int_eq(v[0], 2);
	mlk_test_qsort(v, 2, sizeof(int), cmp_int);
	ck_assert_int_eq(v[0], 1);
}
END_TEST

START_TEST(bsearch_finds_every_element)
{
	int v[100];

	for (int n = 0; n <= 100; n++) {
		for (int i = 0; i < n; i++)
			v[i] = 2 * i;
		for (int key = -1; key <= 2 * n; key++) {
			int *hit = mlk_test_bsearch(&key, v, (size_t)n,
						    sizeof(int), cmp_int);

			if (key % 2 == 0 && key >= 0 && key < 2 * n)
				ck_assert_ptr_eq(hit, &v[key / 2]);
			else
				ck_assert_ptr_null(hit);
		}
	}
}
END_TEST

START_TEST(bsearch_with_duplicates)
{
	int v[] = { 1, 3, 3, 3, 3, 5 }, key = 3;
	int *hit = mlk_test_bsearch(&key, v, 6, sizeof(int), cmp_int);

	ck_assert_ptr_nonnull(hit);
	ck_assert_int_eq(*hit, 3);
}
END_TEST

/* --- ctype. --- */

/* The classes of the build machine's "C" locale, which is ASCII too. */
START_TEST(ctype_matches_the_c_locale)
{
	for (int c = EOF; c <= 255; c++) {
		bool ascii = c >= 0 && c < 128;

		ck_assert_msg(!mlk_test_isdigit(c) == !(ascii && isdigit(c)),
			      "isdigit(%d)", c);
		ck_assert_msg(!mlk_test_isxdigit(c) == !(ascii && isxdigit(c)),
			      "isxdigit(%d)", c);
		ck_assert_msg(!mlk_test_isalpha(c) == !(ascii && isalpha(c)),
			      "isalpha(%d)", c);
		ck_assert_msg(!mlk_test_isalnum(c) == !(ascii && isalnum(c)),
			      "isalnum(%d)", c);
		ck_assert_msg(!mlk_test_isspace(c) == !(ascii && isspace(c)),
			      "isspace(%d)", c);
		ck_assert_msg(!mlk_test_isupper(c) == !(ascii && isupper(c)),
			      "isupper(%d)", c);
		ck_assert_msg(!mlk_test_islower(c) == !(ascii && islower(c)),
			      "islower(%d)", c);
		ck_assert_msg(!mlk_test_isprint(c) == !(ascii && isprint(c)),
			      "isprint(%d)", c);
		ck_assert_msg(!mlk_test_isgraph(c) == !(ascii && isgraph(c)),
			      "isgraph(%d)", c);
		ck_assert_msg(!mlk_test_iscntrl(c) == !(ascii && iscntrl(c)),
			      "iscntrl(%d)", c);
		ck_assert_msg(!mlk_test_ispunct(c) == !(ascii && ispunct(c)),
			      "ispunct(%d)", c);
		ck_assert_int_eq(mlk_test_toupper(c), ascii ? toupper(c) : c);
		ck_assert_int_eq(mlk_test_tolower(c), ascii ? tolower(c) : c);
	}
}
END_TEST

/* --- assert. --- */

static const char *assert_output(void (*call)(void))
{
	static jmp_buf env;

	fake_console_len = 0;
	fake_abort_catch = &env;
	if (setjmp(env) == 0) {
		call();
		fake_abort_catch = NULL;
		return NULL; /* no abort */
	}
	fake_abort_catch = NULL;
	fake_console[fake_console_len] = '\0';
	return fake_console;
}

static int evaluated;

#undef NDEBUG
#include "libc/assert.h"

static int assert_line;

static void assert_true(void)
{
	assert(++evaluated == 1);
}

static void assert_false(void)
{
	assert_line = __LINE__ + 1;
	assert(1 + 1 == 3);
}

#define NDEBUG
#include "libc/assert.h"

static void assert_off(void)
{
	assert(++evaluated == 0);
}

#undef NDEBUG
#include "libc/assert.h"

START_TEST(assert_passes_silently)
{
	evaluated = 0;
	ck_assert_ptr_null(assert_output(assert_true));
	ck_assert_int_eq(evaluated, 1);
	ck_assert_uint_eq(fake_console_len, 0);
}
END_TEST

START_TEST(assert_failure_prints_and_aborts)
{
	char expect[256];
	const char *out = assert_output(assert_false);

	snprintf(expect, sizeof(expect),
		 "assertion failed: 1 + 1 == 3 (%s:%d)\n", __FILE__,
		 assert_line);
	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out, expect);
}
END_TEST

START_TEST(ndebug_turns_assert_off)
{
	evaluated = 0;
	ck_assert_ptr_null(assert_output(assert_off));
	ck_assert_int_eq(evaluated, 0);
}
END_TEST

static_assert(sizeof(struct triple) == 3, "static_assert from <assert.h>");

static Suite *libc_stdlib_suite(void)
{
	Suite *s = suite_create("libc_stdlib");
	TCase *parse = tcase_create("strtol");
	TCase *sort = tcase_create("qsort_bsearch");
	TCase *ctype = tcase_create("ctype");
	TCase *asserts = tcase_create("assert");

	tcase_add_loop_test(parse, strtol_table, 0,
			    sizeof(strtol_cases) / sizeof(strtol_cases[0]));
	tcase_add_test(parse, strtoul_range);
	tcase_add_test(parse, strtol_agrees_with_the_host);
	tcase_add_test(parse, atoi_atol_atoll);
	tcase_add_test(parse, abs_labs_llabs);
	tcase_add_test(sort, qsort_random_arrays);
	tcase_add_test(sort, qsort_odd_element_size);
	tcase_add_test(sort, qsort_worst_cases_stay_n_log_n);
	tcase_add_test(sort, qsort_trivial_sizes);
	tcase_add_test(sort, bsearch_finds_every_element);
	tcase_add_test(sort, bsearch_with_duplicates);
	tcase_add_test(ctype, ctype_matches_the_c_locale);
	tcase_add_test(asserts, assert_passes_silently);
	tcase_add_test(asserts, assert_failure_prints_and_aborts);
	tcase_add_test(asserts, ndebug_turns_assert_off);
	tcase_set_timeout(parse, 30);
	suite_add_tcase(s, parse);
	suite_add_tcase(s, sort);
	suite_add_tcase(s, ctype);
	suite_add_tcase(s, asserts);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(libc_stdlib_suite());
	int failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
