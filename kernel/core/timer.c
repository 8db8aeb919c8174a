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

uint64_t timer_ns_to_ticks(uint64_t ns)
{
	return (uint64_t)((unsigned __int128)ns * arch_timer_freq() /
			  NSEC_PER_SEC);
}

uint64_t timer_ticks_to_ns(uint64_t ticks)
{
	return (uint64_t)((unsigned __int128)ticks * NSEC_PER_SEC /
			  arch_timer_freq());
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
