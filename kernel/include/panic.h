/*
 * Stopping the kernel when something it relies on is broken.
 */
#ifndef MLK_KERNEL_PANIC_H
#define MLK_KERNEL_PANIC_H

#include "compiler.h"

/* Print "mlk: panic: <message>" and stop (see panic_set_action). */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);

/*
 * Stop after a panic was printed: halt (the default), or power off when
 * the bootarg mlk.panic=poweroff asked for it (tests, unattended boards).
 */
__noreturn void panic_stop(void);
void panic_set_poweroff(bool poweroff);

#define BUG_ON(cond)                                                           \
	do {                                                                   \
		if (unlikely(cond))                                            \
			panic("%s:%d: %s", __FILE__, __LINE__, #cond);         \
	} while (0)

#endif
