/*
 * Directories: arrays of 32-byte entries, the FAT12/16 root in its fixed
 * area and every other directory in a cluster chain.  A long name is a
 * run of long-name entries before its short entry, last part first, each
 * carrying the short name's checksum; a run that is broken or whose
 * checksum does not match is ignored and the short name shows instead,
 * as the specification says.
 */
#include <string.h>

#include "fat_internal.h"

#define LFN_MAX_ENTRIES 20 /* 255 units, 13 an entry */

uint32_t fat_dir_cluster(const struct fat_vol *v, const struct fat_node *n)
{
	if (n->is_root)
		return v->fat_bits == 32 ? v->root_clus : 0;
	return n->first ? n->first : UINT32_MAX; /* refused by locate */
}

mlk_status_t fat_dir_locate(struct fat_vol *v, uint32_t dir_first,
			    uint32_t index, struct fat_dir_pos *pos)
{
	uint32_t per_clus = v->cluster_size / DIRENT_SIZE, clus;
	uint64_t byte;
	mlk_status_t st;

	if (dir_first == 0 && v->fat_bits != 32) {
		if (index >= v->root_entries)
			return MLK_ERR_NOT_FOUND;
		byte = (uint64_t)index * DIRENT_SIZE;
		pos->lba = v->root_start + byte / v->bps;
		pos->off = (uint32_t)(byte % v->bps);
		return MLK_OK;
	}
	if (!fat_valid_cluster(v, dir_first))
		return fat_bad(v,
			       "a directory starts at cluster %u, out of "
			       "range",
			       dir_first);
	if (index >= DIR_MAX_ENTRIES)
		return MLK_ERR_NOT_FOUND;
	st = fat_nth(v, dir_first, index / per_clus, &clus);
	if (st != MLK_OK)
		return st;
	if (!clus)
		return MLK_ERR_NOT_FOUND;
	byte = (uint64_t)(index % per_clus) * DIRENT_SIZE;
	pos->lba = fat_cluster_sector(v, clus) + byte / v->bps;
	pos->off = (uint32_t)(byte % v->bps);
	return MLK_OK;
}

/* Entry `index` for reading; MLK_ERR_NOT_FOUND past the directory. */
static mlk_status_t entry_read(struct fat_vol *v, uint32_t dir_first,
			       uint32_t index, uint8_t **e)
{
	struct fat_dir_pos pos;
	uint8_t *buf;
	mlk_status_t st = fat_dir_locate(v, dir_first, index, &pos);

	if (st == MLK_OK)
		st = fat_cache_read(v, pos.lba, &buf);
	if (st == MLK_OK)
		*e = buf + pos.off;
	return st;
}

static mlk_status_t entry_write(struct fat_vol *v, uint32_t dir_first,
				uint32_t index, uint8_t **e)
{
	struct fat_dir_pos pos;
	uint8_t *buf;
	mlk_status_t st = fat_dir_locate(v, dir_first, index, &pos);

	if (st == MLK_OK)
		st = fat_cache_write(v, pos.lba, CLASS_DIR, false, &buf);
	if (st == MLK_OK)
		*e = buf + pos.off;
	return st;
}

void fat_node_from_entry(const struct fat_vol *v, const uint8_t *e,
			 struct fat_node *n)
{
	uint32_t hi = v->fat_bits == 32 ? rd16(e + DE_CLUS_HI) : 0;

	memset(n, 0, sizeof(*n));
	n->attr = e[DE_ATTR];
	n->type = n->attr & ATTR_DIRECTORY ? FAT_DIRECTORY : FAT_REGULAR;
	n->first = hi << 16 | rd16(e + DE_CLUS_LO);
	n->size = n->type == FAT_REGULAR ? rd32(e + DE_SIZE) : 0;
	n->ctime = fat_time_from_dos(rd16(e + DE_CDATE), rd16(e + DE_CTIME));
	n->mtime = fat_time_from_dos(rd16(e + DE_MDATE), rd16(e + DE_MTIME));
}

