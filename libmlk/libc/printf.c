/*
 * The printf family: the kernel's formatter (format_impl.h) writing
 * through a sink, either into a caller's buffer or into a stream.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "format_impl.h"
#include "libc_impl.h"
#include "stream.h"

/* ISO C returns an int; a longer result is an error (POSIX: EOVERFLOW). */
static int result(size_t len)
{
	if (len > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)len;
}

/* Keep what fits, leaving room for the NUL; count the rest. */
static void put_buffer(struct format_sink *s, char c)
{
	if (s->len + 1 < s->size)
		s->buf[s->len] = c;
}

MLK_PUBLIC int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct format_sink s = { .put = put_buffer, .buf = buf, .size = size };

	format_to_sink(&s, fmt, ap);
	if (size)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return result(s.len);
}

MLK_PUBLIC int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

MLK_PUBLIC int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, SIZE_MAX, fmt, ap);
}

MLK_PUBLIC int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

static void put_stream(struct format_sink *s, char c)
{
	__mlk_stream_putc(s->ctx, c);
}

MLK_PUBLIC int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct format_sink s = { .put = put_stream, .ctx = f };

	__mlk_stream_begin(f);
	format_to_sink(&s, fmt, ap);
	if (!__mlk_stream_end(f))
		return -1;
	return result(s.len);
}

MLK_PUBLIC int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

MLK_PUBLIC int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

MLK_PUBLIC int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}
