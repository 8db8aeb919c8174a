/*
 * mlkcheck's checks: count each, print each that failed at once, with
 * where it is and what it found (mlkcheck.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mlkcheck.h"
#include "state.h"

/* Longer messages are cut: a failure line is for reading. */
#define MESSAGE_MAX 240

struct mlkcheck_state mlkcheck_state = { .suite = "mlkcheck" };

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

bool mlkcheck_check(bool ok, const char *file, int line, const char *fmt, ...)
{
	char message[MESSAGE_MAX];
	va_list ap;

	mlkcheck_state.checks++;
	if (ok)
		return true;
	mlkcheck_state.failures++;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	printf("%s: FAIL %s:%d: %s\n", mlkcheck_state.suite, base_name(file),
	       line, message);
	return false;
}

const char *mlkcheck_suite_name(void)
{
	return mlkcheck_state.suite;
}
