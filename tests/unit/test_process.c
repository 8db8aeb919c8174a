/*
 * Unit tests of process lifetime (kernel/core/process.c): the process
 * tree dies with its root, a process nothing can make run again is
 * reclaimed, handles in a process's own table do not keep it, and only
 * ancestors count as such.
 *
 * The real core runs around mock_kernel.c, as in test_ipc.c.
 */
#include "handle_table.h"
#include "mock_kernel.h"
#include "process.h"
#include "unit.h"

#define KIB 1024ull
#define MIB (1024 * KIB)

static struct process *root;

static void setup(void)
{
	mock_kernel_init();
	root = mock_process(NULL, "root", 24 * MIB);
}

static unsigned count_alive(void)
{
	unsigned n = 0;

	list_for_each(pos, &all_processes)
	{
		if (list_entry(pos, struct process, all_link)->state ==
		    PROC_ALIVE)
			n++;
	}
	return n;
}

static unsigned count_all(void)
{
	unsigned n = 0;

	list_for_each(pos, &all_processes)
	{
		n++;
	}
	return n;
}

/* A child of p whose only holder is a handle in p's table. */
static struct process *held_child(struct process *p, uint64_t quota,
				  mlk_handle_t *h)
{
	struct process *c = mock_process(p, "child", quota);

	ck_assert_int_eq(
		handle_install(&p->handles, &c->obj, MLK_RIGHT_MANAGE, 0, h),
		MLK_OK);
	kobj_put(&c->obj); /* the creation reference: the handle holds it */
	return c;
}

/* A chain deeper than any kernel stack could recurse through, each link
 * running a thread, goes with its top; so do siblings at every level. */
START_TEST(a_deep_tree_dies_with_its_root)
{
	enum { DEPTH = 1000 };
	struct process *top, *p;
	mlk_handle_t h;
	unsigned before = count_alive();
	uint64_t used = root->used;

	top = held_child(root, 16 * MIB, &h);
	p = top;
	for (int i = 0; i < DEPTH; i++) {
		mlk_handle_t ch;
		struct process *c = held_child(p, p->quota - 12 * KIB, &ch);
		mock_thread(c, 1, "spin");
		if (i % 100 == 0) {
			mlk_handle_t sh;
			held_child(p, 4 * KIB, &sh);
		}
		p = c;
	}
	ck_assert_uint_eq(count_alive(), before + 1 + DEPTH + DEPTH / 100);
	process_kill(top, 42);
	ck_assert_int_eq(top->exit_code, 42);
	ck_assert_int_eq(p->exit_code, MLK_EXIT_KILLED);
	ck_assert_uint_eq(count_alive(), before);
	/* Nothing is left once the handle to the top goes. */
	ck_assert_int_eq(handle_close(&root->handles, h), MLK_OK);
	ck_assert_uint_eq(count_all(), before);
	ck_assert_uint_eq(root->used, used);
}
END_TEST

/* A quota is a limit: making a child sets nothing aside for it, whatever
 * its size (even past the parent's own, which still bounds it); the
 * parent is charged only what the child holds, its tables. */
START_TEST(a_childs_quota_sets_nothing_aside)
{
	mlk_handle_t h;
	uint64_t used = root->used;
	struct process *c = held_child(root, root->quota * 2, &h);
	uint64_t child_tables = c->used;

	ck_assert_uint_gt(child_tables, 0);
	ck_assert_uint_lt(root->used - used, 64 * KIB);
	/* Charged to the child: counted in both, one charge. */
	ck_assert_int_eq(quota_charge(c, 1 * MIB), MLK_OK);
	ck_assert_uint_eq(c->used, child_tables + 1 * MIB);
	ck_assert_uint_lt(root->used - used, 1 * MIB + 64 * KIB);
	/* The parent's limit holds below the child's larger one. */
	ck_assert_int_eq(quota_charge(c, root->quota - root->used + 1),
			 MLK_ERR_NO_MEMORY);
	ck_assert_uint_eq(c->used, child_tables + 1 * MIB);
	quota_release(c, 1 * MIB);
	ck_assert_int_eq(handle_close(&root->handles, h), MLK_OK);
	ck_assert_uint_eq(root->used, used);
}
END_TEST

