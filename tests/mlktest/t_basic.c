/*
 * Basics: null, numbers no call has, narrow arguments with high bits, the
 * clock, sleep, yield, debug_write; and libmlk's memcpy.
 */
#include <string.h>

#include "mlktest.h"

#define KERNEL_ADDR 0xffff000000000000ull
#define UNMAPPED_ADDR 0x0000000300000000ull

TEST(basic, null)
{
	CHECK_OK(mlk_null());
	CHECK_OK(mlk_svc(MLK_SYS_null, 1, 2, 3, 4, 5, 6, 7, &(uint64_t){ 0 },
			 &(uint64_t){ 0 }));
}

TEST(basic, unknown_syscall)
{
	/* None is in syscalls.def; 128 and up are beyond the table; the
	 * last ones are real numbers with high bits set (the fast path
	 * must not take them for call and reply_recv either). */
	static const uint64_t numbers[] = {
		99,
		127,
		128,
		1000,
		0x7fffffff,
		0xffffffff,
		(1ull << 32) | MLK_SYS_null,
		(1ull << 63) | MLK_SYS_null,
		(1ull << 32) | MLK_SYS_call,
		(1ull << 32) | MLK_SYS_reply_recv,
	};
	uint64_t r1, r2;

	for (unsigned i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		CHECK_ST(mlk_svc(numbers[i], 0, 0, 0, 0, 0, 0, 0, &r1, &r2),
			 MLK_ERR_UNKNOWN_SYSCALL);
}

/* A 32-bit argument (handle, rights, flags) with bits above 31 set. */
TEST(basic, narrow_argument_high_bits)
{
	const uint64_t high = 1ull << 32;
	mlk_handle_t n;
	uint64_t r1, r2;

	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	CHECK_ST(mlk_svc(MLK_SYS_handle_close, high | n, 0, 0, 0, 0, 0, 0, &r1,
			 &r2),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(mlk_svc(MLK_SYS_handle_duplicate, n, high | MLK_RIGHT_WAIT, 0,
			 0, 0, 0, 0, &r1, &r2),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_svc(MLK_SYS_mem_create, MLK_PAGE_SIZE, high, 0, 0, 0, 0, 0,
			 &r1, &r2),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_svc(MLK_SYS_aspace_map, MLK_HANDLE_SELF_ASPACE, n, 0, 0,
			 MLK_PAGE_SIZE, high | MLK_MAP_READ, 0, &r1, &r2),
		 MLK_ERR_BAD_ARG(5));
	CHECK_ST(mlk_svc(MLK_SYS_thread_create, MLK_HANDLE_SELF_PROCESS,
			 0x400000, 0, 0, high, 0, 0, &r1, &r2),
		 MLK_ERR_BAD_ARG(4));
	/* The IPC calls take the endpoint in x0 the same way. */
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 0, 0) };
	CHECK_ST(mlk_ipc_svc(MLK_SYS_nbsend, 0, 0, &io), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_svc(MLK_SYS_nbsend, high | n, MLK_MSGINFO(1, 0, 0), 0, 0,
			 0, 0, 0, &r1, &r2),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(mlk_svc(MLK_SYS_reply_to, high | n, MLK_MSGINFO(1, 0, 0), 0, 0,
			 0, 0, 0, &r1, &r2),
		 MLK_ERR_BAD_ARG(0));
	/* The handle is still there: nothing above touched it. */
	CHECK_OK(mlk_handle_close(n));
}

TEST(basic, clock_monotonic)
{
	uint64_t a = 0, b = 0, c = 0;

	CHECK_OK(mlk_clock_get(&a));
	CHECK_OK(mlk_clock_get(&b));
	CHECK(a > 0);
	CHECK(b >= a);
	spin_ns(2 * MS);
	CHECK_OK(mlk_clock_get(&c));
	CHECK(c >= b + 2 * MS);
	CHECK(c < b + 1000 * MS);
}

TEST(basic, sleep)
{
	uint64_t t0 = now_ns();

	CHECK_OK(mlk_sleep(t0 + 3 * MS));
	CHECK(now_ns() >= t0 + 3 * MS);
	CHECK(now_ns() < t0 + 2000 * MS);
}

TEST(basic, sleep_past_deadline_returns_at_once)
{
	uint64_t t0 = now_ns();

	CHECK_OK(mlk_sleep(1));
	CHECK_OK(mlk_sleep(t0));
	CHECK(now_ns() - t0 < 1000 * MS);
}

/* MLK_FOREVER, the deadline that never comes, as for every other wait:
 * the child is still asleep long after, until it is killed. */
TEST(basic, sleep_forever_until_killed)
{
	struct child c;
	int64_t code = 0;

	if (!CHECK_OK(child_spawn(&c, "sleep-forever", NULL)))
		return;
	CHECK(child_settle(&c, MLK_THREAD_SLEEP));
	mlk_sleep(now_ns() + 50 * MS);
	CHECK(child_settle(&c, MLK_THREAD_SLEEP));
	CHECK_OK(mlk_process_kill(c.h.process, 66));
	CHECK_OK(child_wait_exit(&c, 1000 * MS, &code));
	CHECK_EQ(code, 66);
	child_cleanup(&c);
}

TEST(basic, yield_alone)
{
	/* Nothing else of this priority wants the CPU: it comes back. */
	for (int i = 0; i < 10; i++)
		CHECK_OK(mlk_yield());
}

TEST(basic, debug_write)
{
	static const char line[] = "mlktest: (debug_write says hello)\n";

	CHECK_OK(mlk_debug_write(mlktest_log(), line, sizeof(line) - 1));
	CHECK_OK(mlk_debug_write(mlktest_log(), line, 0));
	CHECK_OK(mlk_debug_write(mlktest_log(), NULL, 0));
}

TEST(basic, debug_write_limits)
{
	/* MLK_DEBUG_WRITE_MAX bytes are allowed (the bad address says the
	 * length passed), one more is not, whatever the buffer. */
	CHECK_ST(mlk_debug_write(mlktest_log(), (void *)UNMAPPED_ADDR,
				 MLK_DEBUG_WRITE_MAX),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(mlk_debug_write(mlktest_log(), "x", MLK_DEBUG_WRITE_MAX + 1),
		 MLK_ERR_TOO_BIG);
	CHECK_ST(mlk_debug_write(mlktest_log(), "x", UINT64_MAX),
		 MLK_ERR_TOO_BIG);
}

TEST(basic, debug_write_bad_pointers)
{
	mlk_handle_t log = mlktest_log();

	CHECK_ST(mlk_debug_write(log, NULL, 1), MLK_ERR_BAD_ADDRESS);
	CHECK_ST(mlk_debug_write(log, (void *)KERNEL_ADDR, 8),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(mlk_debug_write(log, (void *)UNMAPPED_ADDR, 8),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(mlk_debug_write(log, (void *)(MLK_USER_END - 4), 8),
		 MLK_ERR_BAD_ADDRESS);
	/* A range that wraps around the address space. */
	CHECK_ST(mlk_debug_write(log, (void *)(UINT64_MAX - 2), 8),
		 MLK_ERR_BAD_ADDRESS);
}

TEST(basic, debug_write_handles)
{
	mlk_handle_t n;

	CHECK_ST(mlk_debug_write(0, "x", 1), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_debug_write(mlktest_system(), "x", 1), MLK_ERR_WRONG_TYPE);
	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	CHECK_ST(mlk_debug_write(n, "x", 1), MLK_ERR_WRONG_TYPE);
	mlk_handle_close(n);
}

/* libmlk's memcpy as the target runs it: words at any pair of offsets
 * (user space allows unaligned accesses), bytes around them. */
TEST(basic, memcpy_every_offset)
{
	static uint8_t src[96], got[96], want[96];
	unsigned bad = 0;

	for (unsigned i = 0; i < sizeof(src); i++)
		src[i] = (uint8_t)(i * 7 + 1);
	for (unsigned so = 0; so < 8; so++) {
		for (unsigned d = 0; d < 8; d++) {
			for (unsigned n = 0; n <= 80; n++) {
				for (unsigned i = 0; i < sizeof(got); i++)
					got[i] = want[i] = 0xee;
				for (unsigned i = 0; i < n; i++)
					want[d + i] = src[so + i];
				/* volatile: a call, not the compiler's copy */
				void *(*volatile copy)(void *restrict,
						       const void *restrict,
						       size_t) = memcpy;
				copy(got + d, src + so, n);
				bad += memcmp(got, want, sizeof(got)) != 0;
			}
		}
	}
	CHECK_EQ(bad, 0);
}
