/*
 * Copying and appending strings: strcpy, strncpy, strcat, strncat and the
 * BSD strlcpy and strlcat, which always terminate and report truncation.
 */
#include <string.h>

#include "libc_impl.h"

MLK_PUBLIC char *strcpy(char *dst, const char *src)
{
	return memcpy(dst, src, strlen(src) + 1);
}

MLK_PUBLIC char *strncpy(char *dst, const char *src, size_t n)
{
	size_t len = strnlen(src, n);

	memcpy(dst, src, len);
	memset(dst + len, 0, n - len);
	return dst;
}

MLK_PUBLIC char *strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

MLK_PUBLIC char *strncat(char *dst, const char *src, size_t n)
{
	char *end = dst + strlen(dst);
	size_t len = strnlen(src, n);

	memcpy(end, src, len);
	end[len] = '\0';
	return dst;
}

MLK_PUBLIC size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

MLK_PUBLIC size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t used = strnlen(dst, size);

	/* No NUL within size: nothing can be appended (OpenBSD's answer). */
	if (used == size)
		return size + strlen(src);
	return used + strlcpy(dst + used, src, size - used);
}
