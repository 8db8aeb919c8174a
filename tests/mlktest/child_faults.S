/*
 * Instructions that fault, for mlktest-child: each function's first
 * instruction is the one that faults, so its address is the pc the
 * supervisor must see in the fault message.
 *
 * Who calls these: child.c, with the arguments in x0 and x1 (AAPCS64).
 */
	.text

/* uint64_t child_read_at(uint64_t addr): load the word at addr. */
	.global	child_read_at
	.type	child_read_at, %function
	.balign	4
child_read_at:
	ldr	x0, [x0]
	ret
	.size	child_read_at, . - child_read_at

/* void child_write_at(uint64_t addr, uint64_t value) */
	.global	child_write_at
	.type	child_write_at, %function
	.balign	4
child_write_at:
	str	x1, [x0]
	ret
	.size	child_write_at, . - child_write_at

/* void child_undefined(void): a permanently undefined instruction. */
	.global	child_undefined
	.type	child_undefined, %function
	.balign	4
child_undefined:
	udf	#0
	ret
	.size	child_undefined, . - child_undefined

/* void child_breakpoint(void) */
	.global	child_breakpoint
	.type	child_breakpoint, %function
	.balign	4
child_breakpoint:
	brk	#0x42
	ret
	.size	child_breakpoint, . - child_breakpoint

/* void child_jump(uint64_t target): branch there (data: an instruction
 * abort; a misaligned address: a PC alignment fault). */
	.global	child_jump
	.type	child_jump, %function
	.balign	4
child_jump:
	br	x0
	.size	child_jump, . - child_jump
