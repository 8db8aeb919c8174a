/*
 * The name space of tmp://: open flags, mkdir, stat, readdir, unlink,
 * rename, and the schemes the vfs lists.
 */
#include <string.h>

#include "fstest.h"

static mlk_status_t touch(const char *uri)
{
	struct mlk_file f;
	mlk_status_t st = mlk_fs_open(uri, MLK_O_WRITE | MLK_O_CREATE, &f);

	if (st == MLK_OK)
		st = mlk_fs_close(&f);
	return st;
}

static mlk_status_t open_close(const char *uri, unsigned flags)
{
	struct mlk_file f;
	mlk_status_t st = mlk_fs_open(uri, flags, &f);

	if (st == MLK_OK)
		mlk_fs_close(&f);
	return st;
}

TEST(names, schemes)
{
	char names[4][MLK_SCHEME_SIZE];
	unsigned count = 0;
	bool initfs = false, tmp = false;

	CHECK_ST(mlk_fs_schemes(names, 4, &count), MLK_OK);
	CHECK(count == 2);
	for (unsigned i = 0; i < count && i < 4; i++) {
		initfs |= !strcmp(names[i], "initfs");
		tmp |= !strcmp(names[i], "tmp");
	}
	CHECK(initfs && tmp);
	/* Fewer slots than schemes: the count is still all of them. */
	CHECK_ST(mlk_fs_schemes(names, 1, &count), MLK_OK);
	CHECK(count == 2);
}

