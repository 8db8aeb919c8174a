/*
 * The size limit of ramfs.  Everything clients make ramfs keep counts
 * against it, so that the limit, and never the memory quota, is what a
 * full file system runs into: a write then stops with MLK_ERR_NO_SPACE,
 * where running out of quota could stop the service (a page of its heap
 * touched with no quota left is a fault) and lose every file.  At start,
 * the limit is checked against the quota (the start info's) and lowered
 * if it does not fit.  A quota is a limit, not memory set aside
 * (HACKING.md), so nothing is taken to check it: the files take RAM as
 * they are written.
 */
#include <stdbool.h>
#include <stdio.h>

#include <mlk/runtime.h>

#include "ramfs.h"

/* Memory beyond the counted bytes: allocator headers and free space,
 * page tables, the shared buffers mapped here. */
#define OVERHEAD(limit) ((limit) / 16 + (1ull << 20))

static uint64_t limit, used;

/* Whether our quota has room for `bytes` (0: no quota told, no limit). */
static bool quota_has(uint64_t bytes)
{
	uint64_t quota = mlk_startinfo() ? mlk_startinfo()->quota : 0;

	return !quota || bytes <= quota;
}

void ramfs_space_init(uint64_t max_bytes)
{
	limit = max_bytes;
	while (limit >= RAMFS_BLOCK && !quota_has(limit + OVERHEAD(limit)))
		limit /= 2;
	if (limit != max_bytes)
		printf("ramfs: the memory quota holds only %lu KiB of files; "
		       "the limit is that\n",
		       (unsigned long)(limit >> 10));
}

uint64_t ramfs_space_limit(void)
{
	return limit;
}

uint64_t ramfs_space_used(void)
{
	return used;
}

bool ramfs_space_take(uint64_t bytes)
{
	if (bytes > limit - used)
		return false;
	used += bytes;
	return true;
}

void ramfs_space_give(uint64_t bytes)
{
	used -= bytes;
}
