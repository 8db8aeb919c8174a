/*
 * panic(): the kernel's last words.
 */
#include "panic.h"

#include <stdarg.h>

#include "hal.h"
#include "kprintf.h"

#include <mlk/sysinfo.h>

static bool poweroff_after_panic;

void panic_set_poweroff(bool poweroff)
{
	poweroff_after_panic = poweroff;
}

__noreturn void panic_stop(void)
{
	kprintf("mlk: system halted\n");
	if (poweroff_after_panic)
		plat_poweroff(MLK_POWEROFF_PANIC);
	arch_halt();
}

__noreturn void panic(const char *fmt, ...)
{
	va_list ap;

	arch_irq_save();
	kprintf("mlk: panic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	arch_print_backtrace();
	panic_stop();
}
