/*
 * ramfs: a writable file system in memory, as tmp:// (see README.md).
 */
#ifndef MLK_RAMFS_H
#define MLK_RAMFS_H

#include <stddef.h>
#include <stdint.h>

#include "fs_service.h"

#define RAMFS_BLOCK 4096

struct ram_node {
	struct fs_node n;
	/* A file's bytes: block i holds [i * RAMFS_BLOCK, (i + 1) *
	 * RAMFS_BLOCK); NULL, or an index past nblocks, is a hole that reads
	 * as zeros.  Bytes of a block past the file's size are zero. */
	char **blocks;
	size_t nblocks;
};

/* space.c: everything ramfs keeps for its clients counts against the
 * size limit (--max-bytes): blocks, nodes, block indexes. */
void ramfs_space_init(uint64_t max_bytes);
uint64_t ramfs_space_limit(void);
/* The bytes taken of it (file blocks and nodes). */
uint64_t ramfs_space_used(void);
/* Take bytes of the limit: false if they are not there. */
bool ramfs_space_take(uint64_t bytes);
void ramfs_space_give(uint64_t bytes);

/* data.c: file contents (struct fs_ops's read, write, truncate). */
mlk_status_t ramfs_read(struct fs *fs, struct fs_node *n, uint64_t pos,
			void *buf, size_t len, size_t *got);
mlk_status_t ramfs_write(struct fs *fs, struct fs_node *n, uint64_t pos,
			 const void *buf, size_t len, size_t *done);
mlk_status_t ramfs_truncate(struct fs *fs, struct fs_node *n, uint64_t size);
/* Give back all of a file's blocks and its index. */
void ramfs_data_free(struct ram_node *r);

#endif
