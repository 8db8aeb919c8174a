/*
 * kmain: the boot sequence, after head.S has dropped to EL1, switched the
 * MMU on and cleared .bss.  Each step depends only on the ones above it.
 */

#include "bootargs.h"
#include "console.h"
#include "crashtest.h"
#include "dt_machine.h"
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

static struct dt_machine machine;

void kmain(void);

__noreturn static void idle_forever(void)
{
	for (;;)
		arch_cpu_idle();
}

/* Stop the boot if a part of the tree the step needs was refused. */
static void require(const char *part, const struct dt_result *r)
{
	if (r->err == DT_ERR_NOTFOUND)
		panic("no %s in the device tree", part);
	if (r->err != DT_OK)
		panic("device tree: %s: %s: %s", part, r->what,
		      dt_strerror(r->err));
}

void kmain(void)
{
	uint32_t dtb_size = 0;
	char which[64];

	/* 1. The device tree the loader passed: what this machine has, read
	 *    into plain structs (core/dt_machine.c) the steps below use. */
	const void *blob = arch_boot_dtb(&dtb_size);
	int dterr = dt_machine_parse(&machine, blob, dtb_size);

	/* 2. The early console named there, else the board's own, so that
	 *    a refusal is always printed; lines printed before it was found
	 *    are kept and replayed. */
	if (dterr != DT_OK)
		plat_console_fallback();
	else if (machine.uart_result.err == DT_OK)
		plat_console_init(&machine.uart);

	/* 3. Boot arguments and what to do on panic. */
	bootargs_init(machine.bootargs);
	panic_set_poweroff(bootarg_is("mlk.panic", "poweroff"));
	if (dterr != DT_OK)
		panic("no usable device tree from the loader: %s",
		      dt_strerror(dterr));

	/* 4. Who we are and where. */
	kprintf("\nHello from MyLittleKernel! version %s, EL1 (entered at "
		"EL%u), cpu %s\n",
		MLK_VERSION_STRING, arch_boot_el(), arch_cpu_name());
	kprintf("mlk: board %s, console %s, bootargs \"%s\"\n", machine.model,
		console_name(), bootargs_cmdline());

	/* 5. Memory: direct map of all RAM, physical allocator (keeping out
	 *    the boot bundle), heap; then the identity map the MMU was switched
	 *    on with goes. */
	root_task_reserve_bundle();
	mm_init(&machine, virt_to_phys(blob), dtb_size);
	arch_drop_identity_map();

	/* 6. Firmware calls for power off and reset. */
	if (plat_power_init(machine.psci))
		kprintf("mlk: no PSCI firmware: poweroff will halt\n");
	if (bootarg_is("mlk.exit", "semihosting"))
		plat_poweroff_by_semihosting();

	/* 7. Interrupts: the controller, then the timer on it. */
	require("interrupt controller", &machine.gic_result);
	if (arch_intc_init(&machine.gic))
		panic("the device tree's interrupt controller does not answer");
	require("generic timer", &machine.timer_result);
	if (arch_timer_init(&machine.timer) || timer_init())
		panic("no usable generic timer in the device tree");
	arch_irq_enable();
	kprintf("mlk: irq %s, timer %lu Hz on intid %u\n", arch_intc_name(),
		timer_freq(), arch_timer_intid());

	/* 8. Selftests, when asked for: their verdict, then power off. */
	if (bootarg_copy("mlk.selftest", which, sizeof(which))) {
		plat_poweroff(selftest_run(which) ? 0 : 1);
	}

	/* 9. Deliberate crashes, to test the panic path. */
	if (bootarg_copy("mlk.crashtest", which, sizeof(which)))
		crashtest_run(which);

	/* 10. The scheduler, then user space: init from the boot bundle. */
	sched_init();
	arch_user_init();
	if (root_task_start(&machine.dt, blob, machine.dt.size))
		arch_enter_user();
	kprintf("mlk: boot complete; no boot bundle, nothing to run: idling\n");
	idle_forever();
}
