/*
 * File data on tmp://: files larger than a page and than the shared
 * buffer, read back byte for byte in pieces of odd sizes; positions,
 * append, holes, truncation, access modes.
 */
#include <string.h>

#include "fstest.h"

#define LARGE (200 * 1024 + 123) /* > MLK_FILE_BUFFER_DEFAULT, odd */

static void large_file(void)
{
	struct mlk_file f;
	struct mlk_stat st;
	size_t done, got, at = 0;
	static const size_t pieces[] = { 1, 4095, 4097, 65536, 70000, 3 };

	EXPECT_ST(mlk_fs_open("tmp:///large", MLK_O_WRITE | MLK_O_CREATE, &f),
		  MLK_OK);
	fill_pattern(big_a, LARGE, 0, 5);
	EXPECT_ST(mlk_fs_write(&f, big_a, LARGE, &done), MLK_OK);
	EXPECT(done == LARGE);
	EXPECT_ST(mlk_fs_fstat(&f, &st), MLK_OK);
	EXPECT(st.type == MLK_FILE_REGULAR && st.size == LARGE);
	/* Opened for writing only: no reading. */
	EXPECT_ST(mlk_fs_read(&f, big_b, 10, &got), MLK_ERR_ACCESS_DENIED);
	EXPECT_ST(mlk_fs_close(&f), MLK_OK);

	EXPECT_ST(mlk_fs_open("tmp:///large", MLK_O_READ, &f), MLK_OK);
	memset(big_b, 0xee, BIG);
	for (size_t i = 0; at < LARGE; i = (i + 1) % 6) {
		if (!EXPECT_ST(mlk_fs_read(&f, big_b + at, pieces[i], &got),
			       MLK_OK))
			break;
		EXPECT(got == pieces[i] || at + got == LARGE);
		at += got;
	}
	EXPECT(at == LARGE && check_pattern(big_b, LARGE, 0, 5) < 0);
	EXPECT_ST(mlk_fs_read(&f, big_b, 100, &got), MLK_OK);
	EXPECT(got == 0); /* the end */
	EXPECT_ST(mlk_fs_write(&f, big_a, 10, &done), MLK_ERR_ACCESS_DENIED);
	EXPECT_ST(mlk_fs_truncate(&f, 0), MLK_ERR_ACCESS_DENIED);
	EXPECT_ST(mlk_fs_close(&f), MLK_OK);
	EXPECT_ST(read_file("tmp:///large", big_b, BIG, &got), MLK_OK);
	EXPECT(got == LARGE && check_pattern(big_b, got, 0, 5) < 0);
}

static void positions(void)
{
	struct mlk_file f;
	uint64_t pos;
	size_t got, done;

	EXPECT_ST(mlk_fs_open("tmp:///large", MLK_O_READ | MLK_O_WRITE, &f),
		  MLK_OK);
	EXPECT_ST(mlk_fs_seek(&f, 70000, MLK_SEEK_SET, &pos), MLK_OK);
	EXPECT(pos == 70000);
	EXPECT_ST(mlk_fs_seek(&f, -5, MLK_SEEK_CUR, &pos), MLK_OK);
	EXPECT(pos == 69995);
	EXPECT_ST(mlk_fs_read(&f, big_b, 10, &got), MLK_OK);
	EXPECT(got == 10 && check_pattern(big_b, 10, 69995, 5) < 0);
	EXPECT_ST(mlk_fs_seek(&f, -10, MLK_SEEK_END, &pos), MLK_OK);
	EXPECT(pos == LARGE - 10);
	EXPECT_ST(mlk_fs_read(&f, big_b, 100, &got), MLK_OK);
	EXPECT(got == 10 && check_pattern(big_b, 10, LARGE - 10, 5) < 0);
	EXPECT_ST(mlk_fs_seek(&f, -1, MLK_SEEK_SET, &pos), MLK_ERR_BAD_ARG(0));
	EXPECT_ST(mlk_fs_seek(&f, INT64_MAX, MLK_SEEK_END, &pos),
		  MLK_ERR_BAD_ARG(0));
	EXPECT_ST(mlk_fs_seek(&f, 0, 3, &pos), MLK_ERR_BAD_ARG(1));
	/* Overwrite in the middle, across a block boundary. */
	EXPECT_ST(mlk_fs_seek(&f, 4090, MLK_SEEK_SET, &pos), MLK_OK);
	fill_pattern(big_a, 20, 0, 6);
	EXPECT_ST(mlk_fs_write(&f, big_a, 20, &done), MLK_OK);
	EXPECT_ST(mlk_fs_seek(&f, 4080, MLK_SEEK_SET, &pos), MLK_OK);
	EXPECT_ST(mlk_fs_read(&f, big_b, 40, &got), MLK_OK);
	EXPECT(got == 40 && check_pattern(big_b, 10, 4080, 5) < 0 &&
	       check_pattern(big_b + 10, 20, 0, 6) < 0 &&
	       check_pattern(big_b + 30, 10, 4110, 5) < 0);
	EXPECT_ST(mlk_fs_close(&f), MLK_OK);
}

