/*
 * File contents in ramfs: an index of 4 KiB blocks per file, allocated
 * as they are first written, so a file grows without copying what it
 * holds, and a hole (from a seek past the end or a truncate upwards)
 * costs nothing.  A write that meets the size limit writes the blocks
 * that fit and stops; nothing written before is touched.
 */
#include <stdlib.h>
#include <string.h>

#include "ramfs.h"

#define FIRST_INDEX 16

static size_t min_size(uint64_t a, uint64_t b)
{
	return (size_t)(a < b ? a : b);
}

/* No file is larger than the file system: this also bounds its index. */
static uint64_t max_file_size(void)
{
	return ramfs_space_limit() / RAMFS_BLOCK * RAMFS_BLOCK;
}

/* Resize r's index to `count` entries, its cost counted. */
static bool index_resize(struct ram_node *r, size_t count)
{
	size_t old = r->nblocks * sizeof(char *), want = count * sizeof(char *);
	char **b = NULL;

	if (want > old && !ramfs_space_take(want - old))
		return false;
	if (want) {
		b = realloc(r->blocks, want);
		if (!b) {
			if (want > old)
				ramfs_space_give(want - old);
			return false;
		}
	} else {
		free(r->blocks);
	}
	if (want < old)
		ramfs_space_give(old - want);
	if (count > r->nblocks)
		memset(b + r->nblocks, 0,
		       (count - r->nblocks) * sizeof(char *));
	r->blocks = b;
	r->nblocks = count;
	return true;
}

/* An index of at least `count` entries: doubling, so that a file written
 * in small pieces is not copied over and over, or just enough when the
 * size limit does not allow the double. */
static bool index_grow(struct ram_node *r, size_t count)
{
	size_t twice = r->nblocks ? r->nblocks * 2 : FIRST_INDEX;
	size_t cap = max_file_size() / RAMFS_BLOCK;

	if (count <= r->nblocks)
		return true;
	if (twice > cap)
		twice = cap;
	return (twice > count && index_resize(r, twice)) ||
	       index_resize(r, count);
}

static char *block_new(void)
{
	char *b;

	if (!ramfs_space_take(RAMFS_BLOCK))
		return NULL;
	b = calloc(1, RAMFS_BLOCK);
	if (!b)
		ramfs_space_give(RAMFS_BLOCK);
	return b;
}

static void block_free(struct ram_node *r, size_t i)
{
	if (!r->blocks[i])
		return;
	free(r->blocks[i]);
	r->blocks[i] = NULL;
	ramfs_space_give(RAMFS_BLOCK);
}

mlk_status_t ramfs_read(struct fs *fs, struct fs_node *n, uint64_t pos,
			void *buf, size_t len, size_t *got)
{
	struct ram_node *r = (struct ram_node *)n;
	size_t want = pos < n->size ? min_size(len, n->size - pos) : 0;

	for (size_t done = 0; done < want;) {
		uint64_t at = pos + done;
		size_t b = at / RAMFS_BLOCK, off = at % RAMFS_BLOCK;
		size_t piece = min_size(RAMFS_BLOCK - off, want - done);
		if (b < r->nblocks && r->blocks[b])
			memcpy((char *)buf + done, r->blocks[b] + off, piece);
		else
			memset((char *)buf + done, 0, piece);
		done += piece;
	}
	*got = want;
	return MLK_OK;
}

mlk_status_t ramfs_write(struct fs *fs, struct fs_node *n, uint64_t pos,
			 const void *buf, size_t len, size_t *done)
{
	struct ram_node *r = (struct ram_node *)n;
	uint64_t max = max_file_size();
	uint64_t end = pos < max ? pos + min_size(len, max - pos) : pos;

	*done = 0;
	if (end > pos && !index_grow(r, (end + RAMFS_BLOCK - 1) / RAMFS_BLOCK))
		return MLK_ERR_NO_SPACE;
	while (pos + *done < end) {
		uint64_t at = pos + *done;
		size_t b = at / RAMFS_BLOCK, off = at % RAMFS_BLOCK;
		size_t piece = min_size(RAMFS_BLOCK - off, end - at);
		if (!r->blocks[b] && !(r->blocks[b] = block_new()))
			break;
		memcpy(r->blocks[b] + off, (const char *)buf + *done, piece);
		*done += piece;
	}
	if (*done && pos + *done > n->size)
		n->size = pos + *done;
	return *done < len ? MLK_ERR_NO_SPACE : MLK_OK;
}

/* Drop the bytes from `size` on: whole blocks go, the rest of the last
 * one becomes zeros (a later size increase must read zeros there). */
static void cut(struct ram_node *r, uint64_t size)
{
	size_t keep = (size_t)((size + RAMFS_BLOCK - 1) / RAMFS_BLOCK);
	size_t tail = size % RAMFS_BLOCK;

	for (size_t i = keep; i < r->nblocks; i++)
		block_free(r, i);
	if (tail && keep <= r->nblocks && r->blocks[keep - 1])
		memset(r->blocks[keep - 1] + tail, 0, RAMFS_BLOCK - tail);
	if (keep < r->nblocks / 2 || keep == 0)
		index_resize(r, keep);
}

mlk_status_t ramfs_truncate(struct fs *fs, struct fs_node *n, uint64_t size)
{
	if (size > max_file_size())
		return MLK_ERR_NO_SPACE;
	if (size < n->size)
		cut((struct ram_node *)n, size);
	n->size = size;
	return MLK_OK;
}

void ramfs_data_free(struct ram_node *r)
{
	cut(r, 0);
	r->n.size = 0;
}
