/*
 * Interrupt dispatch (see irq.h).
 */
#include "irq.h"

#include "hal.h"
#include "kprintf.h"

static struct {
	irq_handler_fn fn;
	void *ctx;
	uint64_t count;
} handlers[IRQ_COUNT];

static uint64_t spurious;

int irq_register(unsigned irq, irq_handler_fn fn, void *ctx)
{
	if (irq >= IRQ_COUNT || handlers[irq].fn)
		return -1;
	handlers[irq].ctx = ctx;
	handlers[irq].fn = fn;
	arch_intc_enable(irq);
	return 0;
}

void irq_unregister(unsigned irq)
{
	if (irq >= IRQ_COUNT)
		return;
	arch_intc_disable(irq);
	handlers[irq].fn = NULL;
	handlers[irq].ctx = NULL;
}

void irq_dispatch(unsigned irq)
{
	if (irq >= IRQ_COUNT || !handlers[irq].fn) {
		/* Nobody asked for it: keep it from firing again. */
		spurious++;
		if (irq < IRQ_COUNT)
			arch_intc_disable(irq);
		return;
	}
	handlers[irq].count++;
	handlers[irq].fn(irq, handlers[irq].ctx);
}

void irq_handle_pending(void)
{
	unsigned irq;

	while ((irq = arch_intc_ack()) != IRQ_NONE) {
		irq_dispatch(irq);
		arch_intc_eoi(irq);
	}
}

uint64_t irq_count(unsigned irq)
{
	return irq < IRQ_COUNT ? handlers[irq].count : 0;
}

uint64_t irq_spurious_count(void)
{
	return spurious;
}
