/*
 * Unit tests of interrupt dispatch (kernel/core/irq.c) and the kernel
 * timer (kernel/core/timer.c) on the fake controller and timer of
 * mock_hal.c, whose event log shows every call in order.
 */
#include "irq.h"

#include <limits.h>

#include "hal.h"
#include "timer.h"
#include "unit.h"

/* Logs "handler <irq> <ctx>" so the event log shows where it ran. */
static void log_handler(unsigned irq, void *ctx)
{
	mock_event("handler %u %s", irq, (const char *)ctx);
}

static void other_handler(unsigned irq, void *ctx)
{
	mock_event("other %u", irq);
}

/* ---- registering --------------------------------------------------------- */

START_TEST(register_unmasks_at_the_controller)
{
	ck_assert_int_eq(irq_register(33, log_handler, "a"), 0);
	ck_assert_str_eq(mock_events(), "enable 33;");
	ck_assert(mock_intc_is_enabled(33));
	ck_assert(!mock_intc_is_enabled(34));
}
END_TEST

START_TEST(second_handler_refused)
{
	ck_assert_int_eq(irq_register(33, log_handler, "first"), 0);
	mock_events_clear();
	ck_assert_int_eq(irq_register(33, other_handler, "second"), -1);
	ck_assert_str_eq(mock_events(), "");
	/* The first handler keeps the interrupt. */
	mock_intc_raise(33);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "ack 33;handler 33 first;eoi 33;");
}
END_TEST

START_TEST(out_of_range_refused)
{
	ck_assert_int_eq(irq_register(IRQ_COUNT, log_handler, "x"), -1);
	ck_assert_int_eq(irq_register(UINT_MAX, log_handler, "x"), -1);
	ck_assert_str_eq(mock_events(), "");
	/* The last valid number works. */
	ck_assert_int_eq(irq_register(IRQ_COUNT - 1, log_handler, "x"), 0);
	ck_assert_str_eq(mock_events(), "enable 1023;");
}
END_TEST

START_TEST(unregister_disables)
{
	ck_assert_int_eq(irq_register(40, log_handler, "x"), 0);
	mock_events_clear();
	irq_unregister(40);
	ck_assert_str_eq(mock_events(), "disable 40;");
	ck_assert(!mock_intc_is_enabled(40));
	/* Masked now: raising it delivers nothing. */
	mock_intc_raise(40);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "disable 40;");
	ck_assert_uint_eq(irq_count(40), 0);
}
END_TEST

START_TEST(unregister_frees_the_number)
{
	ck_assert_int_eq(irq_register(40, log_handler, "old"), 0);
	irq_unregister(40);
	ck_assert_int_eq(irq_register(40, log_handler, "new"), 0);
	mock_events_clear();
	mock_intc_raise(40);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "ack 40;handler 40 new;eoi 40;");
}
END_TEST

START_TEST(unregister_out_of_range_ignored)
{
	irq_unregister(IRQ_COUNT);
	irq_unregister(UINT_MAX);
	ck_assert_str_eq(mock_events(), "");
}
END_TEST

/* ---- dispatching --------------------------------------------------------- */

START_TEST(pending_handled_in_order)
{
	ck_assert_int_eq(irq_register(33, log_handler, "a"), 0);
	ck_assert_int_eq(irq_register(34, log_handler, "b"), 0);
	ck_assert_int_eq(irq_register(35, log_handler, "c"), 0);
	mock_events_clear();
	mock_intc_raise(35);
	mock_intc_raise(33);
	mock_intc_raise(34);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "ack 35;handler 35 c;eoi 35;"
					"ack 33;handler 33 a;eoi 33;"
					"ack 34;handler 34 b;eoi 34;");
	ck_assert_uint_eq(mock_intc_pending(), 0);
	ck_assert_uint_eq(irq_count(33), 1);
	ck_assert_uint_eq(irq_count(34), 1);
	ck_assert_uint_eq(irq_count(35), 1);
	ck_assert_uint_eq(irq_spurious_count(), 0);
}
END_TEST

START_TEST(nothing_pending_does_nothing)
{
	ck_assert_int_eq(irq_register(33, log_handler, "a"), 0);
	mock_events_clear();
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "");
	ck_assert_uint_eq(irq_count(33), 0);
}
END_TEST

