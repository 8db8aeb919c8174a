/*
 * libFuzzer harness: the shell's line editor (servers/shell/line.c, with
 * the history ring of history.c), its word splitter (parse.c) and the
 * path rules of its file commands (path.c), on any bytes typed at the
 * console.
 *
 * The bytes go to line_feed one at a time, as term_getc hands them over;
 * a finished line is split, kept in the history (which the arrows browse
 * in the lines after it) and each word is turned into a URI.  After every
 * byte the editor's state must hold together: cursor within the line,
 * line within its buffer.  Each piece of output the editor writes is read
 * through, so a length past the line shows as a read outside it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

static volatile unsigned sink;

/* ---- what line.c and path.c call in the rest of the shell -------------- */

void term_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		sink += (unsigned char)buf[i];
}

void term_puts(const char *s)
{
	term_write(s, strlen(s));
}

void shell_error(const char *cmd, const char *what, mlk_status_t st)
{
	sink += (unsigned)strlen(cmd) + (unsigned)strlen(what) + (unsigned)st;
}

/* A URI whose last byte is '/' or that holds "dir" is a directory, so
 * that path_into_dir has something to join. */
mlk_status_t mlk_fs_stat(const char *uri, struct mlk_stat *st)
{
	size_t len = strlen(uri);

	memset(st, 0, sizeof(*st));
	if (len == 0)
		return MLK_ERR_BAD_NAME;
	st->type = strstr(uri, "dir") || uri[len - 1] == '/'
			   ? MLK_FILE_DIRECTORY
			   : MLK_FILE_REGULAR;
	return MLK_OK;
}

/* ---- the checks --------------------------------------------------------- */

static __attribute__((noreturn)) void broken(const char *what)
{
	fprintf(stderr, "fuzz_shell: %s\n", what);
	abort();
}

static void check_editor(const struct line_editor *ed)
{
	if (ed->len > SHELL_LINE_MAX || ed->cursor > ed->len)
		broken("cursor or length out of the line");
	if (ed->csi_len >= sizeof(ed->csi))
		broken("escape parameters out of their buffer");
}

static bool inside(const struct command_line *cl, const char *word)
{
	return word >= cl->store && word < cl->store + sizeof(cl->store) &&
	       strnlen(word, (size_t)(cl->store + sizeof(cl->store) - word)) <
		       (size_t)(cl->store + sizeof(cl->store) - word);
}

static void use_word(const char *word)
{
	char uri[MLK_PATH_MAX + 1], to[MLK_PATH_MAX + 1],
		base[MLK_FS_NAME_SIZE];

	if (path_to_uri(word, uri, sizeof(uri)) != MLK_OK)
		return;
	if (strlen(uri) > MLK_PATH_MAX)
		broken("path_to_uri made a URI longer than MLK_PATH_MAX");
	path_base(uri, base, sizeof(base));
	memcpy(to, uri, sizeof(to));
	if (path_into_dir(word, to) == MLK_OK && strlen(to) > MLK_PATH_MAX)
		broken("path_into_dir made a URI longer than MLK_PATH_MAX");
	sink += path_arg("fuzz", word, uri);
}

static void run_line(const char *line)
{
	struct command_line cl;
	const char *err = parse_line(line, &cl);

	if (err) {
		sink += (unsigned)strlen(err);
		return;
	}
	if (cl.argc < 0 || cl.argc > SHELL_MAX_ARGS || cl.argv[cl.argc])
		broken("argv not NULL-terminated within SHELL_MAX_ARGS");
	for (int i = 0; i < cl.argc; i++) {
		if (!inside(&cl, cl.argv[i]))
			broken("a word outside the parser's store");
		use_word(cl.argv[i]);
	}
	if (cl.redirect && !inside(&cl, cl.redirect))
		broken("the redirection target outside the parser's store");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* line.c moves the cursor with printf: not worth seeing. */
	if (!freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct history history;
	static struct line_editor ed;

	memset(&history, 0, sizeof(history));
	memset(&ed, 0, sizeof(ed));
	line_start(&ed, &history);
	for (size_t i = 0; i < size; i++) {
		enum line_status st = line_feed(&ed, data[i]);

		check_editor(&ed);
		if (st == LINE_MORE)
			continue;
		if (st == LINE_DONE) {
			if (strlen(ed.buf) != ed.len)
				broken("a finished line of the wrong length");
			history_add(&history, ed.buf);
			run_line(ed.buf);
		}
		line_start(&ed, &history);
	}
	return 0;
}
