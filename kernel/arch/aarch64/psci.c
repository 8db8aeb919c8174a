/*
 * PSCI, the Arm Power State Coordination Interface (DEN 0022): power off
 * through firmware.  The device tree's /psci node says whether
 * calls go through HVC or SMC.
 */
#include "devtree.h"
#include "hal.h"
#include "kstring.h"

#define PSCI_SYSTEM_OFF 0x84000008u

static enum { CONDUIT_NONE, CONDUIT_HVC, CONDUIT_SMC } conduit;

static int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	if (conduit == CONDUIT_HVC)
		__asm__ volatile("hvc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "memory");
	else if (conduit == CONDUIT_SMC)
		__asm__ volatile("smc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "memory");
	else
		return -1;
	return (int64_t)x0;
}

int plat_power_init(const struct devtree *dt)
{
	int node = dt_path(dt, "/psci");
	const char *method = dt_prop_str(dt, node, "method");

	if (!method)
		return -1;
	if (!strcmp(method, "hvc"))
		conduit = CONDUIT_HVC;
	else if (!strcmp(method, "smc"))
		conduit = CONDUIT_SMC;
	else
		return -1;
	return 0;
}

__noreturn void plat_poweroff(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	arch_halt();
}
