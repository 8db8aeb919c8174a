/*
 * Interrupt routing, generic part: who handles which interrupt.
 *
 * The architecture's interrupt entry calls irq_handle_pending(), which asks
 * the controller for pending interrupts (arch_intc_*) and runs the handler
 * registered for each.  Interrupt numbers are the controller's (GIC INTIDs
 * on Arm).
 */
#ifndef MLK_KERNEL_IRQ_H
#define MLK_KERNEL_IRQ_H

#include <mlk/syscall.h>

#include "compiler.h"

/* Interrupt numbers the kernel tracks: 0..MLK_IRQ_MAX. */
#define IRQ_COUNT 1024
_Static_assert(IRQ_COUNT == MLK_IRQ_MAX + 1, "mlk/syscall.h");

typedef void (*irq_handler_fn)(unsigned irq, void *ctx);

/* Route `irq` to `fn` and unmask it at the controller; -1 if taken. */
int irq_register(unsigned irq, irq_handler_fn fn, void *ctx);
void irq_unregister(unsigned irq);
/* Called by the architecture's interrupt entry, interrupts masked. */
void irq_handle_pending(void);
/* Run the handler of one acknowledged interrupt (arch_intc_* callback). */
void irq_dispatch(unsigned irq);
uint64_t irq_count(unsigned irq);
uint64_t irq_spurious_count(void);

#endif
