/*
 * Unit tests of the kernel's memory and string functions,
 * sdk/lib/kstring.c.  The build compiles it with every function
 * renamed to k_<name> (unit_kstring_renamed in tests/unit/local.mk), so this
 * program compares them against the C library's.
 */
#include "unit.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *k_memcpy(void *restrict dst, const void *restrict src, size_t n);
void *k_memmove(void *dst, const void *src, size_t n);
void *k_memset(void *dst, int c, size_t n);
int k_memcmp(const void *a, const void *b, size_t n);
void *k_memchr(const void *s, int c, size_t n);
size_t k_strlen(const char *s);
size_t k_strnlen(const char *s, size_t max);
int k_strcmp(const char *a, const char *b);
int k_strncmp(const char *a, const char *b, size_t n);
char *k_strchr(const char *s, int c);

#define MAX_LEN 64
#define MAX_SHIFT 8 /* every offset within a 64-bit word */
#define BUF_LEN (MAX_LEN + 2 * MAX_SHIFT + 16)

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* A pattern that differs between buffers and between neighbouring bytes. */
static void fill(uint8_t *buf, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)(seed + i * 7);
}

/* ---- memcpy, memmove, memset --------------------------------------------- */

START_TEST(memcpy_all_alignments_and_lengths)
{
	_Alignas(8) uint8_t src[BUF_LEN], got[BUF_LEN], want[BUF_LEN];

	fill(src, sizeof(src), 1);
	for (size_t so = 0; so < MAX_SHIFT; so++)
		for (size_t d = 0; d < MAX_SHIFT; d++)
			for (size_t n = 0; n <= MAX_LEN; n++) {
				fill(got, sizeof(got), 100);
				fill(want, sizeof(want), 100);
				memcpy(want + d, src + so, n);
				void *r = k_memcpy(got + d, src + so, n);
				ck_assert_ptr_eq(r, got + d);
				/* Bytes around the copy are untouched too. */
				ck_assert_msg(!memcmp(got, want, sizeof(got)),
					      "src+%zu dst+%zu len %zu", so, d,
					      n);
			}
}
END_TEST

/* Move [s, s+n) to [d, d+n) inside one buffer, both directions. */
START_TEST(memmove_overlapping_both_directions)
{
	_Alignas(8) uint8_t got[BUF_LEN], want[BUF_LEN];

	for (size_t s = 0; s < 2 * MAX_SHIFT; s++)
		for (size_t d = 0; d < 2 * MAX_SHIFT; d++)
			for (size_t n = 0; n <= MAX_LEN; n++) {
				fill(got, sizeof(got), 3);
				fill(want, sizeof(want), 3);
				memmove(want + d, want + s, n);
				void *r = k_memmove(got + d, got + s, n);
				ck_assert_ptr_eq(r, got + d);
				ck_assert_msg(!memcmp(got, want, sizeof(got)),
					      "src+%zu dst+%zu len %zu", s, d,
					      n);
			}
}
END_TEST

START_TEST(memmove_disjoint)
{
	_Alignas(8) uint8_t a[MAX_LEN], b[MAX_LEN];

	fill(a, sizeof(a), 9);
	fill(b, sizeof(b), 50);
	ck_assert_ptr_eq(k_memmove(b, a, sizeof(a)), b);
	ck_assert(!memcmp(a, b, sizeof(a)));
}
END_TEST

START_TEST(memset_all_alignments_and_lengths)
{
	static const int values[] = { 0, 0xab, 0xff, -1, 0x1ff, 0x100 };
	_Alignas(8) uint8_t got[BUF_LEN], want[BUF_LEN];

	for (size_t v = 0; v < ARRAY_SIZE(values); v++)
		for (size_t d = 0; d < MAX_SHIFT; d++)
			for (size_t n = 0; n <= MAX_LEN; n++) {
				fill(got, sizeof(got), 5);
				fill(want, sizeof(want), 5);
				memset(want + d, values[v], n);
				void *r = k_memset(got + d, values[v], n);
				ck_assert_ptr_eq(r, got + d);
				ck_assert_msg(!memcmp(got, want, sizeof(got)),
					      "value %#x dst+%zu len %zu",
					      values[v], d, n);
			}
}
END_TEST

