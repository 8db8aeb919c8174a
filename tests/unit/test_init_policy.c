/*
 * Unit tests of init's restart policy (servers/init/policy.c): the back-off
 * grows to a cap, a healthy run and a requested kill end a row of crashes,
 * and init gives up only at the manifest's limit.
 */
#include "policy.h"

#include <mlk/ipc.h>

#include "unit.h"

#define MS (1000ull * 1000)
#define QUICK (1 * MS) /* a run far shorter than a healthy one */

START_TEST(backoff_doubles_to_a_cap)
{
	static const uint64_t want[] = { 100, 200, 400, 800, 1600, 3200, 3200 };

	for (uint32_t n = 1; n <= 7; n++)
		ck_assert_uint_eq(policy_backoff(n), want[n - 1] * MS);
	ck_assert_uint_eq(policy_backoff(UINT32_MAX), POLICY_MAX_BACKOFF_NS);
}
END_TEST

START_TEST(quick_crashes_grow_the_row_and_the_wait)
{
	uint32_t crashes = 0;
	uint64_t delay = 0;

	for (uint32_t n = 1; n <= 10; n++) {
		ck_assert(policy_restart(&crashes, 0, false, QUICK, &delay));
		ck_assert_uint_eq(crashes, n);
		ck_assert_uint_eq(delay, policy_backoff(n));
	}
}
END_TEST

/* Without give-up=N, init never stops: not after a thousand crashes, not
 * when the count would wrap. */
START_TEST(never_gives_up_without_a_limit)
{
	uint32_t crashes = 0;
	uint64_t delay;

	for (int i = 0; i < 1000; i++)
		ck_assert(policy_restart(&crashes, 0, false, 0, &delay));
	ck_assert_uint_eq(delay, POLICY_MAX_BACKOFF_NS);
	crashes = UINT32_MAX;
	ck_assert(policy_restart(&crashes, 0, false, 0, &delay));
	ck_assert_uint_eq(crashes, UINT32_MAX);
}
END_TEST

START_TEST(gives_up_at_the_manifest_limit)
{
	uint32_t crashes = 0;
	uint64_t delay;

	ck_assert(policy_restart(&crashes, 3, false, QUICK, &delay));
	ck_assert(policy_restart(&crashes, 3, false, QUICK, &delay));
	ck_assert(!policy_restart(&crashes, 3, false, QUICK, &delay));
	ck_assert_uint_eq(crashes, 3);
	crashes = 0;
	ck_assert(!policy_restart(&crashes, 1, false, QUICK, &delay));
}
END_TEST

/* Finding 7 of issue 8: a kill someone asked for is no crash.  Restarted
 * at once, however many came before, and never a reason to give up. */
START_TEST(requested_kills_are_not_crashes)
{
	uint32_t crashes = 0;
	uint64_t delay = 1;

	for (int i = 0; i < 100; i++) {
		ck_assert(policy_restart(&crashes, 1, true, QUICK, &delay));
		ck_assert_uint_eq(crashes, 0);
		ck_assert_uint_eq(delay, 0);
	}
}
END_TEST

/* A requested kill also ends a row of crashes: the service starts afresh. */
START_TEST(requested_kill_ends_the_row)
{
	uint32_t crashes = 0;
	uint64_t delay;

	ck_assert(policy_restart(&crashes, 3, false, QUICK, &delay));
	ck_assert(policy_restart(&crashes, 3, false, QUICK, &delay));
	ck_assert(policy_restart(&crashes, 3, true, QUICK, &delay));
	ck_assert(policy_restart(&crashes, 3, false, QUICK, &delay));
	ck_assert_uint_eq(crashes, 1);
	ck_assert_uint_eq(delay, POLICY_FIRST_BACKOFF_NS);
}
END_TEST

/* A run as long as a healthy one ends the row: its crash is the first of
 * a new one, with the first wait. */
START_TEST(healthy_run_ends_the_row)
{
	uint32_t crashes = 0;
	uint64_t delay;

	for (int i = 0; i < 4; i++)
		ck_assert(policy_restart(&crashes, 5, false, QUICK, &delay));
	ck_assert(
		policy_restart(&crashes, 5, false, POLICY_HEALTHY_NS, &delay));
	ck_assert_uint_eq(crashes, 1);
	ck_assert_uint_eq(delay, POLICY_FIRST_BACKOFF_NS);
	crashes = 4;
	ck_assert(!policy_restart(&crashes, 5, false, POLICY_HEALTHY_NS - 1,
				  &delay));
}
END_TEST

START_TEST(row_as_it_stands)
{
	ck_assert_uint_eq(policy_row(4, 0), 4);
	ck_assert_uint_eq(policy_row(4, POLICY_HEALTHY_NS - 1), 4);
	ck_assert_uint_eq(policy_row(4, POLICY_HEALTHY_NS), 0);
}
END_TEST

START_TEST(poweroff_status_of_an_end)
{
	ck_assert_uint_eq(policy_poweroff_status(0), 0);
	ck_assert_uint_eq(policy_poweroff_status(3), 3);
	ck_assert_uint_eq(policy_poweroff_status(255), 255);
	ck_assert_uint_eq(policy_poweroff_status(MLK_EXIT_FAULTED), 139);
	ck_assert_uint_eq(policy_poweroff_status(MLK_EXIT_KILLED), 137);
	/* Never wrapped: 256 would read as a pass. */
	ck_assert_uint_eq(policy_poweroff_status(256), 255);
	ck_assert_uint_eq(policy_poweroff_status(-3), 255);
	ck_assert_uint_eq(policy_poweroff_status(INT64_MIN), 255);
}
END_TEST

static Suite *policy_suite(void)
{
	Suite *s = suite_create("init_policy");
	TCase *tc = tcase_create("policy");

	tcase_add_test(tc, backoff_doubles_to_a_cap);
	tcase_add_test(tc, quick_crashes_grow_the_row_and_the_wait);
	tcase_add_test(tc, never_gives_up_without_a_limit);
	tcase_add_test(tc, gives_up_at_the_manifest_limit);
	tcase_add_test(tc, requested_kills_are_not_crashes);
	tcase_add_test(tc, requested_kill_ends_the_row);
	tcase_add_test(tc, healthy_run_ends_the_row);
	tcase_add_test(tc, row_as_it_stands);
	tcase_add_test(tc, poweroff_status_of_an_end);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run("init_policy", policy_suite());
}
