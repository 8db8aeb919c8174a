/*
 * A file system service's life: an endpoint, its scheme mounted with the
 * vfs, requests served, files closed when the kernel says their handles
 * are gone (close notices).  The vfs keeps its scheme table in memory only,
 * so a vfs that restarted knows no schemes: the service mounts again with
 * the new one.  The close notice of the handle it gave the vfs (badge
 * FS_BADGE_VFS) says when to look, and a non-blocking MLK_FS_PING whether
 * the vfs is gone (MLK_ERR_PEER_CLOSED); it also looks every CHECK_NS,
 * should a notice be lost.  Unmounted, it tries to mount every RETRY_NS,
 * never faster: a refused mount also sends a notice.  The same deadline
 * brings a file system's held-back write-back (fs->sync_at).
 */
#include <stdio.h>
#include <string.h>

#include <mlk/fs.h>
#include <mlk/names.h>
#include <mlk/runtime.h>

#include "fs_internal.h"

#define VFS_WAIT_NS (5ull * 1000000000) /* for the vfs to appear at start */
#define CHECK_NS (5000ull * 1000000)
#define RETRY_NS (100ull * 1000000)
#define CLOSED_BIT 1ull /* of the notification bound to the serving thread */

static bool vfs_alive(const struct fs *fs)
{
	struct mlk_msg ping = { .label = MLK_FS_PING };
	mlk_status_t st = mlk_msg_nbsend(fs->vfs, &ping);

	/* Not waiting for messages right now is alive too. */
	return st == MLK_OK || st == MLK_ERR_UNAVAILABLE;
}

static mlk_status_t mount(struct fs *fs, uint64_t wait_ns)
{
	mlk_handle_t h;
	mlk_status_t st = MLK_OK;

	if (!fs->vfs)
		st = mlk_names_lookup(MLK_VFS_NAME, mlk_deadline_in(wait_ns),
				      &fs->vfs);
	if (st == MLK_OK)
		st = mlk_endpoint_mint(fs->ep,
				       MLK_RIGHT_SEND | MLK_RIGHTS_BASIC,
				       FS_BADGE_VFS, &h);
	if (st == MLK_OK)
		st = mlk_fs_mount(fs->scheme, h);
	fs->mounted = st == MLK_OK;
	if (fs->mounted)
		printf("%s: serving %s://\n", mlk_program_name(), fs->scheme);
	return st;
}

/* The vfs is gone, or our mount with it: mount again, starting now. */
static void vfs_gone(struct fs *fs)
{
	if (fs->mounted)
		printf("%s: the vfs is gone; mounting again when it is back\n",
		       mlk_program_name());
	if (fs->vfs)
		mlk_handle_close(fs->vfs);
	fs->vfs = MLK_HANDLE_NONE;
	fs->mounted = false;
	fs->next_check_ns = mlk_clock_now();
}

/* The service's deadline passed: time to look at the vfs. */
static void check_vfs(void *ctx)
{
	struct fs *fs = ctx;

	if (fs->sync_at && mlk_clock_now() >= fs->sync_at) {
		fs->sync_at = 0;
		fs->ops->sync(fs);
		if (mlk_clock_now() < fs->next_check_ns)
			return; /* the vfs's turn has not come */
	}

	if (fs->vfs && fs->mounted && !vfs_alive(fs))
		vfs_gone(fs);
	if (!fs->mounted)
		mount(fs, 0);
	fs->next_check_ns =
		mlk_clock_now() + (fs->mounted ? CHECK_NS : RETRY_NS);
}

static uint64_t next_check(void *ctx)
{
	const struct fs *fs = ctx;

	return fs->sync_at && fs->sync_at < fs->next_check_ns
		       ? fs->sync_at
		       : fs->next_check_ns;
}

/* MLK_FS_PING: being able to take it was the answer. */
static mlk_status_t do_ping(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	for (unsigned i = 0; i < in->nhandles; i++)
		mlk_handle_close(in->h[i]);
	return MLK_OK;
}

