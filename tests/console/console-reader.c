/*
 * console-reader: the second reader of console-test (console-test.c runs
 * it through init).  With the argument "read" it reads one byte from the
 * console, prints it and exits; without, it exits at once, as it does when
 * init starts it at boot with every program of the image.
 */
#include <mlk/console.h>
#include <mlk/service.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	char c;
	size_t got;
	mlk_status_t st;

	if (argc < 2 || strcmp(argv[1], "read"))
		return 0;
	st = mlk_console_read(&c, 1, &got, false);
	if (st != MLK_OK || got != 1) {
		printf("console-test: FAIL: console-reader: read (%s)\n",
		       mlk_status_str(st));
		return 1;
	}
	printf("console-test: reader got '%c'\n", c);
	return 0;
}
