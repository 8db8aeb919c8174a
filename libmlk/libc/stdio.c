/*
 * stdout and stderr: buffering and the character and string functions.
 * Both streams end up in the console through __mlk_stdout_write (see
 * <stdio.h> for what each promises).  Output calls go through
 * stream_begin and stream_end so that each call writes its complete lines
 * to the console once, not once per line, which matters when every write
 * is a message to the console service.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "libc_impl.h"
#include "runtime_hooks.h"
#include "stream.h"

struct __mlk_file {
	char *buf;
	size_t cap;
	size_t len;
	size_t line_end;   /* bytes up to and including the last '\n' */
	bool unbuffered;   /* written out at the end of every call */
	bool write_failed; /* during the current call */
};

static char stdout_buf[MLK_STDOUT_BUFSIZE];
static char stderr_buf[128];

MLK_PUBLIC FILE __mlk_stdout_file = {
	.buf = stdout_buf,
	.cap = sizeof(stdout_buf),
};

MLK_PUBLIC FILE __mlk_stderr_file = {
	.buf = stderr_buf,
	.cap = sizeof(stderr_buf),
	.unbuffered = true,
};

static bool write_all(const char *p, size_t n)
{
	while (n) {
		size_t done = __mlk_stdout_write(p, n);

		if (done == 0 || done > n)
			return false;
		p += done;
		n -= done;
	}
	return true;
}

/*
 * Send the first n buffered bytes and keep the rest.  Bytes the console
 * refused are dropped: keeping them would only block all later output.
 */
static void stream_send(FILE *f, size_t n)
{
	if (n && !write_all(f->buf, n))
		f->write_failed = true;
	memmove(f->buf, f->buf + n, f->len - n);
	f->len -= n;
	/* n was 0, everything, or up to the last newline: none is left. */
	f->line_end = 0;
}

void __mlk_stream_begin(FILE *f)
{
	f->write_failed = false;
	/* stdout's pending text was written first: it goes out first. */
	if (f != stdout)
		stream_send(stdout, stdout->len);
}

void __mlk_stream_putc(FILE *f, char c)
{
	if (f->len == f->cap)
		stream_send(f, f->len);
	f->buf[f->len++] = c;
	if (c == '\n')
		f->line_end = f->len;
}

bool __mlk_stream_end(FILE *f)
{
	stream_send(f, f->unbuffered ? f->len : f->line_end);
	return !f->write_failed;
}

MLK_PUBLIC int fputc(int c, FILE *f)
{
	__mlk_stream_begin(f);
	__mlk_stream_putc(f, (char)c);
	return __mlk_stream_end(f) ? (unsigned char)c : EOF;
}

MLK_PUBLIC int putc(int c, FILE *f)
{
	return fputc(c, f);
}

MLK_PUBLIC int putchar(int c)
{
	return fputc(c, stdout);
}

MLK_PUBLIC int fputs(const char *s, FILE *f)
{
	__mlk_stream_begin(f);
	while (*s)
		__mlk_stream_putc(f, *s++);
	return __mlk_stream_end(f) ? 0 : EOF;
}

MLK_PUBLIC int puts(const char *s)
{
	__mlk_stream_begin(stdout);
	while (*s)
		__mlk_stream_putc(stdout, *s++);
	__mlk_stream_putc(stdout, '\n');
	return __mlk_stream_end(stdout) ? 0 : EOF;
}

static bool flush_one(FILE *f)
{
	f->write_failed = false;
	stream_send(f, f->len);
	return !f->write_failed;
}

MLK_PUBLIC int fflush(FILE *f)
{
	bool ok;

	if (f)
		return flush_one(f) ? 0 : EOF;
	ok = flush_one(stdout);
	ok = flush_one(stderr) && ok;
	return ok ? 0 : EOF;
}

MLK_HIDDEN void __mlk_stdio_flush(void)
{
	fflush(NULL);
}
