/*
 * GICv2 driver (Arm IHI 0048B): memory-mapped distributor (GICD) and CPU
 * interface (GICC).  Only this CPU's interface is used for now; every SPI
 * targets CPU 0.
 */
#include <arch/gic.h>

#include "hal.h"

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00

#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10

static volatile uint8_t *gicd, *gicc;
static unsigned nlines;
/* GICC_EOIR needs the whole IAR value (the source CPU of an SGI). */
static uint32_t last_iar;

static int gicv2_init(const struct dt_gic *desc)
{
	/* The registers used lie in the first 4 KiB of each block, which
	 * dt_gic.c checked the tree gives. */
	gicd = arch_map_device(desc->dist.base, DT_GICV2_BLOCK_BYTES);
	gicc = arch_map_device(desc->cpu.base, DT_GICV2_BLOCK_BYTES);
	if (!gicd || !gicc)
		return -1;

	mmio_write32(gicd, GICD_CTLR, 0);
	nlines = 32 * ((mmio_read32(gicd, GICD_TYPER) & 0x1f) + 1);
	if (nlines > 1020)
		nlines = 1020;
	for (unsigned i = 32; i < nlines; i += 32)
		mmio_write32(gicd, GICD_ICENABLER + i / 8, 0xffffffff);
	for (unsigned i = 0; i < nlines; i++) {
		mmio_write8(gicd, GICD_IPRIORITYR + i, GIC_PRIO_DEFAULT);
		if (i >= 32)
			mmio_write8(gicd, GICD_ITARGETSR + i, 1);
	}
	for (unsigned i = 32; i < nlines; i += 16)
		mmio_write32(gicd, GICD_ICFGR + i / 4, 0); /* level */
	mmio_write32(gicd, GICD_CTLR, 1);

	/* Banked per CPU: SGIs on, PPIs off until asked for. */
	mmio_write32(gicd, GICD_ICENABLER, 0xffff0000);
	mmio_write32(gicd, GICD_ISENABLER, 0x0000ffff);
	mmio_write32(gicc, GICC_PMR, GIC_PRIO_MASK);
	mmio_write32(gicc, GICC_BPR, 0);
	mmio_write32(gicc, GICC_CTLR, 1);
	return 0;
}

static void gicv2_enable(unsigned intid)
{
	if (intid < nlines)
		mmio_write32(gicd, GICD_ISENABLER + (intid / 32) * 4,
			     1u << (intid % 32));
}

static void gicv2_disable(unsigned intid)
{
	if (intid < nlines)
		mmio_write32(gicd, GICD_ICENABLER + (intid / 32) * 4,
			     1u << (intid % 32));
}

static unsigned gicv2_ack(void)
{
	uint32_t iar = mmio_read32(gicc, GICC_IAR);
	unsigned intid = iar & 0x3ff;

	if (intid >= 1020)
		return IRQ_NONE;
	last_iar = iar;
	return intid;
}

static void gicv2_eoi(unsigned intid)
{
	mmio_write32(gicc, GICC_EOIR,
		     (last_iar & 0x3ff) == intid ? last_iar : intid);
}

static void gicv2_send_self_sgi(unsigned intid)
{
	/* TargetListFilter = 0b10: this CPU only. */
	mmio_write32(gicd, GICD_SGIR, (2u << 24) | (intid & 0xf));
}

const struct gic_ops gicv2_ops = {
	.name = "GICv2",
	.init = gicv2_init,
	.enable = gicv2_enable,
	.disable = gicv2_disable,
	.ack = gicv2_ack,
	.eoi = gicv2_eoi,
	.send_self_sgi = gicv2_send_self_sgi,
};
