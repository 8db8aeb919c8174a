/*
 * File contents: reading and writing through the cluster chain, growing
 * it as a write goes past its end, cutting it on truncate.  A size that
 * the chain cannot hold is MLK_ERR_BAD_FORMAT when the missing part is
 * reached; what lies before it still reads.
 */
#include <string.h>

#include "fat_internal.h"

#define FILE_MAX 0xffffffffull

/* The cluster holding byte pos of n, or MLK_ERR_BAD_FORMAT if the chain
 * ends before the size does. */
static mlk_status_t data_cluster(struct fat_vol *v, const struct fat_node *n,
				 uint64_t pos, uint32_t *clus)
{
	mlk_status_t st = MLK_OK;

	*clus = 0;
	if (n->first)
		st = fat_nth(v, n->first, (uint32_t)(pos / v->cluster_size),
			     clus);
	if (st == MLK_OK && !*clus)
		return fat_bad(v,
			       "a file of %u bytes has a chain of fewer "
			       "than %llu",
			       n->size, (unsigned long long)pos + 1);
	return st;
}

/* Sector and offset of byte pos within cluster clus. */
static uint64_t data_sector(const struct fat_vol *v, uint32_t clus,
			    uint64_t pos)
{
	return fat_cluster_sector(v, clus) + pos % v->cluster_size / v->bps;
}

/* The whole chain once per node: it ends, within the volume, and holds
 * the size; a loop would otherwise read as endless repeated data. */
static mlk_status_t check_chain(struct fat_vol *v, struct fat_node *n)
{
	uint32_t len = 0;
	mlk_status_t st = MLK_OK;

	if (n->checked)
		return MLK_OK;
	if (n->first)
		st = fat_chain_length(v, n->first, &len);
	if (st != MLK_OK)
		return st;
	if ((uint64_t)len * v->cluster_size < n->size)
		return fat_bad(v,
			       "a file of %u bytes has a chain of %u "
			       "clusters",
			       n->size, len);
	n->checked = true;
	return MLK_OK;
}

mlk_status_t fat_read(struct fat_vol *v, struct fat_node *n, uint64_t pos,
		      void *buf, size_t len, size_t *got)
{
	uint8_t *out = buf, *p;
	uint32_t clus;
	size_t done = 0;
	mlk_status_t st = MLK_OK;

	*got = 0;
	if (n->type != FAT_REGULAR)
		return MLK_ERR_IS_DIR;
	st = check_chain(v, n);
	if (st != MLK_OK || pos >= n->size)
		return st;
	if (len > n->size - pos)
		len = (size_t)(n->size - pos);
	while (st == MLK_OK && done < len) {
		uint64_t at = pos + done;
		uint32_t off = (uint32_t)(at % v->bps);
		size_t chunk = v->bps - off;

		if (chunk > len - done)
			chunk = len - done;
		st = data_cluster(v, n, at, &clus);
		if (st == MLK_OK)
			st = fat_cache_read(v, data_sector(v, clus, at), &p);
		if (st == MLK_OK) {
			memcpy(out + done, p + off, chunk);
			done += chunk;
		}
	}
	*got = done;
	return st;
}

/* The cluster for byte pos of n, allocated if the chain ends before. */
static mlk_status_t write_cluster(struct fat_vol *v, struct fat_node *n,
				  uint64_t pos, uint32_t *clus)
{
	uint32_t index = (uint32_t)(pos / v->cluster_size), prev = 0;
	uint64_t held =
		((uint64_t)n->size + v->cluster_size - 1) / v->cluster_size;
	mlk_status_t st = MLK_OK;

	if (n->first)
		st = fat_nth(v, n->first, index, clus);
	else
		*clus = 0;
	if (st != MLK_OK || *clus)
		return st;
	if (index < held) /* the size says this cluster is there */
		return data_cluster(v, n, pos, clus);
	if (index) {
		st = fat_nth(v, n->first, index - 1, &prev);
		if (st == MLK_OK && !prev)
			st = fat_bad(v, "a file's chain ends before byte %llu",
				     (unsigned long long)pos);
	}
	if (st == MLK_OK)
		st = fat_alloc(v, prev, clus);
	if (st == MLK_OK && !n->first)
		n->first = *clus;
	return st;
}

