/*
 * The block device under the FAT core: whole sectors by number.  The
 * service fills it from a memory image today and from the block client
 * tomorrow; the unit tests and the fuzz harness fill it from a buffer.
 * The core never calls anything else to reach the disk.
 */
#ifndef MLK_FAT_DEV_H
#define MLK_FAT_DEV_H

#include <stdint.h>

#include <mlk/status.h>

struct fat_dev {
	void *ctx;
	uint32_t sector_size;  /* bytes: 512, 1024, 2048 or 4096 */
	uint64_t sector_count; /* the device's size in sectors */
	/* Read `count` sectors from `sector` into buf. */
	mlk_status_t (*read)(void *ctx, uint64_t sector, uint32_t count,
			     void *buf);
	/* Write `count` sectors at `sector`; NULL for a read-only device. */
	mlk_status_t (*write)(void *ctx, uint64_t sector, uint32_t count,
			      const void *buf);
	/* Make what was written durable; NULL when writes always are. */
	mlk_status_t (*flush)(void *ctx);
};

#endif
