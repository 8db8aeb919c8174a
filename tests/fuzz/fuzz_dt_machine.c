/*
 * libFuzzer harness: the machine description the kernel reads from the
 * device tree (kernel/core/dt_machine.c, dt_gic.c, dt_devices.c over
 * devtree.c): what the arch and board code get to program the hardware
 * with, from any blob.
 *
 * dt_machine_parse is the kernel's one entry point.  What it hands over
 * must be what the drivers may use without looking again: no more ranges
 * than the arrays hold, no range that wraps, register blocks at least as
 * large as the drivers map, interrupt IDs the GIC has, redistributor
 * regions within their bounds, strings inside the blob.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt_machine.h"

static const uint8_t *blob_start, *blob_end;

static __attribute__((noreturn)) void broken(const char *what)
{
	fprintf(stderr, "fuzz_dt_machine: %s\n", what);
	abort();
}

static void check_range(const struct mem_range *r, uint64_t min_size,
			const char *what)
{
	if (r->size < min_size || r->base + r->size - 1 < r->base)
		broken(what);
}

static void check_string(const char *s, const char *what)
{
	/* A string from the tree lies in the blob, terminated there; the
	 * defaults are the parser's own constants. */
	if ((const uint8_t *)s >= blob_start && (const uint8_t *)s < blob_end &&
	    !memchr(s, 0, (size_t)(blob_end - (const uint8_t *)s)))
		broken(what);
}

static void check_gic(const struct dt_gic *g)
{
	if (g->version != 2 && g->version != 3)
		broken("a GIC of an unknown version");
	if (g->version == 2) {
		check_range(&g->dist, DT_GICV2_BLOCK_BYTES,
			    "a GICv2 distributor too small or wrapping");
		check_range(&g->cpu, DT_GICV2_BLOCK_BYTES,
			    "a GICv2 CPU interface too small or wrapping");
		return;
	}
	check_range(&g->dist, DT_GICV3_DIST_BYTES,
		    "a GICv3 distributor too small or wrapping");
	if (g->nredist == 0 || g->nredist > DT_GIC_MAX_REDIST_REGIONS)
		broken("a redistributor region count out of bounds");
	for (uint32_t i = 0; i < g->nredist; i++) {
		check_range(&g->redist[i], DT_GIC_REDIST_FRAMES_BYTES,
			    "a redistributor region too small or wrapping");
		if (g->redist[i].size > DT_GIC_MAX_REDIST_BYTES)
			broken("a redistributor region larger than mapped");
	}
}

/* A part that failed says what it concerns, for the boot message. */
static void check_result(const struct dt_result *r)
{
	if (r->err > 0 || r->err < DT_ERR_LAST)
		broken("a result that is no dt_error");
	if (r->err != DT_OK && (!r->what || !r->what[0]))
		broken("a refusal that does not say what it concerns");
}

static void check_machine(const struct dt_machine *m)
{
	const struct dt_result *results[] = {
		&m->ram_result, &m->reserved_result, &m->uart_result,
		&m->gic_result, &m->timer_result,    &m->psci_result,
	};

	for (size_t i = 0; i < sizeof(results) / sizeof(*results); i++)
		check_result(results[i]);
	if (m->nram < 0 || m->nram > DT_MAX_RAM_RANGES ||
	    (m->ram_result.err == DT_OK && m->nram == 0))
		broken("a RAM range count out of bounds");
	for (int i = 0; i < m->nram; i++)
		check_range(&m->ram[i], 1, "an empty or wrapping RAM range");
	if (m->nreserved < 0 || m->nreserved > DT_MAX_RESERVED)
		broken("a reservation count out of bounds");
	if (m->uart_result.err == DT_OK) {
		check_range(&m->uart.regs, DT_CONSOLE_MIN_SIZE,
			    "a console UART too small or wrapping");
		if (m->uart.has_irq &&
		    (m->uart.intid < 16 || m->uart.intid > 1019))
			broken("a console interrupt the GIC has not");
	}
	if (m->gic_result.err == DT_OK)
		check_gic(&m->gic);
	if (m->timer_result.err == DT_OK &&
	    (m->timer.virt_intid < 16 || m->timer.virt_intid > 31))
		broken("a timer interrupt that is no PPI");
	check_string(m->model, "a model string past the blob");
	check_string(m->bootargs, "boot arguments past the blob");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dt_machine m;
	uint8_t *blob;

	if (size > DT_MAX_SIZE + 4096)
		return -1;
	blob = malloc(size ? size : 1);
	memcpy(blob, data, size);
	blob_start = blob;
	blob_end = blob + size;
	if (dt_machine_parse(&m, blob, (uint32_t)size) == DT_OK)
		check_machine(&m);
	free(blob);
	return 0;
}