/* Raises interrupt 41 from inside the handler of 40. */
static void chaining_handler(unsigned irq, void *ctx)
{
	mock_event("handler %u", irq);
	mock_intc_raise(41);
}

START_TEST(raised_while_handling_is_handled_too)
{
	ck_assert_int_eq(irq_register(40, chaining_handler, NULL), 0);
	ck_assert_int_eq(irq_register(41, log_handler, "b"), 0);
	mock_events_clear();
	mock_intc_raise(40);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "ack 40;handler 40;eoi 40;"
					"ack 41;handler 41 b;eoi 41;");
}
END_TEST

START_TEST(counts_per_interrupt)
{
	ck_assert_int_eq(irq_register(33, log_handler, "a"), 0);
	ck_assert_int_eq(irq_register(34, log_handler, "b"), 0);
	for (int i = 0; i < 3; i++) {
		mock_intc_raise(33);
		irq_handle_pending();
	}
	mock_intc_raise(34);
	irq_handle_pending();
	ck_assert_uint_eq(irq_count(33), 3);
	ck_assert_uint_eq(irq_count(34), 1);
	ck_assert_uint_eq(irq_count(35), 0);
	ck_assert_uint_eq(irq_count(IRQ_COUNT), 0);
}
END_TEST

START_TEST(unhandled_is_spurious_and_disabled)
{
	/* Enabled at the controller with no handler, as after a stray
	 * enable. */
	arch_intc_enable(50);
	mock_events_clear();
	mock_intc_raise(50);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "ack 50;disable 50;eoi 50;");
	ck_assert_uint_eq(irq_spurious_count(), 1);
	ck_assert_uint_eq(irq_count(50), 0);
	ck_assert(!mock_intc_is_enabled(50));
}
END_TEST

START_TEST(dispatch_out_of_range_is_spurious)
{
	irq_dispatch(IRQ_COUNT);
	irq_dispatch(UINT_MAX - 1);
	ck_assert_uint_eq(irq_spurious_count(), 2);
	/* No controller call for a number it cannot have. */
	ck_assert_str_eq(mock_events(), "");
}
END_TEST

START_TEST(self_sgi_is_dispatched)
{
	ck_assert_int_eq(irq_register(1, log_handler, "sgi"), 0);
	mock_events_clear();
	arch_intc_send_self_sgi(1);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "sgi 1;ack 1;handler 1 sgi;eoi 1;");
	ck_assert_uint_eq(irq_count(1), 1);
}
END_TEST

/* ---- timer --------------------------------------------------------------- */

static void log_callback(uint64_t now)
{
	mock_event("callback %llu", (unsigned long long)now);
}

/* A started timer at `now` with log_callback, the event log cleared. */
static void start_timer(uint64_t now)
{
	mock_timer_set_now(now);
	ck_assert_int_eq(timer_init(), 0);
	timer_set_callback(log_callback);
	mock_events_clear();
}

START_TEST(timer_init_registers_the_timer_interrupt)
{
	ck_assert_int_eq(timer_init(), 0);
	ck_assert_str_eq(mock_events(), "enable 30;");
	ck_assert(mock_intc_is_enabled(arch_timer_intid()));
	/* The interrupt is taken now. */
	ck_assert_int_eq(timer_init(), -1);
	ck_assert_int_eq(irq_register(MOCK_TIMER_INTID, log_handler, "x"), -1);
}
END_TEST

START_TEST(timer_init_fails_if_taken)
{
	ck_assert_int_eq(irq_register(MOCK_TIMER_INTID, log_handler, "x"), 0);
	ck_assert_int_eq(timer_init(), -1);
}
END_TEST

START_TEST(periodic_reprograms_one_period_on)
{
	start_timer(1000);
	timer_periodic(100);
	ck_assert_str_eq(mock_events(), "deadline 1100;");
	mock_events_clear();

	mock_timer_set_now(1099);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), ""); /* not due yet */

	mock_timer_set_now(1100);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(),
			 "ack 30;deadline 1200;callback 1100;eoi 30;");
	mock_events_clear();

	mock_timer_set_now(1200);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(),
			 "ack 30;deadline 1300;callback 1200;eoi 30;");
	ck_assert_uint_eq(timer_irqs(), 2);
	ck_assert_uint_eq(irq_count(MOCK_TIMER_INTID), 2);
}
END_TEST

