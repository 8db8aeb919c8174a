/*
 * The string and memory functions of the freestanding kernel, shared
 * with libmlk, init and mlk-mkimage (sdk/lib/README.md).  The
 * prototypes are the C library's, so the compiler's builtins and the unit
 * tests (which use the build machine's libc) agree with them.
 */
#ifndef MLK_SDK_LIB_KSTRING_H
#define MLK_SDK_LIB_KSTRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

#endif
