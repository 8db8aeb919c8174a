/*
 * libmlkfs's own: the request handlers and the open-file table behind
 * fs_service_run, shared by the library's files.  A file system service
 * does not include this; the ramfs fuzz harness (tests/fuzz/fuzz_ramfs.c)
 * does, to drive the handlers without fs_service.c's loop.
 */
#ifndef MLK_FS_INTERNAL_H
#define MLK_FS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <mlk/msg.h>
#include <mlk/service.h>

#include "fs_service.h"

/* The badge of the handle the vfs holds; open files have others. */
#define FS_BADGE_VFS (1ull << 63)

/* fs_names.c: MLK_FS_* from the vfs, handlers of mlk/service.h whose
 * ctx is the struct fs. */
/* MLK_FS_OPEN: check the flags, create or truncate as asked, open. */
mlk_status_t fs_do_open(const struct mlk_msg *in, struct mlk_msg *out,
			void *ctx);
/* MLK_FS_STAT: the node a path names. */
mlk_status_t fs_do_stat(const struct mlk_msg *in, struct mlk_msg *out,
			void *ctx);
/* MLK_FS_MKDIR: a new empty directory. */
mlk_status_t fs_do_mkdir(const struct mlk_msg *in, struct mlk_msg *out,
			 void *ctx);
/* MLK_FS_UNLINK: a file, or an empty directory. */
mlk_status_t fs_do_unlink(const struct mlk_msg *in, struct mlk_msg *out,
			  void *ctx);
/* MLK_FS_RENAME: move a node to a new name, never into itself. */
mlk_status_t fs_do_rename(const struct mlk_msg *in, struct mlk_msg *out,
			  void *ctx);
/* MLK_FS_STATFS: the volume's size, free space, type and flags. */
mlk_status_t fs_do_statfs(const struct mlk_msg *in, struct mlk_msg *out,
			  void *ctx);
/* MLK_FS_SYNC: write back what the file system holds. */
mlk_status_t fs_do_sync(const struct mlk_msg *in, struct mlk_msg *out,
			void *ctx);

/* fs_node.c: what is shared by names and open files. */
/* Check open flags as mlk/proto/fs.h says; MLK_OK or the status. */
mlk_status_t fs_check_flags(const struct fs *fs, uint32_t flags);
/* Free n if it is neither in the tree nor open any more. */
void fs_node_release(struct fs *fs, struct fs_node *n);
/* Take n out of the tree (and free it unless it is open). */
void fs_node_remove(struct fs *fs, struct fs_node *n);
/* n changed now: its modification time. */
void fs_node_touch(struct fs_node *n);
/* n was made now: both its times. */
void fs_node_born(struct fs_node *n);
/* Type, size, stat flags and times of n into reply words 0..4. */
void fs_node_stat(const struct fs *fs, const struct fs_node *n,
		  struct mlk_msg *out);

/* fs_files.c: the open-file table and MLK_FILE_*. */
/* At start: give the copy buffer its pages (see fs_files.c). */
void fs_files_init(void);
/* Whether a slot is free for one more open file. */
bool fs_files_room(void);
/* Open n in a free slot: a handle badged for it in *h. */
mlk_status_t fs_files_open(struct fs *fs, struct fs_node *n, uint32_t flags,
			   mlk_handle_t *h, unsigned *slot);
/* Close the file in `slot` (its handle went stale or never went out). */
void fs_files_close(struct fs *fs, unsigned slot);
/* The handle with `badge` was closed (a close notice): close its file,
 * unless that was done already. */
void fs_files_handle_closed(struct fs *fs, uint64_t badge);
/* The MLK_FILE_* handlers, ctx the struct fs; fs_service.c serves them
 * after the fs_do_* ones. */
#define FS_FILE_NOPS 8
extern const struct mlk_service_op fs_file_ops[FS_FILE_NOPS];

#endif
