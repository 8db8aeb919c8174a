/*
 * AArch64 stage 1 translation tables, 4 KiB granule, four levels (L0..L3).
 * Descriptor formats: Arm ARM D8.3 "Translation table descriptor formats".
 */
#ifndef MLK_KERNEL_ARCH_AARCH64_ARCH_MMU_H
#define MLK_KERNEL_ARCH_AARCH64_ARCH_MMU_H

#include "compiler.h"

#include <arch/sysreg.h>

#define PTE_VALID BIT(0)
#define PTE_TYPE_TABLE (3UL << 0) /* L0..L2: next-level table */
#define PTE_TYPE_BLOCK (1UL << 0) /* L1, L2: 1 GiB or 2 MiB block */
#define PTE_TYPE_PAGE (3UL << 0)  /* L3: 4 KiB page */
#define PTE_ATTR(idx) ((uint64_t)(idx) << 2)
#define PTE_ATTR_MASK (7UL << 2)
#define PTE_AP_EL0 BIT(6) /* accessible at EL0 */
#define PTE_AP_RO BIT(7)  /* read-only */
#define PTE_SH_INNER (3UL << 8)
#define PTE_AF BIT(10)
#define PTE_NG BIT(11)
#define PTE_PXN BIT(53)
#define PTE_UXN BIT(54)
#define PTE_ADDR_MASK 0x0000fffffffff000UL
/* Software bits 55..58 are ours: a page that belongs to a memory object. */
#define PTE_SW_SHIFT 55

#define PROT_NORMAL (PTE_ATTR(MAIR_IDX_NORMAL) | PTE_SH_INNER | PTE_AF)
#define PROT_KERNEL_TEXT (PROT_NORMAL | PTE_AP_RO | PTE_UXN)
#define PROT_KERNEL_RO (PROT_NORMAL | PTE_AP_RO | PTE_PXN | PTE_UXN)
#define PROT_KERNEL_RW (PROT_NORMAL | PTE_PXN | PTE_UXN)
#define PROT_KERNEL_DEVICE                                                     \
	(PTE_ATTR(MAIR_IDX_DEVICE_nGnRE) | PTE_AF | PTE_PXN | PTE_UXN)

#define PT_ENTRIES 512
#define PT_LEVEL_SHIFT(l) (39 - 9 * (l))

/* How a page-table walk gets new tables and reaches existing ones. */
struct pt_ctx {
	uint64_t (*alloc)(struct pt_ctx *ctx); /* a zeroed page, or PMM_NONE */
	uint64_t table_offset; /* table virtual address = pa + this */
	bool use_blocks;       /* 1 GiB / 2 MiB blocks where they fit */
	bool keep_existing; /* leave valid entries alone instead of failing */
};

/*
 * Map [va, va + size) to [pa, ...) with protection `prot` in the tables
 * rooted at `root` (a physical address).  Returns 0, or -1 when a table
 * cannot be allocated or a different valid mapping is in the way.
 */
int pt_map(struct pt_ctx *ctx, uint64_t root, uint64_t va, uint64_t pa,
	   uint64_t size, uint64_t prot);
/* The level 3 slot for va, or NULL if no level 3 table covers it. */
uint64_t *pt_leaf_slot(struct pt_ctx *ctx, uint64_t root, uint64_t va);
/* Free the table at `table` (of `level`) and every table below it. */
void pt_free_tables(struct pt_ctx *ctx, uint64_t table, int level,
		    void (*free_page)(struct pt_ctx *ctx, uint64_t pa));
/* The leaf descriptor mapping va (0 if none); *level gets its level. */
uint64_t pt_lookup(struct pt_ctx *ctx, uint64_t root, uint64_t va, int *level);

/* Boot-time facts shared between head.S, boot_mmu.c and mmu.c. */
struct boot_state {
	uint64_t load_pa; /* physical address of _kernel_start */
	uint64_t dtb_pa;
	uint64_t dtb_size;  /* bytes of it mapped read-only; 0: none */
	uint64_t entry_el;  /* 1 or 2 */
	uint64_t ttbr1;	    /* root of the kernel tables */
	uint64_t pool_used; /* boot page-table pool pages handed out */
	uint64_t tcr;
} __aligned(64);

extern struct boot_state boot_state;

/* kernel image virtual address <-> physical address */
uint64_t kimage_to_phys(const void *va);

/* Set up the boot page tables and switch the MMU on (head.S, pre-MMU). */
void boot_mmu_setup(uint64_t dtb_pa, uint64_t load_pa, uint64_t el);
/* head.S: program MAIR/TCR/TTBRs and set SCTLR_EL1.M. */
void aarch64_mmu_enable(uint64_t tcr, uint64_t ttbr0, uint64_t ttbr1);
/* Allocate a boot pool page (pre- or post-MMU) or, once the PMM runs, a PMM
 * page. */
uint64_t boot_pt_alloc(struct pt_ctx *ctx);

void tlb_flush_all(void);
/* The kernel tables' leaf descriptor for va (0 if unmapped). */
uint64_t mmu_lookup_kernel(const void *va, int *level);

#endif
