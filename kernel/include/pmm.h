/*
 * Physical memory manager: 4 KiB pages of RAM, one bit each.
 *
 * RAM comes from the device tree; the kernel image, the device tree, the
 * boot bundle and any firmware reservations are kept out.  Single pages and
 * physically contiguous, aligned runs (for DMA and the heap's slabs) can be
 * allocated.  Freeing a page that is not allocated is detected and reported
 * instead of corrupting the allocator.
 */
#ifndef MLK_KERNEL_PMM_H
#define MLK_KERNEL_PMM_H

#include "compiler.h"
#include "devtree.h"

#define PMM_NONE ((uint64_t)-1)
#define PMM_MAX_ZONES 16

enum pmm_status {
	PMM_OK = 0,
	PMM_ERR_RANGE = -1,	  /* not a page of managed RAM */
	PMM_ERR_ALIGN = -2,	  /* not page aligned */
	PMM_ERR_DOUBLE_FREE = -3, /* the page is already free */
	PMM_ERR_NOMEM = -4,	  /* no room for the allocator's bitmap */
};

/*
 * Take over the RAM ranges `ram` minus `reserved` (both in bytes, any
 * alignment: RAM is trimmed inwards to pages, reservations outwards).  The
 * bitmap is carved out of the RAM itself.
 */
int pmm_init(const struct mem_range *ram, int nram,
	     const struct mem_range *reserved, int nreserved);

/* One page, or PMM_NONE. */
uint64_t pmm_alloc(void);
/* `n` contiguous pages starting at a multiple of `align` pages, or PMM_NONE. */
uint64_t pmm_alloc_run(size_t n, size_t align);
int pmm_free(uint64_t pa);
/* Free a whole run; nothing is freed unless every page was allocated. */
int pmm_free_run(uint64_t pa, size_t n);
bool pmm_is_allocated(uint64_t pa);

uint64_t pmm_total_pages(void);
uint64_t pmm_free_pages(void);
int pmm_zone_count(void);
void pmm_zone(int i, uint64_t *base, uint64_t *npages, uint64_t *nfree);

#endif