mlk_status_t fat_node_store(struct fat_vol *v, const struct fat_node *n)
{
	uint16_t date, time;
	uint8_t *e;
	mlk_status_t st;

	if (n->is_root)
		return MLK_OK;
	st = entry_write(v, n->dir_first, n->entry, &e);
	if (st != MLK_OK)
		return st;
	fat_time_to_dos(n->mtime, &date, &time);
	wr16(e + DE_CLUS_HI, (uint16_t)(n->first >> 16));
	wr16(e + DE_CLUS_LO, (uint16_t)n->first);
	wr32(e + DE_SIZE, n->type == FAT_REGULAR ? n->size : 0);
	wr16(e + DE_MDATE, date);
	wr16(e + DE_MTIME, time);
	wr16(e + DE_ADATE, date);
	return MLK_OK;
}

/* ---- reading entries ----------------------------------------------------- */

/* A long name being gathered from its entries. */
struct lfn {
	uint16_t units[LFN_MAX_ENTRIES * LFN_CHARS];
	unsigned count;	 /* entries the run has */
	unsigned expect; /* order number of the entry still to come */
	uint8_t sum;
};

static const uint8_t lfn_offsets[LFN_CHARS] = { 1,  3,	5,  7,	9,  14, 16,
						18, 20, 22, 24, 28, 30 };

static void lfn_take(struct lfn *l, const uint8_t *e)
{
	unsigned ord = e[LFN_ORD] & 0x1f;

	if (e[LFN_ORD] & LFN_LAST) {
		l->count = ord;
		l->sum = e[LFN_CHKSUM];
	} else if (!l->expect || ord != l->expect - 1 ||
		   e[LFN_CHKSUM] != l->sum) {
		l->count = l->expect = 0; /* a broken run */
		return;
	}
	if (ord == 0 || ord > LFN_MAX_ENTRIES) {
		l->count = l->expect = 0;
		return;
	}
	for (unsigned i = 0; i < LFN_CHARS; i++)
		l->units[(ord - 1) * LFN_CHARS + i] = rd16(e + lfn_offsets[i]);
	l->expect = ord;
}

/* The long name, if a whole run belonging to short entry e came. */
static bool lfn_name(const struct lfn *l, const uint8_t *e, char *out)
{
	unsigned n = 0, max = l->count * LFN_CHARS;

	if (!l->count || l->expect != 1 || fat_short_checksum(e) != l->sum)
		return false;
	while (n < max && n < LFN_MAX_UNITS && l->units[n])
		n++;
	if (!n)
		return false;
	fat_units_utf8(l->units, n, out);
	return true;
}

static bool is_dot(const uint8_t *e)
{
	return !memcmp(e, ".          ", 11) || !memcmp(e, "..         ", 11);
}

static void make_dirent(struct fat_vol *v, uint32_t dir_first, uint32_t index,
			const uint8_t *e, const struct lfn *l,
			struct fat_dirent *out)
{
	bool have_long = lfn_name(l, e, out->name);

	fat_short_display(e, e[DE_NTRES], out->short_name);
	if (!have_long)
		strcpy(out->name, out->short_name);
	fat_node_from_entry(v, e, &out->node);
	out->node.dir_first = dir_first;
	out->node.entry = index;
	out->node.lfn_entries = have_long ? l->count : 0;
}

mlk_status_t fat_dir_next(struct fat_vol *v, uint32_t dir_first,
			  uint32_t *index, struct fat_dirent *out)
{
	struct lfn l = { .count = 0 };
	uint8_t *e;

	for (uint32_t i = *index;; i++) {
		mlk_status_t st = entry_read(v, dir_first, i, &e);

		if (st != MLK_OK)
			return st;
		if (e[0] == DE_END)
			return MLK_ERR_NOT_FOUND;
		if (e[0] == DE_FREE) {
			l.count = l.expect = 0;
			continue;
		}
		if ((e[DE_ATTR] & ATTR_LONG_MASK) == ATTR_LONG_NAME) {
			lfn_take(&l, e);
			continue;
		}
		if ((e[DE_ATTR] & ATTR_VOLUME_ID) || is_dot(e)) {
			l.count = l.expect = 0;
			continue;
		}
		make_dirent(v, dir_first, i, e, &l, out);
		*index = i + 1;
		return MLK_OK;
	}
}

