/*
 * A simulated PL011 behind uart.h: FIFOs of SIM_FIFO bytes each way, a
 * line the test drains by hand, and the interrupt masks the driver sets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fakes.h"
#include "uart.h"

static struct {
	uint32_t rx[SIM_FIFO];
	size_t rx_first, rx_count;
	uint8_t tx[SIM_FIFO];
	size_t tx_first, tx_count;
	uint8_t wire[65536];
	size_t wire_len;
	bool tx_irq, rx_irq, set_up;
	unsigned clears;
} sim;

void sim_reset(void)
{
	memset(&sim, 0, sizeof(sim));
}

bool sim_receive(uint32_t data)
{
	if (sim.rx_count == SIM_FIFO)
		return false;
	sim.rx[(sim.rx_first + sim.rx_count++) % SIM_FIFO] = data;
	return true;
}

size_t sim_rx_fifo(void)
{
	return sim.rx_count;
}

void sim_transmit(size_t n)
{
	while (n-- && sim.tx_count) {
		if (sim.wire_len < sizeof(sim.wire))
			sim.wire[sim.wire_len++] = sim.tx[sim.tx_first];
		sim.tx_first = (sim.tx_first + 1) % SIM_FIFO;
		sim.tx_count--;
	}
}

size_t sim_tx_fifo(void)
{
	return sim.tx_count;
}

const uint8_t *sim_wire(size_t *len)
{
	*len = sim.wire_len;
	return sim.wire;
}

bool sim_tx_irq_on(void)
{
	return sim.tx_irq;
}

bool sim_rx_irq_on(void)
{
	return sim.rx_irq;
}

bool sim_irq_pending(void)
{
	return (sim.rx_irq && sim.rx_count) ||
	       (sim.tx_irq && sim.tx_count <= SIM_FIFO / 2);
}

unsigned sim_irq_clears(void)
{
	return sim.clears;
}

/* ---- uart.h -------------------------------------------------------------- */

void uart_setup(volatile uint32_t *regs)
{
	(void)regs;
	sim.set_up = true;
}

void uart_rx_irq_on(void)
{
	sim.rx_irq = true;
}

void uart_irq_clear(void)
{
	sim.clears++;
}

bool uart_rx_empty(void)
{
	return sim.rx_count == 0;
}

/* The driver must look before it takes or puts. */
static void misuse(const char *what)
{
	fprintf(stderr, "uart_sim: %s\n", what);
	abort();
}

uint32_t uart_rx_read(void)
{
	if (!sim.rx_count)
		misuse("read of an empty receive FIFO");
	uint32_t d = sim.rx[sim.rx_first];

	sim.rx_first = (sim.rx_first + 1) % SIM_FIFO;
	sim.rx_count--;
	return d;
}

bool uart_tx_full(void)
{
	return sim.tx_count == SIM_FIFO;
}

void uart_tx_write(uint8_t c)
{
	if (sim.tx_count == SIM_FIFO)
		misuse("write to a full transmit FIFO");
	sim.tx[(sim.tx_first + sim.tx_count++) % SIM_FIFO] = c;
}

void uart_tx_irq(bool on)
{
	sim.tx_irq = on;
}
