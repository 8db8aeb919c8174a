/*
 * libFuzzer harness: httpd's request reader (examples/httpd/request.c)
 * on any bytes a client can send, cut where httpd would cut them (its
 * HTTP_REQUEST_MAX buffer).
 *
 * Besides looking for memory errors, the harness checks what httpd
 * relies on: the head ends inside the input; a head that fills the
 * buffer is 414 or 431; every status is one httpd answers; and a path
 * accepted (200) starts with '/', is at most HTTP_PATH_MAX bytes, has
 * no control character, no empty segment but the last and no "." or
 * ".." segment, so it names nothing outside the served trees.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

static void check_path(const char *p)
{
	size_t n = strlen(p);

	if (p[0] != '/' || n > HTTP_PATH_MAX)
		abort();
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] < ' ' || p[i] == 0x7f)
			abort();
	for (const char *s = p; *s;) {
		const char *seg = ++s;
		size_t k = strcspn(seg, "/");
		if ((k == 0 && seg[0]) || (k == 1 && seg[0] == '.') ||
		    (k == 2 && seg[0] == '.' && seg[1] == '.'))
			abort();
		s = seg + k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_request r;
	size_t len = size < HTTP_REQUEST_MAX ? size : HTTP_REQUEST_MAX;
	char *buf = malloc(len ? len : 1);
	int st;

	memcpy(buf, data, len);
	size_t end = http_head_end(buf, len);
	if (end > len)
		abort();
	if (!end) {
		if (len == HTTP_REQUEST_MAX) {
			st = http_head_too_long(buf, len);
			if (st != 414 && st != 431)
				abort();
		}
		free(buf);
		return 0;
	}
	st = http_parse(buf, end, &r);
	if (st != 200 && st != 400 && st != 405 && st != 414 && st != 505)
		abort();
	if (st == 200) {
		check_path(r.path);
		if (!http_content_type(r.path))
			abort();
	}
	if (!http_reason(st))
		abort();
	free(buf);
	return 0;
}
