/*
 * PL011 registers (Arm PrimeCell UART PL011 TRM, DDI 0183, chapter 3).
 * The kernel's early console (kernel/plat/common/pl011.c) writes to the
 * same transmit FIFO for its log and panics, polling UARTFR.TXFF; that
 * only interleaves bytes, so this driver leaves the line settings (baud
 * rate, word format) as they are and only adds interrupts.
 */
#include "uart.h"

#define UARTDR 0x00
#define UARTFR 0x18
#define UARTLCR_H 0x2c
#define UARTCR 0x30
#define UARTIFLS 0x34
#define UARTIMSC 0x38
#define UARTICR 0x44

#define FR_TXFF (1u << 5)
#define FR_RXFE (1u << 4)
#define LCR_H_FEN (1u << 4)
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)
#define CR_RXE (1u << 9)
#define INT_RX (1u << 4)
#define INT_TX (1u << 5)
#define INT_RT (1u << 6)
#define INT_ALL 0x7ffu
/* Interrupt at half full (RX) and half empty (TX): time to react either
 * way (TRM 3.3.9). */
#define IFLS_RX_HALF (2u << 3)
#define IFLS_TX_HALF (2u << 0)

static volatile uint32_t *regs;
static uint32_t imsc; /* what UARTIMSC holds: no read back each time */

static uint32_t reg_read(unsigned off)
{
	return regs[off / 4];
}

static void reg_write(unsigned off, uint32_t v)
{
	regs[off / 4] = v;
}

void uart_setup(volatile uint32_t *r)
{
	regs = r;
	/* A restarted console finds what its predecessor left: start from
	 * no interrupts at all. */
	imsc = 0;
	reg_write(UARTIMSC, 0);
	reg_write(UARTICR, INT_ALL);
	/* Writing LCR_H also latches the baud divisors (TRM 3.3.7); they
	 * are unchanged, and FEN is written only if it is off (QEMU's
	 * firmware-less boot leaves the FIFOs off). */
	uint32_t lcr = reg_read(UARTLCR_H);
	if (!(lcr & LCR_H_FEN))
		reg_write(UARTLCR_H, lcr | LCR_H_FEN);
	reg_write(UARTIFLS, IFLS_RX_HALF | IFLS_TX_HALF);
	uint32_t cr = reg_read(UARTCR);
	uint32_t on = CR_UARTEN | CR_TXE | CR_RXE;
	if ((cr & on) != on)
		reg_write(UARTCR, cr | on);
}

void uart_rx_irq_on(void)
{
	imsc |= INT_RX | INT_RT;
	reg_write(UARTIMSC, imsc);
}

void uart_irq_clear(void)
{
	reg_write(UARTICR, INT_ALL);
}

bool uart_rx_empty(void)
{
	return reg_read(UARTFR) & FR_RXFE;
}

uint32_t uart_rx_read(void)
{
	return reg_read(UARTDR);
}

bool uart_tx_full(void)
{
	return reg_read(UARTFR) & FR_TXFF;
}

void uart_tx_write(uint8_t c)
{
	reg_write(UARTDR, c);
}

void uart_tx_irq(bool on)
{
	uint32_t want = on ? imsc | INT_TX : imsc & ~INT_TX;

	if (want != imsc) {
		imsc = want;
		reg_write(UARTIMSC, imsc);
	}
}
