/*
 * Unit tests of the flattened device tree reader, sdk/lib/devtree.c.
 *
 * libfdt's sequential-write API builds the blobs: a small tree shaped like
 * QEMU's virt machine, plus odd ones for the corners.  Bad blobs are made
 * by patching good ones.  libfdt's reading side also serves as the
 * reference the walk and path lookups are compared against.
 */
#include "devtree.h"

#include "fdt_build.h"

/* Helpers the kernel has in compiler.h; the shared reader does not. */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define ALIGN_UP(x, a) ALIGN_DOWN((x) + (a)-1, a)

/* Nodes with a reg under a parent of `ac`/`sc` cells, for the bus tests. */
static void build_buses(void)
{
	node("soc");
	prop_str("compatible", "simple-bus");
	prop_u32("#address-cells", 1);
	prop_u32("#size-cells", 1);
	/* child address, parent address (2 cells), size */
	prop_cells("ranges", 0x0, 0x0, 0x10000000, 0x100000, /**/
		   0x800000, 0x0, 0x20000000, 0x1000);
	node("uart@1000");
	prop_str("compatible", "ns16550a");
	prop_cells("reg", 0x1000, 0x100, 0x2000, 0x10);
	prop_cells("interrupts", 0, 5, 4);
	end();
	node("far@800010");
	prop_cells("reg", 0x800010, 0x4);
	end();
	node("gpio@3000");
	prop_cells("reg", 0x3000, 0x100);
	prop_u32("interrupt-parent", 2);
	/* Three two-cell entries: whole three-cell entries too, so only
	 * #interrupt-cells tells. */
	prop_cells("interrupts", 7, 8, 9, 10, 11, 12);
	end();
	node("outside@200000");
	prop_cells("reg", 0x200000, 0x10);
	end();
	node("edge@100000"); /* just past the first range */
	prop_cells("reg", 0x100000, 0x4);
	end();
	node("below@7ffffc"); /* just before the second */
	prop_cells("reg", 0x7ffffc, 0x4);
	end();
	node("top@800ffc"); /* the second range's last word */
	prop_cells("reg", 0x800ffc, 0x4);
	end();
	node("badreg@4000");
	prop_cells("reg", 0x4000, 0x100, 0x5);
	end();
	node("badirq@5000");
	prop_cells("interrupts", 0, 1);
	end();
	node("disabled@6000");
	prop_str("status", "disabled");
	end();
	end();

	node("isa"); /* no ranges: not memory-mapped */
	prop_u32("#address-cells", 1);
	prop_u32("#size-cells", 1);
	node("device@10");
	prop_cells("reg", 0x10, 0x8);
	end();
	end();

	node("cells1"); /* empty ranges: identity */
	prop_u32("#address-cells", 1);
	prop_u32("#size-cells", 1);
	prop_empty("ranges");
	node("child@100");
	prop_cells("reg", 0x100, 0x20);
	end();
	end();

	node("defaults"); /* no #cells: 2 and 1 */
	prop_empty("ranges");
	node("dev@1234");
	prop_cells("reg", 0x0, 0x1234, 0x10);
	end();
	end();

	node("badranges"); /* ranges of 3 cells, entries of 4 */
	prop_u32("#address-cells", 1);
	prop_u32("#size-cells", 1);
	prop_cells("ranges", 0, 0, 0);
	node("dev@0");
	prop_cells("reg", 0x0, 0x4);
	end();
	end();

	node("wide"); /* #address-cells we cannot read */
	prop_u32("#address-cells", 3);
	prop_u32("#size-cells", 1);
	node("dev@0");
	prop_cells("reg", 0, 0, 0, 1);
	end();
	end();

	node("widesize");
	prop_u32("#address-cells", 1);
	prop_u32("#size-cells", 3);
	node("dev@0");
	prop_cells("reg", 0, 0, 0, 1);
	end();
	end();
}

/* Properties of every shape, for dt_prop and friends. */
static void build_props(void)
{
	node("props");
	prop_u32("u32", 0x12345678);
	prop_cells("two", 1, 2);
	prop_empty("empty");
	prop_raw("notnul", "abc", 3);
	prop_str("str", "hello");
	prop_list("list", "one\0two");
	end();

	node("badcompat");
	prop_raw("compatible", "abc", 3);
	end();

	node("st-okay");
	prop_str("status", "okay");
	end();
	node("st-ok");
	prop_str("status", "ok");
	end();
	node("st-fail");
	prop_str("status", "fail");
	end();
}

/*
 * A tree shaped like QEMU's virt machine: memory, /chosen, /aliases, a
 * PL011, a GIC and the timer, PSCI, /reserved-memory, then the buses and
 * odd nodes above.
 */
static uint32_t build_virt(void)
{
	start();
	reserve(0x48000000, 0x100000);
	reserve(0x49000000, 0x2000);
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	prop_u32("#address-cells", 2);
	prop_u32("#size-cells", 2);
	prop_u32("interrupt-parent", 1);
	prop_str("compatible", "linux,dummy-virt");

	node("memory@40000000");
	prop_str("device_type", "memory");
	prop_cells("reg", 0x0, 0x40000000, 0x0, 0x08000000, /**/
		   0x1, 0x00000000, 0x0, 0x10000000);
	end();
	node("memory@80000000");
	prop_str("device_type", "memory");
	prop_cells("reg", 0x0, 0x80000000, 0x0, 0x01000000);
	prop_str("status", "disabled");
	end();
	node("memory@c0000000"); /* its second entry is empty: skipped */
	prop_str("device_type", "memory");
	prop_cells("reg", 0x0, 0xc0000000, 0x0, 0x100000, /**/
		   0x0, 0xd0000000, 0x0, 0x0);
	end();

	node("chosen");
	prop_str("bootargs", "console=ttyAMA0 mlk.selftest=all");
	prop_str("stdout-path", "serial0:115200n8");
	end();

	node("aliases");
	prop_str("serial0", "/pl011@9000000");
	prop_str("serial1", "/soc/uart@1000");
	prop_str("relative", "pl011@9000000");
	end();

	node("pl011@9000000");
	prop_list("compatible", "arm,pl011\0arm,primecell");
	prop_cells("reg", 0x0, 0x09000000, 0x0, 0x1000);
	prop_cells("interrupts", 0, 1, 4);
	end();

	node("intc@8000000");
	prop_str("compatible", "arm,cortex-a15-gic");
	prop_u32("#interrupt-cells", 3);
	prop_empty("interrupt-controller");
	prop_u32("phandle", 1);
	prop_cells("reg", 0x0, 0x08000000, 0x0, 0x10000, /**/
		   0x0, 0x08010000, 0x0, 0x10000);
	end();

	node("intc2"); /* the old phandle name, and two-cell interrupts */
	prop_u32("#interrupt-cells", 2);
	prop_empty("interrupt-controller");
	prop_u32("linux,phandle", 2);
	end();

	node("timer");
	prop_str("compatible", "arm,armv8-timer");
	prop_cells("interrupts", 1, 13, 0xf04, 1, 14, 0xf04, /**/
		   1, 11, 0xf04, 1, 10, 0xf04);
	end();

	node("psci");
	prop_str("compatible", "arm,psci-1.0");
	prop_str("method", "hvc");
	end();

	node("reserved-memory");
	prop_u32("#address-cells", 2);
	prop_u32("#size-cells", 2);
	prop_empty("ranges");
	node("secmon@4e000000");
	prop_cells("reg", 0x0, 0x4e000000, 0x0, 0x200000);
	prop_empty("no-map");
	end();
	node("empty@50000000");
	prop_cells("reg", 0x0, 0x50000000, 0x0, 0x0);
	end();
	end();

	build_buses();

	node("noirq"); /* its interrupt-parent names no node */
	prop_u32("interrupt-parent", 99);
	prop_cells("interrupts", 0, 1, 4);
	end();

	node("name-test@1");
	end();
	node("name-test@2");
	end();

	build_props();
	end(); /* root */
	return finish();
}

/* The virt tree, read. */
static uint32_t load_virt(struct devtree *dt)
{
	uint32_t size = build_virt();

	ck_assert_int_eq(dt_init(dt, fdt, size), DT_OK);
	return size;
}

static int path(const struct devtree *dt, const char *p)
{
	int n = dt_path(dt, p);

	ck_assert_msg(n >= 0, "dt_path(\"%s\") = %d", p, n);
	return n;
}

/* ---- patching blobs ------------------------------------------------------ */

static void put_be32(uint8_t *blob, uint32_t off, uint32_t v)
{
	uint32_t be = cpu_to_fdt32(v);

	memcpy(blob + off, &be, 4);
}

/* Offset in the blob of the token of property `name` of node `p`. */
static uint32_t prop_token(const char *p, const char *name)
{
	int n = fdt_path_offset(fdt, p);
	ck_assert_int_ge(n, 0);
	const struct fdt_property *prop = fdt_get_property(fdt, n, name, NULL);
	ck_assert_ptr_nonnull(prop);
	return (uint32_t)((const uint8_t *)prop - fdt);
}

