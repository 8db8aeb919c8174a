/*
 * mlktest: the runner.  Started by init (grants log, system, bundle; the
 * poweroff flag), it runs every TEST of the t_*.c files, or those its
 * arguments select, one line each, then the totals and one result line:
 *
 *   mlktest: ipc/call_reply: ok
 *   mlktest: ipc/badge: FAIL (t_ipc.c:120: m.badge == 7 (0 != 0x7))
 *   mlktest: 151 passed, 1 failed
 *   mlktest: result: FAIL
 *
 * Arguments (manifest args=...): group names ("ipc") or single tests
 * ("ipc/call_reply"); none: everything.  After each test the runner checks
 * that the test left as many handles, threads and processes as it found,
 * and a watchdog fails a test that hangs.
 */
#include <mlk/runtime.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlktest.h"

#define MAX_TESTS 512
#define TEST_TIMEOUT_NS (30000 * MS)
#define WATCHDOG_PERIOD_NS (250 * MS)
#define MESSAGE_MAX 200

extern const struct mlktest __start_mlktest_table[];
extern const struct mlktest __stop_mlktest_table[];

/* The test running now and what it found wrong so far (the watchdog
 * reads test and started_ns from its own thread). */
static struct {
	const struct mlktest *volatile test;
	volatile uint64_t started_ns;
	unsigned failures;
	char first[MESSAGE_MAX];
} current;

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

bool mlktest_check(bool ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (ok)
		return true;
	if (current.failures++ == 0) {
		n = snprintf(current.first, sizeof(current.first),
			     "%s:%d: ", base_name(file), line);
		va_start(ap, fmt);
		vsnprintf(current.first + n, sizeof(current.first) - n, fmt,
			  ap);
		va_end(ap);
	}
	return false;
}

const char *mlktest_status_name(mlk_status_t st)
{
	static char other[24];
	static const char *const names[] = {
		[MLK_ERR_UNKNOWN_SYSCALL] = "UNKNOWN_SYSCALL",
		[MLK_ERR_BAD_HANDLE] = "BAD_HANDLE",
		[MLK_ERR_WRONG_TYPE] = "WRONG_TYPE",
		[MLK_ERR_ACCESS_DENIED] = "ACCESS_DENIED",
		[MLK_ERR_BAD_ADDRESS] = "BAD_ADDRESS",
		[MLK_ERR_TOO_BIG] = "TOO_BIG",
		[MLK_ERR_BAD_STATE] = "BAD_STATE",
		[MLK_ERR_NOT_FOUND] = "NOT_FOUND",
		[MLK_ERR_EXISTS] = "EXISTS",
		[MLK_ERR_NO_REPLY] = "NO_REPLY",
		[MLK_ERR_NOT_SUPPORTED] = "NOT_SUPPORTED",
		[MLK_ERR_FAILED] = "FAILED",
		[MLK_ERR_UNAVAILABLE] = "UNAVAILABLE",
		[MLK_ERR_NO_MEMORY] = "NO_MEMORY",
		[MLK_ERR_PEER_CLOSED] = "PEER_CLOSED",
		[MLK_ERR_TIMED_OUT] = "TIMED_OUT",
		[MLK_ERR_CANCELLED] = "CANCELLED",
		[MLK_ERR_NO_RESOURCES] = "NO_RESOURCES",
	};

	if (st == MLK_OK)
		return "OK";
	if (mlk_status_bad_arg_index(st) >= 0) {
		snprintf(other, sizeof(other), "BAD_ARG(%d)",
			 mlk_status_bad_arg_index(st));
		return other;
	}
	if (st > 0 && st < (mlk_status_t)(sizeof(names) / sizeof(names[0])) &&
	    names[st])
		return names[st];
	snprintf(other, sizeof(other), "status %ld", (long)st);
	return other;
}

/* ---- choosing and ordering the tests ------------------------------------- */

static bool selected(const struct mlktest *t, int argc, char **argv)
{
	size_t glen = strlen(t->group);

	if (argc < 2)
		return true;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], t->group))
			return true;
		if (!strncmp(argv[i], t->group, glen) && argv[i][glen] == '/' &&
		    !strcmp(argv[i] + glen + 1, t->name))
			return true;
	}
	return false;
}

