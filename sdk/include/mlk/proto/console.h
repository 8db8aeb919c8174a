/*
 * The console service ("console"): the serial line, shared by every
 * program.  Bytes are raw both ways: no echo, no line editing (the shell
 * does its own).  Output of libmlk's printf goes here once the console is
 * up.  Replies carry a status in the label.
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
	 * Reply: status, w0 bytes taken (all of them unless the output
	 * buffer is full and MLK_CONSOLE_NONBLOCK was asked for in w0's
	 * top bit). */
	MLK_CONSOLE_WRITE = 0x434f0001,
	/* w0 most bytes wanted (<= MLK_CONSOLE_INLINE_MAX), w1 flags.
	 * Waits for at least one byte unless MLK_CONSOLE_NONBLOCK (then
	 * MLK_ERR_UNAVAILABLE when there is none).  Reply: status, w0 byte
	 * count, bytes from w1 on. */
	MLK_CONSOLE_READ = 0x434f0002,
	/* Reply: status, w0 bytes received, w1 bytes sent, w2 bytes lost
	 * to a full input buffer, w3 readers waiting. */
	MLK_CONSOLE_INFO = 0x434f0003,
};

#define MLK_CONSOLE_NONBLOCK (1ull << 63)

#endif
