/*
 * Commands about volumes and raw bytes: mount (the schemes and what
 * serves them), df (their size and free space), sync (write back what
 * they hold) and hexdump (a file's bytes).  As elsewhere, one that works
 * prints nothing it was not asked for; a failure is one line naming the
 * path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

#define MAX_SCHEMES 16
#define DUMP_WIDTH 16

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The schemes the vfs serves, by name (the vfs keeps them in the order
 * they came): their count, or -1 after an error line. */
static int list_schemes(const char *cmd, char names[][MLK_SCHEME_SIZE])
{
	unsigned count;
	mlk_status_t st = mlk_fs_schemes(names, MAX_SCHEMES, &count);

	if (st != MLK_OK) {
		shell_error(cmd, "vfs://", st);
		return -1;
	}
	if (count > MAX_SCHEMES)
		count = MAX_SCHEMES;
	qsort(names, count, MLK_SCHEME_SIZE, by_name);
	return (int)count;
}

/* "scheme:///", the root of a scheme's volume. */
static void volume_root(const char *scheme, char *uri, size_t size)
{
	snprintf(uri, size, "%s:///", scheme);
}

/* statfs of every volume, each shown by `show` (after `header`, if there
 * is a volume); a failure is one line and the others go on. */
static int each_volume(const char *cmd, const char *header,
		       void (*show)(const char *uri,
				    const struct mlk_statfs *fs))
{
	char names[MAX_SCHEMES][MLK_SCHEME_SIZE], uri[MLK_SCHEME_SIZE + 4];
	int n = list_schemes(cmd, names), result = n < 0;

	if (n > 0 && header)
		printf("%s\n", header);
	for (int i = 0; i < n; i++) {
		struct mlk_statfs fs;
		mlk_status_t st;

		volume_root(names[i], uri, sizeof(uri));
		st = mlk_fs_statfs(uri, &fs);
		if (st != MLK_OK) {
			shell_error(cmd, uri, st);
			result = 1;
			continue;
		}
		show(uri, &fs);
	}
	return result;
}

static void mount_line(const char *uri, const struct mlk_statfs *fs)
{
	printf("%-12s %-8s %s\n", uri, fs->type,
	       fs->flags & MLK_STAT_READ_ONLY ? "ro" : "rw");
}

int cmd_mount(int argc, char **argv, const struct command_line *cl)
{
	return each_volume("mount", NULL, mount_line);
}

/* Bytes as KiB, rounded up: a volume of 100 bytes is not "0K". */
static unsigned long kib(uint64_t bytes)
{
	return (unsigned long)((bytes + 1023) / 1024);
}

/* One line of df: free space rounded down (it may not all be usable in
 * whole KiB), used the rest, so that used and free add up to the size. */
static void df_line(const char *uri, const struct mlk_statfs *fs)
{
	unsigned long size = kib(fs->total), free = fs->free / 1024;

	printf("%-12s %9luK %9luK %9luK  %s\n", uri, size, size - free, free,
	       fs->type);
}

int cmd_df(int argc, char **argv, const struct command_line *cl)
{
	return each_volume(
		"df", "Volume             Size       Used       Free  Type",
		df_line);
}

/* Sync the volume uri is on: 0, or 1 after its error line. */
static int sync_one(const char *uri)
{
	mlk_status_t st = mlk_fs_sync(uri);

	if (st == MLK_OK)
		return 0;
	shell_error("sync", uri, st);
	return 1;
}

/* sync: every volume; sync PATH...: the volumes those are on. */
int cmd_sync(int argc, char **argv, const struct command_line *cl)
{
	char names[MAX_SCHEMES][MLK_SCHEME_SIZE], uri[MLK_PATH_MAX + 1];
	int result = 0, n;

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			result |= path_arg("sync", argv[i], uri) ? sync_one(uri)
								 : 1;
		return result;
	}
	n = list_schemes("sync", names);
	for (int i = 0; i < n; i++) {
		volume_root(names[i], uri, sizeof(uri));
		result |= sync_one(uri);
	}
	return n < 0 || result;
}

/* One line of hexdump -C: offset, 16 bytes in hex, the printable ones. */
static void dump_line(uint64_t offset, const unsigned char *b, size_t n)
{
	char line[80], *p = line;

	p += sprintf(p, "%08lx ", (unsigned long)offset);
	for (size_t i = 0; i < DUMP_WIDTH; i++) {
		if (i == DUMP_WIDTH / 2)
			*p++ = ' ';
		p += i < n ? sprintf(p, " %02x", b[i]) : sprintf(p, "   ");
	}
	p += sprintf(p, "  |");
	for (size_t i = 0; i < n; i++)
		*p++ = b[i] >= 0x20 && b[i] < 0x7f ? (char)b[i] : '.';
	sprintf(p, "|");
	printf("%s\n", line);
}

/* hexdump FILE: its bytes as `hexdump -C` shows them. */
static mlk_status_t dump(struct mlk_file *f)
{
	static unsigned char buf[4096];
	uint64_t offset = 0;
	size_t got;
	mlk_status_t st;

	do {
		st = mlk_fs_read(f, buf, sizeof(buf), &got);
		for (size_t i = 0; i < got; i += DUMP_WIDTH)
			dump_line(offset + i, buf + i,
				  got - i < DUMP_WIDTH ? got - i : DUMP_WIDTH);
		offset += got;
	} while (st == MLK_OK && got);
	printf("%08lx\n", (unsigned long)offset);
	return st;
}

int cmd_hexdump(int argc, char **argv, const struct command_line *cl)
{
	char uri[MLK_PATH_MAX + 1];
	struct mlk_file f;
	mlk_status_t st;

	if (!path_arg("hexdump", argv[1], uri))
		return 1;
	st = mlk_fs_open(uri, MLK_O_READ, &f);
	if (st == MLK_OK) {
		st = dump(&f);
		mlk_fs_close(&f);
	}
	if (st != MLK_OK) {
		shell_error("hexdump", uri, st);
		return 1;
	}
	return 0;
}