/* Offset in the blob of the last token with tag `tag`. */
static uint32_t last_token(uint32_t tag)
{
	int off = 0, next, last = -1;
	uint32_t t;

	do {
		t = fdt_next_tag(fdt, off, &next);
		if (t == tag)
			last = off;
		off = next;
	} while (t != FDT_END);
	ck_assert_int_ge(last, 0);
	return fdt_off_dt_struct(fdt) + (uint32_t)last;
}

/* dt_init on the patched virt blob, with the error it must give. */
static void expect_init(uint32_t avail, int want)
{
	struct devtree dt;

	ck_assert_int_eq(dt_init(&dt, fdt, avail), want);
	if (want != DT_OK)
		ck_assert_ptr_null(dt.blob);
}

/* ---- header -------------------------------------------------------------- */

START_TEST(init_valid)
{
	struct devtree dt;
	uint32_t size = load_virt(&dt);

	ck_assert_ptr_eq(dt.blob, fdt);
	ck_assert_uint_eq(dt.size, size);
	ck_assert_uint_eq(dt.struct_off, fdt_off_dt_struct(fdt));
	ck_assert_uint_eq(dt.struct_size, fdt_size_dt_struct(fdt));
	ck_assert_uint_eq(dt.strings_off, fdt_off_dt_strings(fdt));
	ck_assert_uint_eq(dt.strings_size, fdt_size_dt_strings(fdt));
	ck_assert_uint_eq(dt.rsvmap_off, fdt_off_mem_rsvmap(fdt));
	/* avail 0: trust the header; more than needed is fine. */
	ck_assert_int_eq(dt_init(&dt, fdt, 0), DT_OK);
	ck_assert_int_eq(dt_init(&dt, fdt, sizeof(fdt)), DT_OK);
	ck_assert_uint_eq(dt_header_size(fdt), size);
}
END_TEST

START_TEST(init_truncated)
{
	uint32_t size = build_virt();

	expect_init(DT_HDR_LEN - 1, DT_ERR_TRUNCATED);
	expect_init(16, DT_ERR_TRUNCATED);
	expect_init(1, DT_ERR_TRUNCATED);
	expect_init(size - 1, DT_ERR_TRUNCATED);
	expect_init(DT_HDR_LEN, DT_ERR_TRUNCATED);
	expect_init(size, DT_OK);
}
END_TEST

/* Every prefix of the blob, in a buffer of exactly that size. */
START_TEST(init_truncated_at_every_length)
{
	struct devtree dt;
	uint32_t size = build_virt();

	for (uint32_t len = 1; len < size; len++) {
		uint8_t *copy = malloc(len);
		memcpy(copy, fdt, len);
		int err = dt_init(&dt, copy, len);
		ck_assert_msg(err == DT_ERR_TRUNCATED, "length %u: %d", len,
			      err);
		free(copy);
	}
}
END_TEST

/* Every prefix again, its header now claiming just that size. */
START_TEST(init_shortened_at_every_length)
{
	struct devtree dt;
	uint32_t size = build_virt();

	for (uint32_t len = 1; len < size; len++) {
		uint8_t *copy = malloc(len);
		memcpy(copy, fdt, len);
		if (len >= DT_HDR_LEN)
			put_be32(copy, DT_HDR_TOTALSIZE, len);
		int err = dt_init(&dt, copy, len);
		int want = len < DT_HDR_LEN ? DT_ERR_TRUNCATED : DT_ERR_LAYOUT;
		ck_assert_msg(err == want, "length %u: %d", len, err);
		free(copy);
	}
}
END_TEST

START_TEST(init_bad_magic)
{
	static const uint8_t zeroes[64];
	uint32_t size = build_virt();

	put_be32(fdt, DT_HDR_MAGIC, 0xd00dfeef);
	expect_init(size, DT_ERR_MAGIC);
	expect_init(0, DT_ERR_MAGIC);
	ck_assert_uint_eq(dt_header_size(fdt), 0);
	ck_assert_uint_eq(dt_header_size(zeroes), 0);
	struct devtree dt;
	ck_assert_int_eq(dt_init(&dt, zeroes, sizeof(zeroes)), DT_ERR_MAGIC);
}
END_TEST

START_TEST(init_bad_version)
{
	uint32_t size = build_virt();

	put_be32(fdt, DT_HDR_VERSION, 16);
	expect_init(size, DT_ERR_VERSION);
	put_be32(fdt, DT_HDR_VERSION, 1);
	expect_init(size, DT_ERR_VERSION);
	put_be32(fdt, DT_HDR_VERSION, 17);
	put_be32(fdt, DT_HDR_LAST_COMP, 18);
	expect_init(size, DT_ERR_VERSION);
	/* Newer, but readable as 17. */
	put_be32(fdt, DT_HDR_VERSION, 18);
	put_be32(fdt, DT_HDR_LAST_COMP, 16);
	expect_init(size, DT_OK);
	put_be32(fdt, DT_HDR_LAST_COMP, 17);
	expect_init(size, DT_OK);
}
END_TEST

START_TEST(init_bad_totalsize)
{
	build_virt();
	put_be32(fdt, DT_HDR_TOTALSIZE, DT_HDR_LEN - 1);
	expect_init(0, DT_ERR_LAYOUT);
	put_be32(fdt, DT_HDR_TOTALSIZE, 0);
	expect_init(sizeof(fdt), DT_ERR_LAYOUT);
}
END_TEST

/* Issue 8, finding 10: QEMU doubles a -dtb file, so its own tree passed
 * back claims more than 2 MiB; the blocks are small and that is read. */
START_TEST(init_padded_past_the_limit)
{
	struct devtree dt;
	uint32_t size = build_virt();

	put_be32(fdt, DT_HDR_TOTALSIZE, DT_MAX_SIZE + 1);
	ck_assert_int_eq(dt_init(&dt, fdt, 0), DT_OK);
	ck_assert_uint_eq(dt.size, size); /* the free space is not counted */
	ck_assert_int_eq(dt_init(&dt, fdt, size), DT_OK);
	ck_assert_int_eq(dt_init(&dt, fdt, size - 1), DT_ERR_TRUNCATED);
	put_be32(fdt, DT_HDR_TOTALSIZE, 0xffffffff);
	ck_assert_int_eq(dt_init(&dt, fdt, size), DT_OK);
	ck_assert_uint_eq(dt.size, size);
}
END_TEST

/* Blocks that really reach past 2 MiB are refused before anything is read
 * there, whatever the bytes available. */
START_TEST(init_blocks_past_the_limit)
{
	uint32_t size = build_virt();

	put_be32(fdt, DT_HDR_TOTALSIZE, 0xffffffff);
	put_be32(fdt, DT_HDR_OFF_STRINGS, DT_MAX_SIZE);
	expect_init(0, DT_ERR_TOO_BIG);
	expect_init(size, DT_ERR_TOO_BIG);
	build_virt();
	put_be32(fdt, DT_HDR_TOTALSIZE, 0xffffffff);
	put_be32(fdt, DT_HDR_SIZE_STRUCT, DT_MAX_SIZE);
	expect_init(0, DT_ERR_TOO_BIG);
	/* Exactly up to the limit is not too big: only short. */
	build_virt();
	put_be32(fdt, DT_HDR_TOTALSIZE, DT_MAX_SIZE);
	put_be32(fdt, DT_HDR_SIZE_STRINGS,
		 DT_MAX_SIZE - fdt_off_dt_strings(fdt));
	expect_init(size, DT_ERR_TRUNCATED);
}
END_TEST

/* The reservation block must end with its (0, 0) entry inside the blob. */
START_TEST(init_rsvmap_unterminated)
{
	struct devtree dt;
	uint32_t size = build_virt();

	/* Move the map to the last 16 bytes, a non-zero entry there. */
	put_be32(fdt, DT_HDR_OFF_RSVMAP, ALIGN_DOWN(size, 8) - 16);
	memset(fdt + ALIGN_DOWN(size, 8) - 16, 0xff, 16);
	put_be32(fdt, DT_HDR_TOTALSIZE, ALIGN_DOWN(size, 8));
	ck_assert_int_eq(dt_init(&dt, fdt, 0), DT_ERR_LAYOUT);
	/* Where the bytes available end first, the blob is short. */
	build_virt();
	put_be32(fdt, DT_HDR_TOTALSIZE, sizeof(fdt));
	put_be32(fdt, DT_HDR_OFF_RSVMAP, ALIGN_UP(size, 8));
	memset(fdt + ALIGN_UP(size, 8), 0xff, 16);
	ck_assert_int_eq(dt_init(&dt, fdt, ALIGN_UP(size, 8) + 16),
			 DT_ERR_TRUNCATED);
	/* Terminated after the other blocks: they end there. */
	memset(fdt + ALIGN_UP(size, 8) + 16, 0, 16);
	ck_assert_int_eq(dt_init(&dt, fdt, ALIGN_UP(size, 8) + 32), DT_OK);
	ck_assert_uint_eq(dt.size, ALIGN_UP(size, 8) + 32);
}
END_TEST

