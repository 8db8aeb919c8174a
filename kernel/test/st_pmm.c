/*
 * Selftests: the physical memory manager on the machine's real RAM.
 */
#include <arch/memlayout.h>

#include "hal.h"
#include "kstring.h"
#include "mm.h"
#include "pmm.h"
#include "selftest.h"

SELFTEST(pmm, counts_match_ram)
{
	uint64_t total = pmm_total_pages() * PAGE_SIZE;

	ST_CHECK(t, pmm_free_pages() <= pmm_total_pages());
	/* Whole pages of RAM: at most a page lost at each end of a range. */
	ST_CHECK(t, total <= mm_ram_bytes());
	ST_CHECK(t, total + 2 * PAGE_SIZE * (uint64_t)pmm_zone_count() >=
			    mm_ram_bytes());
}

SELFTEST(pmm, alloc_is_usable_and_freed)
{
	uint64_t before = pmm_free_pages();
	uint64_t pa = pmm_alloc();

	ST_REQUIRE(t, pa != PMM_NONE);
	ST_CHECK(t, IS_ALIGNED(pa, PAGE_SIZE));
	ST_CHECK(t, pmm_is_allocated(pa));
	ST_EQ(t, pmm_free_pages(), before - 1);
	/* The page is reachable through the direct map and writable. */
	memset(phys_to_virt(pa), 0xa5, PAGE_SIZE);
	ST_EQ(t, ((uint8_t *)phys_to_virt(pa))[PAGE_SIZE - 1], 0xa5);
	ST_EQ(t, pmm_free(pa), PMM_OK);
	ST_EQ(t, pmm_free_pages(), before);
}

SELFTEST(pmm, double_free_detected)
{
	uint64_t pa = pmm_alloc();

	ST_REQUIRE(t, pa != PMM_NONE);
	ST_EQ(t, pmm_free(pa), PMM_OK);
	ST_EQ(t, pmm_free(pa), PMM_ERR_DOUBLE_FREE);
	ST_EQ(t, pmm_free(pa + 1), PMM_ERR_ALIGN);
}

SELFTEST(pmm, kernel_and_dtb_reserved)
{
	uint64_t kbase, kend, pa;
	uint32_t size;
	const void *dtb = arch_boot_dtb(&size);

	arch_kernel_range(&kbase, &kend);
	for (pa = kbase; pa < kend; pa += PAGE_SIZE)
		if (!pmm_is_allocated(pa))
			break;
	ST_CHECK(t, pa >= kend);
	ST_REQUIRE(t, dtb != NULL);
	ST_CHECK(t, pmm_is_allocated(ALIGN_DOWN(virt_to_phys(dtb), PAGE_SIZE)));
	ST_CHECK(t, pmm_is_allocated(ALIGN_DOWN(virt_to_phys(dtb) + size - 1,
						PAGE_SIZE)));
}

SELFTEST(pmm, contiguous_aligned_run)
{
	uint64_t pa = pmm_alloc_run(64, 16);

	ST_REQUIRE(t, pa != PMM_NONE);
	ST_CHECK(t, IS_ALIGNED(pa, 16 * PAGE_SIZE));
	for (int i = 0; i < 64; i++)
		ST_CHECK(t, pmm_is_allocated(pa + (uint64_t)i * PAGE_SIZE));
	ST_EQ(t, pmm_free_run(pa, 64), PMM_OK);
	ST_CHECK(t, !pmm_is_allocated(pa));
}

SELFTEST(pmm, many_pages_distinct)
{
	enum { N = 256 };
	static uint64_t pages[N];
	int got = 0;

	for (; got < N; got++) {
		pages[got] = pmm_alloc();
		if (pages[got] == PMM_NONE)
			break;
		*(uint64_t *)phys_to_virt(pages[got]) = pages[got];
	}
	ST_EQ(t, got, N);
	for (int i = 0; i < got; i++)
		ST_EQ(t, *(uint64_t *)phys_to_virt(pages[i]), pages[i]);
	for (int i = 0; i < got; i++)
		ST_EQ(t, pmm_free(pages[i]), PMM_OK);
}
