/*
 * Checking and splitting paths and URIs (see fs_path.h).
 */
#include "fs_path.h"

#include <string.h>

static int control_char(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

/* One component s[0..len): not empty, not "." or "..", short enough, no
 * control characters. */
static int name_ok(const char *s, size_t len)
{
	if (len == 0 || len >= MLK_FS_NAME_SIZE)
		return 0;
	if ((len == 1 && s[0] == '.') || (len == 2 && !memcmp(s, "..", 2)))
		return 0;
	for (size_t i = 0; i < len; i++)
		if (control_char((unsigned char)s[i]))
			return 0;
	return 1;
}

mlk_status_t fs_path_parse(struct fs_path *p, const char *s, size_t len)
{
	size_t i = 1;

	p->depth = 0;
	if (len == 0 || len > MLK_PATH_MAX || s[0] != '/')
		return MLK_ERR_BAD_NAME;
	if (len == 1)
		return MLK_OK; /* "/": the root */
	while (i <= len) {
		const char *end = memchr(s + i, '/', len - i);
		size_t n = end ? (size_t)(end - (s + i)) : len - i;
		if (!name_ok(s + i, n))
			return MLK_ERR_BAD_NAME;
		memcpy(p->buf + i, s + i, n);
		p->buf[i + n] = '\0';
		p->start[p->depth++] = (uint16_t)i;
		i += n + 1;
	}
	return MLK_OK;
}

int fs_scheme_ok(const char *s, size_t len)
{
	if (len == 0 || len >= MLK_SCHEME_SIZE)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

mlk_status_t fs_uri_split(const char *u, size_t len,
			  char scheme[MLK_SCHEME_SIZE], const char **path,
			  size_t *path_len)
{
	const char *sep = len <= MLK_PATH_MAX ? memchr(u, ':', len) : NULL;
	struct fs_path check;
	size_t n;

	if (!sep)
		return MLK_ERR_BAD_NAME;
	n = (size_t)(sep - u);
	if (!fs_scheme_ok(u, n) || len - n < 4 || memcmp(sep, "://", 3))
		return MLK_ERR_BAD_NAME;
	memcpy(scheme, u, n);
	scheme[n] = '\0';
	*path = sep + 3;
	*path_len = len - n - 3;
	return fs_path_parse(&check, *path, *path_len);
}
