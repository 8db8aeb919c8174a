/*
 * PSCI, the Arm Power State Coordination Interface (DEN 0022): power off
 * through firmware.  The device tree's /psci node says whether
 * calls go through HVC or SMC.
 */
#include "hal.h"

#define PSCI_SYSTEM_OFF 0x84000008u

static enum dt_psci_conduit conduit;

static int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	if (conduit == DT_PSCI_HVC)
		__asm__ volatile("hvc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "memory");
	else if (conduit == DT_PSCI_SMC)
		__asm__ volatile("smc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "memory");
	else
		return -1;
	return (int64_t)x0;
}

int plat_power_init(enum dt_psci_conduit how)
{
	conduit = how;
	return how == DT_PSCI_NONE ? -1 : 0;
}

__noreturn void plat_poweroff(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	arch_halt();
}
