/*
 * The vfs: the table of schemes and the requests it passes on to the file
 * system service that owns a URI (see README.md in this folder).
 */
#ifndef MLK_VFS_H
#define MLK_VFS_H

#include <stdbool.h>

#include <mlk/msg.h>
#include <mlk/proto/fs.h>
#include <mlk/service.h>

/* vfs_schemes.c */
/* The endpoint of the service that mounted `scheme`; 0 if none did. */
mlk_handle_t vfs_scheme_find(const char *scheme);
mlk_status_t vfs_do_mount(const struct mlk_msg *in, struct mlk_msg *out,
			  void *ctx);
mlk_status_t vfs_do_schemes(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx);

/* vfs_forward.c */
mlk_status_t vfs_do_open(const struct mlk_msg *in, struct mlk_msg *out,
			 void *ctx);
mlk_status_t vfs_do_stat(const struct mlk_msg *in, struct mlk_msg *out,
			 void *ctx);
mlk_status_t vfs_do_mkdir(const struct mlk_msg *in, struct mlk_msg *out,
			  void *ctx);
mlk_status_t vfs_do_unlink(const struct mlk_msg *in, struct mlk_msg *out,
			   void *ctx);
mlk_status_t vfs_do_rename(const struct mlk_msg *in, struct mlk_msg *out,
			   void *ctx);
/* MLK_VFS_STATFS: the volume's size, free space and type. */
mlk_status_t vfs_do_statfs(const struct mlk_msg *in, struct mlk_msg *out,
			   void *ctx);
/* MLK_VFS_SYNC: the volume writes back what it holds. */
mlk_status_t vfs_do_sync(const struct mlk_msg *in, struct mlk_msg *out,
			 void *ctx);

#endif
