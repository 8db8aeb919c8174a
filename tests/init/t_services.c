/*
 * After the storm: every file system and the console work.  The file
 * systems mount again a moment after a vfs restart, so the first look
 * waits for them (bounded); after that, everything must just work.
 */
#include <stdio.h>
#include <string.h>

#include <mlk/console.h>
#include <mlk/fs.h>
#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include "inittest.h"

#define MOUNT_PATIENCE 500 /* looks, 20 ms apart */
#define DATA_SIZE (64 * 1024)

static uint8_t out[DATA_SIZE], in[DATA_SIZE];

static mlk_status_t wait_for(const char *uri)
{
	struct mlk_stat st;
	mlk_status_t s = MLK_ERR_NOT_FOUND;

	for (int i = 0; i < MOUNT_PATIENCE; i++) {
		s = mlk_fs_stat(uri, &st);
		if (s == MLK_OK)
			break;
		mlk_sleep(mlk_deadline_in(20 * NS_PER_MS));
	}
	return s;
}

static mlk_status_t read_all(const char *uri, void *buf, size_t max,
			     size_t *got)
{
	struct mlk_file f;
	mlk_status_t st = mlk_fs_open(uri, MLK_O_READ, &f);

	*got = 0;
	if (st != MLK_OK)
		return st;
	st = mlk_fs_read(&f, buf, max, got);
	mlk_fs_close(&f);
	return st;
}

TEST(services, initfs_reads)
{
	size_t got;

	if (!CHECK_ST(wait_for("initfs:///etc/motd"), MLK_OK))
		return;
	CHECK_ST(read_all("initfs:///etc/motd", in, sizeof(in) - 1, &got),
		 MLK_OK);
	in[got] = '\0';
	CHECK(strstr((const char *)in, "Welcome to MyLittleKernel"));
}

TEST(services, tmp_writes_and_reads_back)
{
	struct mlk_file f;
	size_t done = 0, got = 0;

	if (!CHECK_ST(wait_for("tmp:///"), MLK_OK))
		return;
	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = (uint8_t)(i * 7 + i / 251);
	if (!CHECK_ST(mlk_fs_open("tmp:///inittest.dat",
				  MLK_O_WRITE | MLK_O_CREATE | MLK_O_TRUNCATE,
				  &f),
		      MLK_OK))
		return;
	CHECK_ST(mlk_fs_write(&f, out, sizeof(out), &done), MLK_OK);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
	CHECK(done == sizeof(out));
	CHECK_ST(read_all("tmp:///inittest.dat", in, sizeof(in), &got), MLK_OK);
	CHECK(got == sizeof(out) && !memcmp(in, out, got));
	CHECK_ST(mlk_fs_unlink("tmp:///inittest.dat"), MLK_OK);
}

TEST(services, console_writes)
{
	static const char line[] = "inittest: console: ok\n";
	struct mlk_console_info info;

	CHECK_ST(mlk_console_info(&info), MLK_OK);
	CHECK_ST(mlk_console_write(line, sizeof(line) - 1), MLK_OK);
}

/* The name service's two ways of "not there": no wait with a deadline
 * already past (NOT_FOUND), a wait that runs out (TIMED_OUT). */
TEST(services, names_lookup_deadlines)
{
	mlk_handle_t ep = MLK_HANDLE_NONE;

	CHECK_ST(mlk_names_lookup("no-such-name", 1, &ep), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_names_lookup("no-such-name",
				  mlk_deadline_in(20 * NS_PER_MS), &ep),
		 MLK_ERR_TIMED_OUT);
	if (CHECK_OK(mlk_names_lookup(MLK_VFS_NAME, 1, &ep)))
		mlk_handle_close(ep);
}
