/*
 * Arm PrimeCell UART (PL011, DDI 0183) as the kernel's early console.
 * Transmit only, polled: the kernel console is for the boot log and
 * panics; the interactive console is a user-space driver.  The loader set
 * the baud rate; only the enable bits are touched.
 */
#include "console.h"
#include "dt_machine.h"
#include "hal.h"
#include "pl011.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_CR 0x30
#define UART_FR_TXFF (1u << 5) /* transmit FIFO full */
#define UART_CR_UARTEN (1u << 0)
#define UART_CR_TXE (1u << 8)
#define UART_CR_RXE (1u << 9)

static volatile uint32_t *regs;
static uint64_t regs_pa;

static void pl011_putc(void *ctx, char c)
{
	(void)ctx;
	for (int spin = 0; spin < 1000000; spin++)
		if (!(regs[UART_FR / 4] & UART_FR_TXFF))
			break;
	regs[UART_DR / 4] = (uint8_t)c;
}

static const struct console_driver pl011_console = {
	.name = "pl011",
	.putc = pl011_putc,
};

int pl011_start(uint64_t base)
{
	regs = arch_map_device(base, DT_CONSOLE_MIN_SIZE);
	if (!regs)
		return -1;
	regs_pa = base;
	uint32_t cr = regs[UART_CR / 4];
	if ((cr & (UART_CR_UARTEN | UART_CR_TXE)) !=
	    (UART_CR_UARTEN | UART_CR_TXE))
		regs[UART_CR / 4] =
			cr | UART_CR_UARTEN | UART_CR_TXE | UART_CR_RXE;
	console_register(&pl011_console);
	return 0;
}

uint64_t pl011_phys_base(void)
{
	return regs_pa;
}
