/*
 * <errno.h> for MLK services (libmlk).  errno is one variable per process
 * for now: correct while a service has one thread, shared (and racy) once
 * it creates more.  The values are Linux's, so they read familiar.
 */
#ifndef MLK_LIBC_ERRNO_H
#define MLK_LIBC_ERRNO_H

extern int __mlk_errno;
#define errno __mlk_errno

#define ENOMEM 12    /* out of memory */
#define EINVAL 22    /* invalid argument */
#define EDOM 33	     /* argument outside a function's domain */
#define ERANGE 34    /* result out of range */
#define EOVERFLOW 75 /* value too large for its type */
#define EILSEQ 84    /* invalid byte sequence */

#endif
