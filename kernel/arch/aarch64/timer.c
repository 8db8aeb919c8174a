/*
 * The Arm generic timer, EL1 virtual timer (CNTV_*; Arm ARM D11 "The
 * Generic Timer in AArch64 state").  The virtual timer is the one EL1 owns
 * whether or not an EL2 exists; when the kernel was entered at EL2,
 * head.S set CNTVOFF_EL2 to 0, so virtual and physical counts agree.
 */
#include <arch/sysreg.h>

#include "hal.h"

#define CNTV_CTL_ENABLE BIT(0)
#define CNTV_CTL_IMASK BIT(1)
/* CNTKCTL_EL1.EL0VCTEN: EL0 may read CNTVCT_EL0 (and CNTFRQ_EL0). */
#define CNTKCTL_EL0VCTEN BIT(1)

static uint64_t freq;
static unsigned intid;

int arch_timer_init(const struct dt_timer *timer)
{
	intid = timer->virt_intid;
	freq = read_sysreg(cntfrq_el0);
	/* Firmware that forgot CNTFRQ_EL0 says it in the device tree. */
	if (timer->clock_frequency)
		freq = timer->clock_frequency;
	write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
	/* User space may read the virtual count, as on Linux: libmlk seeds
	 * its stack guard from it.  The timers themselves stay EL1's. */
	write_sysreg(cntkctl_el1, CNTKCTL_EL0VCTEN);
	return freq ? 0 : -1;
}

uint64_t arch_timer_freq(void)
{
	return freq;
}

void arch_timer_set_deadline(uint64_t deadline)
{
	write_sysreg(cntv_cval_el0, deadline);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}

void arch_timer_stop(void)
{
	write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
	isb();
}

unsigned arch_timer_intid(void)
{
	return intid;
}
