/*
 * Interrupt controller selection: the GIC the device tree describes.
 */
#include <arch/gic.h>

#include "devtree.h"
#include "hal.h"

static const struct {
	const char *compatible;
	const struct gic_ops *ops;
} drivers[] = {
	{ "arm,gic-v3", &gicv3_ops },
	{ "arm,gic-400", &gicv2_ops },
	{ "arm,cortex-a15-gic", &gicv2_ops },
	{ "arm,cortex-a9-gic", &gicv2_ops },
};

static const struct gic_ops *gic;

int arch_intc_init(const struct devtree *dt)
{
	for (unsigned i = 0; i < ARRAY_SIZE(drivers); i++) {
		int node = dt_find_compatible(dt, -1, drivers[i].compatible);
		if (node >= 0 && dt_is_enabled(dt, node) &&
		    drivers[i].ops->init(dt, node) == 0) {
			gic = drivers[i].ops;
			return 0;
		}
	}
	return -1;
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
