/*
 * <assert.h> for MLK services (libmlk).  A failed assert() prints
 * "assertion failed: EXPR (FILE:LINE)" to stderr and calls abort().  With
 * NDEBUG defined where this header is included, assert() evaluates
 * nothing.  Like ISO C's, this header may be included again to change
 * that, so it has no include guard.
 */
#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr)                                                           \
	((expr) ? (void)0 : __mlk_assert_fail(#expr, __FILE__, __LINE__))
#endif

#ifndef MLK_LIBC_ASSERT_H
#define MLK_LIBC_ASSERT_H

#define static_assert _Static_assert

/* What a failed assert() calls; not for direct use. */
_Noreturn void __mlk_assert_fail(const char *expr, const char *file, int line);

#endif
