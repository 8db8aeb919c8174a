/*
 * The restart policy through init's control protocol: requested kills are
 * no crashes (issue 8, finding 7, as reported), a run gives a service
 * what its manifest entry says (finding 6) or, for a program the
 * manifest does not name, the defaults, and give-up=N is the manifest's
 * to set.  probe's entry (local.mk): prio=33, quota=3M, restart,
 * give-up=2, grant=log, grant=bundle, args "one two".
 */
#include <string.h>

#include <mlk/msg.h>
#include <mlk/names.h>
#include <mlk/runtime.h>

#include "inittest.h"
#include "probe.h"

#define PROBE_PRIORITY 33
#define PROBE_QUOTA (3ull << 20)
#define PROBE_GIVE_UP 2
#define PROBE_KINDS                                                            \
	((1u << MLK_START_LOG) | (1u << MLK_START_BUNDLE) |                    \
	 (1u << MLK_START_NAMES))
#define UNLISTED_PRIORITY 32
#define UNLISTED_QUOTA (32ull << 20) /* init's default */
#define LOOKUP_NS (10000 * NS_PER_MS)

/* As reported: `kill vfs` six times, a second apart, made init count six
 * crashes and give up on the vfs for good. */
TEST(policy, requested_kills)
{
	struct mlk_init_service s;
	uint32_t before;

	if (!CHECK_ST(service_find("vfs", &s), MLK_OK))
		return;
	before = s.restarts;
	for (int i = 0; i < 6; i++) {
		CHECK_ST(mlk_init_kill("vfs"), MLK_OK);
		if (!CHECK(service_wait("vfs", s.pid, MLK_INIT_RUNNING, &s)))
			return;
		CHECK(s.crashes == 0);
		CHECK(s.exit_code == MLK_EXIT_KILLED);
		/* The report's pace; nothing is measured. */
		mlk_sleep(mlk_deadline_in(1000 * NS_PER_MS));
	}
	CHECK(s.restarts == before + 6);
}

/* What a run of probe (or loose) says it got, and what the kernel and
 * init's list say. */
struct expected {
	uint32_t kinds; /* of its start handles */
	const char *args;
	uint32_t priority;
	uint64_t quota;
	uint32_t give_up;
	uint32_t flags; /* enum mlk_init_flags */
};

static void expect_run(const char *name, const struct expected *want)
{
	struct mlk_msg m = { .label = PROBE_REPORT };
	char got[PROBE_ARGS_WORDS * 8] = "";
	struct mlk_init_service s;
	uint64_t quota = 0;
	uint32_t priority = 0;
	mlk_handle_t h;

	if (!CHECK(service_wait(name, 0, MLK_INIT_RUNNING, &s)))
		return;
	CHECK(s.flags == want->flags);
	CHECK(s.priority == want->priority);
	CHECK(s.give_up == want->give_up);
	CHECK(process_facts(s.pid, &quota, &priority));
	CHECK(quota == want->quota);
	CHECK(priority == want->priority);
	if (!CHECK_ST(mlk_names_lookup(name, mlk_deadline_in(LOOKUP_NS), &h),
		      MLK_OK))
		return;
	CHECK_ST(mlk_msg_call(h, &m, 0), MLK_OK);
	CHECK(m.label == MLK_OK && m.w[0] == want->kinds);
	CHECK(mlk_msg_get_string(&m, 1, PROBE_ARGS_WORDS, got, sizeof(got)));
	CHECK(!strcmp(got, want->args));
	mlk_handle_close(h);
}

/* probe as its manifest entry says, with `args`. */
static void expect_probe(const char *args)
{
	const struct expected want = {
		.kinds = PROBE_KINDS,
		.args = args,
		.priority = PROBE_PRIORITY,
		.quota = PROBE_QUOTA,
		.give_up = PROBE_GIVE_UP,
		.flags = MLK_INIT_IN_MANIFEST | MLK_INIT_RESTARTS,
	};

	expect_run(PROBE_NAME, &want);
}

/* A real crash of probe; its entry after it, in `state`. */
static void crash_probe(uint32_t state, struct mlk_init_service *s)
{
	uint64_t pid = 0;

	if (service_find(PROBE_NAME, s) == MLK_OK)
		pid = s->pid;
	CHECK_ST(mlk_init_crash(PROBE_NAME), MLK_OK);
	CHECK(service_wait(PROBE_NAME, pid, state, s));
	CHECK(s->exit_code == MLK_EXIT_FAULTED);
}

/* Crash it as often as its entry allows: init gives up. */
static void crash_until_given_up(void)
{
	struct mlk_init_service s;

	crash_probe(MLK_INIT_RUNNING, &s);
	CHECK(s.crashes == 1);
	crash_probe(MLK_INIT_GAVE_UP, &s);
	CHECK(s.crashes == PROBE_GIVE_UP && s.pid == 0);
}

TEST(policy, run_as_manifest)
{
	struct mlk_init_service s;
	uint64_t pid = 0;

	expect_probe("one two"); /* as init started it at boot */
	CHECK_ST(mlk_init_run(PROBE_NAME, NULL, NULL), MLK_ERR_EXISTS);
	crash_until_given_up();
	/* run: its entry's priority, quota, grants and arguments, and under
	 * supervision again (a crash is restarted). */
	CHECK_ST(mlk_init_run(PROBE_NAME, NULL, &pid), MLK_OK);
	expect_probe("one two");
	CHECK(service_find(PROBE_NAME, &s) == MLK_OK && s.pid == pid &&
	      s.crashes == 0);
	crash_probe(MLK_INIT_RUNNING, &s);
	expect_probe("one two");
	/* A requested kill ends the row of crashes. */
	CHECK_ST(mlk_init_kill(PROBE_NAME), MLK_OK);
	CHECK(service_wait(PROBE_NAME, s.pid, MLK_INIT_RUNNING, &s));
	CHECK(s.crashes == 0 && s.exit_code == MLK_EXIT_KILLED);
	/* New arguments replace the entry's; the rest stays its own, and
	 * so do the arguments of a restart after it. */
	crash_until_given_up();
	CHECK_ST(mlk_init_run(PROBE_NAME, "three", &pid), MLK_OK);
	expect_probe("three");
	CHECK_ST(mlk_init_kill(PROBE_NAME), MLK_OK);
	CHECK(service_wait(PROBE_NAME, pid, MLK_INIT_RUNNING, &s));
	expect_probe("three");
}

/* loose is in the bundle but not in the manifest: init does not start it
 * at boot, and run gives it priority 32, init's default quota, the log
 * grant (and names, as every program) and no restarts. */
TEST(policy, run_unlisted)
{
	const struct expected want = {
		.kinds = (1u << MLK_START_LOG) | (1u << MLK_START_NAMES),
		.args = "a b",
		.priority = UNLISTED_PRIORITY,
		.quota = UNLISTED_QUOTA,
	};
	struct mlk_init_service s;
	uint64_t pid = 0;

	CHECK_ST(service_find(LOOSE_NAME, &s), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_init_run(LOOSE_NAME, "a b", &pid), MLK_OK);
	expect_run(LOOSE_NAME, &want);
	CHECK_ST(mlk_init_kill(LOOSE_NAME), MLK_OK);
	CHECK(service_wait(LOOSE_NAME, pid, MLK_INIT_STOPPED, &s));
	CHECK(s.exit_code == MLK_EXIT_KILLED && s.restarts == 0);
}
