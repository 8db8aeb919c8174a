/*
 * Mounting: the boot sector's BIOS parameter block checked field by
 * field before anything is read through it, the FAT type decided by the
 * count of clusters alone (the specification's section 3.5), FSInfo's
 * hint taken when it is sound; and sync and unmount, which write
 * everything back in order, FSInfo last, then clear the in-use mark.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fat_internal.h"

/* BPB offsets (section 3.1 to 3.3). */
#define BS_JMP 0
#define BPB_BYTS_PER_SEC 11
#define BPB_SEC_PER_CLUS 13
#define BPB_RSVD_SEC_CNT 14
#define BPB_NUM_FATS 16
#define BPB_ROOT_ENT_CNT 17
#define BPB_TOT_SEC16 19
#define BPB_MEDIA 21
#define BPB_FAT_SZ16 22
#define BPB_TOT_SEC32 32
#define BPB_FAT_SZ32 36
#define BPB_FS_VER 42
#define BPB_ROOT_CLUS 44
#define BPB_FS_INFO 48
#define BS_SIGNATURE 510

/* FSInfo (section 5). */
#define FSI_LEAD_SIG 0x41615252u
#define FSI_STRUC_SIG 0x61417272u
#define FSI_TRAIL_SIG 0xaa550000u
#define FSI_STRUC 484
#define FSI_FREE_COUNT 488
#define FSI_NXT_FREE 492
#define FSI_TRAIL 508

#define MAX_SECTOR 4096

const char *fat_why(const struct fat_vol *v)
{
	return v->why;
}

static bool power_of_two(uint32_t x)
{
	return x && !(x & (x - 1));
}

/* The fields that do not depend on the FAT type. */
static mlk_status_t check_basic(struct fat_vol *v, const uint8_t *b)
{
	uint32_t media = b[BPB_MEDIA];

	if (rd16(b + BS_SIGNATURE) != 0xaa55)
		return fat_bad(v, "no boot sector signature (55 aa at 510)");
	if (b[BS_JMP] != 0xeb && b[BS_JMP] != 0xe9)
		return fat_bad(v, "no jump instruction at the start: not a "
				  "FAT boot sector");
	v->bps = rd16(b + BPB_BYTS_PER_SEC);
	if (v->bps < 512 || v->bps > MAX_SECTOR || !power_of_two(v->bps))
		return fat_bad(v,
			       "bytes per sector %u: not 512, 1024, 2048 "
			       "or 4096",
			       v->bps);
	if (v->bps < v->dev.sector_size)
		return fat_bad(v, "sectors of %u bytes on a device of %u",
			       v->bps, v->dev.sector_size);
	v->spc = b[BPB_SEC_PER_CLUS];
	if (!power_of_two(v->spc))
		return fat_bad(v,
			       "sectors per cluster %u: not a power of "
			       "two",
			       v->spc);
	v->cluster_size = v->bps * v->spc;
	if (v->cluster_size > 65536)
		return fat_bad(v, "clusters of %u bytes: over 64 KiB",
			       v->cluster_size);
	if (!rd16(b + BPB_RSVD_SEC_CNT))
		return fat_bad(v, "no reserved sectors");
	v->nfats = b[BPB_NUM_FATS];
	if (v->nfats < 1 || v->nfats > 2)
		return fat_bad(v, "%u FATs: not 1 or 2", v->nfats);
	if (media != 0xf0 && media < 0xf8)
		return fat_bad(v, "media byte %#x: not f0 or f8..ff", media);
	return MLK_OK;
}

