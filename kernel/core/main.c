/*
 * kmain: the boot sequence, after head.S has dropped to EL1, switched the
 * MMU on and cleared .bss.  Each step depends only on the ones above it.
 */
#include <arch/memlayout.h>

#include "bootargs.h"
#include "console.h"
#include "crashtest.h"
#include "devtree.h"
#include "hal.h"
#include "heap.h"
#include "irq.h"
#include "kprintf.h"
#include "mm.h"
#include "panic.h"
#include "pmm.h"
#include "root_task.h"
#include "sched.h"
#include "selftest.h"
#include "timer.h"

#include <mlk/version.h>

static struct devtree boot_dt;

void kmain(void);

__noreturn static void idle_forever(void)
{
	for (;;)
		arch_cpu_idle();
}

void kmain(void)
{
	struct devtree *dt = &boot_dt;
	uint32_t dtb_size = 0;
	char which[64];

	/* 1. The device tree the loader passed: what this machine has. */
	const void *blob = arch_boot_dtb(&dtb_size);
	int dterr = blob ? dt_init(dt, blob, dtb_size) : DT_ERR_MAGIC;

	/* 2. The early console named there; lines printed before it was
	 *    found are kept and replayed. */
	if (dterr == DT_OK)
		plat_console_init(dt);

	/* 3. Boot arguments and what to do on panic. */
	if (dterr == DT_OK)
		bootargs_init(dt_bootargs(dt));
	panic_set_poweroff(bootarg_is("mlk.panic", "poweroff"));
	if (dterr != DT_OK)
		panic("no usable device tree from the loader: %s",
		      dt_strerror(dterr));

	/* 4. Who we are and where. */
	kprintf("\nHello from MyLittleKernel! version %s, EL1 (entered at "
		"EL%u), cpu %s\n",
		MLK_VERSION_STRING, arch_boot_el(), arch_cpu_name());
	kprintf("mlk: board %s, console %s, bootargs \"%s\"\n", plat_name(dt),
		console_name(), bootargs_cmdline());

	/* 5. Memory: direct map of all RAM, physical allocator (keeping out
	 *    the boot bundle), heap; then the identity map the MMU was switched
	 *    on with goes. */
	root_task_reserve_bundle();
	mm_init(dt, virt_to_phys(blob), dtb_size);
	arch_drop_identity_map();

	/* 6. Firmware calls for power off and reset. */
	if (plat_power_init(dt))
		kprintf("mlk: no PSCI firmware: poweroff will halt\n");

	/* 7. Interrupts: the controller, then the timer on it. */
	if (arch_intc_init(dt))
		panic("no supported interrupt controller in the device tree");
	if (arch_timer_init(dt) || timer_init())
		panic("no usable generic timer in the device tree");
	arch_irq_enable();
	kprintf("mlk: irq %s, timer %lu Hz on intid %u\n", arch_intc_name(),
		timer_freq(), arch_timer_intid());

	/* 8. Selftests, when asked for: their verdict, then power off. */
	if (bootarg_copy("mlk.selftest", which, sizeof(which))) {
		selftest_run(which);
		plat_poweroff();
	}

	/* 9. Deliberate crashes, to test the panic path. */
	if (bootarg_copy("mlk.crashtest", which, sizeof(which)))
		crashtest_run(which);

	/* 10. The scheduler, then user space: init from the boot bundle. */
	sched_init();
	arch_user_init();
	if (root_task_start(dt, blob, dtb_size))
		arch_enter_user();
	kprintf("mlk: boot complete; no boot bundle, nothing to run: idling\n");
	idle_forever();
}
