/*
 * The PL011 as the console drives it (uart.c).  One UART per process:
 * the functions work on the registers uart_setup was given.  The unit
 * test links a simulated UART with the same functions instead.
 */
#ifndef CONSOLE_UART_H
#define CONSOLE_UART_H

#include <stdbool.h>
#include <stdint.h>

/* Receive data error bits that come with each byte (UARTDR 11:8). */
#define UART_DR_OE (1u << 11) /* overrun: bytes after this one were lost */
#define UART_DR_BE (1u << 10) /* a break, not a byte */

/* Take over the UART at `regs` (mapped, uncached): interrupts masked and
 * cleared, FIFOs and receiver on, baud rate as the loader set it. */
void uart_setup(volatile uint32_t *regs);
/* Interrupts on receive and receive timeout from now on. */
void uart_rx_irq_on(void);
/* Clear every interrupt the UART raised so far: called before the FIFOs
 * are serviced, so that what arrives meanwhile raises a new one. */
void uart_irq_clear(void);

bool uart_rx_empty(void);
/* The next received byte with its error bits (UART_DR_*). */
uint32_t uart_rx_read(void);

bool uart_tx_full(void);
void uart_tx_write(uint8_t c);
/* The transmit interrupt: on while bytes wait for room in the FIFO. */
void uart_tx_irq(bool on);

#endif
