/*
 * The disks under the service: struct fat_dev over the block client
 * (mlk/block.h), and the volumes on the disks.  Volumes are numbered as
 * the vfs names them (disk0://, disk1:// ...): the disks in device tree
 * order (the blk instances init lists with mlk_init_device), on each the
 * FAT partitions in table order, or the whole disk when it has no
 * table.  A driver that restarted is opened again and the request
 * repeated, so the volume and its cache outlive it.
 *
 * Writes of adjacent sectors gather in the window and go as one request
 * when the next write is not adjacent, the window is full, or a read or
 * flush comes: the disk sees the writes in the order they were made (the
 * order the cache's write order relies on), fewer of them.  A failure
 * of a gathered write is the status of the request that sent it.  A read
 * the window does not hold fills the whole window from that sector on
 * (read-ahead: the next sectors of a file or of the FAT come without a
 * request); any write drops what was read.
 */
#include <stdio.h>
#include <string.h>

#include <mlk/block.h>
#include <mlk/init.h>
#include <mlk/runtime.h>
#include <mlk/virtio_ids.h>

#include "fat_service.h"

#define OPEN_WAIT_NS (10ull * 1000000000) /* for a driver to (re)appear */

struct blk_vol {
	struct mlk_block b;
	char disk[MLK_BUNDLE_NAME_SIZE]; /* "blk0" */
	uint64_t start;			 /* the volume's first sector */
	uint32_t max;			 /* sectors one request moves */
	uint64_t sectors;		 /* the volume's */
	uint64_t pend_start;		 /* gathered writes: first sector */
	uint32_t pend_count;		 /* sectors in the window, 0: none */
	uint64_t ra_start;		 /* read ahead: first sector */
	uint32_t ra_count;		 /* sectors in the window, 0: none */
};

static struct blk_vol vol;

/* The driver went away (PEER_CLOSED): open the disk again, and carry
 * the window's contents (a write to repeat) over to the new window. */
static mlk_status_t reopen(struct blk_vol *v)
{
	struct mlk_block b;
	mlk_status_t st =
		mlk_block_open(v->disk, mlk_deadline_in(OPEN_WAIT_NS), &b);

	if (st == MLK_OK && (b.info.sectors != v->b.info.sectors ||
			     b.info.sector_size != v->b.info.sector_size)) {
		mlk_block_close(&b);
		st = MLK_ERR_IO; /* another disk under the same name */
	}
	if (st != MLK_OK)
		return st;
	memcpy(b.window, v->b.window, b.window_size);
	mlk_block_close(&v->b);
	v->b = b;
	printf("fat: %s: %s is back\n", fat_svc_scheme, v->disk);
	return MLK_OK;
}

/* One request through the window, repeated on a restarted driver. */
static mlk_status_t transfer(struct blk_vol *v, bool write, uint64_t sector,
			     uint32_t count)
{
	for (int tries = 0;; tries++) {
		mlk_status_t st =
			write ? mlk_block_write_window(&v->b, v->start + sector,
						       count, 0)
			      : mlk_block_read_window(&v->b, v->start + sector,
						      count, 0);
		if (st != MLK_ERR_PEER_CLOSED || tries > 0)
			return st;
		st = reopen(v);
		if (st != MLK_OK)
			return st;
	}
}

/* Send the gathered writes. */
static mlk_status_t send_pending(struct blk_vol *v)
{
	uint32_t n = v->pend_count;

	v->pend_count = 0;
	return n ? transfer(v, true, v->pend_start, n) : MLK_OK;
}

/* Fill the window from `sector` on (as far as the volume goes). */
static mlk_status_t read_ahead(struct blk_vol *v, uint64_t sector)
{
	uint32_t n = v->max;
	mlk_status_t st;

	if (n > v->sectors - sector)
		n = (uint32_t)(v->sectors - sector);
	v->ra_count = 0;
	st = transfer(v, false, sector, n);
	if (st == MLK_OK) {
		v->ra_start = sector;
		v->ra_count = n;
	}
	return st;
}

static bool in_window(const struct blk_vol *v, uint64_t sector, uint32_t count)
{
	return v->ra_count && sector >= v->ra_start &&
	       sector - v->ra_start + count <= v->ra_count;
}

static mlk_status_t blk_read(void *ctx, uint64_t sector, uint32_t count,
			     void *buf)
{
	struct blk_vol *v = ctx;
	uint32_t ss = v->b.info.sector_size;
	uint8_t *p = buf;
	mlk_status_t st = send_pending(v); /* the window is needed */

	while (st == MLK_OK && count) {
		uint32_t n = count < v->max ? count : v->max;
		if (!in_window(v, sector, n))
			st = read_ahead(v, sector);
		if (st != MLK_OK)
			break;
		memcpy(p, v->b.window + (size_t)(sector - v->ra_start) * ss,
		       (size_t)n * ss);
		p += (size_t)n * ss;
		sector += n;
		count -= n;
	}
	return st;
}

static mlk_status_t blk_write(void *ctx, uint64_t sector, uint32_t count,
			      const void *buf)
{
	struct blk_vol *v = ctx;
	uint32_t ss = v->b.info.sector_size;
	const uint8_t *p = buf;

	v->ra_count = 0; /* the window now holds what is written */
	while (count) {
		uint32_t n = count < v->max ? count : v->max;
		bool adjacent = v->pend_count &&
				sector == v->pend_start + v->pend_count &&
				v->pend_count + n <= v->max;
		if (!adjacent) {
			mlk_status_t st = send_pending(v);
			if (st != MLK_OK)
				return st;
			v->pend_start = sector;
		}
		memcpy(v->b.window + (size_t)v->pend_count * ss, p,
		       (size_t)n * ss);
		v->pend_count += n;
		p += (size_t)n * ss;
		sector += n;
		count -= n;
	}
	return MLK_OK;
}

