/*
 * mlkcheck's runner: the suite's setup, then every TEST the selection
 * names, in the order of their files on the link line and their lines
 * in them, one line each, then the totals and the result line that the
 * .qt files of tests/qemu look for (mlkcheck.h shows the lines).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlkcheck.h"
#include "state.h"

#define MAX_TESTS 512

/* Weak: a program without a single TEST still links (and fails: no
 * test matches). */
extern const struct mlkcheck_test __start_mlkcheck_tests[]
	__attribute__((weak));
extern const struct mlkcheck_test __stop_mlkcheck_tests[] __attribute__((weak));

/* Read by a watchdog thread through mlkcheck_current(). */
static const struct mlkcheck_test *volatile running;

const struct mlkcheck_test *mlkcheck_current(void)
{
	return running;
}

/* ---- choosing and ordering the tests ------------------------------------- */

static bool names(const struct mlkcheck_test *t, const char *what)
{
	size_t glen = strlen(t->group);

	if (!strcmp(what, t->group))
		return true;
	return !strncmp(what, t->group, glen) && what[glen] == '/' &&
	       !strcmp(what + glen + 1, t->name);
}

static bool selected(const struct mlkcheck_test *t, int nselect,
		     char *const *select)
{
	if (nselect <= 0)
		return true;
	for (int i = 0; i < nselect; i++)
		if (names(t, select[i]))
			return true;
	return false;
}

/* Files in link order (their first record in the section), then lines:
 * within a file the compiler may place the records in any order. */
static int file_rank(const struct mlkcheck_test *t)
{
	for (const struct mlkcheck_test *u = __start_mlkcheck_tests; u < t; u++)
		if (u->file == t->file || !strcmp(u->file, t->file))
			return (int)(u - __start_mlkcheck_tests);
	return (int)(t - __start_mlkcheck_tests);
}

static int by_place(const void *a, const void *b)
{
	const struct mlkcheck_test *x = *(const struct mlkcheck_test *const *)a;
	const struct mlkcheck_test *y = *(const struct mlkcheck_test *const *)b;
	int fx = file_rank(x), fy = file_rank(y);

	if (fx != fy)
		return fx - fy;
	return x->line - y->line;
}

static unsigned collect(const struct mlkcheck_test **list, int nselect,
			char *const *select)
{
	unsigned n = 0;

	for (const struct mlkcheck_test *t = __start_mlkcheck_tests;
	     t < __stop_mlkcheck_tests && n < MAX_TESTS; t++)
		if (selected(t, nselect, select))
			list[n++] = t;
	qsort(list, n, sizeof(list[0]), by_place);
	return n;
}

/* ---- running them -------------------------------------------------------- */

static bool run_one(const struct mlkcheck_suite *s,
		    const struct mlkcheck_test *t)
{
	unsigned checks = mlkcheck_state.checks;
	unsigned failures = mlkcheck_state.failures;

	if (s->before)
		s->before(t);
	running = t;
	t->run();
	running = NULL;
	if (s->after)
		s->after(t);
	checks = mlkcheck_state.checks - checks;
	failures = mlkcheck_state.failures - failures;
	/* A test that checked nothing cannot fail: a defect of its own. */
	if (checks == 0) {
		printf("%s: %s/%s: FAIL (no check)\n", s->name, t->group,
		       t->name);
		return false;
	}
	if (failures == 0) {
		printf("%s: %s/%s: ok\n", s->name, t->group, t->name);
		return true;
	}
	printf("%s: %s/%s: FAIL (%u of %u checks)\n", s->name, t->group,
	       t->name, failures, checks);
	return false;
}

static int result(const char *suite, bool pass)
{
	printf("%s: result: %s\n", suite, pass ? "PASS" : "FAIL");
	return pass ? 0 : 1;
}

int mlkcheck_run(const struct mlkcheck_suite *suite, int nselect,
		 char *const *select)
{
	static const struct mlkcheck_test *list[MAX_TESTS];
	unsigned n, passed = 0;

	mlkcheck_state.suite = suite->name;
	if (suite->setup && !suite->setup())
		return result(suite->name, false);
	n = collect(list, nselect, select);
	if (n == 0)
		printf("%s: no test matches the selection\n", suite->name);
	printf("%s: %u test%s\n", suite->name, n, n == 1 ? "" : "s");
	for (unsigned i = 0; i < n; i++)
		passed += run_one(suite, list[i]);
	printf("%s: %u passed, %u failed\n", suite->name, passed, n - passed);
	printf("%s: %u checks, %u failed\n", suite->name, mlkcheck_state.checks,
	       mlkcheck_state.failures);
	return result(suite->name,
		      n && passed == n && mlkcheck_state.failures == 0);
}

void mlkcheck_abort(const char *why)
{
	const struct mlkcheck_test *t = running;

	if (t)
		printf("%s: %s/%s: FAIL (%s)\n", mlkcheck_state.suite, t->group,
		       t->name, why);
	else
		printf("%s: FAIL (%s)\n", mlkcheck_state.suite, why);
	result(mlkcheck_state.suite, false);
	exit(2);
}
