/*
 * /etc/net.conf, a static configuration among the image's files
 * (initfs:///etc/net.conf, packed by a manifest line `file etc/net.conf
 * PATH`): one setting a line, read as the arguments are (config.c).
 * initfs starts beside this service, so the file is looked for only once
 * the vfs is there (a names lookup with a deadline) and initfs is
 * mounted in it (its scheme listed), both within CONF_WAIT_NS: "not
 * found" then means the image has no such file, never that initfs was
 * late.
 */
#include <mlk/fs.h>
#include <mlk/names.h>
#include <mlk/runtime.h>

#include <stdio.h>
#include <string.h>

#include "service.h"

#define CONF_MAX 1024 /* bytes of the file */
#define CONF_WAIT_NS (5 * NS_PER_S)
#define SCHEMES_MAX 16
#define RETRY_NS (10 * 1000000ull)

static bool initfs_mounted(void)
{
	char names[SCHEMES_MAX][MLK_SCHEME_SIZE];
	unsigned count = 0;

	if (mlk_fs_schemes(names, SCHEMES_MAX, &count) != MLK_OK)
		return false;
	for (unsigned i = 0; i < count && i < SCHEMES_MAX; i++)
		if (!strcmp(names[i], "initfs"))
			return true;
	return false;
}

static bool wait_for_initfs(uint64_t deadline)
{
	mlk_handle_t vfs;

	if (mlk_names_lookup(MLK_VFS_NAME, deadline, &vfs) != MLK_OK)
		return false;
	mlk_handle_close(vfs);
	while (!initfs_mounted()) {
		if (mlk_clock_now() >= deadline)
			return false;
		mlk_sleep(mlk_deadline_in(RETRY_NS));
	}
	return true;
}

/* The file's bytes, NUL-terminated, in text: its length, or -1 when
 * there is none to read (said why, unless it is simply not there). */
static long read_text(char *text)
{
	struct mlk_file f;
	size_t got = 0;
	mlk_status_t st;

	if (!wait_for_initfs(mlk_deadline_in(CONF_WAIT_NS))) {
		printf("net: no initfs:// after %llu s: %s not read\n",
		       CONF_WAIT_NS / NS_PER_S, NET_CONF_URI);
		return -1;
	}
	st = mlk_fs_open(NET_CONF_URI, MLK_O_READ, &f);
	if (st == MLK_ERR_NOT_FOUND)
		return -1;
	if (st == MLK_OK) {
		st = mlk_fs_read(&f, text, CONF_MAX + 1, &got);
		mlk_fs_close(&f);
	}
	if (st == MLK_OK && got > CONF_MAX)
		st = MLK_ERR_TOO_BIG;
	if (st != MLK_OK) {
		printf("net: %s: %s (at most %u bytes)\n", NET_CONF_URI,
		       mlk_status_str(st), CONF_MAX);
		return -1;
	}
	text[got] = '\0';
	return (long)got;
}

/* One line, its blanks around cut off, into *c. */
static void setting(char *line, unsigned number, struct net_config *c)
{
	size_t n = strlen(line);

	while (n && strchr(" \t\r", line[n - 1]))
		line[--n] = '\0';
	while (*line == ' ' || *line == '\t')
		line++;
	if (config_parse(line, c) == MLK_ERR_BAD_FORMAT)
		printf("net: %s: line %u: ignored \"%s\"\n", NET_CONF_URI,
		       number, line);
}

bool conf_file_read(struct net_config *c)
{
	static char text[CONF_MAX + 1];
	unsigned number = 1;

	if (read_text(text) < 0)
		return false;
	for (char *line = text; line; number++) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		setting(line, number, c);
		line = nl ? nl + 1 : NULL;
	}
	return c->addr != 0;
}
