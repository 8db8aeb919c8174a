/*
 * Exception fixups: kernel instructions allowed to fault.  Each entry names
 * an instruction and where to continue if it faults; the data abort handler
 * looks the faulting PC up here before it calls the fault fatal.  This is
 * how the kernel touches memory it cannot vouch for (user pointers, probe
 * reads) without ever crashing on a bad one.
 */
#ifndef MLK_KERNEL_EXTABLE_H
#define MLK_KERNEL_EXTABLE_H

#include "compiler.h"

/* Continuation address for a fault at `pc`, or 0. */
uintptr_t extable_lookup(uintptr_t pc);

#endif
