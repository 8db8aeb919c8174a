/*
 * Kernel entry.
 *
 * Who jumps here: the loader (QEMU -kernel, U-Boot booti, m1n1), following
 * the arm64 Linux boot protocol (Documentation/arch/arm64/booting.rst):
 *   x0 = physical address of the device tree blob, x1..x3 = 0,
 *   MMU off, D-cache off, interrupts masked, at EL2 or EL1,
 *   the image at a 2 MiB-aligned physical address of the loader's choice.
 *
 * The first 64 bytes are the arm64 Image header the loader reads.
 */
#include <arch/asm.h>
#include <arch/memlayout.h>
#include <arch/sysreg.h>

#define ICC_SRE_EL2 s3_4_c12_c9_5

	.section ".text.head", "ax"
ENTRY(_start)
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset: at the 2 MiB boundary */
	.quad	_kernel_size		/* image_size, including bss; mlk-mkimage
					   grows it to cover the boot bundle */
	.quad	0xa			/* flags: little endian (bit 0 = 0),
					   4 KiB pages (bits 1-2 = 1), anywhere
					   in RAM (bit 3 = 1) */
	.quad	0			/* res2 */
	.quad	0			/* res3 */
	.quad	0			/* res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5: no PE/COFF header */
END(_start)

	.section ".text.boot", "ax"
/*
 * Registers kept until boot_mmu_setup, which records them in boot_state
 * (kmain reads them there):
 *   x19 = device tree physical address
 *   x20 = physical load address of _kernel_start
 *   x21 = exception level we were entered at
 */
LOCAL(primary_entry)
	mov	x19, x0
	adr	x20, _start
	mrs	x21, CurrentEL
	lsr	x21, x21, #2
	cmp	x21, #2
	b.ne	1f
	bl	el2_to_el1
1:	msr	daifset, #0xf
	mov_q	x9, SCTLR_EL1_MMU_OFF
	msr	sctlr_el1, x9
	isb
	bl	pmu_count_instructions

	/* A stack at its physical address for the C that builds the page
	 * tables; boot_mmu_setup returns with the MMU on and the identity map
	 * keeping this code reachable. */
	adr_l	x9, __boot_stack_top
	mov	sp, x9
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	bl	boot_mmu_setup

	/* Into the upper half: an absolute (link-time) address. */
	ldr	x9, =primary_high
	br	x9
	.ltorg
END(primary_entry)

/*
 * Start PMU event counter 0 on INST_RETIRED, from zero, when there is a
 * PMU (ID_AA64DFR0_EL1.PMUVer neither 0 nor 0xf).  Called at EL1 with the
 * MMU off, as early as can be, so that the count system_info reports
 * (arch_instructions_retired) covers the whole boot: `make bench` reads
 * it at the shell's first prompt.  Clobbers x9.
 */
LOCAL(pmu_count_instructions)
	mrs	x9, id_aa64dfr0_el1
	ubfx	x9, x9, #PMU_ID_SHIFT, #4
	cbz	x9, 1f
	cmp	x9, #0xf
	b.eq	1f
	mov	x9, #PMU_EVENT_INST_RETIRED
	msr	pmevtyper0_el0, x9
	msr	pmevcntr0_el0, xzr
	mov	x9, #1
	msr	pmcntenset_el0, x9
	mrs	x9, pmcr_el0
	orr	x9, x9, #PMCR_E
	msr	pmcr_el0, x9
	isb
1:	ret
END(pmu_count_instructions)

/*
 * Leave EL2 for EL1: EL1 is AArch64, owns the timers and the GIC system
 * registers, and nothing traps to EL2.  Returns to x30 at EL1h with all
 * exceptions masked.
 */
LOCAL(el2_to_el1)
	mov_q	x9, HCR_RW
	msr	hcr_el2, x9
	mrs	x9, cnthctl_el2
	orr	x9, x9, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x9
	msr	cntvoff_el2, xzr
	mov	x9, #CPTR_EL2_RES1
	msr	cptr_el2, x9
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
	mrs	x9, midr_el1
	msr	vpidr_el2, x9
	mrs	x9, mpidr_el1
	msr	vmpidr_el2, x9

	/* With a PMU (ID_AA64DFR0_EL1.PMUVer not 0 or 0xf), give EL1 and EL0
	 * all its counters and no traps: MDCR_EL2.HPMN = PMCR_EL0.N. */
	mrs	x9, id_aa64dfr0_el1
	ubfx	x9, x9, #8, #4
	cbz	x9, 2f
	cmp	x9, #0xf
	b.eq	2f
	mrs	x9, pmcr_el0
	ubfx	x9, x9, #11, #5
	msr	mdcr_el2, x9
2:
	/* GICv3 CPU interface present (ID_AA64PFR0_EL1.GIC, bits 27:24)?
	 * Then let EL1 use its system registers (ICC_SRE_EL2.{SRE,Enable}). */
	mrs	x9, id_aa64pfr0_el1
	ubfx	x9, x9, #24, #4
	cbz	x9, 1f
	mrs	x9, ICC_SRE_EL2
	orr	x9, x9, #ICC_SRE_EL2_SRE
	orr	x9, x9, #ICC_SRE_EL2_ENABLE
	msr	ICC_SRE_EL2, x9
	isb
1:	mov_q	x9, SCTLR_EL1_MMU_OFF
	msr	sctlr_el1, x9
	mov	x9, #(SPSR_DAIF | SPSR_MODE_EL1h)
	msr	spsr_el2, x9
	msr	elr_el2, x30
	eret
END(el2_to_el1)

/*
 * aarch64_mmu_enable(tcr, ttbr0, ttbr1), called by boot_mmu_setup with the
 * MMU off.  Returns with it on; the caller's code is identity-mapped.
 */
ENTRY(aarch64_mmu_enable)
	mov_q	x9, MAIR_EL1_VALUE
	msr	mair_el1, x9
	msr	tcr_el1, x0
	msr	ttbr0_el1, x1
	msr	ttbr1_el1, x2
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	mov_q	x9, SCTLR_EL1_MMU_ON
	msr	sctlr_el1, x9
	isb
	ic	iallu
	dsb	nsh
	isb
	ret
END(aarch64_mmu_enable)

	.text
/*
 * Running at the link address now.  Clear .bss (only now: writes made with
 * the cache off could be hidden by stale lines), take the boot stack at its
 * virtual address, install the exception vectors and enter C.
 */
LOCAL(primary_high)
	adr_l	x9, __bss_start
	adr_l	x10, __bss_end
1:	cmp	x9, x10
	b.hs	2f
	stp	xzr, xzr, [x9], #16
	b	1b
2:	adr_l	x9, __boot_stack_top
	mov	sp, x9
	adr_l	x9, exception_vectors
	msr	vbar_el1, x9
	isb
	mov	x29, xzr
	mov	x30, xzr
	bl	kmain			/* kmain(void): boot_state has the rest */
3:	wfi
	b	3b
END(primary_high)
