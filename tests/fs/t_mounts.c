/*
 * MLK_VFS_MOUNT: its errors, a scheme whose service hangs (the vfs gives
 * up on it) or is gone (the vfs says so, and lets another service take
 * the scheme over), and the full scheme table.  The schemes mounted here
 * stay until the vfs restarts (test_recovery).
 */
#include <stdio.h>
#include <string.h>

#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include "fstest.h"

/* A send handle to ep, for the vfs. */
static mlk_handle_t sender(mlk_handle_t ep)
{
	mlk_handle_t h = MLK_HANDLE_NONE;

	CHECK_ST(
		mlk_handle_duplicate(ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC, &h),
		MLK_OK);
	return h;
}

/* MLK_VFS_MOUNT of `name` (16 bytes, not necessarily terminated) with
 * handle h (0: none). */
static mlk_status_t mount_raw(const char *name, mlk_handle_t h)
{
	struct mlk_msg m = { .label = MLK_VFS_MOUNT,
			     .nwords = 2,
			     .nhandles = h ? 1 : 0,
			     .h = { h } };
	mlk_handle_t vfs;
	mlk_status_t st =
		mlk_names_lookup(MLK_VFS_NAME, mlk_deadline_in(0), &vfs);

	if (st != MLK_OK)
		return st;
	memcpy(m.w, name, strnlen(name, MLK_SCHEME_SIZE));
	st = raw_call(vfs, &m);
	mlk_handle_close(vfs);
	return st;
}

static void refusals(mlk_handle_t ep)
{
	mlk_handle_t mem, recv_only;

	CHECK_ST(mount_raw("x", 0), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_mem_create(4096, 0, &mem), MLK_OK);
	CHECK_ST(mount_raw("x", mem), MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_handle_duplicate(ep, MLK_RIGHT_RECV | MLK_RIGHTS_BASIC,
				      &recv_only),
		 MLK_OK);
	CHECK_ST(mount_raw("x", recv_only), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mount_raw("0123456789abcdef", sender(ep)), MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_mount("0123456789abcdef", sender(ep)),
		 MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_mount("Upper", sender(ep)), MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_mount("", sender(ep)), MLK_ERR_BAD_NAME);
	/* Served by a live service: not to be had. */
	CHECK_ST(mlk_fs_mount("tmp", sender(ep)), MLK_ERR_EXISTS);
	CHECK_ST(mlk_fs_mount("initfs", sender(ep)), MLK_ERR_EXISTS);
}

TEST(mounts, errors)
{
	mlk_handle_t ep;

	if (!CHECK_ST(mlk_endpoint_create(&ep), MLK_OK))
		return;
	refusals(ep);
	mlk_handle_close(ep);
}

static bool listed(const char *scheme)
{
	char names[MLK_VFS_SCHEMES_MAX][MLK_SCHEME_SIZE];
	unsigned count = 0;

	mlk_fs_schemes(names, MLK_VFS_SCHEMES_MAX, &count);
	for (unsigned i = 0; i < count && i < MLK_VFS_SCHEMES_MAX; i++)
		if (!strcmp(names[i], scheme))
			return true;
	return false;
}

/* This program mounts "hung" and never answers. */
TEST(mounts, hung_and_gone)
{
	mlk_handle_t ep, ep2;
	struct mlk_stat st;
	struct mlk_file f;

	CHECK_ST(mlk_endpoint_create(&ep), MLK_OK);
	CHECK_ST(mlk_fs_mount("hung", sender(ep)), MLK_OK);
	CHECK(listed("hung"));
	CHECK_ST(mlk_fs_mount("hung", sender(ep)), MLK_ERR_EXISTS);
	CHECK_ST(mlk_fs_stat("hung:///x", &st), MLK_ERR_TIMED_OUT);
	/* The vfs still serves the others. */
	CHECK_ST(mlk_fs_stat("tmp:///", &st), MLK_OK);
	mlk_handle_close(ep);
	CHECK_ST(mlk_fs_stat("hung:///x", &st), MLK_ERR_PEER_CLOSED);
	CHECK_ST(mlk_fs_open("hung:///x", MLK_O_READ, &f), MLK_ERR_PEER_CLOSED);
	CHECK_ST(mlk_fs_mkdir("hung:///x"), MLK_ERR_PEER_CLOSED);
	CHECK_ST(mlk_fs_unlink("hung:///x"), MLK_ERR_PEER_CLOSED);
	CHECK_ST(mlk_fs_rename("hung:///x", "hung:///y"), MLK_ERR_PEER_CLOSED);
	/* A service that is gone leaves its scheme to the next. */
	CHECK_ST(mlk_endpoint_create(&ep2), MLK_OK);
	CHECK_ST(mlk_fs_mount("hung", sender(ep2)), MLK_OK);
	mlk_handle_close(ep2);
}

TEST(mounts, table_full)
{
	char names[MLK_VFS_SCHEMES_MAX][MLK_SCHEME_SIZE], name[MLK_SCHEME_SIZE];
	unsigned count = 0, n;
	mlk_handle_t ep;
	mlk_status_t st = MLK_OK;

	CHECK_ST(mlk_endpoint_create(&ep), MLK_OK);
	for (n = 0; n < 64 && st == MLK_OK; n++) {
		snprintf(name, sizeof(name), "s%u", n);
		st = mlk_fs_mount(name, sender(ep));
	}
	CHECK_ST(st, MLK_ERR_NO_RESOURCES);
	CHECK_ST(mlk_fs_schemes(names, MLK_VFS_SCHEMES_MAX, &count), MLK_OK);
	CHECK(count == MLK_VFS_SCHEMES_MAX);
	/* ep stays open, so these schemes stay served, until the vfs
	 * restarts. */
}
