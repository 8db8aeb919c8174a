/*
 * test_console's simulated PL011 (uart_sim.c), which stands in for
 * uart.c behind the same functions (uart.h).
 */
#ifndef CONSOLE_TEST_FAKES_H
#define CONSOLE_TEST_FAKES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIM_FIFO 16 /* bytes each way, as the PL011's FIFOs */

void sim_reset(void);
/* Bytes arriving on the line (with UART_DR_* error bits); false when the
 * receive FIFO is full. */
bool sim_receive(uint32_t data);
size_t sim_rx_fifo(void);
/* The line takes up to n bytes from the transmit FIFO. */
void sim_transmit(size_t n);
size_t sim_tx_fifo(void);
/* Everything the line took so far, and how much. */
const uint8_t *sim_wire(size_t *len);
bool sim_tx_irq_on(void);
bool sim_rx_irq_on(void);
/* What the UART would signal now with the interrupts it has on: input
 * waiting, or the transmit FIFO at half or below. */
bool sim_irq_pending(void);
unsigned sim_irq_clears(void);

#endif
