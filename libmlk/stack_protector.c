/*
 * The stack protector's runtime, so that services may be compiled with
 * -fstack-protector (Debian's hardening flags add it): the guard value,
 * set at start from the counter (there is nothing better to draw on yet),
 * and what happens when a function finds it overwritten.
 */
#include <mlk/runtime.h>

#include <stdint.h>
#include <stdio.h>

#include "libc/libc_impl.h"

MLK_PUBLIC uintptr_t __stack_chk_guard = 0x595e9fbd94fda766ul;

void __mlk_stack_guard_init(void);
void __stack_chk_fail(void);
void __mlk_stack_guard_init(void)
{
	uint64_t c;

	__asm__ volatile("mrs %0, cntvct_el0" : "=r"(c));
	/* Mixed, and with a zero low byte so string copies stop at it. */
	c ^= c << 13;
	c ^= c >> 7;
	c ^= c << 17;
	__stack_chk_guard ^= c & ~(uintptr_t)0xff;
}

MLK_PUBLIC __attribute__((noreturn)) void __stack_chk_fail(void)
{
	fputs("stack smashing detected: ending the program\n", stderr);
	mlk_exit(134);
}
