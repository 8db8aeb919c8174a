/*
 * Faults of another process: the supervisor's fault message (kind,
 * address, pc, thread, process), the faulted thread waiting for it,
 * thread_resume and process_kill afterwards, and the kernel's own
 * verdict on a process nobody supervises.
 */
#include "child.h"
#include "mlktest.h"

#define KERNEL_ADDR 0xffff000000000000ull

/* Start a child in `role`; take its HELLO and then its fault message. */
static bool faulted_child(struct child *c, const char *role,
			  struct mlk_msg *hello, struct mlk_msg *fault)
{
	if (!CHECK_OK(child_spawn(c, role, NULL)))
		return false;
	if (CHECK_OK(child_recv(c, hello, 1000 * MS)) &&
	    CHECK_EQ(hello->label, CHILD_HELLO) &&
	    CHECK_OK(child_recv(c, fault, 1000 * MS)) &&
	    CHECK_EQ(fault->label, MLK_LABEL_FAULT))
		return true;
	child_cleanup(c);
	return false;
}

/* The fault message is right, the thread waits, a kill ends it. */
static void check_fault(const char *role, uint64_t kind, bool exact_addr,
			int line)
{
	struct child c;
	struct mlk_msg hello, f;
	struct mlk_thread_info ti;
	int64_t code = 0;

	if (!faulted_child(&c, role, &hello, &f))
		return;
	mlkcheck_check(f.w[0] == kind, __FILE__, line,
		       "%s: fault kind %lu, expected %lu", role,
		       (unsigned long)f.w[0], (unsigned long)kind);
	mlkcheck_check(f.w[2] == hello.w[0], __FILE__, line,
		       "%s: pc %#lx, expected %#lx", role,
		       (unsigned long)f.w[2], (unsigned long)hello.w[0]);
	if (exact_addr)
		mlkcheck_check(f.w[1] == hello.w[1], __FILE__, line,
			       "%s: address %#lx, expected %#lx", role,
			       (unsigned long)f.w[1],
			       (unsigned long)hello.w[1]);
	CHECK_EQ(f.nwords, MLK_MSG_REG_WORDS);
	CHECK_EQ(f.badge, 0);
	CHECK(f.w[4] != 0);
	if (CHECK(info_thread(f.w[3], &ti))) {
		CHECK_EQ(ti.state, MLK_THREAD_FAULTED);
		CHECK_EQ(ti.pid, f.w[4]);
	}
	CHECK_OK(mlk_process_kill(c.h.process, 6));
	CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
	CHECK_EQ(code, 6);
	CHECK_EQ(c.pid, f.w[4]);
	CHECK(!info_thread(f.w[3], &ti));
	child_cleanup(&c);
}

TEST(fault, read_unmapped)
{
	check_fault("fault-read", MLK_FAULT_READ, true, __LINE__);
}

TEST(fault, write_read_only)
{
	check_fault("fault-write", MLK_FAULT_WRITE, true, __LINE__);
}

TEST(fault, execute_data)
{
	check_fault("fault-exec", MLK_FAULT_EXEC, true, __LINE__);
}

TEST(fault, pc_alignment)
{
	check_fault("fault-align", MLK_FAULT_ALIGN, true, __LINE__);
}

TEST(fault, read_kernel_memory)
{
	check_fault("fault-kernel", MLK_FAULT_READ, true, __LINE__);
}

TEST(fault, undefined_instruction)
{
	check_fault("undefined", MLK_FAULT_UNDEFINED, true, __LINE__);
}

TEST(fault, breakpoint)
{
	check_fault("breakpoint", MLK_FAULT_BREAKPOINT, false, __LINE__);
}

/* Map what it wanted to read, resume it: it reads it and exits with it. */
TEST(fault, resume_after_fixing)
{
	struct child c;
	struct mlk_msg hello, f;
	mlk_handle_t mem;
	uint64_t word = CHILD_FIXED_WORD, addr;
	int64_t code = 0;

	if (!faulted_child(&c, "fault-read", &hello, &f))
		return;
	if (CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &mem))) {
		CHECK_OK(mlk_mem_write(mem, 0, &word, sizeof(word)));
		CHECK_OK(mlk_aspace_map(c.h.aspace, mem, 0, CHILD_FAULT_ADDR,
					MLK_PAGE_SIZE, MLK_MAP_READ, &addr));
		mlk_handle_close(mem);
		CHECK_OK(mlk_thread_resume(c.h.thread));
		CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
		CHECK_EQ(code, CHILD_FIXED_WORD);
	}
	child_cleanup(&c);
}

