/*
 * What the fstest groups share: test patterns, whole files, raw
 * messages.
 */
#include <string.h>

#include <mlk/names.h>
#include <mlk/runtime.h>

#include "fstest.h"

uint8_t big_a[BIG], big_b[BIG];

uint8_t pattern(uint64_t i, unsigned seed)
{
	return (uint8_t)(i * 7 + i / 251 + seed * 13);
}

void fill_pattern(void *buf, size_t len, uint64_t from, unsigned seed)
{
	uint8_t *p = buf;

	for (size_t i = 0; i < len; i++)
		p[i] = pattern(from + i, seed);
}

long check_pattern(const void *buf, size_t len, uint64_t from, unsigned seed)
{
	const uint8_t *p = buf;

	for (size_t i = 0; i < len; i++)
		if (p[i] != pattern(from + i, seed))
			return (long)i;
	return -1;
}

mlk_status_t write_file(const char *uri, size_t len, unsigned seed)
{
	struct mlk_file f;
	size_t done;
	mlk_status_t st = mlk_fs_open(
		uri, MLK_O_WRITE | MLK_O_CREATE | MLK_O_TRUNCATE, &f);

	if (st != MLK_OK)
		return st;
	fill_pattern(big_a, len, 0, seed);
	st = mlk_fs_write(&f, big_a, len, &done);
	mlk_fs_close(&f);
	return st;
}

mlk_status_t read_file(const char *uri, void *buf, size_t max, size_t *len)
{
	struct mlk_file f;
	mlk_status_t st = mlk_fs_open(uri, MLK_O_READ, &f);

	*len = 0;
	if (st != MLK_OK)
		return st;
	st = mlk_fs_read(&f, buf, max, len);
	mlk_fs_close(&f);
	return st;
}

mlk_status_t raw_call(mlk_handle_t h, struct mlk_msg *m)
{
	mlk_status_t st = mlk_msg_call(h, m, 0);

	return st != MLK_OK ? st : (mlk_status_t)m->label;
}

mlk_status_t raw_vfs(uint32_t label, uint64_t w0, const char *uri, size_t len,
		     struct mlk_msg *reply)
{
	mlk_handle_t vfs;
	mlk_status_t st = mlk_names_lookup(MLK_VFS_NAME,
					   mlk_deadline_in(1000000000), &vfs);

	if (st != MLK_OK)
		return st;
	memset(reply, 0, sizeof(*reply));
	reply->label = label;
	reply->w[0] = w0;
	reply->w[1] = len;
	memcpy(&reply->w[2], uri, strnlen(uri, 62 * 8));
	reply->nwords = 2 + (unsigned)((len + 7) / 8);
	if (reply->nwords > MLK_MSG_MAX_WORDS)
		reply->nwords = MLK_MSG_MAX_WORDS;
	st = raw_call(vfs, reply);
	mlk_handle_close(vfs);
	return st;
}

mlk_status_t wait_for(const char *uri, uint64_t timeout_ns)
{
	uint64_t end = mlk_clock_now() + timeout_ns;
	struct mlk_stat st;
	mlk_status_t s;

	while ((s = mlk_fs_stat(uri, &st)) != MLK_OK && mlk_clock_now() < end)
		mlk_sleep(mlk_deadline_in(20 * 1000000));
	return s;
}
