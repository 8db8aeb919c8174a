/*
 * The checks around a run: the kernel's figures (memory, processes,
 * threads) and the file services.
 *
 * The rule for "memory is back": free RAM plus the kernel heap is the
 * same number of bytes as before (every page outside the heap came
 * back), the heap is at most HEAP_SLACK larger, the same processes (same
 * pids: no service was restarted) use the same bytes of their quota, and
 * there are as many threads.  The slack is the heap's one cache: each of
 * its size classes keeps its last empty slab rather than give it back
 * (kernel/core/heap.c: 8 classes, slabs of 4 pages), so a run that
 * emptied a class's slabs may leave one.  The run's files are removed
 * before the figures are taken, and the driver did the same file
 * operations once before the first figures (files_check at start), so
 * the services' own heaps are already as big as they get.
 */
#include <mlk/fs.h>
#include <mlk/runtime.h>
#include <mlk/service.h>

#include <stdio.h>
#include <string.h>

#include "driver.h"
#include "mlkcheck.h"

#define FILE_BYTES 12000
#define TMP_FILE "tmp:///sysfuzz.dat"
#define MOTD "initfs:///etc/motd"
#define MOTD_MAX 4096
#define HEAP_SLACK (8 * 4 * 4096ull)

mlk_handle_t driver_system(void)
{
	return mlk_start_handle(MLK_START_SYSTEM, NULL);
}

uint64_t snapshot_count(uint32_t what)
{
	uint64_t n = 0;

	mlk_system_info(driver_system(), what, NULL, 0, &n);
	return n;
}

bool snapshot_take(struct snapshot *s)
{
	uint64_t n = 0;

	memset(s, 0, sizeof(*s));
	if (mlk_system_info(driver_system(), MLK_INFO_MEMORY, &s->mem,
			    sizeof(s->mem), &n) != MLK_OK ||
	    mlk_system_info(driver_system(), MLK_INFO_PROCESSES, s->procs,
			    sizeof(s->procs), &s->nprocs) != MLK_OK)
		return false;
	s->nthreads = snapshot_count(MLK_INFO_THREADS);
	return s->nprocs <= DRIVER_MAX_PROCESSES;
}

