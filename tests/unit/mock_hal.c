/*
 * The HAL on the build machine: fakes of what kernel/core asks of the
 * architecture and the board (hal.h), of the console kprintf writes to
 * (console.h; console.c itself is not linked) and of panic() (panic.h).
 *
 * Every unit test links this one file, so it refers to no core symbol.
 * Tests drive and inspect the fakes through the mock_* functions declared
 * in unit.h.  Each Check test runs in a fresh process (see unit_run), so
 * the fakes start from their initial state in every test.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "hal.h"
#include "panic.h"
#include "unit.h"

/* ---- Event log ------------------------------------------------------------
 *
 * The fake controller and timer append what the kernel asked of them
 * ("enable 30;ack 30;eoi 30;"), and so may test handlers, so a test checks
 * the order of everything with one string comparison.
 */

static char events[8192];
static size_t events_len;

void mock_event(const char *fmt, ...)
{
	va_list ap;
	size_t room = sizeof(events) - events_len;

	va_start(ap, fmt);
	int n = vsnprintf(events + events_len, room, fmt, ap);
	va_end(ap);
	/* A truncated log would compare wrongly in confusing ways. */
	if (n < 0 || (size_t)n + 2 > room) {
		fprintf(stderr, "mock: event log full\n");
		abort();
	}
	events_len += (size_t)n;
	events[events_len++] = ';';
	events[events_len] = 0;
}

const char *mock_events(void)
{
	return events;
}

void mock_events_clear(void)
{
	events_len = 0;
	events[0] = 0;
}

/* ---- CPU ----------------------------------------------------------------- */

static bool irqs_masked;

unsigned long arch_irq_save(void)
{
	unsigned long was = irqs_masked;

	irqs_masked = true;
	return was;
}

void arch_irq_restore(unsigned long flags)
{
	irqs_masked = flags != 0;
}

bool mock_irqs_masked(void)
{
	return irqs_masked;
}

void mock_set_irqs_masked(bool masked)
{
	irqs_masked = masked;
}

__noreturn void arch_halt(void)
{
	abort();
}

/* ---- Interrupts -----------------------------------------------------------
 *
 * A controller with a pending bit per interrupt, delivered in the order
 * they were raised; like a GIC, it only delivers enabled interrupts, and
 * raising one that is already pending changes nothing.
 */

#define MOCK_INTIDS 1024

static bool intc_enabled[MOCK_INTIDS];
static unsigned intc_queue[MOCK_INTIDS];
static unsigned intc_queued;

static bool intc_is_pending(unsigned intid)
{
	for (unsigned i = 0; i < intc_queued; i++)
		if (intc_queue[i] == intid)
			return true;
	return false;
}

void mock_intc_raise(unsigned intid)
{
	if (intid >= MOCK_INTIDS) {
		fprintf(stderr, "mock: no interrupt %u\n", intid);
		abort();
	}
	if (!intc_is_pending(intid))
		intc_queue[intc_queued++] = intid;
}

unsigned mock_intc_pending(void)
{
	return intc_queued;
}

bool mock_intc_is_enabled(unsigned intid)
{
	return intid < MOCK_INTIDS && intc_enabled[intid];
}

void arch_intc_enable(unsigned intid)
{
	mock_event("enable %u", intid);
	if (intid < MOCK_INTIDS)
		intc_enabled[intid] = true;
}

void arch_intc_disable(unsigned intid)
{
	mock_event("disable %u", intid);
	if (intid < MOCK_INTIDS)
		intc_enabled[intid] = false;
}

unsigned arch_intc_ack(void)
{
	for (unsigned i = 0; i < intc_queued; i++) {
		unsigned intid = intc_queue[i];
		if (!intc_enabled[intid])
			continue;
		memmove(&intc_queue[i], &intc_queue[i + 1],
			(intc_queued - i - 1) * sizeof(intc_queue[0]));
		intc_queued--;
		mock_event("ack %u", intid);
		return intid;
	}
	return IRQ_NONE;
}

void arch_intc_eoi(unsigned intid)
{
	mock_event("eoi %u", intid);
}

void arch_intc_send_self_sgi(unsigned intid)
{
	mock_event("sgi %u", intid);
	mock_intc_raise(intid);
}

/* ---- Timer ----------------------------------------------------------------
 *
 * A counter the test moves forward.  Reaching an armed deadline raises the
 * timer interrupt at the fake controller, as the generic timer's
 * comparator would.
 */

static uint64_t timer_now_ticks;
static uint64_t timer_freq_hz = MOCK_TIMER_FREQ;
static uint64_t timer_deadline;
static bool timer_armed;

static void timer_check_deadline(void)
{
	if (timer_armed && timer_now_ticks >= timer_deadline)
		mock_intc_raise(MOCK_TIMER_INTID);
}

void mock_timer_set_now(uint64_t now)
{
	timer_now_ticks = now;
	timer_check_deadline();
}

void mock_timer_set_freq(uint64_t hz)
{
	timer_freq_hz = hz;
}

uint64_t mock_timer_deadline(void)
{
	return timer_deadline;
}

bool mock_timer_armed(void)
{
	return timer_armed;
}

uint64_t arch_timer_now(void)
{
	return timer_now_ticks;
}

uint64_t arch_timer_freq(void)
{
	return timer_freq_hz;
}

void arch_timer_set_deadline(uint64_t deadline)
{
	mock_event("deadline %llu", (unsigned long long)deadline);
	timer_deadline = deadline;
	timer_armed = true;
	timer_check_deadline();
}

void arch_timer_stop(void)
{
	mock_event("stop");
	timer_armed = false;
}

unsigned arch_timer_intid(void)
{
	return MOCK_TIMER_INTID;
}

/* ---- Console --------------------------------------------------------------
 *
 * Everything kprintf writes, kept for the test to read; the lock masks
 * interrupts as console.c's does, and writes made without it are counted.
 */

static char console_text[65536];
static size_t console_len;
static unsigned console_lock_depth;
static size_t console_unlocked;

void console_putc(char c)
{
	if (console_len + 1 >= sizeof(console_text)) {
		fprintf(stderr, "mock: console buffer full\n");
		abort();
	}
	console_text[console_len++] = c;
	console_text[console_len] = 0;
	if (console_lock_depth == 0)
		console_unlocked++;
}

unsigned long console_lock(void)
{
	unsigned long flags = arch_irq_save();

	console_lock_depth++;
	return flags;
}

void console_unlock(unsigned long flags)
{
	console_lock_depth--;
	arch_irq_restore(flags);
}

const char *mock_console_text(void)
{
	return console_text;
}

void mock_console_clear(void)
{
	console_len = 0;
	console_text[0] = 0;
}

size_t mock_console_unlocked_writes(void)
{
	return console_unlocked;
}

bool mock_console_locked(void)
{
	return console_lock_depth > 0;
}

/* ---- Panic ----------------------------------------------------------------
 *
 * Print as the kernel would, then abort(): tests of panicking paths expect
 * SIGABRT and may read the message from stderr (unit_expect_panic).
 */

__noreturn void panic(const char *fmt, ...)
{
	va_list ap;

	fputs("mlk: panic: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	arch_halt();
}