TEST(names, flags)
{
	const unsigned rw = MLK_O_READ | MLK_O_WRITE;

	CHECK_ST(touch("tmp:///flags"), MLK_OK);
	CHECK_ST(open_close("tmp:///flags", 0), MLK_ERR_BAD_ARG(0));
	CHECK_ST(open_close("tmp:///flags", MLK_O_READ | 0x80),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(open_close("tmp:///flags", MLK_O_READ | MLK_O_TRUNCATE),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(open_close("tmp:///flags", MLK_O_READ | MLK_O_APPEND),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(open_close("tmp:///flags", rw | MLK_O_EXCL),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(open_close("tmp:///d2",
			    MLK_O_READ | MLK_O_CREATE | MLK_O_DIRECTORY),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(open_close("tmp:///flags", rw | MLK_O_CREATE | MLK_O_EXCL),
		 MLK_ERR_EXISTS);
	CHECK_ST(open_close("tmp:///missing", MLK_O_READ), MLK_ERR_NOT_FOUND);
	CHECK_ST(open_close("tmp:///flags", MLK_O_READ | MLK_O_DIRECTORY),
		 MLK_ERR_NOT_DIR);
	CHECK_ST(open_close("tmp:///", MLK_O_WRITE), MLK_ERR_IS_DIR);
	CHECK_ST(open_close("tmp:///", MLK_O_READ | MLK_O_CREATE | MLK_O_EXCL),
		 MLK_ERR_EXISTS);
	CHECK_ST(open_close("tmp:///flags/x", MLK_O_READ), MLK_ERR_NOT_DIR);
	CHECK_ST(open_close("tmp:///new", MLK_O_READ | MLK_O_CREATE), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///new"), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///flags"), MLK_OK);
}

TEST(names, directories)
{
	struct mlk_stat st;

	CHECK_ST(mlk_fs_mkdir("tmp:///d"), MLK_OK);
	CHECK_ST(mlk_fs_mkdir("tmp:///d"), MLK_ERR_EXISTS);
	CHECK_ST(mlk_fs_mkdir("tmp:///"), MLK_ERR_EXISTS);
	CHECK_ST(mlk_fs_mkdir("tmp:///nope/x"), MLK_ERR_NOT_FOUND);
	CHECK_ST(touch("tmp:///d/f"), MLK_OK);
	CHECK_ST(mlk_fs_mkdir("tmp:///d/f/x"), MLK_ERR_NOT_DIR);
	CHECK_ST(mlk_fs_mkdir("tmp:///d/f"), MLK_ERR_EXISTS);
	CHECK_ST(mlk_fs_stat("tmp:///d", &st), MLK_OK);
	CHECK(st.type == MLK_FILE_DIRECTORY && st.size == 1 && !st.flags);
	CHECK_ST(mlk_fs_stat("tmp:///d/f", &st), MLK_OK);
	CHECK(st.type == MLK_FILE_REGULAR && st.size == 0);
	CHECK_ST(mlk_fs_stat("tmp:///d/f/x", &st), MLK_ERR_NOT_DIR);
	CHECK_ST(mlk_fs_stat("tmp:///d/g", &st), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_unlink("tmp:///d"), MLK_ERR_NOT_EMPTY);
	CHECK_ST(mlk_fs_unlink("tmp:///d/g"), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_unlink("tmp:///"), MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_unlink("tmp:///d/f"), MLK_OK);
	CHECK_ST(mlk_fs_stat("tmp:///d/f", &st), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_unlink("tmp:///d"), MLK_OK);
	CHECK_ST(mlk_fs_stat("tmp:///d", &st), MLK_ERR_NOT_FOUND);
}

TEST(names, readdir)
{
	static const char *const names[] = { "one", "two", "three", "sub" };
	struct mlk_file dir, file;
	struct mlk_dirent d;
	struct mlk_stat st;

	CHECK_ST(mlk_fs_mkdir("tmp:///ls"), MLK_OK);
	CHECK_ST(write_file("tmp:///ls/one", 1, 0), MLK_OK);
	CHECK_ST(write_file("tmp:///ls/two", 2, 0), MLK_OK);
	CHECK_ST(write_file("tmp:///ls/three", 3, 0), MLK_OK);
	CHECK_ST(mlk_fs_mkdir("tmp:///ls/sub"), MLK_OK);
	CHECK_ST(mlk_fs_open("tmp:///ls", MLK_O_READ | MLK_O_DIRECTORY, &dir),
		 MLK_OK);
	CHECK_ST(mlk_fs_fstat(&dir, &st), MLK_OK);
	CHECK(st.type == MLK_FILE_DIRECTORY && st.size == 4);
	for (unsigned i = 0; i < 4; i++) {
		CHECK_ST(mlk_fs_readdir(&dir, i, &d), MLK_OK);
		CHECK(!strcmp(d.name, names[i]));
		CHECK(d.type ==
		      (i == 3 ? MLK_FILE_DIRECTORY : MLK_FILE_REGULAR));
		CHECK(d.size == (i == 3 ? 0 : i + 1));
	}
	/* No "." or "..": four entries, then the end. */
	CHECK_ST(mlk_fs_readdir(&dir, 4, &d), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_readdir(&dir, ~0ull, &d), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_read(&dir, big_b, 16, NULL), MLK_ERR_IS_DIR);
	CHECK_ST(mlk_fs_close(&dir), MLK_OK);
	CHECK_ST(mlk_fs_open("tmp:///ls/one", MLK_O_READ, &file), MLK_OK);
	CHECK_ST(mlk_fs_readdir(&file, 0, &d), MLK_ERR_NOT_DIR);
	CHECK_ST(mlk_fs_close(&file), MLK_OK);
	/* The root lists what is in it. */
	CHECK_ST(mlk_fs_open("tmp:///", MLK_O_READ | MLK_O_DIRECTORY, &dir),
		 MLK_OK);
	CHECK_ST(mlk_fs_readdir(&dir, 0, &d), MLK_OK);
	CHECK(!strcmp(d.name, "ls") && d.type == MLK_FILE_DIRECTORY);
	CHECK_ST(mlk_fs_close(&dir), MLK_OK);
}

TEST(names, rename_files)
{
	struct mlk_stat st;
	size_t len;

	CHECK_ST(write_file("tmp:///a", 5000, 1), MLK_OK);
	CHECK_ST(mlk_fs_rename("tmp:///a", "tmp:///b"), MLK_OK);
	CHECK_ST(mlk_fs_stat("tmp:///a", &st), MLK_ERR_NOT_FOUND);
	CHECK_ST(read_file("tmp:///b", big_b, BIG, &len), MLK_OK);
	CHECK(len == 5000 && check_pattern(big_b, len, 0, 1) < 0);
	/* Onto an existing file: it is replaced. */
	CHECK_ST(write_file("tmp:///c", 100, 2), MLK_OK);
	CHECK_ST(mlk_fs_rename("tmp:///b", "tmp:///c"), MLK_OK);
	CHECK_ST(read_file("tmp:///c", big_b, BIG, &len), MLK_OK);
	CHECK(len == 5000 && check_pattern(big_b, len, 0, 1) < 0);
	CHECK_ST(mlk_fs_stat("tmp:///b", &st), MLK_ERR_NOT_FOUND);
	/* Onto itself: nothing happens. */
	CHECK_ST(mlk_fs_rename("tmp:///c", "tmp:///c"), MLK_OK);
	CHECK_ST(mlk_fs_stat("tmp:///c", &st), MLK_OK);
	CHECK_ST(mlk_fs_rename("tmp:///nope", "tmp:///x"), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_rename("tmp:///c", "tmp:///nope/x"), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_rename("tmp:///c", "tmp:///c/x"), MLK_ERR_NOT_DIR);
	CHECK_ST(mlk_fs_rename("tmp:///", "tmp:///x"), MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_rename("tmp:///c", "tmp:///"), MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_rename("tmp:///c", "initfs:///c"),
		 MLK_ERR_NOT_SUPPORTED);
	CHECK_ST(mlk_fs_rename("tmp:///c", "nosuch:///c"), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_unlink("tmp:///c"), MLK_OK);
}

TEST(names, rename_directories)
{
	struct mlk_stat st;
	size_t len;

	CHECK_ST(mlk_fs_mkdir("tmp:///p"), MLK_OK);
	CHECK_ST(mlk_fs_mkdir("tmp:///p/q"), MLK_OK);
	CHECK_ST(write_file("tmp:///p/q/f", 300, 3), MLK_OK);
	CHECK_ST(mlk_fs_rename("tmp:///p", "tmp:///p/q/p"), MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_rename("tmp:///p", "tmp:///p/x"), MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_rename("tmp:///p/q", "tmp:///r"), MLK_OK);
	CHECK_ST(read_file("tmp:///r/f", big_b, BIG, &len), MLK_OK);
	CHECK(len == 300 && check_pattern(big_b, len, 0, 3) < 0);
	CHECK_ST(mlk_fs_stat("tmp:///p", &st), MLK_OK);
	CHECK(st.size == 0);
	/* A directory onto a file, a file onto a directory, onto one that
	 * is not empty, onto an empty one (which it replaces). */
	CHECK_ST(touch("tmp:///file"), MLK_OK);
	CHECK_ST(mlk_fs_rename("tmp:///p", "tmp:///file"), MLK_ERR_NOT_DIR);
	CHECK_ST(mlk_fs_rename("tmp:///file", "tmp:///p"), MLK_ERR_IS_DIR);
	CHECK_ST(mlk_fs_rename("tmp:///p", "tmp:///r"), MLK_ERR_NOT_EMPTY);
	CHECK_ST(mlk_fs_rename("tmp:///r", "tmp:///p"), MLK_OK);
	CHECK_ST(mlk_fs_stat("tmp:///p/f", &st), MLK_OK);
	CHECK_ST(mlk_fs_stat("tmp:///r", &st), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_unlink("tmp:///p/f"), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///p"), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///file"), MLK_OK);
}

/* A file removed while open stays readable until it is closed. */
TEST(names, unlink_open)
{
	struct mlk_file f;
	struct mlk_stat st;
	size_t got;

	CHECK_ST(write_file("tmp:///gone", 10000, 4), MLK_OK);
	CHECK_ST(mlk_fs_open("tmp:///gone", MLK_O_READ, &f), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///gone"), MLK_OK);
	CHECK_ST(mlk_fs_stat("tmp:///gone", &st), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_read(&f, big_b, BIG, &got), MLK_OK);
	CHECK(got == 10000 && check_pattern(big_b, got, 0, 4) < 0);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
}

/* What readdir made goes once the group is done: unlinking files, then
 * the directory they emptied. */
TEST(names, remove_listing)
{
	CHECK_ST(mlk_fs_unlink("tmp:///ls/one"), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///ls/two"), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///ls/three"), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///ls/sub"), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///ls"), MLK_OK);
}
