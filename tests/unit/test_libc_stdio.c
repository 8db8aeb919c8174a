/*
 * libmlk's <stdio.h> (libmlk/libc/stdio.c, printf.c): what reaches the
 * console (the fake __mlk_stdout_write in test_libc_fakes.c) and when,
 * and the snprintf family.  The formatter's conversions are tested in
 * test_kprintf.c; here only that they get through.  The functions under
 * test are called by their mlk_test_ names (LIBC_TEST_RENAME in
 * tests/unit/local.mk).
 */
#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libc/libc_impl.h"
#include "libc/runtime_hooks.h"

/* The library under test, renamed (LIBC_TEST_RENAME in tests/unit/local.mk). */
int mlk_test_printf(const char *fmt, ...);
int mlk_test_vprintf(const char *fmt, va_list ap);
int mlk_test_fprintf(FILE *stream, const char *fmt, ...);
int mlk_test_vfprintf(FILE *stream, const char *fmt, va_list ap);
int mlk_test_snprintf(char *buf, size_t size, const char *fmt, ...);
int mlk_test_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int mlk_test_sprintf(char *buf, const char *fmt, ...);
int mlk_test_vsprintf(char *buf, const char *fmt, va_list ap);
int mlk_test_fputc(int c, FILE *stream);
int mlk_test_putc(int c, FILE *stream);
int mlk_test_putchar(int c);
int mlk_test_fputs(const char *s, FILE *stream);
int mlk_test_puts(const char *s);
int mlk_test_fflush(FILE *stream);

/* The library's streams, typed as the host's FILE for the prototypes. */
extern struct __mlk_file __mlk_stdout_file, __mlk_stderr_file;
#define OUT ((FILE *)&__mlk_stdout_file)
#define ERR ((FILE *)&__mlk_stderr_file)

extern int __mlk_errno;
extern char fake_console[];
extern size_t fake_console_len;
extern unsigned fake_console_writes;
extern size_t fake_console_chunk;
extern bool fake_console_broken;

/* The console holds exactly s, delivered in `writes` calls. */
static void console_is(const char *s, unsigned writes)
{
	ck_assert_uint_eq(fake_console_len, strlen(s));
	ck_assert_mem_eq(fake_console, s, fake_console_len);
	ck_assert_uint_eq(fake_console_writes, writes);
}

/* --- stdout: line buffering. --- */

START_TEST(printf_sends_a_complete_line)
{
	ck_assert_int_eq(mlk_test_printf("hello %s, %d\n", "world", 42), 16);
	console_is("hello world, 42\n", 1);
}
END_TEST

START_TEST(text_without_newline_waits_for_fflush)
{
	ck_assert_int_eq(mlk_test_printf("no newline"), 10);
	console_is("", 0);
	ck_assert_int_eq(mlk_test_fflush(OUT), 0);
	console_is("no newline", 1);
	ck_assert_int_eq(mlk_test_fflush(OUT), 0);
	console_is("no newline", 1);
}
END_TEST

START_TEST(lines_of_one_call_go_out_together)
{
	mlk_test_printf("one\ntwo\nthree\n");
	console_is("one\ntwo\nthree\n", 1);
}
END_TEST

START_TEST(text_after_the_last_newline_stays)
{
	mlk_test_printf("done\npart");
	console_is("done\n", 1);
	mlk_test_printf("ial\n");
	console_is("done\npartial\n", 2);
}
END_TEST

START_TEST(fflush_null_and_stdio_flush_send_stdout)
{
	mlk_test_printf("a");
	ck_assert_int_eq(mlk_test_fflush(NULL), 0);
	console_is("a", 1);
	mlk_test_printf("b");
	__mlk_stdio_flush();
	console_is("ab", 2);
}
END_TEST

/* A line longer than the buffer goes out in buffer-sized pieces. */
START_TEST(long_line_goes_out_in_pieces)
{
	char line[3 * MLK_STDOUT_BUFSIZE + 11];

	for (size_t i = 0; i < sizeof(line) - 1; i++)
		line[i] = (char)('a' + i % 26);
	line[sizeof(line) - 1] = '\0';
	ck_assert_int_eq(mlk_test_fputs(line, OUT), 0);
	ck_assert_uint_eq(fake_console_writes, 3);
	ck_assert_uint_eq(fake_console_len, 3 * MLK_STDOUT_BUFSIZE);
	mlk_test_putchar('\n');
	ck_assert_uint_eq(fake_console_writes, 4);
	ck_assert_uint_eq(fake_console_len, sizeof(line));
	ck_assert_mem_eq(fake_console, line, sizeof(line) - 1);
	ck_assert_int_eq(fake_console[sizeof(line) - 1], '\n');
}
END_TEST

