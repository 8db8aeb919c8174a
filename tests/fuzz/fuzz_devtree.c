/*
 * libFuzzer harness: the kernel's device tree reader (kernel/core/
 * devtree.c) on any blob a loader could pass in x0.
 *
 * The blob is copied into a buffer of exactly its size, so AddressSanitizer
 * sees a read past its end; it is handed over with that size as `avail`,
 * as the kernel does with what its boot code measured.  Once dt_init
 * accepts it, every query the kernel and the arch code make is asked of
 * every node: nothing a tree says may make the reader leave the blob, loop
 * or misbehave, and what it returns must be what it promises (ranges that
 * do not wrap, interrupt IDs the GIC has, no more ranges than room).
 * Properties whose names the queries look up are the ones the seed trees
 * hold, so mutations keep hitting them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devtree.h"

/* dt_parent and dt_reg are linear in the tree's size: asking them of
 * every node of a big tree would make each run slow, not deeper. */
#define NODES_MAX 64

static const char *const prop_names[] = {
	"compatible",	    "reg",
	"interrupts",	    "#address-cells",
	"#size-cells",	    "ranges",
	"status",	    "phandle",
	"bootargs",	    "stdout-path",
	"device_type",	    "interrupt-parent",
	"#interrupt-cells", "#redistributor-regions",
	"clock-frequency",
};

static const char *const compatibles[] = {
	"arm,pl011",	"arm,cortex-a15-gic", "arm,gic-400",
	"arm,gic-v3",	"arm,armv8-timer",    "arm,psci-1.0",
	"arm,psci-0.2", "virtio,mmio",	      "arm,pl031",
};

static const char *const paths[] = {
	"/",	   "/chosen",	     "/memory", "/aliases",
	"/psci",   "/intc",	     "/timer",	"/reserved-memory",
	"serial0", "/pl011@9000000", "//a//b/", "/a@1/b",
};

static volatile uint64_t sink;

static __attribute__((noreturn)) void broken(const char *what)
{
	fprintf(stderr, "fuzz_devtree: %s\n", what);
	abort();
}

static void ask_props(const struct devtree *dt, int node)
{
	uint32_t len, v;

	for (size_t i = 0; i < sizeof(prop_names) / sizeof(*prop_names); i++) {
		const uint8_t *p = dt_prop(dt, node, prop_names[i], &len);
		/* The reader promises len readable bytes at p. */
		if (p && len)
			sink += p[0] + p[len - 1];
		if (dt_prop_u32(dt, node, prop_names[i], &v))
			sink += v;
		const char *s = dt_prop_str(dt, node, prop_names[i]);
		if (s)
			sink += strlen(s);
	}
	for (size_t i = 0; i < sizeof(compatibles) / sizeof(*compatibles); i++)
		sink += dt_is_compatible(dt, node, compatibles[i]);
	sink += dt_is_enabled(dt, node);
}

static void ask_node(const struct devtree *dt, int node)
{
	uint32_t ac, sc;
	uint64_t addr, size;
	struct dt_irq irq;
	uint32_t intid;
	const char *name = dt_node_name(dt, node);

	if (name)
		sink += strlen(name);
	ask_props(dt, node);
	sink += (uint64_t)dt_parent(dt, node);
	sink += (uint64_t)dt_first_child(dt, node);
	sink += (uint64_t)dt_next_sibling(dt, node);
	if (dt_reg_cells(dt, node, &ac, &sc) == DT_OK)
		sink += ac + sc;
	sink += (uint64_t)dt_reg_count(dt, node);
	for (int i = 0; i < 4; i++) {
		if (dt_reg(dt, node, i, &addr, &size) == DT_OK) {
			/* The reader refuses a range that wraps. */
			if (size && addr + size - 1 < addr)
				broken("dt_reg gave a range that wraps");
			sink += addr + size;
		}
		if (dt_irq(dt, node, i, &irq) == DT_OK &&
		    dt_irq_intid(&irq, &intid) == DT_OK) {
			if (intid < 16 || intid > 1019)
				broken("dt_irq_intid gave an ID the GIC has "
				       "not");
			sink += intid + irq.flags;
		}
	}
}

static void ask_tree(const struct devtree *dt)
{
	struct mem_range ranges[8];
	int depth = 0, count = 0, n;

	for (n = dt_root(dt); n >= 0 && count < NODES_MAX;
	     n = dt_next_node(dt, n, &depth), count++)
		ask_node(dt, n);
	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++)
		sink += (uint64_t)dt_path(dt, paths[i]);
	for (size_t i = 0; i < sizeof(compatibles) / sizeof(*compatibles); i++)
		for (n = dt_find_compatible(dt, -1, compatibles[i]), count = 0;
		     n >= 0 && count < 4;
		     n = dt_find_compatible(dt, n, compatibles[i]), count++)
			sink += (uint64_t)n;
	sink += (uint64_t)dt_find_phandle(dt, 1);
	sink += (uint64_t)dt_find_phandle(dt, 0x8001);
	n = dt_memory(dt, ranges, 8);
	if (n > 8)
		broken("dt_memory gave more ranges than room");
	for (int i = 0; i < n; i++)
		sink += ranges[i].base + ranges[i].size;
	n = dt_reserved(dt, ranges, 8);
	if (n > 8)
		broken("dt_reserved gave more ranges than room");
	for (int i = 0; i < n; i++)
		sink += ranges[i].base + ranges[i].size;
	sink += strlen(dt_bootargs(dt));
	sink += (uint64_t)dt_stdout(dt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct devtree dt;
	uint8_t *blob;

	/* avail 0 would mean "trust the header": the kernel never passes
	 * that for a blob it measured, and neither does this harness. */
	if (size == 0 || size > DT_MAX_SIZE)
		return -1;
	blob = malloc(size);
	memcpy(blob, data, size);
	/* The boot code reads the first two header words before it knows
	 * the size: it has at least those. */
	if (size >= 8)
		sink += dt_header_size(blob);
	if (dt_init(&dt, blob, (uint32_t)size) == DT_OK)
		ask_tree(&dt);
	sink += strlen(dt_strerror(dt_init(&dt, blob, (uint32_t)size)));
	free(blob);
	return 0;
}
