/*
 * Kernel console and log ring (see console.h).
 */
#include "console.h"

#include "hal.h"

#define LOG_SIZE 16384u

static char log_ring[LOG_SIZE];
static size_t log_head; /* total characters ever written */
static const struct console_driver *driver;

static void wire_putc(char c)
{
	if (c == '\n')
		driver->putc(driver->ctx, '\r');
	driver->putc(driver->ctx, c);
}

void console_putc(char c)
{
	log_ring[log_head++ % LOG_SIZE] = c;
	if (driver)
		wire_putc(c);
}

void console_write(const char *s, size_t n)
{
	while (n--)
		console_putc(*s++);
}

void console_register(const struct console_driver *drv)
{
	unsigned long flags = console_lock();
	size_t kept = log_head < LOG_SIZE ? log_head : LOG_SIZE;

	driver = drv;
	for (size_t i = log_head - kept; i < log_head; i++)
		wire_putc(log_ring[i % LOG_SIZE]);
	console_unlock(flags);
}

const char *console_name(void)
{
	return driver ? driver->name : "none";
}

unsigned long console_lock(void)
{
	return arch_irq_save();
}

void console_unlock(unsigned long flags)
{
	arch_irq_restore(flags);
}
