/*
 * Unit tests of the kernel's printf, kernel/core/kprintf.c and the
 * formatter it shares, sdk/lib/format.c.  Wherever the C standard
 * defines the output, ksnprintf must agree with the build machine's
 * snprintf byte for byte.
 */
#include "kprintf.h"

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>

#include "unit.h"

/* ksnprintf without gcc's format check, for what it rightly rejects. */
static int unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* ---- against the C library ----------------------------------------------- */

/* Format with ksnprintf and with vsnprintf; output and length must agree. */
static void __printf(2, 3) like_libc(int line, const char *fmt, ...)
{
	char got[256], want[256];
	va_list ap, ap2;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	int wn = vsnprintf(want, sizeof(want), fmt, ap);
	int gn = kvsnprintf(got, sizeof(got), fmt, ap2);
	va_end(ap2);
	va_end(ap);
	ck_assert_msg(gn == wn && !strcmp(got, want),
		      "line %d, \"%s\": got \"%s\" (%d), libc \"%s\" (%d)",
		      line, fmt, got, gn, want, wn);
}

#define LIKE_LIBC(...) like_libc(__LINE__, __VA_ARGS__)

START_TEST(signed_decimal)
{
	LIKE_LIBC("%d", 0);
	LIKE_LIBC("%d", 42);
	LIKE_LIBC("%d", -42);
	LIKE_LIBC("%i", -7);
	LIKE_LIBC("%d %d", INT_MAX, INT_MIN);
	LIKE_LIBC("%ld", LONG_MIN);
	LIKE_LIBC("%lld %lld", (long long)INT64_MIN, (long long)INT64_MAX);
	LIKE_LIBC("%hhd %hhd %hhd", 127, 128, 200);
	LIKE_LIBC("%hd %hd", 32768, 70000);
	LIKE_LIBC("%zd %td", (ssize_t)-5, (ptrdiff_t)-123456789012);
	LIKE_LIBC("%jd", (intmax_t)INT64_MIN);
	LIKE_LIBC("a%db%ic", 1, 2);
}
END_TEST

START_TEST(unsigned_conversions)
{
	LIKE_LIBC("%u %u", 0u, UINT_MAX);
	LIKE_LIBC("%llu", (unsigned long long)UINT64_MAX);
	LIKE_LIBC("%lu %zu", ULONG_MAX, (size_t)SIZE_MAX);
	LIKE_LIBC("%x %X", 0xdeadbeefu, 0xdeadbeefu);
	LIKE_LIBC("%llx %llX", (unsigned long long)UINT64_MAX, 0xabcULL);
	LIKE_LIBC("%o %o %o", 0u, 8u, 0777u);
	LIKE_LIBC("%llo", (unsigned long long)UINT64_MAX);
	LIKE_LIBC("%hhu %hhx", 300u, 0x1ffu);
	LIKE_LIBC("%hu %hx", 70000u, 0xfffffu);
	LIKE_LIBC("%x", 0u);
}
END_TEST

START_TEST(flags)
{
	LIKE_LIBC("[%-5d]", 42);
	LIKE_LIBC("[%05d] [%05d]", 42, -42);
	LIKE_LIBC("[%+d] [%+d] [%+d]", 42, -42, 0);
	LIKE_LIBC("[% d] [% d]", 42, -42);
	LIKE_LIBC("[%+05d] [% 05d]", 42, 42);
	LIKE_LIBC("[%#x] [%#X] [%#x]", 255u, 255u, 0u);
	LIKE_LIBC("[%#o] [%#o] [%#o]", 8u, 0u, 0777u);
	LIKE_LIBC("[%#08x] [%#-8x]", 255u, 255u);
	LIKE_LIBC("[%#05o] [%#05o]", 8u, 0u);
	LIKE_LIBC("[%#.3o] [%#.5o] [%#.0o] [%#.0o]", 8u, 8u, 0u, 8u);
}
END_TEST

/*
 * Flags that cancel others.  gcc warns that the losers are ignored; that
 * ksnprintf ignores them as the C library does is the point here.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
START_TEST(flag_precedence)
{
	LIKE_LIBC("[%+ d] [%+ d]", 42, -42); /* '+' beats ' ' */
	LIKE_LIBC("[%-05d]", 42);	     /* '-' beats '0' */
	LIKE_LIBC("[%-08x]", 0xabu);
	LIKE_LIBC("[%08.5d] [%08.0d]", 42, 0); /* a precision beats '0' */
}
END_TEST
#pragma GCC diagnostic pop

