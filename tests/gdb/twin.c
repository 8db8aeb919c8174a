/*
 * twin: the program tests/gdb/gdb.test debugs.  The image holds it
 * twice, as twin-a and twin-b: two processes running the same code at
 * the same addresses, both calling twin_step over and over, so that a
 * breakpoint on twin_step's address is hit in both and must stop in the
 * one named only.
 */
#include <stdint.h>
#include <stdio.h>

#include <mlk/sys.h>

/* What twin_step adds up; volatile so that every call does its work. */
static volatile uint64_t total;

void twin_step(uint64_t n);

/* Not inlined: the test breaks on it and reads its caller's line. */
__attribute__((noinline)) void twin_step(uint64_t n)
{
	total += n;
}

int main(int argc, char **argv)
{
	printf("twin: %s running\n", argc > 0 ? argv[0] : "?");
	for (uint64_t n = 0;; n++) {
		twin_step(n);
		mlk_yield();
	}
}
