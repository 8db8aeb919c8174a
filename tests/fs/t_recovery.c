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

static void vfs_restart(void)
{
	char names[4][MLK_SCHEME_SIZE];
	struct mlk_file f;
	struct mlk_stat s;
	unsigned count = 0;
	mlk_status_t st;
	size_t got;

	EXPECT_ST(write_file("tmp:///survivor", 5000, 12), MLK_OK);
	EXPECT_ST(mlk_fs_open("tmp:///survivor", MLK_O_READ, &f), MLK_OK);
	EXPECT_ST(mlk_init_kill("vfs"), MLK_OK);
	/* An open file talks to ramfs: the vfs is not in the way. */
	EXPECT_ST(mlk_fs_read(&f, big_b, 100, &got), MLK_OK);
	EXPECT(got == 100 && check_pattern(big_b, 100, 0, 12) < 0);
	/* The client's handle to the old vfs is dead: it finds the new one
	 * (which may not know tmp:// yet), rather than failing. */
	st = mlk_fs_stat("tmp:///survivor", &s);
	EXPECT(st == MLK_OK || st == MLK_ERR_NOT_FOUND);
	EXPECT_ST(wait_for("tmp:///survivor", PATIENCE_NS), MLK_OK);
	EXPECT_ST(wait_for("initfs:///etc/motd", PATIENCE_NS), MLK_OK);
	EXPECT_ST(read_file("tmp:///survivor", big_b, BIG, &got), MLK_OK);
	EXPECT(got == 5000 && check_pattern(big_b, got, 0, 12) < 0);
	/* The new vfs knows just the two that mounted again. */
	EXPECT_ST(mlk_fs_schemes(names, 4, &count), MLK_OK);
	EXPECT(count == 2);
	EXPECT_ST(mlk_fs_close(&f), MLK_OK);
}

static void ramfs_restart(void)
{
	struct mlk_file f;
	struct mlk_stat st;
	mlk_status_t s;
	size_t got;

	EXPECT_ST(mlk_fs_open("tmp:///survivor", MLK_O_READ, &f), MLK_OK);
	EXPECT_ST(mlk_init_kill("ramfs"), MLK_OK);
	EXPECT_ST(mlk_fs_read(&f, big_b, 100, &got), MLK_ERR_PEER_CLOSED);
	/* A requested kill is restarted at once: the vfs may lead to the
	 * old ramfs still, or to the new one already. */
	s = mlk_fs_stat("tmp:///survivor", &st);
	EXPECT(s == MLK_ERR_PEER_CLOSED || s == MLK_ERR_NOT_FOUND);
	EXPECT_ST(mlk_fs_stat("initfs:///etc/motd", &st), MLK_OK);
	EXPECT_ST(wait_for("tmp:///", PATIENCE_NS), MLK_OK);
	/* Its files were in its memory. */
	EXPECT_ST(mlk_fs_stat("tmp:///survivor", &st), MLK_ERR_NOT_FOUND);
	EXPECT_ST(write_file("tmp:///new", 70000, 13), MLK_OK);
	EXPECT_ST(read_file("tmp:///new", big_b, BIG, &got), MLK_OK);
	EXPECT(got == 70000 && check_pattern(big_b, got, 0, 13) < 0);
	EXPECT_ST(mlk_fs_close(&f), MLK_ERR_PEER_CLOSED);
	EXPECT_ST(mlk_fs_unlink("tmp:///new"), MLK_OK);
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
static void scheme_taken_during_restart(void)
{
	mlk_handle_t ep, h = MLK_HANDLE_NONE;

	EXPECT_ST(mlk_endpoint_create(&ep), MLK_OK);
	EXPECT_ST(
		mlk_handle_duplicate(ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC, &h),
		MLK_OK);
	EXPECT_ST(mlk_init_crash("ramfs"), MLK_OK);
	EXPECT_ST(mlk_fs_mount("tmp", h), MLK_OK);
	/* ramfs restarts and is refused, a few times over. */
	mlk_sleep(mlk_deadline_in(600ull * 1000000));
	mlk_handle_close(ep);
	EXPECT_ST(wait_for("tmp:///", PATIENCE_NS), MLK_OK);
	EXPECT_ST(write_file("tmp:///after", 100, 14), MLK_OK);
	EXPECT_ST(mlk_fs_unlink("tmp:///after"), MLK_OK);
}

void test_recovery(void)
{
	vfs_restart();
	ramfs_restart();
	scheme_taken_during_restart();
}