/* Files in link order (their first record in the table), then lines. */
static int file_rank(const struct mlktest *t)
{
	for (const struct mlktest *u = __start_mlktest_table; u < t; u++)
		if (u->file == t->file || !strcmp(u->file, t->file))
			return (int)(u - __start_mlktest_table);
	return (int)(t - __start_mlktest_table);
}

static int by_place(const void *a, const void *b)
{
	const struct mlktest *x = *(const struct mlktest *const *)a;
	const struct mlktest *y = *(const struct mlktest *const *)b;
	int fx = file_rank(x), fy = file_rank(y);

	if (fx != fy)
		return fx - fy;
	return x->line - y->line;
}

static unsigned collect(const struct mlktest **list, int argc, char **argv)
{
	unsigned n = 0;

	for (const struct mlktest *t = __start_mlktest_table;
	     t < __stop_mlktest_table && n < MAX_TESTS; t++)
		if (selected(t, argc, argv))
			list[n++] = t;
	qsort(list, n, sizeof(list[0]), by_place);
	return n;
}

/* ---- running one test ---------------------------------------------------- */

/* What a test must leave as it found it. */
struct footprint {
	uint32_t handles;
	uint32_t threads;
	uint64_t processes;
};

static void footprint(struct footprint *f)
{
	struct mlk_process_info pi = { 0 };

	info_self(&pi);
	f->handles = pi.handles;
	f->threads = pi.threads;
	f->processes = info_count(MLK_INFO_PROCESSES);
}

static void check_footprint(const struct mlktest *t,
			    const struct footprint *before)
{
	struct footprint after;

	footprint(&after);
	mlktest_check(after.handles == before->handles, t->file, t->line,
		      "the test left %d handles behind",
		      (int)(after.handles - before->handles));
	mlktest_check(after.threads == before->threads, t->file, t->line,
		      "the test left %d threads behind",
		      (int)(after.threads - before->threads));
	mlktest_check(after.processes == before->processes, t->file, t->line,
		      "the test left %d processes behind",
		      (int)(after.processes - before->processes));
}

static bool run_one(const struct mlktest *t)
{
	struct footprint before;

	footprint(&before);
	current.failures = 0;
	current.first[0] = 0;
	current.started_ns = now_ns();
	current.test = t;
	t->run();
	current.test = NULL;
	check_footprint(t, &before);
	if (current.failures == 0) {
		printf("mlktest: %s/%s: ok\n", t->group, t->name);
		return true;
	}
	if (current.failures == 1)
		printf("mlktest: %s/%s: FAIL (%s)\n", t->group, t->name,
		       current.first);
	else
		printf("mlktest: %s/%s: FAIL (%s; %u more)\n", t->group,
		       t->name, current.first, current.failures - 1);
	return false;
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
		uint64_t started = current.started_ns;
		const struct mlktest *t = current.test;
		uint64_t now = now_ns();
		if (t && now > started + TEST_TIMEOUT_NS && t == current.test &&
		    started == current.started_ns) {
			printf("mlktest: %s/%s: FAIL (hung for %lu s)\n",
			       t->group, t->name,
			       (unsigned long)(TEST_TIMEOUT_NS / 1000000000));
			printf("mlktest: result: FAIL\n");
			exit(2);
		}
	}
}

int main(int argc, char **argv)
{
	static const struct mlktest *list[MAX_TESTS];
	struct worker dog;
	unsigned n, passed = 0;

	if (!mlktest_system() || !mlktest_log() || !mlktest_bundle()) {
		printf("mlktest: needs the grants log, system and bundle\n");
		printf("mlktest: result: FAIL\n");
		return 1;
	}
	n = collect(list, argc, argv);
	if (n == 0)
		printf("mlktest: no test matches the arguments\n");
	printf("mlktest: %u tests, priority %u\n", n,
	       (unsigned)mlktest_priority());
	if (worker_start(&dog, watchdog, NULL, mlktest_priority()) != MLK_OK)
		printf("mlktest: no watchdog: a hang will not be reported\n");
	for (unsigned i = 0; i < n; i++)
		passed += run_one(list[i]);
	printf("mlktest: %u passed, %u failed\n", passed, n - passed);
	printf("mlktest: result: %s\n", n && passed == n ? "PASS" : "FAIL");
	return n && passed == n ? 0 : 1;
}
