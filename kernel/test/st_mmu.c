/*
 * Selftests: the kernel's page tables (W^X, guard pages, direct map,
 * device mappings).
 */
#include <arch/memlayout.h>
#include <arch/mmu.h>

#include "hal.h"
#include "pmm.h"
#include "selftest.h"

extern char _kernel_start[], _etext[], _erodata[], __bss_start[];
extern char __stack_guard_start[], __stack_guard_end[], __boot_stack_top[];

static const int rodata_probe = 42;
static int data_probe = 7;

/* An address `n` bytes below a linker symbol. */
static void *below(char *sym, uintptr_t n)
{
	return (void *)((uintptr_t)sym - n);
}

static bool writable(uint64_t pte)
{
	return !(pte & PTE_AP_RO);
}

static bool kernel_exec(uint64_t pte)
{
	return !(pte & PTE_PXN);
}

SELFTEST(mmu, text_is_read_only_executable)
{
	uint64_t pte = mmu_lookup_kernel((const void *)&selftest_run, NULL);

	ST_REQUIRE(t, pte != 0);
	ST_CHECK(t, !writable(pte));
	ST_CHECK(t, kernel_exec(pte));
	ST_CHECK(t, pte & PTE_UXN);
}

SELFTEST(mmu, rodata_is_read_only_not_executable)
{
	uint64_t pte = mmu_lookup_kernel(&rodata_probe, NULL);

	ST_REQUIRE(t, pte != 0);
	ST_CHECK(t, !writable(pte));
	ST_CHECK(t, !kernel_exec(pte));
}

SELFTEST(mmu, data_and_bss_are_not_executable)
{
	uint64_t pte = mmu_lookup_kernel(&data_probe, NULL);
	uint64_t bss = mmu_lookup_kernel(__bss_start, NULL);

	ST_REQUIRE(t, pte != 0 && bss != 0);
	ST_CHECK(t, writable(pte) && !kernel_exec(pte));
	ST_CHECK(t, writable(bss) && !kernel_exec(bss));
}

SELFTEST(mmu, no_page_writable_and_executable)
{
	/* Walk the whole image a page at a time. */
	extern char _kernel_end[];
	int bad = 0;

	for (char *p = _kernel_start; p < _kernel_end; p += PAGE_SIZE) {
		uint64_t pte = mmu_lookup_kernel(p, NULL);
		if (pte && writable(pte) && kernel_exec(pte))
			bad++;
	}
	ST_EQ(t, bad, 0);
}

SELFTEST(mmu, stack_guard_unmapped)
{
	uint64_t pa;

	ST_EQ(t, mmu_lookup_kernel(__stack_guard_start, NULL), 0);
	ST_EQ(t, mmu_lookup_kernel(below(__stack_guard_end, 1), NULL), 0);
	ST_CHECK(t, !arch_probe_kernel_va(below(__stack_guard_end, 8), &pa));
	ST_CHECK(t, arch_probe_kernel_va(below(__boot_stack_top, 8), &pa));
	/* The running stack is in the mapped half of its slot. */
	uint64_t sp;
	__asm__ volatile("mov %0, sp" : "=r"(sp));
	ST_CHECK(t, sp & KERNEL_STACK_SIZE);
}

SELFTEST(mmu, direct_map_matches_physical)
{
	uint64_t pa = pmm_alloc(), probe;
	void *va = phys_to_virt(pa);

	ST_REQUIRE(t, pa != PMM_NONE);
	ST_CHECK(t, arch_probe_kernel_va(va, &probe));
	ST_EQ(t, probe, pa);
	uint64_t pte = mmu_lookup_kernel(va, NULL);
	ST_CHECK(t, writable(pte) && !kernel_exec(pte));
	pmm_free(pa);
}

SELFTEST(mmu, text_alias_in_direct_map_read_only)
{
	uint64_t pte = mmu_lookup_kernel(
		phys_to_virt(kimage_to_phys(_kernel_start)), NULL);

	ST_REQUIRE(t, pte != 0);
	ST_CHECK(t, !writable(pte) && !kernel_exec(pte));
}

SELFTEST(mmu, identity_map_dropped)
{
	uint64_t pa;
	/* The image's physical address is no longer a valid VA. */
	ST_CHECK(t, !arch_probe_kernel_va((void *)kimage_to_phys(_kernel_start),
					  &pa));
}

SELFTEST(mmu, device_mapping_attributes)
{
	/* Map a page of RAM as if it were a device, and check its attrs. */
	uint64_t pa = pmm_alloc();
	volatile uint32_t *dev = arch_map_device(pa, 4);

	ST_REQUIRE(t, pa != PMM_NONE && dev != NULL);
	uint64_t pte = mmu_lookup_kernel((void *)dev, NULL);
	ST_EQ(t, pte & PTE_ATTR_MASK, PTE_ATTR(MAIR_IDX_DEVICE_nGnRE));
	ST_CHECK(t, !kernel_exec(pte) && (pte & PTE_UXN));
	*dev = 0x1234;
	ST_EQ(t, *(uint32_t *)phys_to_virt(pa), 0x1234);
	pmm_free(pa);
}
