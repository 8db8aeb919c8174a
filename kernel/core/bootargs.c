/*
 * Boot argument parsing (see bootargs.h).
 */
#include "bootargs.h"

#include "kstring.h"

static const char *cmdline = "";

void bootargs_init(const char *line)
{
	cmdline = line ? line : "";
}

const char *bootargs_cmdline(void)
{
	return cmdline;
}

/*
 * Split the next word off *p: key in [k, k + klen), value in [v, v + vlen).
 * Returns false at the end of the line.
 */
static bool next_word(const char **p, const char **k, size_t *klen,
		      const char **v, size_t *vlen)
{
	const char *s = *p;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return false;
	*k = s;
	while (*s && *s != '=' && *s != ' ' && *s != '\t' && *s != '\n')
		s++;
	*klen = (size_t)(s - *k);
	*v = s;
	*vlen = 0;
	if (*s == '=') {
		s++;
		if (*s == '"') {
			*v = ++s;
			while (*s && *s != '"')
				s++;
			*vlen = (size_t)(s - *v);
			if (*s == '"')
				s++;
		} else {
			*v = s;
			while (*s && *s != ' ' && *s != '\t' && *s != '\n')
				s++;
			*vlen = (size_t)(s - *v);
		}
	}
	*p = s;
	return true;
}

bool bootarg_get(const char *key, const char **val, size_t *len)
{
	const char *p = cmdline, *k, *v;
	size_t klen, vlen, want = strlen(key);
	bool found = false;

	/* The last occurrence wins, as on other kernels' command lines. */
	while (next_word(&p, &k, &klen, &v, &vlen)) {
		if (klen == want && !memcmp(k, key, klen)) {
			*val = v;
			*len = vlen;
			found = true;
		}
	}
	return found;
}

bool bootarg_is(const char *key, const char *want)
{
	const char *v;
	size_t n;

	return bootarg_get(key, &v, &n) && n == strlen(want) &&
	       !memcmp(v, want, n);
}

bool bootarg_copy(const char *key, char *buf, size_t size)
{
	const char *v;
	size_t n;

	if (!bootarg_get(key, &v, &n) || n >= size)
		return false;
	memcpy(buf, v, n);
	buf[n] = 0;
	return true;
}
