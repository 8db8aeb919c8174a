/* strdup and strndup: string copies in memory from malloc. */
#include <stdlib.h>
#include <string.h>

#include "libc_impl.h"

MLK_PUBLIC char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *copy = malloc(len + 1);

	if (copy) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

MLK_PUBLIC char *strdup(const char *s)
{
	return strndup(s, strlen(s));
}