/* Patch one header field of a fresh virt blob; expect DT_ERR_LAYOUT. */
static void expect_layout_error(uint32_t field, uint32_t value)
{
	uint32_t size = build_virt();

	put_be32(fdt, field, value);
	struct devtree dt;
	ck_assert_msg(dt_init(&dt, fdt, size) == DT_ERR_LAYOUT,
		      "header field %u = %#x", field, value);
	ck_assert_ptr_null(dt.blob);
}

START_TEST(init_bad_layout)
{
	uint32_t size = build_virt();
	uint32_t st_off = fdt_off_dt_struct(fdt);
	uint32_t str_off = fdt_off_dt_strings(fdt);

	/* The structure block past the end, or overlapping the header. */
	expect_layout_error(DT_HDR_OFF_STRUCT, size - 4);
	expect_layout_error(DT_HDR_OFF_STRUCT, 0);
	expect_layout_error(DT_HDR_OFF_STRUCT, 36);
	expect_layout_error(DT_HDR_SIZE_STRUCT, size - st_off + 4);
	expect_layout_error(DT_HDR_SIZE_STRUCT, 0xfffffffc); /* wraps */
	expect_layout_error(DT_HDR_SIZE_STRUCT, 4);	     /* under 8 */
	/* Misaligned. */
	expect_layout_error(DT_HDR_OFF_STRUCT, st_off + 2);
	expect_layout_error(DT_HDR_OFF_RSVMAP, fdt_off_mem_rsvmap(fdt) + 4);
	/* The strings and the reservation map out of bounds too. */
	expect_layout_error(DT_HDR_OFF_STRINGS, size);
	expect_layout_error(DT_HDR_OFF_STRINGS, 8);
	expect_layout_error(DT_HDR_SIZE_STRINGS, size - str_off + 1);
	expect_layout_error(DT_HDR_SIZE_STRINGS, 0xffffffff);
	expect_layout_error(DT_HDR_OFF_RSVMAP, 0);
	expect_layout_error(DT_HDR_OFF_RSVMAP, ALIGN_DOWN(size, 8) - 8);
}
END_TEST

/* ---- structure block ----------------------------------------------------- */

START_TEST(struct_bad_token)
{
	uint32_t size = build_virt();

	put_be32(fdt, prop_token("/psci", "method"), 7);
	expect_init(size, DT_ERR_BADSTRUCT);
	build_virt();
	put_be32(fdt, fdt_off_dt_struct(fdt), 0); /* the root's BEGIN_NODE */
	expect_init(size, DT_ERR_BADSTRUCT);
}
END_TEST

START_TEST(struct_extra_end_node)
{
	uint32_t size = build_virt();

	/* FDT_END becomes a third END_NODE at depth 0. */
	put_be32(fdt, last_token(FDT_END), FDT_END_NODE);
	expect_init(size, DT_ERR_BADSTRUCT);
}
END_TEST

START_TEST(struct_missing_end_node)
{
	uint32_t size = build_virt();

	put_be32(fdt, last_token(FDT_END_NODE), FDT_NOP);
	expect_init(size, DT_ERR_BADSTRUCT);
}
END_TEST

START_TEST(struct_missing_end)
{
	uint32_t size = build_virt();

	put_be32(fdt, last_token(FDT_END), FDT_NOP);
	expect_init(size, DT_ERR_BADSTRUCT);
	/* Or cut off by the block's size. */
	build_virt();
	put_be32(fdt, DT_HDR_SIZE_STRUCT, fdt_size_dt_struct(fdt) - 4);
	expect_init(size, DT_ERR_BADSTRUCT);
}
END_TEST

START_TEST(struct_only_end)
{
	uint32_t size = build_virt();

	/* No root node at all. */
	put_be32(fdt, fdt_off_dt_struct(fdt), FDT_END);
	expect_init(size, DT_ERR_BADSTRUCT);
}
END_TEST

START_TEST(struct_two_roots)
{
	uint32_t size;

	start();
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	end();
	node("");
	end();
	size = finish();
	expect_init(size, DT_ERR_BADSTRUCT);
}
END_TEST

START_TEST(struct_property_outside_a_node)
{
	uint32_t size;

	start();
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	prop_u32("a", 1);
	end();
	size = finish();
	expect_init(size, DT_OK);
	/* Swap the root's BEGIN_NODE "" (8 bytes) and the property (16):
	 * the property comes first, at depth 0; all else is well formed. */
	uint8_t *st = fdt + fdt_off_dt_struct(fdt);
	uint8_t begin[8];
	memcpy(begin, st, 8);
	memmove(st, st + 8, 16);
	memcpy(st + 16, begin, 8);
	expect_init(size, DT_ERR_BADSTRUCT);
}
END_TEST

START_TEST(struct_bad_name_offset)
{
	uint32_t size = build_virt();
	uint32_t tok = prop_token("/psci", "method");

	put_be32(fdt, tok + 8, fdt_size_dt_strings(fdt));
	expect_init(size, DT_ERR_BADSTRUCT);
	put_be32(fdt, tok + 8, 0xffffffff);
	expect_init(size, DT_ERR_BADSTRUCT);
	/* Just inside is fine (any string's tail is a name). */
	put_be32(fdt, tok + 8, fdt_size_dt_strings(fdt) - 2);
	expect_init(size, DT_OK);
}
END_TEST

START_TEST(struct_name_not_terminated_in_strings)
{
	uint32_t size = build_virt();

	/* Cut the strings block before its last NUL: the properties named
	 * by its last string have an unterminated name. */
	put_be32(fdt, DT_HDR_SIZE_STRINGS, fdt_size_dt_strings(fdt) - 1);
	expect_init(size, DT_ERR_BADSTRUCT);
}
END_TEST

START_TEST(struct_node_name_not_terminated)
{
	uint32_t size = build_virt();
	uint32_t st_end = fdt_off_dt_struct(fdt) + fdt_size_dt_struct(fdt);
	int n = fdt_path_offset(fdt, "/st-fail");
	uint32_t at = fdt_off_dt_struct(fdt) + (uint32_t)n;

	/* From st-fail's name to the end of the block, no NUL. */
	memset(fdt + at + 4, 'x', st_end - at - 4);
	expect_init(size, DT_ERR_BADSTRUCT);
}
END_TEST

START_TEST(struct_property_past_the_block)
{
	uint32_t size = build_virt();
	uint32_t tok = prop_token("/psci", "method");

	put_be32(fdt, tok + 4, 0x7fffffff);
	expect_init(size, DT_ERR_BADSTRUCT);
	put_be32(fdt, tok + 4, 0xfffffff8); /* would wrap in 32 bits */
	expect_init(size, DT_ERR_BADSTRUCT);
}
END_TEST

/* A root with `levels` nodes nested below it. */
static uint32_t build_nested(int levels)
{
	start();
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	for (int i = 0; i < levels; i++)
		node("n");
	for (int i = 0; i < levels; i++)
		end();
	end();
	return finish();
}

START_TEST(struct_depth_limit)
{
	struct devtree dt;

	/* The root counts: DT_MAX_DEPTH nodes deep at most. */
	uint32_t size = build_nested(DT_MAX_DEPTH - 1);
	ck_assert_int_eq(dt_init(&dt, fdt, size), DT_OK);
	size = build_nested(DT_MAX_DEPTH);
	ck_assert_int_eq(dt_init(&dt, fdt, size), DT_ERR_BADSTRUCT);
	size = build_nested(100);
	ck_assert_int_eq(dt_init(&dt, fdt, size), DT_ERR_BADSTRUCT);
}
END_TEST

START_TEST(struct_deepest_node_has_parents)
{
	struct devtree dt;
	uint32_t size = build_nested(DT_MAX_DEPTH - 1);
	int n, depth = 0, deepest = -1;

	ck_assert_int_eq(dt_init(&dt, fdt, size), DT_OK);
	for (n = dt_root(&dt); n >= 0; n = dt_next_node(&dt, n, &depth))
		deepest = n;
	ck_assert_int_eq(n, DT_ERR_NOTFOUND);
	for (int i = 0; i < DT_MAX_DEPTH - 1; i++) {
		deepest = dt_parent(&dt, deepest);
		ck_assert_int_ge(deepest, 0);
	}
	ck_assert_int_eq(deepest, dt_root(&dt));
}
END_TEST

START_TEST(struct_nops_are_skipped)
{
	struct devtree dt;
	uint32_t size = build_virt();

	FDT_DO(fdt_nop_property(fdt, fdt_path_offset(fdt, "/pl011@9000000"),
				"compatible"));
	FDT_DO(fdt_nop_node(fdt, fdt_path_offset(fdt, "/psci")));
	ck_assert_int_eq(dt_init(&dt, fdt, size), DT_OK);
	int uart = path(&dt, "/pl011");
	ck_assert_ptr_null(dt_prop(&dt, uart, "compatible", NULL));
	ck_assert_ptr_nonnull(dt_prop(&dt, uart, "reg", NULL));
	ck_assert_int_eq(dt_path(&dt, "/psci"), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_next_sibling(&dt, path(&dt, "/timer")),
			 path(&dt, "/reserved-memory"));
}
END_TEST

