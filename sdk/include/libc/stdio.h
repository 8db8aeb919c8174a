/*
 * <stdio.h> for MLK services (libmlk): formatted output to stdout and
 * stderr only.  There are no files and no input yet (input will come
 * through the console service).
 *
 * Both streams reach the same console.  stdout is line buffered: complete
 * lines go out at the end of the call that wrote them, and a line longer
 * than the buffer goes out in pieces; fflush() sends the rest.  stderr is
 * unbuffered: each call goes out before it returns, after whatever stdout
 * still held, so the console shows both in program order.  The runtime
 * flushes stdout when the service exits.
 *
 * printf conversions: %c %s %d %i %u %x %X %o %p %%, flags - 0 + space #,
 * width and precision (also *), lengths hh h l ll z t j.  There is no
 * floating point (%f %e %g %a) and no %n: an unknown conversion is printed
 * as it stands.  Not thread-safe: no locking yet.
 */
#ifndef MLK_LIBC_STDIO_H
#define MLK_LIBC_STDIO_H

/* Only size_t and NULL, and va_list under its reserved name. */
#define __need_size_t
#define __need_NULL
#include <stddef.h>
#define __need___va_list
#include <stdarg.h>

/* Returned by the character and string functions on failure. */
#define EOF (-1)

/* A stream; its contents are private to libmlk. */
typedef struct __mlk_file FILE;

extern FILE __mlk_stdout_file;
extern FILE __mlk_stderr_file;
#define stdout (&__mlk_stdout_file)
#define stderr (&__mlk_stderr_file)

#define __MLK_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))

/*
 * Format to stdout / to stream.  Return the number of characters
 * produced, or a negative value if the console refused output during the
 * call or (errno EOVERFLOW) the count does not fit an int.
 */
int printf(const char *restrict fmt, ...) __MLK_PRINTF(1, 2);
int vprintf(const char *restrict fmt, __gnuc_va_list ap) __MLK_PRINTF(1, 0);
int fprintf(FILE *restrict stream, const char *restrict fmt, ...)
	__MLK_PRINTF(2, 3);
int vfprintf(FILE *restrict stream, const char *restrict fmt, __gnuc_va_list ap)
	__MLK_PRINTF(2, 0);

/*
 * Format into buf of size bytes, always NUL-terminated when size > 0.
 * Return the length the whole result has (so a value >= size means it was
 * cut short), or -1 with errno EOVERFLOW if that does not fit an int.
 */
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__MLK_PRINTF(3, 4);
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      __gnuc_va_list ap) __MLK_PRINTF(3, 0);
/* snprintf without a size: buf must be large enough.  Prefer snprintf. */
int sprintf(char *restrict buf, const char *restrict fmt, ...)
	__MLK_PRINTF(2, 3);
int vsprintf(char *restrict buf, const char *restrict fmt, __gnuc_va_list ap)
	__MLK_PRINTF(2, 0);

/* Write (unsigned char)c; return it, or EOF on failure. */
int fputc(int c, FILE *stream);
int putc(int c, FILE *stream);
int putchar(int c);
/* Write s (fputs), or s and a newline (puts); nonnegative, or EOF. */
int fputs(const char *restrict s, FILE *restrict stream);
int puts(const char *s);
/* Send what stream holds (both streams if NULL); 0, or EOF on failure. */
int fflush(FILE *stream);

#undef __MLK_PRINTF

#endif
