/*
 * CPU-level services of the HAL on AArch64.
 */
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include <arch/sysreg.h>

#include "crc32.h"
#include "hal.h"
#include "kprintf.h"

unsigned long arch_irq_save(void)
{
	unsigned long daif = read_sysreg(daif);
	__asm__ volatile("msr daifset, #2" ::: "memory");
	return daif;
}

void arch_irq_restore(unsigned long flags)
{
	__asm__ volatile("msr daif, %0" ::"r"(flags) : "memory");
}

void arch_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

void arch_cpu_idle(void)
{
	/* WFI wakes on a pending interrupt even while masked; unmasking
	 * after it lets the interrupt be taken here. */
	__asm__ volatile("dsb sy\n\twfi\n\tmsr daifclr, #2\n\tisb\n\t"
			 "msr daifset, #2" ::
				 : "memory");
}

__noreturn void arch_halt(void)
{
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	for (;;)
		wfi();
}

unsigned arch_boot_el(void)
{
	return (unsigned)boot_state.entry_el;
}

const void *arch_boot_dtb(uint32_t *size)
{
	/* boot_mmu_setup mapped it only if the header looked right. */
	if (!boot_state.dtb_size)
		return NULL;
	*size = (uint32_t)boot_state.dtb_size;
	return phys_to_virt(boot_state.dtb_pa);
}

/* MIDR_EL1: implementer [31:24], variant [23:20], part [15:4], rev [3:0]. */
const char *arch_cpu_name(void)
{
	static char name[48];
	static const struct {
		unsigned implementer, part;
		const char *name;
	} parts[] = {
		{ 0x41, 0xd03, "Cortex-A53" },
		{ 0x41, 0xd04, "Cortex-A35" },
		{ 0x41, 0xd05, "Cortex-A55" },
		{ 0x41, 0xd07, "Cortex-A57" },
		{ 0x41, 0xd08, "Cortex-A72" },
		{ 0x41, 0xd09, "Cortex-A73" },
		{ 0x41, 0xd0a, "Cortex-A75" },
		{ 0x41, 0xd0b, "Cortex-A76" },
		{ 0x41, 0xd0c, "Neoverse-N1" },
		{ 0x41, 0xd0d, "Cortex-A77" },
		{ 0x41, 0xd40, "Neoverse-V1" },
		{ 0x41, 0xd41, "Cortex-A78" },
		{ 0x41, 0xd49, "Neoverse-N2" },
		{ 0x61, 0x022, "Apple M1 Icestorm" },
		{ 0x61, 0x023, "Apple M1 Firestorm" },
		{ 0x00, 0x051, "QEMU max" },
	};
	uint64_t midr = read_sysreg(midr_el1);
	unsigned impl = (midr >> 24) & 0xff, part = (midr >> 4) & 0xfff;
	unsigned var = (midr >> 20) & 0xf, rev = midr & 0xf;

	for (unsigned i = 0; i < ARRAY_SIZE(parts); i++)
		if (parts[i].implementer == impl && parts[i].part == part) {
			ksnprintf(name, sizeof(name), "%s r%up%u",
				  parts[i].name, var, rev);
			return name;
		}
	ksnprintf(name, sizeof(name), "implementer %#x part %#x r%up%u", impl,
		  part, var, rev);
	return name;
}

extern char __boot_stack_top[];

/* Is there a PMU (ID_AA64DFR0_EL1.PMUVer neither 0 nor 0xf)? */
static bool have_pmu(void)
{
	uint64_t ver = (read_sysreg(id_aa64dfr0_el1) >> 8) & 0xf;

	return ver != 0 && ver != 0xf;
}

/* For bundle.c (sdk/lib/include/crc32.h): ID_AA64ISAR0_EL1.CRC32, bits
 * 19:16, is 1 when CRC32B..CRC32X are there. */
bool mlk_cpu_has_crc32(void)
{
	return (read_sysreg(id_aa64isar0_el1) >> 16 & 0xf) != 0;
}

uint64_t arch_instructions_retired(void)
{
	/* head.S started counter 0 on INST_RETIRED at entry. */
	return have_pmu() ? read_sysreg(pmevcntr0_el0) : 0;
}

void arch_user_init(void)
{
	/* The boot stack becomes this CPU's kernel stack. */
	arch_this_cpu()->kstack_top = (uint64_t)__boot_stack_top;
	/* The exception entry from EL0 finds its stack here. */
	write_sysreg(tpidr_el1, arch_this_cpu()->kstack_top);
	fpsimd_init();
	/* Let user space read the cycle counter: the benchmarks count
	 * instructions with it under QEMU -icount (PMCR_EL0.E,
	 * PMCNTENSET_EL0.C, PMUSERENR_EL0.EN|CR). */
	if (have_pmu()) {
		write_sysreg(pmcr_el0, read_sysreg(pmcr_el0) | 1);
		write_sysreg(pmcntenset_el0, 1UL << 31);
		write_sysreg(pmuserenr_el0, (1UL << 0) | (1UL << 2));
		isb();
	}
}
