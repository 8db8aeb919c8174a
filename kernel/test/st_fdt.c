/*
 * Selftests: the device tree reader on the blob this machine was booted
 * with.  (The reader's error handling is unit-tested on the build machine,
 * tests/unit/test_devtree.c; here it meets a real loader's output.)
 */
#include "bootargs.h"
#include "devtree.h"
#include "dt_machine.h"
#include "hal.h"
#include "kstring.h"
#include "mm.h"
#include "selftest.h"

static bool boot_dt(struct devtree *dt)
{
	uint32_t size;
	const void *blob = arch_boot_dtb(&size);

	return blob && dt_init(dt, blob, size) == DT_OK;
}

SELFTEST(fdt, header_valid)
{
	struct devtree dt;
	uint32_t size;
	const void *blob = arch_boot_dtb(&size);

	ST_REQUIRE(t, blob != NULL);
	ST_EQ(t, dt_init(&dt, blob, size), DT_OK);
	/* The blocks end at dt.size; QEMU's padding after them is not read. */
	uint32_t used = dt.size;
	ST_CHECK(t, used <= size);
	ST_EQ(t, dt_init(&dt, blob, 16), DT_ERR_TRUNCATED);
	ST_EQ(t, dt_init(&dt, blob, used - 1), DT_ERR_TRUNCATED);
	ST_EQ(t, dt_init(&dt, blob, used), DT_OK);
}

SELFTEST(fdt, memory_matches_mm)
{
	struct devtree dt;
	struct mem_range ram[8];
	uint64_t total = 0;

	ST_REQUIRE(t, boot_dt(&dt));
	int n = dt_memory(&dt, ram, 8);
	ST_CHECK(t, n >= 1);
	for (int i = 0; i < n; i++)
		total += ram[i].size;
	ST_EQ(t, total, mm_ram_bytes());
}

SELFTEST(fdt, chosen_bootargs)
{
	struct devtree dt;

	ST_REQUIRE(t, boot_dt(&dt));
	ST_CHECK(t, !strcmp(dt_bootargs(&dt), bootargs_cmdline()));
	/* We are running selftests, so the bootargs say so. */
	const char *v;
	size_t n;
	ST_CHECK(t, bootarg_get("mlk.selftest", &v, &n) && n > 0);
}

SELFTEST(fdt, console_and_interrupts)
{
	struct devtree dt;
	uint64_t base, size;
	struct dt_irq irq;

	ST_REQUIRE(t, boot_dt(&dt));
	int uart = dt_find_compatible(&dt, -1, "arm,pl011");
	ST_REQUIRE(t, uart >= 0);
	ST_EQ(t, dt_reg(&dt, uart, 0, &base, &size), DT_OK);
	ST_CHECK(t, base != 0 && size >= 0x1000);
	ST_EQ(t, dt_irq(&dt, uart, 0, &irq), DT_OK);
	ST_EQ(t, irq.type, 0); /* an SPI */
	ST_EQ(t, dt_reg(&dt, uart, 7, &base, &size), DT_ERR_NOTFOUND);
	int timer = dt_find_compatible(&dt, -1, "arm,armv8-timer");
	ST_REQUIRE(t, timer >= 0);
	ST_EQ(t, dt_irq(&dt, timer, 2, &irq), DT_OK);
	ST_EQ(t, irq.type, 1); /* a PPI */
	ST_EQ(t, irq.num + 16, arch_timer_intid());
}

SELFTEST(fdt, paths_and_parents)
{
	struct devtree dt;

	ST_REQUIRE(t, boot_dt(&dt));
	int chosen = dt_path(&dt, "/chosen");
	ST_CHECK(t, chosen >= 0);
	ST_EQ(t, dt_parent(&dt, chosen), dt_root(&dt));
	ST_EQ(t, dt_path(&dt, "/no-such-node"), DT_ERR_NOTFOUND);
	ST_CHECK(t, dt_path(&dt, "/psci") >= 0);
	ST_CHECK(t, dt_stdout(&dt) >= 0);
}

/* What dt_machine_parse gives is what the boot took: the seam between the
 * tree and the drivers hides nothing. */
SELFTEST(fdt, machine_as_booted)
{
	static struct dt_machine m;
	uint32_t size;
	uint64_t ram = 0;
	const void *blob = arch_boot_dtb(&size);

	ST_REQUIRE(t, dt_machine_parse(&m, blob, size) == DT_OK);
	ST_EQ(t, m.gic_result.err, DT_OK);
	ST_CHECK(t, !strcmp(arch_intc_name(),
			    m.gic.version == 3 ? "GICv3" : "GICv2"));
	ST_EQ(t, m.timer_result.err, DT_OK);
	ST_EQ(t, m.timer.virt_intid, arch_timer_intid());
	ST_EQ(t, m.uart_result.err, DT_OK);
	ST_EQ(t, m.psci_result.err, DT_OK);
	ST_EQ(t, m.ram_result.err, DT_OK);
	for (int i = 0; i < m.nram; i++)
		ram += m.ram[i].size;
	ST_EQ(t, ram, mm_ram_bytes());
}
