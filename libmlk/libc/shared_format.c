/*
 * The printf formatter: the kernel's own, shared from sdk/lib/format.c
 * and compiled into libmlk unchanged as __mlk_format_to_sink (see
 * format_impl.h).
 */
#include "format_impl.h"

#include "../../sdk/lib/format.c"