/* ---- walking ------------------------------------------------------------- */

START_TEST(walk_matches_libfdt)
{
	struct devtree dt;
	int n, ref, depth = 0, ref_depth = 0, count = 0;

	load_virt(&dt);
	n = dt_root(&dt);
	ref = fdt_next_node(fdt, -1, NULL);
	ck_assert_int_eq(n, ref);
	for (;;) {
		n = dt_next_node(&dt, n, &depth);
		ref = fdt_next_node(fdt, ref, &ref_depth);
		/* libfdt stops at the root's END_NODE, depth -1. */
		if (ref < 0 || ref_depth < 0)
			break;
		ck_assert_int_eq(n, ref);
		ck_assert_int_eq(depth, ref_depth);
		ck_assert_str_eq(dt_node_name(&dt, n),
				 fdt_get_name(fdt, ref, NULL));
		count++;
	}
	ck_assert_int_eq(n, DT_ERR_NOTFOUND);
	ck_assert_int_ge(count, 40);
}
END_TEST

START_TEST(children_and_parents_match_libfdt)
{
	struct devtree dt;
	int depth = 0;

	load_virt(&dt);
	for (int n = dt_root(&dt); n >= 0; n = dt_next_node(&dt, n, &depth)) {
		int c = dt_first_child(&dt, n);
		int ref = fdt_first_subnode(fdt, n);
		while (ref >= 0) {
			ck_assert_int_eq(c, ref);
			ck_assert_int_eq(dt_parent(&dt, c), n);
			c = dt_next_sibling(&dt, c);
			ref = fdt_next_subnode(fdt, ref);
		}
		ck_assert_int_eq(c, DT_ERR_NOTFOUND);
	}
}
END_TEST

START_TEST(root_children_in_order)
{
	static const char *const names[] = {
		"memory@40000000",
		"memory@80000000",
		"memory@c0000000",
		"chosen",
		"aliases",
		"pl011@9000000",
		"intc@8000000",
		"intc2",
		"timer",
		"psci",
		"reserved-memory",
		"soc",
		"isa",
		"cells1",
		"defaults",
		"badranges",
		"wide",
		"widesize",
		"noirq",
		"name-test@1",
		"name-test@2",
		"props",
		"badcompat",
		"st-okay",
		"st-ok",
		"st-fail",
	};
	struct devtree dt;
	size_t i = 0;

	load_virt(&dt);
	for (int n = dt_first_child(&dt, dt_root(&dt)); n >= 0;
	     n = dt_next_sibling(&dt, n), i++) {
		ck_assert_uint_lt(i, ARRAY_SIZE(names));
		ck_assert_str_eq(dt_node_name(&dt, n), names[i]);
	}
	ck_assert_uint_eq(i, ARRAY_SIZE(names));
}
END_TEST

START_TEST(walk_edges)
{
	struct devtree dt;
	int depth = 0;

	load_virt(&dt);
	int root = dt_root(&dt);
	ck_assert_int_eq(root, 0);
	ck_assert_str_eq(dt_node_name(&dt, root), "");
	ck_assert_int_eq(dt_parent(&dt, root), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_next_sibling(&dt, root), DT_ERR_NOTFOUND);
	/* Leaves have no children; last children no next sibling. */
	ck_assert_int_eq(dt_first_child(&dt, path(&dt, "/psci")),
			 DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_next_sibling(&dt, path(&dt, "/st-fail")),
			 DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_next_sibling(&dt, path(&dt, "/soc/disabled")),
			 DT_ERR_NOTFOUND);
	/* Offsets that are not nodes. */
	ck_assert_ptr_null(dt_node_name(&dt, -1));
	ck_assert_ptr_null(dt_node_name(&dt, 4)); /* the root's name */
	ck_assert_ptr_null(dt_node_name(&dt, 8)); /* its first property */
	ck_assert_ptr_null(dt_node_name(&dt, 2)); /* misaligned */
	ck_assert_ptr_null(dt_node_name(&dt, 1 << 30));
	ck_assert_int_eq(dt_next_node(&dt, 8, &depth), DT_ERR_BADSTRUCT);
	ck_assert_int_eq(dt_next_node(&dt, -1, &depth), DT_ERR_BADSTRUCT);
	ck_assert_int_eq(dt_parent(&dt, 8), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_first_child(&dt, -5), DT_ERR_BADSTRUCT);
}
END_TEST

/* ---- paths and aliases --------------------------------------------------- */

START_TEST(path_full_paths_match_libfdt)
{
	struct devtree dt;
	char p[256];
	int depth = 0;

	load_virt(&dt);
	for (int n = dt_root(&dt); n >= 0; n = dt_next_node(&dt, n, &depth)) {
		FDT_DO(fdt_get_path(fdt, n, p, sizeof(p)));
		ck_assert_msg(dt_path(&dt, p) == n, "\"%s\"", p);
	}
}
END_TEST

START_TEST(path_unit_addresses)
{
	struct devtree dt;

	load_virt(&dt);
	int uart = fdt_path_offset(fdt, "/pl011@9000000");
	/* Without a unit address any unit matches. */
	ck_assert_int_eq(dt_path(&dt, "/pl011"), uart);
	ck_assert_int_eq(dt_path(&dt, "/soc/uart"),
			 fdt_path_offset(fdt, "/soc/uart@1000"));
	/* With one, it must be the same. */
	ck_assert_int_eq(dt_path(&dt, "/pl011@9000001"), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_path(&dt, "/pl011@9"), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_path(&dt, "/soc/uart@2000"), DT_ERR_NOTFOUND);
	/* The first of several units, or the one named. */
	ck_assert_int_eq(dt_path(&dt, "/name-test"),
			 fdt_path_offset(fdt, "/name-test@1"));
	ck_assert_int_eq(dt_path(&dt, "/name-test@2"),
			 fdt_path_offset(fdt, "/name-test@2"));
	/* A name is not matched by its prefix, nor a unit-less node by a
	 * unit. */
	ck_assert_int_eq(dt_path(&dt, "/name"), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_path(&dt, "/pl01"), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_path(&dt, "/psci@0"), DT_ERR_NOTFOUND);
}
END_TEST

START_TEST(path_slashes)
{
	struct devtree dt;

	load_virt(&dt);
	ck_assert_int_eq(dt_path(&dt, "/"), dt_root(&dt));
	ck_assert_int_eq(dt_path(&dt, "//soc//uart@1000/"),
			 fdt_path_offset(fdt, "/soc/uart@1000"));
	ck_assert_int_eq(dt_path(&dt, "/soc/"), fdt_path_offset(fdt, "/soc"));
	ck_assert_int_eq(dt_path(&dt, "/nonexistent"), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_path(&dt, "/soc/nonexistent"), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_path(&dt, "/psci/child"), DT_ERR_NOTFOUND);
}
END_TEST

START_TEST(path_aliases)
{
	struct devtree dt;

	load_virt(&dt);
	ck_assert_int_eq(dt_path(&dt, "serial0"),
			 fdt_path_offset(fdt, "/pl011@9000000"));
	ck_assert_int_eq(dt_path(&dt, "serial1"),
			 fdt_path_offset(fdt, "/soc/uart@1000"));
	/* Only whole alias names, whose values are absolute paths. */
	ck_assert_int_eq(dt_path(&dt, "serial"), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_path(&dt, "serial01"), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_path(&dt, "relative"), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_path(&dt, "nothere"), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_path(&dt, ""), DT_ERR_NOTFOUND);
}
END_TEST

START_TEST(stdout_path_with_options)
{
	struct devtree dt;

	load_virt(&dt);
	/* "serial0:115200n8": the alias, the options cut off. */
	ck_assert_int_eq(dt_stdout(&dt),
			 fdt_path_offset(fdt, "/pl011@9000000"));
}
END_TEST

/* A tree with /chosen holding `prop` = `value` and a uart on /soc. */
static void build_chosen(const char *prop, const char *value)
{
	start();
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	node("chosen");
	if (prop)
		prop_str(prop, value);
	end();
	node("soc");
	node("uart@1000");
	end();
	end();
	end();
}

/* dt_stdout of that tree: the uart, or `want` if that is an error. */
static void expect_stdout(const char *prop, const char *value, int want)
{
	struct devtree dt;

	build_chosen(prop, value);
	ck_assert_int_eq(dt_init(&dt, fdt, finish()), DT_OK);
	if (want == DT_OK)
		want = fdt_path_offset(fdt, "/soc/uart@1000");
	ck_assert_msg(dt_stdout(&dt) == want, "%s = \"%s\"", prop, value);
}

START_TEST(stdout_path_forms)
{
	expect_stdout("stdout-path", "/soc/uart@1000:9600", DT_OK);
	expect_stdout("stdout-path", "/soc/uart@1000", DT_OK);
	expect_stdout("stdout-path", "/soc/uart:115200", DT_OK);
	expect_stdout("linux,stdout-path", "/soc/uart@1000", DT_OK);
	/* No aliases node: an alias finds nothing. */
	expect_stdout("stdout-path", "serial0:115200", DT_ERR_NOTFOUND);
	expect_stdout("stdout-path", "/soc/none", DT_ERR_NOTFOUND);
	expect_stdout(NULL, NULL, DT_ERR_NOTFOUND);
}
END_TEST

