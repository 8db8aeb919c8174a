/*
 * The shell: a line-editing command interpreter on the console (see
 * README.md in this folder).  This header is what the shell's files share.
 */
#ifndef MLK_SHELL_H
#define MLK_SHELL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mlk/fs.h>
#include <mlk/init.h>
#include <mlk/syscall.h>

#define SHELL_PROMPT "mlk> "
#define SHELL_LINE_MAX 200 /* bytes of a command line */
#define SHELL_MAX_ARGS 32  /* words of a command line */
#define SHELL_HISTORY 16   /* lines the history ring keeps */

/* ---- term.c: the console, as the shell uses it --------------------------- */

/* Send the shell's output (stdout and stderr) to the console. */
void term_init(void);
/* The next byte typed, waiting for it (and for the console, while it
 * restarts); output is flushed first.  While editing, TERM_REDRAW instead
 * when another program's output erased the line (the console's
 * MLK_CONSOLE_REDRAW): the editor then draws it again. */
#define TERM_REDRAW 256
int term_getc(void);
/* Editing a line (true) or not: the prompt and the line's echo are the
 * line editor's output, which the console keeps apart from others'. */
void term_edit(bool on);
/* Whether Ctrl-C was typed, without waiting; other bytes typed meanwhile
 * are kept for term_getc. */
bool term_interrupted(void);
/* Write bytes as they are (escape sequences included) and send them. */
void term_write(const char *buf, size_t len);
void term_puts(const char *s);
void term_flush(void);

/* ---- history.c: the lines entered before --------------------------------- */

struct history {
	char lines[SHELL_HISTORY][SHELL_LINE_MAX + 1];
	unsigned count; /* lines held, at most SHELL_HISTORY */
	unsigned next;	/* the slot the next line goes to */
};

void history_add(struct history *h, const char *line);
/* The line `back` entries ago (1: the last one), or NULL. */
const char *history_get(const struct history *h, unsigned back);

/* ---- line.c: the line editor --------------------------------------------- */

enum line_escape { ESC_NONE, ESC_START, ESC_CSI, ESC_SS3 };

struct line_editor {
	char buf[SHELL_LINE_MAX + 1];
	size_t len, cursor;
	bool too_long; /* bytes were refused: the line is full */
	bool not_text; /* bytes that are not text were typed */
	bool after_cr; /* the last byte was CR: a LF after it is no line */
	enum line_escape esc;
	char csi[8]; /* parameter bytes of an escape sequence */
	size_t csi_len;
	struct history *history;
	unsigned browsing;		/* 0, or how far back in history */
	char draft[SHELL_LINE_MAX + 1]; /* the line before browsing began */
};

enum line_status {
	LINE_MORE,   /* the line goes on */
	LINE_DONE,   /* Enter: the line is in buf */
	LINE_CANCEL, /* Ctrl-C: the line is dropped */
};

void line_start(struct line_editor *ed, struct history *h);
enum line_status line_feed(struct line_editor *ed, unsigned char c);
/* Draw the prompt and the line again, the cursor where it was (after
 * another program's output erased them). */
void line_redraw(const struct line_editor *ed, const char *prompt);

/* ---- parse.c: words and redirection -------------------------------------- */

struct command_line {
	int argc;
	char *argv[SHELL_MAX_ARGS + 1];
	char *redirect; /* the file after > or >>, or NULL */
	bool append;	/* >> */
	char store[2 * SHELL_LINE_MAX + 2]; /* the words, NUL-terminated */
};

/* Split a line into words; NULL, or what is wrong with it. */
const char *parse_line(const char *line, struct command_line *cl);

/* ---- path.c: what the file commands take --------------------------------- */

/* The URI an argument names: a URI as it is, a bare path on tmp://.
 * MLK_ERR_TOO_BIG if it does not fit out. */
mlk_status_t path_to_uri(const char *arg, char *out, size_t size);
/* path_to_uri for a command's argument into uri (MLK_PATH_MAX + 1
 * bytes); false, after an error line, if it is too long. */
bool path_arg(const char *cmd, const char *arg, char *uri);
/* cp and mv into a directory: if the URI `to` (MLK_PATH_MAX + 1 bytes)
 * names one, it becomes the URI of from's name in it. */
mlk_status_t path_into_dir(const char *from, char *to);
/* The last component of a URI or path ("c" of "tmp:///a/b/c/"). */
void path_base(const char *uri, char *out, size_t size);

/* ---- fileio.c: whole-file helpers ---------------------------------------- */

/* Write all len bytes; the status of the first failure. */
mlk_status_t file_write_all(struct mlk_file *f, const void *buf, size_t len);
/* Copy from an open file to the terminal or to another open file (out
 * NULL: the terminal) until the end. *failed_write tells which side
 * failed. */
