/*
 * Searching strings and memory: strrchr, strstr, strspn, strcspn,
 * strpbrk, strtok_r and memrchr.  The others (memchr, strchr ...) are
 * the kernel's, in kernel_kstring.c.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "libc_impl.h"

MLK_PUBLIC char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

MLK_PUBLIC void *memrchr(const void *s, int c, size_t n)
{
	const uint8_t *p = s;

	while (n--)
		if (p[n] == (uint8_t)c)
			return (void *)(p + n);
	return NULL;
}

/*
 * Compare at each position: O(strlen(haystack) * strlen(needle)) at worst,
 * which is fine for the short strings services search.
 */
MLK_PUBLIC char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (strncmp(haystack, needle, n) == 0)
			return (char *)haystack;
	return n == 0 ? (char *)haystack : NULL;
}

/* The length of the leading run of s whose bytes are (or are not) in set. */
static size_t span(const char *s, const char *set, bool in_set)
{
	size_t n = 0;

	while (s[n] && (strchr(set, s[n]) != NULL) == in_set)
		n++;
	return n;
}

MLK_PUBLIC size_t strspn(const char *s, const char *accept)
{
	return span(s, accept, true);
}

MLK_PUBLIC size_t strcspn(const char *s, const char *reject)
{
	return span(s, reject, false);
}

MLK_PUBLIC char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

MLK_PUBLIC char *strtok_r(char *str, const char *delim, char **save)
{
	char *token = str ? str : *save;
	char *end;

	token += strspn(token, delim);
	if (!*token) {
		*save = token;
		return NULL;
	}
	end = token + strcspn(token, delim);
	if (*end)
		*end++ = '\0';
	*save = end;
	return token;
}
