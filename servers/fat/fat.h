/*
 * The FAT core: FAT12, FAT16 and FAT32 volumes with VFAT long names, on a
 * struct fat_dev, with no system call of its own (servers/fat/README.md).
 * Paths are "/"-separated from the root ("/" itself, "/DIR/file.txt");
 * names compare without regard to ASCII case, as FAT's do, and long
 * names are kept as given.  Every status is an MLK_* one; a volume that
 * is found malformed also leaves a one-line reason in fat_why().
 */
#ifndef MLK_FAT_H
#define MLK_FAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mlk/status.h>

#include "fat_dev.h"

/* Bytes of a name in UTF-8 with its NUL: 255 UCS-2 units, 3 bytes each. */
#define FAT_NAME_SIZE 768
/* Bytes of a reason with its NUL. */
#define FAT_WHY_SIZE 128

/* File types, as mlk/proto/fs.h numbers them. */
#define FAT_REGULAR 1
#define FAT_DIRECTORY 2

struct fat_vol;

struct fat_options {
	bool read_only;
	/* Sectors the cache may hold (its whole memory); 0: the default. */
	uint32_t cache_sectors;
	/* Seconds since 1970 UTC for time stamps; NULL: 1980-01-01. */
	uint64_t (*now)(void *clock_ctx);
	void *clock_ctx;
};

/* Where a file or directory is: what its directory entry says and where
 * that entry lies.  The root has no entry (in_root_area set for its own
 * node). */
struct fat_node {
	uint32_t type;	/* FAT_REGULAR or FAT_DIRECTORY */
	uint32_t first; /* first cluster, 0 for none (and the FAT12/16 root) */
	uint32_t size;	/* a file's bytes */
	uint8_t attr;
	bool is_root;
	uint32_t dir_first;    /* first cluster of the directory holding it */
	uint32_t entry;	       /* index of its short entry there */
	uint32_t lfn_entries;  /* long-name entries before it */
	uint64_t ctime, mtime; /* seconds since 1970 */
	bool checked; /* its chain was found to hold its size, no loop */
};

/* One entry of a directory, as fat_readdir gives it. */
struct fat_dirent {
	char name[FAT_NAME_SIZE]; /* the long name, else the short one */
	char short_name[13];	  /* "NAME.EXT" */
	struct fat_node node;
};

struct fat_statfs {
	uint32_t cluster_size;
	uint32_t clusters; /* data clusters */
	uint32_t free_clusters;
	uint32_t fat_bits; /* 12, 16 or 32 */
};

/* Check dev's boot sector and mount it: MLK_ERR_BAD_FORMAT (the reason
 * in why) for a volume it cannot trust, MLK_ERR_NO_MEMORY. */
mlk_status_t fat_mount(const struct fat_dev *dev, const struct fat_options *o,
		       struct fat_vol **out, char why[FAT_WHY_SIZE]);
/* Write everything back, mark the volume clean, free v. */
mlk_status_t fat_unmount(struct fat_vol *v);
/* The reason for the last MLK_ERR_BAD_FORMAT, or "". */
const char *fat_why(const struct fat_vol *v);

/* The node `path` names: MLK_ERR_NOT_FOUND, MLK_ERR_NOT_DIR. */
mlk_status_t fat_lookup(struct fat_vol *v, const char *path,
			struct fat_node *out);
/* A new empty file or directory (with . and ..) at path: MLK_ERR_EXISTS,
 * MLK_ERR_BAD_NAME, MLK_ERR_NO_SPACE. */
mlk_status_t fat_create(struct fat_vol *v, const char *path, uint32_t type,
			struct fat_node *out);
/* Copy up to len bytes of file n from pos; *got came (0 at the end).
 * The first read or write of a node checks its whole chain: a loop, a
 * link out of range or a chain shorter than the size is
 * MLK_ERR_BAD_FORMAT before any byte moves. */
mlk_status_t fat_read(struct fat_vol *v, struct fat_node *n, uint64_t pos,
		      void *buf, size_t len, size_t *got);
/* Write len bytes at pos (zeros fill a gap), growing the chain; what
 * fits goes before MLK_ERR_NO_SPACE, *done says how much. */
mlk_status_t fat_write(struct fat_vol *v, struct fat_node *n, uint64_t pos,
		       const void *buf, size_t len, size_t *done);
/* Make file n `size` bytes long, cut or zero-filled. */
mlk_status_t fat_truncate(struct fat_vol *v, struct fat_node *n, uint64_t size);
/* The entry after *cursor of directory dir (start at 0): MLK_ERR_NOT_FOUND
 * after the last.  "." and ".." and volume labels are left out. */
mlk_status_t fat_readdir(struct fat_vol *v, const struct fat_node *dir,
			 uint32_t *cursor, struct fat_dirent *out);
/* Remove a file, or a directory that is empty (MLK_ERR_NOT_EMPTY). */
mlk_status_t fat_unlink(struct fat_vol *v, const char *path);
/* Move `from` to `to`, replacing a file (or an empty directory, for a
 * directory) there; never a directory into itself (MLK_ERR_BAD_NAME). */
mlk_status_t fat_rename(struct fat_vol *v, const char *from, const char *to);
/* The same on nodes, for a service that keeps them (servers/fat/
 * fat_service.c).  fat_create_at: name in directory dir. */
mlk_status_t fat_create_at(struct fat_vol *v, const struct fat_node *dir,
			   const char *name, uint32_t type,
			   struct fat_node *out);
/* Take n's entries out of its directory (a directory must be empty);
 * its clusters stay until fat_release, so an open file keeps them. */
mlk_status_t fat_remove_at(struct fat_vol *v, const struct fat_node *n);
/* Free the clusters of a node whose entries are gone. */
mlk_status_t fat_release(struct fat_vol *v, struct fat_node *n);
/* Move src to dir/name; dst, the node there now if any, loses its
 * entries (fat_release frees its clusters).  *src learns its new place. */
mlk_status_t fat_move_at(struct fat_vol *v, struct fat_node *src,
			 const struct fat_node *dir, const char *name,
			 const struct fat_node *dst);
/* Sizes and free space. */
void fat_statfs(const struct fat_vol *v, struct fat_statfs *out);
/* Write everything back in order and mark the volume clean. */
mlk_status_t fat_sync(struct fat_vol *v);

#endif
