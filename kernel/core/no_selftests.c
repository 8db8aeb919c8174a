/*
 * mlk.selftest= and mlk.crashtest= in the kernel every system boots: the
 * selftests and the deliberate crashes are in the selftest kernel
 * (kernel/mlk-selftest.elf, built from kernel/test/ as well), which the
 * QEMU tests boot.  Keeping them out keeps this kernel's text small
 * (issue 11).  Asked for them anyway, it says so and fails the run.
 */
#include "crashtest.h"
#include "kprintf.h"
#include "selftest.h"

bool selftest_run(const char *which)
{
	kprintf("selftest: %s: not in this kernel (kernel/mlk-selftest.elf "
		"has the selftests)\n",
		which);
	kprintf("selftest: result: FAIL\n");
	return false;
}

void crashtest_run(const char *kind)
{
	kprintf("crashtest: %s: not in this kernel (kernel/mlk-selftest.elf "
		"has the crashes)\n",
		kind);
}