/* Sector counts and the regions they make. */
static mlk_status_t check_layout(struct fat_vol *v, const uint8_t *b)
{
	uint32_t tot16 = rd16(b + BPB_TOT_SEC16),
		 tot32 = rd32(b + BPB_TOT_SEC32);
	uint32_t fat16 = rd16(b + BPB_FAT_SZ16),
		 rsvd = rd16(b + BPB_RSVD_SEC_CNT);
	uint64_t meta, root_bytes;

	if (!tot16 == !tot32)
		return fat_bad(v,
			       "total sectors given %s (16-bit %u, 32-bit "
			       "%u)",
			       tot16 ? "twice" : "as zero", tot16, tot32);
	v->total_sectors = tot16 ? tot16 : tot32;
	v->fat_sectors = fat16 ? fat16 : rd32(b + BPB_FAT_SZ32);
	if (!v->fat_sectors)
		return fat_bad(v, "FAT size is zero");
	v->root_entries = rd16(b + BPB_ROOT_ENT_CNT);
	root_bytes = (uint64_t)v->root_entries * DIRENT_SIZE;
	v->fat_start = rsvd;
	v->root_start = (uint32_t)(rsvd + (uint64_t)v->nfats * v->fat_sectors);
	meta = (uint64_t)v->root_start + (root_bytes + v->bps - 1) / v->bps;
	if (meta >= v->total_sectors)
		return fat_bad(v,
			       "reserved sectors, FATs and root directory "
			       "(%llu sectors) fill the volume of %u",
			       (unsigned long long)meta, v->total_sectors);
	v->data_start = (uint32_t)meta;
	v->clusters = (uint32_t)((v->total_sectors - meta) / v->spc);
	if (!v->clusters)
		return fat_bad(v, "no room for a cluster of data");
	v->fat_bits = v->clusters < 4085 ? 12 : v->clusters < 65525 ? 16 : 32;
	if (v->fat_bits == 32 && (fat16 || v->root_entries))
		return fat_bad(v,
			       "%u clusters make FAT32, but the boot "
			       "sector is laid out for FAT12/16",
			       v->clusters);
	if (v->fat_bits != 32 && !fat16)
		return fat_bad(v,
			       "%u clusters make FAT%u, but the boot "
			       "sector is laid out for FAT32",
			       v->clusters, v->fat_bits);
	if (v->fat_bits != 32 && !v->root_entries)
		return fat_bad(v,
			       "a FAT%u volume with no root directory "
			       "entries",
			       v->fat_bits);
	if ((uint64_t)v->fat_sectors * v->bps * 8 / v->fat_bits <
	    (uint64_t)v->clusters + 2)
		return fat_bad(v, "a FAT of %u sectors cannot map %u clusters",
			       v->fat_sectors, v->clusters);
	return MLK_OK;
}

/* The volume fits the device, and FAT32's own fields. */
static mlk_status_t check_rest(struct fat_vol *v, const uint8_t *b)
{
	uint64_t dev_sectors = v->dev.sector_count / v->dev_per_sec;
	uint32_t info = rd16(b + BPB_FS_INFO);

	if (v->total_sectors > dev_sectors)
		return fat_bad(v,
			       "truncated: the volume has %u sectors, the "
			       "device %llu",
			       v->total_sectors,
			       (unsigned long long)dev_sectors);
	if (v->fat_bits != 32)
		return MLK_OK;
	if (rd16(b + BPB_FS_VER))
		return fat_bad(v, "FAT32 version %#x: not 0",
			       rd16(b + BPB_FS_VER));
	v->root_clus = rd32(b + BPB_ROOT_CLUS);
	if (!fat_valid_cluster(v, v->root_clus))
		return fat_bad(v, "root directory cluster %u out of range",
			       v->root_clus);
	/* An FSInfo outside the reserved area is ignored, not followed. */
	v->fsinfo = info && info < v->fat_start ? info : 0;
	return MLK_OK;
}

/* FSInfo's next-free hint, if its signatures are right; the free count
 * is counted instead, since a crash leaves it stale. */
static mlk_status_t read_fsinfo(struct fat_vol *v)
{
	uint8_t *p;
	mlk_status_t st;

	v->next_free = 2;
	if (!v->fsinfo)
		return MLK_OK;
	st = fat_cache_read(v, v->fsinfo, &p);
	if (st != MLK_OK)
		return st;
	if (rd32(p) != FSI_LEAD_SIG || rd32(p + FSI_STRUC) != FSI_STRUC_SIG ||
	    rd32(p + FSI_TRAIL) != FSI_TRAIL_SIG) {
		v->fsinfo = 0; /* not one: left alone */
		return MLK_OK;
	}
	if (fat_valid_cluster(v, rd32(p + FSI_NXT_FREE)))
		v->next_free = rd32(p + FSI_NXT_FREE);
	return MLK_OK;
}

