/*
 * The console service: the PL011 in user space (see README.md).
 *
 * console.c starts it and runs the service loop; requests.c decodes
 * requests; input.c and output.c keep the rings and the clients waiting
 * on them; uart.c touches the registers.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

#include <mlk/msg.h>
#include <mlk/service.h>
#include <mlk/proto/console.h>

#include "ring.h"

/* Clients that may wait at once, each way.  More get
 * MLK_ERR_NO_RESOURCES. */
#define MAX_READERS 16
#define MAX_WRITERS 16

/* A READ waiting for input: its saved reply, how much it wants, and
 * whether it is a line editor's (MLK_CONSOLE_EDITOR). */
struct reader {
	mlk_handle_t reply;
	uint32_t max;
	bool editor;
};

/* A WRITE waiting for room: the bytes not yet in the output ring. */
struct writer {
	mlk_handle_t reply;
	uint32_t len;  /* bytes of the request */
	uint32_t done; /* of which in the ring */
	uint8_t bytes[MLK_CONSOLE_INLINE_MAX];
};

struct console {
	struct ring rx, tx;
	/* Queues in order of arrival: `first` is the oldest. */
	struct reader readers[MAX_READERS];
	unsigned first_reader, nreaders;
	struct writer writers[MAX_WRITERS];
	unsigned first_writer, nwriters;
	uint64_t received, sent, lost;
	/* The screen as editor.c sees it: the last byte written left a
	 * line open; that line is a line editor's; another program wrote
	 * over it since (erasing it), and the editor has not drawn it again
	 * yet; the editor is yet to be told to. */
	bool line_open, editor_line, others_wrote, redraw_due;
};

/* input.c */
/* Move what the UART received into the input ring (also bytes whose
 * interrupt has not come yet) and answer waiting readers with it. */
void input_poll(struct console *c);
/* A READ of up to max bytes: answered now (MLK_OK, bytes in *out), or
 * MLK_ERR_UNAVAILABLE if nonblock and there is nothing, or deferred. */
mlk_status_t input_read(struct console *c, uint32_t max, bool nonblock,
			bool editor, struct mlk_msg *out);
/* Tell a line editor waiting first in line to draw its line again. */
void input_redraw(struct console *c);

/* output.c */
/* Feed the UART from the output ring and the ring from waiting writers. */
void output_pump(struct console *c);
/* A WRITE of len bytes: taken (all, or with nonblock *taken of them), or
 * deferred until there is room. */
mlk_status_t output_write(struct console *c, const uint8_t *p, uint32_t len,
			  bool nonblock, bool editor, uint32_t *taken);

/* editor.c: a line editor's line and other programs' output. */
/* Before a write of len bytes: erase the editor's line for another's
 * output, or start the editor's redraw on a line of its own. */
void editor_before_write(struct console *c, bool editor, uint32_t len);
/* After it: what the screen now shows; a redraw told if one is due. */
void editor_after_write(struct console *c, bool editor, const uint8_t *p,
			uint32_t len);
/* A redraw due: the reply to the editor's read in *out (true). */
bool editor_take_redraw(struct console *c, struct mlk_msg *out);

/* requests.c: the service's operations (mlk_serve's ctx is the console). */
extern const struct mlk_service_op console_ops[];
extern const unsigned console_nops;
/* The UART interrupted: serve both ways.  The caller acknowledges the
 * IRQ afterwards. */
void console_interrupt(struct console *c);

#endif
