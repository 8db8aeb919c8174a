/*
 * cp and mv: one file to another name, or into a directory under its own
 * name, as POSIX cp and mv do.  mv renames within one file system; between
 * schemes it copies, then removes the source (or, if that fails, the
 * copy).
 */
#include <stdio.h>
#include <string.h>

#include "shell.h"

/* The source and target URIs; false after an error line. */
static bool two_uris(const char *cmd, char **argv, char *from, char *to)
{
	mlk_status_t st;

	if (!path_arg(cmd, argv[1], from) || !path_arg(cmd, argv[2], to))
		return false;
	st = path_into_dir(from, to);
	if (st != MLK_OK) {
		shell_error(cmd, argv[2], st);
		return false;
	}
	if (!strcmp(from, to)) {
		printf("%s: %s: source and target are the same file\n", cmd,
		       from);
		return false;
	}
	return true;
}

static mlk_status_t copy_file(const char *from, const char *to,
			      const char **where)
{
	struct mlk_file in, out;
	bool failed_write = false;
	mlk_status_t st, closed;

	*where = from;
	st = mlk_fs_open(from, MLK_O_READ, &in);
	if (st != MLK_OK)
		return st;
	st = mlk_fs_open(to, MLK_O_WRITE | MLK_O_CREATE | MLK_O_TRUNCATE, &out);
	if (st != MLK_OK) {
		*where = to;
	} else {
		st = file_copy(&in, &out, &failed_write);
		closed = mlk_fs_close(&out);
		if (failed_write || (st == MLK_OK && closed != MLK_OK))
			*where = to;
		if (st == MLK_OK)
			st = closed;
	}
	mlk_fs_close(&in);
	return st;
}

int cmd_cp(int argc, char **argv, const struct command_line *cl)
{
	char from[MLK_PATH_MAX + 1], to[MLK_PATH_MAX + 1];
	const char *where;

	if (!two_uris("cp", argv, from, to))
		return 1;
	mlk_status_t st = copy_file(from, to, &where);
	if (st != MLK_OK) {
		shell_error("cp", where, st);
		return 1;
	}
	return 0;
}

static bool same_scheme(const char *a, const char *b)
{
	size_t n = strcspn(a, ":");

	return n == strcspn(b, ":") && !strncmp(a, b, n);
}

int cmd_mv(int argc, char **argv, const struct command_line *cl)
{
	char from[MLK_PATH_MAX + 1], to[MLK_PATH_MAX + 1];
	const char *where = from;
	mlk_status_t st;

	if (!two_uris("mv", argv, from, to))
		return 1;
	if (same_scheme(from, to))
		st = mlk_fs_rename(from, to);
	else if ((st = copy_file(from, to, &where)) == MLK_OK &&
		 (st = mlk_fs_unlink(from)) != MLK_OK)
		mlk_fs_unlink(to); /* the source stays: so does nothing else */
	if (st != MLK_OK) {
		shell_error("mv", where, st);
		return 1;
	}
	return 0;
}
