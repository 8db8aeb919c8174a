/*
 * Kernel exception reporting, shared by the architecture's handlers and
 * the tests that provoke exceptions on purpose.
 */
#ifndef MLK_KERNEL_EXCEPTION_H
#define MLK_KERNEL_EXCEPTION_H

#include "compiler.h"

struct trap_frame;

/*
 * A handler for `brk #imm` in kernel code: returns true if it dealt with
 * the breakpoint (the kernel then continues after the brk instruction).
 */
typedef bool (*brk_hook_fn)(struct trap_frame *tf, unsigned imm);
void exception_set_brk_hook(unsigned imm, brk_hook_fn fn);

/* Print the panic dump for `tf` and stop. */
__noreturn void exception_panic(const char *why, struct trap_frame *tf,
				uint64_t esr, uint64_t far);

/* Name of an exception class (ESR.EC), e.g. "data abort, same EL". */
const char *exception_class_name(unsigned ec);

#endif
