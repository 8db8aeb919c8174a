/*
 * The user address space of every MLK process, defined once: the kernel
 * (its mapping checks and its loader of init), libmlk's loader (every
 * other program) and the ELF checker (also built into mlk-mkimage) all
 * read it here, so an executable the checker accepts is one both loaders
 * can load.
 *
 *   0                    never mapped: a NULL pointer (plus an offset
 *                        below 64 KiB) always faults
 *   MLK_USER_BASE        program segments, then mappings made at
 *                        address 0 (placed by the kernel from 16 TiB up)
 *   MLK_STACK_AREA_BASE  reserved for the first thread's stack: a guard
 *                        page, at most MLK_STACK_MAX bytes of stack ending
 *                        at MLK_STACK_TOP, a guard page
 *   MLK_IPC_BUFFER_BASE  the kernel's IPC buffers, one page per thread
 *   MLK_IPC_BUFFER_END   never mapped
 *   MLK_USER_END         the end of the lower half (48-bit addresses)
 *
 * A program segment must lie in [MLK_USER_BASE, MLK_STACK_AREA_BASE) and
 * fit in one memory object (MLK_MEM_MAX_SIZE) once rounded out to pages.
 */
#ifndef MLK_LAYOUT_H
#define MLK_LAYOUT_H

#include <stdint.h>

#define MLK_PAGE_SIZE 4096ull

/* x rounded down and up to a page boundary (x is an address or a size;
 * MLK_PAGE_UP of a value in the last page of the 64-bit range wraps to 0,
 * so bound what comes from outside first). */
#define MLK_PAGE_DOWN(x) ((uint64_t)(x) & ~(MLK_PAGE_SIZE - 1))
#define MLK_PAGE_UP(x) MLK_PAGE_DOWN((uint64_t)(x) + MLK_PAGE_SIZE - 1)

/* User address space: [MLK_USER_BASE, MLK_USER_END). */
#define MLK_USER_BASE 0x10000ull
#define MLK_USER_END 0x0000800000000000ull

/* Where the kernel puts IPC buffers (one page per thread). */
#define MLK_IPC_BUFFER_BASE 0x00007f0000000000ull
#define MLK_IPC_BUFFER_END 0x00007f8000000000ull

/*
 * The first thread's stack (both loaders): it ends a guard page below the
 * IPC buffers and may grow to MLK_STACK_MAX, which leaves a guard page at
 * the bottom of the area too, so an overflow faults instead of running
 * into a program segment.
 */
#define MLK_STACK_AREA_SIZE (1ull << 30) /* 1 GiB */
#define MLK_STACK_AREA_BASE (MLK_IPC_BUFFER_BASE - MLK_STACK_AREA_SIZE)
#define MLK_STACK_TOP (MLK_IPC_BUFFER_BASE - MLK_PAGE_SIZE)
#define MLK_STACK_MAX (MLK_STACK_AREA_SIZE - 2 * MLK_PAGE_SIZE)

/* The largest memory object (mem_create), so the largest segment. */
#define MLK_MEM_MAX_SIZE (1ull << 36) /* 64 GiB */

_Static_assert(MLK_USER_BASE % MLK_PAGE_SIZE == 0 &&
		       MLK_STACK_AREA_BASE % MLK_PAGE_SIZE == 0 &&
		       MLK_IPC_BUFFER_BASE % MLK_PAGE_SIZE == 0,
	       "user layout: page-aligned boundaries");
_Static_assert(MLK_USER_BASE < MLK_STACK_AREA_BASE &&
		       MLK_STACK_AREA_BASE < MLK_IPC_BUFFER_BASE &&
		       MLK_IPC_BUFFER_BASE < MLK_IPC_BUFFER_END &&
		       MLK_IPC_BUFFER_END <= MLK_USER_END,
	       "user layout: regions in order");
_Static_assert(MLK_STACK_MAX <= MLK_MEM_MAX_SIZE,
	       "user layout: the stack is one memory object");

#endif
