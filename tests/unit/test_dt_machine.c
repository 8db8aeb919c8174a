/*
 * Unit tests of what the kernel takes from the device tree:
 * kernel/core/dt_machine.c, dt_gic.c and dt_devices.c (see dt_machine.h).
 *
 * A tree shaped like QEMU's virt machine with a GICv3 is built with
 * libfdt; each test patches one part of it the way a hostile or broken
 * loader could, and checks the error and the property named.
 */
#include "dt_machine.h"

#include "fdt_build.h"

/* ---- the tree ------------------------------------------------------------ */

/* What the tests vary.  Zero fields keep QEMU's values. */
struct shape {
	unsigned gic;		 /* 2 or 3 (default 3) */
	const uint32_t *gic_reg; /* cells; gic_reg_n of them */
	size_t gic_reg_n;
	const void *regions; /* #redistributor-regions, raw */
	int regions_len;
	const void *stride; /* redistributor-stride, raw */
	int stride_len;
	bool gic_disabled;
	const uint32_t *uart_irq; /* three cells */
	uint32_t uart_size;
	const uint32_t *timer_irqs; /* four entries of three cells */
	const void *timer_freq;
	int timer_freq_len;
	const char *psci_method; /* NULL: QEMU's "hvc"; "": no /psci */
};

static void build_gic(const struct shape *sh)
{
	static const uint32_t v3_reg[] = { 0, 0x08000000, 0, 0x10000,
					   0, 0x080a0000, 0, 0xf60000 };
	static const uint32_t v2_reg[] = { 0, 0x08000000, 0, 0x10000,
					   0, 0x08010000, 0, 0x10000 };
	bool v2 = sh->gic == 2;

	node(v2 ? "gic@8000000" : "intc@8000000");
	prop_str("compatible", v2 ? "arm,cortex-a15-gic" : "arm,gic-v3");
	prop_u32("#interrupt-cells", 3);
	prop_empty("interrupt-controller");
	prop_u32("phandle", 1);
	if (sh->gic_reg)
		prop_cells_n("reg", sh->gic_reg, sh->gic_reg_n);
	else
		prop_cells_n("reg", v2 ? v2_reg : v3_reg, 8);
	if (sh->regions)
		prop_raw("#redistributor-regions", sh->regions,
			 sh->regions_len);
	if (sh->stride)
		prop_raw("redistributor-stride", sh->stride, sh->stride_len);
	if (sh->gic_disabled)
		prop_str("status", "disabled");
	end();
}

static void build_devices(const struct shape *sh)
{
	static const uint32_t timer[] = { 1, 13, 0xf04, 1, 14, 0xf04,
					  1, 11, 0xf04, 1, 10, 0xf04 };

	node("pl011@9000000");
	prop_list("compatible", "arm,pl011\0arm,primecell");
	prop_cells("reg", 0, 0x09000000, 0, sh->uart_size ?: 0x1000);
	if (sh->uart_irq)
		prop_cells_n("interrupts", sh->uart_irq, 3);
	end();
	node("timer");
	prop_str("compatible", "arm,armv8-timer");
	prop_cells_n("interrupts", sh->timer_irqs ?: timer, 12);
	if (sh->timer_freq)
		prop_raw("clock-frequency", sh->timer_freq, sh->timer_freq_len);
	end();
	if (!sh->psci_method || *sh->psci_method) {
		node("psci");
		prop_str("compatible", "arm,psci-1.0");
		prop_str("method", sh->psci_method ?: "hvc");
		end();
	}
}

static uint32_t build(const struct shape *sh)
{
	start();
	reserve(0x48000000, 0x100000);
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	prop_u32("#address-cells", 2);
	prop_u32("#size-cells", 2);
	prop_u32("interrupt-parent", 1);
	prop_str("compatible", "linux,dummy-virt");
	node("memory@40000000");
	prop_str("device_type", "memory");
	prop_cells("reg", 0, 0x40000000, 0, 0x20000000);
	end();
	node("chosen");
	prop_str("bootargs", "mlk.selftest=1");
	prop_str("stdout-path", "/pl011@9000000");
	end();
	build_gic(sh);
	if (sh->gic_disabled) { /* an enabled GICv2 after it */
		struct shape v2 = { .gic = 2 };
		build_gic(&v2);
	}
	build_devices(sh);
	end();
	return finish();
}

