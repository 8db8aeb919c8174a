/*
 * Partition tables (see mlk/block.h): the MBR's four primary entries, and
 * a GPT behind a protective MBR (UEFI 2.10, 5.2 "LBA 0 Format" and 5.3
 * "GUID Partition Table (GPT) Disk Layout").  Everything read from the
 * disk is checked before use: a table is data from outside.  Built for
 * the build machine too (tests/unit/test_partition.c).
 */
#include <mlk/block.h>
#include <mlk/bundle.h>

#include <string.h>

#include "libc/libc_impl.h"

#define MAX_SECTOR 4096u
#define MBR_SIGNATURE_OFFSET 510
#define MBR_ENTRIES_OFFSET 446
#define MBR_ENTRIES 4
#define MBR_TYPE_PROTECTIVE 0xee
#define GPT_HEADER_MIN 92
#define GPT_ENTRY_MIN 128
#define GPT_MAX_ENTRIES 1024 /* 128 KiB of 128-byte entries */

struct table {
	mlk_sector_read_fn read;
	void *ctx;
	uint32_t sector_size;
	uint64_t sectors;
	struct mlk_partition *out;
	unsigned max, n;
};

static uint32_t le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Add a partition after checking it lies on the disk, past sector 0,
 * and clear of those before it. */
static mlk_status_t add(struct table *t, const struct mlk_partition *p)
{
	if (p->count == 0 || p->start == 0 || p->start >= t->sectors ||
	    p->count > t->sectors - p->start)
		return MLK_ERR_BAD_FORMAT;
	for (unsigned i = 0; i < t->n; i++) {
		const struct mlk_partition *q = &t->out[i];
		if (p->start < q->start + q->count &&
		    q->start < p->start + p->count)
			return MLK_ERR_BAD_FORMAT;
	}
	if (t->n == t->max)
		return MLK_ERR_TOO_BIG;
	t->out[t->n++] = *p;
	return MLK_OK;
}

/* ---- GPT ---------------------------------------------------------------- */

struct gpt_header {
	uint64_t first_usable, last_usable;
	uint64_t entries_lba;
	uint32_t nentries, entry_size, entries_crc;
};

/* The header at sector 1: signature, size, its CRC, where it says it
 * is, and an entry array that fits on the disk. */
static mlk_status_t gpt_header(struct table *t, const uint8_t *s,
			       struct gpt_header *h)
{
	uint32_t size = le32(s + 12);
	uint8_t copy[MAX_SECTOR];

