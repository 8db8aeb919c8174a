/*
 * The semihosting exit call (semihosting.h).  On AArch64 a call is
 * HLT #0xF000 with the operation in w0 and its parameter in x1
 * (specification section 4, "The semihosting interface").
 */
#include "semihosting.h"

#define SYS_EXIT 0x18
/* The reason "the application exited", whose subcode is the status. */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

void semihosting_exit(uint32_t status)
{
	/* On AArch64, SYS_EXIT's parameter is the address of two words,
	 * the reason and the subcode (SYS_EXIT_EXTENDED is the same call
	 * for AArch32, where SYS_EXIT has no room for a status). */
	const uint64_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, status };
	register uint64_t x0 __asm__("x0") = SYS_EXIT;
	register const uint64_t *x1 __asm__("x1") = block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
}