mlk_status_t fat_dir_find(struct fat_vol *v, uint32_t dir_first,
			  const char *name, struct fat_dirent *out)
{
	uint32_t i = 0;
	mlk_status_t st;

	while ((st = fat_dir_next(v, dir_first, &i, out)) == MLK_OK)
		if (fat_name_equal(out->name, name) ||
		    fat_name_equal(out->short_name, name))
			return MLK_OK;
	return st;
}

mlk_status_t fat_dir_is_empty(struct fat_vol *v, uint32_t dir_first,
			      bool *empty)
{
	static struct fat_dirent d; /* large; one caller at a time */
	uint32_t i = 0;
	mlk_status_t st = fat_dir_next(v, dir_first, &i, &d);

	*empty = st == MLK_ERR_NOT_FOUND;
	return st == MLK_ERR_NOT_FOUND ? MLK_OK : st;
}

mlk_status_t fat_dir_remove(struct fat_vol *v, const struct fat_node *node)
{
	uint8_t *e;

	for (uint32_t i = node->entry - node->lfn_entries; i <= node->entry;
	     i++) {
		mlk_status_t st = entry_write(v, node->dir_first, i, &e);

		if (st != MLK_OK)
			return st;
		e[0] = DE_FREE;
	}
	return MLK_OK;
}

/* ---- adding entries ------------------------------------------------------ */

/* Whether a short entry of the directory has these 11 bytes. */
static mlk_status_t short_taken(struct fat_vol *v, uint32_t dir_first,
				const uint8_t name[11], bool *taken)
{
	uint8_t *e;

	*taken = false;
	for (uint32_t i = 0;; i++) {
		mlk_status_t st = entry_read(v, dir_first, i, &e);

		if (st == MLK_ERR_NOT_FOUND || (st == MLK_OK && !e[0]))
			return MLK_OK;
		if (st != MLK_OK)
			return st;
		if (e[0] != DE_FREE &&
		    (e[DE_ATTR] & ATTR_LONG_MASK) != ATTR_LONG_NAME &&
		    !memcmp(e, name, 11)) {
			*taken = true;
			return MLK_OK;
		}
	}
}

/* The short name for units in this directory: the basis when it is the
 * name itself and free, else the first free basis~n. */
static mlk_status_t pick_short(struct fat_vol *v, uint32_t dir_first,
			       const uint16_t *units, unsigned count,
			       uint8_t name[11], uint8_t *ntres, bool *lfn)
{
	uint8_t basis[11];
	bool taken;
	mlk_status_t st;

	fat_short_basis(units, count, basis, lfn, ntres);
	memcpy(name, basis, 11);
	if (!*lfn) {
		st = short_taken(v, dir_first, name, &taken);
		if (st != MLK_OK || !taken)
			return st;
		*lfn = true;
	}
	*ntres = 0; /* a tail means a long name, which keeps the case */
	for (uint32_t n = 1; n < 1000000; n++) {
		memcpy(name, basis, 11);
		fat_short_tail(name, n);
		st = short_taken(v, dir_first, name, &taken);
		if (st != MLK_OK || !taken)
			return st;
	}
	return MLK_ERR_NO_SPACE;
}

/* A cluster more for a directory, zeroed: the zeros reach the disk
 * before the FAT links the cluster (class data). */
