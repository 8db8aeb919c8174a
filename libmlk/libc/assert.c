/* What a failed assert() calls (see <assert.h>). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "libc_impl.h"

MLK_PUBLIC void __mlk_assert_fail(const char *expr, const char *file, int line)
{
	fprintf(stderr, "assertion failed: %s (%s:%d)\n", expr, file, line);
	abort();
}
