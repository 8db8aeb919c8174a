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

static void small_files(void)
{
	struct mlk_stat st;
	size_t len;

	EXPECT_ST(mlk_fs_stat("initfs:///etc/motd", &st), MLK_OK);
	EXPECT(st.type == MLK_FILE_REGULAR && st.size == strlen(MOTD) &&
	       st.flags == MLK_STAT_READ_ONLY);
	EXPECT_ST(read_file("initfs:///etc/motd", big_b, BIG, &len), MLK_OK);
	EXPECT(len == strlen(MOTD) && !memcmp(big_b, MOTD, len));
	EXPECT_ST(read_file("initfs:///a/b/c/deep.txt", big_b, BIG, &len),
		  MLK_OK);
	EXPECT(len == strlen(MOTD) && !memcmp(big_b, MOTD, len));
	EXPECT_ST(mlk_fs_stat("initfs:///empty", &st), MLK_OK);
	EXPECT(st.type == MLK_FILE_REGULAR && st.size == 0);
	EXPECT_ST(read_file("initfs:///empty", big_b, BIG, &len), MLK_OK);
	EXPECT(len == 0);
	/* Directories implied by the paths. */
	EXPECT_ST(mlk_fs_stat("initfs:///a/b", &st), MLK_OK);
	EXPECT(st.type == MLK_FILE_DIRECTORY && st.size == 1 &&
	       st.flags == MLK_STAT_READ_ONLY);
	EXPECT_ST(mlk_fs_stat("initfs:///etc/nothing", &st), MLK_ERR_NOT_FOUND);
	EXPECT_ST(mlk_fs_stat("initfs:///etc/motd/x", &st), MLK_ERR_NOT_DIR);
	/* The entry with a bad path was left out. */
	EXPECT_ST(mlk_fs_stat("initfs:///escape", &st), MLK_ERR_NOT_FOUND);
	EXPECT_ST(mlk_fs_stat("initfs:///dir", &st), MLK_ERR_NOT_FOUND);
}

static void listing(void)
{
	static const char *const names[] = { "a", "bin", "empty", "etc" };
	bool seen[4] = { false };
	struct mlk_file dir;
	struct mlk_dirent d;
	uint64_t i;

	EXPECT_ST(mlk_fs_open("initfs:///", MLK_O_READ | MLK_O_DIRECTORY, &dir),
		  MLK_OK);
	for (i = 0; mlk_fs_readdir(&dir, i, &d) == MLK_OK; i++)
		for (unsigned k = 0; k < 4; k++)
			seen[k] |= !strcmp(d.name, names[k]);
	EXPECT(i == 4 && seen[0] && seen[1] && seen[2] && seen[3]);
	EXPECT_ST(mlk_fs_readdir(&dir, i, &d), MLK_ERR_NOT_FOUND);
	EXPECT_ST(mlk_fs_close(&dir), MLK_OK);
}

/* The bundle, to compare initfs's bytes with. */
static const void *bundle(void)
{
	mlk_handle_t h = mlk_start_handle(MLK_START_BUNDLE, NULL);
	uint64_t size, addr;

	if (!EXPECT(h != 0) || !EXPECT(mlk_mem_size(h, &size) == MLK_OK) ||
	    !EXPECT(mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, h, 0, 0,
				   (size + 4095) & ~4095ull, MLK_MAP_READ,
				   &addr) == MLK_OK))
		return NULL;
	return (const void *)(uintptr_t)addr;
}

/* bin/fstest, this program's own ELF, is larger than the shared buffer:
 * read through initfs it must be the bundle's bytes, with its CRC. */
static void large_file(void)
{
	const void *b = bundle();
	const struct mlk_bundle_entry *file, *self;
	struct mlk_file f;
	size_t len, got;
	uint32_t crc = 0;

	if (!b)
		return;
	file = mlk_bundle_find(b, "bin/fstest");
	self = mlk_bundle_find(b, "fstest");
	if (!EXPECT(file && self && file->size == self->size &&
		    file->size > MLK_FILE_BUFFER_DEFAULT))
		return;
	EXPECT_ST(mlk_fs_open("initfs:///bin/fstest", MLK_O_READ, &f), MLK_OK);
	for (len = 0;; len += got) {
		if (!EXPECT_ST(mlk_fs_read(&f, big_b, 50000, &got), MLK_OK) ||
		    got == 0)
			break;
		crc = mlk_crc32(crc, big_b, got);
		EXPECT(!memcmp(big_b,
			       (const char *)mlk_bundle_data(b, self) + len,
			       got));
	}
	EXPECT(len == file->size && crc == file->checksum);
	EXPECT_ST(mlk_fs_write(&f, big_b, 1, &got), MLK_ERR_ACCESS_DENIED);
	EXPECT_ST(mlk_fs_truncate(&f, 0), MLK_ERR_ACCESS_DENIED);
	EXPECT_ST(mlk_fs_close(&f), MLK_OK);
}

static void read_only(void)
{
	struct mlk_file f;

	EXPECT_ST(mlk_fs_open("initfs:///etc/motd", MLK_O_WRITE, &f),
		  MLK_ERR_READ_ONLY);
	EXPECT_ST(mlk_fs_open("initfs:///etc/motd",
			      MLK_O_READ | MLK_O_WRITE | MLK_O_TRUNCATE, &f),
		  MLK_ERR_READ_ONLY);
	EXPECT_ST(mlk_fs_open("initfs:///new", MLK_O_READ | MLK_O_CREATE, &f),
		  MLK_ERR_READ_ONLY);
	EXPECT_ST(mlk_fs_mkdir("initfs:///newdir"), MLK_ERR_READ_ONLY);
	EXPECT_ST(mlk_fs_unlink("initfs:///etc/motd"), MLK_ERR_READ_ONLY);
	EXPECT_ST(mlk_fs_rename("initfs:///etc/motd", "initfs:///motd"),
		  MLK_ERR_READ_ONLY);
	EXPECT_ST(mlk_fs_open("initfs:///etc/nothing", MLK_O_READ, &f),
		  MLK_ERR_NOT_FOUND);
}

void test_initfs(void)
{
	small_files();
	listing();
	large_file();
	read_only();
}