static mlk_status_t write_fsinfo(struct fat_vol *v)
{
	uint8_t *p;
	mlk_status_t st;

	if (!v->fsinfo || !v->fsinfo_stale)
		return MLK_OK;
	st = fat_cache_write(v, v->fsinfo, CLASS_META, false, &p);
	if (st != MLK_OK)
		return st;
	wr32(p + FSI_FREE_COUNT, v->free_clusters);
	wr32(p + FSI_NXT_FREE, v->next_free);
	v->fsinfo_stale = false;
	return MLK_OK;
}

static bool read_state_mark(const struct fat_vol *v, const uint8_t *b)
{
	if (v->fat_bits == 12)
		return false;
	return b[v->fat_bits == 32 ? 0x41 : 0x25] & 1;
}

static mlk_status_t check_boot(struct fat_vol *v, char why[FAT_WHY_SIZE])
{
	static uint8_t b[MAX_SECTOR];
	uint32_t ss = v->dev.sector_size;
	mlk_status_t st = MLK_OK;

	if (ss < 512 || ss > MAX_SECTOR || !power_of_two(ss) ||
	    !v->dev.sector_count)
		st = fat_bad(v, "device sectors of %u bytes, %llu of them", ss,
			     (unsigned long long)v->dev.sector_count);
	if (st == MLK_OK)
		st = v->dev.read(v->dev.ctx, 0, 1, b);
	if (st == MLK_OK)
		st = check_basic(v, b);
	if (st == MLK_OK) {
		v->dev_per_sec = v->bps / ss;
		st = check_layout(v, b);
	}
	if (st == MLK_OK)
		st = check_rest(v, b);
	if (st == MLK_OK)
		v->was_dirty = read_state_mark(v, b);
	if (st != MLK_OK)
		snprintf(why, FAT_WHY_SIZE, "%s",
			 st == MLK_ERR_BAD_FORMAT ? v->why
						  : "cannot read the boot "
						    "sector");
	return st;
}

mlk_status_t fat_mount(const struct fat_dev *dev, const struct fat_options *o,
		       struct fat_vol **out, char why[FAT_WHY_SIZE])
{
	struct fat_vol *v = calloc(1, sizeof(*v));
	mlk_status_t st;

	why[0] = '\0';
	if (!v)
		return MLK_ERR_NO_MEMORY;
	v->dev = *dev;
	if (o)
		v->opt = *o;
	if (!dev->write)
		v->opt.read_only = true;
	st = check_boot(v, why);
	if (st == MLK_OK)
		st = fat_cache_init(v, v->opt.cache_sectors);
	if (st == MLK_OK)
		st = read_fsinfo(v);
	if (st == MLK_OK)
		st = fat_count_free(v);
	if (st == MLK_OK && v->fsinfo && !v->opt.read_only)
		v->fsinfo_stale = true; /* write the counted figure at sync */
	if (st != MLK_OK) {
		if (!why[0])
			snprintf(why, FAT_WHY_SIZE, "%s", v->why);
		fat_cache_free(v);
		free(v);
		return st;
	}
	v->dirty = v->was_dirty;
	v->why[0] = '\0';
	*out = v;
	return MLK_OK;
}

mlk_status_t fat_sync(struct fat_vol *v)
{
	mlk_status_t st = MLK_OK;

	if (v->opt.read_only || !v->dirty)
		return MLK_OK;
	st = write_fsinfo(v);
	if (st == MLK_OK)
		st = fat_cache_flush(v);
	if (st == MLK_OK && v->dev.flush)
		st = v->dev.flush(v->dev.ctx);
	if (st == MLK_OK)
		st = fat_mark_clean(v);
	if (st == MLK_OK && v->dev.flush)
		st = v->dev.flush(v->dev.ctx);
	return st;
}

mlk_status_t fat_unmount(struct fat_vol *v)
{
	mlk_status_t st = fat_sync(v);

	fat_cache_free(v);
	free(v);
	return st;
}

void fat_statfs(const struct fat_vol *v, struct fat_statfs *out)
{
	out->cluster_size = v->cluster_size;
	out->clusters = v->clusters;
	out->free_clusters = v->free_clusters;
	out->fat_bits = v->fat_bits;
}
