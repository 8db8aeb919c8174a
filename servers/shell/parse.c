/*
 * Splitting a command line into words.  Blanks separate words; double
 * quotes group blanks and > into a word, anywhere in it, and inside them
 * \" is a quote and \\ a backslash (as in mlk-mkimage's manifests).  An
 * unquoted > or >> sends the command's output to the file named by the
 * next word, which may follow without a blank ("echo hi >>log").
 */
#include <stdbool.h>
#include <string.h>

#include "shell.h"

struct parser {
	const char *p;	  /* the next byte of the line */
	char *out;	  /* the next byte of the store */
	bool want_target; /* the next word is the redirection's file */
};

/* One word into the store; false at the end of the line.  *err says what
 * is wrong, if anything. */
static bool next_word(struct parser *ps, const char **err)
{
	bool quoted = false, any = false;

	while (*ps->p == ' ')
		ps->p++;
	for (; *ps->p; ps->p++) {
		char c = *ps->p;
		if (!quoted && (c == ' ' || c == '>'))
			break;
		any = true;
		if (c == '"') {
			quoted = !quoted;
			continue;
		}
		if (quoted && c == '\\' &&
		    (ps->p[1] == '"' || ps->p[1] == '\\'))
			c = *++ps->p;
		*ps->out++ = c;
	}
	*ps->out++ = '\0';
	if (quoted)
		*err = "unterminated quote";
	return any;
}

static const char *redirection(struct parser *ps, struct command_line *cl)
{
	if (cl->redirect || ps->want_target)
		return "more than one >";
	cl->append = ps->p[1] == '>';
	ps->p += cl->append ? 2 : 1;
	ps->want_target = true;
	return NULL;
}

const char *parse_line(const char *line, struct command_line *cl)
{
	struct parser ps = { .p = line, .out = cl->store };
	const char *err = NULL;

	memset(cl->argv, 0, sizeof(cl->argv));
	cl->argc = 0;
	cl->redirect = NULL;
	cl->append = false;
	for (;;) {
		char *word = ps.out;
		if (next_word(&ps, &err)) {
			if (err)
				return err;
			if (ps.want_target) {
				cl->redirect = word;
				ps.want_target = false;
			} else if (cl->argc == SHELL_MAX_ARGS) {
				return "too many words";
			} else {
				cl->argv[cl->argc++] = word;
			}
		}
		if (*ps.p == '\0')
			break;
		if (*ps.p == '>' && (err = redirection(&ps, cl)))
			return err;
	}
	if (ps.want_target)
		return "> needs a file name";
	if (cl->redirect && cl->argc == 0)
		return "> needs a command";
	return NULL;
}
