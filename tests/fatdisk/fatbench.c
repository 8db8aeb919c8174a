/*
 * fatbench: instructions per MiB through the FAT service (`make bench`),
 * under QEMU -icount shift=0,sleep=on (tests/fatdisk/local.mk says why
 * not sleep=off), counted as blkbench counts them
 * (tests/blk/blkbench.c): the CPU time the kernel charged to every
 * thread (client, vfs, FAT service, block driver and all), which
 * under -icount shift=0 is their instructions.  Figures: a file of
 * TOTAL_MIB written sequentially in 64 KiB requests and closed (so
 * written back), then read back likewise; both on disk0://, a FAT32
 * volume the host made.  Output: "bench: fat_write <n> insns/MiB" ...
 */
#include <mlk/fs.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include <stdio.h>
#include <string.h>

#include "per_mib.h"

#define MIB (1u << 20)
#define TOTAL_MIB 8
#define CHUNK (64u << 10)
#define WAIT_NS 50000000ull
#define WAITS 1200 /* 60 s for disk0:// to be served */
#define FILE_URI "disk0:///bench.bin"

static uint8_t buf[CHUNK];

static mlk_status_t write_file(uint64_t *insns)
{
	struct mlk_file f;
	uint64_t start = bench_all_threads_ns();
	mlk_status_t st = mlk_fs_open(
		FILE_URI, MLK_O_WRITE | MLK_O_CREATE | MLK_O_TRUNCATE, &f);

	for (uint32_t i = 0; st == MLK_OK && i < TOTAL_MIB * (MIB / CHUNK);
	     i++) {
		size_t done;
		memset(buf, (int)i, sizeof(buf));
		st = mlk_fs_write(&f, buf, sizeof(buf), &done);
	}
	if (st == MLK_OK)
		st = mlk_fs_close(&f);
	*insns = bench_all_threads_ns() - start;
	return st;
}

static mlk_status_t read_file(uint64_t *insns)
{
	struct mlk_file f;
	uint64_t total = 0;
	size_t got = 1;
	uint64_t start = bench_all_threads_ns();
	mlk_status_t st = mlk_fs_open(FILE_URI, MLK_O_READ, &f);

	while (st == MLK_OK && got) {
		st = mlk_fs_read(&f, buf, sizeof(buf), &got);
		total += got;
	}
	if (st == MLK_OK)
		st = mlk_fs_close(&f);
	*insns = bench_all_threads_ns() - start;
	if (st == MLK_OK && total != (uint64_t)TOTAL_MIB * MIB)
		st = MLK_ERR_BAD_FORMAT; /* a short file */
	return st;
}

int main(void)
{
	struct mlk_stat s;
	uint64_t insns;
	mlk_status_t st = MLK_ERR_TIMED_OUT;

	for (int i = 0; i < WAITS && st != MLK_OK; i++) {
		st = mlk_fs_stat("disk0:///", &s);
		if (st != MLK_OK)
			mlk_sleep(mlk_deadline_in(WAIT_NS));
	}
	if (st == MLK_OK && (st = write_file(&insns)) == MLK_OK)
		bench_report_per_mib("fat_write", insns, TOTAL_MIB);
	/* Twice: the first pass fills the service's cache of the FAT. */
	if (st == MLK_OK && (st = read_file(&insns)) == MLK_OK &&
	    (st = read_file(&insns)) == MLK_OK)
		bench_report_per_mib("fat_read", insns, TOTAL_MIB);
	if (st != MLK_OK) {
		printf("fatbench: %s\n", mlk_status_str(st));
		return 1;
	}
	printf("bench: fat done\n");
	return 0;
}
