/*
 * Memory and string functions.  The compiler emits calls to memcpy, memset
 * and memmove on its own (structure copies, zeroing), so these must exist
 * even in a freestanding kernel.  They copy a word at a time where both
 * pointers allow it (the same offset in a word): the kernel's
 * -mstrict-align forbids unaligned accesses; user space, which allows
 * them, copies words at any offsets.  Whole
 * pages (the kernel clears every page it hands out, and copies programs
 * in) go eight words a turn, so the loop's own instructions are an
 * eighth of what they were.
 */
#include "kstring.h"

#include <stdint.h>

#define WORD sizeof(uint64_t)
/* A word at any address, for the compiler to load and store as one. */
typedef uint64_t __attribute__((aligned(1), may_alias)) unaligned_word;
#define ALIGNED(p) (((uintptr_t)(p) & (WORD - 1)) == 0)

static void copy_8_words(uint64_t *restrict d, const uint64_t *restrict s)
{
	uint64_t a = s[0], b = s[1], c = s[2], e = s[3];
	uint64_t f = s[4], g = s[5], h = s[6], i = s[7];

	d[0] = a;
	d[1] = b;
	d[2] = c;
	d[3] = e;
	d[4] = f;
	d[5] = g;
	d[6] = h;
	d[7] = i;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	/* The same offset in a word: bytes up to a word boundary, then
	 * words. */
	if (ALIGNED((uintptr_t)d - (uintptr_t)s)) {
		while (n && !ALIGNED(d)) {
			*d++ = *s++;
			n--;
		}
		for (; n >= 8 * WORD;
		     n -= 8 * WORD, d += 8 * WORD, s += 8 * WORD)
			copy_8_words((uint64_t *)d, (const uint64_t *)s);
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(uint64_t *)d = *(const uint64_t *)s;
	}
#ifdef __ARM_FEATURE_UNALIGNED
	/* Where unaligned accesses may be made (user space; the kernel is
	 * built with -mstrict-align), words at any offsets: a frame's data
	 * sits two bytes past a word boundary in its slot. */
	for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
		*(unaligned_word *)d = *(const unaligned_word *)s;
#endif
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	/* Overlapping with dst above src: copy backwards. */
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;
	uint64_t w = (uint8_t)c * 0x0101010101010101ULL;

	while (n && !ALIGNED(d)) {
		*d++ = (uint8_t)c;
		n--;
	}
	for (; n >= 8 * WORD; n -= 8 * WORD, d += 8 * WORD) {
		uint64_t *q = (uint64_t *)d;
		q[0] = w;
		q[1] = w;
		q[2] = w;
		q[3] = w;
		q[4] = w;
		q[5] = w;
		q[6] = w;
		q[7] = w;
	}
	for (; n >= WORD; n -= WORD, d += WORD)
		*(uint64_t *)d = w;
	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const uint8_t *p = s;

	for (; n; n--, p++)
		if (*p == (uint8_t)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (uint8_t)*a - (uint8_t)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (uint8_t)*a - (uint8_t)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}
