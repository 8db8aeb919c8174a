/*
 * Formatted output for the kernel: a printf subset (%c %s %d %i %u %x %X %o
 * %p %%, flags '-' '0' '+' ' ' '#', width, precision, length hh h l ll z t).
 */
#ifndef MLK_KERNEL_KPRINTF_H
#define MLK_KERNEL_KPRINTF_H

#include <stdarg.h>
#include <stddef.h>

#include "compiler.h"

/* Format into buf (always NUL-terminated if size > 0); returns the length
 * the full output would have. */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* Format to the kernel console. */
int kvprintf(const char *fmt, va_list ap);
int kprintf(const char *fmt, ...) __printf(1, 2);

#endif
