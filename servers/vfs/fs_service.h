/*
 * The common part of an in-memory file system service (initfs, ramfs):
 * mounting with the vfs and mounting again when the vfs restarts, the
 * requests the vfs forwards (MLK_FS_*: open, stat, mkdir, unlink, rename
 * on the tree of fs_tree.h), and open files (MLK_FILE_*: a table of
 * them, the badge of each file's handle naming its slot, closed when the
 * kernel says that handle was).  A file system
 * fills in struct fs (its root and struct fs_ops, how file contents are
 * kept) and calls fs_service_run.
 */
#ifndef MLK_FS_SERVICE_H
#define MLK_FS_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mlk/msg.h>
#include <mlk/service.h>

#include "fs_tree.h"

#define FS_MAX_OPEN 128

struct fs;

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
	mlk_status_t (*truncate)(struct fs *fs, struct fs_node *n,
				 uint64_t size);
};

struct fs {
	/* The file system's: */
	const char *scheme;
	const struct fs_ops *ops;
	struct fs_node *root;
	bool read_only;
	/* The service's: */
	mlk_handle_t ep;  /* requests from the vfs and on open files */
	mlk_handle_t vfs; /* the vfs, to see that it is still there */
	bool mounted;
	uint64_t next_check_ns; /* when to look at the vfs again */
};

/* Serve fs until the endpoint fails; the exit code. */
int fs_service_run(struct fs *fs);

/* The badge of the handle the vfs holds; open files have others. */
#define FS_BADGE_VFS (1ull << 63)

/* fs_names.c: MLK_FS_* from the vfs. */
mlk_status_t fs_do_open(const struct mlk_msg *in, struct mlk_msg *out,
			void *ctx);
mlk_status_t fs_do_stat(const struct mlk_msg *in, struct mlk_msg *out,
			void *ctx);
mlk_status_t fs_do_mkdir(const struct mlk_msg *in, struct mlk_msg *out,
			 void *ctx);
mlk_status_t fs_do_unlink(const struct mlk_msg *in, struct mlk_msg *out,
			  void *ctx);
mlk_status_t fs_do_rename(const struct mlk_msg *in, struct mlk_msg *out,
			  void *ctx);

/* fs_node.c: what is shared by names and open files. */
/* Check open flags as mlk/proto/fs.h says; MLK_OK or the status. */
mlk_status_t fs_check_flags(const struct fs *fs, uint32_t flags);
/* Free n if it is neither in the tree nor open any more. */
void fs_node_release(struct fs *fs, struct fs_node *n);
/* Take n out of the tree (and free it unless it is open). */
void fs_node_remove(struct fs *fs, struct fs_node *n);
/* Status, type, size and stat flags of n into reply words 0..2. */
void fs_node_stat(const struct fs *fs, const struct fs_node *n,
		  struct mlk_msg *out);

/* fs_files.c: the open-file table and MLK_FILE_*. */
/* Whether a slot is free for one more open file. */
/* At start: give the copy buffer its pages (see fs_files.c). */
void fs_files_init(void);
bool fs_files_room(void);
/* Open n in a free slot: a handle badged for it in *h. */
mlk_status_t fs_files_open(struct fs *fs, struct fs_node *n, uint32_t flags,
			   mlk_handle_t *h, unsigned *slot);
/* Close the file in `slot` (its handle went stale or never went out). */
void fs_files_close(struct fs *fs, unsigned slot);
/* The handle with `badge` was closed (a close notice): close its file,
 * unless that was done already. */
void fs_files_handle_closed(struct fs *fs, uint64_t badge);
#define FS_FILE_NOPS 8
extern const struct mlk_service_op fs_file_ops[FS_FILE_NOPS];

#endif