START_TEST(width_and_precision)
{
	LIKE_LIBC("[%8d] [%-8d]", -123, -123);
	LIKE_LIBC("[%2d]", 12345);
	LIKE_LIBC("[%.5d] [%.5d]", 42, -42);
	LIKE_LIBC("[%8.5d] [%-8.5d]", 42, -42);
	LIKE_LIBC("[%.0d] [%5.0d] [%.0x] [%#.0x]", 0, 0, 0u, 0u);
	LIKE_LIBC("[%.0d]", 7);
	LIKE_LIBC("[%.d]", 0); /* "." alone means precision 0 */
	LIKE_LIBC("[%*d] [%*d]", 6, 42, -6, 42);
	LIKE_LIBC("[%-*d]", 6, 42);
	LIKE_LIBC("[%.*d] [%.*d]", 4, 7, -1, 7); /* negative: none */
	LIKE_LIBC("[%*.*d]", 8, 4, -7);
	LIKE_LIBC("[%50d]", 1);
	LIKE_LIBC("[%.3x] [%8.3X]", 0xau, 0xau);
}
END_TEST

START_TEST(characters_and_strings)
{
	LIKE_LIBC("%c%c%c", 'a', 'b', 'c');
	LIKE_LIBC("[%5c] [%-5c]", 'x', 'y');
	LIKE_LIBC("%s", "");
	LIKE_LIBC("%s|%s", "hello", "world");
	LIKE_LIBC("[%10s] [%-10s]", "abc", "abc");
	LIKE_LIBC("[%2s]", "abcdef");
	LIKE_LIBC("[%.3s] [%.0s] [%.10s]", "abcdef", "abc", "abc");
	LIKE_LIBC("[%8.3s] [%-8.3s]", "abcdef", "abcdef");
	LIKE_LIBC("[%.*s]", 2, "abcdef");
	LIKE_LIBC("[%*s]", -6, "ab");
	LIKE_LIBC("%%");
	LIKE_LIBC("100%% %d%%", 5);
}
END_TEST

START_TEST(string_precision_reads_no_further)
{
	/* Not NUL-terminated: the precision must bound the read. */
	static const char four[4] = { 'w', 'x', 'y', 'z' };
	char buf[16];

	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%.4s", four), 4);
	ck_assert_str_eq(buf, "wxyz");
	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%.*s", 2, four), 2);
	ck_assert_str_eq(buf, "wx");
}
END_TEST

START_TEST(pointers)
{
	int x;
	void *p = &x;

	/* glibc's %p is %#lx for pointers that are not NULL. */
	LIKE_LIBC("%p", p);
	LIKE_LIBC("[%24p] [%-24p]", p, p);
	LIKE_LIBC("%p", (void *)0x1000);
}
END_TEST

START_TEST(null_pointer_and_string)
{
	char buf[32];

	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%p", (void *)NULL), 3);
	ck_assert_str_eq(buf, "0x0");
	ck_assert_int_eq(unchecked(buf, sizeof(buf), "%#p", (void *)0x10), 4);
	ck_assert_str_eq(buf, "0x10");
	/* unchecked(): gcc rightly warns of a NULL %s argument. */
	ck_assert_int_eq(unchecked(buf, sizeof(buf), "%s", (char *)NULL), 6);
	ck_assert_str_eq(buf, "(null)");
	ck_assert_int_eq(unchecked(buf, sizeof(buf), "[%8s]", (char *)NULL),
			 10);
	ck_assert_str_eq(buf, "[  (null)]");
	ck_assert_int_eq(unchecked(buf, sizeof(buf), "[%-8s]", (char *)NULL),
			 10);
	ck_assert_str_eq(buf, "[(null)  ]");
}
END_TEST

/* ---- what the C library does not define ---------------------------------- */

START_TEST(unknown_conversion_printed_as_is)
{
	char buf[32];

	ck_assert_int_eq(unchecked(buf, sizeof(buf), "%q"), 2);
	ck_assert_str_eq(buf, "%q");
	ck_assert_int_eq(unchecked(buf, sizeof(buf), "a%qb"), 4);
	ck_assert_str_eq(buf, "a%qb");
	/* It takes no argument: the next conversion gets the first one. */
	ck_assert_int_eq(unchecked(buf, sizeof(buf), "%y %d", 5), 4);
	ck_assert_str_eq(buf, "%y 5");
	/* Flags and width are dropped; the conversion letter stays. */
	ck_assert_int_eq(unchecked(buf, sizeof(buf), "%-5k|"), 3);
	ck_assert_str_eq(buf, "%k|");
}
END_TEST

START_TEST(lone_percent_at_the_end)
{
	char buf[32];

	ck_assert_int_eq(unchecked(buf, sizeof(buf), "abc%"), 3);
	ck_assert_str_eq(buf, "abc");
	ck_assert_int_eq(unchecked(buf, sizeof(buf), "x%l"), 1);
	ck_assert_str_eq(buf, "x");
	ck_assert_int_eq(unchecked(buf, sizeof(buf), "y%-08.3"), 1);
	ck_assert_str_eq(buf, "y");
}
END_TEST

