/*
 * The GIC description in the device tree (see dt_machine.h).  Bindings:
 * Linux Documentation/devicetree/bindings/interrupt-controller/
 * arm,gic.yaml and arm,gic-v3.yaml.  Every count is checked against the
 * reg entries that are really there before it is used, so a tree cannot
 * make the driver walk more regions than it describes.
 */
#include "compiler.h"
#include "dt_machine.h"
#include "kstring.h"

static const struct {
	const char *compatible;
	unsigned version;
} gic_kinds[] = {
	{ "arm,gic-v3", 3 },
	{ "arm,gic-400", 2 },
	{ "arm,cortex-a15-gic", 2 },
	{ "arm,cortex-a9-gic", 2 },
};

static int fail(const char **what, const char *name, int err)
{
	if (what)
		*what = name;
	return err;
}

/* reg entry `index`, at least `min` bytes. */
static int block(const struct devtree *dt, int node, int index, uint64_t min,
		 struct mem_range *out)
{
	int err = dt_reg(dt, node, index, &out->base, &out->size);

	if (err == DT_OK && out->size < min)
		err = DT_ERR_RANGE;
	return err;
}

/* A u32 property that may be absent (then `dflt`), but not malformed. */
static int optional_u32(const struct devtree *dt, int node, const char *name,
			uint32_t dflt, uint32_t *out)
{
	uint32_t len;
	const void *p = dt_prop(dt, node, name, &len);

	*out = dflt;
	if (!p)
		return DT_OK;
	if (len != 4)
		return DT_ERR_BADPROP;
	*out = dt_be32(p);
	return DT_OK;
}

/* redistributor-stride: a u64 in the binding (one cell accepted too); a
 * multiple of 64 KiB that leaves room for the two frames. */
static int redist_stride(const struct devtree *dt, int node, uint64_t *out)
{
	uint32_t len;
	const uint8_t *p = dt_prop(dt, node, "redistributor-stride", &len);

	*out = 0;
	if (!p)
		return DT_OK;
	if (len == 4)
		*out = dt_be32(p);
	else if (len == 8)
		*out = dt_be64(p);
	else
		return DT_ERR_BADPROP;
	if (*out % 0x10000 || *out < DT_GIC_REDIST_FRAMES_BYTES ||
	    *out > DT_GIC_MAX_REDIST_BYTES)
		return DT_ERR_RANGE;
	return DT_OK;
}

static int parse_v3(const struct devtree *dt, int node, struct dt_gic *out,
		    const char **what)
{
	uint32_t regions;
	int nreg = dt_reg_count(dt, node);
	int err;

	if (nreg < 0)
		return fail(what, "reg", nreg);
	err = block(dt, node, 0, DT_GICV3_DIST_BYTES, &out->dist);
	if (err != DT_OK)
		return fail(what, "reg (distributor)", err);
	err = optional_u32(dt, node, "#redistributor-regions", 1, &regions);
	if (err == DT_OK && (regions < 1 || regions > (uint32_t)nreg - 1))
		err = DT_ERR_RANGE; /* more than the reg entries after GICD */
	if (err == DT_OK && regions > DT_GIC_MAX_REDIST_REGIONS)
		err = DT_ERR_LIMIT;
	if (err != DT_OK)
		return fail(what, "#redistributor-regions", err);
	for (uint32_t r = 0; r < regions; r++) {
		struct mem_range *rd = &out->redist[r];
		err = block(dt, node, 1 + (int)r, DT_GIC_REDIST_FRAMES_BYTES,
			    rd);
		if (err == DT_OK && rd->size > DT_GIC_MAX_REDIST_BYTES)
			err = DT_ERR_LIMIT;
		if (err != DT_OK)
			return fail(what, "reg (redistributors)", err);
	}
	out->nredist = regions;
	err = redist_stride(dt, node, &out->redist_stride);
	if (err != DT_OK)
		return fail(what, "redistributor-stride", err);
	return DT_OK;
}

static int parse_v2(const struct devtree *dt, int node, struct dt_gic *out,
		    const char **what)
{
	int err = block(dt, node, 0, DT_GICV2_BLOCK_BYTES, &out->dist);

	if (err != DT_OK)
		return fail(what, "reg (distributor)", err);
	err = block(dt, node, 1, DT_GICV2_BLOCK_BYTES, &out->cpu);
	if (err != DT_OK)
		return fail(what, "reg (cpu interface)", err);
	return DT_OK;
}

int dt_gic_parse_node(const struct devtree *dt, int node, unsigned version,
		      struct dt_gic *out, const char **what)
{
	memset(out, 0, sizeof(*out));
	out->version = version;
	if (version == 3)
		return parse_v3(dt, node, out, what);
	if (version == 2)
		return parse_v2(dt, node, out, what);
	return fail(what, "version", DT_ERR_RANGE);
}

int dt_gic_parse(const struct devtree *dt, struct dt_gic *out,
		 const char **what)
{
	for (size_t i = 0; i < ARRAY_SIZE(gic_kinds); i++) {
		int node = -1;
		do
			node = dt_find_compatible(dt, node,
						  gic_kinds[i].compatible);
		while (node >= 0 && !dt_is_enabled(dt, node));
		if (node >= 0)
			return dt_gic_parse_node(dt, node, gic_kinds[i].version,
						 out, what);
	}
	return fail(what, "interrupt-controller", DT_ERR_NOTFOUND);
}
