/*
 * The C library's contract with the rest of libmlk (the runtime: crt0,
 * the console client, the memory client).  The runtime implements
 * __mlk_stdout_write and __mlk_heap_grow; the C library implements
 * __mlk_stdio_flush for the runtime to call.  None of them is visible to
 * services.
 */
#ifndef MLK_LIBC_RUNTIME_HOOKS_H
#define MLK_LIBC_RUNTIME_HOOKS_H

#include <stddef.h>

#include "libc_impl.h"

/*
 * Write len bytes of buf to the console (stdout and stderr both end up
 * here).  Returns how many bytes it took, from the start of buf; the C
 * library calls again with the rest.  0 means the console refuses output:
 * stdio drops the bytes and reports the failure to its caller.
 */
MLK_HIDDEN size_t __mlk_stdout_write(const char *buf, size_t len);

/*
 * Send whatever stdout still holds.  The runtime calls this on exit (and
 * before abort() prints anything of its own) so no output is lost.
 */
MLK_HIDDEN void __mlk_stdio_flush(void);

/*
 * Give malloc a new region of at least min_bytes: on success return 0 and
 * store its start (page aligned) in *base and its size in *got.  Regions
 * need not be adjacent to earlier ones and are never given back.  Nonzero
 * when there is no more memory; malloc then returns NULL with ENOMEM.
 */
MLK_HIDDEN int __mlk_heap_grow(size_t min_bytes, void **base, size_t *got);

#endif
