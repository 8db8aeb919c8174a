/*
 * Memory bring-up (see mm.h).
 */
#include "mm.h"

#include "hal.h"
#include "kprintf.h"
#include "panic.h"
#include "pmm.h"

#define MAX_RESERVED 32
/* Room for the firmware's ranges, plus the bundle, the kernel and the
 * tree themselves. */
_Static_assert(DT_MAX_RESERVED + 3 <= MAX_RESERVED, "reserved ranges");
_Static_assert(DT_MAX_RAM_RANGES <= PMM_MAX_ZONES, "RAM ranges");

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

/* A part of the tree memory depends on, or why it cannot be used. */
static void require(const struct dt_result *r)
{
	if (r->err == DT_ERR_NOTFOUND)
		panic("mm: the device tree describes no %s", r->what);
	if (r->err != DT_OK)
		panic("mm: device tree: %s: %s", r->what, dt_strerror(r->err));
}

void mm_init(const struct dt_machine *m, uint64_t dtb_pa, uint32_t dtb_size)
{
	const struct mem_range *ram = m->ram;
	int nram = m->nram;
	uint64_t kbase, kend;

	require(&m->ram_result);
	require(&m->reserved_result);
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
	for (int i = 0; i < m->nreserved; i++)
		reserve(m->reserved[i].base, m->reserved[i].size);

	int err = pmm_init(ram, nram, reserved, nreserved);
	if (err != PMM_OK)
		panic("mm: cannot start the physical memory manager (%d)", err);
	arch_mm_ready();
	kprintf("mlk: memory: %lu KiB free in %d range%s, kernel %lu KiB at "
		"%#lx\n",
		pmm_free_pages() * (PAGE_SIZE / 1024), pmm_zone_count(),
		pmm_zone_count() == 1 ? "" : "s", (kend - kbase) / 1024, kbase);
}
