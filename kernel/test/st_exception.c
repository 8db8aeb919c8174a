/*
 * Selftests: exceptions the kernel expects and survives.  (Unexpected ones
 * end in a panic dump; tests/qemu/crash-*.qt provoke those.)
 */
#include <arch/frame.h>

#include "exception.h"
#include "hal.h"
#include "selftest.h"

#define TEST_BRK 0x7e57

static volatile unsigned brk_hits;
static volatile uint64_t brk_x0;

static bool brk_hook(struct trap_frame *tf, unsigned imm)
{
	brk_hits++;
	brk_x0 = tf->tf_x[0];
	tf->tf_x[0] = 0xfeed; /* the handler may change the registers */
	return imm == TEST_BRK;
}

SELFTEST(exception, brk_handled_and_resumed)
{
	uint64_t after;

	exception_set_brk_hook(TEST_BRK, brk_hook);
	brk_hits = 0;
	/* x0 set right before the brk; the hook rewrites it in the frame. */
	__asm__ volatile("mov x0, #0x1234\n\tbrk %1\n\tmov %0, x0"
			 : "=r"(after)
			 : "i"(TEST_BRK)
			 : "x0", "memory");
	ST_EQ(t, brk_hits, 1);
	ST_EQ(t, brk_x0, 0x1234);
	ST_EQ(t, after, 0xfeed);
}

SELFTEST(exception, fault_fixup_on_unmapped_read)
{
	uint8_t v = 0;

	/* Nothing is mapped at the bottom of the device window's last
	 * slot, nor at address 0 (TTBR0 walks are off). */
	ST_EQ(t, arch_read_byte_checked((const volatile uint8_t *)0, &v), -1);
	ST_EQ(t,
	      arch_read_byte_checked(
		      (const volatile uint8_t *)0xfffffe7ffffff000UL, &v),
	      -1);
	static const uint8_t mapped = 0x99;
	ST_EQ(t, arch_read_byte_checked(&mapped, &v), 0);
	ST_EQ(t, v, 0x99);
}

SELFTEST(exception, class_names)
{
	ST_CHECK(t, exception_class_name(0x25)[0] == 'd'); /* data abort */
	ST_CHECK(t, exception_class_name(0x3f) != NULL);
}
