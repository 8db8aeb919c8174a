/*
 * The file allocation table: entries of 12, 16 or 32 (28 used) bits,
 * chains of clusters, allocation, and the volume's in-use mark.  Every
 * value read from the disk is checked before it is followed: a chain
 * that loops, ends in a free or reserved entry, or points past the last
 * cluster is MLK_ERR_BAD_FORMAT with a reason, never a wild access.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fat_internal.h"

/* Boot sector byte whose bit 0 says "in use" (Linux and dosfstools), and
 * the clean-shutdown bit of FAT[1] (Microsoft), by FAT width. */
#define STATE_OFF_16 0x25
#define STATE_OFF_32 0x41
#define STATE_DIRTY 0x01
#define CLEAN_BIT_16 0x8000u
#define CLEAN_BIT_32 0x08000000u

mlk_status_t fat_bad(struct fat_vol *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->why, sizeof(v->why), fmt, ap);
	va_end(ap);
	return MLK_ERR_BAD_FORMAT;
}

bool fat_valid_cluster(const struct fat_vol *v, uint32_t clus)
{
	return clus >= 2 && clus - 2 < v->clusters;
}

uint64_t fat_cluster_sector(const struct fat_vol *v, uint32_t clus)
{
	return v->data_start + (uint64_t)(clus - 2) * v->spc;
}

uint32_t fat_eoc(const struct fat_vol *v)
{
	return v->fat_bits == 12   ? 0xfff
	       : v->fat_bits == 16 ? 0xffff
				   : 0x0fffffff;
}

bool fat_is_eoc(const struct fat_vol *v, uint32_t val)
{
	return val >= (fat_eoc(v) & ~7u);
}

/* Byte `off` of FAT copy 0, for reading or writing. */
static mlk_status_t fat_byte(struct fat_vol *v, uint32_t off, bool write,
			     uint8_t **p)
{
	uint64_t lba = v->fat_start + off / v->bps;
	uint8_t *buf;
	mlk_status_t st =
		write ? fat_cache_write(v, lba, CLASS_FAT, false, &buf)
		      : fat_cache_read(v, lba, &buf);

	if (st == MLK_OK)
		*p = buf + off % v->bps;
	return st;
}

static mlk_status_t get12(struct fat_vol *v, uint32_t clus, uint32_t *val)
{
	uint32_t off = clus + clus / 2;
	uint8_t *p;
	uint8_t lo;
	mlk_status_t st = fat_byte(v, off, false, &p);

	if (st != MLK_OK)
		return st;
	lo = *p; /* the next byte may be in another sector */
	st = fat_byte(v, off + 1, false, &p);
	if (st == MLK_OK) {
		uint32_t w = lo | (uint32_t)*p << 8;

		*val = clus & 1 ? w >> 4 : w & 0xfff;
	}
	return st;
}

static mlk_status_t set12(struct fat_vol *v, uint32_t clus, uint32_t val)
{
	uint32_t off = clus + clus / 2;
	uint8_t *p;
	mlk_status_t st = fat_byte(v, off, true, &p);

	if (st != MLK_OK)
		return st;
	if (clus & 1)
		*p = (uint8_t)((*p & 0x0f) | (val & 0x0f) << 4);
	else
		*p = (uint8_t)val;
	st = fat_byte(v, off + 1, true, &p);
	if (st != MLK_OK)
		return st;
	if (clus & 1)
		*p = (uint8_t)(val >> 4);
	else
		*p = (uint8_t)((*p & 0xf0) | (val >> 8 & 0x0f));
	return MLK_OK;
}

mlk_status_t fat_get(struct fat_vol *v, uint32_t clus, uint32_t *val)
{
	uint8_t *p;
	mlk_status_t st;

	if (v->fat_bits == 12)
		return get12(v, clus, val);
	st = fat_byte(v, clus * (v->fat_bits / 8), false, &p);
	if (st == MLK_OK)
		*val = v->fat_bits == 16 ? rd16(p) : rd32(p) & 0x0fffffff;
	return st;
}

mlk_status_t fat_set(struct fat_vol *v, uint32_t clus, uint32_t val)
{
	uint8_t *p;
	mlk_status_t st;

	if (v->fat_bits == 12)
		return set12(v, clus, val);
	st = fat_byte(v, clus * (v->fat_bits / 8), true, &p);
	if (st != MLK_OK)
		return st;
	if (v->fat_bits == 16)
		wr16(p, (uint16_t)val);
	else /* the top four bits are reserved: kept */
		wr32(p, (rd32(p) & 0xf0000000u) | (val & 0x0fffffff));
	return MLK_OK;
}

mlk_status_t fat_next(struct fat_vol *v, uint32_t clus, uint32_t *next)
{
	uint32_t val;
	mlk_status_t st = fat_valid_cluster(v, clus)
				  ? fat_get(v, clus, &val)
				  : fat_bad(v, "cluster %u out of range", clus);

	if (st != MLK_OK)
		return st;
	if (fat_is_eoc(v, val)) {
		*next = 0;
		return MLK_OK;
	}
	if (!fat_valid_cluster(v, val))
		return fat_bad(v,
			       "FAT entry %u is %#x: not a cluster of the "
			       "volume or an end of chain",
			       clus, val);
	*next = val;
	return MLK_OK;
}

