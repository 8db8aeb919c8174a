/*
 * GICv3 driver (Arm IHI 0069): memory-mapped distributor (GICD) and
 * redistributors (GICR), CPU interface through system registers (ICC_*).
 * Affinity routing is on; every SPI is routed to this CPU.  Interrupts are
 * Group 1 so they arrive as IRQs at EL1 whether or not the GIC has
 * security enabled.
 */
#include <arch/gic.h>
#include <arch/sysreg.h>

#include "hal.h"

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000
#define GICD_CTLR_RWP BIT(31)
#define GICD_CTLR_ARE BIT(4)
#define GICD_CTLR_GRP1 BIT(1)

#define GICR_FRAME 0x10000 /* RD_base and SGI_base frames, 64 KiB each */
#define GICR_CTLR 0x0000
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_TYPER_LAST BIT(4)
#define GICR_WAKER_SLEEP BIT(1)
#define GICR_WAKER_ASLEEP BIT(2)
#define GICR_CTLR_RWP BIT(3)
/* In the SGI_base frame */
#define GICR_IGROUPR0 0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_IPRIORITYR 0x0400

#define ICC_PMR_EL1 "s3_0_c4_c6_0"
#define ICC_IAR1_EL1 "s3_0_c12_c12_0"
#define ICC_EOIR1_EL1 "s3_0_c12_c12_1"
#define ICC_BPR1_EL1 "s3_0_c12_c12_3"
#define ICC_CTLR_EL1 "s3_0_c12_c12_4"
#define ICC_SRE_EL1 "s3_0_c12_c12_5"
#define ICC_IGRPEN1_EL1 "s3_0_c12_c12_7"
#define ICC_SGI1R_EL1 "s3_0_c12_c11_5"

static volatile uint8_t *gicd, *gicr_rd, *gicr_sgi;
static unsigned nlines;

static void wait_rwp(volatile uint8_t *base, uint64_t reg, uint32_t bit)
{
	for (int i = 0; i < 1000000; i++)
		if (!(mmio_read32(base, reg) & bit))
			return;
}

static uint64_t my_affinity(void)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);
	/* GICR_TYPER[63:32] = Aff3:Aff2:Aff1:Aff0 */
	return ((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff);
}

