/*
 * Fault kinds in words (see fault_name.h).  A table, not a switch, so a
 * new MLK_FAULT_* kind without a name falls back to "fault" instead of
 * printing nothing.
 */
#include "fault_name.h"

#include <mlk/ipc.h>

const char *fault_kind_name(uint64_t kind)
{
	static const char *const names[] = {
		[MLK_FAULT_READ] = "read fault",
		[MLK_FAULT_WRITE] = "write fault",
		[MLK_FAULT_EXEC] = "execute fault",
		[MLK_FAULT_ALIGN] = "alignment fault",
		[MLK_FAULT_UNDEFINED] = "undefined instruction",
		[MLK_FAULT_BREAKPOINT] = "breakpoint",
		[MLK_FAULT_OTHER] = "fault",
	};

	if (kind < sizeof(names) / sizeof(names[0]) && names[kind])
		return names[kind];
	return "fault";
}
