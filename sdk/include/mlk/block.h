/*
 * Block device client (protocol in mlk/proto/block.h): open a disk by
 * name (blk0), read and write whole sectors, flush; and the partitions on
 * it (MBR and GPT).
 *
 *     struct mlk_block disk;
 *     mlk_block_open("blk0", mlk_deadline_in(1000000000), &disk);
 *     mlk_block_read(&disk, 0, 1, sector);
 *     mlk_block_close(&disk);
 *
 * Data goes through a window of shared memory the client makes at open
 * (MLK_BLOCK_WINDOW_SIZE bytes); longer transfers are split.
 */
#ifndef MLK_BLOCK_H
#define MLK_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mlk/proto/block.h>
#include <mlk/syscall.h>

#define MLK_BLOCK_WINDOW_SIZE (64u << 10)

struct mlk_block_info {
	uint32_t sector_size; /* bytes */
	uint64_t sectors;     /* the disk's size in sectors */
	bool read_only;
	bool can_flush;		      /* it has a write cache */
	uint32_t max_request_sectors; /* the most one request moves */
};

struct mlk_block {
	mlk_handle_t ep;  /* this client's handle to the driver */
	mlk_handle_t mem; /* the window */
	uint8_t *window;
	uint32_t window_size;
	struct mlk_block_info info;
};

/* Open the disk registered as `name`, waiting until `deadline` for it to
 * appear (mlk_names_lookup): MLK_ERR_TIMED_OUT if it does not,
 * MLK_ERR_NOT_FOUND at once if the deadline is already past. */
mlk_status_t mlk_block_open(const char *name, uint64_t deadline,
			    struct mlk_block *b);
/* The disk's sector size, size and flags (as learnt at open). */
const struct mlk_block_info *mlk_block_info(const struct mlk_block *b);
/* Read `count` sectors from `sector` on into buf; MLK_ERR_BAD_ARG(1) for
 * sectors past the end, MLK_ERR_IO when the device fails. */
mlk_status_t mlk_block_read(struct mlk_block *b, uint64_t sector,
			    uint64_t count, void *buf);
/* Write `count` sectors from buf to the disk from `sector` on;
 * MLK_ERR_READ_ONLY on a read-only disk. */
mlk_status_t mlk_block_write(struct mlk_block *b, uint64_t sector,
			     uint64_t count, const void *buf);
/* The window itself, for transfers without a copy (a block cache that
 * keeps its blocks there): its address, and its size in *size. */
void *mlk_block_window(const struct mlk_block *b, uint32_t *size);
/* Read `count` sectors from `sector` on into the window at byte `offset`
 * (one request: at most info.max_request_sectors); MLK_ERR_BAD_ARG(1)
 * for sectors past the end, MLK_ERR_BAD_ARG(2) for a count the request
 * cannot take, MLK_ERR_BAD_ARG(3) for bytes past the window. */
mlk_status_t mlk_block_read_window(struct mlk_block *b, uint64_t sector,
				   uint32_t count, uint32_t offset);
/* Write `count` sectors from the window at byte `offset` to the disk from
 * `sector` on; the errors of mlk_block_read_window and
 * MLK_ERR_READ_ONLY. */
mlk_status_t mlk_block_write_window(struct mlk_block *b, uint64_t sector,
				    uint32_t count, uint32_t offset);
/* Make every completed write durable. */
mlk_status_t mlk_block_flush(struct mlk_block *b);
/* Close the disk: the driver forgets this client, the window goes. */
void mlk_block_close(struct mlk_block *b);

/* ---- partitions ---------------------------------------------------------
 */

#define MLK_PARTITION_MAX 16 /* table entries mlk_partitions_read returns */

enum mlk_partition_scheme {
	MLK_PARTITION_MBR = 1,
	MLK_PARTITION_GPT = 2,
};

struct mlk_partition {
	uint64_t start;	       /* first sector */
	uint64_t count;	       /* sectors */
	uint8_t type;	       /* MBR: the type byte (0x0c FAT32 LBA ...);
				  GPT: 0 */
	uint8_t type_guid[16]; /* GPT: the type GUID as stored; MBR: 0 */
	uint32_t index;	       /* its entry in the table, from 0 */
};

/* Read `count` sectors at `sector` into buf (sector_size bytes each). */
typedef mlk_status_t (*mlk_sector_read_fn)(void *ctx, uint64_t sector,
					   uint32_t count, void *buf);

/* Read the partition table of a disk of `sectors` sectors of
 * `sector_size` bytes through `read`: a GPT when the MBR is a protective
 * one (type 0xee) and the GPT header checks out, else the MBR's primary
 * entries.  Fills out[0..*n) in table order, empty entries left out;
 * MLK_ERR_NOT_FOUND without a table (no 0x55aa signature: an
 * unpartitioned disk), MLK_ERR_BAD_FORMAT for a table that points past
 * the disk, overlaps itself or fails its checksums, MLK_ERR_TOO_BIG for
 * more than `max` partitions. */
mlk_status_t mlk_partitions_read(mlk_sector_read_fn read, void *ctx,
				 uint32_t sector_size, uint64_t sectors,
				 struct mlk_partition *out, unsigned max,
				 unsigned *n,
				 enum mlk_partition_scheme *scheme);
/* mlk_partitions_read on an open disk. */
mlk_status_t mlk_block_partitions(struct mlk_block *b,
				  struct mlk_partition *out, unsigned max,
				  unsigned *n,
				  enum mlk_partition_scheme *scheme);

#endif
