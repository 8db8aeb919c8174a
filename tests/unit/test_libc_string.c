/*
 * libmlk's <string.h> (libmlk/libc/string_*.c, strerror.c and the kernel's
 * kstring.c as libmlk builds it).  The functions under test are called by
 * their mlk_test_ names (see LIBC_TEST_RENAME in tests/unit/local.mk); the
 * build machine's C library checks them where it has the same function.
 */
#define _GNU_SOURCE /* the host's memrchr, to compare with */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The library under test, renamed (LIBC_TEST_RENAME in tests/unit/local.mk). */
void *mlk_test_memcpy(void *dst, const void *src, size_t n);
void *mlk_test_memmove(void *dst, const void *src, size_t n);
void *mlk_test_memset(void *dst, int c, size_t n);
int mlk_test_memcmp(const void *a, const void *b, size_t n);
void *mlk_test_memchr(const void *s, int c, size_t n);
void *mlk_test_memrchr(const void *s, int c, size_t n);
size_t mlk_test_strlen(const char *s);
size_t mlk_test_strnlen(const char *s, size_t max);
int mlk_test_strcmp(const char *a, const char *b);
int mlk_test_strncmp(const char *a, const char *b, size_t n);
char *mlk_test_strchr(const char *s, int c);
char *mlk_test_strrchr(const char *s, int c);
char *mlk_test_strstr(const char *haystack, const char *needle);
size_t mlk_test_strspn(const char *s, const char *accept);
size_t mlk_test_strcspn(const char *s, const char *reject);
char *mlk_test_strpbrk(const char *s, const char *accept);
char *mlk_test_strtok_r(char *str, const char *delim, char **save);
char *mlk_test_strcpy(char *dst, const char *src);
char *mlk_test_strncpy(char *dst, const char *src, size_t n);
char *mlk_test_strcat(char *dst, const char *src);
char *mlk_test_strncat(char *dst, const char *src, size_t n);
char *mlk_test_strdup(const char *s);
char *mlk_test_strndup(const char *s, size_t n);
char *mlk_test_strerror(int errnum);
void mlk_test_free(void *p);
size_t mlk_test_strlcpy(char *dst, const char *src, size_t size);
size_t mlk_test_strlcat(char *dst, const char *src, size_t size);

extern int __mlk_errno;
extern size_t fake_heap_budget;

