/*
 * The build machine's stand-in for kernel/arch/aarch64/include/arch/
 * switch.h: switching the per-thread CPU state is out of line here, and
 * mock_kernel.c records each switch for the tests to check.
 */
#ifndef MLK_TESTS_UNIT_MOCK_ARCH_SWITCH_H
#define MLK_TESTS_UNIT_MOCK_ARCH_SWITCH_H

struct thread;

void arch_thread_switch(struct thread *prev, struct thread *next);

#endif
