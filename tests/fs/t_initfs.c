/*
 * initfs://: the files the image packed (tests/fs/local.mk), read back;
 * the directories their paths imply; every change refused.
 */
#include <string.h>

#include <mlk/bundle.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include "fstest.h"

#define MOTD "Hello from initfs.\n"

TEST(initfs, small_files)
{
	struct mlk_stat st;
	size_t len;

	CHECK_ST(mlk_fs_stat("initfs:///etc/motd", &st), MLK_OK);
	CHECK(st.type == MLK_FILE_REGULAR && st.size == strlen(MOTD) &&
	      st.flags == MLK_STAT_READ_ONLY);
	CHECK_ST(read_file("initfs:///etc/motd", big_b, BIG, &len), MLK_OK);
	CHECK(len == strlen(MOTD) && !memcmp(big_b, MOTD, len));
	CHECK_ST(read_file("initfs:///a/b/c/deep.txt", big_b, BIG, &len),
		 MLK_OK);
	CHECK(len == strlen(MOTD) && !memcmp(big_b, MOTD, len));
	CHECK_ST(mlk_fs_stat("initfs:///empty", &st), MLK_OK);
	CHECK(st.type == MLK_FILE_REGULAR && st.size == 0);
	CHECK_ST(read_file("initfs:///empty", big_b, BIG, &len), MLK_OK);
	CHECK(len == 0);
	/* Directories implied by the paths. */
	CHECK_ST(mlk_fs_stat("initfs:///a/b", &st), MLK_OK);
	CHECK(st.type == MLK_FILE_DIRECTORY && st.size == 1 &&
	      st.flags == MLK_STAT_READ_ONLY);
	CHECK_ST(mlk_fs_stat("initfs:///etc/nothing", &st), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_stat("initfs:///etc/motd/x", &st), MLK_ERR_NOT_DIR);
	/* The entry with a bad path was left out. */
	CHECK_ST(mlk_fs_stat("initfs:///escape", &st), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_stat("initfs:///dir", &st), MLK_ERR_NOT_FOUND);
}

TEST(initfs, listing)
{
	static const char *const names[] = { "a", "bin", "empty", "etc" };
	bool seen[4] = { false };
	struct mlk_file dir;
	struct mlk_dirent d;
	uint64_t i;

	CHECK_ST(mlk_fs_open("initfs:///", MLK_O_READ | MLK_O_DIRECTORY, &dir),
		 MLK_OK);
	for (i = 0; mlk_fs_readdir(&dir, i, &d) == MLK_OK; i++)
		for (unsigned k = 0; k < 4; k++)
			seen[k] |= !strcmp(d.name, names[k]);
	CHECK(i == 4 && seen[0] && seen[1] && seen[2] && seen[3]);
	CHECK_ST(mlk_fs_readdir(&dir, i, &d), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_close(&dir), MLK_OK);
}

/* The bundle, to compare initfs's bytes with. */
static const void *bundle(void)
{
	mlk_handle_t h = mlk_start_handle(MLK_START_BUNDLE, NULL);
	uint64_t size, addr;

	if (!CHECK(h != 0) || !CHECK(mlk_mem_size(h, &size) == MLK_OK) ||
	    !CHECK(mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, h, 0, 0,
				  (size + 4095) & ~4095ull, MLK_MAP_READ,
				  &addr) == MLK_OK))
		return NULL;
	return (const void *)(uintptr_t)addr;
}

/* bin/fstest, this program's own ELF (initfs serves every program of
 * the image under bin/), is larger than the shared buffer: read through
 * initfs it must be the bundle's bytes, with its CRC. */
TEST(initfs, large_file)
{
	const void *b = bundle();
	const struct mlk_bundle_entry *file, *self;
	struct mlk_file f;
	size_t len, got;
	uint32_t crc = 0;

	if (!b)
		return;
	file = self = mlk_bundle_find(b, "fstest");
	if (!CHECK(self && self->size > MLK_FILE_BUFFER_DEFAULT))
		return;
	CHECK_ST(mlk_fs_open("initfs:///bin/fstest", MLK_O_READ, &f), MLK_OK);
	for (len = 0;; len += got) {
		if (!CHECK_ST(mlk_fs_read(&f, big_b, 50000, &got), MLK_OK) ||
		    got == 0)
			break;
		crc = mlk_crc32(crc, big_b, got);
		CHECK(!memcmp(big_b,
			      (const char *)mlk_bundle_data(b, self) + len,
			      got));
	}
	CHECK(len == file->size && crc == file->checksum);
	CHECK_ST(mlk_fs_write(&f, big_b, 1, &got), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_fs_truncate(&f, 0), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
}

TEST(initfs, read_only)
{
	struct mlk_file f;

	CHECK_ST(mlk_fs_open("initfs:///etc/motd", MLK_O_WRITE, &f),
		 MLK_ERR_READ_ONLY);
	CHECK_ST(mlk_fs_open("initfs:///etc/motd",
			     MLK_O_READ | MLK_O_WRITE | MLK_O_TRUNCATE, &f),
		 MLK_ERR_READ_ONLY);
	CHECK_ST(mlk_fs_open("initfs:///new", MLK_O_READ | MLK_O_CREATE, &f),
		 MLK_ERR_READ_ONLY);
	CHECK_ST(mlk_fs_mkdir("initfs:///newdir"), MLK_ERR_READ_ONLY);
	CHECK_ST(mlk_fs_unlink("initfs:///etc/motd"), MLK_ERR_READ_ONLY);
	CHECK_ST(mlk_fs_rename("initfs:///etc/motd", "initfs:///motd"),
		 MLK_ERR_READ_ONLY);
	CHECK_ST(mlk_fs_open("initfs:///etc/nothing", MLK_O_READ, &f),
		 MLK_ERR_NOT_FOUND);
}
