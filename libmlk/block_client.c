/*
 * The block client (see mlk/block.h): a window of shared memory made at
 * open, transfers split to what the window and the driver take.
 */
#include <mlk/block.h>
#include <mlk/msg.h>
#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <string.h>

#include "libc/libc_impl.h"

/* The window, mapped here; the driver gets a handle that can only tell
 * the device where it is (PHYS), not map it. */
static mlk_status_t make_window(struct mlk_block *b, mlk_handle_t *for_driver)
{
	uint64_t va;
	mlk_status_t st = mlk_mem_create(MLK_BLOCK_WINDOW_SIZE,
					 MLK_MEM_CONTIGUOUS, &b->mem);

	if (st != MLK_OK)
		return st;
	st = mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, b->mem, 0, 0,
			    MLK_BLOCK_WINDOW_SIZE, MLK_MAP_READ | MLK_MAP_WRITE,
			    &va);
	if (st != MLK_OK)
		return st;
	/* Set at once, so that mlk_block_close unmaps it on any failure. */
	b->window = (uint8_t *)(uintptr_t)va;
	b->window_size = MLK_BLOCK_WINDOW_SIZE;
	return mlk_handle_duplicate(b->mem, MLK_RIGHT_PHYS | MLK_RIGHTS_BASIC,
				    for_driver);
}

static mlk_status_t ask_info(struct mlk_block *b)
{
	struct mlk_msg m = { .label = MLK_BLOCK_INFO };
	mlk_status_t st = mlk_msg_call(b->ep, &m, MLK_FOREVER);

	if (st == MLK_OK)
		st = (mlk_status_t)m.label;
	if (st != MLK_OK)
		return st;
	if (m.nwords < 4 || m.w[0] < 512 || m.w[0] > b->window_size ||
	    (m.w[0] & (m.w[0] - 1)) || m.w[3] == 0)
		return MLK_ERR_BAD_FORMAT;
	b->info.sector_size = (uint32_t)m.w[0];
	b->info.sectors = m.w[1];
	b->info.read_only = m.w[2] & MLK_BLOCK_READ_ONLY;
	b->info.can_flush = m.w[2] & MLK_BLOCK_CAN_FLUSH;
	b->info.max_request_sectors = (uint32_t)m.w[3];
	return MLK_OK;
}

static mlk_status_t open_with(struct mlk_block *b, mlk_handle_t driver)
{
	struct mlk_msg m = { .label = MLK_BLOCK_OPEN, .nhandles = 1 };
	mlk_status_t st = make_window(b, &m.h[0]);

	if (st != MLK_OK)
		return st;
	st = mlk_msg_call(driver, &m, MLK_FOREVER);
	if (st == MLK_OK)
		st = (mlk_status_t)m.label;
	if (st == MLK_OK && m.nhandles != 1)
		st = MLK_ERR_BAD_FORMAT;
	if (st != MLK_OK)
		return st;
	b->ep = m.h[0];
	return ask_info(b);
}

MLK_PUBLIC mlk_status_t mlk_block_open(const char *name, uint64_t deadline,
				       struct mlk_block *b)
{
	mlk_handle_t driver;
	mlk_status_t st;

	memset(b, 0, sizeof(*b));
	st = mlk_names_lookup(name, deadline, &driver);
	if (st != MLK_OK)
		return st;
	st = open_with(b, driver);
	mlk_handle_close(driver);
	if (st != MLK_OK)
		mlk_block_close(b);
	return st;
}

MLK_PUBLIC const struct mlk_block_info *
mlk_block_info(const struct mlk_block *b)
{
	return &b->info;
}

/* One request for `count` sectors in the window at `offset`. */
static mlk_status_t transfer(struct mlk_block *b, uint32_t label,
			     uint64_t sector, uint64_t count, uint64_t offset)
{
	struct mlk_msg m = { .label = label,
			     .nwords = 3,
			     .w = { sector, count, offset } };
	mlk_status_t st = mlk_msg_call(b->ep, &m, MLK_FOREVER);

	return st == MLK_OK ? (mlk_status_t)m.label : st;
}

/* The most sectors one request moves through the window. */
static uint64_t chunk(const struct mlk_block *b)
{
	uint64_t n = b->window_size / b->info.sector_size;

	return n < b->info.max_request_sectors ? n
					       : b->info.max_request_sectors;
}

/* Is [sector, sector + count) on the disk?  Checked here too, so that
 * a long transfer fails before it moved a part. */
