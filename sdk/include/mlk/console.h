/*
 * The console client (protocol in mlk/proto/console.h).  printf and
 * friends use it by themselves once the console service is up; these are
 * for programs that read input or need more control.
 */
#ifndef MLK_CONSOLE_H
#define MLK_CONSOLE_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include <mlk/proto/console.h>
#include <mlk/syscall.h>

struct mlk_console_info {
	uint64_t received, sent, lost, readers;
};

/* Write all len bytes to the console, as they are (no "\n" to "\r\n"),
 * in requests of MLK_CONSOLE_INLINE_MAX bytes; waits while the console's
 * output buffer is full. */
mlk_status_t mlk_console_write(const void *buf, size_t len);
/* Read up to max bytes (at most MLK_CONSOLE_INLINE_MAX a call); wait for
 * at least one unless nonblock (then MLK_ERR_UNAVAILABLE when there is
 * none).  A console that went away (restarted) is looked up again once;
 * otherwise its status, such as MLK_ERR_NOT_FOUND while it is down. */
mlk_status_t mlk_console_read(void *buf, size_t max, size_t *got,
			      bool nonblock);
/* mlk_console_write for a line editor's prompt and line
 * (MLK_CONSOLE_EDITOR): the console erases them before another program's
 * output and has the editor's read ask for a redraw. */
mlk_status_t mlk_console_write_editor(const void *buf, size_t len);
/* mlk_console_read (waiting) for a line editor: *redraw is true, with no
 * bytes, when another program's output erased the line it showed, which
 * it must then draw again with mlk_console_write_editor. */
mlk_status_t mlk_console_read_editor(void *buf, size_t max, size_t *got,
				     bool *redraw);
/* The console's counters: bytes received, sent and lost, readers. */
mlk_status_t mlk_console_info(struct mlk_console_info *info);

#endif
