/*
 * The printf formatter shared by the kernel and libmlk (sdk/lib/format.c).
 * Conversions: %c %s %d %i %u %x %X %o %p %%; flags - 0 + space #; width
 * and precision (also *); lengths hh h l ll z t j.
 */
#ifndef MLK_SDK_LIB_FORMAT_H
#define MLK_SDK_LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

struct format_sink {
	void (*put)(struct format_sink *s, char c);
	char *buf;   /* for sinks that fill a buffer */
	size_t size; /* of buf */
	size_t len;  /* characters produced so far, written or not */
	void *ctx;   /* for other sinks */
};

/* Format `fmt` with `ap`, calling s->put for each character. */
void format_to_sink(struct format_sink *s, const char *fmt, va_list ap);

#endif
