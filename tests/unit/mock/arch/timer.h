/*
 * The build machine's stand-in for kernel/arch/aarch64/include/arch/
 * timer.h: the counter is the mock timer's (mock_hal.c), out of line.
 */
#ifndef MLK_TESTS_UNIT_MOCK_ARCH_TIMER_H
#define MLK_TESTS_UNIT_MOCK_ARCH_TIMER_H

#include <stdint.h>

uint64_t arch_timer_now(void);

#endif
