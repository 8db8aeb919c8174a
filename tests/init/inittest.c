/*
 * inittest: init's supervision under stress and its restart policy,
 * through init's control protocol, then every file system and the
 * console.  One line per failed check; the last line is
 * "inittest: result: PASS" or "FAIL".  Needs the image tests/init/local.mk
 * makes (the standard system, probe, and this with the system grant).
 */
#include <stdio.h>

#include <mlk/service.h>

#include "inittest.h"

static unsigned checks, failures;

bool inittest_status(const char *file, int line, const char *what,
		     mlk_status_t got, mlk_status_t want)
{
	checks++;
	if (got == want)
		return true;
	failures++;
	printf("inittest: FAIL %s:%d: %s: %ld (%s), want %ld (%s)\n", file,
	       line, what, (long)got, mlk_status_str(got), (long)want,
	       mlk_status_str(want));
	return false;
}

bool inittest_true(const char *file, int line, const char *what, bool ok)
{
	checks++;
	if (ok)
		return true;
	failures++;
	printf("inittest: FAIL %s:%d: %s\n", file, line, what);
	return false;
}

static const struct {
	const char *name;
	void (*run)(void);
} groups[] = {
	{ "stress", test_stress },
	{ "requested kills", test_requested_kills },
	{ "run as the manifest says", test_run_as_manifest },
	{ "run of a program not in the manifest", test_run_unlisted },
	{ "services work", test_services_work },
};

int main(void)
{
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		unsigned before = failures;
		groups[i].run();
		printf("inittest: %s: %s\n", groups[i].name,
		       failures == before ? "ok" : "FAILED");
	}
	printf("inittest: %u checks, %u failed\n", checks, failures);
	printf("inittest: result: %s\n", failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