START_TEST(periodic_late_interrupt_keeps_phase)
{
	start_timer(1000);
	timer_periodic(100);
	/* Taken 50 ticks late: the next one is still at 1200. */
	mock_timer_set_now(1150);
	irq_handle_pending();
	ck_assert_uint_eq(mock_timer_deadline(), 1200);
}
END_TEST

START_TEST(periodic_skips_missed_periods)
{
	start_timer(1000);
	timer_periodic(100);
	mock_events_clear();
	/* 1100, 1200, 1300 and 1400 are gone; 1500 keeps the phase. */
	mock_timer_set_now(1437);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(),
			 "ack 30;deadline 1500;callback 1437;eoi 30;");
	ck_assert_uint_eq(timer_irqs(), 1);
}
END_TEST

START_TEST(periodic_missed_exactly_to_a_tick)
{
	start_timer(1000);
	timer_periodic(100);
	/* Taken a whole period late, at 1200, itself a tick of the phase:
	 * the next deadline is 1300, never one already reached. */
	mock_timer_set_now(1200);
	irq_handle_pending();
	ck_assert_uint_eq(mock_timer_deadline(), 1300);
	ck_assert_uint_eq(timer_irqs(), 1); /* not a second one at once */
	mock_timer_set_now(1400);
	irq_handle_pending();
	ck_assert_uint_eq(mock_timer_deadline(), 1500);
}
END_TEST

START_TEST(oneshot_stops_after_firing)
{
	start_timer(0);
	timer_oneshot(5000);
	ck_assert_str_eq(mock_events(), "deadline 5000;");
	mock_events_clear();
	mock_timer_set_now(5003);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "ack 30;stop;callback 5003;eoi 30;");
	ck_assert(!mock_timer_armed());
	mock_events_clear();
	/* Nothing more, however long we wait. */
	mock_timer_set_now(100000);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "");
	ck_assert_uint_eq(timer_irqs(), 1);
}
END_TEST

START_TEST(oneshot_replaces_periodic)
{
	start_timer(0);
	timer_periodic(100);
	timer_oneshot(250);
	mock_events_clear();
	mock_timer_set_now(250);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "ack 30;stop;callback 250;eoi 30;");
}
END_TEST

START_TEST(stop_disarms)
{
	start_timer(0);
	timer_periodic(100);
	mock_events_clear();
	timer_stop();
	ck_assert_str_eq(mock_events(), "stop;");
	ck_assert(!mock_timer_armed());
	mock_timer_set_now(1000);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "stop;");
	ck_assert_uint_eq(timer_irqs(), 0);
}
END_TEST

START_TEST(no_callback_still_reprograms)
{
	mock_timer_set_now(0);
	ck_assert_int_eq(timer_init(), 0);
	timer_periodic(10);
	mock_events_clear();
	mock_timer_set_now(10);
	irq_handle_pending();
	ck_assert_str_eq(mock_events(), "ack 30;deadline 20;eoi 30;");
	ck_assert_uint_eq(timer_irqs(), 1);
}
END_TEST

START_TEST(now_and_freq_come_from_the_architecture)
{
	mock_timer_set_now(123456789);
	ck_assert_uint_eq(timer_now(), 123456789);
	ck_assert_uint_eq(timer_freq(), MOCK_TIMER_FREQ);
	mock_timer_set_freq(24000000);
	ck_assert_uint_eq(timer_freq(), 24000000);
}
END_TEST

START_TEST(conversions_at_62_5_mhz)
{
	mock_timer_set_freq(62500000);
	ck_assert_uint_eq(timer_ns_to_ticks(NSEC_PER_SEC), 62500000);
	ck_assert_uint_eq(timer_ticks_to_ns(62500000), NSEC_PER_SEC);
	ck_assert_uint_eq(timer_ticks_to_ns(1), 16);
	ck_assert_uint_eq(timer_ns_to_ticks(16), 1);
	ck_assert_uint_eq(timer_ns_to_ticks(15), 0); /* rounds down */
	ck_assert_uint_eq(timer_ns_to_ticks(0), 0);
	/* Products far beyond 64 bits: a century of ticks, and the largest
	 * nanosecond count. */
	ck_assert_uint_eq(timer_ticks_to_ns(62500000ULL * 3153600000ULL),
			  3153600000ULL * NSEC_PER_SEC);
	ck_assert_uint_eq(timer_ns_to_ticks(UINT64_MAX),
			  1152921504606846975ULL); /* (2^64 - 1) / 16 */
}
END_TEST

