/*
 * printf for the kernel: ksnprintf into a buffer, kprintf to the console,
 * both through the shared formatter (format.c).
 */
#include "kprintf.h"

#include "console.h"
#include "format.h"

static void put_buf(struct format_sink *s, char c)
{
	if (s->len + 1 < s->size)
		s->buf[s->len] = c;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct format_sink s = { .put = put_buf, .buf = buf, .size = size };

	format_to_sink(&s, fmt, ap);
	if (size)
		buf[s.len < size ? s.len : size - 1] = 0;
	return (int)s.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void put_console(struct format_sink *s, char c)
{
	(void)s;
	console_putc(c);
}

int kvprintf(const char *fmt, va_list ap)
{
	struct format_sink s = { .put = put_console };
	unsigned long flags = console_lock();

	format_to_sink(&s, fmt, ap);
	console_unlock(flags);
	return (int)s.len;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}
