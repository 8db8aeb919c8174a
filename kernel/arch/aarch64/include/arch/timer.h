/*
 * The inline part of the timer HAL (kernel/include/hal.h): the counter,
 * read on every scheduling decision, so not worth a call.
 */
#ifndef MLK_KERNEL_ARCH_AARCH64_ARCH_TIMER_H
#define MLK_KERNEL_ARCH_AARCH64_ARCH_TIMER_H

#include <stdint.h>

/*
 * The virtual count (CNTVCT_EL0, Arm ARM D11.2), unordered: no ISB, so it
 * may be read a few instructions early, which no deadline or time account
 * the kernel keeps can tell.
 */
static inline uint64_t arch_timer_now(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

#endif
