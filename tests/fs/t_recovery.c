/*
 * Services that go away: the vfs (clients find the new one, file systems
 * mount again, open files never noticed) and ramfs (its clients are
 * told, the vfs passes its scheme to the restarted ramfs).  init
 * restarts both, as the image's manifest says.
 */
#include <mlk/init.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include "fstest.h"

#define PATIENCE_NS (10ull * 1000000000)

TEST(recovery, vfs_restart)
{
	char names[4][MLK_SCHEME_SIZE];
	struct mlk_file f;
	struct mlk_stat s;
	unsigned count = 0;
	mlk_status_t st;
	size_t got;

	CHECK_ST(write_file("tmp:///survivor", 5000, 12), MLK_OK);
	CHECK_ST(mlk_fs_open("tmp:///survivor", MLK_O_READ, &f), MLK_OK);
	CHECK_ST(mlk_init_kill("vfs"), MLK_OK);
	/* An open file talks to ramfs: the vfs is not in the way. */
	CHECK_ST(mlk_fs_read(&f, big_b, 100, &got), MLK_OK);
	CHECK(got == 100 && check_pattern(big_b, 100, 0, 12) < 0);
	/* The client's handle to the old vfs is dead: it finds the new one
	 * (which may not know tmp:// yet), rather than failing. */
	st = mlk_fs_stat("tmp:///survivor", &s);
	CHECK(st == MLK_OK || st == MLK_ERR_NOT_FOUND);
	CHECK_ST(wait_for("tmp:///survivor", PATIENCE_NS), MLK_OK);
	CHECK_ST(wait_for("initfs:///etc/motd", PATIENCE_NS), MLK_OK);
	CHECK_ST(read_file("tmp:///survivor", big_b, BIG, &got), MLK_OK);
	CHECK(got == 5000 && check_pattern(big_b, got, 0, 12) < 0);
	/* The new vfs knows just the two that mounted again. */
	CHECK_ST(mlk_fs_schemes(names, 4, &count), MLK_OK);
	CHECK(count == 2);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
}

TEST(recovery, ramfs_restart)
{
	struct mlk_file f;
	struct mlk_stat st;
	mlk_status_t s;
	size_t got;

	CHECK_ST(mlk_fs_open("tmp:///survivor", MLK_O_READ, &f), MLK_OK);
	CHECK_ST(mlk_init_kill("ramfs"), MLK_OK);
	CHECK_ST(mlk_fs_read(&f, big_b, 100, &got), MLK_ERR_PEER_CLOSED);
	/* A requested kill is restarted at once: the vfs may lead to the
	 * old ramfs still, or to the new one already. */
	s = mlk_fs_stat("tmp:///survivor", &st);
	CHECK(s == MLK_ERR_PEER_CLOSED || s == MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_stat("initfs:///etc/motd", &st), MLK_OK);
	CHECK_ST(wait_for("tmp:///", PATIENCE_NS), MLK_OK);
	/* Its files were in its memory. */
	CHECK_ST(mlk_fs_stat("tmp:///survivor", &st), MLK_ERR_NOT_FOUND);
	CHECK_ST(write_file("tmp:///new", 70000, 13), MLK_OK);
	CHECK_ST(read_file("tmp:///new", big_b, BIG, &got), MLK_OK);
	CHECK(got == 70000 && check_pattern(big_b, got, 0, 13) < 0);
	CHECK_ST(mlk_fs_close(&f), MLK_ERR_PEER_CLOSED);
	CHECK_ST(mlk_fs_unlink("tmp:///new"), MLK_OK);
}

/*
 * ramfs's scheme taken while init waits to restart it after a crash (a
 * real one, mlk_init_crash: a requested kill is restarted at once): its
 * mount is then refused, and it must retry at its own pace.  (The vfs
 * closes the handle of a refused mount, and ramfs once took that close
 * notice for the vfs's death and mounted again at once, for ever, at
 * priority 40: this program, at 30, never ran again.)  Given back, the
 * scheme goes to ramfs.
 */
TEST(recovery, scheme_taken_during_restart)
{
	mlk_handle_t ep, h = MLK_HANDLE_NONE;

	CHECK_ST(mlk_endpoint_create(&ep), MLK_OK);
	CHECK_ST(
		mlk_handle_duplicate(ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC, &h),
		MLK_OK);
	CHECK_ST(mlk_init_crash("ramfs"), MLK_OK);
	CHECK_ST(mlk_fs_mount("tmp", h), MLK_OK);
	/* ramfs restarts and is refused, a few times over. */
	mlk_sleep(mlk_deadline_in(600ull * 1000000));
	mlk_handle_close(ep);
	CHECK_ST(wait_for("tmp:///", PATIENCE_NS), MLK_OK);
	CHECK_ST(write_file("tmp:///after", 100, 14), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///after"), MLK_OK);
}