/* A tree with RAM and nothing else. */
static void build_memory_only(void)
{
	start();
	FDT_DO(fdt_finish_reservemap(fdt));
	node("");
	node("memory@0");
	prop_str("device_type", "memory");
	prop_cells("reg", 0, 0, 0, 0x1000);
	end();
	end();
	finish();
}

static struct dt_machine machine;

/* Build, parse the whole machine; the tree itself must be well formed. */
static struct dt_machine *parse(const struct shape *sh)
{
	uint32_t size = build(sh);

	ck_assert_int_eq(dt_machine_parse(&machine, fdt, size), DT_OK);
	return &machine;
}

static void expect(const struct dt_result *r, int err, const char *what)
{
	ck_assert_msg(r->err == err, "error %d (%s), not %d", r->err,
		      dt_strerror(r->err), err);
	if (what)
		ck_assert_str_eq(r->what, what);
	else
		ck_assert_ptr_null(r->what);
}

static const uint32_t one_cell_max[] = { 0xffffffff };

/* ---- the whole machine --------------------------------------------------- */

START_TEST(virt_v3)
{
	struct dt_machine *m = parse(&(struct shape){ 0 });

	ck_assert_str_eq(m->model, "linux,dummy-virt");
	ck_assert_str_eq(m->bootargs, "mlk.selftest=1");
	expect(&m->ram_result, DT_OK, NULL);
	ck_assert_int_eq(m->nram, 1);
	ck_assert_uint_eq(m->ram[0].base, 0x40000000);
	ck_assert_uint_eq(m->ram[0].size, 0x20000000);
	expect(&m->reserved_result, DT_OK, NULL);
	ck_assert_int_eq(m->nreserved, 1);
	ck_assert_uint_eq(m->reserved[0].base, 0x48000000);
	expect(&m->gic_result, DT_OK, NULL);
	ck_assert_uint_eq(m->gic.version, 3);
	ck_assert_uint_eq(m->gic.dist.base, 0x08000000);
	ck_assert_uint_eq(m->gic.nredist, 1);
	ck_assert_uint_eq(m->gic.redist[0].base, 0x080a0000);
	ck_assert_uint_eq(m->gic.redist[0].size, 0xf60000);
	ck_assert_uint_eq(m->gic.redist_stride, 0);
	expect(&m->uart_result, DT_OK, NULL);
	ck_assert_uint_eq(m->uart.regs.base, 0x09000000);
	ck_assert(!m->uart.has_irq);
	expect(&m->timer_result, DT_OK, NULL);
	ck_assert_uint_eq(m->timer.virt_intid, 27);
	ck_assert_uint_eq(m->timer.clock_frequency, 0);
	expect(&m->psci_result, DT_OK, NULL);
	ck_assert_int_eq(m->psci, DT_PSCI_HVC);
}
END_TEST

START_TEST(virt_v2)
{
	struct dt_machine *m = parse(&(struct shape){ .gic = 2 });

	expect(&m->gic_result, DT_OK, NULL);
	ck_assert_uint_eq(m->gic.version, 2);
	ck_assert_uint_eq(m->gic.dist.base, 0x08000000);
	ck_assert_uint_eq(m->gic.cpu.base, 0x08010000);
	ck_assert_uint_eq(m->gic.nredist, 0);
}
END_TEST

