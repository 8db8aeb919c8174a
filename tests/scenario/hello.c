/*
 * hello: a program for the scenario tests to start from the shell with
 * run.  It prints its arguments on one line and ends; with "wait" as its
 * first argument it then sleeps until it is killed (run's Ctrl-C, kill),
 * with "spin" it keeps the CPU busy until then; "exit N" ends it with
 * code N and "fault" with a write to address 0; "args" then prints each
 * argument on its own line; "tick N" waits a second, then prints N lines
 * 300 ms apart (output of another program while the shell edits a line).
 */
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	printf("hello:");
	for (int i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	if (argc > 1 && !strcmp(argv[1], "args"))
		for (int i = 2; i < argc; i++)
			printf("hello: arg %d: [%s]\n", i - 1, argv[i]);
	if (argc > 1 && !strcmp(argv[1], "wait"))
		for (;;)
			mlk_sleep(mlk_deadline_in(1000000000ull));
	if (argc > 2 && !strcmp(argv[1], "tick")) {
		mlk_sleep(mlk_deadline_in(1000000000ull));
		for (int i = 1; i <= atoi(argv[2]); i++) {
			printf("hello: tick %d\n", i);
			mlk_sleep(mlk_deadline_in(300000000ull));
		}
	}
	if (argc > 2 && !strcmp(argv[1], "exit"))
		return atoi(argv[2]);
	if (argc > 1 && !strcmp(argv[1], "fault"))
		*(volatile int *)0 = 1;
	if (argc > 1 && !strcmp(argv[1], "spin"))
		for (volatile unsigned long n = 0;; n++)
			;
	return 0;
}
