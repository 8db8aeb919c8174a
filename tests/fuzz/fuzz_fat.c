/*
 * The FAT core (servers/fat/) over a disk the input describes: mount,
 * walk every directory (names, stat, lookup by the name readdir gave),
 * read every file, then change the volume (create, write across
 * clusters, mkdir, rename, truncate, unlink), sync, and mount it again.
 * Besides memory and undefined behaviour it checks that every status is
 * one the core promises, that MLK_ERR_BAD_FORMAT comes with a one-line
 * reason, and that the free count never exceeds the clusters.
 *
 * The input is a sparse disk, so that a seed of a 40 MiB FAT32 volume
 * stays small: records of a 32-bit byte offset, a 16-bit length and that
 * many bytes (little-endian), laid on a disk of zeros.  Writes go to an
 * overlay of at most OVERLAY_SECTORS sectors; past that the device fails,
 * which the core must take as a status too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fat.h"

#define SECTOR 512
#define DISK_SECTORS 81920u /* 40 MiB: room for a FAT32 volume */
#define OVERLAY_SECTORS 512
#define MAX_DEPTH 6
#define MAX_ENTRIES 200

struct sparse {
	const uint8_t *in;
	size_t len;
	uint64_t lba[OVERLAY_SECTORS];
	uint8_t (*data)[SECTOR];
	unsigned used;
};

/* The input's bytes for one sector (records laid in order, later ones
 * over earlier ones). */
static void from_input(const struct sparse *s, uint64_t lba, uint8_t *out)
{
	uint64_t start = lba * SECTOR;
	size_t i = 0;

	memset(out, 0, SECTOR);
	while (i + 6 <= s->len) {
		uint32_t off = (uint32_t)s->in[i] |
			       (uint32_t)s->in[i + 1] << 8 |
			       (uint32_t)s->in[i + 2] << 16 |
			       (uint32_t)s->in[i + 3] << 24;
		size_t n = (size_t)(s->in[i + 4] | s->in[i + 5] << 8);

		i += 6;
		if (n > s->len - i)
			n = s->len - i;
		for (size_t k = 0; k < n; k++) {
			uint64_t at = (uint64_t)off + k;

			if (at >= start && at < start + SECTOR)
				out[at - start] = s->in[i + k];
		}
		i += n;
	}
}

static int overlay_find(const struct sparse *s, uint64_t lba)
{
	for (unsigned i = 0; i < s->used; i++)
		if (s->lba[i] == lba)
			return (int)i;
	return -1;
}

static mlk_status_t sp_read(void *ctx, uint64_t sector, uint32_t count,
			    void *buf)
{
	struct sparse *s = ctx;
	uint8_t *out = buf;

	if (sector + count > DISK_SECTORS)
		return MLK_ERR_FAILED;
	for (uint32_t i = 0; i < count; i++) {
		int k = overlay_find(s, sector + i);

		if (k >= 0)
			memcpy(out + i * SECTOR, s->data[k], SECTOR);
		else
			from_input(s, sector + i, out + i * SECTOR);
	}
	return MLK_OK;
}

static mlk_status_t sp_write(void *ctx, uint64_t sector, uint32_t count,
			     const void *buf)
{
	struct sparse *s = ctx;
	const uint8_t *in = buf;

	if (sector + count > DISK_SECTORS)
		return MLK_ERR_FAILED;
	for (uint32_t i = 0; i < count; i++) {
		int k = overlay_find(s, sector + i);

		if (k < 0 && s->used == OVERLAY_SECTORS)
			return MLK_ERR_FAILED; /* a device that gives up */
		if (k < 0) {
			k = (int)s->used++;
			s->lba[k] = sector + i;
		}
		memcpy(s->data[k], in + i * SECTOR, SECTOR);
	}
	return MLK_OK;
}