/* An unusable blob: nothing else is read, the defaults stay printable. */
START_TEST(unusable_tree)
{
	static const uint8_t zeroes[64];

	ck_assert_int_eq(dt_machine_parse(&machine, zeroes, sizeof(zeroes)),
			 DT_ERR_MAGIC);
	ck_assert_str_eq(machine.model, "unknown board");
	ck_assert_str_eq(machine.bootargs, "");
	ck_assert_int_eq(dt_machine_parse(&machine, NULL, 0), DT_ERR_MAGIC);
	ck_assert_int_eq(dt_machine_parse(&machine, zeroes, 0),
			 DT_ERR_TRUNCATED);
	uint32_t size = build(&(struct shape){ 0 });
	ck_assert_int_eq(dt_machine_parse(&machine, fdt, size - 1),
			 DT_ERR_TRUNCATED);
}
END_TEST

/* ---- GICv3 --------------------------------------------------------------- */

/* Issue 8, finding 9: #redistributor-regions = 0xffffffff while reg holds
 * only the distributor looped four billion times (and 1 + (int)r
 * overflowed).  Refused, naming the property. */
START_TEST(v3_regions_beyond_reg)
{
	static const uint32_t dist_only[] = { 0, 0x08000000, 0, 0x10000 };
	struct dt_machine *m = parse(&(struct shape){
		.gic_reg = dist_only,
		.gic_reg_n = 4,
		.regions = (const uint32_t[]){ cpu_to_fdt32(0xffffffff) },
		.regions_len = 4,
	});

	expect(&m->gic_result, DT_ERR_RANGE, "#redistributor-regions");
	/* With the QEMU reg too: one region there, not four billion. */
	m = parse(&(struct shape){
		.regions = (const uint32_t[]){ cpu_to_fdt32(0xffffffff) },
		.regions_len = 4,
	});
	expect(&m->gic_result, DT_ERR_RANGE, "#redistributor-regions");
	m = parse(&(struct shape){
		.regions = (const uint32_t[]){ cpu_to_fdt32(2) },
		.regions_len = 4,
	});
	expect(&m->gic_result, DT_ERR_RANGE, "#redistributor-regions");
	m = parse(&(struct shape){
		.regions = (const uint32_t[]){ 0 },
		.regions_len = 4,
	});
	expect(&m->gic_result, DT_ERR_RANGE, "#redistributor-regions");
}
END_TEST

START_TEST(v3_regions_malformed)
{
	struct dt_machine *m = parse(&(struct shape){
		.regions = (const uint64_t[]){ 1 },
		.regions_len = 8,
	});

	expect(&m->gic_result, DT_ERR_BADPROP, "#redistributor-regions");
	/* An empty reg: no distributor. */
	m = parse(&(struct shape){ .gic_reg = one_cell_max, .gic_reg_n = 0 });
	expect(&m->gic_result, DT_ERR_NOTFOUND, "reg (distributor)");
	/* A reg that is not whole entries. */
	m = parse(&(struct shape){ .gic_reg = one_cell_max, .gic_reg_n = 1 });
	expect(&m->gic_result, DT_ERR_BADPROP, "reg");
}
END_TEST

/* reg cells: GICD, then `n` redistributor regions of `size` bytes. */
static size_t regions_reg(uint32_t *cells, unsigned n, uint32_t size)
{
	size_t k = 0;

	cells[k++] = 0;
	cells[k++] = 0x08000000;
	cells[k++] = 0;
	cells[k++] = 0x10000;
	for (unsigned i = 0; i < n; i++) {
		cells[k++] = 0;
		cells[k++] = 0x10000000 + i * 0x1000000;
		cells[k++] = 0;
		cells[k++] = size;
	}
	return k;
}

