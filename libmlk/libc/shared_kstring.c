/*
 * memcpy, memmove, memset, memcmp, memchr, strlen, strnlen, strcmp,
 * strncmp and strchr: the kernel's own, shared from sdk/lib/kstring.c and
 * compiled into libmlk unchanged so there is one implementation to test
 * and fix.  libmlk is built with -fvisibility=hidden; these are C library
 * functions services call, so they get default visibility like every
 * MLK_PUBLIC function (the pragma covers the declarations in kstring.h,
 * which set the symbols' visibility).
 */
#pragma GCC visibility push(default)
#include "../../sdk/lib/kstring.c"
#pragma GCC visibility pop
