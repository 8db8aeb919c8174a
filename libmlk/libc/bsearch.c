/* bsearch: binary search of a sorted array. */
#include <stdlib.h>

#include "libc_impl.h"

MLK_PUBLIC void *bsearch(const void *key, const void *base, size_t n,
			 size_t size, int (*cmp)(const void *, const void *))
{
	const char *lo = base;

	/* The answer, if any, is in [lo, lo + n * size). */
	while (n) {
		const char *mid = lo + (n / 2) * size;
		int order = cmp(key, mid);

		if (order == 0)
			return (void *)mid;
		if (order > 0) {
			lo = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
