/*
 * crash: faults on purpose, to show supervision.  It writes through a
 * pointer to nowhere; the kernel stops the thread and tells init, which
 * logs "init: crash faulted at pc=... addr=..." and, because the manifest
 * says restart, starts it again after a back-off, until it has crashed as
 * often in a row as the manifest's give-up=N allows.
 */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	volatile uint64_t *nowhere = (volatile uint64_t *)0x10;

	printf("crash: about to write to %p\n", (void *)nowhere);
	*nowhere = 42;
	printf("crash: still alive?\n");
	return 0;
}
