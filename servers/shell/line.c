/*
 * The line editor, fed one byte at a time.  It keeps the line and echoes
 * each change with the VT100 sequences every terminal emulator knows
 * (cursor left and right, erase to the end of the line), assuming the
 * line fits the terminal's width.
 *
 * Keys: printable ASCII is inserted at the cursor; Backspace (DEL 0x7f or
 * BS 0x08) deletes before it and Delete (ESC [ 3 ~) under it; the arrows
 * (ESC [ A..D, or ESC O A..D in application mode) move and browse the
 * history; Home and End (ESC [ H / F, ESC [ 1 ~ / 4 ~, Ctrl-A / Ctrl-E);
 * Ctrl-U deletes from the start of the line to the cursor; Ctrl-C drops
 * the line; CR or LF ends it (CR LF counts once).
 *
 * What cannot go into the line is refused as it comes but remembered, so
 * that Enter reports it in one line instead of running something else
 * than what was typed: a byte beyond SHELL_LINE_MAX (too_long), a byte
 * that is not text (not_text): other control bytes, bytes from 0x80 on,
 * an escape that starts no known sequence.  Other complete escape
 * sequences (function keys) are keys the shell has no use for and are
 * ignored.  Ctrl-U that empties the line, Ctrl-C, and replacing the line
 * from the history start afresh.
 */
#include <stdio.h>
#include <string.h>

#include "shell.h"

#define CTRL(c) ((c)&0x1f)
#define ESC 0x1b
#define DEL 0x7f

static void cursor_left(size_t n)
{
	if (n)
		printf("\x1b[%zuD", n);
}

static void cursor_right(size_t n)
{
	if (n)
		printf("\x1b[%zuC", n);
}

/* Redraw from the cursor to the end, erase what was beyond, and put the
 * cursor back. */
static void show_tail(const struct line_editor *ed)
{
	term_write(ed->buf + ed->cursor, ed->len - ed->cursor);
	term_puts("\x1b[K");
	cursor_left(ed->len - ed->cursor);
}

static void set_line(struct line_editor *ed, const char *text)
{
	cursor_left(ed->cursor);
	ed->len = strlcpy(ed->buf, text, sizeof(ed->buf));
	ed->cursor = ed->len;
	term_write(ed->buf, ed->len);
	term_puts("\x1b[K");
	ed->too_long = ed->not_text = false;
}

static void insert(struct line_editor *ed, char c)
{
	if (ed->len == SHELL_LINE_MAX) {
		ed->too_long = true;
		return;
	}
	memmove(ed->buf + ed->cursor + 1, ed->buf + ed->cursor,
		ed->len - ed->cursor);
	ed->buf[ed->cursor] = c;
	ed->len++;
	term_write(ed->buf + ed->cursor, ed->len - ed->cursor);
	ed->cursor++;
	cursor_left(ed->len - ed->cursor);
}

static void delete_at(struct line_editor *ed, size_t at)
{
	memmove(ed->buf + at, ed->buf + at + 1, ed->len - at - 1);
	ed->len--;
}

static void backspace(struct line_editor *ed)
{
	if (ed->cursor == 0)
		return;
	delete_at(ed, --ed->cursor);
	term_puts("\b");
	show_tail(ed);
}

static void delete_under(struct line_editor *ed)
{
	if (ed->cursor == ed->len)
		return;
	delete_at(ed, ed->cursor);
	show_tail(ed);
}

static void kill_to_start(struct line_editor *ed)
{
	memmove(ed->buf, ed->buf + ed->cursor, ed->len - ed->cursor);
	ed->len -= ed->cursor;
	cursor_left(ed->cursor);
	ed->cursor = 0;
	show_tail(ed);
	if (ed->len == 0)
		ed->too_long = ed->not_text = false;
}

static void move_to(struct line_editor *ed, size_t pos)
{
	if (pos < ed->cursor)
		cursor_left(ed->cursor - pos);
	else
		cursor_right(pos - ed->cursor);
	ed->cursor = pos;
}

static void history_up(struct line_editor *ed)
{
	const char *line = history_get(ed->history, ed->browsing + 1);

	if (!line)
		return;
	if (ed->browsing == 0) {
		ed->buf[ed->len] = '\0';
		strlcpy(ed->draft, ed->buf, sizeof(ed->draft));
	}
	ed->browsing++;
	set_line(ed, line);
}