START_TEST(stdout_without_chosen)
{
	struct devtree dt;

	build_nested(2);
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_stdout(&dt), DT_ERR_NOTFOUND);
}
END_TEST

/* ---- properties ---------------------------------------------------------- */

START_TEST(prop_raw_values)
{
	struct devtree dt;
	uint32_t len = 0;

	load_virt(&dt);
	int uart = path(&dt, "/pl011");
	const uint8_t *reg = dt_prop(&dt, uart, "reg", &len);
	ck_assert_ptr_nonnull(reg);
	ck_assert_uint_eq(len, 16);
	ck_assert_uint_eq(dt_be64(reg), 0x09000000);
	ck_assert_uint_eq(dt_be64(reg + 8), 0x1000);
	ck_assert_ptr_nonnull(dt_prop(&dt, uart, "reg", NULL));
	ck_assert_ptr_null(dt_prop(&dt, uart, "missing", &len));
	ck_assert_ptr_null(dt_prop(&dt, -1, "reg", &len));
	/* A node's properties only, not its children's. */
	ck_assert_ptr_null(dt_prop(&dt, path(&dt, "/soc"), "reg", NULL));
	ck_assert_ptr_null(dt_prop(&dt, dt_root(&dt), "reg", NULL));
	/* An empty property exists, with length 0. */
	int props = path(&dt, "/props");
	len = 99;
	ck_assert_ptr_nonnull(dt_prop(&dt, props, "empty", &len));
	ck_assert_uint_eq(len, 0);
}
END_TEST

START_TEST(prop_u32_values)
{
	struct devtree dt;
	uint32_t v = 0xdead;

	load_virt(&dt);
	int props = path(&dt, "/props");
	ck_assert(dt_prop_u32(&dt, props, "u32", &v));
	ck_assert_uint_eq(v, 0x12345678);
	/* Wrong sizes and absence leave *out alone. */
	v = 0xdead;
	ck_assert(!dt_prop_u32(&dt, props, "two", &v));
	ck_assert(!dt_prop_u32(&dt, props, "empty", &v));
	ck_assert(!dt_prop_u32(&dt, props, "notnul", &v));
	ck_assert(!dt_prop_u32(&dt, props, "missing", &v));
	ck_assert_uint_eq(v, 0xdead);
}
END_TEST

START_TEST(prop_str_values)
{
	struct devtree dt;

	load_virt(&dt);
	int props = path(&dt, "/props");
	ck_assert_str_eq(dt_prop_str(&dt, props, "str"), "hello");
	/* A list: its first string. */
	ck_assert_str_eq(dt_prop_str(&dt, props, "list"), "one");
	/* Not NUL-terminated, empty, absent: none. */
	ck_assert_ptr_null(dt_prop_str(&dt, props, "notnul"));
	ck_assert_ptr_null(dt_prop_str(&dt, props, "empty"));
	ck_assert_ptr_null(dt_prop_str(&dt, props, "missing"));
	/* A big-endian 0x12345678 has no NUL byte at its end. */
	ck_assert_ptr_null(dt_prop_str(&dt, props, "u32"));
}
END_TEST

START_TEST(compatible_string_lists)
{
	struct devtree dt;

	load_virt(&dt);
	int uart = path(&dt, "/pl011");
	ck_assert(dt_is_compatible(&dt, uart, "arm,pl011"));
	ck_assert(dt_is_compatible(&dt, uart, "arm,primecell"));
	ck_assert(!dt_is_compatible(&dt, uart, "arm"));
	ck_assert(!dt_is_compatible(&dt, uart, "arm,pl01"));
	ck_assert(!dt_is_compatible(&dt, uart, "arm,pl011x"));
	ck_assert(!dt_is_compatible(&dt, uart, "arm,primecel"));
	ck_assert(!dt_is_compatible(&dt, uart, ""));
	ck_assert(!dt_is_compatible(&dt, path(&dt, "/chosen"), "arm,pl011"));
	/* "abc" without its NUL is not a string list. */
	ck_assert(!dt_is_compatible(&dt, path(&dt, "/badcompat"), "abc"));
}
END_TEST

START_TEST(find_compatible_and_phandle)
{
	struct devtree dt;

	load_virt(&dt);
	int uart = path(&dt, "/pl011");
	ck_assert_int_eq(dt_find_compatible(&dt, -1, "arm,primecell"), uart);
	ck_assert_int_eq(dt_find_compatible(&dt, -1, "ns16550a"),
			 path(&dt, "/soc/uart"));
	ck_assert_int_eq(dt_find_compatible(&dt, uart, "arm,pl011"),
			 DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_find_compatible(&dt, uart, "ns16550a"),
			 path(&dt, "/soc/uart"));
	ck_assert_int_eq(dt_find_compatible(&dt, -1, "linux,dummy-virt"),
			 dt_root(&dt));
	ck_assert_int_eq(dt_find_compatible(&dt, -1, "none"), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_find_phandle(&dt, 1), path(&dt, "/intc"));
	ck_assert_int_eq(dt_find_phandle(&dt, 2), path(&dt, "/intc2"));
	ck_assert_int_eq(dt_find_phandle(&dt, 99), DT_ERR_NOTFOUND);
}
END_TEST

/* A node's phandle is its first "phandle" property when that is one
 * cell, else its first one-cell "linux,phandle"; a node's properties end
 * at its first child (dt_find_phandle walks the tree once). */
START_TEST(phandle_precedence)
{
	struct devtree dt;
	const uint32_t two[2] = { 9, 9 };

	start();
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	node("both"); /* linux,phandle first, phandle wins */
	prop_u32("linux,phandle", 5);
	prop_u32("phandle", 6);
	end();
	node("wide"); /* phandle of two cells: linux,phandle */
	prop_raw("phandle", two, sizeof(two));
	prop_u32("linux,phandle", 7);
	end();
	node("twice"); /* the first of two */
	prop_u32("phandle", 10);
	prop_u32("phandle", 11);
	end();
	node("parent");
	node("child");
	prop_u32("phandle", 12);
	end();
	end();
	end();
	ck_assert_int_eq(dt_init(&dt, fdt, finish()), DT_OK);
	ck_assert_int_eq(dt_find_phandle(&dt, 6), path(&dt, "/both"));
	ck_assert_int_eq(dt_find_phandle(&dt, 5), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_find_phandle(&dt, 7), path(&dt, "/wide"));
	ck_assert_int_eq(dt_find_phandle(&dt, 9), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_find_phandle(&dt, 10), path(&dt, "/twice"));
	ck_assert_int_eq(dt_find_phandle(&dt, 11), DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_find_phandle(&dt, 12), path(&dt, "/parent/child"));
}
END_TEST

START_TEST(enabled_status)
{
	struct devtree dt;

	load_virt(&dt);
	ck_assert(dt_is_enabled(&dt, path(&dt, "/psci"))); /* no status */
	ck_assert(dt_is_enabled(&dt, path(&dt, "/st-okay")));
	ck_assert(dt_is_enabled(&dt, path(&dt, "/st-ok")));
	ck_assert(!dt_is_enabled(&dt, path(&dt, "/st-fail")));
	ck_assert(!dt_is_enabled(&dt, path(&dt, "/soc/disabled")));
	ck_assert(!dt_is_enabled(&dt, path(&dt, "/memory@80000000")));
}
END_TEST

/* ---- reg and ranges ------------------------------------------------------ */

/* dt_reg of the node at `p`; its address and size when `want` is DT_OK. */
static void expect_reg(const struct devtree *dt, const char *p, int index,
		       int want, uint64_t want_addr, uint64_t want_size)
{
	uint64_t addr = 0xbad, size = 0xbad;
	int err = dt_reg(dt, path(dt, p), index, &addr, &size);

	ck_assert_msg(err == want, "dt_reg(%s, %d) = %d, not %d", p, index, err,
		      want);
	if (want == DT_OK) {
		ck_assert_uint_eq(addr, want_addr);
		ck_assert_uint_eq(size, want_size);
	}
}

START_TEST(reg_two_cells)
{
	struct devtree dt;

	load_virt(&dt);
	expect_reg(&dt, "/pl011", 0, DT_OK, 0x09000000, 0x1000);
	expect_reg(&dt, "/intc", 1, DT_OK, 0x08010000, 0x10000);
	expect_reg(&dt, "/memory@40000000", 1, DT_OK, 0x100000000, 0x10000000);
	expect_reg(&dt, "/memory@40000000", 2, DT_ERR_NOTFOUND, 0, 0);
	expect_reg(&dt, "/pl011", -1, DT_ERR_NOTFOUND, 0, 0);
	expect_reg(&dt, "/psci", 0, DT_ERR_NOTFOUND, 0, 0); /* no reg */
	ck_assert_int_eq(dt_reg_count(&dt, path(&dt, "/memory@40000000")), 2);
	ck_assert_int_eq(dt_reg_count(&dt, path(&dt, "/psci")),
			 DT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_reg_count(&dt, dt_root(&dt)), DT_ERR_NOTFOUND);
}
END_TEST

