/*
 * hello: the smallest MLK program.  main() gets its arguments from the
 * manifest (or mlk-mkimage's args=), printf goes to the console, and the
 * exit code goes to init.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("Hello, world! I am %s", argv[0]);
	for (int i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	return 0;
}
