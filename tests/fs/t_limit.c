/*
 * The size limit of tmp:// (the image runs ramfs with --max-bytes=1M): a
 * write that meets it writes what fits and says MLK_ERR_NO_SPACE; what
 * was written before is all there; removing files makes room again.
 */
#include <stdio.h>

#include "fstest.h"

#define LIMIT (1u << 20)

/* Write the pattern until the file system is full; the bytes written. */
static size_t fill(struct mlk_file *f)
{
	size_t total = 0, done;
	mlk_status_t st = MLK_OK;

	while (st == MLK_OK && total < 4 * LIMIT) {
		fill_pattern(big_a, BIG, total, 10);
		st = mlk_fs_write(f, big_a, BIG, &done);
		total += done;
	}
	CHECK_ST(st, MLK_ERR_NO_SPACE);
	return total;
}

/* The whole file is the pattern, to the byte. */
static void check_filled(size_t total)
{
	struct mlk_file f;
	size_t at = 0, got;

	CHECK_ST(mlk_fs_open("tmp:///fill", MLK_O_READ, &f), MLK_OK);
	while (CHECK_ST(mlk_fs_read(&f, big_b, BIG, &got), MLK_OK) && got) {
		if (!CHECK(check_pattern(big_b, got, at, 10) < 0))
			break;
		at += got;
	}
	CHECK(at == total);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
}

/* Directories until even a node does not fit; how many were made. */
static unsigned fill_nodes(void)
{
	char uri[32];
	unsigned n;

	for (n = 0; n < 64; n++) {
		snprintf(uri, sizeof(uri), "tmp:///m%u", n);
		if (mlk_fs_mkdir(uri) != MLK_OK)
			break;
	}
	CHECK(n < 64);
	CHECK_ST(mlk_fs_mkdir("tmp:///one-more"), MLK_ERR_NO_SPACE);
	CHECK_ST(write_file("tmp:///one-more", 1, 0), MLK_ERR_NO_SPACE);
	return n;
}

static void remove_nodes(unsigned n)
{
	char uri[32];

	for (unsigned i = 0; i < n; i++) {
		snprintf(uri, sizeof(uri), "tmp:///m%u", i);
		CHECK_ST(mlk_fs_unlink(uri), MLK_OK);
	}
}

TEST(size_limit, no_space_nothing_lost)
{
	struct mlk_file f;
	struct mlk_stat st;
	size_t total, done, len;
	uint64_t pos;
	unsigned nodes;

	CHECK_ST(write_file("tmp:///keep", 3000, 9), MLK_OK);
	CHECK_ST(mlk_fs_open("tmp:///fill", MLK_O_WRITE | MLK_O_CREATE, &f),
		 MLK_OK);
	total = fill(&f);
	printf("fstest: the limit let %zu bytes in\n", total);
	CHECK(total > LIMIT - 64 * 1024 && total < LIMIT);
	CHECK(total % 4096 == 0);
	/* Full: nothing more goes, nothing is lost. */
	CHECK_ST(mlk_fs_write(&f, big_a, 100, &done), MLK_ERR_NO_SPACE);
	CHECK(done == 0);
	CHECK_ST(mlk_fs_fstat(&f, &st), MLK_OK);
	CHECK(st.size == total);
	CHECK_ST(mlk_fs_truncate(&f, 2 * LIMIT), MLK_ERR_NO_SPACE);
	CHECK_ST(mlk_fs_seek(&f, 2 * LIMIT, MLK_SEEK_SET, &pos), MLK_OK);
	CHECK_ST(mlk_fs_write(&f, big_a, 1, &done), MLK_ERR_NO_SPACE);
	CHECK_ST(mlk_fs_fstat(&f, &st), MLK_OK);
	CHECK(st.size == total);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
	nodes = fill_nodes();
	check_filled(total);
	CHECK_ST(read_file("tmp:///keep", big_b, BIG, &len), MLK_OK);
	CHECK(len == 3000 && check_pattern(big_b, len, 0, 9) < 0);
	/* Room again once files go. */
	remove_nodes(nodes);
	CHECK_ST(mlk_fs_unlink("tmp:///fill"), MLK_OK);
	CHECK_ST(write_file("tmp:///fill", BIG, 11), MLK_OK);
	CHECK_ST(read_file("tmp:///fill", big_b, BIG, &len), MLK_OK);
	CHECK(len == BIG && check_pattern(big_b, len, 0, 11) < 0);
	CHECK_ST(mlk_fs_unlink("tmp:///fill"), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///keep"), MLK_OK);
}
