/*
 * Kernel heap: kmalloc/kfree for kernel objects.
 *
 * Small sizes (up to 2 KiB) come from slabs, one list per power-of-two size
 * class; larger ones get their own run of pages.  Both are carved from the
 * physical memory manager and reached through the direct map.  Freeing a
 * pointer the heap did not hand out, or freeing twice, panics with the
 * address instead of corrupting memory.
 */
#ifndef MLK_KERNEL_HEAP_H
#define MLK_KERNEL_HEAP_H

#include "compiler.h"

#define HEAP_MIN_ALIGN 16
#define HEAP_SLAB_MAX 2048

void *kmalloc(size_t size) __must_check;
void *kzalloc(size_t size) __must_check;
void kfree(void *p);
/* The usable size of an allocation. */
size_t ksize(const void *p);

enum heap_check {
	HEAP_PTR_OK = 0,
	HEAP_PTR_FOREIGN = -1,	  /* not from the heap */
	HEAP_PTR_MISALIGNED = -2, /* inside an object, not at its start */
	HEAP_PTR_FREE = -3,	  /* already free */
};
/* Is `p` a live allocation?  (kfree panics on anything but HEAP_PTR_OK.) */
int heap_check(const void *p);

struct heap_stats {
	uint64_t bytes_in_use;	/* requested sizes rounded to their class */
	uint64_t pages;		/* pages the heap holds from the PMM */
	uint64_t allocs, frees; /* since boot */
};
void heap_stats(struct heap_stats *out);

#endif
