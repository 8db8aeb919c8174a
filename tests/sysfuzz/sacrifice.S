/*
 * The body of the threads random calls create in sysfuzz's own process.
 *
 * Who jumps here: the kernel, starting a thread that thread_create made
 * with entry = sacrifice_entry; x0 = its argument, sp = whatever the
 * random call gave (maybe unmapped, misaligned or zero).  So nothing here
 * touches memory: it yields x0 % 64 times and ends with thread_exit.
 * System calls may change x8..x18 (mlk/syscalls.def), so the count lives
 * in x19.
 */
#include "sacrifice.h"

	.text
	.global	sacrifice_entry
	.type	sacrifice_entry, %function
	.balign	4
sacrifice_entry:
	and	x19, x0, #63
1:	cbz	x19, 2f
	mov	x8, #SACRIFICE_SYS_YIELD
	svc	#0
	sub	x19, x19, #1
	b	1b
2:	mov	x0, #0
	mov	x8, #SACRIFICE_SYS_THREAD_EXIT
	svc	#0
	b	2b
	.size	sacrifice_entry, . - sacrifice_entry
