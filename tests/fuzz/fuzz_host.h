/*
 * What the harnesses' code under test expects of the C library that the
 * build machine's may lack: strlcpy (glibc has it from 2.38 on).  The
 * definition linked is libmlk's own (libmlk/libc/string_copy.c).
 */
#ifndef MLK_FUZZ_HOST_H
#define MLK_FUZZ_HOST_H

#include <stddef.h>

size_t strlcpy(char *dst, const char *src, size_t size);

#endif