/* ---- memcmp, memchr ------------------------------------------------------ */

START_TEST(memcmp_sign)
{
	ck_assert_int_eq(k_memcmp("abc", "abc", 3), 0);
	ck_assert_int_eq(k_memcmp("abc", "abd", 2), 0);
	ck_assert_int_eq(k_memcmp("x", "y", 0), 0);
	ck_assert_int_lt(k_memcmp("abc", "abd", 3), 0);
	ck_assert_int_gt(k_memcmp("abd", "abc", 3), 0);
	/* Bytes compare as unsigned char: 0x80 is above 0x01. */
	ck_assert_int_gt(k_memcmp("\x80", "\x01", 1), 0);
	ck_assert_int_lt(k_memcmp("\x01", "\xff", 1), 0);
	/* Embedded NULs do not stop it. */
	ck_assert_int_lt(k_memcmp("a\0b", "a\0c", 3), 0);
}
END_TEST

START_TEST(memcmp_matches_libc_sign)
{
	uint8_t a[MAX_LEN], b[MAX_LEN];

	fill(a, sizeof(a), 0);
	for (size_t i = 0; i < sizeof(a); i++)
		for (int delta = -1; delta <= 1; delta += 2) {
			memcpy(b, a, sizeof(b));
			b[i] = (uint8_t)(b[i] + delta);
			ck_assert_int_eq(sign(k_memcmp(a, b, sizeof(a))),
					 sign(memcmp(a, b, sizeof(a))));
			ck_assert_int_eq(k_memcmp(a, b, i), 0);
		}
}
END_TEST

START_TEST(memchr_finds_the_first)
{
	static const char s[] = "abcabc\0\x80z";

	ck_assert_ptr_eq(k_memchr(s, 'b', sizeof(s)), s + 1);
	ck_assert_ptr_eq(k_memchr(s, 'c', sizeof(s)), s + 2);
	ck_assert_ptr_eq(k_memchr(s, 0, sizeof(s)), s + 6);
	ck_assert_ptr_eq(k_memchr(s, 'z', sizeof(s)), s + 8);
	/* The byte searched for is (unsigned char)c. */
	ck_assert_ptr_eq(k_memchr(s, 0x80, sizeof(s)), s + 7);
	ck_assert_ptr_eq(k_memchr(s, -128, sizeof(s)), s + 7);
	ck_assert_ptr_eq(k_memchr(s, 0x100 + 'a', sizeof(s)), s);
}
END_TEST

START_TEST(memchr_stays_within_n)
{
	static const char s[] = "abcdef";

	ck_assert_ptr_null(k_memchr(s, 'd', 3));
	ck_assert_ptr_eq(k_memchr(s, 'd', 4), s + 3);
	ck_assert_ptr_null(k_memchr(s, 'a', 0));
	ck_assert_ptr_null(k_memchr(s, 'q', sizeof(s)));
}
END_TEST

/* ---- strings ------------------------------------------------------------- */

START_TEST(strlen_lengths_and_alignments)
{
	_Alignas(8) char buf[MAX_LEN + MAX_SHIFT + 1];

	for (size_t o = 0; o < MAX_SHIFT; o++)
		for (size_t n = 0; n <= MAX_LEN; n++) {
			memset(buf, 'a', sizeof(buf));
			buf[o + n] = 0;
			ck_assert_uint_eq(k_strlen(buf + o), n);
		}
	ck_assert_uint_eq(k_strlen("\x80\xff"), 2);
}
END_TEST

START_TEST(strnlen_bounds)
{
	/* Not NUL-terminated: strnlen must stop at max. */
	static const char unterminated[4] = { 'a', 'b', 'c', 'd' };

	ck_assert_uint_eq(k_strnlen(unterminated, sizeof(unterminated)), 4);
	ck_assert_uint_eq(k_strnlen(unterminated, 2), 2);
	ck_assert_uint_eq(k_strnlen(unterminated, 0), 0);
	ck_assert_uint_eq(k_strnlen("abc", 10), 3);
	ck_assert_uint_eq(k_strnlen("abc", 3), 3);
	ck_assert_uint_eq(k_strnlen("", 10), 0);
	ck_assert_uint_eq(k_strnlen("abc", (size_t)-1), 3);
}
END_TEST

