/*
 * The kernel touches user memory only through these: they check the
 * range is user space and do the access with user permissions, so a bad
 * pointer is a status (MLK_ERR_BAD_ADDRESS), never a kernel fault.
 * Untouched pages of mapped memory objects are filled in on the way.
 */
#ifndef MLK_KERNEL_UACCESS_H
#define MLK_KERNEL_UACCESS_H

#include "compiler.h"

#include <mlk/status.h>

mlk_status_t copy_from_user(void *dst, uint64_t usrc, uint64_t len);
mlk_status_t copy_to_user(uint64_t udst, const void *src, uint64_t len);
/*
 * A name: `len` printable bytes, fewer than `max`, NUL-terminated in dst.
 * An unprintable byte is MLK_ERR_BAD_ARG(argi), the name's argument.
 */
mlk_status_t copy_name_from_user(char *dst, uint64_t usrc, uint64_t len,
				 uint64_t max, int argi);

/* The architecture's unprivileged copies: 0, or -1 on a fault. */
int arch_copy_from_user(void *dst, uint64_t usrc, uint64_t len);
int arch_copy_to_user(uint64_t udst, const void *src, uint64_t len);

#endif
