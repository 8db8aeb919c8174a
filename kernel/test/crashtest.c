/*
 * Deliberate crashes (see crashtest.h).  Each must end in a panic dump;
 * none returns.
 */
#include "crashtest.h"

#include "kprintf.h"
#include "kstring.h"

/* Recurse with a big frame until the stack runs into its guard page. */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static int __attribute__((noinline)) overflow(int depth)
{
	volatile char frame[512];

	frame[0] = (char)depth;
	return overflow(depth + 1) + frame[0];
}

void crashtest_run(const char *kind)
{
	kprintf("crashtest: %s\n", kind);
	if (!strcmp(kind, "null"))
		*(volatile int *)0 = 1;
	else if (!strcmp(kind, "undef"))
		__asm__ volatile("udf #0x4d4c");
	else if (!strcmp(kind, "stack"))
		overflow(0);
	else if (!strcmp(kind, "exec-data")) {
		/* Jump into a data page: W^X must stop it. */
		static uint32_t data_insn = 0xd65f03c0; /* ret */
		((void (*)(void))(uintptr_t)&data_insn)();
	} else if (!strcmp(kind, "write-text")) {
		/* Write to kernel text: W^X must stop it. */
		*(volatile uint32_t *)(uintptr_t)&crashtest_run = 0;
	} else {
		kprintf("crashtest: unknown kind '%s' (null, undef, stack, "
			"exec-data, write-text)\n",
			kind);
		return;
	}
	kprintf("crashtest: %s did not crash\n", kind);
}
