/* errno: one per process for now (see <errno.h>). */
#include <errno.h>

#include "libc_impl.h"

MLK_PUBLIC int __mlk_errno;
