/*
 * Memory bring-up (see mm.h).
 */
#include "mm.h"

#include <arch/memlayout.h>

#include "hal.h"
#include "kprintf.h"
#include "panic.h"
#include "pmm.h"

#define MAX_RESERVED 32

static struct mem_range reserved[MAX_RESERVED];
static int nreserved;
static uint64_t ram_bytes;

static void reserve(uint64_t base, uint64_t size)
{
	if (nreserved == MAX_RESERVED)
		panic("mm: more than %d reserved ranges", MAX_RESERVED);
	reserved[nreserved].base = base;
	reserved[nreserved].size = size;
	nreserved++;
}

void mm_reserve_early(uint64_t base, uint64_t size)
{
	reserve(base, size);
}

uint64_t mm_ram_bytes(void)
{
	return ram_bytes;
}

void mm_init(const struct devtree *dt, uint64_t dtb_pa, uint32_t dtb_size)
{
	struct mem_range ram[PMM_MAX_ZONES];
	uint64_t kbase, kend;
	int nram = dt_memory(dt, ram, PMM_MAX_ZONES);

	if (nram <= 0)
		panic("mm: the device tree describes no memory");
	for (int i = 0; i < nram; i++) {
		ram_bytes += ram[i].size;
		if (arch_map_direct(ram[i].base, ram[i].size))
			panic("mm: cannot map RAM %#lx+%#lx", ram[i].base,
			      ram[i].size);
	}
	kprintf("mlk: ram %lu MiB\n", ram_bytes >> 20);

	/* Keep out: the kernel image, the device tree, and what the
	 * firmware reserved. */
	arch_kernel_range(&kbase, &kend);
	reserve(kbase, kend - kbase);
	reserve(dtb_pa, dtb_size);
	nreserved +=
		dt_reserved(dt, reserved + nreserved, MAX_RESERVED - nreserved);

	int err = pmm_init(ram, nram, reserved, nreserved);
	if (err != PMM_OK)
		panic("mm: cannot start the physical memory manager (%d)", err);
	arch_mm_ready();
	kprintf("mlk: memory: %lu KiB free in %d range%s, kernel %lu KiB at "
		"%#lx\n",
		pmm_free_pages() * (PAGE_SIZE / 1024), pmm_zone_count(),
		pmm_zone_count() == 1 ? "" : "s", (kend - kbase) / 1024, kbase);
}
