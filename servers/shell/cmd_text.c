/*
 * Commands that print text: help and echo (which may also write it to a
 * file).
 */
#include <stdio.h>
#include <string.h>

#include "shell.h"

#define HELP_URI "initfs:///etc/help.txt"

/* What help says when the image carries no help.txt. */
static void builtin_help(void)
{
	printf("commands:\n");
	for (size_t i = 0; i < shell_ncommands; i++)
		printf("  %s\n", shell_commands[i].usage);
	printf("paths: URIs such as initfs:///etc/motd; a bare path such as "
	       "notes.txt means tmp:///notes.txt\n");
	printf("keys: arrows, Backspace, Ctrl-U (delete to the start), Ctrl-C "
	       "(drop the line or stop a command)\n");
}

int cmd_help(int argc, char **argv, const struct command_line *cl)
{
	struct mlk_file f;
	bool failed_write;

	if (mlk_fs_open(HELP_URI, MLK_O_READ, &f) != MLK_OK) {
		builtin_help();
		return 0;
	}
	mlk_status_t st = file_copy(&f, NULL, &failed_write);
	mlk_fs_close(&f);
	if (st != MLK_OK) {
		shell_error("help", HELP_URI, st);
		return 1;
	}
	return 0;
}

/* The words joined by blanks, and a newline unless -n. */
static size_t echo_text(int argc, char **argv, char *out, size_t size)
{
	bool newline = true;
	size_t len = 0;
	int i = 1;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newline = false;
		i++;
	}
	for (int first = i; i < argc; i++)
		len += snprintf(out + len, size - len, "%s%s",
				i > first ? " " : "", argv[i]);
	if (newline)
		len += snprintf(out + len, size - len, "\n");
	return len;
}

static int echo_to_file(const struct command_line *cl, const char *text,
			size_t len)
{
	unsigned flags = MLK_O_WRITE | MLK_O_CREATE |
			 (cl->append ? MLK_O_APPEND : MLK_O_TRUNCATE);
	char uri[MLK_PATH_MAX + 1];
	struct mlk_file f;
	mlk_status_t st;

	if (!path_arg("echo", cl->redirect, uri))
		return 1;
	st = mlk_fs_open(uri, flags, &f);
	if (st == MLK_OK) {
		st = file_write_all(&f, text, len);
		mlk_status_t closed = mlk_fs_close(&f);
		if (st == MLK_OK)
			st = closed;
	}
	if (st != MLK_OK) {
		shell_error("echo", uri, st);
		return 1;
	}
	return 0;
}

int cmd_echo(int argc, char **argv, const struct command_line *cl)
{
	/* The words come from one line: they fit one line's bytes. */
	char text[SHELL_LINE_MAX + 2];
	size_t len = echo_text(argc, argv, text, sizeof(text));

	if (cl->redirect)
		return echo_to_file(cl, text, len);
	term_write(text, len);
	return 0;
}