/* ---- truncation ---------------------------------------------------------- */

START_TEST(truncation_keeps_full_length)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(ksnprintf(buf, 5, "hello %s", "world"), 11);
	ck_assert_str_eq(buf, "hell");
	ck_assert_int_eq(buf[5], 'x');
	ck_assert_int_eq(ksnprintf(buf, 1, "hello"), 5);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(ksnprintf(buf, 6, "hello"), 5); /* exactly fits */
	ck_assert_str_eq(buf, "hello");
	ck_assert_int_eq(ksnprintf(buf, 5, "hello"), 5); /* one short */
	ck_assert_str_eq(buf, "hell");
}
END_TEST

START_TEST(truncation_at_every_size)
{
	static const char fmt[] = "%s=%08x %-6d|%c";
	char got[64], want[64];

	for (size_t size = 0; size <= 30; size++) {
		memset(got, '#', sizeof(got));
		memset(want, '#', sizeof(want));
		int wn = snprintf(want, size, fmt, "key", 0xbeefu, -12, 'z');
		int gn = ksnprintf(got, size, fmt, "key", 0xbeefu, -12, 'z');
		ck_assert_int_eq(gn, wn);
		/* Same bytes, and none written past `size`. */
		ck_assert_msg(!memcmp(got, want, sizeof(got)), "size %zu",
			      size);
	}
}
END_TEST

START_TEST(size_zero_writes_nothing)
{
	char buf[4] = "abc";

	ck_assert_int_eq(ksnprintf(buf, 0, "%d", 12345), 5);
	ck_assert_str_eq(buf, "abc");
	ck_assert_int_eq(ksnprintf(NULL, 0, "%s%s", "ab", "cd"), 4);
}
END_TEST

START_TEST(empty_format)
{
	char buf[4] = "abc";

	ck_assert_int_eq(ksnprintf(buf, sizeof(buf), "%s", ""), 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

/* ---- kprintf ------------------------------------------------------------- */

START_TEST(kprintf_writes_to_the_console)
{
	ck_assert_int_eq(kprintf("mlk: %s %d\n", "ram", 128), 13);
	ck_assert_str_eq(mock_console_text(), "mlk: ram 128\n");
	ck_assert_int_eq(kprintf("%5s|%-3x|", "ab", 0xfu), 10);
	ck_assert_str_eq(mock_console_text(), "mlk: ram 128\n   ab|f  |");
}
END_TEST

START_TEST(kprintf_holds_the_console_lock)
{
	kprintf("a whole line %d\n", 1);
	ck_assert_uint_eq(mock_console_unlocked_writes(), 0);
	ck_assert(!mock_console_locked());
}
END_TEST

START_TEST(kprintf_restores_the_interrupt_mask)
{
	mock_set_irqs_masked(false);
	kprintf("x");
	ck_assert(!mock_irqs_masked());
	mock_set_irqs_masked(true);
	kprintf("y");
	ck_assert(mock_irqs_masked());
	ck_assert_str_eq(mock_console_text(), "xy");
}
END_TEST

START_TEST(kprintf_empty)
{
	ck_assert_int_eq(kprintf("%s", ""), 0);
	ck_assert_str_eq(mock_console_text(), "");
}
END_TEST

static Suite *kprintf_suite(void)
{
	Suite *s = suite_create("kprintf");
	TCase *libc = tcase_create("like_libc");
	TCase *own = tcase_create("own_rules");
	TCase *trunc = tcase_create("truncation");
	TCase *console = tcase_create("console");

	tcase_add_test(libc, signed_decimal);
	tcase_add_test(libc, unsigned_conversions);
	tcase_add_test(libc, flags);
	tcase_add_test(libc, flag_precedence);
	tcase_add_test(libc, width_and_precision);
	tcase_add_test(libc, characters_and_strings);
	tcase_add_test(libc, string_precision_reads_no_further);
	tcase_add_test(libc, pointers);
	suite_add_tcase(s, libc);

	tcase_add_test(own, null_pointer_and_string);
	tcase_add_test(own, unknown_conversion_printed_as_is);
	tcase_add_test(own, lone_percent_at_the_end);
	suite_add_tcase(s, own);

	tcase_add_test(trunc, truncation_keeps_full_length);
	tcase_add_test(trunc, truncation_at_every_size);
	tcase_add_test(trunc, size_zero_writes_nothing);
	tcase_add_test(trunc, empty_format);
	suite_add_tcase(s, trunc);

	tcase_add_test(console, kprintf_writes_to_the_console);
	tcase_add_test(console, kprintf_holds_the_console_lock);
	tcase_add_test(console, kprintf_restores_the_interrupt_mask);
	tcase_add_test(console, kprintf_empty);
	suite_add_tcase(s, console);
	return s;
}

int main(void)
{
	return unit_run("kprintf", kprintf_suite());
}
