/*
 * fstest: every operation and every error status of the file services
 * (vfs, initfs, ramfs) through the client API, on both schemes, ending
 * with a file system service and the vfs killed and coming back.  The
 * test library (tests/lib/mlkcheck.h) runs the TESTs of the t_*.c files
 * in the order local.mk links them, which they depend on (README.md);
 * the last line is "fstest: result: PASS" or "FAIL".  Needs an image
 * made as tests/fs/local.mk makes it.
 */
#include "fstest.h"

int main(int argc, char **argv)
{
	static const struct mlkcheck_suite suite = { .name = "fstest" };

	return mlkcheck_run(&suite, argc - 1, argv + 1);
}