START_TEST(reg_cells)
{
	struct devtree dt;
	uint32_t ac = 0, sc = 0;

	load_virt(&dt);
	ck_assert_int_eq(dt_reg_cells(&dt, path(&dt, "/pl011"), &ac, &sc),
			 DT_OK);
	ck_assert_uint_eq(ac, 2);
	ck_assert_uint_eq(sc, 2);
	ck_assert_int_eq(dt_reg_cells(&dt, path(&dt, "/soc/uart"), &ac, &sc),
			 DT_OK);
	ck_assert_uint_eq(ac, 1);
	ck_assert_uint_eq(sc, 1);
	/* The specification's defaults, 2 and 1. */
	ck_assert_int_eq(
		dt_reg_cells(&dt, path(&dt, "/defaults/dev"), &ac, &sc), DT_OK);
	ck_assert_uint_eq(ac, 2);
	ck_assert_uint_eq(sc, 1);
	ck_assert_int_eq(dt_reg_cells(&dt, path(&dt, "/wide/dev"), &ac, &sc),
			 DT_ERR_BADPROP);
	ck_assert_int_eq(
		dt_reg_cells(&dt, path(&dt, "/widesize/dev"), &ac, &sc),
		DT_ERR_BADPROP);
	ck_assert_int_eq(dt_reg_cells(&dt, dt_root(&dt), &ac, &sc),
			 DT_ERR_NOTFOUND);
}
END_TEST

START_TEST(reg_one_cell_through_ranges)
{
	struct devtree dt;

	load_virt(&dt);
	/* soc maps its 0x0.. to 0x10000000.. and 0x800000.. to
	 * 0x20000000.. */
	expect_reg(&dt, "/soc/uart@1000", 0, DT_OK, 0x10001000, 0x100);
	expect_reg(&dt, "/soc/uart@1000", 1, DT_OK, 0x10002000, 0x10);
	expect_reg(&dt, "/soc/uart@1000", 2, DT_ERR_NOTFOUND, 0, 0);
	expect_reg(&dt, "/soc/far", 0, DT_OK, 0x20000010, 0x4);
	expect_reg(&dt, "/soc/top", 0, DT_OK, 0x20000ffc, 0x4);
	/* Outside every range, and just outside. */
	expect_reg(&dt, "/soc/outside", 0, DT_ERR_NOTFOUND, 0, 0);
	expect_reg(&dt, "/soc/edge", 0, DT_ERR_NOTFOUND, 0, 0);
	expect_reg(&dt, "/soc/below", 0, DT_ERR_NOTFOUND, 0, 0);
}
END_TEST

START_TEST(reg_identity_and_default_cells)
{
	struct devtree dt;

	load_virt(&dt);
	expect_reg(&dt, "/cells1/child", 0, DT_OK, 0x100, 0x20);
	expect_reg(&dt, "/defaults/dev", 0, DT_OK, 0x1234, 0x10);
	expect_reg(&dt, "/reserved-memory/secmon", 0, DT_OK, 0x4e000000,
		   0x200000);
}
END_TEST

START_TEST(reg_errors)
{
	struct devtree dt;

	load_virt(&dt);
	/* 12 bytes of reg, entries of 8. */
	expect_reg(&dt, "/soc/badreg", 0, DT_ERR_BADPROP, 0, 0);
	/* A bus without ranges is not memory-mapped. */
	expect_reg(&dt, "/isa/device", 0, DT_ERR_NOTFOUND, 0, 0);
	/* A ranges property that is not whole entries. */
	expect_reg(&dt, "/badranges/dev", 0, DT_ERR_BADPROP, 0, 0);
	expect_reg(&dt, "/wide/dev", 0, DT_ERR_BADPROP, 0, 0);
	expect_reg(&dt, "/widesize/dev", 0, DT_ERR_BADPROP, 0, 0);
	uint64_t a, s;
	ck_assert_int_eq(dt_reg(&dt, dt_root(&dt), 0, &a, &s), DT_ERR_NOTFOUND);
}
END_TEST

/* ---- interrupts ---------------------------------------------------------- */

static void expect_irq(const struct devtree *dt, const char *p, int index,
		       int want, uint32_t type, uint32_t num, uint32_t flags)
{
	struct dt_irq irq = { 0xbad, 0xbad, 0xbad };
	int err = dt_irq(dt, path(dt, p), index, &irq);

	ck_assert_msg(err == want, "dt_irq(%s, %d) = %d, not %d", p, index, err,
		      want);
	if (want == DT_OK) {
		ck_assert_uint_eq(irq.type, type);
		ck_assert_uint_eq(irq.num, num);
		ck_assert_uint_eq(irq.flags, flags);
	}
}

START_TEST(irq_three_cells)
{
	struct devtree dt;

	load_virt(&dt);
	expect_irq(&dt, "/pl011", 0, DT_OK, 0, 1, 4);
	expect_irq(&dt, "/pl011", 1, DT_ERR_NOTFOUND, 0, 0, 0);
	expect_irq(&dt, "/pl011", -1, DT_ERR_NOTFOUND, 0, 0, 0);
	expect_irq(&dt, "/timer", 0, DT_OK, 1, 13, 0xf04);
	expect_irq(&dt, "/timer", 3, DT_OK, 1, 10, 0xf04);
	expect_irq(&dt, "/timer", 4, DT_ERR_NOTFOUND, 0, 0, 0);
	expect_irq(&dt, "/psci", 0, DT_ERR_NOTFOUND, 0, 0, 0);
}
END_TEST

START_TEST(irq_parent_inherited)
{
	struct devtree dt;

	load_virt(&dt);
	/* /soc/uart has no interrupt-parent; the root's applies. */
	expect_irq(&dt, "/soc/uart", 0, DT_OK, 0, 5, 4);
}
END_TEST

START_TEST(irq_errors)
{
	struct devtree dt;

	load_virt(&dt);
	/* Its controller has #interrupt-cells = 2. */
	expect_irq(&dt, "/soc/gpio", 0, DT_ERR_BADPROP, 0, 0, 0);
	/* 8 bytes of interrupts, entries of 12. */
	expect_irq(&dt, "/soc/badirq", 0, DT_ERR_BADPROP, 0, 0, 0);
	/* interrupt-parent names no node. */
	expect_irq(&dt, "/noirq", 0, DT_ERR_NOTFOUND, 0, 0, 0);
}
END_TEST

/* The GIC binding's numbers to INTIDs, and everything past them refused
 * rather than wrapped. */
