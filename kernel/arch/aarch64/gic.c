/*
 * Interrupt controller selection: the driver for the GIC version the
 * device tree describes (core/dt_gic.c reads and checks the description).
 */
#include <arch/gic.h>

#include "hal.h"

static const struct gic_ops *gic;

int arch_intc_init(const struct dt_gic *desc)
{
	const struct gic_ops *ops = desc->version == 3	 ? &gicv3_ops
				    : desc->version == 2 ? &gicv2_ops
							 : NULL;

	if (!ops || ops->init(desc))
		return -1;
	gic = ops;
	return 0;
}

const char *arch_intc_name(void)
{
	return gic ? gic->name : "none";
}

void arch_intc_enable(unsigned intid)
{
	gic->enable(intid);
}

void arch_intc_disable(unsigned intid)
{
	gic->disable(intid);
}

unsigned arch_intc_ack(void)
{
	return gic->ack();
}

void arch_intc_eoi(unsigned intid)
{
	gic->eoi(intid);
}

void arch_intc_send_self_sgi(unsigned intid)
{
	gic->send_self_sgi(intid);
}
