/*
 * Commands that look at and change the file name space: cat, ls, stat,
 * mkdir, rm.  Each takes several paths and goes on after one fails; the
 * result says whether any did.
 */
#include <stdio.h>
#include <string.h>

#include "shell.h"

#define MAX_SCHEMES 16

int cmd_cat(int argc, char **argv, const struct command_line *cl)
{
	char uri[MLK_PATH_MAX + 1];
	int result = 0;

	for (int i = 1; i < argc; i++) {
		struct mlk_file f;
		bool failed_write;
		mlk_status_t st;

		if (!path_arg("cat", argv[i], uri)) {
			result = 1;
			continue;
		}
		st = mlk_fs_open(uri, MLK_O_READ, &f);
		if (st == MLK_OK) {
			st = file_copy(&f, NULL, &failed_write);
			mlk_fs_close(&f);
		}
		if (st != MLK_OK) {
			shell_error("cat", uri, st);
			result = 1;
		}
	}
	return result;
}

static const char *type_name(uint32_t type)
{
	return type == MLK_FILE_DIRECTORY ? "directory" : "regular file";
}

/* A directory's size counts entries, a file's bytes. */
static const char *size_unit(uint32_t type, uint64_t size)
{
	if (type == MLK_FILE_DIRECTORY)
		return size == 1 ? "entry" : "entries";
	return size == 1 ? "byte" : "bytes";
}

static void show_entry(uint32_t type, uint64_t size, const char *name)
{
	if (type == MLK_FILE_DIRECTORY)
		printf("%10s  %s/\n", "<dir>", name);
	else
		printf("%10lu  %s\n", (unsigned long)size, name);
}

/* ls without an argument: the top of the name space, the schemes. */
static int list_schemes(void)
{
	char names[MAX_SCHEMES][MLK_SCHEME_SIZE];
	unsigned count = 0;
	mlk_status_t st = mlk_fs_schemes(names, MAX_SCHEMES, &count);

	if (st != MLK_OK) {
		shell_error("ls", "schemes", st);
		return 1;
	}
	for (unsigned i = 0; i < count && i < MAX_SCHEMES; i++)
		printf("%10s  %s://\n", "<scheme>", names[i]);
	return 0;
}

static mlk_status_t list_dir(const char *uri)
{
	struct mlk_file f;
	struct mlk_dirent d;
	struct mlk_stat st;
	mlk_status_t s = mlk_fs_open(uri, MLK_O_READ | MLK_O_DIRECTORY, &f);

	/* A file lists as itself, as POSIX ls does. */
	if (s == MLK_ERR_NOT_DIR && mlk_fs_stat(uri, &st) == MLK_OK &&
	    st.type != MLK_FILE_DIRECTORY) {
		show_entry(st.type, st.size, uri);
		return MLK_OK;
	}
	if (s != MLK_OK)
		return s;
	for (uint64_t i = 0; (s = mlk_fs_readdir(&f, i, &d)) == MLK_OK; i++)
		show_entry(d.type, d.size, d.name);
	mlk_fs_close(&f);
	return s == MLK_ERR_NOT_FOUND ? MLK_OK : s;
}

int cmd_ls(int argc, char **argv, const struct command_line *cl)
{
	char uri[MLK_PATH_MAX + 1];
	int result = 0;

	if (argc == 1)
		return list_schemes();
	for (int i = 1; i < argc; i++) {
		if (!path_arg("ls", argv[i], uri)) {
			result = 1;
			continue;
		}
		if (argc > 2)
			printf("%s%s:\n", i > 1 ? "\n" : "", uri);
		mlk_status_t st = list_dir(uri);
		if (st != MLK_OK) {
			shell_error("ls", uri, st);
			result = 1;
		}
	}
	return result;
}

/* ", modified 2026-12-06 10:00:00 UTC"; nothing for a date not known. */
static void show_date(const char *what, uint64_t ns)
{
	char date[32];

	if (!ns)
		return;
	format_date(date, sizeof(date), ns);
	printf("%s %s UTC", what, date);
}

int cmd_stat(int argc, char **argv, const struct command_line *cl)
{
	char uri[MLK_PATH_MAX + 1];
	int result = 0;

	for (int i = 1; i < argc; i++) {
		struct mlk_stat st;
		mlk_status_t s;

		if (!path_arg("stat", argv[i], uri)) {
			result = 1;
			continue;
		}
		s = mlk_fs_stat(uri, &st);
		if (s != MLK_OK) {
			shell_error("stat", uri, s);
			result = 1;
			continue;
		}
		printf("%s: %s, %lu %s%s", uri, type_name(st.type),
		       (unsigned long)st.size, size_unit(st.type, st.size),
		       st.flags & MLK_STAT_READ_ONLY ? ", read-only" : "");
		show_date(", modified", st.modified);
		printf("\n");
	}
	return result;
}

/* mkdir and rm: one call per path. */
static int each_path(const char *cmd, int argc, char **argv,
		     mlk_status_t (*op)(const char *uri))
{
	char uri[MLK_PATH_MAX + 1];
	int result = 0;

	for (int i = 1; i < argc; i++) {
		if (!path_arg(cmd, argv[i], uri)) {
			result = 1;
			continue;
		}
		mlk_status_t st = op(uri);
		if (st != MLK_OK) {
			shell_error(cmd, uri, st);
			result = 1;
		}
	}
	return result;
}

int cmd_mkdir(int argc, char **argv, const struct command_line *cl)
{
	return each_path("mkdir", argc, argv, mlk_fs_mkdir);
}

int cmd_rm(int argc, char **argv, const struct command_line *cl)
{
	return each_path("rm", argc, argv, mlk_fs_unlink);
}
