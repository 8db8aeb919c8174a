/*
 * Private to libmlk's C library: symbol visibility and the constants its
 * sources and their unit tests share.
 */
#ifndef MLK_LIBC_IMPL_H
#define MLK_LIBC_IMPL_H

/*
 * libmlk is compiled with -fvisibility=hidden, so a symbol is internal
 * unless its definition says otherwise.  A function of the C library that
 * services call is marked MLK_PUBLIC; what only libmlk's own files share
 * is named __mlk_* and marked MLK_HIDDEN.
 */
#define MLK_PUBLIC __attribute__((visibility("default")))
#define MLK_HIDDEN __attribute__((visibility("hidden")))

/* stdout's buffer: a longer line goes out in pieces of this size. */
#define MLK_STDOUT_BUFSIZE 256

#endif
