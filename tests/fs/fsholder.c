/*
 * fsholder: a client that opens files and never closes them, for the
 * "killed client" test of t_handles.c.  fstest has init run it
 * (mlk_init_run) with the arguments "COUNT URI DONE": it opens URI COUNT
 * times, makes the directory DONE to say it did (a mkdir needs no slot in
 * the service's table of open files), and waits to be killed.  Without
 * arguments, as init starts it at boot, it ends at once.
 */
#include <stdio.h>
#include <stdlib.h>

#include <mlk/fs.h>
#include <mlk/sys.h>

int main(int argc, char **argv)
{
	struct mlk_file f;
	unsigned long count, n = 0;

	if (argc < 4)
		return 0;
	count = strtoul(argv[1], NULL, 0);
	while (n < count && mlk_open(argv[2], MLK_O_READ, &f) == MLK_OK)
		n++;
	printf("fsholder: %lu of %s open\n", n, argv[2]);
	if (n == count && mlk_mkdir(argv[3]) != MLK_OK)
		return 1;
	for (;;)
		mlk_thread_suspend(MLK_HANDLE_SELF_THREAD);
}