START_TEST(v3_several_regions)
{
	uint32_t cells[4 * (DT_GIC_MAX_REDIST_REGIONS + 2)];
	uint32_t n = DT_GIC_MAX_REDIST_REGIONS;
	size_t k = regions_reg(cells, n, 0x20000);
	struct dt_machine *m = parse(&(struct shape){
		.gic_reg = cells,
		.gic_reg_n = k,
		.regions = (const uint32_t[]){ cpu_to_fdt32(n) },
		.regions_len = 4,
	});

	expect(&m->gic_result, DT_OK, NULL);
	ck_assert_uint_eq(m->gic.nredist, n);
	ck_assert_uint_eq(m->gic.redist[n - 1].base,
			  0x10000000 + (n - 1) * 0x1000000);
	/* One more than the kernel takes, though reg holds them. */
	k = regions_reg(cells, n + 1, 0x20000);
	m = parse(&(struct shape){
		.gic_reg = cells,
		.gic_reg_n = k,
		.regions = (const uint32_t[]){ cpu_to_fdt32(n + 1) },
		.regions_len = 4,
	});
	expect(&m->gic_result, DT_ERR_LIMIT, "#redistributor-regions");
	/* Fewer regions than reg entries: the rest (GICC, GICH ...) stay
	 * unread. */
	k = regions_reg(cells, 3, 0x20000);
	m = parse(&(struct shape){
		.gic_reg = cells,
		.gic_reg_n = k,
		.regions = (const uint32_t[]){ cpu_to_fdt32(2) },
		.regions_len = 4,
	});
	expect(&m->gic_result, DT_OK, NULL);
	ck_assert_uint_eq(m->gic.nredist, 2);
}
END_TEST

START_TEST(v3_region_sizes)
{
	uint32_t cells[8];
	size_t k = regions_reg(cells, 1, 0x1ffff);
	struct dt_machine *m =
		parse(&(struct shape){ .gic_reg = cells, .gic_reg_n = k });

	expect(&m->gic_result, DT_ERR_RANGE, "reg (redistributors)");
	k = regions_reg(cells, 1, 0);
	cells[6] = 1; /* 4 GiB: past the limit */
	m = parse(&(struct shape){ .gic_reg = cells, .gic_reg_n = k });
	expect(&m->gic_result, DT_ERR_LIMIT, "reg (redistributors)");
	/* A distributor smaller than its 64 KiB. */
	k = regions_reg(cells, 1, 0x20000);
	cells[3] = 0xf000;
	m = parse(&(struct shape){ .gic_reg = cells, .gic_reg_n = k });
	expect(&m->gic_result, DT_ERR_RANGE, "reg (distributor)");
	/* A region that wraps past the top of the address space. */
	k = regions_reg(cells, 1, 0x20000);
	cells[4] = 0xffffffff;
	cells[5] = 0xffff0000;
	m = parse(&(struct shape){ .gic_reg = cells, .gic_reg_n = k });
	expect(&m->gic_result, DT_ERR_RANGE, "reg (redistributors)");
}
END_TEST

static void expect_stride(const void *raw, int len, int err, uint64_t stride)
{
	struct dt_machine *m =
		parse(&(struct shape){ .stride = raw, .stride_len = len });

	expect(&m->gic_result, err, err ? "redistributor-stride" : NULL);
	if (err == DT_OK)
		ck_assert_uint_eq(m->gic.redist_stride, stride);
}

START_TEST(v3_stride)
{
	expect_stride((const uint32_t[]){ cpu_to_fdt32(0x40000) }, 4, DT_OK,
		      0x40000);
	expect_stride((const uint64_t[]){ cpu_to_fdt64(0x20000) }, 8, DT_OK,
		      0x20000);
	expect_stride((const uint32_t[]){ cpu_to_fdt32(0x30000) }, 4, DT_OK,
		      0x30000);
	expect_stride((const uint32_t[]){ cpu_to_fdt32(0x28000) }, 4,
		      DT_ERR_RANGE, 0);
	expect_stride((const uint32_t[]){ cpu_to_fdt32(0x10000) }, 4,
		      DT_ERR_RANGE, 0);
	expect_stride((const uint32_t[]){ 0 }, 4, DT_ERR_RANGE, 0);
	expect_stride((const uint64_t[]){ cpu_to_fdt64(1ull << 40) }, 8,
		      DT_ERR_RANGE, 0);
	expect_stride("\0\0\2\0\0", 5, DT_ERR_BADPROP, 0);
}
END_TEST