static const struct mlk_process_info *find(const struct snapshot *s,
					   uint64_t pid)
{
	for (uint64_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	return NULL;
}

void snapshot_show_new(const struct snapshot *before,
		       const struct snapshot *after, const char *round)
{
	for (uint64_t i = 0; i < after->nprocs; i++)
		if (!find(before, after->procs[i].pid))
			printf("sysfuzz-driver: %s: process %lu (%s) is left, "
			       "%u threads, %lu bytes\n",
			       round, (unsigned long)after->procs[i].pid,
			       after->procs[i].name, after->procs[i].threads,
			       (unsigned long)after->procs[i].used);
}

static bool same_figure(const char *round, const char *what, uint64_t before,
			uint64_t after)
{
	return mlkcheck_check(before == after, __FILE__, __LINE__,
			      "%s: %s %lu before, %lu after (%+ld)", round,
			      what, (unsigned long)before, (unsigned long)after,
			      (long)(after - before));
}

bool snapshot_same(const struct snapshot *before, const struct snapshot *after,
		   const char *round)
{
	bool same =
		same_figure(round, "free plus kernel heap bytes",
			    before->mem.free_bytes + before->mem.kernel_bytes,
			    after->mem.free_bytes + after->mem.kernel_bytes);

	same &= mlkcheck_check(
		after->mem.kernel_bytes <=
			before->mem.kernel_bytes + HEAP_SLACK,
		__FILE__, __LINE__,
		"%s: kernel heap %lu bytes, %lu before: more than the %llu its "
		"caches explain",
		round, (unsigned long)after->mem.kernel_bytes,
		(unsigned long)before->mem.kernel_bytes, HEAP_SLACK);
	same &= same_figure(round, "threads", before->nthreads,
			    after->nthreads);
	same &= same_figure(round, "processes", before->nprocs, after->nprocs);
	for (uint64_t i = 0; i < before->nprocs; i++) {
		const struct mlk_process_info *b = &before->procs[i];
		const struct mlk_process_info *a = find(after, b->pid);
		if (!mlkcheck_check(a, __FILE__, __LINE__,
				    "%s: process %lu (%s) is gone", round,
				    (unsigned long)b->pid, b->name)) {
			same = false;
			continue;
		}
		same &= mlkcheck_check(a->used == b->used, __FILE__, __LINE__,
				       "%s: %s uses %lu bytes, %lu before",
				       round, b->name, (unsigned long)a->used,
				       (unsigned long)b->used);
	}
	snapshot_show_new(before, after, round);
	return same;
}

static uint8_t file_byte(size_t i)
{
	return (uint8_t)(i * 31 + i / 253);
}

static bool step(const char *round, const char *what, mlk_status_t st)
{
	return mlkcheck_check(st == MLK_OK, __FILE__, __LINE__,
			      "%s: files: %s -> " MLKCHECK_ST_FMT, round, what,
			      MLKCHECK_ST(st));
}

static bool tmp_check(const char *round)
{
	static uint8_t buf[FILE_BYTES];
	struct mlk_file f;
	struct mlk_stat info;
	size_t done = 0;
	bool ok;

	for (size_t i = 0; i < FILE_BYTES; i++)
		buf[i] = file_byte(i);
	if (!step(round, "create " TMP_FILE,
		  mlk_fs_open(TMP_FILE,
			      MLK_O_WRITE | MLK_O_CREATE | MLK_O_TRUNCATE, &f)))
		return false;
	ok = step(round, "write", mlk_fs_write(&f, buf, FILE_BYTES, &done)) &&
	     done == FILE_BYTES;
	mlk_fs_close(&f);
	memset(buf, 0, sizeof(buf));
	if (!ok || !step(round, "open " TMP_FILE,
			 mlk_fs_open(TMP_FILE, MLK_O_READ, &f)))
		return false;
	ok = step(round, "read", mlk_fs_read(&f, buf, FILE_BYTES, &done)) &&
	     done == FILE_BYTES;
	mlk_fs_close(&f);
	for (size_t i = 0; ok && i < FILE_BYTES; i++)
		ok = buf[i] == file_byte(i);
	mlkcheck_check(ok, __FILE__, __LINE__,
		       "%s: files: " TMP_FILE " did not read back", round);
	ok &= step(round, "unlink", mlk_fs_unlink(TMP_FILE));
	return ok &&
	       mlkcheck_check(mlk_fs_stat(TMP_FILE, &info) == MLK_ERR_NOT_FOUND,
			      __FILE__, __LINE__,
			      "%s: files: " TMP_FILE " still there", round);
}

/* The motd as read the first time: later reads must match it. */
static char motd[MOTD_MAX];
static size_t motd_len;

static bool motd_check(const char *round)
{
	static char buf[MOTD_MAX];
	struct mlk_file f;
	size_t got = 0;
	bool ok;

	if (!step(round, "open " MOTD, mlk_fs_open(MOTD, MLK_O_READ, &f)))
		return false;
	ok = step(round, "read " MOTD, mlk_fs_read(&f, buf, sizeof(buf), &got));
	mlk_fs_close(&f);
	if (!ok)
		return false;
	if (!motd_len) {
		memcpy(motd, buf, got);
		motd_len = got;
	}
	return mlkcheck_check(got && got == motd_len && !memcmp(buf, motd, got),
			      __FILE__, __LINE__,
			      "%s: files: " MOTD " changed (%lu bytes, %lu "
			      "before)",
			      round, (unsigned long)got,
			      (unsigned long)motd_len);
}

bool files_check(const char *round)
{
	bool ok = tmp_check(round);

	return motd_check(round) && ok;
}
