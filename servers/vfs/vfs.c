/*
 * vfs: registers as "vfs" and serves the file name space.  File system
 * services mount their schemes here; requests on URIs go on to the
 * owning service, and open files then talk to that service directly.
 */
#include <stdio.h>

#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/service.h>

#include "fs_wire.h"
#include "vfs.h"

/* MLK_FS_PING: a file system service making sure the vfs is there. */
static mlk_status_t do_ping(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	fs_wire_drop_handles(in, 0);
	return MLK_OK;
}

static const struct mlk_service_op ops[] = {
	{ MLK_VFS_MOUNT, vfs_do_mount },     { MLK_VFS_OPEN, vfs_do_open },
	{ MLK_VFS_STAT, vfs_do_stat },	     { MLK_VFS_MKDIR, vfs_do_mkdir },
	{ MLK_VFS_UNLINK, vfs_do_unlink },   { MLK_VFS_RENAME, vfs_do_rename },
	{ MLK_VFS_SCHEMES, vfs_do_schemes }, { MLK_FS_PING, do_ping },
	{ MLK_VFS_STATFS, vfs_do_statfs },   { MLK_VFS_SYNC, vfs_do_sync },
};

int main(void)
{
	struct mlk_service svc = { .ops = ops,
				   .nops = sizeof(ops) / sizeof(ops[0]) };
	mlk_status_t st = mlk_endpoint_create(&svc.ep);

	/* init keeps a send-only copy to hand out; this one receives. */
	if (st == MLK_OK)
		st = mlk_names_publish(MLK_VFS_NAME, svc.ep);
	if (st != MLK_OK) {
		printf("vfs: cannot register: %s\n", mlk_status_str(st));
		return 1;
	}
	st = mlk_serve(&svc);
	printf("vfs: stopped serving: %s\n", mlk_status_str(st));
	return 1;
}
