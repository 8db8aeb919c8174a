/*
 * The FAT service's own (servers/fat/README.md): a volume served through
 * libmlkfs, whose tree mirrors the volume's directories, each node
 * carrying where its entry lies on the disk.
 */
#ifndef MLK_FAT_SERVICE_H
#define MLK_FAT_SERVICE_H

#include <stdbool.h>

#include "fat.h"
#include "fs_service.h"

struct fat_fs_node {
	struct fs_node n; /* first: libmlkfs's view */
	struct fat_node fat;
};

/* The one volume this service serves. */
extern struct fat_vol *fat_svc_vol;
extern const char *fat_svc_scheme;

/* fat_tree.c: the tree of the mounted volume into fs->root. */
mlk_status_t fat_tree_load(struct fs *fs);
/* A node of `type` (a struct fat_fs_node), unlinked; NULL without
 * memory. */
struct fs_node *fat_svc_node_new(struct fs *fs, uint32_t type);

/* fat_blk.c: volume `index` of the virtio disks (servers/fat/README.md),
 * where it lies in `where` ("blk1 sectors 2048+8192");
 * MLK_ERR_NOT_FOUND when there are fewer (disks that cannot be opened,
 * or whose table is bad, hold none). */
#define FAT_WHERE_SIZE 64
mlk_status_t fat_blk_open(unsigned index, struct fat_dev *dev,
			  char where[FAT_WHERE_SIZE]);

/* fat_service.c: log the reason of a MLK_ERR_BAD_FORMAT; st unchanged. */
mlk_status_t fat_svc_report(mlk_status_t st);

#endif
