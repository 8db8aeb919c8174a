/*
 * The entry point of every MLK program.
 *
 * Who jumps here: the kernel, returning to user space in a new thread
 * (init), or init's loader through thread_create (services).
 *   x0 = start info (struct mlk_bootinfo for init, struct mlk_startinfo
 *        for services), sp = top of the stack the creator mapped,
 *   TPIDRRO_EL0 = this thread's IPC buffer.
 * The loader mapped .bss as fresh zero pages, so there is nothing to clear.
 */
	.section .text.start, "ax"
	.global	_start
	.type	_start, %function
_start:
	mov	x29, xzr
	mov	x30, xzr
	bl	__mlk_start
1:	brk	#0x1		/* __mlk_start does not return */
	b	1b
	.size	_start, . - _start
