/*
 * The public face of libmlkfs (servers/fslib/README.md), the common part
 * of a file system service (initfs, ramfs, fat): mounting with the
 * vfs and mounting again when the vfs restarts, the requests the vfs
 * forwards (MLK_FS_*: open, stat, mkdir, unlink, rename on the tree of
 * fs_tree.h), and open files (MLK_FILE_*: a table of them, the badge of
 * each file's handle naming its slot, closed when the kernel says that
 * handle was).  A file system fills in struct fs (its root and struct
 * fs_ops, how file contents are kept) and calls fs_service_run.
 */
#ifndef MLK_FS_SERVICE_H
#define MLK_FS_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mlk/handle.h>
#include <mlk/status.h>

#include "fs_tree.h"

/* Files open at once in one service. */
#define FS_MAX_OPEN 128

struct fs;

/* What MLK_FS_STATFS tells besides the type and read-only flag. */
struct fs_statfs {
	uint64_t total;	     /* bytes the volume holds */
	uint64_t free;	     /* bytes free */
	uint64_t block_size; /* its unit of allocation */
};

/* How a file system keeps its nodes and their contents.  A read-only file
 * system leaves node_new, write and truncate NULL. */
struct fs_ops {
	/* A new empty node of `type`, not linked; NULL when memory ran out. */
	struct fs_node *(*node_new)(struct fs *fs, uint32_t type);
	/* Free a node that is neither linked nor open (a directory's
	 * entries are gone already). */
	void (*node_free)(struct fs *fs, struct fs_node *n);
	/* Copy up to len bytes of file n from pos (which may be past the
	 * end); *got bytes came. */
	mlk_status_t (*read)(struct fs *fs, struct fs_node *n, uint64_t pos,
			     void *buf, size_t len, size_t *got);
	/* Write len bytes at pos; what fits on MLK_ERR_NO_SPACE. */
	mlk_status_t (*write)(struct fs *fs, struct fs_node *n, uint64_t pos,
			      const void *buf, size_t len, size_t *done);
	/* Make file n `size` bytes long, cut or zero-filled. */
	mlk_status_t (*truncate)(struct fs *fs, struct fs_node *n,
				 uint64_t size);
	/* The volume's size and free space (NULL: MLK_ERR_NOT_SUPPORTED). */
	mlk_status_t (*statfs)(struct fs *fs, struct fs_statfs *out);
	/* Write back what is held in memory (NULL: nothing to do). */
	mlk_status_t (*sync)(struct fs *fs);
	/* An open file of n was closed (NULL: nothing to do). */
	void (*closed)(struct fs *fs, struct fs_node *n);
	/*
	 * A file system with a backing store (FAT) sets these; an
	 * in-memory one leaves them NULL.  Each is called before the tree
	 * changes, once nothing else can refuse the change, so that a
	 * refusal of the store leaves tree and store as they were.
	 */
	/* n, new and named, is to be linked into dir. */
	mlk_status_t (*create)(struct fs *fs, struct fs_node *dir,
			       struct fs_node *n);
	/* n (a file, or an empty directory) is to leave the tree. */
	mlk_status_t (*remove)(struct fs *fs, struct fs_node *n);
	/* n is to move into dir as `name`, replacing dst if not NULL
	 * (remove is not called for dst). */
	mlk_status_t (*move)(struct fs *fs, struct fs_node *n,
			     struct fs_node *dir, const char *name,
			     struct fs_node *dst);
};

struct fs {
	/* The file system's: */
	const char *scheme;
	const char *type; /* "ramfs", "initfs" ... (< MLK_FS_TYPE_SIZE) */
	const struct fs_ops *ops;
	struct fs_node *root;
	bool read_only;
	/* When to call ops->sync unasked (mlk_clock_now; 0: never), set by
	 * a file system that holds changes back; cleared before the call. */
	uint64_t sync_at;
	/* The service's: */
	mlk_handle_t ep;  /* requests from the vfs and on open files */
	mlk_handle_t vfs; /* the vfs, to see that it is still there */
	bool mounted;
	uint64_t next_check_ns; /* when to look at the vfs again */
};

/* Make the endpoint, mount fs->scheme with the vfs and serve fs until
 * the endpoint fails; the exit code for main. */
int fs_service_run(struct fs *fs);

#endif