START_TEST(long_printf_output_is_complete)
{
	char expect[2000];
	int n;

	n = mlk_test_printf("%1500d|%s\n", 7, "end");
	snprintf(expect, sizeof(expect), "%1500d|%s\n", 7, "end");
	ck_assert_int_eq(n, (int)strlen(expect));
	console_is(expect,
		   (1505 + MLK_STDOUT_BUFSIZE - 1) / MLK_STDOUT_BUFSIZE);
}
END_TEST

START_TEST(puts_putchar_fputc_putc)
{
	ck_assert_int_ge(mlk_test_puts("line"), 0);
	ck_assert_int_eq(mlk_test_putchar('x'), 'x');
	/* The character written and returned is (unsigned char)c. */
	ck_assert_int_eq(mlk_test_fputc(0x100 + 'y', OUT), 'y');
	ck_assert_int_eq(mlk_test_putc(-1, OUT), 0xff);
	ck_assert_int_ge(mlk_test_fputs("", OUT), 0);
	ck_assert_int_eq(mlk_test_putchar('\n'), '\n');
	console_is("line\nxy\xff\n", 2);
}
END_TEST

static int call_vprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = mlk_test_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

START_TEST(vprintf_takes_a_va_list)
{
	ck_assert_int_eq(call_vprintf("%s=%u\n", "x", 5u), 4);
	console_is("x=5\n", 1);
}
END_TEST

/* --- stderr, and the order of the two streams. --- */

START_TEST(stderr_goes_out_at_once)
{
	ck_assert_int_eq(mlk_test_fprintf(ERR, "err %d", 1), 5);
	console_is("err 1", 1);
	ck_assert_int_eq(mlk_test_fputc('!', ERR), '!');
	console_is("err 1!", 2);
}
END_TEST

START_TEST(stderr_comes_after_pending_stdout)
{
	mlk_test_printf("out ");
	mlk_test_fputs("err\n", ERR);
	mlk_test_printf("more\n");
	console_is("out err\nmore\n", 3);
}
END_TEST

