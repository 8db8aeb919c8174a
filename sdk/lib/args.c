/*
 * Packing a program's arguments (args.h).  A word ends at a blank outside
 * quotes; a quote opens or closes a quoted part anywhere in a word, so
 * a"b c"d is one word, "ab cd".
 */
#include <stdbool.h>

#include "args.h"

/* One word from *p (at a non-blank) into out at *n; *p past it. */
static enum args_error pack_word(const char **p, char *out, size_t size,
				 size_t *n)
{
	const char *s = *p;
	bool quoted = false;

	for (; *s && (quoted || *s != ' '); s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (quoted && *s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		if (*n + 1 >= size)
			return ARGS_ERR_TOO_LONG;
		if (out)
			out[*n] = *s;
		(*n)++;
	}
	*p = s;
	return quoted ? ARGS_ERR_QUOTE : ARGS_OK;
}

enum args_error args_pack(const char *args, char *out, size_t size,
			  uint32_t *argc, size_t *used)
{
	const char *p = args ? args : "";
	enum args_error err = ARGS_OK;
	size_t n = 0;

	*argc = 0;
	for (;;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		err = pack_word(&p, out, size, &n);
		if (err == ARGS_OK && n >= size)
			err = ARGS_ERR_TOO_LONG;
		if (err != ARGS_OK)
			break;
		if (out)
			out[n] = '\0';
		n++;
		(*argc)++;
	}
	*used = n;
	return err;
}
