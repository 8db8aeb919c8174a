/*
 * Fakes of the runtime the C library relies on (libmlk/libc/
 * runtime_hooks.h), shared by the test_libc_* programs: a console that
 * records what it is given, a heap that maps fresh memory within a
 * budget, and an abort() that a test can catch.  Each Check test runs in
 * a child process of its own, so every test starts from this state.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "libc/runtime_hooks.h"

/* The console: everything written, in order. */
char fake_console[1 << 20];
size_t fake_console_len;
unsigned fake_console_writes; /* calls that took something */
size_t fake_console_chunk;    /* if nonzero, the most one call takes */
bool fake_console_broken;     /* take nothing */

size_t __mlk_stdout_write(const char *buf, size_t len)
{
	if (fake_console_broken || len == 0)
		return 0;
	if (fake_console_chunk && len > fake_console_chunk)
		len = fake_console_chunk;
	/* The tests never write this much: refusing would hide their bug. */
	if (len > sizeof(fake_console) - fake_console_len)
		abort();
	memcpy(fake_console + fake_console_len, buf, len);
	fake_console_len += len;
	fake_console_writes++;
	return len;
}

/* The heap: fresh pages from mmap, so regions are not adjacent. */
size_t fake_heap_budget = SIZE_MAX; /* bytes the heap may still get */
unsigned fake_heap_grows;	    /* successful calls */
size_t fake_heap_last_min;	    /* min_bytes of the last call */

int __mlk_heap_grow(size_t min_bytes, void **base, size_t *got)
{
	size_t size = (min_bytes + 4095) & ~(size_t)4095;
	void *p;

	fake_heap_last_min = min_bytes;
	if (size < min_bytes || size > fake_heap_budget)
		return -1;
	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	fake_heap_budget -= size;
	fake_heap_grows++;
	*base = p;
	*got = size;
	return 0;
}

/*
 * The library's abort() (renamed by LIBC_TEST_RENAME).  With a catch
 * armed it returns there, so a test can look at the message before it;
 * otherwise it shows the console in the test log and aborts for real.
 */
jmp_buf *fake_abort_catch;

_Noreturn void mlk_test_abort(void);
_Noreturn void mlk_test_abort(void)
{
	if (fake_abort_catch)
		longjmp(*fake_abort_catch, 1);
	if (write(2, fake_console, fake_console_len) < 0)
		_exit(2);
	abort();
}
