/*
 * QEMU "virt" board facts.  Everything the kernel needs to know about this
 * board is in its device tree; what is left here is which drivers the
 * board's devices need.
 */
#include "devtree.h"
#include "hal.h"
#include "pl011.h"

const char *plat_name(const struct devtree *dt)
{
	const char *model = dt_prop_str(dt, dt_root(dt), "model");
	const char *compat = dt_prop_str(dt, dt_root(dt), "compatible");

	return model ? model : compat ? compat : "unknown board";
}

int plat_console_init(const struct devtree *dt)
{
	/* The console the loader names, else the first PL011 there is. */
	if (pl011_probe(dt, dt_stdout(dt)) == 0)
		return 0;
	return pl011_probe(dt, dt_find_compatible(dt, -1, "arm,pl011"));
}
