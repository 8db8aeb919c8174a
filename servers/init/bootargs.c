/*
 * Boot arguments addressed to a service (see bootargs.h).
 */
#include <string.h>

#include "bootargs.h"

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The word at s (s past any blanks): its length, quotes kept. */
static size_t word_len(const char *s)
{
	bool quoted = false;
	size_t n = 0;

	for (; s[n] && (quoted || !blank(s[n])); n++)
		if (s[n] == '"')
			quoted = !quoted;
	return n;
}

static bool append(char *out, size_t size, size_t *used, const char *s,
		   size_t n)
{
	if (n >= size - *used)
		return false;
	memcpy(out + *used, s, n);
	*used += n;
	out[*used] = '\0';
	return true;
}

bool bootargs_for_service(const char *name, const char *args,
			  const char *cmdline, char *out, size_t size)
{
	size_t used = 0, nlen = strlen(name);
	const char *s = cmdline;

	if (size == 0)
		return false;
	out[0] = '\0';
	if (!append(out, size, &used, args, strlen(args)))
		return false;
	for (;;) {
		while (blank(*s))
			s++;
		size_t n = word_len(s);
		if (!n)
			return true;
		if (n > nlen + 1 && !strncmp(s, name, nlen) && s[nlen] == '.' &&
		    s[nlen + 1] != '=') {
			if (!append(out, size, &used, used ? " --" : "--",
				    used ? 3 : 2) ||
			    !append(out, size, &used, s + nlen + 1,
				    n - nlen - 1)) {
				out[strlen(args)] = '\0';
				return false;
			}
		}
		s += n;
	}
}
