/*
 * Copies to and from user memory (see uaccess.h).  LDTR/STTR access
 * memory with EL0's permissions, so a pointer into kernel memory faults
 * like an unmapped one; every such instruction has a fixup that makes the
 * copy return -1.  (Before the fixup runs, the abort handler tries to fill
 * in an untouched page of a mapped memory object.)
 *
 *   int arch_copy_from_user(void *dst, uint64_t usrc, uint64_t len)
 *   int arch_copy_to_user(uint64_t udst, const void *src, uint64_t len)
 */
#include <arch/asm.h>

	.text
ENTRY(arch_copy_from_user)
	cbz	x2, 3f
	orr	x3, x0, x1
	tst	x3, #7
	b.ne	2f
1:	cmp	x2, #8			/* whole words while both are aligned */
	b.lo	2f
10:	ldtr	x4, [x1]
	extable	10b, 9f
	str	x4, [x0], #8
	add	x1, x1, #8
	sub	x2, x2, #8
	b	1b
2:	cbz	x2, 3f
11:	ldtrb	w4, [x1]
	extable	11b, 9f
	strb	w4, [x0], #1
	add	x1, x1, #1
	sub	x2, x2, #1
	b	2b
3:	mov	w0, #0
	ret
9:	mov	w0, #-1
	ret
END(arch_copy_from_user)

ENTRY(arch_copy_to_user)
	cbz	x2, 3f
	orr	x3, x0, x1
	tst	x3, #7
	b.ne	2f
1:	cmp	x2, #8
	b.lo	2f
	ldr	x4, [x1], #8
10:	sttr	x4, [x0]
	extable	10b, 9f
	add	x0, x0, #8
	sub	x2, x2, #8
	b	1b
2:	cbz	x2, 3f
	ldrb	w4, [x1], #1
11:	sttrb	w4, [x0]
	extable	11b, 9f
	add	x0, x0, #1
	sub	x2, x2, #1
	b	2b
3:	mov	w0, #0
	ret
9:	mov	w0, #-1
	ret
END(arch_copy_to_user)
