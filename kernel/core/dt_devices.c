/*
 * The console UART, the generic timer and PSCI as the device tree
 * describes them (see dt_machine.h).  Bindings: Linux Documentation/
 * devicetree/bindings/serial/pl011.yaml, timer/arm,arch_timer.yaml,
 * arm/psci.yaml.
 */
#include "dt_machine.h"
#include "kstring.h"

/* Index of the virtual timer in the timer's interrupts (secure physical,
 * non-secure physical, virtual, hypervisor). */
#define TIMER_IRQ_VIRT 2

static int fail(const char **what, const char *name, int err)
{
	if (what)
		*what = name;
	return err;
}

static bool usable_uart(const struct devtree *dt, int node, const char *compat)
{
	return node >= 0 && dt_is_compatible(dt, node, compat) &&
	       dt_is_enabled(dt, node);
}

/* The UART stdout-path names if it is one we take, else the first. */
static int find_uart(const struct devtree *dt, const char *compat)
{
	int node = dt_stdout(dt);

	if (usable_uart(dt, node, compat))
		return node;
	node = -1;
	do
		node = dt_find_compatible(dt, node, compat);
	while (node >= 0 && !dt_is_enabled(dt, node));
	return node;
}

int dt_uart_parse(const struct devtree *dt, const char *compat,
		  uint64_t min_size, struct dt_uart *out, const char **what)
{
	struct dt_irq irq;
	int node = find_uart(dt, compat);
	int err;

	memset(out, 0, sizeof(*out));
	if (node < 0)
		return fail(what, compat, DT_ERR_NOTFOUND);
	err = dt_reg(dt, node, 0, &out->regs.base, &out->regs.size);
	if (err == DT_OK && out->regs.size < min_size)
		err = DT_ERR_RANGE;
	if (err != DT_OK)
		return fail(what, "reg", err);
	/* The kernel's console polls; an interrupt is only reported. */
	err = dt_irq(dt, node, 0, &irq);
	if (err == DT_OK)
		err = dt_irq_intid(&irq, &out->intid);
	if (err == DT_OK)
		out->has_irq = true;
	else if (err != DT_ERR_NOTFOUND)
		return fail(what, "interrupts", err);
	return DT_OK;
}

static int find_timer(const struct devtree *dt)
{
	int node = dt_find_compatible(dt, -1, "arm,armv8-timer");

	return node >= 0 ? node : dt_find_compatible(dt, -1, "arm,armv7-timer");
}

int dt_timer_parse(const struct devtree *dt, struct dt_timer *out,
		   const char **what)
{
	struct dt_irq irq;
	uint32_t len;
	int node = find_timer(dt);
	int err;

	memset(out, 0, sizeof(*out));
	if (node < 0)
		return fail(what, "arm,armv8-timer", DT_ERR_NOTFOUND);
	err = dt_irq(dt, node, TIMER_IRQ_VIRT, &irq);
	if (err == DT_OK)
		err = dt_irq_intid(&irq, &out->virt_intid);
	/* Per CPU, so a PPI (INTID 16..31), never an SPI. */
	if (err == DT_OK && out->virt_intid >= 32)
		err = DT_ERR_RANGE;
	if (err != DT_OK)
		return fail(what, "interrupts", err);
	/* Firmware that forgot CNTFRQ_EL0 says it here. */
	const void *f = dt_prop(dt, node, "clock-frequency", &len);
	if (f && (len != 4 || dt_be32(f) == 0))
		return fail(what, "clock-frequency", DT_ERR_BADPROP);
	out->clock_frequency = f ? dt_be32(f) : 0;
	return DT_OK;
}

int dt_psci_parse(const struct devtree *dt, enum dt_psci_conduit *out,
		  const char **what)
{
	int node = dt_path(dt, "/psci");
	const char *method = dt_prop_str(dt, node, "method");

	*out = DT_PSCI_NONE;
	if (node < 0)
		return fail(what, "/psci", DT_ERR_NOTFOUND);
	if (!method)
		return fail(what, "method", DT_ERR_NOTFOUND);
	if (!strcmp(method, "hvc"))
		*out = DT_PSCI_HVC;
	else if (!strcmp(method, "smc"))
		*out = DT_PSCI_SMC;
	else
		return fail(what, "method", DT_ERR_BADPROP);
	return DT_OK;
}