	if (memcmp(s, "EFI PART", 8) || size < GPT_HEADER_MIN ||
	    size > t->sector_size || le64(s + 24) != 1)
		return MLK_ERR_BAD_FORMAT;
	memcpy(copy, s, size);
	memset(copy + 16, 0, 4);
	if (mlk_crc32(0, copy, size) != le32(s + 16))
		return MLK_ERR_BAD_FORMAT;
	h->first_usable = le64(s + 40);
	h->last_usable = le64(s + 48);
	h->entries_lba = le64(s + 72);
	h->nentries = le32(s + 80);
	h->entry_size = le32(s + 84);
	h->entries_crc = le32(s + 88);
	if (h->first_usable > h->last_usable || h->last_usable >= t->sectors ||
	    h->entry_size < GPT_ENTRY_MIN || h->entry_size > t->sector_size ||
	    (h->entry_size & (h->entry_size - 1)) ||
	    h->nentries > GPT_MAX_ENTRIES || h->entries_lba < 2)
		return MLK_ERR_BAD_FORMAT;
	uint64_t bytes = (uint64_t)h->nentries * h->entry_size;
	uint64_t nsec = (bytes + t->sector_size - 1) / t->sector_size;
	if (h->entries_lba >= t->sectors || nsec > t->sectors - h->entries_lba)
		return MLK_ERR_BAD_FORMAT;
	return MLK_OK;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

static mlk_status_t gpt_entry(struct table *t, const struct gpt_header *h,
			      const uint8_t *e, uint32_t index)
{
	struct mlk_partition p = { .index = index };
	uint64_t first = le64(e + 32), last = le64(e + 40);

	if (all_zero(e, 16))
		return MLK_OK; /* an unused entry */
	if (first < h->first_usable || last > h->last_usable || last < first)
		return MLK_ERR_BAD_FORMAT;
	p.start = first;
	p.count = last - first + 1;
	memcpy(p.type_guid, e, 16);
	return add(t, &p);
}

/* The entry array, a sector at a time: its CRC first, then each entry.
 * Entries are a power of two no larger than a sector, so none straddles
 * two sectors. */
static mlk_status_t gpt_entries(struct table *t, const struct gpt_header *h,
				bool take)
{
	uint8_t s[MAX_SECTOR];
	uint32_t per_sector = t->sector_size / h->entry_size, crc = 0;
	mlk_status_t st = MLK_OK;

	for (uint32_t i = 0; i < h->nentries && st == MLK_OK; i++) {
		uint32_t in = i % per_sector;
		if (in == 0) {
			st = t->read(t->ctx, h->entries_lba + i / per_sector, 1,
				     s);
			if (st != MLK_OK)
				return st;
		}
		const uint8_t *e = s + (size_t)in * h->entry_size;
		if (take)
			st = gpt_entry(t, h, e, i);
		else
			crc = mlk_crc32(crc, e, h->entry_size);
	}
	if (!take && crc != h->entries_crc)
		return MLK_ERR_BAD_FORMAT;
	return st;
}

static mlk_status_t read_gpt(struct table *t)
{
	uint8_t s[MAX_SECTOR];
	struct gpt_header h;
	mlk_status_t st = t->read(t->ctx, 1, 1, s);

	if (st == MLK_OK)
		st = gpt_header(t, s, &h);
	if (st == MLK_OK)
		st = gpt_entries(t, &h, false);
	if (st == MLK_OK)
		st = gpt_entries(t, &h, true);
	return st;
}

/* ---- MBR ---------------------------------------------------------------- */

/* A sector 0 with the signature is a partition table only if each entry's
 * boot indicator is 0x00 or 0x80: a file system's boot sector (a whole
 * disk formatted without a table) has code there. */
static bool is_mbr(const uint8_t *s)
{
	if (s[MBR_SIGNATURE_OFFSET] != 0x55 ||
	    s[MBR_SIGNATURE_OFFSET + 1] != 0xaa)
		return false;
	for (int i = 0; i < MBR_ENTRIES; i++) {
		uint8_t boot = s[MBR_ENTRIES_OFFSET + 16 * i];
		if (boot != 0x00 && boot != 0x80)
			return false;
	}
	return true;
}

static bool is_protective(const uint8_t *s)
{
	for (int i = 0; i < MBR_ENTRIES; i++)
		if (s[MBR_ENTRIES_OFFSET + 16 * i + 4] == MBR_TYPE_PROTECTIVE)
			return true;
	return false;
}

/* The primary entries (logical partitions inside an extended one are
 * not followed: the extended entry itself is listed). */
static mlk_status_t read_mbr(struct table *t, const uint8_t *s)
{
	for (uint32_t i = 0; i < MBR_ENTRIES; i++) {
		const uint8_t *e = s + MBR_ENTRIES_OFFSET + 16 * i;
		struct mlk_partition p = {
			.start = le32(e + 8),
			.count = le32(e + 12),
			.type = e[4],
			.index = i,
		};
		if (p.type == 0)
			continue;
		mlk_status_t st = add(t, &p);
		if (st != MLK_OK)
			return st;
	}
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_partitions_read(mlk_sector_read_fn read, void *ctx,
					    uint32_t sector_size,
					    uint64_t sectors,
					    struct mlk_partition *out,
					    unsigned max, unsigned *n,
					    enum mlk_partition_scheme *scheme)
{
	struct table t = { read, ctx, sector_size, sectors, out, max, 0 };
	uint8_t s[MAX_SECTOR];
	mlk_status_t st;

	*n = 0;
	if (sector_size < 512 || sector_size > MAX_SECTOR ||
	    (sector_size & (sector_size - 1)))
		return MLK_ERR_BAD_ARG(2);
	if (sectors < 2)
		return MLK_ERR_NOT_FOUND;
	st = read(ctx, 0, 1, s);
	if (st != MLK_OK)
		return st;
	if (!is_mbr(s))
		return MLK_ERR_NOT_FOUND;
	if (is_protective(s)) {
		*scheme = MLK_PARTITION_GPT;
		st = read_gpt(&t);
	} else {
		*scheme = MLK_PARTITION_MBR;
		st = read_mbr(&t, s);
	}
	*n = st == MLK_OK ? t.n : 0;
	return st;
}
