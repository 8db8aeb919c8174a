/*
 * mlktest: the runner.  Started by init (grants log, system, bundle; the
 * poweroff flag), it runs every TEST of the t_*.c files, or those its
 * arguments select, through the test library (tests/lib/mlkcheck.h): one
 * line each, then the totals and one result line:
 *
 *   mlktest: ipc/call_reply: ok
 *   mlktest: FAIL t_ipc.c:120: m.badge == 7 (0 != 0x7)
 *   mlktest: ipc/badge: FAIL (1 of 9 checks)
 *   mlktest: 151 passed, 1 failed
 *   mlktest: 2210 checks, 1 failed
 *   mlktest: result: FAIL
 *
 * Arguments (manifest args=...): group names ("ipc") or single tests
 * ("ipc/call_reply"); none: everything.  After each test mlktest checks
 * that the test left as many handles, threads and processes as it found,
 * and a watchdog fails a test that hangs.
 */
#include <mlk/runtime.h>

#include <stdio.h>

#include "mlktest.h"

#define TEST_TIMEOUT_NS (30000 * MS)
#define WATCHDOG_PERIOD_NS (250 * MS)

/* When the test running now started (the watchdog reads it from its own
 * thread). */
static volatile uint64_t started_ns;

/* ---- what a test must leave as it found it ------------------------------- */

struct footprint {
	uint32_t handles;
	uint32_t threads;
	uint64_t processes;
};

static struct footprint before;

static void footprint(struct footprint *f)
{
	struct mlk_process_info pi = { 0 };

	info_self(&pi);
	f->handles = pi.handles;
	f->threads = pi.threads;
	f->processes = info_count(MLK_INFO_PROCESSES);
}

static void before_test(const struct mlkcheck_test *t)
{
	(void)t;
	footprint(&before);
	started_ns = now_ns();
}

static void after_test(const struct mlkcheck_test *t)
{
	struct footprint after;

	footprint(&after);
	mlkcheck_check(after.handles == before.handles, t->file, t->line,
		       "the test left %d handles behind",
		       (int)(after.handles - before.handles));
	mlkcheck_check(after.threads == before.threads, t->file, t->line,
		       "the test left %d threads behind",
		       (int)(after.threads - before.threads));
	mlkcheck_check(after.processes == before.processes, t->file, t->line,
		       "the test left %d processes behind",
		       (int)(after.processes - before.processes));
}

/* ---- the watchdog -------------------------------------------------------- */

/* A test that blocks for good would hang the run: say which and end. */
static void watchdog(void *arg)
{
	(void)arg;
	for (;;) {
		mlk_sleep(now_ns() + WATCHDOG_PERIOD_NS);
		/* The runner may go on to the next test between these reads
		 * (we share the CPU with it): believe them only if test and
		 * start are still the same after the clock was read. */
		uint64_t started = started_ns;
		const struct mlkcheck_test *t = mlkcheck_current();
		uint64_t now = now_ns();
		if (t && now > started + TEST_TIMEOUT_NS &&
		    t == mlkcheck_current() && started == started_ns) {
			char why[32];
			snprintf(why, sizeof(why), "hung for %lu s",
				 (unsigned long)(TEST_TIMEOUT_NS / 1000000000));
			mlkcheck_abort(why);
		}
	}
}

static bool setup(void)
{
	static struct worker dog;

	if (!mlktest_system() || !mlktest_log() || !mlktest_bundle()) {
		printf("mlktest: needs the grants log, system and bundle\n");
		return false;
	}
	printf("mlktest: priority %u\n", (unsigned)mlktest_priority());
	if (worker_start(&dog, watchdog, NULL, mlktest_priority()) != MLK_OK)
		printf("mlktest: no watchdog: a hang will not be reported\n");
	return true;
}

int main(int argc, char **argv)
{
	static const struct mlkcheck_suite suite = {
		.name = "mlktest",
		.setup = setup,
		.before = before_test,
		.after = after_test,
	};

	return mlkcheck_run(&suite, argc - 1, argv + 1);
}
