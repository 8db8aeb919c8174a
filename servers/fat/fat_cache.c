/*
 * The sector cache: a fixed number of volume sectors, least recently used
 * out first, written back on sync, at unmount, or when a dirty sector
 * must make room.  Dirty sectors reach the disk in class order (file
 * data, then the FAT, then directories, then the boot sector and FSInfo)
 * and, within a class, in the order they became dirty, so the disk never
 * holds a directory entry ahead of the FAT and data it names (README.md,
 * "Write order").  A FAT sector goes to every FAT copy.
 */
#include <stdlib.h>
#include <string.h>

#include "fat_internal.h"

#define DEFAULT_SLOTS 64

mlk_status_t fat_cache_init(struct fat_vol *v, uint32_t nslots)
{
	if (!nslots)
		nslots = DEFAULT_SLOTS;
	if (nslots < 4)
		nslots = 4; /* a FAT12 entry spans two sectors, plus data */
	v->slots = calloc(nslots, sizeof(*v->slots));
	if (!v->slots)
		return MLK_ERR_NO_MEMORY;
	v->nslots = nslots;
	for (uint32_t i = 0; i < nslots; i++) {
		v->slots[i].buf = malloc(v->bps);
		if (!v->slots[i].buf) {
			fat_cache_free(v);
			return MLK_ERR_NO_MEMORY;
		}
	}
	return MLK_OK;
}

void fat_cache_free(struct fat_vol *v)
{
	for (uint32_t i = 0; v->slots && i < v->nslots; i++)
		free(v->slots[i].buf);
	free(v->slots);
	v->slots = NULL;
	v->nslots = 0;
}

static mlk_status_t dev_read(struct fat_vol *v, uint64_t lba, void *buf)
{
	return v->dev.read(v->dev.ctx, lba * v->dev_per_sec, v->dev_per_sec,
			   buf);
}

static mlk_status_t dev_write_one(struct fat_vol *v, uint64_t lba,
				  const void *buf)
{
	if (!v->dev.write)
		return MLK_ERR_READ_ONLY;
	return v->dev.write(v->dev.ctx, lba * v->dev_per_sec, v->dev_per_sec,
			    buf);
}

/* A FAT sector of copy 0 goes to the same place in every copy. */
static mlk_status_t write_back(struct fat_vol *v, struct fat_slot *s)
{
	mlk_status_t st = dev_write_one(v, s->lba, s->buf);
	bool in_fat = s->lba >= v->fat_start &&
		      s->lba < (uint64_t)v->fat_start + v->fat_sectors;

	for (uint32_t i = 1; st == MLK_OK && in_fat && i < v->nfats; i++)
		st = dev_write_one(v, s->lba + (uint64_t)i * v->fat_sectors,
				   s->buf);
	if (st == MLK_OK)
		s->dirty = false;
	return st;
}

/* The dirty slot that goes first: lowest class, then earliest. */
static struct fat_slot *first_dirty(struct fat_vol *v)
{
	struct fat_slot *best = NULL;

	for (uint32_t i = 0; i < v->nslots; i++) {
		struct fat_slot *s = &v->slots[i];

		if (!s->dirty)
			continue;
		if (!best || s->class < best->class ||
		    (s->class == best->class && s->seq < best->seq))
			best = s;
	}
	return best;
}

mlk_status_t fat_cache_flush(struct fat_vol *v)
{
	struct fat_slot *s;

	while ((s = first_dirty(v))) {
		mlk_status_t st = write_back(v, s);

		if (st != MLK_OK)
			return st;
	}
	return MLK_OK;
}

static struct fat_slot *find(struct fat_vol *v, uint64_t lba)
{
	for (uint32_t i = 0; i < v->nslots; i++)
		if (v->slots[i].valid && v->slots[i].lba == lba)
			return &v->slots[i];
	return NULL;
}

/* The least recently used slot, clean ones first; writing back a dirty
 * one writes everything dirty, so that the order holds. */
static mlk_status_t victim(struct fat_vol *v, struct fat_slot **out)
{
	struct fat_slot *clean = NULL, *any = NULL;

	for (uint32_t i = 0; i < v->nslots; i++) {
		struct fat_slot *s = &v->slots[i];

		if (!s->valid) {
			*out = s;
			return MLK_OK;
		}
		if (!s->dirty && (!clean || s->used < clean->used))
			clean = s;
		if (!any || s->used < any->used)
			any = s;
	}
	if (clean) {
		*out = clean;
		return MLK_OK;
	}
	*out = any;
	return fat_cache_flush(v);
}

static mlk_status_t get(struct fat_vol *v, uint64_t lba, bool load,
			struct fat_slot **out)
{
	struct fat_slot *s = find(v, lba);
	mlk_status_t st;

	if (!s) {
		st = victim(v, &s);
		if (st != MLK_OK)
			return st;
		s->valid = false;
		if (load) {
			st = dev_read(v, lba, s->buf);
			if (st != MLK_OK)
				return st;
		}
		s->valid = true;
		s->dirty = false;
		s->lba = lba;
	}
	s->used = ++v->tick;
	*out = s;
	return MLK_OK;
}

mlk_status_t fat_cache_read(struct fat_vol *v, uint64_t lba, uint8_t **p)
{
	struct fat_slot *s;
	mlk_status_t st = get(v, lba, true, &s);

	if (st == MLK_OK)
		*p = s->buf;
	return st;
}

mlk_status_t fat_cache_write(struct fat_vol *v, uint64_t lba, uint8_t class,
			     bool whole, uint8_t **p)
{
	struct fat_slot *s;
	mlk_status_t st = v->opt.read_only ? MLK_ERR_READ_ONLY : MLK_OK;

	if (st == MLK_OK)
		st = fat_mark_dirty(v);
	if (st == MLK_OK)
		st = get(v, lba, !whole, &s);
	if (st != MLK_OK)
		return st;
	if (!s->dirty) {
		s->dirty = true;
		s->class = class;
		s->seq = ++v->dirty_seq;
	} else if (class < s->class) {
		s->class = class; /* e.g. a new directory's zeroed cluster */
	}
	*p = s->buf;
	return MLK_OK;
}

mlk_status_t fat_cache_write_through(struct fat_vol *v, uint64_t lba)
{
	struct fat_slot *s = find(v, lba);

	if (!s)
		return MLK_ERR_FAILED;
	return write_back(v, s);
}
