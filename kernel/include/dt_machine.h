/*
 * What the device tree says about the machine, as plain structs.
 *
 * This is the seam between reading the tree and touching the hardware:
 * the functions here are pure (they read a struct devtree and fill a
 * struct, nothing else), check every count, size and number the tree
 * gives against what the tree itself holds and against the kernel's
 * limits, and compile on the build machine for unit tests and fuzzing.
 * arch/ and plat/ consume the structs and never read the tree.
 *
 * Each parser returns DT_OK or a dt_error and, on error, points *what at
 * the property or node at fault, for the boot message.
 */
#ifndef MLK_DT_MACHINE_H
#define MLK_DT_MACHINE_H

#include "devtree.h"

/* ---- interrupt controller ------------------------------------------------ */

/* Redistributor regions a GICv3 description may list. */
#define DT_GIC_MAX_REDIST_REGIONS 8
/* The largest redistributor region mapped: 2048 redistributors of two
 * 64 KiB frames. */
#define DT_GIC_MAX_REDIST_BYTES (256ull << 20)
/* One redistributor: RD_base and SGI_base, 64 KiB each (IHI 0069, 12.10). */
#define DT_GIC_REDIST_FRAMES_BYTES 0x20000u
/* Smallest register blocks the drivers use: GICv3 GICD is 64 KiB; a
 * GICv2 GICD or GICC page is 4 KiB (IHI 0048B, 4.1). */
#define DT_GICV3_DIST_BYTES 0x10000u
#define DT_GICV2_BLOCK_BYTES 0x1000u

struct dt_gic {
	unsigned version;      /* 2 or 3 */
	struct mem_range dist; /* distributor (GICD) */
	struct mem_range cpu;  /* GICv2: CPU interface (GICC) */
	uint32_t nredist;      /* GICv3: regions in redist[] */
	struct mem_range redist[DT_GIC_MAX_REDIST_REGIONS];
	uint64_t redist_stride; /* GICv3: 0, or bytes between redistributors */
};

/*
 * The first enabled GIC (arm,gic-v3, arm,gic-400, arm,cortex-a15-gic,
 * arm,cortex-a9-gic), checked: DT_ERR_NOTFOUND if there is none.
 */
int dt_gic_parse(const struct devtree *dt, struct dt_gic *out,
		 const char **what);
/* The GIC at `node`, taken as `version`. */
int dt_gic_parse_node(const struct devtree *dt, int node, unsigned version,
		      struct dt_gic *out, const char **what);

/* ---- console UART -------------------------------------------------------- */

struct dt_uart {
	struct mem_range regs;
	bool has_irq;
	uint32_t intid;
};

/*
 * The UART compatible with `compat` that /chosen/stdout-path names, else
 * the first enabled one; its reg must hold at least `min_size` bytes.
 */
int dt_uart_parse(const struct devtree *dt, const char *compat,
		  uint64_t min_size, struct dt_uart *out, const char **what);

/* ---- generic timer ------------------------------------------------------- */

struct dt_timer {
	uint32_t virt_intid;	  /* the EL1 virtual timer's PPI */
	uint32_t clock_frequency; /* 0: CNTFRQ_EL0 holds it */
};

/* The arm,armv8-timer (or armv7) node: its virtual timer PPI. */
int dt_timer_parse(const struct devtree *dt, struct dt_timer *out,
		   const char **what);

/* ---- firmware ------------------------------------------------------------ */

enum dt_psci_conduit { DT_PSCI_NONE, DT_PSCI_HVC, DT_PSCI_SMC };

/* /psci's method: hvc or smc; DT_ERR_NOTFOUND without a /psci node. */
int dt_psci_parse(const struct devtree *dt, enum dt_psci_conduit *out,
		  const char **what);

/* ---- the whole machine --------------------------------------------------- */

/* RAM ranges the kernel takes (the physical allocator's zones). */
#define DT_MAX_RAM_RANGES 16
/* Firmware reservations the kernel keeps out of the allocator. */
#define DT_MAX_RESERVED 24

/* A part's verdict: DT_OK, or the error and what it concerns. */
struct dt_result {
	int err;
	const char *what;
};

struct dt_machine {
	struct devtree dt;
	const char *model;    /* the root's model or compatible */
	const char *bootargs; /* "" if none */
	struct dt_result ram_result;
	int nram;
	struct mem_range ram[DT_MAX_RAM_RANGES];
	struct dt_result reserved_result;
	int nreserved;
	struct mem_range reserved[DT_MAX_RESERVED];
	struct dt_result uart_result; /* the PL011 the kernel logs to */
	struct dt_uart uart;
	struct dt_result gic_result;
	struct dt_gic gic;
	struct dt_result timer_result;
	struct dt_timer timer;
	struct dt_result psci_result;
	enum dt_psci_conduit psci;
};

/*
 * Read the blob at `blob` (`size` bytes may be read; never more, and 0
 * is none) and every part of
 * the machine the kernel needs.  Returns dt_init's verdict: if it is not
 * DT_OK nothing else was read.  Otherwise each part carries its own
 * result, so the boot fails where a part is needed, with its reason.
 * This is also the entry point the device-tree fuzzer calls.
 */
int dt_machine_parse(struct dt_machine *m, const void *blob, uint32_t size);

/* The compatible the kernel's console driver takes. */
#define DT_CONSOLE_COMPAT "arm,pl011"
/* The registers the PL011 driver maps (ARM DDI 0183: a 4 KiB block). */
#define DT_CONSOLE_MIN_SIZE 0x1000u

#endif
