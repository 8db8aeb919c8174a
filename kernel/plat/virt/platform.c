/*
 * QEMU "virt" board facts.  Everything the kernel needs to know about this
 * board is in its device tree; what is left here is which drivers the
 * board's devices need, and where its UART is for when the tree cannot
 * be read.
 */
#include "hal.h"
#include "pl011.h"

/*
 * The PL011 QEMU's virt machine always has (hw/arm/virt.c, VIRT_UART).
 * Used only when the loader's device tree is unusable, so that the panic
 * that follows is printed: on another board built with this platform the
 * write goes nowhere useful, but the boot stops anyway.
 */
#define VIRT_UART_BASE 0x09000000u

int plat_console_init(const struct dt_uart *uart)
{
	return pl011_start(uart->regs.base);
}

int plat_console_fallback(void)
{
	return pl011_start(VIRT_UART_BASE);
}