static mlk_status_t grow(struct fat_vol *v, uint32_t dir_first)
{
	uint32_t last = dir_first, next, clus;
	uint8_t *p;
	mlk_status_t st;

	if (dir_first == 0 && v->fat_bits != 32)
		return MLK_ERR_NO_SPACE; /* the fixed root is full */
	for (uint32_t n = 0;; n++) {
		st = fat_next(v, last, &next);
		if (st != MLK_OK || !next)
			break;
		if (n > v->clusters)
			return fat_bad(v, "the chain from cluster %u loops",
				       dir_first);
		last = next;
	}
	if (st == MLK_OK)
		st = fat_alloc(v, last, &clus);
	for (uint32_t s = 0; st == MLK_OK && s < v->spc; s++) {
		st = fat_cache_write(v, fat_cluster_sector(v, clus) + s,
				     CLASS_DATA, true, &p);
		if (st == MLK_OK)
			memset(p, 0, v->bps);
	}
	return st;
}

/* The first of `need` free entries in a row, growing the directory. */
static mlk_status_t find_room(struct fat_vol *v, uint32_t dir_first,
			      unsigned need, uint32_t *first)
{
	uint32_t run = 0;
	uint8_t *e;

	for (uint32_t i = 0;; i++) {
		mlk_status_t st = entry_read(v, dir_first, i, &e);

		if (st == MLK_ERR_NOT_FOUND) {
			if (i >= DIR_MAX_ENTRIES)
				return MLK_ERR_NO_SPACE;
			st = grow(v, dir_first);
			if (st == MLK_OK)
				st = entry_read(v, dir_first, i, &e);
		}
		if (st != MLK_OK)
			return st;
		run = e[0] == DE_FREE || e[0] == DE_END ? run + 1 : 0;
		if (run == need) {
			*first = i + 1 - need;
			return MLK_OK;
		}
	}
}

static void lfn_fill(uint8_t *e, const uint16_t *units, unsigned count,
		     unsigned ord, bool last, uint8_t sum)
{
	memset(e, 0, DIRENT_SIZE);
	e[LFN_ORD] = (uint8_t)(ord | (last ? LFN_LAST : 0));
	e[DE_ATTR] = ATTR_LONG_NAME;
	e[LFN_CHKSUM] = sum;
	for (unsigned i = 0; i < LFN_CHARS; i++) {
		unsigned u = (ord - 1) * LFN_CHARS + i;
		uint16_t c = u < count ? units[u] : u == count ? 0 : 0xffff;

		wr16(e + lfn_offsets[i], c);
	}
}

mlk_status_t fat_dir_add(struct fat_vol *v, uint32_t dir_first,
			 const char *name, const uint8_t proto[DIRENT_SIZE],
			 struct fat_node *node)
{
	uint16_t units[LFN_MAX_UNITS];
	uint8_t sname[11], ntres, *e;
	unsigned count, nlfn;
	uint32_t first = 0;
	bool lfn = false;
	mlk_status_t st = fat_name_units(name, units, &count);

	if (st == MLK_OK)
		st = pick_short(v, dir_first, units, count, sname, &ntres,
				&lfn);
	nlfn = lfn ? (count + LFN_CHARS - 1) / LFN_CHARS : 0;
	if (st == MLK_OK)
		st = find_room(v, dir_first, nlfn + 1, &first);
	for (unsigned k = 0; st == MLK_OK && k < nlfn; k++) {
		st = entry_write(v, dir_first, first + k, &e);
		if (st == MLK_OK)
			lfn_fill(e, units, count, nlfn - k, k == 0,
				 fat_short_checksum(sname));
	}
	if (st == MLK_OK)
		st = entry_write(v, dir_first, first + nlfn, &e);
	if (st != MLK_OK)
		return st;
	memcpy(e, proto, DIRENT_SIZE);
	memcpy(e, sname, 11);
	e[DE_NTRES] = ntres;
	fat_node_from_entry(v, e, node);
	node->dir_first = dir_first;
	node->entry = first + nlfn;
	node->lfn_entries = nlfn;
	return MLK_OK;
}
