/*
 * Memory quotas are limits, not reservations: a child's quota sets
 * nothing of ours aside, what it holds counts in our use too, and our
 * quota bounds its larger one; a child that exhausts its quota, or
 * nearly all the memory there is, gets NO_MEMORY and the system carries
 * on.
 */
#include "child.h"
#include "mlktest.h"

static uint64_t used_now(void)
{
	struct mlk_process_info pi = { 0 };

	info_self(&pi);
	return pi.used;
}

/* Start a child that ends at once, so that what spawning touches in this
 * process for the first time is touched before we measure. */
static void warm_up(void)
{
	struct child c;

	if (child_spawn(&c, "exit 0", NULL) == MLK_OK) {
		child_wait_exit(&c, 1000 * MS, NULL);
		child_cleanup(&c);
	}
}

TEST(quota, child_quota_is_a_limit)
{
	const uint64_t quota = 3ull << 20;
	struct child_opts o = { .quota = quota };
	struct mlk_process_info pi;
	struct child c;
	uint64_t before, alive, dead;

	warm_up();
	before = used_now();
	if (!CHECK_OK(child_spawn(&c, "suspend", &o)))
		return;
	/* Measured once it ran up to its suspend: the pages it touches on
	 * the way (its stack, its data) are charged as it takes them, so
	 * before that what it holds depends on when it got the CPU. */
	CHECK(child_settle(&c, MLK_THREAD_SUSPENDED));
	alive = used_now();
	/* Nothing set aside: we hold what it holds (its program, stack and
	 * tables) and its process object, well under its quota. */
	CHECK(alive > before);
	CHECK(alive < before + quota / 2);
	if (CHECK(info_process_named("mlktest-child", &pi))) {
		CHECK_EQ(pi.quota, quota);
		CHECK(pi.used > 0 && pi.used < quota);
		CHECK(alive - before >= pi.used);
	}
	CHECK_OK(mlk_process_kill(c.h.process, 1));
	CHECK_OK(child_wait_exit(&c, 1000 * MS, NULL));
	dead = used_now();
	/* What it held went with its death; the process object itself
	 * when our handles go. */
	CHECK(dead < alive);
	child_cleanup(&c);
	CHECK_EQ(used_now(), before);
}

/* A child's quota of 512 KiB holds its own child's of 64 MiB: the
 * grandchild's mappings stop at the child's limit, not at their own
 * (child.c, "nest"), and both stay within it. */
TEST(quota, parent_limit_bounds_a_larger_child)
{
	const uint64_t quota = 512 * 1024;
	struct child_opts o = { .quota = quota };
	struct mlk_process_info pi, nested;
	struct child c;
	struct mlk_msg m;

	if (!CHECK_OK(child_spawn(&c, "nest", &o)))
		return;
	if (CHECK_OK(child_recv(&c, &m, 5000 * MS)) &&
	    CHECK_EQ(m.label, CHILD_REPORT)) {
		CHECK_ST(m.w[1], MLK_ERR_NO_MEMORY);
		CHECK(m.w[0] > 0);
		if (CHECK(info_process_named("mlktest-child", &pi)) &&
		    CHECK(info_process_named("nested", &nested))) {
			CHECK_EQ(nested.quota, 64ull << 20);
			CHECK(pi.used <= quota);
			/* Most of the child's use is the grandchild's. */
			CHECK(nested.used > quota / 2 && nested.used < pi.used);
		}
	}
	child_cleanup(&c);
}

/* Wait for an exhausting child's report. */
static bool exhausted(struct child *c, struct mlk_msg *m, uint64_t timeout)
{
	return CHECK_OK(child_recv(c, m, timeout)) &&
	       CHECK_EQ(m->label, CHILD_EXHAUSTED);
}

TEST(quota, small_quota_runs_out)
{
	const uint64_t quota = 1ull << 20;
	struct child_opts o = { .quota = quota };
	struct mlk_process_info pi;
	struct child c;
	struct mlk_msg m;
	mlk_handle_t n;

	if (!CHECK_OK(child_spawn(&c, "exhaust 65536", &o)))
		return;
	if (exhausted(&c, &m, 5000 * MS)) {
		CHECK_ST(m.w[1], MLK_ERR_NO_MEMORY);
		CHECK_ST(m.w[3], MLK_ERR_NO_MEMORY);
		CHECK(m.w[2] > 0);
		/* Some memory given back: it can allocate again. */
		CHECK_ST(m.w[4], MLK_OK);
		if (CHECK(info_process_named("mlktest-child", &pi)))
			CHECK(pi.used <= quota);
	}
	/* Its quota is not ours: we go on. */
	if (CHECK_OK(mlk_notification_create(&n)))
		mlk_handle_close(n);
	child_cleanup(&c);
}

