/*
 * The build machine's stand-in for kernel/arch/aarch64/include/arch/
 * switch.h.  The counter is the mock timer's (mock_hal.c), and switching
 * the per-thread CPU state is out of line here: mock_kernel.c records
 * each switch for the tests to check.
 */
#ifndef MLK_TESTS_UNIT_MOCK_ARCH_SWITCH_H
#define MLK_TESTS_UNIT_MOCK_ARCH_SWITCH_H

#include "hal.h"

struct thread;

static inline uint64_t arch_counter_now(void)
{
	return arch_timer_now();
}

void arch_switch_user_state(struct thread *prev, struct thread *next);

#endif
