/*
 * What the checks (check.c) and the runner (run.c) share: the suite's
 * name and the counts.  Checks may run on any thread of the test; a
 * count lost to a race is a wrong total, never a passed failure, since
 * the thread that failed also prints its line.
 */
#ifndef MLK_TESTS_LIB_STATE_H
#define MLK_TESTS_LIB_STATE_H

struct mlkcheck_state {
	const char *suite;
	volatile unsigned checks;
	volatile unsigned failures;
};

extern struct mlkcheck_state mlkcheck_state;

#endif
