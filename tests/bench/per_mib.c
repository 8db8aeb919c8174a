/*
 * The I/O benchmarks' shared measure (per_mib.h).  Counting every
 * thread's CPU time leaves out the time the system idles waiting for the
 * disk, which the PMU's cycle counter would count.
 */
#include <stdio.h>

#include <mlk/runtime.h>
#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include "per_mib.h"

#define MAX_THREADS 64

uint64_t bench_all_threads_ns(void)
{
	static struct mlk_thread_info t[MAX_THREADS];
	uint64_t n = 0, sum = 0;

	mlk_system_info(mlk_start_handle(MLK_START_SYSTEM, NULL),
			MLK_INFO_THREADS, t, sizeof(t), &n);
	for (uint64_t i = 0; i < n && i < MAX_THREADS; i++)
		sum += t[i].cpu_ns;
	return sum;
}

void bench_report_per_mib(const char *name, uint64_t insns, unsigned mib)
{
	printf("bench: %s %lu insns/MiB\n", name,
	       (unsigned long)((insns + mib / 2) / mib));
}