/*
 * Close notices on the endpoint, signalled on a notification bound to
 * this thread, so that they come through mlk_serve (on_closed): the file
 * of a client that exits or dies without MLK_FILE_CLOSE is closed all
 * the same.
 */
static mlk_status_t watch_closes(struct fs *fs)
{
	mlk_handle_t n;
	mlk_status_t st = mlk_notification_create(&n);

	if (st != MLK_OK)
		return st;
	st = mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD, n);
	if (st == MLK_OK)
		st = mlk_endpoint_close_notify(fs->ep, n, CLOSED_BIT);
	/* The binding and the endpoint hold the notification. */
	mlk_handle_close(n);
	return st;
}

/* Handles with badges were closed: close their files. */
static void on_closed(uint64_t bits, void *ctx)
{
	struct fs *fs = ctx;
	uint64_t badge;
	mlk_status_t st;

	for (;;) {
		st = mlk_endpoint_closed(fs->ep, &badge);
		if (st == MLK_OK && badge == FS_BADGE_VFS) {
			/* Only a hint: the vfs also closes the handle of a
			 * mount it refused.  Gone is when it cannot take a
			 * message any more. */
			if (fs->mounted && fs->vfs && !vfs_alive(fs))
				vfs_gone(fs);
		} else if (st == MLK_OK) {
			fs_files_handle_closed(fs, badge);
		} else if (st == MLK_ERR_NO_MEMORY) {
			printf("%s: close notices lost (no memory): files of "
			       "clients gone may stay open\n",
			       mlk_program_name());
			fs->next_check_ns =
				mlk_clock_now(); /* the vfs's, maybe */
		} else {
			return; /* none left */
		}
	}
}

static const struct mlk_service_op name_ops[] = {
	{ MLK_FS_OPEN, fs_do_open },	 { MLK_FS_STAT, fs_do_stat },
	{ MLK_FS_MKDIR, fs_do_mkdir },	 { MLK_FS_UNLINK, fs_do_unlink },
	{ MLK_FS_RENAME, fs_do_rename }, { MLK_FS_PING, do_ping },
	{ MLK_FS_STATFS, fs_do_statfs }, { MLK_FS_SYNC, fs_do_sync },
};
#define NAME_OPS (sizeof(name_ops) / sizeof(name_ops[0]))

int fs_service_run(struct fs *fs)
{
	static struct mlk_service_op ops[NAME_OPS + FS_FILE_NOPS];
	struct mlk_service svc = {
		.ops = ops,
		.nops = NAME_OPS + FS_FILE_NOPS,
		.ctx = fs,
		.on_notify = on_closed,
		.deadline = next_check,
		.on_timeout = check_vfs,
	};
	mlk_status_t st = mlk_endpoint_create(&fs->ep);

	if (st != MLK_OK) {
		printf("%s: no endpoint (%s)\n", mlk_program_name(),
		       mlk_status_str(st));
		return 1;
	}
	fs_files_init();
	memcpy(ops, name_ops, sizeof(name_ops));
	memcpy(ops + NAME_OPS, fs_file_ops, sizeof(fs_file_ops));
	svc.ep = fs->ep;
	st = watch_closes(fs);
	if (st != MLK_OK)
		printf("%s: no close notices (%s): files of clients gone stay "
		       "open\n",
		       mlk_program_name(), mlk_status_str(st));
	st = mount(fs, VFS_WAIT_NS);
	if (st != MLK_OK)
		printf("%s: cannot mount %s:// yet (%s); trying again\n",
		       mlk_program_name(), fs->scheme, mlk_status_str(st));
	fs->next_check_ns = mlk_clock_now() + CHECK_NS;
	st = mlk_serve(&svc);
	printf("%s: stopped serving: %s\n", mlk_program_name(),
	       mlk_status_str(st));
	return 1;
}