/* Write len bytes from buf (zeros when buf is NULL) at pos. */
static mlk_status_t write_at(struct fat_vol *v, struct fat_node *n,
			     uint64_t pos, const uint8_t *buf, size_t len,
			     size_t *done)
{
	uint32_t clus;
	uint8_t *p;
	mlk_status_t st = MLK_OK;

	*done = 0;
	while (st == MLK_OK && *done < len) {
		uint64_t at = pos + *done;
		uint32_t off = (uint32_t)(at % v->bps);
		size_t chunk = v->bps - off;

		if (chunk > len - *done)
			chunk = len - *done;
		st = write_cluster(v, n, at, &clus);
		if (st == MLK_OK)
			st = fat_cache_write(v, data_sector(v, clus, at),
					     CLASS_DATA, chunk == v->bps, &p);
		if (st != MLK_OK)
			break;
		if (buf)
			memcpy(p + off, buf + *done, chunk);
		else
			memset(p + off, 0, chunk);
		*done += chunk;
		if (at + chunk > n->size)
			n->size = (uint32_t)(at + chunk);
	}
	return st;
}

/* After a change: the new size, first cluster and time into the entry
 * (the first status that went wrong wins). */
static mlk_status_t finish(struct fat_vol *v, struct fat_node *n,
			   mlk_status_t st)
{
	mlk_status_t st2;

	n->mtime = fat_now(v);
	st2 = fat_node_store(v, n);
	return st != MLK_OK ? st : st2;
}

static mlk_status_t check_writable(struct fat_vol *v, struct fat_node *n)
{
	if (v->opt.read_only)
		return MLK_ERR_READ_ONLY;
	if (n->type != FAT_REGULAR)
		return MLK_ERR_IS_DIR;
	return check_chain(v, n);
}

mlk_status_t fat_write(struct fat_vol *v, struct fat_node *n, uint64_t pos,
		       const void *buf, size_t len, size_t *done)
{
	size_t gap_done;
	mlk_status_t st = check_writable(v, n);

	*done = 0;
	if (st != MLK_OK)
		return st;
	if (pos > FILE_MAX || len > FILE_MAX - pos)
		return MLK_ERR_TOO_BIG; /* FAT sizes are 32 bits */
	if (!len)
		return MLK_OK;
	if (pos > n->size) {
		st = write_at(v, n, n->size, NULL, pos - n->size, &gap_done);
		if (st != MLK_OK)
			return finish(v, n, st);
	}
	st = write_at(v, n, pos, buf, len, done);
	return finish(v, n, st);
}

mlk_status_t fat_truncate(struct fat_vol *v, struct fat_node *n, uint64_t size)
{
	uint32_t keep, last, next;
	size_t done;
	mlk_status_t st = check_writable(v, n);

	if (st != MLK_OK)
		return st;
	if (size > FILE_MAX)
		return MLK_ERR_TOO_BIG;
	if (size > n->size)
		return finish(
			v, n,
			write_at(v, n, n->size, NULL, size - n->size, &done));
	keep = (uint32_t)((size + v->cluster_size - 1) / v->cluster_size);
	if (!keep && n->first) {
		st = fat_free_chain(v, n->first);
		n->first = 0;
	} else if (n->first) {
		st = fat_nth(v, n->first, keep - 1, &last);
		if (st == MLK_OK && last)
			st = fat_next(v, last, &next);
		if (st == MLK_OK && last && next)
			st = fat_set(v, last, fat_eoc(v));
		if (st == MLK_OK && last && next)
			st = fat_free_chain(v, next);
	}
	if (st == MLK_OK)
		n->size = (uint32_t)size;
	return finish(v, n, st);
}