/* Nearly everything we may use, given to one child that takes it all. */
TEST(quota, memory_exhaustion_survived)
{
	struct mlk_process_info me;
	struct child_opts o = { 0 };
	struct child c;
	struct mlk_msg m;
	mlk_handle_t n;
	uint64_t free_before, free_during, used_before;
	mlk_status_t st;

	warm_up();
	free_before = info_free_bytes();
	used_before = used_now();
	if (!CHECK(info_self(&me)))
		return;
	o.quota = me.quota - me.used - (8ull << 20);
	if (!CHECK_OK(child_spawn(&c, "exhaust 1048576", &o)))
		return;
	if (exhausted(&c, &m, 25000 * MS)) {
		CHECK_ST(m.w[1], MLK_ERR_NO_MEMORY);
		CHECK(m.w[3] == MLK_ERR_NO_MEMORY ||
		      m.w[3] == MLK_ERR_NO_RESOURCES);
		CHECK_ST(m.w[4], MLK_OK);
		CHECK(m.w[0] > 16);
		free_during = info_free_bytes();
		CHECK(free_during < free_before - o.quota / 2);
		/* The kernel still answers, whatever memory is left. */
		CHECK_OK(mlk_null());
		st = mlk_notification_create(&n);
		CHECK(st == MLK_OK || st == MLK_ERR_NO_MEMORY);
		if (st == MLK_OK)
			mlk_handle_close(n);
	}
	CHECK_OK(mlk_process_kill(c.h.process, 1));
	CHECK_OK(child_wait_exit(&c, 5000 * MS, NULL));
	child_cleanup(&c);
	/* Everything came back. */
	CHECK(info_free_bytes() >= free_before - (1ull << 20));
	CHECK_EQ(used_now(), used_before);
}

/* Cutting a hole in a mapping takes one more mapping record, charged to
 * the address space's owner: with its quota gone, the unmap fails and
 * changes nothing, its quota included. */
TEST(quota, split_unmap_without_quota)
{
	const uint64_t va = 0x0000300000000000ull;
	struct child_opts o = { .quota = 512 * 1024 };
	struct mlk_process_info before, after;
	struct child c;
	struct mlk_msg m;
	mlk_handle_t mem;
	uint64_t a, extra = va + (1ull << 20);
	mlk_status_t st;

	if (!CHECK_OK(mlk_mem_create(3 * MLK_PAGE_SIZE, 0, &mem)))
		return;
	if (!CHECK_OK(child_spawn(&c, "fill", &o))) {
		mlk_handle_close(mem);
		return;
	}
	/* Mapped before it runs, so that there is quota for it. */
	CHECK_OK(mlk_aspace_map(c.h.aspace, mem, 0, va, 3 * MLK_PAGE_SIZE,
				MLK_MAP_READ, &a));
	if (exhausted(&c, &m, 5000 * MS)) {
		CHECK_ST(m.w[3], MLK_ERR_NO_MEMORY);
		/* What is left goes to mapping records. */
		while ((st = mlk_aspace_map(c.h.aspace, mem, 0, extra,
					    MLK_PAGE_SIZE, MLK_MAP_READ, &a)) ==
		       MLK_OK)
			extra += MLK_PAGE_SIZE;
		CHECK_ST(st, MLK_ERR_NO_MEMORY);
		CHECK(info_process_named("mlktest-child", &before));
		CHECK_ST(mlk_aspace_unmap(c.h.aspace, va + MLK_PAGE_SIZE,
					  MLK_PAGE_SIZE),
			 MLK_ERR_NO_MEMORY);
		CHECK(info_process_named("mlktest-child", &after));
		CHECK_EQ(after.used, before.used);
		/* Without a cut, it needs nothing. */
		CHECK_OK(mlk_aspace_unmap(c.h.aspace, va, 3 * MLK_PAGE_SIZE));
	}
	child_cleanup(&c);
	mlk_handle_close(mem);
}

/* A handle table stops at its limit, whatever the quota. */
TEST(quota, handle_table_full)
{
	struct child_opts o = { .quota = 24ull << 20 };
	struct child c;
	struct mlk_msg m;
	mlk_handle_t n;

	if (!CHECK_OK(child_spawn(&c, "fill", &o)))
		return;
	if (exhausted(&c, &m, 10000 * MS)) {
		CHECK_ST(m.w[3], MLK_ERR_NO_RESOURCES);
		/* All the slots, less what it started with. */
		CHECK(m.w[2] > MLK_HANDLES_MAX - 35 &&
		      m.w[2] <= MLK_HANDLES_MAX);
	}
	if (CHECK_OK(mlk_notification_create(&n)))
		mlk_handle_close(n);
	child_cleanup(&c);
}
