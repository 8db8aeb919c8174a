/*
 * Unit tests of the test library of the user-space suites (tests/lib/):
 * the lines it prints, the counts, selection, the order of the tests,
 * the suite's hooks, and that a failed check fails its test and the run.
 * The library is compiled for the build machine with libmlk's
 * mlk_status_str; its output is caught in a temporary file.
 */
#include "mlkcheck.h"

#include "unit.h"

/* ---- the tests the library runs ------------------------------------------ */

static int order[8];
static int ran;
static int bad_values_line, bad_status_line;

TEST(good, first)
{
	order[ran++] = 1;
	CHECK(1 + 1 == 2);
	CHECK_OK(MLK_OK);
}

TEST(good, second)
{
	order[ran++] = 2;
	CHECK_EQ(3, 3);
	CHECK_NE(3, 4);
}

TEST(bad, values)
{
	order[ran++] = 3;
	/* A failed check returns false and the test goes on. */
	ck_assert(!CHECK_EQ(2, 3));
	bad_values_line = __LINE__ - 1;
	ck_assert(CHECK(true));
}

TEST(bad, status)
{
	CHECK_ST(MLK_ERR_BAD_ARG(1), MLK_OK);
	bad_status_line = __LINE__ - 1;
}

TEST(empty, checks_nothing)
{
	order[ran++] = 4;
}

/* What mlktest's watchdog does with a test that hangs. */
TEST(stuck, aborts)
{
	CHECK(true);
	mlkcheck_abort("hung for 30 s");
}

/* ---- running them, output caught ----------------------------------------- */

static char out[4096];

/* Run `suite` with the selection; its exit code, its lines in out. */
static int run_caught(const struct mlkcheck_suite *suite, int n,
		      char *const *select)
{
	FILE *tmp = tmpfile();
	int saved = dup(STDOUT_FILENO), code;
	size_t len;

	ck_assert(tmp && saved >= 0);
	fflush(stdout);
	dup2(fileno(tmp), STDOUT_FILENO);
	code = mlkcheck_run(suite, n, select);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	rewind(tmp);
	len = fread(out, 1, sizeof(out) - 1, tmp);
	out[len] = 0;
	fclose(tmp);
	return code;
}

static const struct mlkcheck_suite plain = { .name = "unit" };

START_TEST(passing_tests_print_ok_and_pass)
{
	ck_assert_int_eq(run_caught(&plain, 1, (char *[]){ "good" }), 0);
	ck_assert_str_eq(out, "unit: 2 tests\n"
			      "unit: good/first: ok\n"
			      "unit: good/second: ok\n"
			      "unit: 2 passed, 0 failed\n"
			      "unit: 4 checks, 0 failed\n"
			      "unit: result: PASS\n");
	ck_assert_int_eq(ran, 2);
	ck_assert_int_eq(order[0], 1);
	ck_assert_int_eq(order[1], 2);
}
END_TEST

START_TEST(a_failed_check_fails_its_test_and_the_run)
{
	char want[512];

	ck_assert_int_eq(run_caught(&plain, 1, (char *[]){ "bad/values" }), 1);
	snprintf(want, sizeof(want),
		 "unit: 1 test\n"
		 "unit: FAIL test_mlkcheck.c:%d: 2 == 3 (0x2 != 0x3)\n"
		 "unit: bad/values: FAIL (1 of 2 checks)\n"
		 "unit: 0 passed, 1 failed\n"
		 "unit: 2 checks, 1 failed\n"
		 "unit: result: FAIL\n",
		 bad_values_line);
	ck_assert_str_eq(out, want);
}
END_TEST

START_TEST(a_status_check_names_both_statuses)
{
	char want[128];

	ck_assert_int_eq(run_caught(&plain, 1, (char *[]){ "bad/status" }), 1);
	snprintf(want, sizeof(want),
		 "unit: FAIL test_mlkcheck.c:%d: MLK_ERR_BAD_ARG(1) -> "
		 "bad argument (111), want ok (0)\n",
		 bad_status_line);
	ck_assert_ptr_nonnull(strstr(out, want));
}
END_TEST

/* Every test but the one that aborts, in the order of their lines. */
START_TEST(tests_run_in_the_order_of_their_lines)
{
	ck_assert_int_eq(
		run_caught(&plain, 3, (char *[]){ "empty", "bad", "good" }), 1);
	ck_assert_int_eq(ran, 4);
	ck_assert_int_eq(order[2], 3);
	ck_assert_int_eq(order[3], 4);
	ck_assert_ptr_nonnull(strstr(out, "unit: 5 tests\n"));
	ck_assert_ptr_nonnull(strstr(out, "unit: 2 passed, 3 failed\n"));
	ck_assert_ptr_nonnull(strstr(out, "unit: 7 checks, 2 failed\n"));
	ck_assert_ptr_nonnull(strstr(out, "unit: result: FAIL\n"));
}
END_TEST

