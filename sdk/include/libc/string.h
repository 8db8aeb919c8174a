/*
 * <string.h> for MLK services (libmlk).  ISO C names and behaviour unless
 * a comment says otherwise; no locale: comparisons are by unsigned byte
 * value.
 */
#ifndef MLK_LIBC_STRING_H
#define MLK_LIBC_STRING_H

/* Only size_t and NULL, as ISO C asks of <string.h>. */
#define __need_size_t
#define __need_NULL
#include <stddef.h>

/* Copy n bytes; the areas must not overlap. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
/* Copy n bytes; the areas may overlap. */
void *memmove(void *dst, const void *src, size_t n);
/* Fill n bytes with (unsigned char)c. */
void *memset(void *dst, int c, size_t n);
/* Compare n bytes as unsigned char: <0, 0 or >0. */
int memcmp(const void *a, const void *b, size_t n);
/* First byte equal to (unsigned char)c in the first n bytes, or NULL. */
void *memchr(const void *s, int c, size_t n);
/* Last byte equal to (unsigned char)c in the first n bytes, or NULL
 * (a GNU extension). */
void *memrchr(const void *s, int c, size_t n);

/* Length of s, without the terminating NUL. */
size_t strlen(const char *s);
/* Length of s, but at most max: s need not be terminated (POSIX). */
size_t strnlen(const char *s, size_t max);
/* Compare as unsigned char: <0, 0 or >0. */
int strcmp(const char *a, const char *b);
/* strcmp on at most n characters. */
int strncmp(const char *a, const char *b, size_t n);
/* First occurrence of (char)c in s (c may be '\0'), or NULL. */
char *strchr(const char *s, int c);
/* Last occurrence of (char)c in s (c may be '\0'), or NULL. */
char *strrchr(const char *s, int c);
/* First occurrence of needle in haystack; haystack if needle is "". */
char *strstr(const char *haystack, const char *needle);
/* Length of the leading run of s made of bytes in accept. */
size_t strspn(const char *s, const char *accept);
/* Length of the leading run of s made of bytes not in reject. */
size_t strcspn(const char *s, const char *reject);
/* First byte of s that is in accept, or NULL. */
char *strpbrk(const char *s, const char *accept);
/*
 * Split str into tokens separated by bytes of delim (POSIX).  Pass str the
 * first time, NULL afterwards; *save keeps the position.  Writes NULs into
 * str.  There is no strtok: its hidden state is a trap.
 */
char *strtok_r(char *restrict str, const char *restrict delim,
	       char **restrict save);

/* Copy src with its NUL; returns dst.  dst must be large enough. */
char *strcpy(char *restrict dst, const char *restrict src);
/*
 * Copy at most n bytes of src and fill the rest of the n with NULs.  dst
 * is not terminated when src has n or more bytes: prefer strlcpy.
 */
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
/* Append src to the string in dst; returns dst. */
char *strcat(char *restrict dst, const char *restrict src);
/* Append at most n bytes of src, then a NUL (n + 1 bytes at most). */
char *strncat(char *restrict dst, const char *restrict src, size_t n);
/*
 * Copy src into dst of size bytes, always NUL-terminated when size > 0
 * (BSD).  Returns strlen(src): a result >= size means it was truncated.
 */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);
/*
 * Append src to the string in dst of size bytes, always NUL-terminated
 * unless dst holds no NUL within size (BSD).  Returns the length of the
 * string it tried to make: >= size means it was truncated.
 */
size_t strlcat(char *restrict dst, const char *restrict src, size_t size);
/* A malloc'ed copy of s; NULL with errno ENOMEM if memory runs out. */
char *strdup(const char *s);
/* A malloc'ed copy of at most n bytes of s, always terminated. */
char *strndup(const char *s, size_t n);

/*
 * A message for an errno value ("Unknown error" for others).  The string
 * is constant: do not modify it.
 */
char *strerror(int errnum);

#endif
