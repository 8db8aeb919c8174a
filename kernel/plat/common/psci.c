/*
 * Powering off: PSCI, the Arm Power State Coordination Interface
 * (DEN 0022), through firmware, the device tree's /psci node saying
 * whether calls go through HVC or SMC; or, when the boot arguments ask
 * for it, the semihosting exit call, which carries a status out.
 */
#include "hal.h"
#include "semihosting.h"

#define PSCI_SYSTEM_OFF 0x84000008u

static enum dt_psci_conduit conduit;
static bool by_semihosting;

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

void plat_poweroff_by_semihosting(void)
{
	by_semihosting = true;
}

__noreturn void plat_poweroff(uint32_t status)
{
	/* Once only: without an emulator to serve it the call traps, the
	 * kernel panics, and the panic powers off again, by PSCI then. */
	if (by_semihosting) {
		by_semihosting = false;
		semihosting_exit(status);
	}
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	arch_halt();
}
