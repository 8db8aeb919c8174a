/*
 * hello: a program for the scenario tests to start from the shell with
 * run.  It prints its arguments on one line and ends; with "wait" as its
 * first argument it then sleeps until it is killed (run's Ctrl-C, kill),
 * with "spin" it keeps the CPU busy until then.
 */
#include <mlk/runtime.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	printf("hello:");
	for (int i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	if (argc > 1 && !strcmp(argv[1], "wait"))
		for (;;)
			mlk_sleep_ns(1000000000ull);
	if (argc > 1 && !strcmp(argv[1], "spin"))
		for (volatile unsigned long n = 0;; n++)
			;
	return 0;
}