START_TEST(the_last_outside_handle_ends_a_process_without_threads)
{
	mlk_handle_t h, dup;
	struct process *c = held_child(root, 1 * MIB, &h);
	unsigned before = count_all();

	ck_assert_int_eq(handle_install(&root->handles, &c->obj,
					MLK_RIGHT_MANAGE, 0, &dup),
			 MLK_OK);
	ck_assert_int_eq(handle_close(&root->handles, h), MLK_OK);
	ck_assert_int_eq(c->state, PROC_ALIVE); /* one handle left */
	ck_assert_int_eq(handle_close(&root->handles, dup), MLK_OK);
	ck_assert_uint_eq(count_all(), before - 1);
}
END_TEST

/* Its own handles to itself (the self handle, copies of it) do not
 * count: they are the cycle that kept it before. */
START_TEST(self_handles_do_not_keep_a_process)
{
	mlk_handle_t h, self_copy;
	struct process *c = held_child(root, 1 * MIB, &h);

	ck_assert_int_eq(handle_install(&c->handles, &c->obj, MLK_RIGHT_MANAGE,
					0, &self_copy),
			 MLK_OK);
	ck_assert_uint_eq(c->handles.self_handles, 2);
	ck_assert_uint_eq(process_outside_handles(c), 1);
	ck_assert_int_eq(handle_close(&root->handles, h), MLK_OK);
	ck_assert_uint_eq(count_alive(), 1); /* the root alone */
}
END_TEST

START_TEST(a_running_process_outlives_its_handles)
{
	mlk_handle_t h;
	struct process *c = held_child(root, 1 * MIB, &h);

	mock_thread(c, 1, "t");
	ck_assert_int_eq(handle_close(&root->handles, h), MLK_OK);
	ck_assert_int_eq(c->state, PROC_ALIVE);
	ck_assert(process_unreachable(c) == false);
	ck_assert_uint_eq(process_outside_handles(c), 0);
	process_kill(c, 1);
	ck_assert_int_eq(c->state, PROC_DEAD);
}
END_TEST

/* Moving a handle into the process it names makes it its own. */
START_TEST(a_handle_moved_home_counts_as_self)
{
	struct handle_entry moved;
	mlk_handle_t h, in;
	struct process *c = held_child(root, 1 * MIB, &h);

	ck_assert_int_eq(handle_reserve(&c->handles, 1), MLK_OK);
	ck_assert_int_eq(handle_take(&root->handles, h, &moved), MLK_OK);
	in = handle_install_taken(&c->handles, &moved);
	ck_assert_uint_eq(c->handles.self_handles, 2);
	ck_assert_uint_eq(process_outside_handles(c), 0);
	ck_assert(process_unreachable(c));
	ck_assert_int_eq(handle_close(&c->handles, in), MLK_OK);
}
END_TEST

START_TEST(only_ancestors_are_ancestors)
{
	mlk_handle_t h1, h2, h3;
	struct process *a = held_child(root, 4 * MIB, &h1);
	struct process *b = held_child(a, 1 * MIB, &h2);
	struct process *s = held_child(root, 1 * MIB, &h3);

	ck_assert(process_is_ancestor(root, b));
	ck_assert(process_is_ancestor(a, b));
	ck_assert(!process_is_ancestor(b, b)); /* not itself */
	ck_assert(!process_is_ancestor(b, a));
	ck_assert(!process_is_ancestor(s, b)); /* nor a sibling */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("process");
	TCase *tc = tcase_create("lifetime");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, a_deep_tree_dies_with_its_root);
	tcase_add_test(tc, a_childs_quota_sets_nothing_aside);
	tcase_add_test(tc,
		       the_last_outside_handle_ends_a_process_without_threads);
	tcase_add_test(tc, self_handles_do_not_keep_a_process);
	tcase_add_test(tc, a_running_process_outlives_its_handles);
	tcase_add_test(tc, a_handle_moved_home_counts_as_self);
	tcase_add_test(tc, only_ancestors_are_ancestors);
	suite_add_tcase(s, tc);
	return unit_run("process", s);
}
