/*
 * The size limit of ramfs.  Everything clients make ramfs keep counts
 * against it, so that the limit, and never the memory quota, is what a
 * full file system runs into: a write then stops with MLK_ERR_NO_SPACE,
 * where running out of quota could stop the service (a page of its heap
 * touched with no quota left is a fault) and lose every file.  At start,
 * the limit is checked against the quota and lowered if it does not fit.
 */
#include <stdbool.h>
#include <stdio.h>

#include <mlk/sys.h>

#include "ramfs.h"

/* Memory beyond the counted bytes: allocator headers and free space,
 * page tables, the shared buffers mapped here. */
#define OVERHEAD(limit) ((limit) / 16 + (1ull << 20))

static uint64_t limit, used;

/* Whether the quota still has `bytes` for us: ask for them, all at once
 * (MLK_MEM_COMMIT takes the pages now), and give them back. */
static bool quota_has(uint64_t bytes)
{
	mlk_handle_t m;

	bytes = MLK_PAGE_UP(bytes);
	if (mlk_mem_create(bytes, MLK_MEM_COMMIT, &m) != MLK_OK)
		return false;
	mlk_handle_close(m);
	return true;
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
