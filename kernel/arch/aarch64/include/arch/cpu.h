/*
 * Per-CPU state of the AArch64 code; TPIDR_EL1 points at the CPU's.
 */
#ifndef MLK_KERNEL_ARCH_AARCH64_ARCH_CPU_H
#define MLK_KERNEL_ARCH_AARCH64_ARCH_CPU_H

#include <stdint.h>

#include "sched.h"

/* This CPU's state (struct arch_cpu, arch/uspace.h). */
static inline struct arch_cpu *arch_this_cpu(void)
{
	return &sched_cpu.arch;
}

/* Switches into a thread that last used FP/SIMD in the trap handler
 * load its registers eagerly, this many times, instead of trapping: a
 * thread that keeps using FP pays no trap, one that stopped goes back to
 * lazy after these switches (HACKING.md says why). */
#define FP_EAGER_SWITCHES 255

/* Lazy FP/SIMD: a thread's first FP instruction traps (fpsimd.c). */
void fpsimd_init(void);
/* A thread's FP instruction trapped; false if its state cannot be had. */
int fpsimd_trap(struct thread *t);
void fpsimd_release(struct thread *t);
/* Make t's FP/SIMD state (which it has) the registers' contents. */
void fpsimd_take(struct thread *t);
/* fpsimd_switch (arch/switch.h) when FP is on or next is eager. */
void fpsimd_switch_slow(struct thread *next);

#endif
