/*
 * Sharing the screen with a line editor (MLK_CONSOLE_EDITOR in
 * mlk/proto/console.h): the editor's prompt and line are erased before
 * another program's output, and the editor is asked to draw them again
 * below it, so that the two never run into each other.  The console
 * knows only who wrote last and whether the last byte ended a line; what
 * the line holds is the editor's.
 */
#include "console.h"

/* CR, then erase to the end of the line (ECMA-48 EL, 8.3.41). */
static const uint8_t erase_line[] = { '\r', 0x1b, '[', 'K' };
static const uint8_t new_line[] = { '\r', '\n' };

/* A few bytes of the console's own, put in the output ring in order with
 * what writers wait to send; dropped if the ring is full or writers wait
 * (the screen is then merely less tidy). */
static void put_own(struct console *c, const uint8_t *p, uint32_t n)
{
	if (!c->nwriters && ring_room(&c->tx) >= n)
		ring_write(&c->tx, p, n);
}

void editor_before_write(struct console *c, bool editor, uint32_t len)
{
	if (!len)
		return;
	if (editor) {
		/* Its redraw starts on a line of its own. */
		if (c->others_wrote && c->line_open)
			put_own(c, new_line, sizeof(new_line));
		c->others_wrote = false;
		return;
	}
	if (c->editor_line) {
		put_own(c, erase_line, sizeof(erase_line));
		c->editor_line = false;
		c->others_wrote = true;
		c->redraw_due = true;
	}
}

void editor_after_write(struct console *c, bool editor, const uint8_t *p,
			uint32_t len)
{
	if (!len)
		return;
	c->line_open = p[len - 1] != '\n';
	if (editor)
		c->editor_line = c->line_open;
	if (c->redraw_due)
		input_redraw(c);
}

bool editor_take_redraw(struct console *c, struct mlk_msg *out)
{
	if (!c->redraw_due)
		return false;
	c->redraw_due = false;
	out->label = MLK_OK;
	out->nwords = 1;
	out->w[0] = MLK_CONSOLE_REDRAW;
	return true;
}
