/*
 * Volumes: statfs (size, free space, type, read-only) of tmp:// and
 * initfs://, what a file takes of the space and gives back, sync, and the
 * dates stat tells (from the real-time clock init read at boot).
 */
#include <string.h>

#include <mlk/runtime.h>
#include <mlk/sys.h>

#include "fstest.h"

#define FILE_BYTES (100 * 1024)
#define MS 1000000ull

TEST(volumes, statfs_of_both)
{
	struct mlk_statfs v;
	struct mlk_stat motd;

	CHECK_ST(mlk_fs_statfs("tmp:///", &v), MLK_OK);
	CHECK(!strcmp(v.type, "ramfs"));
	CHECK(v.total > 0 && v.free <= v.total);
	CHECK(v.block_size == 4096 && v.flags == 0);
	/* Any path of the volume names it, even one that is not there. */
	CHECK_ST(mlk_fs_statfs("tmp:///no/such/file", &v), MLK_OK);

	CHECK_ST(mlk_fs_statfs("initfs:///etc", &v), MLK_OK);
	CHECK(!strcmp(v.type, "initfs"));
	CHECK(v.flags == MLK_STAT_READ_ONLY && v.free == 0);
	CHECK_ST(mlk_fs_stat("initfs:///etc/motd", &motd), MLK_OK);
	CHECK(v.total >= motd.size && motd.size > 0);
}

TEST(volumes, statfs_errors)
{
	struct mlk_statfs v;
	struct mlk_msg m;

	CHECK_ST(mlk_fs_statfs("nope:///", &v), MLK_ERR_NOT_FOUND);
	CHECK(v.total == 0 && v.type[0] == '\0'); /* zeroed on failure */
	CHECK_ST(mlk_fs_statfs("tmp://", &v), MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_statfs("tmp:///a/../b", &v), MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_statfs(NULL, &v), MLK_ERR_BAD_ARG(0));
	CHECK_ST(mlk_fs_sync("nope:///"), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_sync("tmp:"), MLK_ERR_BAD_NAME);
	/* A URI length past the message. */
	CHECK_ST(raw_vfs(MLK_VFS_STATFS, 0, "tmp:///", 4000, &m),
		 MLK_ERR_BAD_NAME);
}

/* A file takes space while it exists and gives it back when removed. */
TEST(volumes, space_follows_files)
{
	struct mlk_statfs before, full, after;

	CHECK_ST(mlk_fs_statfs("tmp:///", &before), MLK_OK);
	CHECK_ST(write_file("tmp:///space", FILE_BYTES, 3), MLK_OK);
	CHECK_ST(mlk_fs_statfs("tmp:///", &full), MLK_OK);
	CHECK(full.total == before.total);
	CHECK(before.free >= full.free + FILE_BYTES);
	CHECK_ST(mlk_fs_unlink("tmp:///space"), MLK_OK);
	CHECK_ST(mlk_fs_statfs("tmp:///", &after), MLK_OK);
	CHECK(after.free == before.free);
}

TEST(volumes, sync_each)
{
	CHECK_ST(mlk_fs_sync("tmp:///"), MLK_OK);
	CHECK_ST(mlk_fs_sync("tmp:///not/there"), MLK_OK);
	CHECK_ST(mlk_fs_sync("initfs:///"), MLK_OK);
}

/* Dates: made and modified between two readings of the clock; a write
 * moves modified on and leaves created; a new entry dates its directory. */
TEST(volumes, dates)
{
	struct mlk_stat st, dir, later;
	struct mlk_file f;
	uint64_t t0, t1, t2;

	if (!CHECK_ST(mlk_clock_realtime(&t0), MLK_OK))
		return;
	CHECK_ST(mlk_fs_mkdir("tmp:///dated"), MLK_OK);
	CHECK_ST(write_file("tmp:///dated/f", 10, 1), MLK_OK);
	CHECK_ST(mlk_clock_realtime(&t1), MLK_OK);
	CHECK_ST(mlk_fs_stat("tmp:///dated/f", &st), MLK_OK);
	CHECK(st.created >= t0 && st.created <= st.modified &&
	      st.modified <= t1);
	CHECK_ST(mlk_fs_stat("tmp:///dated", &dir), MLK_OK);
	CHECK(dir.modified >= st.created && dir.modified <= t1);

	mlk_sleep(mlk_deadline_in(2 * MS));
	CHECK_ST(mlk_fs_open("tmp:///dated/f", MLK_O_WRITE | MLK_O_APPEND, &f),
		 MLK_OK);
	CHECK_ST(mlk_fs_write(&f, "more", 4, NULL), MLK_OK);
	CHECK_ST(mlk_fs_fstat(&f, &later), MLK_OK);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
	CHECK_ST(mlk_clock_realtime(&t2), MLK_OK);
	CHECK(later.created == st.created);
	CHECK(later.modified > t1 && later.modified <= t2);
	/* The year is this century: the RTC was read, not left at 0. */
	CHECK(t0 > 946684800ull * 1000000000 /* 2000-01-01 */);

	CHECK_ST(mlk_fs_unlink("tmp:///dated/f"), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///dated"), MLK_OK);
}
