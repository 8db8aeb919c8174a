/*
 * system_info: memory, processes, threads, kernel facts; its buffer and
 * argument checks.
 */
#include <mlk/runtime.h>
#include <mlk/sysinfo.h>
#include <mlk/version.h>

#include <string.h>

#include "mlktest.h"

#define KERNEL_ADDR 0xffff000000000000ull

static mlk_status_t info(uint32_t what, void *buf, uint64_t len,
			 uint64_t *count)
{
	return mlk_system_info(mlktest_system(), what, buf, len, count);
}

TEST(sys, memory)
{
	struct mlk_memory_info mi = { 0 };
	uint64_t n = 0;

	if (!CHECK_OK(info(MLK_INFO_MEMORY, &mi, sizeof(mi), &n)))
		return;
	CHECK_EQ(n, 1);
	CHECK_EQ(mi.page_size, MLK_PAGE_SIZE);
	CHECK(mi.total_bytes >= 64ull << 20);
	CHECK(mi.free_bytes > 0 && mi.free_bytes < mi.total_bytes);
	CHECK(mi.kernel_bytes > 0 && mi.kernel_bytes < mi.total_bytes);
	CHECK_EQ(mi.total_bytes % MLK_PAGE_SIZE, 0);
}

TEST(sys, kernel)
{
	struct mlk_kernel_info ki = { 0 };
	uint64_t n = 0, t0 = now_ns();

	if (!CHECK_OK(info(MLK_INFO_KERNEL, &ki, sizeof(ki), &n)))
		return;
	CHECK_EQ(n, 1);
	CHECK_EQ(ki.version, MLK_VERSION_NUMBER);
	CHECK_EQ(ki.cpus, 1);
	CHECK(ki.timer_hz >= 1000000);
	CHECK(ki.uptime_ns >= t0 && ki.uptime_ns < t0 + 1000 * MS);
	CHECK(ki.context_switches > 0);
}

TEST(sys, processes)
{
	struct mlk_process_info all[16];
	uint64_t n = 0, n2 = 0;
	bool init = false, me = false;

	if (!CHECK_OK(info(MLK_INFO_PROCESSES, all, sizeof(all), &n)))
		return;
	CHECK(n >= 2 && n <= 16);
	for (uint64_t i = 0; i < n && i < 16; i++) {
		if (!strcmp(all[i].name, "init"))
			init = all[i].threads >= 1 && all[i].quota > 0;
		if (!strcmp(all[i].name, mlk_program_name()))
			me = all[i].threads >= 1 && all[i].used > 0 &&
			     all[i].used <= all[i].quota && all[i].handles > 3;
	}
	CHECK(init);
	CHECK(me);
	/* Too small a buffer: as many as fit, and how many there are. */
	memset(all, 0xa5, sizeof(all));
	CHECK_OK(info(MLK_INFO_PROCESSES, all, sizeof(all[0]) + 10, &n2));
	CHECK_EQ(n2, n);
	CHECK(all[0].pid != 0xa5a5a5a5a5a5a5a5ull);
	CHECK_EQ(all[1].pid, 0xa5a5a5a5a5a5a5a5ull);
	CHECK_OK(info(MLK_INFO_PROCESSES, NULL, 0, &n2));
	CHECK_EQ(n2, n);
}

TEST(sys, threads)
{
	struct mlk_thread_info all[64];
	struct mlk_process_info me;
	uint64_t n = 0;
	unsigned mine = 0;

	if (!CHECK(info_self(&me)) ||
	    !CHECK_OK(info(MLK_INFO_THREADS, all, sizeof(all), &n)))
		return;
	CHECK(n >= 2);
	for (uint64_t i = 0; i < n && i < 64; i++) {
		CHECK(all[i].state <= MLK_THREAD_FAULTED);
		CHECK(all[i].priority <= MLK_PRIO_MAX);
		if (all[i].pid == me.pid)
			mine++;
	}
	CHECK_EQ(mine, me.threads);
}

TEST(sys, errors)
{
	struct mlk_memory_info mi;
	struct mlk_kernel_info ki;
	struct mlk_process_info pi;
	uint64_t n, ro;
	mlk_handle_t rom;

	CHECK_ST(info(0, &mi, sizeof(mi), &n), MLK_ERR_BAD_ARG(1));
	CHECK_ST(info(5, &mi, sizeof(mi), &n), MLK_ERR_BAD_ARG(1));
	CHECK_ST(info(MLK_INFO_MEMORY, &mi, sizeof(mi) - 1, &n),
		 MLK_ERR_TOO_BIG);
	CHECK_ST(info(MLK_INFO_KERNEL, &ki, 0, &n), MLK_ERR_TOO_BIG);
	CHECK_ST(info(MLK_INFO_MEMORY, NULL, sizeof(mi), &n),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(info(MLK_INFO_KERNEL, (void *)KERNEL_ADDR, sizeof(ki), &n),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(info(MLK_INFO_PROCESSES, (void *)KERNEL_ADDR, sizeof(pi), &n),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(info(MLK_INFO_THREADS, (void *)(MLK_USER_END - 8),
		      MLK_PAGE_SIZE, &n),
		 MLK_ERR_BAD_ADDRESS);
	if (CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &rom))) {
		if (CHECK_OK(mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, rom, 0, 0,
					    MLK_PAGE_SIZE, MLK_MAP_READ,
					    &ro))) {
			CHECK_ST(info(MLK_INFO_MEMORY, (void *)ro, sizeof(mi),
				      &n),
				 MLK_ERR_BAD_ADDRESS);
			unmap((void *)ro, MLK_PAGE_SIZE);
		}
		mlk_handle_close(rom);
	}
	CHECK_ST(mlk_system_info(0, MLK_INFO_MEMORY, &mi, sizeof(mi), &n),
		 MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_system_info(mlktest_log(), MLK_INFO_MEMORY, &mi,
				 sizeof(mi), &n),
		 MLK_ERR_WRONG_TYPE);
}

/* Only the refusals: a status QEMU could not carry out, or a handle
 * that is not the system's.  (Powering off is left to init.) */
TEST(sys, poweroff_refusals)
{
	CHECK_ST(mlk_system_poweroff(mlktest_system(),
				     MLK_POWEROFF_STATUS_MAX + 1),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_system_poweroff(mlktest_system(), UINT32_MAX),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_system_poweroff(mlktest_log(), 0), MLK_ERR_WRONG_TYPE);
}

/* The root authority cannot be handed on by mlktest: init granted it
 * without DUPLICATE or TRANSFER. */
TEST(sys, system_handle_stays)
{
	mlk_handle_t d;

	CHECK_ST(mlk_handle_duplicate(mlktest_system(), MLK_RIGHT_READ, &d),
		 MLK_ERR_ACCESS_DENIED);
}
