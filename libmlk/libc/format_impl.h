/*
 * The shared printf formatter (sdk/lib/include/format.h) as libmlk sees
 * it: under the reserved name __mlk_format_to_sink.  It is internal to
 * libmlk, and in a static link a service's own function that happened to
 * be called format_to_sink would otherwise capture stdio's calls.
 */
#ifndef MLK_LIBC_FORMAT_IMPL_H
#define MLK_LIBC_FORMAT_IMPL_H

#define format_to_sink __mlk_format_to_sink
#include "format.h"

#endif
