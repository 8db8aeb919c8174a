/*
 * The console service ("console"): the serial line, shared by every
 * program.  Bytes are raw both ways: no echo, no line editing, no newline
 * translation (the shell does its own; libmlk's stdout sends "\n" as
 * "\r\n").  Output of libmlk's printf goes here once the console is up.
 * Replies carry a status in the label.  Requests carry no handles (any
 * sent are closed).
 */
#ifndef MLK_PROTO_CONSOLE_H
#define MLK_PROTO_CONSOLE_H

#include <stdint.h>

#include <mlk/ipc.h>

#define MLK_CONSOLE_NAME "console"

/* Bytes that fit a message after the count word. */
#define MLK_CONSOLE_INLINE_MAX ((MLK_MSG_MAX_WORDS - 1) * 8)

enum mlk_console_label {
	/* w0 byte count (<= MLK_CONSOLE_INLINE_MAX), bytes from w1 on.
	 * Output goes out in the order the writes arrived.  Waits while
	 * the output buffer is full, unless MLK_CONSOLE_NONBLOCK is set in
	 * w0's top bit.  Reply: status, w0 bytes taken (all of them; with
	 * MLK_CONSOLE_NONBLOCK, those that fitted, and MLK_ERR_UNAVAILABLE
	 * when none did).  MLK_ERR_BAD_ARG(0): a count too big, or more
	 * than the words sent; MLK_ERR_NO_RESOURCES: too many writers
	 * waiting already (try again later). */
	/* With MLK_CONSOLE_EDITOR in w0 as well, the bytes are a line
	 * editor's prompt and line (see MLK_CONSOLE_EDITOR). */
	MLK_CONSOLE_WRITE = 0x434f0001,
	/* w0 most bytes wanted (1..MLK_CONSOLE_INLINE_MAX), w1 flags.
	 * Waits for at least one byte unless MLK_CONSOLE_NONBLOCK (then
	 * MLK_ERR_UNAVAILABLE when there is none); waiting readers are
	 * served in the order they came.  Reply: status, w0 byte count,
	 * bytes from w1 on.  MLK_ERR_BAD_ARG(0): no count or a bad one;
	 * MLK_ERR_BAD_ARG(1): unknown flags; MLK_ERR_NO_RESOURCES: too many
	 * readers waiting already. */
	/* With MLK_CONSOLE_EDITOR in w1 the reader is a line editor: the
	 * reply may instead be w0 = MLK_CONSOLE_REDRAW, no bytes. */
	MLK_CONSOLE_READ = 0x434f0002,
	/* Reply: status, w0 bytes received (lost ones included), w1 bytes
	 * sent to the UART, w2 bytes lost (input buffer or the UART's FIFO
	 * full), w3 readers waiting.  Counted since the console started. */
	MLK_CONSOLE_INFO = 0x434f0003,
};

#define MLK_CONSOLE_NONBLOCK (1ull << 63)
/*
 * A line editor (the shell) and other programs share the screen.  The
 * editor marks the writes of its prompt and line with MLK_CONSOLE_EDITOR
 * (in WRITE's w0) and its reads (in READ's w1).  When another program
 * writes while the editor's line is the last thing on the screen, the
 * console first erases that line (CR, then erase to the end of the line:
 * the editor's line fits one row), writes the other program's bytes, and
 * answers the editor's read with MLK_CONSOLE_REDRAW (at once if it is
 * waiting, else its next one); the editor then draws its prompt and line
 * again, which the console starts on a line of its own if the other
 * output did not end its line.
 */
#define MLK_CONSOLE_EDITOR (1ull << 62)
#define MLK_CONSOLE_REDRAW (1ull << 62)
#define MLK_CONSOLE_WRITE_FLAGS (MLK_CONSOLE_NONBLOCK | MLK_CONSOLE_EDITOR)

_Static_assert(MLK_CONSOLE_INLINE_MAX == 504,
	       "a console request holds 504 bytes");

#endif
