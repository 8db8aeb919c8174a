/*
 * fsholder: a client that opens files and never closes them, for the
 * "killed client" test of t_handles.c.  fstest has init run it
 * (mlk_init_run) with the arguments "COUNT URI DONE": it opens URI COUNT
 * times, makes the directory DONE to say it did (a mkdir needs no slot in
 * the service's table of open files), and waits to be killed.  Without
 * arguments, as init starts it at boot, it ends at once.
 *
 * With "spent URI" (t_buffer_quota.c) it opens URI for writing, spends
 * its whole quota, then writes and reads through libmlk: its exit code is
 * the first status that was not OK (libmlk must answer NO_MEMORY, not
 * fault on its own buffer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/fs.h>
#include <mlk/sys.h>

#define PAGE MLK_PAGE_SIZE
#define DATA 8192
#define STACK_DEPTH (16 * 1024)
#define MAX_HOGS 64

static const char data[DATA] = { 'x' }; /* loaded, so paid for */
static char back[DATA];

static __attribute__((noinline)) void touch_stack(void)
{
	volatile char pad[STACK_DEPTH];

	for (size_t i = 0; i < sizeof(pad); i += PAGE / 2)
		pad[i] = 0;
}

/* Memory objects of halving sizes until not a page more comes. */
static void spend_quota(void)
{
	static mlk_handle_t hogs[MAX_HOGS];
	unsigned n = 0;

	for (int pass = 0; pass < 2; pass++)
		for (uint64_t size = 16u << 20; size >= PAGE; size /= 2)
			while (n < MAX_HOGS &&
			       mlk_mem_create(size, pass ? 0 : MLK_MEM_COMMIT,
					      &hogs[n]) == MLK_OK)
				n++;
}

static int spent(const char *uri)
{
	struct mlk_file f;
	size_t n;
	mlk_status_t st =
		mlk_fs_open(uri, MLK_O_READ | MLK_O_WRITE | MLK_O_CREATE, &f);

	if (st != MLK_OK)
		return (int)st;
	memset(back, 0, sizeof(back));
	touch_stack();
	spend_quota();
	st = mlk_fs_write(&f, data, sizeof(data), &n);
	if (st == MLK_OK)
		st = mlk_fs_seek(&f, 0, MLK_SEEK_SET, NULL);
	if (st == MLK_OK)
		st = mlk_fs_read(&f, back, sizeof(back), &n);
	return (int)st;
}

int main(int argc, char **argv)
{
	struct mlk_file f;
	unsigned long count, n = 0;

	if (argc == 3 && !strcmp(argv[1], "spent"))
		return spent(argv[2]);
	if (argc < 4)
		return 0;
	count = strtoul(argv[1], NULL, 0);
	while (n < count && mlk_fs_open(argv[2], MLK_O_READ, &f) == MLK_OK)
		n++;
	printf("fsholder: %lu of %s open\n", n, argv[2]);
	if (n == count && mlk_fs_mkdir(argv[3]) != MLK_OK)
		return 1;
	for (;;)
		mlk_thread_suspend(MLK_HANDLE_SELF_THREAD);
}