/* The conversions avoid 128-bit arithmetic (libgcc's division is big);
 * they must still give what it gives, for every 32-bit frequency. */
START_TEST(conversions_match_128_bit_arithmetic)
{
	static const uint64_t freqs[] = { 1, 24000000, 62500000, 1000000000,
					  0xffffffffULL };
	static const uint64_t values[] = { 0,
					   1,
					   999999999,
					   1000000000,
					   (1ULL << 40) + 7,
					   UINT64_MAX / 3,
					   UINT64_MAX - 1,
					   UINT64_MAX };

	for (unsigned f = 0; f < sizeof(freqs) / sizeof(freqs[0]); f++) {
		mock_timer_set_freq(freqs[f]);
		for (unsigned v = 0; v < sizeof(values) / sizeof(values[0]);
		     v++) {
			unsigned __int128 x = values[v];
			ck_assert_uint_eq(
				timer_ns_to_ticks(values[v]),
				(uint64_t)(x * freqs[f] / NSEC_PER_SEC));
			ck_assert_uint_eq(
				timer_ticks_to_ns(values[v]),
				(uint64_t)(x * NSEC_PER_SEC / freqs[f]));
		}
	}
}
END_TEST

START_TEST(conversions_at_24_mhz)
{
	mock_timer_set_freq(24000000);
	ck_assert_uint_eq(timer_ns_to_ticks(NSEC_PER_SEC), 24000000);
	ck_assert_uint_eq(timer_ticks_to_ns(24), 1000);
	ck_assert_uint_eq(timer_ticks_to_ns(1), 41); /* 41.67 rounds down */
	ck_assert_uint_eq(timer_ns_to_ticks(41), 0);
	ck_assert_uint_eq(timer_ns_to_ticks(42), 1);
	ck_assert_uint_eq(timer_ticks_to_ns(24000000ULL * 3153600000ULL),
			  3153600000ULL * NSEC_PER_SEC);
	ck_assert_uint_eq(timer_ns_to_ticks(UINT64_MAX),
			  442721857769029238ULL); /* (2^64 - 1) * 0.024 */
}
END_TEST

static Suite *irq_suite(void)
{
	Suite *s = suite_create("irq");
	TCase *reg = tcase_create("register");
	TCase *dispatch = tcase_create("dispatch");
	TCase *timer = tcase_create("timer");

	tcase_add_test(reg, register_unmasks_at_the_controller);
	tcase_add_test(reg, second_handler_refused);
	tcase_add_test(reg, out_of_range_refused);
	tcase_add_test(reg, unregister_disables);
	tcase_add_test(reg, unregister_frees_the_number);
	tcase_add_test(reg, unregister_out_of_range_ignored);
	suite_add_tcase(s, reg);

	tcase_add_test(dispatch, pending_handled_in_order);
	tcase_add_test(dispatch, nothing_pending_does_nothing);
	tcase_add_test(dispatch, raised_while_handling_is_handled_too);
	tcase_add_test(dispatch, counts_per_interrupt);
	tcase_add_test(dispatch, unhandled_is_spurious_and_disabled);
	tcase_add_test(dispatch, dispatch_out_of_range_is_spurious);
	tcase_add_test(dispatch, self_sgi_is_dispatched);
	suite_add_tcase(s, dispatch);

	tcase_add_test(timer, timer_init_registers_the_timer_interrupt);
	tcase_add_test(timer, timer_init_fails_if_taken);
	tcase_add_test(timer, periodic_reprograms_one_period_on);
	tcase_add_test(timer, periodic_late_interrupt_keeps_phase);
	tcase_add_test(timer, periodic_skips_missed_periods);
	tcase_add_test(timer, periodic_missed_exactly_to_a_tick);
	tcase_add_test(timer, oneshot_stops_after_firing);
	tcase_add_test(timer, oneshot_replaces_periodic);
	tcase_add_test(timer, stop_disarms);
	tcase_add_test(timer, no_callback_still_reprograms);
	tcase_add_test(timer, now_and_freq_come_from_the_architecture);
	tcase_add_test(timer, conversions_at_62_5_mhz);
	tcase_add_test(timer, conversions_at_24_mhz);
	tcase_add_test(timer, conversions_match_128_bit_arithmetic);
	suite_add_tcase(s, timer);
	return s;
}

int main(void)
{
	return unit_run("irq", irq_suite());
}
