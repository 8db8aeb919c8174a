/*
 * The printf formatter: the kernel's own (kernel/core/format.c), compiled
 * into libmlk unchanged as __mlk_format_to_sink (see format_impl.h).
 */
#include "format_impl.h"

#include "../../kernel/core/format.c"
