/*
 * Private to libmlk's stdio: writing one call's output to a stream.  A
 * call brackets its characters with __mlk_stream_begin and
 * __mlk_stream_end (stdio.c), so the buffering rules live in one place.
 */
#ifndef MLK_LIBC_STREAM_H
#define MLK_LIBC_STREAM_H

#include <stdbool.h>
#include <stdio.h>

#include "libc_impl.h"

/* Start a call writing to f (first sends stdout's text if f is stderr). */
MLK_HIDDEN void __mlk_stream_begin(FILE *f);
/* Add one character to f, sending the buffer first if it is full. */
MLK_HIDDEN void __mlk_stream_putc(FILE *f, char c);
/*
 * End the call: send what the stream's buffering says must go out now.
 * Returns false if the console refused any of this call's output.
 */
MLK_HIDDEN bool __mlk_stream_end(FILE *f);

#endif