/* Seeking past the end and writing leaves a hole that reads as zeros;
 * truncating upwards too. */
static void holes(void)
{
	struct mlk_file f;
	struct mlk_stat st;
	uint64_t pos;
	size_t got, done;

	EXPECT_ST(mlk_fs_open("tmp:///holes",
			      MLK_O_READ | MLK_O_WRITE | MLK_O_CREATE, &f),
		  MLK_OK);
	EXPECT_ST(mlk_fs_write(&f, "head", 4, &done), MLK_OK);
	EXPECT_ST(mlk_fs_seek(&f, 3 * 4096 + 100, MLK_SEEK_SET, &pos), MLK_OK);
	EXPECT_ST(mlk_fs_write(&f, "tail", 4, &done), MLK_OK);
	EXPECT_ST(mlk_fs_fstat(&f, &st), MLK_OK);
	EXPECT(st.size == 3 * 4096 + 104);
	EXPECT_ST(mlk_fs_seek(&f, 0, MLK_SEEK_SET, &pos), MLK_OK);
	EXPECT_ST(mlk_fs_read(&f, big_b, BIG, &got), MLK_OK);
	EXPECT(got == 3 * 4096 + 104 && !memcmp(big_b, "head", 4) &&
	       !memcmp(big_b + got - 4, "tail", 4));
	bool zeros = true;
	for (size_t i = 4; i < got - 4; i++)
		zeros &= big_b[i] == 0;
	EXPECT(zeros);
	/* Down into the middle of a block, then up again: zeros past the
	 * cut, not the old bytes. */
	EXPECT_ST(mlk_fs_truncate(&f, 2), MLK_OK);
	EXPECT_ST(mlk_fs_truncate(&f, 9000), MLK_OK);
	EXPECT_ST(mlk_fs_seek(&f, 0, MLK_SEEK_SET, &pos), MLK_OK);
	EXPECT_ST(mlk_fs_read(&f, big_b, BIG, &got), MLK_OK);
	EXPECT(got == 9000 && big_b[0] == 'h' && big_b[1] == 'e');
	zeros = true;
	for (size_t i = 2; i < got; i++)
		zeros &= big_b[i] == 0;
	EXPECT(zeros);
	EXPECT_ST(mlk_fs_close(&f), MLK_OK);
	EXPECT_ST(mlk_fs_unlink("tmp:///holes"), MLK_OK);
}

static void append_truncate(void)
{
	struct mlk_file f;
	struct mlk_stat st;
	uint64_t pos;
	size_t got, done;

	EXPECT_ST(write_file("tmp:///log", 10, 7), MLK_OK);
	EXPECT_ST(mlk_fs_open("tmp:///log",
			      MLK_O_READ | MLK_O_WRITE | MLK_O_APPEND, &f),
		  MLK_OK);
	EXPECT_ST(mlk_fs_seek(&f, 0, MLK_SEEK_SET, &pos), MLK_OK);
	EXPECT_ST(mlk_fs_write(&f, "++", 2, &done), MLK_OK);
	EXPECT_ST(mlk_fs_seek(&f, 0, MLK_SEEK_CUR, &pos), MLK_OK);
	EXPECT(pos == 12);
	EXPECT_ST(mlk_fs_seek(&f, 0, MLK_SEEK_SET, &pos), MLK_OK);
	EXPECT_ST(mlk_fs_read(&f, big_b, 100, &got), MLK_OK);
	EXPECT(got == 12 && check_pattern(big_b, 10, 0, 7) < 0 &&
	       !memcmp(big_b + 10, "++", 2));
	EXPECT_ST(mlk_fs_close(&f), MLK_OK);
	/* MLK_O_TRUNCATE empties it. */
	EXPECT_ST(mlk_fs_open("tmp:///log", MLK_O_WRITE | MLK_O_TRUNCATE, &f),
		  MLK_OK);
	EXPECT_ST(mlk_fs_fstat(&f, &st), MLK_OK);
	EXPECT(st.size == 0);
	EXPECT_ST(mlk_fs_close(&f), MLK_OK);
	EXPECT_ST(mlk_fs_unlink("tmp:///log"), MLK_OK);
	EXPECT_ST(mlk_fs_unlink("tmp:///large"), MLK_OK);
}

void test_data(void)
{
	large_file();
	positions();
	holes();
	append_truncate();
}
