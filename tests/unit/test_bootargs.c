/*
 * Unit tests of the boot argument parser, kernel/core/bootargs.c.
 */
#include "bootargs.h"

#include "unit.h"

/* Look `key` up and return its value as a string ("" when bare), or NULL. */
static const char *value_of(const char *key)
{
	static char out[256];
	const char *v;
	size_t n;

	if (!bootarg_get(key, &v, &n))
		return NULL;
	ck_assert_uint_lt(n, sizeof(out));
	memcpy(out, v, n);
	out[n] = 0;
	return out;
}

START_TEST(bare_key_has_empty_value)
{
	bootargs_init("quiet mlk.selftest");
	ck_assert_str_eq(value_of("quiet"), "");
	ck_assert_str_eq(value_of("mlk.selftest"), "");
}
END_TEST

START_TEST(key_value_pairs)
{
	bootargs_init("console=ttyAMA0 mlk.selftest=pmm,heap root=/dev/vda");
	ck_assert_str_eq(value_of("console"), "ttyAMA0");
	ck_assert_str_eq(value_of("mlk.selftest"), "pmm,heap");
	ck_assert_str_eq(value_of("root"), "/dev/vda");
	ck_assert_ptr_null(value_of("missing"));
}
END_TEST

START_TEST(value_keeps_later_equals_signs)
{
	bootargs_init("opt=a=b");
	ck_assert_str_eq(value_of("opt"), "a=b");
	ck_assert_ptr_null(value_of("a"));
}
END_TEST

START_TEST(tabs_and_newlines_separate_words)
{
	bootargs_init("\t a=1\tb=2\n c \n");
	ck_assert_str_eq(value_of("a"), "1");
	ck_assert_str_eq(value_of("b"), "2");
	ck_assert_str_eq(value_of("c"), "");
}
END_TEST

START_TEST(quoted_value_holds_spaces)
{
	bootargs_init("a=1 name=\"hello big world\" b=2");
	ck_assert_str_eq(value_of("name"), "hello big world");
	/* The words after the closing quote are still found. */
	ck_assert_str_eq(value_of("b"), "2");
	ck_assert_ptr_null(value_of("big"));
	ck_assert_ptr_null(value_of("world\""));
}
END_TEST

START_TEST(empty_quoted_value)
{
	bootargs_init("name=\"\" b=2");
	ck_assert_str_eq(value_of("name"), "");
	ck_assert_str_eq(value_of("b"), "2");
}
END_TEST

START_TEST(unterminated_quote_runs_to_the_end)
{
	bootargs_init("a=1 name=\"open ended b=2");
	ck_assert_str_eq(value_of("name"), "open ended b=2");
	ck_assert_ptr_null(value_of("b"));
}
END_TEST

START_TEST(last_occurrence_wins)
{
	bootargs_init("mlk.log=1 x mlk.log=2 mlk.log=3 y");
	ck_assert_str_eq(value_of("mlk.log"), "3");
	bootargs_init("flag=1 flag");
	ck_assert_str_eq(value_of("flag"), "");
}
END_TEST

START_TEST(prefix_of_a_key_does_not_match)
{
	bootargs_init("mlk.debugging=1 mlk=2x");
	ck_assert_ptr_null(value_of("mlk.debug"));
	ck_assert_ptr_null(value_of("mlk.debugging2"));
	ck_assert_str_eq(value_of("mlk"), "2x");
	ck_assert_str_eq(value_of("mlk.debugging"), "1");
}
END_TEST

START_TEST(is_compares_the_whole_value)
{
	bootargs_init("mlk.panic=poweroff mlk.bare");
	ck_assert(bootarg_is("mlk.panic", "poweroff"));
	ck_assert(!bootarg_is("mlk.panic", "power"));
	ck_assert(!bootarg_is("mlk.panic", "poweroffx"));
	ck_assert(!bootarg_is("mlk.panic", ""));
	ck_assert(bootarg_is("mlk.bare", ""));
	ck_assert(!bootarg_is("mlk.absent", ""));
}
END_TEST

START_TEST(copy_fits)
{
	char buf[8];

	bootargs_init("k=\"a b c\" e");
	memset(buf, 'x', sizeof(buf));
	ck_assert(bootarg_copy("k", buf, 6)); /* 5 characters and the NUL */
	ck_assert_str_eq(buf, "a b c");
	ck_assert(bootarg_copy("e", buf, 1));
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(copy_too_long_fails_untouched)
{
	char buf[8];

	bootargs_init("k=abcde");
	memset(buf, 'x', sizeof(buf));
	ck_assert(!bootarg_copy("k", buf, 5)); /* no room for the NUL */
	ck_assert(!bootarg_copy("k", buf, 0));
	for (size_t i = 0; i < sizeof(buf); i++)
		ck_assert_int_eq(buf[i], 'x');
}
END_TEST

START_TEST(copy_absent_fails)
{
	char buf[8] = "keep";

	bootargs_init("k=1");
	ck_assert(!bootarg_copy("other", buf, sizeof(buf)));
	ck_assert_str_eq(buf, "keep");
}
END_TEST

START_TEST(empty_and_null_cmdline)
{
	const char *v = NULL;
	size_t n = 99;

	ck_assert_str_eq(bootargs_cmdline(), ""); /* before any init */
	bootargs_init("");
	ck_assert(!bootarg_get("a", &v, &n));
	bootargs_init("   \t\n ");
	ck_assert(!bootarg_get("a", &v, &n));
	bootargs_init(NULL);
	ck_assert_str_eq(bootargs_cmdline(), "");
	ck_assert(!bootarg_get("a", &v, &n));
	ck_assert_ptr_null(v);
	ck_assert_uint_eq(n, 99);
}
END_TEST

START_TEST(cmdline_is_kept)
{
	static const char line[] = "a=1 b";

	bootargs_init(line);
	ck_assert_ptr_eq(bootargs_cmdline(), line);
}
END_TEST

static Suite *bootargs_suite(void)
{
	Suite *s = suite_create("bootargs");
	TCase *get = tcase_create("get");
	TCase *helpers = tcase_create("helpers");

	tcase_add_test(get, bare_key_has_empty_value);
	tcase_add_test(get, key_value_pairs);
	tcase_add_test(get, value_keeps_later_equals_signs);
	tcase_add_test(get, tabs_and_newlines_separate_words);
	tcase_add_test(get, quoted_value_holds_spaces);
	tcase_add_test(get, empty_quoted_value);
	tcase_add_test(get, unterminated_quote_runs_to_the_end);
	tcase_add_test(get, last_occurrence_wins);
	tcase_add_test(get, prefix_of_a_key_does_not_match);
	tcase_add_test(get, empty_and_null_cmdline);
	tcase_add_test(get, cmdline_is_kept);
	suite_add_tcase(s, get);

	tcase_add_test(helpers, is_compares_the_whole_value);
	tcase_add_test(helpers, copy_fits);
	tcase_add_test(helpers, copy_too_long_fails_untouched);
	tcase_add_test(helpers, copy_absent_fails);
	suite_add_tcase(s, helpers);
	return s;
}

int main(void)
{
	return unit_run("bootargs", bootargs_suite());
}
