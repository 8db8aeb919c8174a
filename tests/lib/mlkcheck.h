/*
 * mlkcheck: the test library of the user-space suites that run under QEMU
 * (mlktest, fstest, inittest, console-test, sysfuzz-driver).
 *
 * A test is a function declared with TEST(group, name); the macro puts a
 * record of it in the section "mlkcheck_tests", which the runner
 * (run.c) walks in the order the files were linked, then by line.  A
 * check records a failure, prints it and goes on; each returns whether
 * it held, so that a test can stop early (after closing what it opened)
 * when going on makes no sense.  Every line starts with the suite's
 * name:
 *
 *   fstest: 32 tests
 *   fstest: names/schemes: ok
 *   fstest: FAIL t_names.c:58: mlk_fs_stat(u, &st) -> ok (0), want ...
 *   fstest: names/flags: FAIL (1 of 23 checks)
 *   ...
 *   fstest: 31 passed, 1 failed
 *   fstest: 1060 checks, 1 failed
 *   fstest: result: FAIL
 */
#ifndef MLK_TESTS_LIB_MLKCHECK_H
#define MLK_TESTS_LIB_MLKCHECK_H

#include <mlk/status.h>

#include <stdbool.h>
#include <stdint.h>

/* ---- tests --------------------------------------------------------------- */

struct mlkcheck_test {
	const char *group;
	const char *name;
	const char *file;
	int line;
	void (*run)(void);
};

/* Each TEST leaves a struct mlkcheck_test in this section; the linker
 * makes __start_ and __stop_ symbols for it. */
#define MLKCHECK_SECTION                                                       \
	__attribute__((used, section("mlkcheck_tests"), aligned(8)))
#define MLKCHECK_FN(group, name) mlkcheck_##group##_##name

#define TEST(group, name)                                                      \
	static void MLKCHECK_FN(group, name)(void);                            \
	static const struct mlkcheck_test mlkcheck_entry_##group##_##name      \
		MLKCHECK_SECTION = { #group, #name, __FILE__, __LINE__,        \
				     MLKCHECK_FN(group, name) };               \
	static void MLKCHECK_FN(group, name)(void)

/* ---- checks -------------------------------------------------------------- */

/* Count a check; if !ok, count a failure and print "FAIL file:line: "
 * and the message.  Returns ok. */
bool mlkcheck_check(bool ok, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A status in a message: printf("... " MLKCHECK_ST_FMT, MLKCHECK_ST(st)),
 * its words (mlk_status_str) and its number, which tells the argument of
 * a MLK_ERR_BAD_ARG. */
#define MLKCHECK_ST_FMT "%s (%ld)"
#define MLKCHECK_ST(st) mlk_status_str(st), (long)(st)

#define CHECK(expr) mlkcheck_check(!!(expr), __FILE__, __LINE__, "%s", #expr)

#define CHECK_EQ(a, b)                                                         \
	({                                                                     \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);               \
		mlkcheck_check(a_ == b_, __FILE__, __LINE__,                   \
			       "%s == %s (%#lx != %#lx)", #a, #b,              \
			       (unsigned long)a_, (unsigned long)b_);          \
	})

#define CHECK_NE(a, b)                                                         \
	({                                                                     \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);               \
		mlkcheck_check(a_ != b_, __FILE__, __LINE__,                   \
			       "%s != %s (both %#lx)", #a, #b,                 \
			       (unsigned long)a_);                             \
	})

/* A status: CHECK_ST(mlk_x(...), MLK_ERR_BAD_HANDLE). */
#define CHECK_ST(expr, want)                                                   \
	({                                                                     \
		mlk_status_t got_ = (expr), want_ = (want);                    \
		mlkcheck_check(got_ == want_, __FILE__, __LINE__,              \
			       "%s -> " MLKCHECK_ST_FMT                        \
			       ", want " MLKCHECK_ST_FMT,                      \
			       #expr, MLKCHECK_ST(got_), MLKCHECK_ST(want_));  \
	})
#define CHECK_OK(expr) CHECK_ST(expr, MLK_OK)

/* ---- the runner ---------------------------------------------------------- */

/* A suite: its name, the prefix of every line, and what it does around
 * its tests (each hook may be NULL). */
struct mlkcheck_suite {
	const char *name;
	/* Before the first test; false ends the run with result FAIL. */
	bool (*setup)(void);
	/* Around each test: after() may check what the test left. */
	void (*before)(const struct mlkcheck_test *t);
	void (*after)(const struct mlkcheck_test *t);
};

/*
 * Run the suite: setup, then every TEST, or those `select` names (group
 * names such as "ipc", or single tests such as "ipc/call_reply"), one
 * line each, then the totals and "<suite>: result: PASS" or "FAIL".
 * Returns main's exit code: 0 if every selected test passed (and there
 * was one), else 1.
 */
int mlkcheck_run(const struct mlkcheck_suite *suite, int nselect,
		 char *const *select);

/* The test running now; NULL between tests. */
const struct mlkcheck_test *mlkcheck_current(void);

/* End the whole run at once, from any thread (a watchdog): the current
 * test fails with `why`, then "result: FAIL", and the program exits. */
__attribute__((noreturn)) void mlkcheck_abort(const char *why);

/* The suite's name as mlkcheck_run was given it ("mlkcheck" before). */
const char *mlkcheck_suite_name(void);

#endif