static mlk_status_t blk_flush(void *ctx)
{
	struct blk_vol *v = ctx;
	mlk_status_t st = send_pending(v);

	if (st == MLK_OK)
		st = mlk_block_flush(&v->b);
	if (st == MLK_ERR_PEER_CLOSED && reopen(v) == MLK_OK)
		st = mlk_block_flush(&v->b);
	return st;
}

/* Whether partition p may hold a FAT volume: the MBR's FAT types, GPT's
 * basic data and EFI system partitions (their GUIDs as stored). */
static bool fat_partition(const struct mlk_partition *p)
{
	static const uint8_t basic_data[16] = { 0xa2, 0xa0, 0xd0, 0xeb,
						0xe5, 0xb9, 0x33, 0x44,
						0x87, 0xc0, 0x68, 0xb6,
						0xb7, 0x26, 0x99, 0xc7 };
	static const uint8_t efi_system[16] = { 0x28, 0x73, 0x2a, 0xc1,
						0x1f, 0xf8, 0xd2, 0x11,
						0xba, 0x4b, 0x00, 0xa0,
						0xc9, 0x3e, 0xc9, 0x3b };

	switch (p->type) {
	case 0x01: /* FAT12 */
	case 0x04: /* FAT16 below 32 MiB */
	case 0x06: /* FAT16 */
	case 0x0b: /* FAT32 (CHS) */
	case 0x0c: /* FAT32 (LBA) */
	case 0x0e: /* FAT16 (LBA) */
		return true;
	case 0:
		return !memcmp(p->type_guid, basic_data, 16) ||
		       !memcmp(p->type_guid, efi_system, 16);
	default:
		return false;
	}
}

/* The volumes of the open disk v->b, counted down in *skip until the one
 * wanted: true (v->start and *sectors set) when it is on this disk. */
static bool find_on_disk(struct blk_vol *v, unsigned *skip, uint64_t *sectors,
			 bool loud)
{
	struct mlk_partition parts[MLK_PARTITION_MAX];
	enum mlk_partition_scheme scheme;
	unsigned n = 0;
	mlk_status_t st = mlk_block_partitions(&v->b, parts, MLK_PARTITION_MAX,
					       &n, &scheme);

	/* No table, or one without entries (a FAT boot sector without boot
	 * code, as mkfs.fat writes, reads as an empty MBR): the disk is the
	 * volume. */
	if (st == MLK_ERR_NOT_FOUND || (st == MLK_OK && n == 0)) {
		parts[0] = (struct mlk_partition){ .start = 0,
						   .count = v->b.info.sectors,
						   .type = 0x0c };
		n = 1;
	} else if (st != MLK_OK) {
		if (loud) /* every instance reads it: one says it */
			printf("fat: %s: partition table: %s\n", v->disk,
			       mlk_status_str(st));
		return false;
	}
	for (unsigned i = 0; i < n; i++) {
		if (!fat_partition(&parts[i]))
			continue;
		if ((*skip)-- == 0) {
			v->start = parts[i].start;
			*sectors = parts[i].count;
			return true;
		}
	}
	return false;
}

/* The name of the driver of the `k`th virtio-blk disk, "" past the last. */
static void disk_name(unsigned k, char name[MLK_BUNDLE_NAME_SIZE])
{
	struct mlk_init_device d;
	unsigned seen = 0;

	name[0] = 0;
	for (uint32_t i = 0; mlk_init_device(i, &d) == MLK_OK; i++) {
		if (d.device_id != MLK_VIRTIO_ID_BLOCK || seen++ != k)
			continue;
		/* No driver entry (the manifest has none): init's naming. */
		if (d.driver[0])
			strlcpy(name, d.driver, MLK_BUNDLE_NAME_SIZE);
		else
			snprintf(name, MLK_BUNDLE_NAME_SIZE, "blk%u", k);
		return;
	}
}

mlk_status_t fat_blk_open(unsigned index, struct fat_dev *dev,
			  char where[FAT_WHERE_SIZE])
{
	unsigned skip = index;
	uint64_t sectors = 0;
	mlk_status_t st;

	for (unsigned k = 0;; k++) {
		disk_name(k, vol.disk);
		if (!vol.disk[0])
			return MLK_ERR_NOT_FOUND;
		st = mlk_block_open(vol.disk, mlk_deadline_in(OPEN_WAIT_NS),
				    &vol.b);
		if (st != MLK_OK) {
			if (index == 0)
				printf("fat: %s: %s\n", vol.disk,
				       mlk_status_str(st));
			continue;
		}
		if (find_on_disk(&vol, &skip, &sectors, index == 0))
			break;
		mlk_block_close(&vol.b);
	}
	vol.max = vol.b.window_size / vol.b.info.sector_size;
	if (vol.max > vol.b.info.max_request_sectors)
		vol.max = vol.b.info.max_request_sectors;
	snprintf(where, FAT_WHERE_SIZE, "%s sectors %lu+%lu", vol.disk,
		 (unsigned long)vol.start, (unsigned long)sectors);
	dev->ctx = &vol;
	dev->sector_size = vol.b.info.sector_size;
	dev->sector_count = sectors;
	vol.sectors = sectors;
	dev->read = blk_read;
	dev->write = vol.b.info.read_only ? NULL : blk_write;
	dev->flush = blk_flush;
	return MLK_OK;
}