START_TEST(irq_intids)
{
	static const struct {
		uint32_t type, num;
		int err;
		uint32_t intid;
	} cases[] = {
		{ 0, 0, DT_OK, 32 },	     { 0, 987, DT_OK, 1019 },
		{ 0, 988, DT_ERR_RANGE, 0 }, { 0, 0xffffffff, DT_ERR_RANGE, 0 },
		{ 1, 0, DT_OK, 16 },	     { 1, 15, DT_OK, 31 },
		{ 1, 16, DT_ERR_RANGE, 0 },  { 1, 0xffffffe0, DT_ERR_RANGE, 0 },
		{ 2, 1, DT_ERR_RANGE, 0 },   { 0xffffffff, 1, DT_ERR_RANGE, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct dt_irq irq = { cases[i].type, cases[i].num, 4 };
		uint32_t intid = 0xbad;
		ck_assert_int_eq(dt_irq_intid(&irq, &intid), cases[i].err);
		if (cases[i].err == DT_OK)
			ck_assert_uint_eq(intid, cases[i].intid);
		else
			ck_assert_uint_eq(intid, 0xbad);
	}
}
END_TEST

START_TEST(irq_without_any_parent)
{
	struct devtree dt;
	struct dt_irq irq;

	start();
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	node("dev");
	prop_cells("interrupts", 0, 1, 4);
	end();
	end();
	ck_assert_int_eq(dt_init(&dt, fdt, finish()), DT_OK);
	ck_assert_int_eq(dt_irq(&dt, path(&dt, "/dev"), 0, &irq),
			 DT_ERR_NOTFOUND);
}
END_TEST

/* ---- memory, reservations, bootargs -------------------------------------- */

START_TEST(memory_ranges)
{
	struct devtree dt;
	struct mem_range r[8];
	uint64_t total = 0;

	load_virt(&dt);
	int n = dt_memory(&dt, r, 8);
	/* Two entries of the first node, one of the third; the disabled
	 * node and the empty entry are skipped. */
	ck_assert_int_eq(n, 3);
	ck_assert_uint_eq(r[0].base, 0x40000000);
	ck_assert_uint_eq(r[0].size, 0x08000000);
	ck_assert_uint_eq(r[1].base, 0x100000000);
	ck_assert_uint_eq(r[1].size, 0x10000000);
	ck_assert_uint_eq(r[2].base, 0xc0000000);
	ck_assert_uint_eq(r[2].size, 0x100000);
	for (int i = 0; i < n; i++)
		total += r[i].size;
	ck_assert_uint_eq(total, 0x08000000 + 0x10000000 + 0x100000);
}
END_TEST

/* More ranges than the caller takes is an error, never a silent cut. */
START_TEST(memory_at_most_max)
{
	struct devtree dt;
	struct mem_range r[3] = { { 0 } };

	load_virt(&dt);
	ck_assert_int_eq(dt_memory(&dt, r, 2), DT_ERR_LIMIT);
	ck_assert_uint_eq(r[2].base, 0); /* not written */
	ck_assert_int_eq(dt_memory(&dt, r, 0), DT_ERR_LIMIT);
	ck_assert_int_eq(dt_memory(&dt, r, 3), 3);
}
END_TEST

/* `count` memory nodes of one range each, and one with `entries` reg
 * entries (0: none). */
static void build_memory_nodes(int count, int entries)
{
	char name[32];

	start();
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	prop_u32("#address-cells", 1);
	prop_u32("#size-cells", 1);
	for (int i = 0; i < count; i++) {
		snprintf(name, sizeof(name), "memory@%x", i << 20);
		node(name);
		prop_str("device_type", "memory");
		prop_cells("reg", (uint32_t)i << 20, 0x1000);
		end();
	}
	if (entries) {
		uint32_t reg[2 * (DT_MAX_REG_ENTRIES + 1)];
		for (int i = 0; i < entries; i++) {
			reg[2 * i] = cpu_to_fdt32(0x80000000u + (i << 12));
			reg[2 * i + 1] = cpu_to_fdt32(i & 1); /* odd: 1 byte */
		}
		node("memory@80000000");
		prop_str("device_type", "memory");
		prop_raw("reg", reg, entries * 8);
		end();
	}
	end();
	finish();
}

START_TEST(memory_node_limits)
{
	struct devtree dt;
	struct mem_range r[DT_MAX_MEMORY_NODES + 1];

	build_memory_nodes(DT_MAX_MEMORY_NODES, 0);
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_memory(&dt, r, ARRAY_SIZE(r)), DT_MAX_MEMORY_NODES);
	build_memory_nodes(DT_MAX_MEMORY_NODES + 1, 0);
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_memory(&dt, r, ARRAY_SIZE(r)), DT_ERR_LIMIT);
	/* Entries of one node: empty ones count toward the limit too. */
	build_memory_nodes(0, DT_MAX_REG_ENTRIES);
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_memory(&dt, r, ARRAY_SIZE(r)),
			 DT_MAX_REG_ENTRIES / 2);
	build_memory_nodes(0, DT_MAX_REG_ENTRIES + 1);
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_memory(&dt, r, ARRAY_SIZE(r)), DT_ERR_LIMIT);
}
END_TEST

START_TEST(memory_bad_reg)
{
	struct devtree dt;
	struct mem_range r[4];

	start();
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	node("memory@0");
	prop_str("device_type", "memory");
	prop_cells("reg", 0x0, 0x0, 0x0); /* 12 bytes, entries of 12: ok */
	end();
	node("memory@top"); /* wraps past the top of the address space */
	prop_str("device_type", "memory");
	prop_cells("reg", 0xffffffff, 0xfffff000, 0x2000);
	end();
	end();
	finish();
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_memory(&dt, r, 4), DT_ERR_RANGE);
	uint64_t a, s;
	ck_assert_int_eq(dt_reg(&dt, path(&dt, "/memory@top"), 0, &a, &s),
			 DT_ERR_RANGE);
	ck_assert_int_eq(dt_reg_count(&dt, path(&dt, "/memory@top")), 1);
	/* A reg that is not whole entries is refused, not skipped. */
	start();
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	node("memory@0");
	prop_str("device_type", "memory");
	prop_cells("reg", 0x0, 0x40000000, 0x0, 0x1000, 0x5);
	end();
	end();
	finish();
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_memory(&dt, r, 4), DT_ERR_BADPROP);
	ck_assert_int_eq(dt_reg_count(&dt, path(&dt, "/memory@0")),
			 DT_ERR_BADPROP);
}
END_TEST

START_TEST(memory_none)
{
	struct devtree dt;
	struct mem_range r[2];

	build_nested(1);
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_memory(&dt, r, 2), 0);
}
END_TEST

START_TEST(reserved_ranges)
{
	struct devtree dt;
	struct mem_range r[8];

	load_virt(&dt);
	/* The reservation block, then /reserved-memory; empty ones skipped. */
	ck_assert_int_eq(dt_reserved(&dt, r, 8), 3);
	ck_assert_uint_eq(r[0].base, 0x48000000);
	ck_assert_uint_eq(r[0].size, 0x100000);
	ck_assert_uint_eq(r[1].base, 0x49000000);
	ck_assert_uint_eq(r[1].size, 0x2000);
	ck_assert_uint_eq(r[2].base, 0x4e000000);
	ck_assert_uint_eq(r[2].size, 0x200000);
	ck_assert_int_eq(dt_reserved(&dt, r, 3), 3);
	ck_assert_int_eq(dt_reserved(&dt, r, 2), DT_ERR_LIMIT);
	ck_assert_int_eq(dt_reserved(&dt, r, 1), DT_ERR_LIMIT);
	ck_assert_int_eq(dt_reserved(&dt, r, 0), DT_ERR_LIMIT);
}
END_TEST

START_TEST(reserved_limits)
{
	struct devtree dt;
	struct mem_range r[4];
	char name[32];

	/* A reservation that wraps. */
	start();
	reserve(0xfffffffffffff000ull, 0x2000);
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	end();
	finish();
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_reserved(&dt, r, 4), DT_ERR_RANGE);
	/* More /reserved-memory children than are looked at, none with a
	 * reg (dynamic ones): refused, not skipped past. */
	start();
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	node("reserved-memory");
	for (int i = 0; i <= DT_MAX_MEMORY_NODES; i++) {
		snprintf(name, sizeof(name), "pool%d", i);
		node(name);
		prop_u32("size", 0x1000);
		end();
	}
	end();
	end();
	finish();
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_reserved(&dt, r, 4), DT_ERR_LIMIT);
}
END_TEST

START_TEST(reserved_none)
{
	struct devtree dt;
	struct mem_range r[2];

	build_nested(1);
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_reserved(&dt, r, 2), 0);
}
END_TEST

START_TEST(bootargs_from_chosen)
{
	struct devtree dt;

	load_virt(&dt);
	ck_assert_str_eq(dt_bootargs(&dt), "console=ttyAMA0 mlk.selftest=all");
}
END_TEST

START_TEST(bootargs_absent)
{
	struct devtree dt;

	build_chosen(NULL, NULL); /* /chosen without bootargs */
	ck_assert_int_eq(dt_init(&dt, fdt, finish()), DT_OK);
	ck_assert_str_eq(dt_bootargs(&dt), "");
	build_nested(1); /* no /chosen */
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_str_eq(dt_bootargs(&dt), "");
}
END_TEST

START_TEST(bootargs_not_terminated)
{
	struct devtree dt;

	start();
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	node("chosen");
	prop_raw("bootargs", "quiet", 5);
	end();
	end();
	ck_assert_int_eq(dt_init(&dt, fdt, finish()), DT_OK);
	ck_assert_str_eq(dt_bootargs(&dt), "");
}
END_TEST

/* ---- error names --------------------------------------------------------- */

START_TEST(strerror_names_every_code)
{
	ck_assert_str_eq(dt_strerror(DT_OK), "ok");
	ck_assert_str_eq(dt_strerror(DT_ERR_TRUNCATED), "truncated");
	ck_assert_str_eq(dt_strerror(DT_ERR_MAGIC), "bad magic");
	ck_assert_str_eq(dt_strerror(DT_ERR_VERSION), "unsupported version");
	ck_assert_str_eq(dt_strerror(DT_ERR_LAYOUT), "bad block layout");
	ck_assert_str_eq(dt_strerror(DT_ERR_BADSTRUCT),
			 "malformed structure block");
	ck_assert_str_eq(dt_strerror(DT_ERR_NOTFOUND), "not found");
	ck_assert_str_eq(dt_strerror(DT_ERR_BADPROP), "malformed property");
	ck_assert_str_eq(dt_strerror(DT_ERR_RANGE), "value out of range");
	ck_assert_str_eq(dt_strerror(DT_ERR_LIMIT),
			 "more than the kernel takes");
	ck_assert_str_eq(dt_strerror(DT_ERR_TOO_BIG), "blocks past 2 MiB");
	ck_assert_str_eq(dt_strerror(1), "unknown error");
	ck_assert_str_eq(dt_strerror(DT_ERR_LAST - 1), "unknown error");
}
END_TEST

/* ---- corrupted blobs ----------------------------------------------------- */

/* Where exercise() leaves what it read, so the reads are not optimized out. */
static volatile uint32_t fuzz_sink;