mlk_status_t file_copy(struct mlk_file *in, struct mlk_file *out,
		       bool *failed_write);

/* ---- commands.c: the command table --------------------------------------- */

struct shell_command {
	const char *name;
	const char *usage;	/* "NAME ARGS": shown on a usage error */
	int min_args, max_args; /* words after the name; -1: no limit */
	bool redirect;		/* takes > and >> */
	int (*run)(int argc, char **argv, const struct command_line *cl);
};

/* Run one parsed line; its result (0: success). */
int command_run(struct command_line *cl);
extern const struct shell_command shell_commands[];
extern const size_t shell_ncommands;

/* One error line "cmd: what: reason". */
void shell_error(const char *cmd, const char *what, mlk_status_t st);

/* ---- the commands, by group --------------------------------------------- */

/*
 * Each takes its words as main does (argv[0] is the command's name; the
 * table has checked their number) and the parsed line for redirection;
 * it prints its own error lines and returns 0 on success.
 *
 * cmd_text.c: help, echo; cmd_files.c: cat, ls, stat, mkdir, rm;
 * cmd_copy.c: cp, mv; cmd_procs.c: ps, kill, run; cmd_system.c: mem,
 * uptime, sleep, poweroff; cmd_bench.c: bench; cmd_volumes.c: mount,
 * df, sync, hexdump; cmd_devices.c: devices, random; cmd_net.c:
 * ifconfig, ping, resolve, fetch, netstat.
 */
int cmd_help(int argc, char **argv, const struct command_line *cl);
int cmd_echo(int argc, char **argv, const struct command_line *cl);
int cmd_cat(int argc, char **argv, const struct command_line *cl);
int cmd_ls(int argc, char **argv, const struct command_line *cl);
int cmd_stat(int argc, char **argv, const struct command_line *cl);
int cmd_mkdir(int argc, char **argv, const struct command_line *cl);
int cmd_rm(int argc, char **argv, const struct command_line *cl);
int cmd_mv(int argc, char **argv, const struct command_line *cl);
int cmd_cp(int argc, char **argv, const struct command_line *cl);
int cmd_ps(int argc, char **argv, const struct command_line *cl);
int cmd_kill(int argc, char **argv, const struct command_line *cl);
int cmd_run(int argc, char **argv, const struct command_line *cl);
int cmd_mem(int argc, char **argv, const struct command_line *cl);
int cmd_uptime(int argc, char **argv, const struct command_line *cl);
int cmd_sleep(int argc, char **argv, const struct command_line *cl);
int cmd_poweroff(int argc, char **argv, const struct command_line *cl);
int cmd_bench(int argc, char **argv, const struct command_line *cl);
int cmd_mount(int argc, char **argv, const struct command_line *cl);
int cmd_df(int argc, char **argv, const struct command_line *cl);
int cmd_sync(int argc, char **argv, const struct command_line *cl);
int cmd_hexdump(int argc, char **argv, const struct command_line *cl);
int cmd_devices(int argc, char **argv, const struct command_line *cl);
int cmd_random(int argc, char **argv, const struct command_line *cl);
int cmd_ifconfig(int argc, char **argv, const struct command_line *cl);
int cmd_ping(int argc, char **argv, const struct command_line *cl);
int cmd_resolve(int argc, char **argv, const struct command_line *cl);
int cmd_fetch(int argc, char **argv, const struct command_line *cl);
int cmd_netstat(int argc, char **argv, const struct command_line *cl);

/* ---- sysinfo.c: the kernel's tables, through the system handle ----------- */

/* The system handle the manifest granted (MLK_HANDLE_NONE if none). */
mlk_handle_t shell_system(void);
/* An array of `what` records of `size` bytes (malloc'ed, free it), as
 * many as exist. */
mlk_status_t sysinfo_table(uint32_t what, size_t size, void **out,
			   size_t *count);
/* init's entry for `name`; MLK_ERR_NOT_FOUND if it has none. */
mlk_status_t init_find(const char *name, struct mlk_init_service *out);

/* ---- format.c: numbers for people ---------------------------------------- */

/* value / unit with three decimals ("12.345"): nanoseconds in ms, time
 * per operation. */
void format_fixed3(char *buf, size_t size, uint64_t value, uint64_t unit);
/* Parse "2", "0.5", "1.25" seconds into nanoseconds; false if malformed. */
bool parse_seconds(const char *s, uint64_t *ns);
/* A date in ns since 1970-01-01 UTC as "YYYY-MM-DD HH:MM:SS". */
void format_date(char *buf, size_t size, uint64_t ns);

#endif
