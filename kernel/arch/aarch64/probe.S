/*
 * Accesses that may fault on purpose; see extable.h.
 */
#include <arch/asm.h>

/* int arch_read_byte_checked(const volatile uint8_t *va, uint8_t *out) */
ENTRY(arch_read_byte_checked)
1:	ldrb	w2, [x0]
	strb	w2, [x1]
	mov	w0, #0
	ret
2:	mov	w0, #-1
	ret
	extable	1b, 2b
END(arch_read_byte_checked)
