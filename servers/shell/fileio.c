/*
 * Whole-file helpers of the file commands: write everything, copy to the
 * end.  The data itself moves through the file's shared buffer (see
 * mlk/fs.h); these only loop.
 */
#include "shell.h"

#define CHUNK 8192

mlk_status_t file_write_all(struct mlk_file *f, const void *buf, size_t len)
{
	size_t done = 0;
	mlk_status_t st = mlk_fs_write(f, buf, len, &done);

	/* mlk_fs_write writes all or fails; a short count without a status
	 * would be a broken file system. */
	if (st == MLK_OK && done != len)
		st = MLK_ERR_FAILED;
	return st;
}

mlk_status_t file_copy(struct mlk_file *in, struct mlk_file *out,
		       bool *failed_write)
{
	static char buf[CHUNK];
	size_t got;
	mlk_status_t st;

	*failed_write = false;
	do {
		/* A read that fails still hands over what came before the
		 * failure: it goes on before the error is told. */
		st = mlk_fs_read(in, buf, sizeof(buf), &got);
		if (got && !out) {
			term_write(buf, got);
		} else if (got) {
			mlk_status_t wst = file_write_all(out, buf, got);
			if (wst != MLK_OK) {
				*failed_write = true;
				return wst;
			}
		}
	} while (st == MLK_OK && got);
	return st;
}
