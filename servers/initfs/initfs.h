/*
 * initfs: the files of the boot bundle, read-only, as initfs://.
 */
#ifndef MLK_INITFS_H
#define MLK_INITFS_H

#include "fs_service.h"

/* Where the image's programs appear, by name: initfs:///bin/NAME is the
 * ELF the shell's `run NAME` starts (mlk-mkimage keeps files out). */
#define INITFS_PROGRAMS_DIR "bin"

struct initfs_node {
	struct fs_node n;
	const char *data; /* a file's bytes, in the mapped bundle */
};

/* A node of `type`, not linked; NULL when memory ran out. */
struct fs_node *initfs_node_new(struct fs *fs, uint32_t type);

/* Map the boot bundle and put its files into fs's tree. */
mlk_status_t initfs_load(struct fs *fs);
/* The bytes of the files and programs initfs_load found. */
uint64_t initfs_bytes(void);

#endif
