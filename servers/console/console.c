/*
 * console: the serial line, in user space (see README.md).
 *
 * 1. keep its own output on the kernel log, never on itself;
 * 2. map the PL011's registers from the device grant and take the UART
 *    over;
 * 3. bind a notification to this thread and the UART's interrupt to the
 *    notification, so that interrupts and requests arrive in one recv;
 * 4. turn receive interrupts on;
 * 5. register the name "console" and serve requests for good.
 *
 * Failing to start is logged and ends the process with a non-zero code;
 * init restarts it if the manifest says so.  A restarted console does
 * all this again: the old process's handles (its IRQ above all) died
 * with it.
 */
#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "uart.h"

#define COMPATIBLE "arm,pl011"
#define IRQ_BIT 1u

static struct console console;

/* What the service was given and made at start. */
static struct {
	mlk_handle_t device, irq, notification, ep;
	uint64_t phys, intid;
} start;

static mlk_status_t fail(const char *what, mlk_status_t st)
{
	printf("console: cannot %s: %s\n", what, mlk_status_str(st));
	return st;
}

/* The granted device and interrupt, and what init said they are. */
static bool find_grants(void)
{
	const struct mlk_startinfo *si = mlk_startinfo();

	for (uint32_t i = 0; si && i < si->nhandles; i++) {
		const struct mlk_start_handle *h = &si->handles[i];
		if (strcmp(h->name, COMPATIBLE))
			continue;
		if (h->kind == MLK_START_DEVICE) {
			start.device = h->handle;
			start.phys = h->value;
		} else if (h->kind == MLK_START_IRQ) {
			start.irq = h->handle;
			start.intid = h->value;
		}
	}
	return start.device && start.irq;
}

/* The registers, uncached; the grant covers whole pages around them. */
static mlk_status_t map_registers(volatile uint32_t **regs)
{
	uint64_t size, addr;
	mlk_status_t st = mlk_mem_size(start.device, &size);

	if (st == MLK_OK)
		st = mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, start.device, 0, 0,
				    size, MLK_MAP_READ | MLK_MAP_WRITE, &addr);
	if (st == MLK_OK)
		*regs = (volatile uint32_t *)(uintptr_t)(addr +
							 (start.phys &
							  (MLK_PAGE_SIZE - 1)));
	return st;
}

/* Steps 2 to 4: the UART is ours and interrupts reach this thread. */
static mlk_status_t take_uart(void)
{
	volatile uint32_t *regs;
	mlk_status_t st = map_registers(&regs);

	if (st != MLK_OK)
		return fail("map the registers", st);
	uart_setup(regs);
	st = mlk_notification_create(&start.notification);
	if (st != MLK_OK)
		return fail("create a notification", st);
	st = mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD,
					  start.notification);
	if (st != MLK_OK)
		return fail("bind the notification", st);
	st = mlk_irq_bind(start.irq, start.notification, IRQ_BIT);
	if (st != MLK_OK)
		return fail("bind the interrupt", st);
	uart_rx_irq_on();
	/* Whatever was typed before we came. */
	console_interrupt(&console);
	return MLK_OK;
}

/* Step 5: a send handle to our endpoint, given to init under our name. */
static mlk_status_t publish(void)
{
	mlk_status_t st = mlk_endpoint_create(&start.ep);

	if (st != MLK_OK)
		return fail("create an endpoint", st);
	st = mlk_names_publish(MLK_CONSOLE_NAME, start.ep);
	if (st != MLK_OK)
		return fail("register the name \"" MLK_CONSOLE_NAME "\"", st);
	return MLK_OK;
}

static void on_interrupt(uint64_t bits, void *ctx)
{
	console_interrupt(ctx);
	mlk_irq_ack(start.irq);
}

int main(void)
{
	/* Printing to ourselves would wait for ourselves. */
	mlk_set_output(NULL);
	if (!find_grants()) {
		printf("console: no %s device granted (grant=device=%s)\n",
		       COMPATIBLE, COMPATIBLE);
		return 1;
	}
	if (take_uart() != MLK_OK || publish() != MLK_OK)
		return 1;
	printf("console: pl011 at %#lx, interrupt %lu: ready\n",
	       (unsigned long)start.phys, (unsigned long)start.intid);
	struct mlk_service svc = {
		.ep = start.ep,
		.ops = console_ops,
		.nops = console_nops,
		.ctx = &console,
		.on_notify = on_interrupt,
	};
	fail("serve", mlk_serve(&svc));
	return 1;
}
