/*
 * Exception fixup table lookup (see extable.h).  Entries are placed in
 * section __ex_table by the `extable` macro (arch/asm.h) of the assembly
 * that may fault.
 */
#include "extable.h"

#include <arch/frame.h>

extern const struct extable_entry __ex_table_start[], __ex_table_end[];

uintptr_t extable_lookup(uintptr_t pc)
{
	for (const struct extable_entry *e = __ex_table_start;
	     e < __ex_table_end; e++) {
		uintptr_t insn = (uintptr_t)&e->insn + (intptr_t)e->insn;
		if (insn == pc)
			return (uintptr_t)&e->fixup + (intptr_t)e->fixup;
	}
	return 0;
}
