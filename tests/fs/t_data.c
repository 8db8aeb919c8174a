/*
 * File data on tmp://: files larger than a page and than the shared
 * buffer, read back byte for byte in pieces of odd sizes; positions,
 * append, holes, truncation, access modes.
 */
#include <string.h>

#include "fstest.h"

#define LARGE (200 * 1024 + 123) /* > MLK_FILE_BUFFER_DEFAULT, odd */

TEST(data, large_file)
{
	struct mlk_file f;
	struct mlk_stat st;
	size_t done, got, at = 0;
	static const size_t pieces[] = { 1, 4095, 4097, 65536, 70000, 3 };

	CHECK_ST(mlk_fs_open("tmp:///large", MLK_O_WRITE | MLK_O_CREATE, &f),
		 MLK_OK);
	fill_pattern(big_a, LARGE, 0, 5);
	CHECK_ST(mlk_fs_write(&f, big_a, LARGE, &done), MLK_OK);
	CHECK(done == LARGE);
	CHECK_ST(mlk_fs_fstat(&f, &st), MLK_OK);
	CHECK(st.type == MLK_FILE_REGULAR && st.size == LARGE);
	/* Opened for writing only: no reading. */
	CHECK_ST(mlk_fs_read(&f, big_b, 10, &got), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);

	CHECK_ST(mlk_fs_open("tmp:///large", MLK_O_READ, &f), MLK_OK);
	memset(big_b, 0xee, BIG);
	for (size_t i = 0; at < LARGE; i = (i + 1) % 6) {
		if (!CHECK_ST(mlk_fs_read(&f, big_b + at, pieces[i], &got),
			      MLK_OK))
			break;
		CHECK(got == pieces[i] || at + got == LARGE);
		at += got;
	}
	CHECK(at == LARGE && check_pattern(big_b, LARGE, 0, 5) < 0);
	CHECK_ST(mlk_fs_read(&f, big_b, 100, &got), MLK_OK);
	CHECK(got == 0); /* the end */
	CHECK_ST(mlk_fs_write(&f, big_a, 10, &done), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_fs_truncate(&f, 0), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
	CHECK_ST(read_file("tmp:///large", big_b, BIG, &got), MLK_OK);
	CHECK(got == LARGE && check_pattern(big_b, got, 0, 5) < 0);
}

TEST(data, positions)
{
	struct mlk_file f;
	uint64_t pos;
	size_t got, done;

	CHECK_ST(mlk_fs_open("tmp:///large", MLK_O_READ | MLK_O_WRITE, &f),
		 MLK_OK);
	CHECK_ST(mlk_fs_seek(&f, 70000, MLK_SEEK_SET, &pos), MLK_OK);
	CHECK(pos == 70000);
	CHECK_ST(mlk_fs_seek(&f, -5, MLK_SEEK_CUR, &pos), MLK_OK);
	CHECK(pos == 69995);
	CHECK_ST(mlk_fs_read(&f, big_b, 10, &got), MLK_OK);
	CHECK(got == 10 && check_pattern(big_b, 10, 69995, 5) < 0);
	CHECK_ST(mlk_fs_seek(&f, -10, MLK_SEEK_END, &pos), MLK_OK);
	CHECK(pos == LARGE - 10);
	CHECK_ST(mlk_fs_read(&f, big_b, 100, &got), MLK_OK);
	CHECK(got == 10 && check_pattern(big_b, 10, LARGE - 10, 5) < 0);
	CHECK_ST(mlk_fs_seek(&f, -1, MLK_SEEK_SET, &pos), MLK_ERR_BAD_ARG(0));
	CHECK_ST(mlk_fs_seek(&f, INT64_MAX, MLK_SEEK_END, &pos),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(mlk_fs_seek(&f, 0, 3, &pos), MLK_ERR_BAD_ARG(1));
	/* Overwrite in the middle, across a block boundary. */
	CHECK_ST(mlk_fs_seek(&f, 4090, MLK_SEEK_SET, &pos), MLK_OK);
	fill_pattern(big_a, 20, 0, 6);
	CHECK_ST(mlk_fs_write(&f, big_a, 20, &done), MLK_OK);
	CHECK_ST(mlk_fs_seek(&f, 4080, MLK_SEEK_SET, &pos), MLK_OK);
	CHECK_ST(mlk_fs_read(&f, big_b, 40, &got), MLK_OK);
	CHECK(got == 40 && check_pattern(big_b, 10, 4080, 5) < 0 &&
	      check_pattern(big_b + 10, 20, 0, 6) < 0 &&
	      check_pattern(big_b + 30, 10, 4110, 5) < 0);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
}

/* Seeking past the end and writing leaves a hole that reads as zeros;
 * truncating upwards too. */
TEST(data, holes)
{
	struct mlk_file f;
	struct mlk_stat st;
	uint64_t pos;
	size_t got, done;

	CHECK_ST(mlk_fs_open("tmp:///holes",
			     MLK_O_READ | MLK_O_WRITE | MLK_O_CREATE, &f),
		 MLK_OK);
	CHECK_ST(mlk_fs_write(&f, "head", 4, &done), MLK_OK);
	CHECK_ST(mlk_fs_seek(&f, 3 * 4096 + 100, MLK_SEEK_SET, &pos), MLK_OK);
	CHECK_ST(mlk_fs_write(&f, "tail", 4, &done), MLK_OK);
	CHECK_ST(mlk_fs_fstat(&f, &st), MLK_OK);
	CHECK(st.size == 3 * 4096 + 104);
	CHECK_ST(mlk_fs_seek(&f, 0, MLK_SEEK_SET, &pos), MLK_OK);
	CHECK_ST(mlk_fs_read(&f, big_b, BIG, &got), MLK_OK);
	CHECK(got == 3 * 4096 + 104 && !memcmp(big_b, "head", 4) &&
	      !memcmp(big_b + got - 4, "tail", 4));
	bool zeros = true;
	for (size_t i = 4; i < got - 4; i++)
		zeros &= big_b[i] == 0;
	CHECK(zeros);
	/* Down into the middle of a block, then up again: zeros past the
	 * cut, not the old bytes. */
	CHECK_ST(mlk_fs_truncate(&f, 2), MLK_OK);
	CHECK_ST(mlk_fs_truncate(&f, 9000), MLK_OK);
	CHECK_ST(mlk_fs_seek(&f, 0, MLK_SEEK_SET, &pos), MLK_OK);
	CHECK_ST(mlk_fs_read(&f, big_b, BIG, &got), MLK_OK);
	CHECK(got == 9000 && big_b[0] == 'h' && big_b[1] == 'e');
	zeros = true;
	for (size_t i = 2; i < got; i++)
		zeros &= big_b[i] == 0;
	CHECK(zeros);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///holes"), MLK_OK);
}

TEST(data, append_truncate)
{
	struct mlk_file f;
	struct mlk_stat st;
	uint64_t pos;
	size_t got, done;

	CHECK_ST(write_file("tmp:///log", 10, 7), MLK_OK);
	CHECK_ST(mlk_fs_open("tmp:///log",
			     MLK_O_READ | MLK_O_WRITE | MLK_O_APPEND, &f),
		 MLK_OK);
	CHECK_ST(mlk_fs_seek(&f, 0, MLK_SEEK_SET, &pos), MLK_OK);
	CHECK_ST(mlk_fs_write(&f, "++", 2, &done), MLK_OK);
	CHECK_ST(mlk_fs_seek(&f, 0, MLK_SEEK_CUR, &pos), MLK_OK);
	CHECK(pos == 12);
	CHECK_ST(mlk_fs_seek(&f, 0, MLK_SEEK_SET, &pos), MLK_OK);
	CHECK_ST(mlk_fs_read(&f, big_b, 100, &got), MLK_OK);
	CHECK(got == 12 && check_pattern(big_b, 10, 0, 7) < 0 &&
	      !memcmp(big_b + 10, "++", 2));
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
	/* MLK_O_TRUNCATE empties it. */
	CHECK_ST(mlk_fs_open("tmp:///log", MLK_O_WRITE | MLK_O_TRUNCATE, &f),
		 MLK_OK);
	CHECK_ST(mlk_fs_fstat(&f, &st), MLK_OK);
	CHECK(st.size == 0);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///log"), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///large"), MLK_OK);
}
