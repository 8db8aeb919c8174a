/*
 * fstest: every operation and every error status of the file services
 * (vfs, initfs, ramfs) through the client API, on both schemes, ending
 * with a file system service and the vfs killed and coming back.  One
 * line per failed check; the last line is "fstest: result: PASS" or
 * "FAIL".  Needs an image made as tests/fs/local.mk makes it.
 */
#include <stdio.h>

#include <mlk/service.h>

#include "fstest.h"

static unsigned checks, failures;

bool fstest_status(const char *file, int line, const char *what,
		   mlk_status_t got, mlk_status_t want)
{
	checks++;
	if (got == want)
		return true;
	failures++;
	printf("fstest: FAIL %s:%d: %s: %ld (%s), want %ld (%s)\n", file, line,
	       what, (long)got, mlk_status_str(got), (long)want,
	       mlk_status_str(want));
	return false;
}

bool fstest_true(const char *file, int line, const char *what, bool ok)
{
	checks++;
	if (ok)
		return true;
	failures++;
	printf("fstest: FAIL %s:%d: %s\n", file, line, what);
	return false;
}

static const struct {
	const char *name;
	void (*run)(void);
} groups[] = {
	{ "names", test_names },       { "bad names", test_bad_names },
	{ "data", test_data },	       { "initfs", test_initfs },
	{ "handles", test_handles },   { "buffer quota", test_buffer_quota },
	{ "size limit", test_limit },  { "mounts", test_mounts },
	{ "recovery", test_recovery }, { "volumes", test_volumes },
};

int main(void)
{
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		unsigned before = failures;
		groups[i].run();
		printf("fstest: %s: %s\n", groups[i].name,
		       failures == before ? "ok" : "FAILED");
	}
	printf("fstest: %u checks, %u failed\n", checks, failures);
	printf("fstest: result: %s\n", failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