/* Resumed with nothing fixed, it faults again, the same way. */
TEST(fault, resume_faults_again)
{
	struct child c;
	struct mlk_msg hello, f, again;

	if (!faulted_child(&c, "fault-read", &hello, &f))
		return;
	/* It waits for us, and reports nothing more meanwhile. */
	CHECK_ST(child_recv(&c, &again, 10 * MS), MLK_ERR_TIMED_OUT);
	CHECK_OK(mlk_thread_resume(c.h.thread));
	if (CHECK_OK(child_recv(&c, &again, 1000 * MS))) {
		CHECK_EQ(again.label, MLK_LABEL_FAULT);
		CHECK_EQ(again.w[0], f.w[0]);
		CHECK_EQ(again.w[1], f.w[1]);
		CHECK_EQ(again.w[2], f.w[2]);
		CHECK_EQ(again.w[3], f.w[3]);
	}
	child_cleanup(&c);
}

TEST(fault, supervisor_badge)
{
	struct child c;
	struct mlk_msg m;

	if (!CHECK_OK(child_spawn(&c, "undefined", NULL)))
		return;
	/* Before it can fault: it waits for us to take its HELLO. */
	CHECK_OK(mlk_process_set_supervisor(c.h.process, c.sup, 0x55));
	CHECK_OK(child_recv(&c, &m, 1000 * MS));
	CHECK_EQ(m.label, CHILD_HELLO);
	CHECK_EQ(m.badge, 0);
	if (CHECK_OK(child_recv(&c, &m, 1000 * MS))) {
		CHECK_EQ(m.label, MLK_LABEL_FAULT);
		CHECK_EQ(m.badge, 0x55);
	}
	child_cleanup(&c);
}

/* A faulted process stops only itself. */
TEST(fault, others_keep_running)
{
	struct child faulty, busy;
	struct mlk_msg hello, f;
	mlk_handle_t mem;
	volatile uint64_t *counter = map_new(MLK_PAGE_SIZE, 0, &mem);
	struct child_opts o = { .priority = mlktest_priority() - 1,
				.nhandles = 1,
				.kinds = { CHILD_H_MEM } };

	if (!CHECK(counter != NULL))
		return;
	o.handles[0] = mem;
	if (faulted_child(&faulty, "undefined", &hello, &f)) {
		if (CHECK_OK(child_spawn(&busy, "spin", &o))) {
			/* It counts whenever we wait, and goes on counting. */
			CHECK(WAIT_UNTIL(*counter > 0));
			uint64_t seen = *counter;
			CHECK(WAIT_UNTIL(*counter > seen));
			child_cleanup(&busy);
		}
		child_cleanup(&faulty);
	}
	unmap((void *)counter, MLK_PAGE_SIZE);
	mlk_handle_close(mem);
}

/* Killed with its fault report still queued: the report goes, the exit
 * message comes. */
TEST(fault, killed_before_report_taken)
{
	struct child c;
	struct mlk_msg m;

	if (!CHECK_OK(child_spawn(&c, "undefined", NULL)))
		return;
	if (CHECK_OK(child_recv(&c, &m, 1000 * MS)) &&
	    CHECK_EQ(m.label, CHILD_HELLO)) {
		/* Its fault report queued, nobody taking it yet. */
		CHECK(child_settle(&c, MLK_THREAD_FAULTED));
		CHECK_OK(mlk_process_kill(c.h.process, 9));
		if (CHECK_OK(child_recv(&c, &m, 1000 * MS))) {
			CHECK_EQ(m.label, MLK_LABEL_EXIT);
			CHECK_EQ(m.w[0], 9);
		}
		CHECK_ST(child_recv(&c, &m, 1), MLK_ERR_TIMED_OUT);
	}
	child_cleanup(&c);
}

/* Nobody to tell: the kernel kills it (and says so on the console). */
TEST(fault, unsupervised_process_killed)
{
	struct child c;
	struct mlk_msg hello;
	struct mlk_process_info pi;
	struct child_opts o = { .unsupervised = true };
	uint64_t deadline;

	if (!CHECK_OK(child_spawn(&c, "fault-read", &o)))
		return;
	CHECK_OK(child_recv(&c, &hello, 1000 * MS));
	deadline = now_ns() + 1000 * MS;
	while (info_process_named("mlktest-child", &pi) && now_ns() < deadline)
		mlk_sleep(now_ns() + MS);
	CHECK(!info_process_named("mlktest-child", &pi));
	CHECK_ST(mlk_process_kill(c.h.process, 1), MLK_ERR_BAD_STATE);
	/* No exit message either: there was nowhere to send it. */
	CHECK_ST(child_recv(&c, &hello, 5 * MS), MLK_ERR_TIMED_OUT);
	c.dead = true;
	child_cleanup(&c);
}
