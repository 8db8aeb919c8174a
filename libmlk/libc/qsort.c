/*
 * qsort as a heapsort: O(n log n) comparisons whatever the input, no
 * recursion and no memory beyond the array, which suits small service
 * stacks better than a quicksort's bad cases.
 */
#include <stdlib.h>

#include "libc_impl.h"

typedef int (*compare_fn)(const void *, const void *);

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Move element root down the heap of n elements until it is in order. */
static void sift_down(char *base, size_t root, size_t n, size_t size,
		      compare_fn cmp)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap(base + root * size, base + child * size, size);
		root = child;
	}
}

MLK_PUBLIC void qsort(void *array, size_t n, size_t size, compare_fn cmp)
{
	char *base = array;

	if (n < 2 || size == 0)
		return;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(base, i, n, size, cmp);
	/* The largest is at the root: move it behind the shrinking heap. */
	for (size_t end = n - 1; end > 0; end--) {
		swap(base, base + end * size, size);
		sift_down(base, 0, end, size, cmp);
	}
}