/* The run fails though no check did. */
START_TEST(a_test_without_a_check_fails)
{
	ck_assert_int_eq(run_caught(&plain, 1, (char *[]){ "empty" }), 1);
	ck_assert_str_eq(out, "unit: 1 test\n"
			      "unit: empty/checks_nothing: FAIL (no check)\n"
			      "unit: 0 passed, 1 failed\n"
			      "unit: 0 checks, 0 failed\n"
			      "unit: result: FAIL\n");
}
END_TEST

START_TEST(a_selection_that_matches_nothing_fails)
{
	ck_assert_int_eq(run_caught(&plain, 2, (char *[]){ "goo", "good/" }),
			 1);
	ck_assert_str_eq(out, "unit: no test matches the selection\n"
			      "unit: 0 tests\n"
			      "unit: 0 passed, 0 failed\n"
			      "unit: 0 checks, 0 failed\n"
			      "unit: result: FAIL\n");
	ck_assert_int_eq(ran, 0);
}
END_TEST

/* ---- the hooks ------------------------------------------------------------
 */

static const struct mlkcheck_test *seen_before, *seen_during;
static int befores, afters;

static void before_test(const struct mlkcheck_test *t)
{
	seen_before = t;
	befores++;
	ck_assert_ptr_null(mlkcheck_current());
}

/* What a suite checks after each test counts for that test. */
static void after_test(const struct mlkcheck_test *t)
{
	seen_during = t;
	afters++;
	mlkcheck_check(false, t->file, t->line, "left %d behind", 1);
}

static bool setup_fails(void)
{
	return false;
}

START_TEST(after_hook_checks_count_for_the_test)
{
	static const struct mlkcheck_suite hooked = {
		.name = "hooked",
		.before = before_test,
		.after = after_test,
	};

	ck_assert_int_eq(run_caught(&hooked, 1, (char *[]){ "good/second" }),
			 1);
	ck_assert_int_eq(befores, 1);
	ck_assert_int_eq(afters, 1);
	ck_assert_str_eq(seen_before->name, "second");
	ck_assert_ptr_eq(seen_during, seen_before);
	ck_assert_ptr_nonnull(strstr(out, ": left 1 behind\n"));
	ck_assert_ptr_nonnull(
		strstr(out, "hooked: good/second: FAIL (1 of 3 checks)\n"));
	ck_assert_ptr_null(mlkcheck_current());
}
END_TEST

START_TEST(a_failed_setup_runs_nothing)
{
	static const struct mlkcheck_suite broken = { .name = "broken",
						      .setup = setup_fails };

	ck_assert_int_eq(run_caught(&broken, 0, NULL), 1);
	ck_assert_str_eq(out, "broken: result: FAIL\n");
	ck_assert_int_eq(ran, 0);
}
END_TEST

/* The abort ends the program: run it in a child, read what it printed. */
START_TEST(an_abort_fails_the_test_and_ends_the_run)
{
	int fds[2], status;
	ssize_t len;
	pid_t pid;

	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		mlkcheck_run(&plain, 1, (char *[]){ "stuck" });
		_exit(0); /* not reached: the abort exits with 2 */
	}
	close(fds[1]);
	len = read(fds[0], out, sizeof(out) - 1);
	out[len > 0 ? len : 0] = 0;
	close(fds[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 2);
	ck_assert_str_eq(out, "unit: 1 test\n"
			      "unit: stuck/aborts: FAIL (hung for 30 s)\n"
			      "unit: result: FAIL\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mlkcheck");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, passing_tests_print_ok_and_pass);
	tcase_add_test(tc, a_failed_check_fails_its_test_and_the_run);
	tcase_add_test(tc, a_status_check_names_both_statuses);
	tcase_add_test(tc, tests_run_in_the_order_of_their_lines);
	tcase_add_test(tc, a_test_without_a_check_fails);
	tcase_add_test(tc, a_selection_that_matches_nothing_fails);
	tcase_add_test(tc, after_hook_checks_count_for_the_test);
	tcase_add_test(tc, a_failed_setup_runs_nothing);
	tcase_add_test(tc, an_abort_fails_the_test_and_ends_the_run);
	suite_add_tcase(s, tc);
	return unit_run("mlkcheck", s);
}