/* Everything a kernel might ask of a tree, for the fuzz loops. */
static void exercise(const struct devtree *dt)
{
	static const char *const names[] = {
		"reg",	       "interrupts",	 "compatible", "status",
		"ranges",      "#address-cells", "phandle",    "device_type",
		"stdout-path", "bootargs",	 "serial0",    "u32",
	};
	struct mem_range r[8];
	struct dt_irq irq;
	uint64_t a, s;
	uint32_t len, v, sum = 0;
	int depth = 0;

	for (int n = dt_root(dt); n >= 0; n = dt_next_node(dt, n, &depth)) {
		(void)dt_node_name(dt, n);
		(void)dt_parent(dt, n);
		(void)dt_first_child(dt, n);
		(void)dt_next_sibling(dt, n);
		for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
			const uint8_t *p = dt_prop(dt, n, names[i], &len);
			/* Read it all, as a caller may: the sanitizer sees
			 * any byte outside the blob. */
			for (uint32_t b = 0; p && b < len; b++)
				sum += p[b];
			(void)dt_prop_u32(dt, n, names[i], &v);
			(void)dt_prop_str(dt, n, names[i]);
		}
		(void)dt_is_compatible(dt, n, "arm,pl011");
		(void)dt_is_enabled(dt, n);
		(void)dt_reg(dt, n, 0, &a, &s);
		(void)dt_reg(dt, n, 1, &a, &s);
		(void)dt_irq(dt, n, 0, &irq);
	}
	(void)dt_path(dt, "/soc/uart@1000");
	(void)dt_path(dt, "serial0");
	(void)dt_find_compatible(dt, -1, "ns16550a");
	(void)dt_find_phandle(dt, 1);
	(void)dt_memory(dt, r, 8);
	(void)dt_reserved(dt, r, 8);
	(void)dt_bootargs(dt);
	(void)dt_stdout(dt);
	fuzz_sink = sum;
}

/* dt_init on a copy in a buffer of exactly `size`; exercise it if good. */
static bool try_blob(const uint8_t *blob, uint32_t size)
{
	struct devtree dt;
	uint8_t *copy = malloc(size);

	memcpy(copy, blob, size);
	int err = dt_init(&dt, copy, size);
	ck_assert(err <= DT_OK && err >= DT_ERR_LAST);
	if (err == DT_OK)
		exercise(&dt);
	free(copy);
	return err == DT_OK;
}

START_TEST(fuzz_every_byte)
{
	static const uint8_t masks[] = { 0x01, 0x80, 0xff };
	uint32_t size = build_virt();
	uint8_t *blob = malloc(size);
	int good = 0;

	memcpy(blob, fdt, size);
	ck_assert(try_blob(blob, size));
	for (uint32_t i = 0; i < size; i++)
		for (size_t m = 0; m < ARRAY_SIZE(masks); m++) {
			blob[i] ^= masks[m];
			good += try_blob(blob, size);
			blob[i] ^= masks[m];
		}
	/* Flips in property values leave a valid tree: many were walked. */
	ck_assert_int_gt(good, (int)size);
	free(blob);
}
END_TEST

START_TEST(fuzz_random_bytes)
{
	uint32_t size = build_virt();
	uint8_t *blob = malloc(size);
	uint32_t seed = 12345;

	/* A fixed xorshift sequence: the same blobs every run. */
	for (int round = 0; round < 4000; round++) {
		memcpy(blob, fdt, size);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed ^= seed << 13;
			seed ^= seed >> 17;
			seed ^= seed << 5;
			blob[seed % size] = (uint8_t)(seed >> 24);
		}
		try_blob(blob, size);
	}
	free(blob);
}
END_TEST

/* Small values in the struct block, where lengths and tags live. */
START_TEST(fuzz_struct_words)
{
	static const uint32_t values[] = { 0, 1, 2,	     3,
					   4, 9, 0x7fffffff, 0xffffffff };
	uint32_t size = build_virt();
	uint32_t st_off = fdt_off_dt_struct(fdt);
	uint32_t st_end = st_off + fdt_size_dt_struct(fdt);
	uint8_t *blob = malloc(size);

	for (uint32_t off = st_off; off < st_end; off += 4)
		for (size_t v = 0; v < ARRAY_SIZE(values); v++) {
			memcpy(blob, fdt, size);
			put_be32(blob, off, values[v]);
			try_blob(blob, size);
		}
	free(blob);
}
END_TEST

static Suite *devtree_suite(void)
{
	Suite *s = suite_create("devtree");
	TCase *header = tcase_create("header");
	TCase *structure = tcase_create("structure");
	TCase *walk = tcase_create("walk");
	TCase *paths = tcase_create("paths");
	TCase *props = tcase_create("props");
	TCase *reg = tcase_create("reg");
	TCase *irq = tcase_create("irq");
	TCase *memory = tcase_create("memory");
	TCase *fuzz = tcase_create("fuzz");

	tcase_add_test(header, init_valid);
	tcase_add_test(header, init_truncated);
	tcase_add_test(header, init_truncated_at_every_length);
	tcase_add_test(header, init_shortened_at_every_length);
	tcase_add_test(header, init_bad_magic);
	tcase_add_test(header, init_bad_version);
	tcase_add_test(header, init_bad_totalsize);
	tcase_add_test(header, init_padded_past_the_limit);
	tcase_add_test(header, init_blocks_past_the_limit);
	tcase_add_test(header, init_rsvmap_unterminated);
	tcase_add_test(header, init_bad_layout);
	tcase_add_test(header, strerror_names_every_code);
	suite_add_tcase(s, header);

	tcase_add_test(structure, struct_bad_token);
	tcase_add_test(structure, struct_extra_end_node);
	tcase_add_test(structure, struct_missing_end_node);
	tcase_add_test(structure, struct_missing_end);
	tcase_add_test(structure, struct_only_end);
	tcase_add_test(structure, struct_two_roots);
	tcase_add_test(structure, struct_property_outside_a_node);
	tcase_add_test(structure, struct_bad_name_offset);
	tcase_add_test(structure, struct_name_not_terminated_in_strings);
	tcase_add_test(structure, struct_node_name_not_terminated);
	tcase_add_test(structure, struct_property_past_the_block);
	tcase_add_test(structure, struct_depth_limit);
	tcase_add_test(structure, struct_deepest_node_has_parents);
	tcase_add_test(structure, struct_nops_are_skipped);
	suite_add_tcase(s, structure);

	tcase_add_test(walk, walk_matches_libfdt);
	tcase_add_test(walk, children_and_parents_match_libfdt);
	tcase_add_test(walk, root_children_in_order);
	tcase_add_test(walk, walk_edges);
	suite_add_tcase(s, walk);

	tcase_add_test(paths, path_full_paths_match_libfdt);
	tcase_add_test(paths, path_unit_addresses);
	tcase_add_test(paths, path_slashes);
	tcase_add_test(paths, path_aliases);
	tcase_add_test(paths, stdout_path_with_options);
	tcase_add_test(paths, stdout_path_forms);
	tcase_add_test(paths, stdout_without_chosen);
	suite_add_tcase(s, paths);

	tcase_add_test(props, prop_raw_values);
	tcase_add_test(props, prop_u32_values);
	tcase_add_test(props, prop_str_values);
	tcase_add_test(props, compatible_string_lists);
	tcase_add_test(props, find_compatible_and_phandle);
	tcase_add_test(props, phandle_precedence);
	tcase_add_test(props, enabled_status);
	suite_add_tcase(s, props);

	tcase_add_test(reg, reg_two_cells);
	tcase_add_test(reg, reg_cells);
	tcase_add_test(reg, reg_one_cell_through_ranges);
	tcase_add_test(reg, reg_identity_and_default_cells);
	tcase_add_test(reg, reg_errors);
	suite_add_tcase(s, reg);

	tcase_add_test(irq, irq_three_cells);
	tcase_add_test(irq, irq_parent_inherited);
	tcase_add_test(irq, irq_errors);
	tcase_add_test(irq, irq_without_any_parent);
	tcase_add_test(irq, irq_intids);
	suite_add_tcase(s, irq);

	tcase_add_test(memory, memory_ranges);
	tcase_add_test(memory, memory_at_most_max);
	tcase_add_test(memory, memory_node_limits);
	tcase_add_test(memory, memory_bad_reg);
	tcase_add_test(memory, reserved_limits);
	tcase_add_test(memory, memory_none);
	tcase_add_test(memory, reserved_ranges);
	tcase_add_test(memory, reserved_none);
	tcase_add_test(memory, bootargs_from_chosen);
	tcase_add_test(memory, bootargs_absent);
	tcase_add_test(memory, bootargs_not_terminated);
	suite_add_tcase(s, memory);

	/* Thousands of blobs, slower still under the sanitizers. */
	tcase_set_timeout(fuzz, 120);
	tcase_add_test(fuzz, fuzz_every_byte);
	tcase_add_test(fuzz, fuzz_random_bytes);
	tcase_add_test(fuzz, fuzz_struct_words);
	suite_add_tcase(s, fuzz);
	return s;
}

int main(void)
{
	return unit_run("devtree", devtree_suite());
}
