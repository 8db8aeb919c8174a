/*
 * Reading a request head (RFC 9112): the request line, the headers, the
 * target's path decoded and checked.  Strict where leniency would let a
 * path or a header through that the next reader sees differently: no
 * bare CR, no whitespace before a header's colon, no folded lines
 * (RFC 9112 2.2, 5.1, 5.2); no "." or ".." segment after decoding, so
 * no path leaves the served trees however it is spelt.
 */
#include <ctype.h>
#include <string.h>

#include "http.h"

/* RFC 9112 2.2: a server ignores empty lines before the request line. */
static size_t skip_empty_lines(const char *b, size_t len)
{
	size_t i = 0;

	while (i < len && (b[i] == '\r' || b[i] == '\n'))
		i++;
	return i;
}

size_t http_head_end(const char *b, size_t len)
{
	for (size_t i = skip_empty_lines(b, len); i < len; i++) {
		if (b[i] != '\n')
			continue;
		if (i + 1 < len && b[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && b[i + 1] == '\r' && b[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

int http_head_too_long(const char *b, size_t len)
{
	size_t s = skip_empty_lines(b, len);

	return memchr(b + s, '\n', len - s) ? 431 : 414;
}

/* The next line of b[*at..len) without its LF or CR LF; false at the
 * end or for a line with a NUL or a bare CR in it (*bad then). */
static bool next_line(const char *b, size_t len, size_t *at, const char **line,
		      size_t *n, bool *bad)
{
	const char *s = b + *at, *lf = memchr(s, '\n', len - *at);

	if (!lf)
		return false;
	*line = s;
	*n = (size_t)(lf - s);
	*at += *n + 1;
	if (*n && s[*n - 1] == '\r')
		(*n)--;
	*bad = memchr(s, '\0', *n) || memchr(s, '\r', *n);
	return !*bad;
}

/* RFC 9110 5.6.2: tchar. */
static bool is_tchar(char c)
{
	return isalnum((unsigned char)c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static size_t token_len(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && is_tchar(s[i]))
		i++;
	return i;
}

static bool same_lower(const char *s, const char *lower, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != lower[i])
			return false;
	return true;
}

/* "HTTP/" DIGIT "." DIGIT (RFC 9112 2.3). */
static int version(const char *s, size_t n, unsigned *minor)
{
	if (n != 8 || memcmp(s, "HTTP/", 5) != 0 ||
	    !isdigit((unsigned char)s[5]) || s[6] != '.' ||
	    !isdigit((unsigned char)s[7]))
		return 400;
	if (s[5] != '1')
		return 505;
	*minor = (unsigned)(s[7] - '0');
	return 200;
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* No segment of the decoded path may be "." or "..". */
static bool segments_ok(const char *p)
{
	while (*p) {
		const char *seg = ++p; /* past a '/' */
		size_t n = strcspn(seg, "/");
		if ((n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
		p = seg + n;
	}
	return true;
}

/* Decode the path of t[0..n) (before any '?' or '#') into path, with
 * runs of '/' made one. */
static int decode_path(const char *t, size_t n, char *path)
{
	size_t out = 0;

	for (size_t i = 0; i < n && t[i] != '?' && t[i] != '#'; i++) {
		int c = (unsigned char)t[i];
		if (c <= ' ' || c >= 0x7f)
			return 400; /* not a URI's character (RFC 3986) */
		if (c == '%') {
			int hi = i + 2 < n ? hex(t[i + 1]) : -1;
			int lo = hi >= 0 ? hex(t[i + 2]) : -1;
			if (lo < 0)
				return 400;
			c = hi << 4 | lo;
			i += 2;
			if (c < ' ' || c == 0x7f)
				return 400;
		}
		if (c == '/' && out && path[out - 1] == '/')
			continue;
		if (out == HTTP_PATH_MAX)
			return 414;
		path[out++] = (char)c;
	}
	path[out] = '\0';
	return segments_ok(path) ? 200 : 400;
}

/* origin-form "/path?query", or absolute-form "http://host/path" (RFC
 * 9112 3.2.1, 3.2.2); the host of the latter is not ours to check. */
static int target(const char *t, size_t n, char *path)
{
	if (n >= 7 && same_lower(t, "http://", 7)) {
		const char *slash = memchr(t + 7, '/', n - 7);
		if (!slash) {
			strcpy(path, "/");
			return 200;
		}
		n -= (size_t)(slash - t);
		t = slash;
	}
	if (n == 0 || t[0] != '/')
		return 400;
	return decode_path(t, n, path);
}

/* method SP request-target SP HTTP-version (RFC 9112 3). */
static int request_line(const char *l, size_t n, struct http_request *r)
{
	size_t m = token_len(l, n);

	if (m == 0 || m >= n || l[m] != ' ')
		return 400;
	const char *t = l + m + 1, *end = l + n;
	const char *sp = memchr(t, ' ', (size_t)(end - t));
	if (!sp || sp == t)
		return 400;
	int st = version(sp + 1, (size_t)(end - sp - 1), &r->minor);
	if (st != 200)
		return st;
	if (m == 4 && !memcmp(l, "HEAD", 4))
		r->head = true;
	else if (m != 3 || memcmp(l, "GET", 3))
		return 405;
	return target(t, (size_t)(sp - t), r->path);
}

/* field-name ":" value; counts Host headers. */
static int header(const char *l, size_t n, unsigned *hosts)
{
	size_t k = token_len(l, n);

	if (k == 0 || k >= n || l[k] != ':')
		return 400; /* also a folded line, which starts with a blank */
	if (k == 4 && same_lower(l, "host", 4))
		(*hosts)++;
	return 200;
}

int http_parse(const char *b, size_t len, struct http_request *r)
{
	size_t at = skip_empty_lines(b, len), n;
	const char *line;
	unsigned hosts = 0;
	bool bad = false;
	int st;

	memset(r, 0, sizeof(*r));
	if (!next_line(b, len, &at, &line, &n, &bad))
		return 400;
	st = request_line(line, n, r);
	while (st == 200 && next_line(b, len, &at, &line, &n, &bad) && n)
		st = header(line, n, &hosts);
	if (st == 200 && bad)
		st = 400;
	/* RFC 9112 3.2: a version 1.1 request has exactly one Host. */
	if (st == 200 && r->minor >= 1 && hosts != 1)
		st = 400;
	return st;
}

const char *http_reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 400:
		return "Bad Request";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 414:
		return "URI Too Long";
	case 431:
		return "Request Header Fields Too Large";
	case 503:
		return "Service Unavailable";
	case 505:
		return "HTTP Version Not Supported";
	default:
		return "Internal Server Error";
	}
}

const char *http_content_type(const char *path)
{
	static const char *const types[][2] = {
		{ ".html", "text/html" },	 { ".htm", "text/html" },
		{ ".css", "text/css" },		 { ".js", "text/javascript" },
		{ ".json", "application/json" }, { ".png", "image/png" },
		{ ".jpg", "image/jpeg" },	 { ".gif", "image/gif" },
		{ ".svg", "image/svg+xml" },	 { ".txt", "text/plain" },
		{ ".md", "text/plain" },	 { ".c", "text/plain" },
		{ ".h", "text/plain" },
	};
	const char *name = strrchr(path, '/'), *dot;

	name = name ? name + 1 : path;
	dot = strrchr(name, '.');
	if (!dot)
		return "text/plain"; /* motd, help.txt's kin: text here */
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i][0]))
			return types[i][1];
	return "application/octet-stream";
}