/* ---- GICv2 and the choice of GIC ----------------------------------------- */

START_TEST(v2_blocks)
{
	static const uint32_t dist_only[] = { 0, 0x08000000, 0, 0x10000 };
	static const uint32_t small_cpu[] = { 0, 0x08000000, 0, 0x10000,
					      0, 0x08010000, 0, 0x100 };
	struct dt_machine *m = parse(&(struct shape){
		.gic = 2, .gic_reg = dist_only, .gic_reg_n = 4 });

	expect(&m->gic_result, DT_ERR_NOTFOUND, "reg (cpu interface)");
	m = parse(&(struct shape){
		.gic = 2, .gic_reg = small_cpu, .gic_reg_n = 8 });
	expect(&m->gic_result, DT_ERR_RANGE, "reg (cpu interface)");
}
END_TEST

START_TEST(disabled_gic_skipped)
{
	struct dt_machine *m = parse(&(struct shape){ .gic_disabled = true });

	expect(&m->gic_result, DT_OK, NULL);
	ck_assert_uint_eq(m->gic.version, 2);
}
END_TEST

START_TEST(no_gic)
{
	struct dt_gic gic;
	const char *what = NULL;

	build_memory_only();
	struct devtree dt;
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_gic_parse(&dt, &gic, &what), DT_ERR_NOTFOUND);
	ck_assert_str_eq(what, "interrupt-controller");
	ck_assert_int_eq(dt_gic_parse_node(&dt, dt_root(&dt), 4, &gic, &what),
			 DT_ERR_RANGE);
	ck_assert_str_eq(what, "version");
}
END_TEST

/* ---- UART, timer, PSCI --------------------------------------------------- */

START_TEST(uart)
{
	struct dt_machine *m = parse(
		&(struct shape){ .uart_irq = (const uint32_t[]){ 0, 1, 4 } });

	expect(&m->uart_result, DT_OK, NULL);
	ck_assert(m->uart.has_irq);
	ck_assert_uint_eq(m->uart.intid, 33);
	ck_assert_uint_eq(m->uart.regs.size, 0x1000);
	m = parse(&(struct shape){
		.uart_irq = (const uint32_t[]){ 0, 0xffffffff, 4 } });
	expect(&m->uart_result, DT_ERR_RANGE, "interrupts");
	m = parse(&(struct shape){ .uart_size = 0x100 });
	expect(&m->uart_result, DT_ERR_RANGE, "reg");
}
END_TEST

START_TEST(uart_absent)
{
	struct dt_uart u;
	const char *what = NULL;
	struct devtree dt;

	build_memory_only();
	ck_assert_int_eq(dt_init(&dt, fdt, fdt_totalsize(fdt)), DT_OK);
	ck_assert_int_eq(dt_uart_parse(&dt, "arm,pl011", 0x1000, &u, &what),
			 DT_ERR_NOTFOUND);
	ck_assert_str_eq(what, "arm,pl011");
}
END_TEST

static const uint32_t *timer_with_virt(uint32_t type, uint32_t num)
{
	static uint32_t cells[12] = { 1, 13, 0xf04, 1, 14, 0xf04,
				      1, 11, 0xf04, 1, 10, 0xf04 };

	cells[6] = type;
	cells[7] = num;
	return cells;
}

