/*
 * The HTTP side of httpd, plain C with no MLK call (so it is tested on
 * the build machine too): reading a request head (RFC 9112) and choosing
 * what answers it.
 */
#ifndef HTTPD_HTTP_H
#define HTTPD_HTTP_H

#include <stdbool.h>
#include <stddef.h>

/* The request line and headers together, in bytes: past it, 414 when
 * the request line has not ended yet, else 431. */
#define HTTP_REQUEST_MAX 4096
/* A request target's path, decoded, without its NUL: longer is 414.  It
 * leaves room for the longest scheme ("disk0://") in an MLK_PATH_MAX
 * URI. */
#define HTTP_PATH_MAX 240

struct http_request {
	bool head;		      /* HEAD, else GET */
	unsigned minor;		      /* HTTP/1.minor */
	char path[HTTP_PATH_MAX + 1]; /* "/etc/motd": decoded and checked */
};

/* Where the head in buf[0..len) ends: the offset past its empty line,
 * or 0 while it has not come yet. */
size_t http_head_end(const char *buf, size_t len);

/* The status for a head that filled HTTP_REQUEST_MAX bytes without
 * ending: 414 if the request line had not ended, 431 if the headers. */
int http_head_too_long(const char *buf, size_t len);

/* Read the head buf[0..len) (up to http_head_end) into *r: 200 when it
 * asks for a path to answer, else the error status to answer with (400
 * malformed or a path with ".." or "." in it, 405 a method other than
 * GET and HEAD, 414 a path longer than HTTP_PATH_MAX, 505 not
 * HTTP/1.x).  r->minor is set as soon as the request line is read. */
int http_parse(const char *buf, size_t len, struct http_request *r);

/* The reason phrase of a status ("Not Found"). */
const char *http_reason(int status);

/* The Content-Type for a file's name, by its extension. */
const char *http_content_type(const char *path);

#endif
