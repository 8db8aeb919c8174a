/*
 * The kernel console: early and panic output only.  User space gets its
 * own console service; the kernel keeps this path for the boot log, faults
 * and panics.
 *
 * Everything written is also kept in a log ring, so lines printed before
 * the UART is found (or before any is found at all) are not lost: they are
 * replayed when a driver registers.
 */
#ifndef MLK_KERNEL_CONSOLE_H
#define MLK_KERNEL_CONSOLE_H

#include "compiler.h"

struct console_driver {
	const char *name;
	void (*putc)(void *ctx, char c);
	void *ctx;
};

/* Start writing to `drv`, after replaying the log kept so far. */
void console_register(const struct console_driver *drv);
const char *console_name(void);
/* Write one character ('\n' becomes "\r\n" on the wire). */
void console_putc(char c);
void console_write(const char *s, size_t n);
/* Serialize whole lines; interrupts masked while held. */
unsigned long console_lock(void);
void console_unlock(unsigned long flags);

#endif
