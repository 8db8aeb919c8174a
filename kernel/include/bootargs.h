/*
 * Kernel boot arguments: the words of /chosen/bootargs, each "key" or
 * "key=value", separated by spaces.  Values may be double-quoted to hold
 * spaces.  Keys the kernel reads start with "mlk.".
 */
#ifndef MLK_KERNEL_BOOTARGS_H
#define MLK_KERNEL_BOOTARGS_H

#include "compiler.h"

void bootargs_init(const char *cmdline);
const char *bootargs_cmdline(void);
/*
 * Find `key`.  On success store its value (without quotes, not
 * NUL-terminated) and length; a bare "key" has an empty value.
 */
bool bootarg_get(const char *key, const char **val, size_t *len);
/* True if `key`'s value is exactly `want`. */
bool bootarg_is(const char *key, const char *want);
/* Copy the value into buf (NUL-terminated); false if absent or too long. */
bool bootarg_copy(const char *key, char *buf, size_t size);

#endif