/* The statuses the core may give; a reason with every BAD_FORMAT. */
static void check_status(struct fat_vol *v, mlk_status_t st)
{
	switch (st) {
	case MLK_OK:
	case MLK_ERR_NOT_FOUND:
	case MLK_ERR_EXISTS:
	case MLK_ERR_NOT_DIR:
	case MLK_ERR_IS_DIR:
	case MLK_ERR_BAD_NAME:
	case MLK_ERR_NOT_EMPTY:
	case MLK_ERR_NO_SPACE:
	case MLK_ERR_TOO_BIG:
	case MLK_ERR_FAILED:
	case MLK_ERR_READ_ONLY:
		return;
	case MLK_ERR_BAD_FORMAT:
		if (!fat_why(v)[0] || strchr(fat_why(v), '\n'))
			abort();
		return;
	default:
		abort();
	}
}

static unsigned entries_seen;

static void walk(struct fat_vol *v, const char *path, struct fat_node *dir,
		 int depth)
{
	static uint8_t buf[4096];
	struct fat_dirent e;
	struct fat_node again;
	uint32_t cur = 0;
	char child[1024];
	size_t got;
	mlk_status_t st;

	while (entries_seen < MAX_ENTRIES &&
	       (st = fat_readdir(v, dir, &cur, &e)) == MLK_OK) {
		entries_seen++;
		if (strlen(e.name) >= FAT_NAME_SIZE ||
		    strlen(e.short_name) > 12)
			abort();
		snprintf(child, sizeof(child), "%s/%s", depth ? path : "",
			 e.name);
		check_status(v, fat_lookup(v, child, &again));
		if (e.node.type == FAT_DIRECTORY && depth < MAX_DEPTH) {
			walk(v, child, &e.node, depth + 1);
			continue;
		}
		for (uint64_t pos = 0;
		     e.node.type == FAT_REGULAR && pos < 3 * sizeof(buf);
		     pos += got) {
			st = fat_read(v, &e.node, pos, buf, sizeof(buf), &got);
			check_status(v, st);
			if (st != MLK_OK || !got || got > sizeof(buf))
				break;
		}
	}
}

static void walk_root(struct fat_vol *v)
{
	struct fat_node root;

	entries_seen = 0;
	check_status(v, fat_lookup(v, "/", &root));
	if (root.type == FAT_DIRECTORY)
		walk(v, "/", &root, 0);
}

static void change(struct fat_vol *v)
{
	static uint8_t data[5000];
	struct fat_node n;
	struct fat_statfs sf;
	size_t done;
	mlk_status_t st;

	memset(data, 0x5a, sizeof(data));
	st = fat_create(v, "/fuzz new file.txt", FAT_REGULAR, &n);
	check_status(v, st);
	if (st == MLK_OK) {
		check_status(v, fat_write(v, &n, 0, data, sizeof(data), &done));
		check_status(v, fat_write(v, &n, 7000, data, 100, &done));
		check_status(v, fat_truncate(v, &n, 1234));
	}
	check_status(v, fat_create(v, "/FUZZDIR", FAT_DIRECTORY, &n));
	check_status(v, fat_rename(v, "/fuzz new file.txt", "/FUZZDIR/moved"));
	check_status(v, fat_rename(v, "/FUZZDIR", "/fuzz dir moved"));
	check_status(v, fat_unlink(v, "/fuzz dir moved/moved"));
	check_status(v, fat_unlink(v, "/fuzz dir moved"));
	fat_statfs(v, &sf);
	if (sf.free_clusters > sf.clusters)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t len)
{
	static struct sparse s;
	static uint8_t overlay[OVERLAY_SECTORS][SECTOR];
	struct fat_dev dev = {
		&s, SECTOR, DISK_SECTORS, sp_read, sp_write, NULL
	};
	struct fat_options o = { .cache_sectors = 8 };
	struct fat_vol *v;
	char why[FAT_WHY_SIZE];
	mlk_status_t st;

	s.in = in;
	s.len = len;
	s.data = overlay;
	s.used = 0;
	st = fat_mount(&dev, &o, &v, why);
	if (st != MLK_OK) {
		if (st != MLK_ERR_BAD_FORMAT || !why[0] || strchr(why, '\n'))
			abort();
		return 0;
	}
	walk_root(v);
	change(v);
	st = fat_unmount(v);
	if (st != MLK_OK && st != MLK_ERR_FAILED)
		abort();
	if (fat_mount(&dev, &o, &v, why) == MLK_OK) {
		walk_root(v);
		fat_unmount(v);
	}
	return 0;
}
