/*
 * The selftest runner (see selftest.h).  Tests live in this folder, one
 * file per suite, and are found through the .selftests section.
 */
#include "selftest.h"

#include <stdarg.h>

#include "kprintf.h"
#include "kstring.h"

extern const struct selftest __selftests_start[], __selftests_end[];

bool st_report(struct st_ctx *t, bool ok, const char *file, int line,
	       const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return true;
	t->failures++;
	kprintf("selftest:   check failed at %s:%d: ", file, line);
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	return false;
}

/* Is `suite` in the comma-separated list `which` ("1" and "all": every)? */
static bool wanted(const char *which, const char *suite)
{
	size_t n = strlen(suite);

	if (!strcmp(which, "1") || !strcmp(which, "all"))
		return true;
	for (const char *p = which; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !memcmp(p, suite, n))
			return true;
		p += len + (end ? 1 : 0);
	}
	return false;
}

/* Does every name in `which` match some suite? */
static bool all_names_known(const char *which)
{
	if (!strcmp(which, "1") || !strcmp(which, "all"))
		return true;
	for (const char *p = which; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		bool found = false;
		for (const struct selftest *s = __selftests_start;
		     s < __selftests_end && !found; s++)
			found = strlen(s->suite) == len &&
				!memcmp(s->suite, p, len);
		if (!found) {
			kprintf("selftest: no suite named '%.*s'\n", (int)len,
				p);
			return false;
		}
		p += len + (end ? 1 : 0);
	}
	return true;
}

bool selftest_run(const char *which)
{
	int passed = 0, failed = 0;
	bool ok = all_names_known(which);

	kprintf("selftest: running '%s'\n", which);
	for (const struct selftest *s = __selftests_start; s < __selftests_end;
	     s++) {
		if (!wanted(which, s->suite))
			continue;
		struct st_ctx t = { 0 };
		s->fn(&t);
		kprintf("selftest: %s/%s: %s\n", s->suite, s->name,
			t.failures ? "FAIL" : "ok");
		if (t.failures)
			failed++;
		else
			passed++;
	}
	kprintf("selftest: %d passed, %d failed\n", passed, failed);
	ok = ok && failed == 0 && passed > 0;
	kprintf("selftest: result: %s\n", ok ? "PASS" : "FAIL");
	return ok;
}
