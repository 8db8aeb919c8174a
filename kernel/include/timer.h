/*
 * Time: the architecture's monotonic counter, and the one timer interrupt
 * the kernel multiplexes (periodic or one-shot).
 */
#ifndef MLK_KERNEL_TIMER_H
#define MLK_KERNEL_TIMER_H

#include "compiler.h"

#define NSEC_PER_SEC 1000000000ULL

/* Called from the timer interrupt with the current time in ticks. */
typedef void (*timer_fn)(uint64_t now);

/* Route the architecture's timer interrupt here. */
int timer_init(void);
void timer_set_callback(timer_fn fn);
/* An interrupt every `period` ticks from now on. */
void timer_periodic(uint64_t period);
/* One interrupt when the counter reaches `deadline`. */
void timer_oneshot(uint64_t deadline);
void timer_stop(void);

uint64_t timer_now(void);
uint64_t timer_freq(void);
uint64_t timer_irqs(void);
uint64_t timer_ns_to_ticks(uint64_t ns);
uint64_t timer_ticks_to_ns(uint64_t ticks);

#endif
