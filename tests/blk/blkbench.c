/*
 * blkbench: instructions per MiB moved through the virtio-blk driver,
 * under QEMU -icount shift=0,sleep=off (`make bench`; see
 * tests/bench/bench.c for why the PMU cycle counter then counts
 * instructions).  Figures: sequential reads and writes "raw" (requests
 * straight into the client's window, mlk_block_read_window, as a block
 * cache would use it) and
 * reads through mlk_block_read (which copies out of the window).
 *
 * While the guest waits for the disk it is idle, and with sleep=off
 * QEMU then moves virtual time on to the next timer: the cycle counter
 * would count that wait.  So the figures are the CPU time the kernel
 * charged to every thread (client, driver, all others; the idle thread
 * is not one of them) over the run, which under -icount shift=0 is
 * the instructions they ran, kernel entries on their behalf included.
 * Output: "bench: <name> <n> insns/MiB".
 */
#include <mlk/block.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include <stdio.h>
#include <stdlib.h>

#include "per_mib.h"

#define MIB (1u << 20)
#define TOTAL_MIB 16
#define OPEN_NS 10000000000ull

/* TOTAL_MIB of `label` requests, a window's worth each. */
static mlk_status_t raw(struct mlk_block *b, uint32_t label, uint64_t *insns)
{
	uint64_t per = b->window_size / b->info.sector_size;
	uint64_t n = (uint64_t)TOTAL_MIB * MIB / b->info.sector_size;
	uint64_t start = bench_all_threads_ns();

	for (uint64_t s = 0; s < n; s += per) {
		mlk_status_t st =
			label == MLK_BLOCK_READ
				? mlk_block_read_window(b, s, (uint32_t)per, 0)
				: mlk_block_write_window(b, s, (uint32_t)per,
							 0);
		if (st != MLK_OK)
			return st;
	}
	*insns = bench_all_threads_ns() - start;
	return MLK_OK;
}

static mlk_status_t copied(struct mlk_block *b, uint8_t *buf, uint64_t *insns)
{
	uint64_t n = (uint64_t)TOTAL_MIB * MIB / b->info.sector_size;
	uint64_t start = bench_all_threads_ns();
	mlk_status_t st = mlk_block_read(b, 0, n, buf);

	*insns = bench_all_threads_ns() - start;
	return st;
}

int main(void)
{
	struct mlk_block b;
	uint64_t insns;
	uint8_t *buf = malloc((size_t)TOTAL_MIB * MIB);
	mlk_status_t st = mlk_block_open("blk0", mlk_deadline_in(OPEN_NS), &b);

	if (st != MLK_OK || !buf) {
		printf("blkbench: cannot open blk0: %s\n", mlk_status_str(st));
		return 1;
	}
	/* A first pass so that the host's page cache holds the image. */
	if ((st = raw(&b, MLK_BLOCK_READ, &insns)) == MLK_OK &&
	    (st = raw(&b, MLK_BLOCK_READ, &insns)) == MLK_OK)
		bench_report_per_mib("blk_read_raw", insns, TOTAL_MIB);
	/* Twice too: the buffer's pages are touched the first time. */
	if (st == MLK_OK && (st = copied(&b, buf, &insns)) == MLK_OK &&
	    (st = copied(&b, buf, &insns)) == MLK_OK)
		bench_report_per_mib("blk_read_client", insns, TOTAL_MIB);
	if (st == MLK_OK && (st = raw(&b, MLK_BLOCK_WRITE, &insns)) == MLK_OK)
		bench_report_per_mib("blk_write_raw", insns, TOTAL_MIB);
	if (st != MLK_OK)
		printf("blkbench: %s\n", mlk_status_str(st));
	mlk_block_close(&b);
	printf("bench: blk done\n");
	return st == MLK_OK ? 0 : 1;
}
