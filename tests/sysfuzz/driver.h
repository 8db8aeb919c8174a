/*
 * sysfuzz-driver's parts: the kernel's figures before and after a run
 * (driver_check.c), the file services' check, and the run itself
 * (driver.c).
 */
#ifndef SYSFUZZ_DRIVER_H
#define SYSFUZZ_DRIVER_H

#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include <stdbool.h>
#include <stdint.h>

#define DRIVER_MAX_PROCESSES 256

/* What the kernel says about memory, processes and threads. */
struct snapshot {
	struct mlk_memory_info mem;
	uint64_t nthreads;
	uint64_t nprocs;
	struct mlk_process_info procs[DRIVER_MAX_PROCESSES];
};

mlk_handle_t driver_system(void);
bool snapshot_take(struct snapshot *s);
uint64_t snapshot_count(uint32_t what);
/* Print what differs from `before` (prefix each line with the round);
 * true if nothing does. */
bool snapshot_same(const struct snapshot *before, const struct snapshot *after,
		   const char *round);
/* Print the processes `after` has and `before` had not. */
void snapshot_show_new(const struct snapshot *before,
		       const struct snapshot *after, const char *round);

/* Write, read back and remove a file in tmp://, read initfs:///etc/motd;
 * true if every step did what it should (failures printed). */
bool files_check(const char *round);

#endif
