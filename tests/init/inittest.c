/*
 * inittest: init's supervision under stress and its restart policy,
 * through init's control protocol, then every file system and the
 * console.  The test library (tests/lib/mlkcheck.h) runs the TESTs of
 * the t_*.c files in the order local.mk links them; the last line is
 * "inittest: result: PASS" or "FAIL".  Needs the image tests/init/local.mk
 * makes (the standard system, probe, and this with the system grant).
 */
#include "inittest.h"

int main(int argc, char **argv)
{
	static const struct mlkcheck_suite suite = { .name = "inittest" };

	return mlkcheck_run(&suite, argc - 1, argv + 1);
}
