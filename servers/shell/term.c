/*
 * The console as the shell uses it.  The console service is raw: it does
 * not echo, edit or translate, so the shell echoes what it reads and ends
 * its lines with CR LF itself.  The console may be killed and restarted
 * under the shell; reads then wait for it to come back, and writes wait a
 * little, then go to the kernel's debug console instead of being lost.
 */
#include <mlk/console.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <string.h>

#include "shell.h"

#define RETRY_NS (20ull * 1000000)	      /* between two tries */
#define WRITE_PATIENCE_NS (3000ull * 1000000) /* a console restart's time */
#define CTRL_C 0x03

/* Bytes read from the console and not yet taken: what term_getc reads
 * ahead, and what was typed while a command polled for Ctrl-C. */
static char input[256];
static size_t input_pos, input_len;
/* The console refused the last write: later writes do not wait for it. */
static bool console_down;
/* A line is being edited: output is the line editor's (term_edit). */
static bool editing;

/* The kernel debug console takes at most MLK_DEBUG_WRITE_MAX bytes a
 * call. */
static void log_write(const char *p, size_t n)
{
	mlk_handle_t log = mlk_log_handle();

	while (log && n) {
		size_t chunk =
			n < MLK_DEBUG_WRITE_MAX ? n : MLK_DEBUG_WRITE_MAX;
		if (mlk_debug_write(log, p, chunk) != MLK_OK)
			return;
		p += chunk;
		n -= chunk;
	}
}

static void console_send(const char *p, size_t n)
{
	uint64_t deadline = mlk_clock_now() + WRITE_PATIENCE_NS;

	while ((editing ? mlk_console_write_editor(p, n)
			: mlk_console_write(p, n)) != MLK_OK) {
		if (console_down || mlk_clock_now() >= deadline) {
			console_down = true;
			log_write(p, n);
			return;
		}
		mlk_sleep(mlk_deadline_in(RETRY_NS));
	}
	console_down = false;
}

/* stdout's sink: every LF goes out as CR LF, as a terminal needs, in
 * few console requests. */
static size_t console_output(const char *buf, size_t len)
{
	char out[MLK_CONSOLE_INLINE_MAX];
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (n + 2 > sizeof(out)) {
			console_send(out, n);
			n = 0;
		}
		if (buf[i] == '\n')
			out[n++] = '\r';
		out[n++] = buf[i];
	}
	if (n)
		console_send(out, n);
	return len;
}

void term_init(void)
{
	mlk_set_output(console_output);
}

void term_edit(bool on)
{
	term_flush(); /* what came before is not the editor's */
	editing = on;
}

/* One read; a redraw asked for when editing. */
static mlk_status_t read_some(size_t *got, bool *redraw)
{
	*redraw = false;
	if (editing)
		return mlk_console_read_editor(input, sizeof(input), got,
					       redraw);
	return mlk_console_read(input, sizeof(input), got, false);
}

int term_getc(void)
{
	size_t got = 0;
	bool redraw;

	if (input_pos < input_len)
		return (unsigned char)input[input_pos++];
	term_flush();
	/* A failure means the console is gone; init brings it back. */
	while (read_some(&got, &redraw) != MLK_OK || got == 0) {
		if (redraw)
			return TERM_REDRAW;
		mlk_sleep(mlk_deadline_in(RETRY_NS));
	}
	input_pos = 0;
	input_len = got;
	return (unsigned char)input[input_pos++];
}

bool term_interrupted(void)
{
	char buf[64];
	size_t got = 0;
	bool hit = false;

	term_flush();
	memmove(input, input + input_pos, input_len - input_pos);
	input_len -= input_pos;
	input_pos = 0;
	while (mlk_console_read(buf, sizeof(buf), &got, true) == MLK_OK &&
	       got) {
		for (size_t i = 0; i < got; i++) {
			if (buf[i] == CTRL_C)
				hit = true;
			else if (input_len < sizeof(input))
				input[input_len++] = buf[i];
		}
	}
	/* As a terminal does on an interrupt: what was typed ahead goes. */
	if (hit)
		input_len = 0;
	return hit;
}

void term_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		putchar(buf[i]);
}

void term_puts(const char *s)
{
	fputs(s, stdout);
}

void term_flush(void)
{
	fflush(stdout);
}