/* The memo of chain `first`, or the slot it is to take (round robin). */
static struct fat_memo *memo_of(struct fat_vol *v, uint32_t first)
{
	for (unsigned i = 0; i < FAT_MEMOS; i++)
		if (v->memo[i].first == first)
			return &v->memo[i];
	return &v->memo[v->memo_next++ % FAT_MEMOS];
}

mlk_status_t fat_nth(struct fat_vol *v, uint32_t first, uint32_t index,
		     uint32_t *clus)
{
	uint32_t c = first, i = 0;
	mlk_status_t st = MLK_OK;

	struct fat_memo *m = memo_of(v, first);

	if (index >= v->clusters) {
		*clus = 0; /* no chain is that long */
		return MLK_OK;
	}
	if (first && m->first == first && m->index <= index) {
		i = m->index; /* sequential access walks on */
		c = m->clus;
	}
	for (; st == MLK_OK && c && i < index; i++)
		st = fat_next(v, c, &c);
	if (st == MLK_OK && c && first) {
		m->first = first;
		m->index = index;
		m->clus = c;
	}
	*clus = c;
	return st;
}

mlk_status_t fat_chain_length(struct fat_vol *v, uint32_t first, uint32_t *len)
{
	uint32_t c = first, n = 0;
	mlk_status_t st = MLK_OK;

	while (st == MLK_OK && c) {
		if (++n > v->clusters)
			return fat_bad(v, "the chain from cluster %u loops",
				       first);
		st = fat_next(v, c, &c);
	}
	*len = n;
	return st;
}

mlk_status_t fat_alloc(struct fat_vol *v, uint32_t prev, uint32_t *clus)
{
	uint32_t c = v->next_free, val;
	mlk_status_t st;

	if (!v->free_clusters)
		return MLK_ERR_NO_SPACE;
	for (uint32_t i = 0; i < v->clusters; i++, c++) {
		if (!fat_valid_cluster(v, c))
			c = 2;
		st = fat_get(v, c, &val);
		if (st != MLK_OK)
			return st;
		if (val)
			continue;
		st = fat_set(v, c, fat_eoc(v));
		if (st == MLK_OK && prev)
			st = fat_set(v, prev, c);
		if (st != MLK_OK)
			return st;
		v->free_clusters--;
		v->next_free = c + 1;
		v->fsinfo_stale = true;
		*clus = c;
		return MLK_OK;
	}
	v->free_clusters = 0; /* the count was wrong: there are none */
	return MLK_ERR_NO_SPACE;
}

/* A loop ends on its first cluster freed already: a free entry is not a
 * link, so fat_next refuses it. */
mlk_status_t fat_free_chain(struct fat_vol *v, uint32_t first)
{
	uint32_t c = first, next;
	mlk_status_t st = MLK_OK;

	memset(v->memo, 0, sizeof(v->memo));
	while (st == MLK_OK && c) {
		st = fat_next(v, c, &next);
		if (st == MLK_OK)
			st = fat_set(v, c, 0);
		if (st != MLK_OK)
			break;
		v->free_clusters++;
		v->fsinfo_stale = true;
		if (c < v->next_free)
			v->next_free = c;
		c = next;
	}
	return st;
}

mlk_status_t fat_count_free(struct fat_vol *v)
{
	uint32_t val, n = 0;

	for (uint32_t c = 2; c - 2 < v->clusters; c++) {
		mlk_status_t st = fat_get(v, c, &val);

		if (st != MLK_OK)
			return st;
		if (!val)
			n++;
	}
	v->free_clusters = n;
	return MLK_OK;
}

/* Set or clear the in-use marks; written through at once. */
static mlk_status_t set_marks(struct fat_vol *v, bool in_use)
{
	uint8_t *p;
	uint32_t off = v->fat_bits == 32 ? STATE_OFF_32 : STATE_OFF_16;
	mlk_status_t st;

	if (v->fat_bits == 12)
		return MLK_OK; /* FAT12 has neither mark */
	st = fat_cache_read(v, 0, &p);
	if (st != MLK_OK)
		return st;
	p[off] = (uint8_t)(in_use ? p[off] | STATE_DIRTY
				  : p[off] & ~STATE_DIRTY);
	st = fat_cache_write_through(v, 0);
	if (st == MLK_OK)
		st = fat_cache_read(v, v->fat_start, &p);
	if (st != MLK_OK)
		return st;
	if (v->fat_bits == 16)
		wr16(p + 2, (uint16_t)(in_use ? rd16(p + 2) & ~CLEAN_BIT_16
					      : rd16(p + 2) | CLEAN_BIT_16));
	else
		wr32(p + 4, in_use ? rd32(p + 4) & ~CLEAN_BIT_32
				   : rd32(p + 4) | CLEAN_BIT_32);
	return fat_cache_write_through(v, v->fat_start);
}

mlk_status_t fat_mark_dirty(struct fat_vol *v)
{
	mlk_status_t st;

	if (v->dirty)
		return MLK_OK;
	v->dirty = true;
	st = set_marks(v, true);
	if (st == MLK_OK && v->dev.flush)
		st = v->dev.flush(v->dev.ctx);
	if (st != MLK_OK)
		v->dirty = false;
	return st;
}

mlk_status_t fat_mark_clean(struct fat_vol *v)
{
	mlk_status_t st;

	if (!v->dirty)
		return MLK_OK;
	st = v->was_dirty ? MLK_OK : set_marks(v, false);
	if (st == MLK_OK)
		v->dirty = false;
	return st;
}
