/*
 * Issue 8's test of the restart promise: each standard service ended 100
 * times, requested kills and real crashes (MLK_INIT_CRASH: init unmaps
 * its code, the kernel reports the fault) mixed by a fixed seed.  Each
 * round ends every service at once and waits until each runs again; init
 * never gives up on them (the standard manifest sets no give-up) and
 * counts each end as one restart.
 */
#include <stdio.h>

#include "inittest.h"

#define ROUNDS 100

static const char *const standard[] = { "console", "vfs", "initfs", "ramfs",
					"shell" };
#define NSTANDARD (sizeof(standard) / sizeof(standard[0]))

/* One end in four is a crash: rows of crashes stay short, so the test
 * stays quick, and a few still reach the longer back-offs. */
static bool next_is_crash(void)
{
	static uint32_t seed = 8;

	seed = seed * 1103515245u + 12345u;
	return (seed >> 16) % 4 == 0;
}

/* End every standard service once; false if one did not come back. */
static bool end_all(int round, unsigned crashes[NSTANDARD])
{
	uint64_t old[NSTANDARD];
	struct mlk_init_service s;

	for (size_t i = 0; i < NSTANDARD; i++) {
		bool crash = next_is_crash();
		if (!CHECK_ST(service_find(standard[i], &s), MLK_OK))
			return false;
		old[i] = s.pid;
		crashes[i] += crash;
		if (!CHECK_ST(crash ? mlk_init_crash(standard[i])
				    : mlk_init_kill(standard[i]),
			      MLK_OK))
			return false;
	}
	for (size_t i = 0; i < NSTANDARD; i++) {
		if (service_wait(standard[i], old[i], MLK_INIT_RUNNING, &s))
			continue;
		printf("inittest: FAIL round %d: %s not back (state %u, %u "
		       "crashes in a row)\n",
		       round + 1, standard[i], (unsigned)s.state,
		       (unsigned)s.crashes);
		return CHECK(false);
	}
	return true;
}

TEST(stress, every_service_100_times)
{
	unsigned crashes[NSTANDARD] = { 0 };
	struct mlk_init_service s;

	for (int round = 0; round < ROUNDS; round++) {
		/* Later rounds would only repeat a failure. */
		if (!end_all(round, crashes))
			return;
		if ((round + 1) % 25 == 0)
			printf("inittest: stress: %d rounds\n", round + 1);
	}
	for (size_t i = 0; i < NSTANDARD; i++) {
		printf("inittest: %s: %u requested kills, %u crashes\n",
		       standard[i], ROUNDS - crashes[i], crashes[i]);
		CHECK(crashes[i] > 0 && crashes[i] < ROUNDS);
		if (!CHECK_ST(service_find(standard[i], &s), MLK_OK))
			continue;
		CHECK(s.state == MLK_INIT_RUNNING);
		CHECK(s.restarts == ROUNDS);
		CHECK(s.give_up == 0);
	}
}
