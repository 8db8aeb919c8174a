/*
 * AArch64 system registers and the bits of them the kernel uses.
 * Field positions are from the Arm Architecture Reference Manual for A-profile
 * (DDI 0487), chapter D19 "AArch64 System Register Descriptions".
 */
#ifndef MLK_KERNEL_ARCH_AARCH64_ARCH_SYSREG_H
#define MLK_KERNEL_ARCH_AARCH64_ARCH_SYSREG_H

#include "const.h"

/* SCTLR_EL1 (D19.2.118) */
#define SCTLR_M BIT(0)	  /* stage 1 MMU enable */
#define SCTLR_A BIT(1)	  /* alignment checking */
#define SCTLR_C BIT(2)	  /* data cacheability */
#define SCTLR_SA BIT(3)	  /* SP alignment check at EL1 */
#define SCTLR_SA0 BIT(4)  /* SP alignment check at EL0 */
#define SCTLR_I BIT(12)	  /* instruction cacheability */
#define SCTLR_WXN BIT(19) /* writable implies execute-never */
#define SCTLR_SPAN BIT(23)
#define SCTLR_EE BIT(25)
#define SCTLR_UCI BIT(26)
/* RES1 bits of SCTLR_EL1 in Armv8.0: 29, 28, 23, 22, 20, 11. */
#define SCTLR_EL1_RES1                                                         \
	(BIT(29) | BIT(28) | BIT(23) | BIT(22) | BIT(20) | BIT(11))
#define SCTLR_EL1_MMU_OFF (SCTLR_EL1_RES1 | SCTLR_SA | SCTLR_SA0 | SCTLR_I)
#define SCTLR_EL1_MMU_ON (SCTLR_EL1_MMU_OFF | SCTLR_M | SCTLR_C | SCTLR_WXN)

/* HCR_EL2 (D19.2.48) */
#define HCR_RW BIT(31) /* EL1 is AArch64 */

/* SPSR: the mode field and the interrupt masks. */
#define SPSR_MODE_EL0t 0x0
#define SPSR_MODE_EL1t 0x4
#define SPSR_MODE_EL1h 0x5
#define SPSR_MODE_MASK 0xf
#define SPSR_F BIT(6)
#define SPSR_I BIT(7)
#define SPSR_A BIT(8)
#define SPSR_D BIT(9)
#define SPSR_DAIF (SPSR_D | SPSR_A | SPSR_I | SPSR_F)

/* CNTHCTL_EL2: let EL1 reach the physical counter and timer. */
#define CNTHCTL_EL1PCTEN BIT(0)
#define CNTHCTL_EL1PCEN BIT(1)

/* PMU (Arm ARM D13.4): PMCR_EL0.E enables the counters; event 0x08 is
 * INST_RETIRED; PMEVTYPER<n>_EL0 with P, U and NSH clear counts EL1 and
 * EL0 only. */
#define PMCR_E BIT(0)
#define PMU_EVENT_INST_RETIRED 0x08
#define PMU_ID_SHIFT 8 /* ID_AA64DFR0_EL1.PMUVer: 0 or 0xf = none */

/* CPACR_EL1.FPEN (D19.2.30): 0b01 = FP/SIMD traps at EL0 only, 0b11 = it
 * does not trap. */
#define CPACR_FPEN_SHIFT 20
#define CPACR_FPEN_MASK (_UL(3) << CPACR_FPEN_SHIFT)
#define CPACR_FPEN_EL0_TRAPS (_UL(1) << CPACR_FPEN_SHIFT)
#define CPACR_FPEN_NOTRAP (_UL(3) << CPACR_FPEN_SHIFT)

/* TTBR0_EL1: the ASID in bits 63:48, beside the table address. */
#define TTBR_ASID_SHIFT 48

/* CPTR_EL2: clear TFP so EL1/EL0 FP does not trap to EL2. */
#define CPTR_EL2_RES1 (BIT(13) | BIT(12) | BIT(9) | 0xff)

/* ICC_SRE_EL2 (GICv3 system register interface). */
#define ICC_SRE_EL2_SRE BIT(0)
#define ICC_SRE_EL2_ENABLE BIT(3)

/* MAIR_EL1 attribute indexes used by the page tables (see mmu.h). */
#define MAIR_IDX_DEVICE_nGnRnE 0
#define MAIR_IDX_NORMAL 1
#define MAIR_IDX_NORMAL_NC 2
#define MAIR_IDX_DEVICE_nGnRE 3
#define MAIR_EL1_VALUE                                                         \
	((_UL(0x00) << (8 * MAIR_IDX_DEVICE_nGnRnE)) |                         \
	 (_UL(0xff) << (8 * MAIR_IDX_NORMAL)) |                                \
	 (_UL(0x44) << (8 * MAIR_IDX_NORMAL_NC)) |                             \
	 (_UL(0x04) << (8 * MAIR_IDX_DEVICE_nGnRE)))