static bool on_disk(const struct mlk_block *b, uint64_t sector, uint64_t count)
{
	return sector <= b->info.sectors && count <= b->info.sectors - sector;
}

MLK_PUBLIC mlk_status_t mlk_block_read(struct mlk_block *b, uint64_t sector,
				       uint64_t count, void *buf)
{
	uint8_t *out = buf;

	if (!on_disk(b, sector, count))
		return MLK_ERR_BAD_ARG(1);
	while (count) {
		uint64_t n = count < chunk(b) ? count : chunk(b);
		size_t bytes = n * b->info.sector_size;
		mlk_status_t st = transfer(b, MLK_BLOCK_READ, sector, n, 0);
		if (st != MLK_OK)
			return st;
		memcpy(out, b->window, bytes);
		out += bytes;
		sector += n;
		count -= n;
	}
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_block_write(struct mlk_block *b, uint64_t sector,
					uint64_t count, const void *buf)
{
	const uint8_t *in = buf;

	if (b->info.read_only)
		return MLK_ERR_READ_ONLY;
	if (!on_disk(b, sector, count))
		return MLK_ERR_BAD_ARG(1);
	while (count) {
		uint64_t n = count < chunk(b) ? count : chunk(b);
		size_t bytes = n * b->info.sector_size;
		memcpy(b->window, in, bytes);
		mlk_status_t st = transfer(b, MLK_BLOCK_WRITE, sector, n, 0);
		if (st != MLK_OK)
			return st;
		in += bytes;
		sector += n;
		count -= n;
	}
	return MLK_OK;
}

MLK_PUBLIC void *mlk_block_window(const struct mlk_block *b, uint32_t *size)
{
	*size = b->window_size;
	return b->window;
}

/* The checks of a window transfer, here so that they name the caller's
 * arguments. */
static mlk_status_t window_args(const struct mlk_block *b, uint64_t sector,
				uint32_t count, uint32_t offset)
{
	if (!on_disk(b, sector, count))
		return MLK_ERR_BAD_ARG(1);
	if (count == 0 || count > b->info.max_request_sectors)
		return MLK_ERR_BAD_ARG(2);
	if (offset > b->window_size ||
	    (uint64_t)count * b->info.sector_size > b->window_size - offset)
		return MLK_ERR_BAD_ARG(3);
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_block_read_window(struct mlk_block *b,
					      uint64_t sector, uint32_t count,
					      uint32_t offset)
{
	mlk_status_t st = window_args(b, sector, count, offset);

	return st != MLK_OK
		       ? st
		       : transfer(b, MLK_BLOCK_READ, sector, count, offset);
}

MLK_PUBLIC mlk_status_t mlk_block_write_window(struct mlk_block *b,
					       uint64_t sector, uint32_t count,
					       uint32_t offset)
{
	mlk_status_t st = window_args(b, sector, count, offset);

	if (st == MLK_OK && b->info.read_only)
		st = MLK_ERR_READ_ONLY;
	return st != MLK_OK
		       ? st
		       : transfer(b, MLK_BLOCK_WRITE, sector, count, offset);
}

MLK_PUBLIC mlk_status_t mlk_block_flush(struct mlk_block *b)
{
	struct mlk_msg m = { .label = MLK_BLOCK_FLUSH };
	mlk_status_t st = mlk_msg_call(b->ep, &m, MLK_FOREVER);

	return st == MLK_OK ? (mlk_status_t)m.label : st;
}

MLK_PUBLIC void mlk_block_close(struct mlk_block *b)
{
	if (b->ep)
		mlk_handle_close(b->ep);
	if (b->window)
		mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE,
				 (uint64_t)(uintptr_t)b->window,
				 b->window_size);
	if (b->mem)
		mlk_handle_close(b->mem);
	memset(b, 0, sizeof(*b));
}

static mlk_status_t read_sectors(void *ctx, uint64_t sector, uint32_t count,
				 void *buf)
{
	return mlk_block_read(ctx, sector, count, buf);
}

MLK_PUBLIC mlk_status_t mlk_block_partitions(struct mlk_block *b,
					     struct mlk_partition *out,
					     unsigned max, unsigned *n,
					     enum mlk_partition_scheme *scheme)
{
	return mlk_partitions_read(read_sectors, b, b->info.sector_size,
				   b->info.sectors, out, max, n, scheme);
}
