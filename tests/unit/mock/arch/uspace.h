/*
 * The build machine's stand-in for kernel/arch/aarch64/include/arch/
 * uspace.h: the per-address-space state and the page table interface vm.c
 * uses.  The unit tests do not link vm.c, so nothing defines these
 * functions; only the types are needed.
 */
#ifndef MLK_TESTS_UNIT_MOCK_ARCH_USPACE_H
#define MLK_TESTS_UNIT_MOCK_ARCH_USPACE_H

#include "compiler.h"

#include <mlk/status.h>

struct arch_aspace {
	uint64_t root;
	uint64_t ttbr;
	uint16_t asid;
};

struct arch_cpu {
	uint64_t unused;
};

/* The functions on it are the HAL's (kernel/include/hal.h). */

#endif
