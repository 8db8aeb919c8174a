/*
 * The whole machine from the device tree, in one pass (see dt_machine.h).
 * kmain reads the tree only through this; the fuzzer calls it on raw
 * bytes.
 */
#include "dt_machine.h"
#include "kstring.h"

static void set(struct dt_result *r, int err, const char *what)
{
	r->err = err < 0 ? err : DT_OK;
	r->what = err < 0 ? what : NULL;
}

static const char *board_name(const struct devtree *dt)
{
	const char *model = dt_prop_str(dt, dt_root(dt), "model");
	const char *compat = dt_prop_str(dt, dt_root(dt), "compatible");

	return model ? model : compat ? compat : "unknown board";
}

static void parse_memory(struct dt_machine *m)
{
	int n = dt_memory(&m->dt, m->ram, DT_MAX_RAM_RANGES);

	if (n == 0)
		n = DT_ERR_NOTFOUND;
	set(&m->ram_result, n, "memory");
	m->nram = n > 0 ? n : 0;
	n = dt_reserved(&m->dt, m->reserved, DT_MAX_RESERVED);
	set(&m->reserved_result, n, "reserved memory");
	m->nreserved = n > 0 ? n : 0;
}

int dt_machine_parse(struct dt_machine *m, const void *blob, uint32_t size)
{
	const char *what = NULL;
	int err;

	memset(m, 0, sizeof(*m));
	m->model = "unknown board";
	m->bootargs = "";
	/* size 0 is no bytes here, not dt_init's "trust the header". */
	err = !blob	  ? DT_ERR_MAGIC
	      : size == 0 ? DT_ERR_TRUNCATED
			  : dt_init(&m->dt, blob, size);
	if (err != DT_OK)
		return err;
	m->model = board_name(&m->dt);
	m->bootargs = dt_bootargs(&m->dt);
	parse_memory(m);
	err = dt_uart_parse(&m->dt, DT_CONSOLE_COMPAT, DT_CONSOLE_MIN_SIZE,
			    &m->uart, &what);
	set(&m->uart_result, err, what);
	err = dt_gic_parse(&m->dt, &m->gic, &what);
	set(&m->gic_result, err, what);
	err = dt_timer_parse(&m->dt, &m->timer, &what);
	set(&m->timer_result, err, what);
	err = dt_psci_parse(&m->dt, &m->psci, &what);
	set(&m->psci_result, err, what);
	return DT_OK;
}