START_TEST(long_stderr_message_is_complete)
{
	char msg[1000];

	memset(msg, 'e', sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	ck_assert_int_eq(mlk_test_fprintf(ERR, "%s", msg), 999);
	ck_assert_uint_eq(fake_console_len, 999);
	ck_assert_mem_eq(fake_console, msg, 999);
}
END_TEST

/* --- The console refusing or taking a little at a time. --- */

START_TEST(partial_writes_are_resumed)
{
	fake_console_chunk = 3;
	mlk_test_printf("0123456789\n");
	console_is("0123456789\n", 4);
}
END_TEST

START_TEST(refused_output_is_reported_and_dropped)
{
	fake_console_broken = true;
	ck_assert_int_eq(mlk_test_printf("lost\n"), -1);
	ck_assert_int_eq(mlk_test_puts("lost"), EOF);
	ck_assert_int_eq(mlk_test_fputs("lost\n", OUT), EOF);
	ck_assert_int_eq(mlk_test_fputc('\n', OUT), EOF);
	ck_assert_int_eq(mlk_test_fprintf(ERR, "lost"), -1);
	/* Buffered text that cannot go out fails the flush. */
	ck_assert_int_eq(mlk_test_printf("pending"), 7);
	ck_assert_int_eq(mlk_test_fflush(OUT), EOF);
	mlk_test_printf("pending");
	ck_assert_int_eq(mlk_test_fflush(NULL), EOF);
	/* Once the console works again, only new output appears. */
	fake_console_broken = false;
	ck_assert_int_eq(mlk_test_printf("back\n"), 5);
	ck_assert_int_eq(mlk_test_fflush(NULL), 0);
	console_is("back\n", 1);
}
END_TEST

/* --- Formatting into buffers. --- */

START_TEST(snprintf_formats)
{
	char buf[64];

	ck_assert_int_eq(mlk_test_snprintf(buf, sizeof(buf),
					   "%d %u %x %X %o %c %s %%", -12, 34u,
					   0xabu, 0xabu, 8u, 'z', "str"),
			 23);
	ck_assert_str_eq(buf, "-12 34 ab AB 10 z str %");
	mlk_test_snprintf(buf, sizeof(buf), "[%5d|%-5d|%05d|%+d|%.3s]", 42, 42,
			  -42, 7, "abcdef");
	ck_assert_str_eq(buf, "[   42|42   |-0042|+7|abc]");
	mlk_test_snprintf(buf, sizeof(buf), "%lld %zu %lx %p", LLONG_MIN,
			  (size_t)-1, 0xdeadbeefUL, (void *)0x1000);
	ck_assert_str_eq(buf, "-9223372036854775808 18446744073709551615 "
			      "deadbeef 0x1000");
}
END_TEST

START_TEST(snprintf_truncates_and_counts)
{
	char buf[8];

	memset(buf, '#', sizeof(buf));
	ck_assert_int_eq(mlk_test_snprintf(buf, 5, "hello world"), 11);
	ck_assert_mem_eq(buf, "hell\0###", 8);
	ck_assert_int_eq(mlk_test_snprintf(buf, 6, "%s", "hello"), 5);
	ck_assert_str_eq(buf, "hello");
	ck_assert_int_eq(mlk_test_snprintf(buf, 1, "abc"), 3);
	ck_assert_str_eq(buf, "");
	/* Size 0 writes nothing, so the buffer may be NULL. */
	ck_assert_int_eq(mlk_test_snprintf(NULL, 0, "%d", 12345), 5);
	ck_assert_int_eq(mlk_test_snprintf(buf, sizeof(buf), "%s", ""), 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

static int call_vsnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = mlk_test_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static int call_vsprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = mlk_test_vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

START_TEST(sprintf_and_the_v_forms)
{
	char buf[32];

	ck_assert_int_eq(mlk_test_sprintf(buf, "%s-%d", "a", 1), 3);
	ck_assert_str_eq(buf, "a-1");
	ck_assert_int_eq(call_vsprintf(buf, "%x", 255u), 2);
	ck_assert_str_eq(buf, "ff");
	ck_assert_int_eq(call_vsnprintf(buf, 3, "%d", 1234), 4);
	ck_assert_str_eq(buf, "12");
}
END_TEST

/* No floating point: the conversion is shown as it stands. */
START_TEST(unknown_conversion_is_printed_as_is)
{
	char buf[16];
	const char *fmt = "a%fb";

	ck_assert_int_eq(mlk_test_snprintf(buf, sizeof(buf), fmt, 1.0), 4);
	ck_assert_str_eq(buf, "a%fb");
}
END_TEST

/* A result longer than INT_MAX cannot be counted in an int. */
START_TEST(result_beyond_int_max_is_eoverflow)
{
	__mlk_errno = 0;
	ck_assert_int_eq(mlk_test_snprintf(NULL, 0, "%*d%d", INT_MAX, 1, 2),
			 -1);
	ck_assert_int_eq(__mlk_errno, EOVERFLOW);
}
END_TEST

static Suite *libc_stdio_suite(void)
{
	Suite *s = suite_create("libc_stdio");
	TCase *out = tcase_create("stdout");
	TCase *err = tcase_create("stderr");
	TCase *console = tcase_create("console");
	TCase *buffer = tcase_create("buffer");

	tcase_add_test(out, printf_sends_a_complete_line);
	tcase_add_test(out, text_without_newline_waits_for_fflush);
	tcase_add_test(out, lines_of_one_call_go_out_together);
	tcase_add_test(out, text_after_the_last_newline_stays);
	tcase_add_test(out, fflush_null_and_stdio_flush_send_stdout);
	tcase_add_test(out, long_line_goes_out_in_pieces);
	tcase_add_test(out, long_printf_output_is_complete);
	tcase_add_test(out, puts_putchar_fputc_putc);
	tcase_add_test(out, vprintf_takes_a_va_list);
	tcase_add_test(err, stderr_goes_out_at_once);
	tcase_add_test(err, stderr_comes_after_pending_stdout);
	tcase_add_test(err, long_stderr_message_is_complete);
	tcase_add_test(console, partial_writes_are_resumed);
	tcase_add_test(console, refused_output_is_reported_and_dropped);
	tcase_add_test(buffer, snprintf_formats);
	tcase_add_test(buffer, snprintf_truncates_and_counts);
	tcase_add_test(buffer, sprintf_and_the_v_forms);
	tcase_add_test(buffer, unknown_conversion_is_printed_as_is);
	tcase_add_test(buffer, result_beyond_int_max_is_eoverflow);
	/* Formatting 2^31 characters into nothing takes a few seconds. */
	tcase_set_timeout(buffer, 60);
	suite_add_tcase(s, out);
	suite_add_tcase(s, err);
	suite_add_tcase(s, console);
	suite_add_tcase(s, buffer);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(libc_stdio_suite());
	int failed;

	/* Every test starts with empty streams in a process of its own. */
	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