/* A fixed-seed generator, so a failure repeats. */
static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static unsigned rng(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* A random string of up to max characters from alphabet. */
static void random_string(char *s, size_t max, const char *alphabet)
{
	size_t len = rng((unsigned)max + 1), n = strlen(alphabet);

	for (size_t i = 0; i < len; i++)
		s[i] = alphabet[rng((unsigned)n)];
	s[len] = '\0';
}

/* --- The kernel's functions, as libmlk exports them. --- */

START_TEST(kstring_functions_are_linked)
{
	char buf[16] = "abcdef";

	ck_assert_ptr_eq(mlk_test_memcpy(buf, "xy", 2), buf);
	ck_assert_str_eq(buf, "xycdef");
	mlk_test_memmove(buf + 1, buf, 5);
	ck_assert_str_eq(buf, "xxycde");
	mlk_test_memset(buf, '-', 3);
	ck_assert_str_eq(buf, "---cde");
	ck_assert_int_lt(mlk_test_memcmp("a\x01", "a\xff", 2), 0);
	ck_assert_ptr_eq(mlk_test_memchr(buf, 'c', 6), buf + 3);
	ck_assert_uint_eq(mlk_test_strlen(buf), 6);
	ck_assert_uint_eq(mlk_test_strnlen(buf, 4), 4);
	ck_assert_int_gt(mlk_test_strcmp("b", "a"), 0);
	ck_assert_int_eq(mlk_test_strncmp("abX", "abY", 2), 0);
	ck_assert_ptr_eq(mlk_test_strchr(buf, '\0'), buf + 6);
}
END_TEST

/* --- Searching. --- */

START_TEST(strrchr_finds_the_last)
{
	const char *s = "a/b/c";

	ck_assert_ptr_eq(mlk_test_strrchr(s, '/'), s + 3);
	ck_assert_ptr_eq(mlk_test_strrchr(s, 'a'), s);
	ck_assert_ptr_eq(mlk_test_strrchr(s, '\0'), s + 5);
	ck_assert_ptr_null(mlk_test_strrchr(s, 'x'));
	ck_assert_ptr_null(mlk_test_strrchr("", 'x'));
	/* c is converted to char: 0x100 + '/' is '/'. */
	ck_assert_ptr_eq(mlk_test_strrchr(s, 0x100 + '/'), s + 3);
}
END_TEST

START_TEST(memrchr_finds_the_last_within_n)
{
	const char s[] = "xaxbx\0x", high[] = "\xff";

	ck_assert_ptr_eq(mlk_test_memrchr(s, 'x', sizeof(s)), s + 6);
	ck_assert_ptr_eq(mlk_test_memrchr(s, 'x', 5), s + 4);
	ck_assert_ptr_eq(mlk_test_memrchr(s, '\0', 7), s + 5);
	ck_assert_ptr_null(mlk_test_memrchr(s, 'b', 3));
	ck_assert_ptr_null(mlk_test_memrchr(s, 'x', 0));
	/* c is compared as unsigned char: 0xff and -1 both find 0xff. */
	ck_assert_ptr_eq(mlk_test_memrchr(high, 0xff, 1), high);
	ck_assert_ptr_eq(mlk_test_memrchr(high, -1, 1), high);
}
END_TEST

START_TEST(strstr_cases)
{
	const char *s = "aaab";

	ck_assert_ptr_eq(mlk_test_strstr(s, "aab"), s + 1);
	ck_assert_ptr_eq(mlk_test_strstr(s, ""), s);
	ck_assert_ptr_eq(mlk_test_strstr("", ""), mlk_test_strstr("", ""));
	ck_assert_str_eq(mlk_test_strstr("", ""), "");
	ck_assert_ptr_eq(mlk_test_strstr(s, "b"), s + 3);
	ck_assert_ptr_null(mlk_test_strstr(s, "aaaa"));
	ck_assert_ptr_null(mlk_test_strstr(s, "ba"));
	ck_assert_ptr_null(mlk_test_strstr("", "a"));
}
END_TEST

START_TEST(spans)
{
	ck_assert_uint_eq(mlk_test_strspn("  \tword", " \t"), 3);
	ck_assert_uint_eq(mlk_test_strspn("word", ""), 0);
	ck_assert_uint_eq(mlk_test_strspn("", "abc"), 0);
	ck_assert_uint_eq(mlk_test_strspn("abcabc", "abc"), 6);
	ck_assert_uint_eq(mlk_test_strcspn("key=value", "=:"), 3);
	ck_assert_uint_eq(mlk_test_strcspn("key", "=:"), 3);
	ck_assert_uint_eq(mlk_test_strcspn("key", ""), 3);
	ck_assert_str_eq(mlk_test_strpbrk("key=a:b", ":="), "=a:b");
	ck_assert_ptr_null(mlk_test_strpbrk("key", ":="));
	ck_assert_ptr_null(mlk_test_strpbrk("key", ""));
}
END_TEST

/* Random strings over a small alphabet hit the corner cases often. */
START_TEST(searches_agree_with_the_host)
{
	char s[24], t[6];

	for (int i = 0; i < 20000; i++) {
		random_string(s, sizeof(s) - 1, "abc");
		random_string(t, sizeof(t) - 1, "abc");
		ck_assert_ptr_eq(mlk_test_strstr(s, t), strstr(s, t));
		ck_assert_uint_eq(mlk_test_strspn(s, t), strspn(s, t));
		ck_assert_uint_eq(mlk_test_strcspn(s, t), strcspn(s, t));
		ck_assert_ptr_eq(mlk_test_strpbrk(s, t), strpbrk(s, t));
		ck_assert_ptr_eq(mlk_test_strrchr(s, t[0]), strrchr(s, t[0]));
		ck_assert_ptr_eq(mlk_test_memrchr(s, 'a', strlen(s)),
				 memrchr(s, 'a', strlen(s)));
	}
}
END_TEST

START_TEST(strtok_r_splits)
{
	char s[] = ",,one,,two;three,";
	char *save, *tok;

	tok = mlk_test_strtok_r(s, ",;", &save);
	ck_assert_str_eq(tok, "one");
	ck_assert_ptr_eq(tok, s + 2);
	ck_assert_str_eq(mlk_test_strtok_r(NULL, ",;", &save), "two");
	/* The delimiters may change from call to call. */
	ck_assert_str_eq(mlk_test_strtok_r(NULL, ",", &save), "three");
	ck_assert_ptr_null(mlk_test_strtok_r(NULL, ",;", &save));
	ck_assert_ptr_null(mlk_test_strtok_r(NULL, ",;", &save));
}
END_TEST

START_TEST(strtok_r_empty_and_nested)
{
	char empty[] = "", only[] = ";;;";
	char outer[] = "a=1 b=2", *save_outer, *save_inner, *pair;

	ck_assert_ptr_null(mlk_test_strtok_r(empty, ";", &save_outer));
	ck_assert_ptr_null(mlk_test_strtok_r(only, ";", &save_outer));
	/* Two tokenizations at once: the state lives in the callers' save. */
	pair = mlk_test_strtok_r(outer, " ", &save_outer);
	ck_assert_str_eq(mlk_test_strtok_r(pair, "=", &save_inner), "a");
	ck_assert_str_eq(mlk_test_strtok_r(NULL, "=", &save_inner), "1");
	pair = mlk_test_strtok_r(NULL, " ", &save_outer);
	ck_assert_str_eq(mlk_test_strtok_r(pair, "=", &save_inner), "b");
	ck_assert_str_eq(mlk_test_strtok_r(NULL, "=", &save_inner), "2");
	ck_assert_ptr_null(mlk_test_strtok_r(NULL, " ", &save_outer));
}
END_TEST

/* --- Copying. --- */

START_TEST(strcpy_and_strcat)
{
	char buf[16];

	memset(buf, 'z', sizeof(buf));
	ck_assert_ptr_eq(mlk_test_strcpy(buf, "abc"), buf);
	ck_assert_mem_eq(buf, "abc\0z", 5);
	ck_assert_ptr_eq(mlk_test_strcat(buf, "de"), buf);
	ck_assert_mem_eq(buf, "abcde\0z", 7);
	mlk_test_strcat(buf, "");
	ck_assert_str_eq(buf, "abcde");
	mlk_test_strcpy(buf, "");
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(strncpy_pads_and_may_not_terminate)
{
	char buf[8];

	memset(buf, 'z', sizeof(buf));
	ck_assert_ptr_eq(mlk_test_strncpy(buf, "ab", 6), buf);
	ck_assert_mem_eq(buf, "ab\0\0\0\0zz", 8);
	memset(buf, 'z', sizeof(buf));
	mlk_test_strncpy(buf, "abcdef", 4);
	ck_assert_mem_eq(buf, "abcdzzzz", 8);
	mlk_test_strncpy(buf, "abc", 0);
	ck_assert_mem_eq(buf, "abcdzzzz", 8);
}
END_TEST

START_TEST(strncat_appends_at_most_n)
{
	char buf[16] = "ab";

	memset(buf + 3, 'z', sizeof(buf) - 3);
	ck_assert_ptr_eq(mlk_test_strncat(buf, "cdef", 2), buf);
	ck_assert_mem_eq(buf, "abcd\0z", 6);
	mlk_test_strncat(buf, "e", 5);
	ck_assert_mem_eq(buf, "abcde\0z", 7);
	mlk_test_strncat(buf, "fgh", 0);
	ck_assert_str_eq(buf, "abcde");
}
END_TEST

START_TEST(strlcpy_terminates_and_reports_length)
{
	char buf[4];

	ck_assert_uint_eq(mlk_test_strlcpy(buf, "ab", sizeof(buf)), 2);
	ck_assert_str_eq(buf, "ab");
	ck_assert_uint_eq(mlk_test_strlcpy(buf, "abcdef", sizeof(buf)), 6);
	ck_assert_str_eq(buf, "abc");
	ck_assert_uint_eq(mlk_test_strlcpy(buf, "abc", sizeof(buf)), 3);
	ck_assert_str_eq(buf, "abc");
	/* Size 0 writes nothing at all. */
	memcpy(buf, "xyz", 4);
	ck_assert_uint_eq(mlk_test_strlcpy(buf, "abc", 0), 3);
	ck_assert_str_eq(buf, "xyz");
	ck_assert_uint_eq(mlk_test_strlcpy(buf, "abc", 1), 3);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(strlcat_terminates_and_reports_length)
{
	char buf[6] = "ab";

	ck_assert_uint_eq(mlk_test_strlcat(buf, "cd", sizeof(buf)), 4);
	ck_assert_str_eq(buf, "abcd");
	ck_assert_uint_eq(mlk_test_strlcat(buf, "efgh", sizeof(buf)), 8);
	ck_assert_str_eq(buf, "abcde");
	ck_assert_uint_eq(mlk_test_strlcat(buf, "", sizeof(buf)), 5);
	/* No NUL within size: size + strlen(src), dst untouched. */
	memcpy(buf, "zzzzzz", 6);
	ck_assert_uint_eq(mlk_test_strlcat(buf, "abc", 4), 7);
	ck_assert_mem_eq(buf, "zzzzzz", 6);
	ck_assert_uint_eq(mlk_test_strlcat(buf, "abc", 0), 3);
}
END_TEST

START_TEST(copies_agree_with_the_host)
{
	char src[24], a[40], b[40];

	for (int i = 0; i < 5000; i++) {
		size_t n = rng(30);

		random_string(src, sizeof(src) - 1, "xy");
		memset(a, '#', sizeof(a));
		memset(b, '#', sizeof(b));
		strcpy(a, "pre");
		strcpy(b, "pre");
		mlk_test_strncpy(a + 4, src, n);
		strncpy(b + 4, src, n);
		ck_assert_mem_eq(a, b, sizeof(a));
		mlk_test_strncat(a, src, n);
		strncat(b, src, n);
		ck_assert_mem_eq(a, b, sizeof(a));
	}
}
END_TEST

START_TEST(strdup_and_strndup)
{
	const char *s = "hello";
	char *a = mlk_test_strdup(s), *b = mlk_test_strndup(s, 3);
	char *c = mlk_test_strndup(s, 99), *d = mlk_test_strdup("");

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_ne(a, s);
	ck_assert_str_eq(a, "hello");
	ck_assert_str_eq(b, "hel");
	ck_assert_str_eq(c, "hello");
	ck_assert_str_eq(d, "");
	a[0] = 'j';
	ck_assert_str_eq(s, "hello");
	mlk_test_free(a);
	mlk_test_free(b);
	mlk_test_free(c);
	mlk_test_free(d);
}
END_TEST

START_TEST(strdup_out_of_memory)
{
	fake_heap_budget = 0;
	__mlk_errno = 0;
	ck_assert_ptr_null(mlk_test_strdup("hello"));
	ck_assert_int_eq(__mlk_errno, ENOMEM);
	ck_assert_ptr_null(mlk_test_strndup("hello", 2));
}
END_TEST

START_TEST(strerror_messages)
{
	ck_assert_str_eq(mlk_test_strerror(0), "No error");
	ck_assert_str_eq(mlk_test_strerror(ENOMEM), "Out of memory");
	ck_assert_str_eq(mlk_test_strerror(EINVAL), "Invalid argument");
	ck_assert_str_eq(mlk_test_strerror(EDOM), "Argument out of domain");
	ck_assert_str_eq(mlk_test_strerror(ERANGE), "Result out of range");
	ck_assert_str_eq(mlk_test_strerror(EOVERFLOW),
			 "Value too large for its type");
	ck_assert_str_eq(mlk_test_strerror(EILSEQ), "Invalid byte sequence");
	ck_assert_str_eq(mlk_test_strerror(-1), "Unknown error");
	ck_assert_str_eq(mlk_test_strerror(9999), "Unknown error");
}
END_TEST

static Suite *libc_string_suite(void)
{
	Suite *s = suite_create("libc_string");
	TCase *search = tcase_create("search");
	TCase *copy = tcase_create("copy");
	TCase *misc = tcase_create("misc");

	tcase_add_test(search, kstring_functions_are_linked);
	tcase_add_test(search, strrchr_finds_the_last);
	tcase_add_test(search, memrchr_finds_the_last_within_n);
	tcase_add_test(search, strstr_cases);
	tcase_add_test(search, spans);
	tcase_add_test(search, searches_agree_with_the_host);
	tcase_add_test(search, strtok_r_splits);
	tcase_add_test(search, strtok_r_empty_and_nested);
	tcase_add_test(copy, strcpy_and_strcat);
	tcase_add_test(copy, strncpy_pads_and_may_not_terminate);
	tcase_add_test(copy, strncat_appends_at_most_n);
	tcase_add_test(copy, strlcpy_terminates_and_reports_length);
	tcase_add_test(copy, strlcat_terminates_and_reports_length);
	tcase_add_test(copy, copies_agree_with_the_host);
	tcase_add_test(copy, strdup_and_strndup);
	tcase_add_test(copy, strdup_out_of_memory);
	tcase_add_test(misc, strerror_messages);
	suite_add_tcase(s, search);
	suite_add_tcase(s, copy);
	suite_add_tcase(s, misc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(libc_string_suite());
	int failed;

	/* Every test starts from a fresh heap in a process of its own. */
	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
