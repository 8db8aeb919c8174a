/*
 * Per-CPU state of the AArch64 code; TPIDR_EL1 points at the CPU's.
 */
#ifndef MLK_KERNEL_ARCH_AARCH64_ARCH_CPU_H
#define MLK_KERNEL_ARCH_AARCH64_ARCH_CPU_H

#include <stdint.h>

struct thread;

struct aarch64_cpu {
	uint64_t kstack_top;	 /* the kernel stack exceptions from EL0 use */
	struct thread *fp_owner; /* whose values the FP/SIMD registers hold */
};

extern struct aarch64_cpu cpu0;

/* Lazy FP/SIMD: a thread's first FP instruction traps (fpsimd.c). */
void fpsimd_init(void);
/* A thread's FP instruction trapped; false if its state cannot be had. */
int fpsimd_trap(struct thread *t);
void fpsimd_release(struct thread *t);

#endif
