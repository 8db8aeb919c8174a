/*
 * The kernel timer (see timer.h).
 */
#include "timer.h"

#include "hal.h"
#include "irq.h"

static timer_fn callback;
static uint64_t period;	   /* 0: one-shot or stopped */
static uint64_t next_tick; /* deadline of the periodic timer */
static uint64_t nirqs;

uint64_t timer_now(void)
{
	return arch_timer_now();
}

uint64_t timer_freq(void)
{
	return arch_timer_freq();
}

uint64_t timer_irqs(void)
{
	return nirqs;
}

/*
 * a * mul / div without 128-bit arithmetic (libgcc's 128-bit division
 * took 1.7 KB of kernel text): with a = q * div + r, that is q * mul +
 * r * mul / div, exact while r * mul fits 64 bits, as it does for the
 * two conversions below (r < 10^9 or r < the frequency, and the
 * frequency, CNTFRQ_EL0, is a 32-bit value: both products stay below
 * 2^62).  Past 2^64 the result wraps as the 128-bit one truncated did.
 */
static uint64_t scale(uint64_t a, uint64_t mul, uint64_t div)
{
	return a / div * mul + a % div * mul / div;
}

uint64_t timer_ns_to_ticks(uint64_t ns)
{
	return scale(ns, arch_timer_freq(), NSEC_PER_SEC);
}

uint64_t timer_ticks_to_ns(uint64_t ticks)
{
	return scale(ticks, NSEC_PER_SEC, arch_timer_freq());
}

static void timer_irq(unsigned irq, void *ctx)
{
	uint64_t now = arch_timer_now();

	(void)irq;
	(void)ctx;
	nirqs++;
	if (period) {
		/* Keep the phase; skip ticks that were missed. */
		next_tick += period;
		if (next_tick <= now)
			next_tick = now + period - (now - next_tick) % period;
		arch_timer_set_deadline(next_tick);
	} else {
		arch_timer_stop();
	}
	if (callback)
		callback(now);
}

int timer_init(void)
{
	return irq_register(arch_timer_intid(), timer_irq, NULL);
}

void timer_set_callback(timer_fn fn)
{
	callback = fn;
}

void timer_periodic(uint64_t ticks)
{
	period = ticks;
	next_tick = arch_timer_now() + ticks;
	arch_timer_set_deadline(next_tick);
}

void timer_oneshot(uint64_t deadline)
{
	period = 0;
	arch_timer_set_deadline(deadline);
}

void timer_stop(void)
{
	period = 0;
	arch_timer_stop();
}