/* Find this CPU's redistributor in the region at `base`. */
static volatile uint8_t *find_redistributor(uint64_t base, uint64_t size,
					    uint64_t stride)
{
	volatile uint8_t *region = arch_map_device(base, size);

	if (!region)
		return NULL;
	for (uint64_t off = 0; off + 2 * GICR_FRAME <= size; off += stride) {
		uint64_t typer = mmio_read64(region, off + GICR_TYPER);
		if ((typer >> 32) == my_affinity())
			return region + off;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return NULL;
}

static int gicv3_init(const struct dt_gic *desc)
{
	/* dt_gic.c bounded the regions, their sizes and the stride. */
	uint64_t stride =
		desc->redist_stride ? desc->redist_stride : 2 * GICR_FRAME;

	gicd = arch_map_device(desc->dist.base, DT_GICV3_DIST_BYTES);
	if (!gicd)
		return -1;
	for (uint32_t r = 0; r < desc->nredist && !gicr_rd; r++)
		gicr_rd = find_redistributor(desc->redist[r].base,
					     desc->redist[r].size, stride);
	if (!gicr_rd)
		return -1;
	gicr_sgi = gicr_rd + GICR_FRAME;

	/* Distributor: off while it is set up, then on with affinity routing.
	 */
	mmio_write32(gicd, GICD_CTLR, 0);
	wait_rwp(gicd, GICD_CTLR, GICD_CTLR_RWP);
	nlines = 32 * ((mmio_read32(gicd, GICD_TYPER) & 0x1f) + 1);
	if (nlines > 1020)
		nlines = 1020;
	uint64_t route = read_sysreg(mpidr_el1) & 0xff00ffffffUL;
	for (unsigned i = 32; i < nlines; i += 32) {
		mmio_write32(gicd, GICD_ICENABLER + i / 8, 0xffffffff);
		mmio_write32(gicd, GICD_IGROUPR + i / 8, 0xffffffff);
	}
	for (unsigned i = 32; i < nlines; i++) {
		mmio_write8(gicd, GICD_IPRIORITYR + i, GIC_PRIO_DEFAULT);
		mmio_write64(gicd, GICD_IROUTER + 8 * i, route);
	}
	for (unsigned i = 32; i < nlines; i += 16)
		mmio_write32(gicd, GICD_ICFGR + i / 4, 0);
	wait_rwp(gicd, GICD_CTLR, GICD_CTLR_RWP);
	mmio_write32(gicd, GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1);
	wait_rwp(gicd, GICD_CTLR, GICD_CTLR_RWP);

	/* Redistributor: wake it, SGIs on, PPIs off until asked for. */
	mmio_write32(gicr_rd, GICR_WAKER,
		     mmio_read32(gicr_rd, GICR_WAKER) & ~GICR_WAKER_SLEEP);
	for (int i = 0; i < 1000000; i++)
		if (!(mmio_read32(gicr_rd, GICR_WAKER) & GICR_WAKER_ASLEEP))
			break;
	mmio_write32(gicr_sgi, GICR_IGROUPR0, 0xffffffff);
	mmio_write32(gicr_sgi, GICR_ICENABLER0, 0xffff0000);
	mmio_write32(gicr_sgi, GICR_ISENABLER0, 0x0000ffff);
	for (unsigned i = 0; i < 32; i++)
		mmio_write8(gicr_sgi, GICR_IPRIORITYR + i, GIC_PRIO_DEFAULT);
	wait_rwp(gicr_rd, GICR_CTLR, GICR_CTLR_RWP);

	/* CPU interface. */
	write_sysreg_s(ICC_SRE_EL1, read_sysreg_s(ICC_SRE_EL1) | 1);
	isb();
	write_sysreg_s(ICC_PMR_EL1, GIC_PRIO_MASK);
	write_sysreg_s(ICC_BPR1_EL1, 0);
	write_sysreg_s(ICC_CTLR_EL1, 0); /* EOI also deactivates */
	write_sysreg_s(ICC_IGRPEN1_EL1, 1);
	isb();
	return 0;
}

static void gicv3_enable(unsigned intid)
{
	if (intid < 32)
		mmio_write32(gicr_sgi, GICR_ISENABLER0, 1u << intid);
	else if (intid < nlines)
		mmio_write32(gicd, GICD_ISENABLER + (intid / 32) * 4,
			     1u << (intid % 32));
}

static void gicv3_disable(unsigned intid)
{
	if (intid < 32) {
		mmio_write32(gicr_sgi, GICR_ICENABLER0, 1u << intid);
		wait_rwp(gicr_rd, GICR_CTLR, GICR_CTLR_RWP);
	} else if (intid < nlines) {
		mmio_write32(gicd, GICD_ICENABLER + (intid / 32) * 4,
			     1u << (intid % 32));
		wait_rwp(gicd, GICD_CTLR, GICD_CTLR_RWP);
	}
}

static unsigned gicv3_ack(void)
{
	uint64_t intid = read_sysreg_s(ICC_IAR1_EL1) & 0xffffff;

	__asm__ volatile("dsb sy" ::: "memory");
	return intid >= 1020 && intid <= 1023 ? IRQ_NONE : (unsigned)intid;
}

static void gicv3_eoi(unsigned intid)
{
	write_sysreg_s(ICC_EOIR1_EL1, intid);
	isb();
}

static void gicv3_send_self_sgi(unsigned intid)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);
	uint64_t v = ((mpidr >> 32) & 0xff) << 48 |
		     ((mpidr >> 16) & 0xff) << 32 |
		     (uint64_t)(intid & 0xf) << 24 |
		     ((mpidr >> 8) & 0xff) << 16 | (1u << (mpidr & 0xf));

	write_sysreg_s(ICC_SGI1R_EL1, v);
	isb();
}

const struct gic_ops gicv3_ops = {
	.name = "GICv3",
	.init = gicv3_init,
	.enable = gicv3_enable,
	.disable = gicv3_disable,
	.ack = gicv3_ack,
	.eoi = gicv3_eoi,
	.send_self_sgi = gicv3_send_self_sgi,
};