START_TEST(strcmp_sign)
{
	ck_assert_int_eq(k_strcmp("", ""), 0);
	ck_assert_int_eq(k_strcmp("abc", "abc"), 0);
	ck_assert_int_lt(k_strcmp("abc", "abd"), 0);
	ck_assert_int_gt(k_strcmp("abd", "abc"), 0);
	/* A prefix sorts first. */
	ck_assert_int_lt(k_strcmp("abc", "abcd"), 0);
	ck_assert_int_gt(k_strcmp("abcd", "abc"), 0);
	ck_assert_int_lt(k_strcmp("", "a"), 0);
	/* Bytes at or above 0x80 compare as unsigned char. */
	ck_assert_int_gt(k_strcmp("\x80", "\x01"), 0);
	ck_assert_int_lt(k_strcmp("a\x7f", "a\x80"), 0);
	ck_assert_int_gt(k_strcmp("\xff", "a"), 0);
}
END_TEST

START_TEST(strncmp_sign_and_bounds)
{
	ck_assert_int_eq(k_strncmp("abcX", "abcY", 3), 0);
	ck_assert_int_lt(k_strncmp("abcX", "abcY", 4), 0);
	ck_assert_int_eq(k_strncmp("x", "y", 0), 0);
	/* Equal strings stop at their NUL even if n goes on. */
	ck_assert_int_eq(k_strncmp("ab\0x", "ab\0y", 4), 0);
	ck_assert_int_lt(k_strncmp("ab", "abc", 5), 0);
	ck_assert_int_gt(k_strncmp("abc", "ab", 5), 0);
	ck_assert_int_gt(k_strncmp("\x80", "\x01", 1), 0);
	ck_assert_int_lt(k_strncmp("z\x01", "z\xfe", 2), 0);
}
END_TEST

START_TEST(strchr_finds_the_first)
{
	static const char s[] = "hello\x80world";

	ck_assert_ptr_eq(k_strchr(s, 'l'), s + 2);
	ck_assert_ptr_eq(k_strchr(s, 'h'), s);
	ck_assert_ptr_eq(k_strchr(s, 'd'), s + 10);
	ck_assert_ptr_null(k_strchr(s, 'z'));
	/* c is converted to char: 0x80 and -128 are the same byte. */
	ck_assert_ptr_eq(k_strchr(s, 0x80), s + 5);
	ck_assert_ptr_eq(k_strchr(s, -128), s + 5);
}
END_TEST

START_TEST(strchr_of_nul_is_the_terminator)
{
	static const char s[] = "abc", empty[] = "";

	ck_assert_ptr_eq(k_strchr(s, 0), s + 3);
	ck_assert_ptr_eq(k_strchr(empty, 0), empty);
	ck_assert_ptr_null(k_strchr(empty, 'a'));
}
END_TEST

static Suite *kstring_suite(void)
{
	Suite *s = suite_create("kstring");
	TCase *mem = tcase_create("memory");
	TCase *str = tcase_create("strings");

	tcase_add_test(mem, memcpy_all_alignments_and_lengths);
	tcase_add_test(mem, memmove_overlapping_both_directions);
	tcase_add_test(mem, memmove_disjoint);
	tcase_add_test(mem, memset_all_alignments_and_lengths);
	tcase_add_test(mem, memcmp_sign);
	tcase_add_test(mem, memcmp_matches_libc_sign);
	tcase_add_test(mem, memchr_finds_the_first);
	tcase_add_test(mem, memchr_stays_within_n);
	suite_add_tcase(s, mem);

	tcase_add_test(str, strlen_lengths_and_alignments);
	tcase_add_test(str, strnlen_bounds);
	tcase_add_test(str, strcmp_sign);
	tcase_add_test(str, strncmp_sign_and_bounds);
	tcase_add_test(str, strchr_finds_the_first);
	tcase_add_test(str, strchr_of_nul_is_the_terminator);
	suite_add_tcase(s, str);
	return s;
}

int main(void)
{
	return unit_run("kstring", kstring_suite());
}