START_TEST(timer)
{
	struct dt_machine *m =
		parse(&(struct shape){ .timer_irqs = timer_with_virt(0, 11) });

	/* An SPI cannot be a per-CPU timer. */
	expect(&m->timer_result, DT_ERR_RANGE, "interrupts");
	m = parse(&(struct shape){ .timer_irqs = timer_with_virt(1, 16) });
	expect(&m->timer_result, DT_ERR_RANGE, "interrupts");
	m = parse(&(struct shape){ .timer_irqs = timer_with_virt(1, 15) });
	expect(&m->timer_result, DT_OK, NULL);
	ck_assert_uint_eq(m->timer.virt_intid, 31);
	m = parse(&(struct shape){
		.timer_freq = (const uint32_t[]){ cpu_to_fdt32(24000000) },
		.timer_freq_len = 4 });
	expect(&m->timer_result, DT_OK, NULL);
	ck_assert_uint_eq(m->timer.clock_frequency, 24000000);
	m = parse(&(struct shape){ .timer_freq = (const uint32_t[]){ 0 },
				   .timer_freq_len = 4 });
	expect(&m->timer_result, DT_ERR_BADPROP, "clock-frequency");
	m = parse(&(struct shape){
		.timer_freq = (const uint64_t[]){ cpu_to_fdt64(24000000) },
		.timer_freq_len = 8 });
	expect(&m->timer_result, DT_ERR_BADPROP, "clock-frequency");
}
END_TEST

START_TEST(psci)
{
	struct dt_machine *m = parse(&(struct shape){ .psci_method = "smc" });

	expect(&m->psci_result, DT_OK, NULL);
	ck_assert_int_eq(m->psci, DT_PSCI_SMC);
	m = parse(&(struct shape){ .psci_method = "magic" });
	expect(&m->psci_result, DT_ERR_BADPROP, "method");
	ck_assert_int_eq(m->psci, DT_PSCI_NONE);
	m = parse(&(struct shape){ .psci_method = "" });
	expect(&m->psci_result, DT_ERR_NOTFOUND, "/psci");
}
END_TEST

/* ---- corrupted blobs ----------------------------------------------------- */

/* Every byte of the tree flipped, one at a time: dt_machine_parse gives
 * an error or a machine, and AddressSanitizer sees any read outside the
 * copy (made exactly as long as the blob). */
START_TEST(fuzz_every_byte)
{
	uint32_t size = build(&(struct shape){ 0 });
	uint8_t *blob = malloc(size);
	int good = 0;

	memcpy(blob, fdt, size);
	for (uint32_t i = 0; i < size; i++)
		for (unsigned bit = 0; bit < 8; bit += 7) {
			uint8_t *copy = malloc(size);
			memcpy(copy, blob, size);
			copy[i] ^= (uint8_t)(1u << bit);
			int err = dt_machine_parse(&machine, copy, size);
			ck_assert(err <= DT_OK && err >= DT_ERR_LAST);
			good += err == DT_OK;
			free(copy);
		}
	ck_assert_int_gt(good, 0);
	free(blob);
}
END_TEST

static Suite *dt_machine_suite(void)
{
	Suite *s = suite_create("dt_machine");
	TCase *whole = tcase_create("whole");
	TCase *gic = tcase_create("gic");
	TCase *devices = tcase_create("devices");
	TCase *fuzz = tcase_create("fuzz");

	tcase_add_test(whole, virt_v3);
	tcase_add_test(whole, virt_v2);
	tcase_add_test(whole, unusable_tree);
	suite_add_tcase(s, whole);
	tcase_add_test(gic, v3_regions_beyond_reg);
	tcase_add_test(gic, v3_regions_malformed);
	tcase_add_test(gic, v3_several_regions);
	tcase_add_test(gic, v3_region_sizes);
	tcase_add_test(gic, v3_stride);
	tcase_add_test(gic, v2_blocks);
	tcase_add_test(gic, disabled_gic_skipped);
	tcase_add_test(gic, no_gic);
	suite_add_tcase(s, gic);
	tcase_add_test(devices, uart);
	tcase_add_test(devices, uart_absent);
	tcase_add_test(devices, timer);
	tcase_add_test(devices, psci);
	suite_add_tcase(s, devices);
	tcase_add_test(fuzz, fuzz_every_byte);
	tcase_set_timeout(fuzz, 120);
	suite_add_tcase(s, fuzz);
	return s;
}

int main(void)
{
	return unit_run("dt_machine", dt_machine_suite());
}
