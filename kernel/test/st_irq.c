/*
 * Selftests: interrupt routing and the generic timer.
 */
#include "hal.h"
#include "irq.h"
#include "selftest.h"
#include "timer.h"

#define TEST_SGI 5

static volatile unsigned sgi_hits;

static void sgi_handler(unsigned irq, void *ctx)
{
	sgi_hits += (irq == TEST_SGI && ctx == &sgi_hits);
}

/*
 * Spin until `cond` holds or `timeout` ticks pass.  Interrupts are enabled
 * while selftests run (kmain turned them on), so handlers run meanwhile.
 */
#define WAIT_FOR(cond, timeout)                                                \
	({                                                                     \
		uint64_t __end = timer_now() + (timeout);                      \
		while (!(cond) && timer_now() < __end)                         \
			;                                                      \
		(cond);                                                        \
	})

SELFTEST(irq, sgi_to_self_dispatched)
{
	unsigned long flags = arch_irq_save();

	ST_REQUIRE(t,
		   irq_register(TEST_SGI, sgi_handler, (void *)&sgi_hits) == 0);
	ST_EQ(t, irq_register(TEST_SGI, sgi_handler, NULL), -1);
	sgi_hits = 0;
	arch_intc_send_self_sgi(TEST_SGI);
	arch_irq_restore(flags);
	ST_CHECK(t, WAIT_FOR(sgi_hits == 1, timer_freq() / 10));
	ST_EQ(t, irq_count(TEST_SGI), 1);
	irq_unregister(TEST_SGI);
}

SELFTEST(timer, counter_advances)
{
	uint64_t a = timer_now();
	for (volatile int i = 0; i < 100000; i++)
		;
	ST_CHECK(t, timer_now() > a);
	ST_CHECK(t, timer_freq() >= 1000000);
	ST_EQ(t, timer_ticks_to_ns(timer_freq()), NSEC_PER_SEC);
	ST_EQ(t, timer_ns_to_ticks(NSEC_PER_SEC), timer_freq());
}

static volatile uint64_t callback_times[8];
static volatile unsigned callbacks;

static void record(uint64_t now)
{
	if (callbacks < 8)
		callback_times[callbacks] = now;
	callbacks++;
}

SELFTEST(timer, periodic_interrupts_counted)
{
	uint64_t period = timer_freq() / 1000; /* 1 ms */
	uint64_t irqs = timer_irqs();
	uint64_t start = timer_now();

	callbacks = 0;
	timer_set_callback(record);
	timer_periodic(period);
	ST_CHECK(t, WAIT_FOR(callbacks >= 5, timer_freq()));
	timer_stop();
	timer_set_callback(NULL);
	ST_CHECK(t, timer_irqs() - irqs >= 5);
	ST_EQ(t, irq_count(arch_timer_intid()) >= timer_irqs(), 1);
	/* No interrupt before its time. */
	ST_CHECK(t, callback_times[0] >= start + period);
	for (int i = 1; i < 5; i++)
		ST_CHECK(t, callback_times[i] > callback_times[i - 1]);
}

SELFTEST(timer, oneshot_fires_once)
{
	uint64_t deadline = timer_now() + timer_freq() / 500; /* 2 ms */

	callbacks = 0;
	timer_set_callback(record);
	timer_oneshot(deadline);
	ST_CHECK(t, WAIT_FOR(callbacks >= 1, timer_freq()));
	uint64_t end = timer_now() + timer_freq() / 100;
	while (timer_now() < end)
		;
	timer_set_callback(NULL);
	ST_EQ(t, callbacks, 1);
	ST_CHECK(t, callback_times[0] >= deadline);
}
