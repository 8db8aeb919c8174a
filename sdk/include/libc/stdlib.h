/*
 * <stdlib.h> for MLK services (libmlk): memory, number parsing, sorting
 * and the end of the process.  ISO C behaviour unless a comment says
 * otherwise.
 */
#ifndef MLK_LIBC_STDLIB_H
#define MLK_LIBC_STDLIB_H

#define __need_size_t
#define __need_NULL
#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/*
 * Memory.  Every block is 16-byte aligned.  When memory runs out the
 * functions return NULL with errno ENOMEM.  free() or realloc() of a
 * pointer malloc did not hand out, or of a block already freed, prints
 * one line to stderr and calls abort().
 */
/* A block of at least n bytes; n == 0 gives a unique, freeable block. */
void *malloc(size_t n);
/* Release p (NULL is ignored). */
void free(void *p);
/* A zeroed block for count * size bytes; ENOMEM if that overflows. */
void *calloc(size_t count, size_t size);
/*
 * Resize p to n bytes, in place when it can, keeping the contents up to
 * the smaller size.  NULL p is malloc(n).  n == 0 shrinks p to the
 * smallest block and returns it (as musl does), it does not free p.  On
 * failure p is left as it was.
 */
void *realloc(void *p, size_t n);
/*
 * A block of n bytes aligned to align, which must be a power of two (else
 * NULL with errno EINVAL).  n need not be a multiple of align (C17).
 */
void *aligned_alloc(size_t align, size_t n);

/*
 * Parse an integer: leading white space, an optional sign, then digits in
 * base 2..36; base 0 reads a 0x prefix as 16, a leading 0 as 8, else 10;
 * base 16 accepts a 0x prefix.  *end (if end is not NULL) points after the
 * last digit used, or to s if there was none (the result is then 0).  Out
 * of range: the nearest limit (LONG_MAX, LONG_MIN, ULONG_MAX ...) and
 * errno ERANGE.  Another base: 0 and errno EINVAL.  strtoul and strtoull
 * negate a value after '-' as unsigned numbers, as ISO C says.
 */
long strtol(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
long long strtoll(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end,
			    int base);
/* strtol(s, NULL, 10) cut to the type; errno may be set on overflow. */
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);

/* Absolute value; undefined for the most negative value, as in ISO C. */
int abs(int v);
long labs(long v);
long long llabs(long long v);

/*
 * Sort n elements of size bytes in place; cmp returns <0, 0 or >0.
 * Heapsort: O(n log n) at worst, no extra memory, not stable.
 */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *));
/* An element of the sorted array base equal to key, or NULL. */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

/* End the process with status (flushing stdout); provided by the runtime. */
_Noreturn void exit(int status);
/* End the process at once, as if killed; provided by the runtime. */
_Noreturn void abort(void);

#endif