static void history_down(struct line_editor *ed)
{
	if (ed->browsing == 0)
		return;
	ed->browsing--;
	set_line(ed, ed->browsing ? history_get(ed->history, ed->browsing)
				  : ed->draft);
}

/* The final byte of an escape sequence, with its parameters. */
static void key(struct line_editor *ed, unsigned char final, const char *param)
{
	switch (final) {
	case 'A':
		history_up(ed);
		break;
	case 'B':
		history_down(ed);
		break;
	case 'C':
		move_to(ed, ed->cursor < ed->len ? ed->cursor + 1 : ed->len);
		break;
	case 'D':
		move_to(ed, ed->cursor ? ed->cursor - 1 : 0);
		break;
	case 'H':
		move_to(ed, 0);
		break;
	case 'F':
		move_to(ed, ed->len);
		break;
	case '~':
		if (!strcmp(param, "1") || !strcmp(param, "7"))
			move_to(ed, 0);
		else if (!strcmp(param, "4") || !strcmp(param, "8"))
			move_to(ed, ed->len);
		else if (!strcmp(param, "3"))
			delete_under(ed);
		break;
	}
}

static enum line_status escape_byte(struct line_editor *ed, unsigned char c)
{
	enum line_escape state = ed->esc;

	ed->esc = ESC_NONE;
	if (state == ESC_START && c == '[') {
		ed->esc = ESC_CSI;
		ed->csi_len = 0;
		return LINE_MORE;
	}
	if (state == ESC_START && c == 'O') {
		ed->esc = ESC_SS3;
		return LINE_MORE;
	}
	if (state == ESC_SS3 && c >= 0x40 && c <= 0x7e) {
		key(ed, c, "");
		return LINE_MORE;
	}
	if (state == ESC_CSI && c >= 0x20 && c <= 0x3f) {
		/* Parameter (0x30..0x3f) and intermediate bytes (0x20..0x2f),
		 * ECMA-48 5.4. */
		if (c >= 0x30 && ed->csi_len < sizeof(ed->csi) - 1)
			ed->csi[ed->csi_len++] = (char)c;
		ed->esc = ESC_CSI;
		return LINE_MORE;
	}
	if (state == ESC_CSI && c >= 0x40 && c <= 0x7e) {
		ed->csi[ed->csi_len] = '\0';
		key(ed, c, ed->csi);
		return LINE_MORE;
	}
	/* Not a sequence after all: the escape was a stray byte and this
	 * one counts on its own. */
	ed->not_text = true;
	return line_feed(ed, c);
}

void line_redraw(const struct line_editor *ed, const char *prompt)
{
	term_puts("\r\x1b[K");
	term_puts(prompt);
	term_write(ed->buf, ed->len);
	cursor_left(ed->len - ed->cursor);
}

void line_start(struct line_editor *ed, struct history *h)
{
	bool after_cr = ed->after_cr;

	memset(ed, 0, sizeof(*ed));
	ed->history = h;
	ed->after_cr = after_cr;
}

enum line_status line_feed(struct line_editor *ed, unsigned char c)
{
	bool after_cr = ed->after_cr;

	ed->after_cr = c == '\r';
	if (ed->esc != ESC_NONE)
		return escape_byte(ed, c);
	if (c >= 0x20 && c < DEL) {
		insert(ed, (char)c);
		return LINE_MORE;
	}
	switch (c) {
	case '\n':
		if (after_cr)
			return LINE_MORE;
		/* fall through */
	case '\r':
		ed->buf[ed->len] = '\0';
		term_puts("\n");
		return LINE_DONE;
	case CTRL('C'):
		term_puts("^C\n");
		return LINE_CANCEL;
	case DEL:
	case CTRL('H'):
		backspace(ed);
		break;
	case CTRL('U'):
		kill_to_start(ed);
		break;
	case CTRL('A'):
		move_to(ed, 0);
		break;
	case CTRL('E'):
		move_to(ed, ed->len);
		break;
	case ESC:
		ed->esc = ESC_START;
		break;
	default:
		ed->not_text = true;
		break;
	}
	return LINE_MORE;
}
