/*
 * Unit tests of init's boot arguments for services
 * (servers/init/bootargs.c): NAME.KEY=VALUE words reach NAME only, as
 * --KEY=VALUE after its own arguments, in order, quotes kept; a whole
 * that does not fit leaves the service's own arguments alone.
 */
#include "bootargs.h"

#include "unit.h"

static char out[64];

static const char *expand(const char *name, const char *args,
			  const char *cmdline)
{
	ck_assert(bootargs_for_service(name, args, cmdline, out, sizeof(out)));
	return out;
}

START_TEST(words_for_the_service_follow_its_arguments)
{
	ck_assert_str_eq(expand("net", "", ""), "");
	ck_assert_str_eq(expand("net", "", "net.addr=10.0.2.15/24"),
			 "--addr=10.0.2.15/24");
	ck_assert_str_eq(expand("net", "7", "net.addr=a  net.dns=b:53"),
			 "7 --addr=a --dns=b:53");
	/* A word without a value is a flag. */
	ck_assert_str_eq(expand("net", "", "\tnet.dhcp\n"), "--dhcp");
}
END_TEST

START_TEST(other_words_are_left_out)
{
	ck_assert_str_eq(expand("net", "x",
				"mlk.selftest=1 network.a=1 "
				"ne.a=1 net net. net.=v fat.a=2"),
			 "x");
	/* The name is the whole of what precedes the dot. */
	ck_assert_str_eq(expand("net0", "", "net.a=1 net0.b=2"), "--b=2");
}
END_TEST

START_TEST(quoted_blanks_stay_in_the_word)
{
	ck_assert_str_eq(expand("kv", "", "kv.motd=\"a b\" kv.c=d"),
			 "--motd=\"a b\" --c=d");
	/* An open quote runs to the end of the line. */
	ck_assert_str_eq(expand("kv", "", "kv.x=\"a b"), "--x=\"a b");
}
END_TEST

START_TEST(too_long_leaves_its_own_arguments)
{
	char small[16];

	ck_assert(bootargs_for_service("net", "abc", "net.a=1", small,
				       sizeof(small)));
	ck_assert_str_eq(small, "abc --a=1");
	ck_assert(!bootargs_for_service("net", "abc", "net.a=1 net.b=22", small,
					sizeof(small)));
	ck_assert_str_eq(small, "abc");
	/* Exactly full: 15 bytes and the NUL. */
	ck_assert(bootargs_for_service("net", "abcdefghi", "net.a=1", small,
				       sizeof(small)));
	ck_assert_str_eq(small, "abcdefghi --a=1");
}
END_TEST

START_TEST(arguments_that_do_not_fit_give_nothing)
{
	char small[4];

	ck_assert(
		!bootargs_for_service("net", "abcd", "", small, sizeof(small)));
	ck_assert_str_eq(small, "");
	ck_assert(!bootargs_for_service("net", "", "", small, 0));
}
END_TEST

static Suite *bootargs_suite(void)
{
	Suite *s = suite_create("init_bootargs");
	TCase *tc = tcase_create("bootargs");

	tcase_add_test(tc, words_for_the_service_follow_its_arguments);
	tcase_add_test(tc, other_words_are_left_out);
	tcase_add_test(tc, quoted_blanks_stay_in_the_word);
	tcase_add_test(tc, too_long_leaves_its_own_arguments);
	tcase_add_test(tc, arguments_that_do_not_fit_give_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run("init_bootargs", bootargs_suite());
}