/* TCR_EL1 (D19.2.139): 4 KiB granules, 48-bit VAs in both halves. */
#define TCR_T0SZ(n) ((_UL(64) - (n)) << 0)
#define TCR_T1SZ(n) ((_UL(64) - (n)) << 16)
#define TCR_IRGN0_WBWA (_UL(1) << 8)
#define TCR_ORGN0_WBWA (_UL(1) << 10)
#define TCR_SH0_INNER (_UL(3) << 12)
#define TCR_TG0_4K (_UL(0) << 14)
#define TCR_EPD0 BIT(7)
#define TCR_IRGN1_WBWA (_UL(1) << 24)
#define TCR_ORGN1_WBWA (_UL(1) << 26)
#define TCR_SH1_INNER (_UL(3) << 28)
#define TCR_TG1_4K (_UL(2) << 30)
#define TCR_IPS_SHIFT 32
#define TCR_AS BIT(36) /* 16-bit ASIDs */
#define TCR_EL1_BASE                                                           \
	(TCR_T0SZ(48) | TCR_T1SZ(48) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA |       \
	 TCR_SH0_INNER | TCR_TG0_4K | TCR_IRGN1_WBWA | TCR_ORGN1_WBWA |        \
	 TCR_SH1_INNER | TCR_TG1_4K)

/* ESR_ELx (D19.2.37) */
#define ESR_EC_SHIFT 26
#define ESR_EC_MASK _UL(0x3f)
#define ESR_IL BIT(25)
#define ESR_ISS_MASK _UL(0x1ffffff)
#define ESR_EC(esr) (((esr) >> ESR_EC_SHIFT) & ESR_EC_MASK)

#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_FP_ASIMD 0x07
#define EC_ILLEGAL_STATE 0x0e
#define EC_SVC64 0x15
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
#define EC_SVE 0x19
#define EC_IABT_LOWER 0x20
#define EC_IABT_CUR 0x21
#define EC_PC_ALIGN 0x22
#define EC_DABT_LOWER 0x24
#define EC_DABT_CUR 0x25
#define EC_SP_ALIGN 0x26
#define EC_FP_EXC64 0x2c
#define EC_SERROR 0x2f
#define EC_BREAKPT_LOWER 0x30
#define EC_BREAKPT_CUR 0x31
#define EC_SOFTSTP_LOWER 0x32
#define EC_SOFTSTP_CUR 0x33
#define EC_WATCHPT_LOWER 0x34
#define EC_WATCHPT_CUR 0x35
#define EC_BRK64 0x3c

/* Data/instruction abort ISS: fault status code and write-not-read. */
#define ESR_ISS_DFSC_MASK _UL(0x3f)
#define ESR_ISS_WNR BIT(6)

/* ID_AA64MMFR0_EL1 */
#define MMFR0_PARANGE_MASK _UL(0xf)
#define MMFR0_ASIDBITS_SHIFT 4

#ifndef __ASSEMBLER__
#include <stdint.h>

#define read_sysreg(reg)                                                       \
	({                                                                     \
		uint64_t __v;                                                  \
		__asm__ volatile("mrs %0, " #reg : "=r"(__v));                 \
		__v;                                                           \
	})

#define write_sysreg(reg, v)                                                   \
	do {                                                                   \
		uint64_t __wv = (uint64_t)(v);                                 \
		__asm__ volatile("msr " #reg ", %0" ::"r"(__wv));              \
	} while (0)

/* Registers the assembler knows only by their encoding. */
#define read_sysreg_s(enc)                                                     \
	({                                                                     \
		uint64_t __v;                                                  \
		__asm__ volatile("mrs %0, " enc : "=r"(__v));                  \
		__v;                                                           \
	})
#define write_sysreg_s(enc, v)                                                 \
	do {                                                                   \
		uint64_t __wv = (uint64_t)(v);                                 \
		__asm__ volatile("msr " enc ", %0" ::"r"(__wv));               \
	} while (0)

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}
static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}
static inline void dsb_ish(void)
{
	__asm__ volatile("dsb ish" ::: "memory");
}
static inline void dsb_ishst(void)
{
	__asm__ volatile("dsb ishst" ::: "memory");
}
static inline void dmb_ish(void)
{
	__asm__ volatile("dmb ish" ::: "memory");
}
static inline void wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}
#endif

#endif
