/*
 * What answers a request: a file of initfs:// (the path as it is) or of
 * disk0:// (the path under /disk), a directory's listing as text, one
 * name a line, or an error with its status line as the body.  Every
 * reply says its Content-Length and "Connection: close": one request a
 * connection.
 */
#include <stdio.h>
#include <string.h>

#include "httpd.h"

#define DISK_PATH "/disk"
#define DISK_URI "disk0:///"

/* "/disk/x" is disk0:///x, any other path initfs://PATH. */
static void path_uri(const char *path, char *uri, size_t size)
{
	size_t n = strlen(DISK_PATH);

	if (!strncmp(path, DISK_PATH, n) && (path[n] == '/' || !path[n]))
		snprintf(uri, size, "%s%s", DISK_URI,
			 path[n] ? path + n + 1 : "");
	else
		snprintf(uri, size, "initfs://%s", path);
}

static int status_of(mlk_status_t st)
{
	switch (st) {
	case MLK_ERR_NOT_FOUND:
	case MLK_ERR_NOT_DIR:
	case MLK_ERR_BAD_NAME:
		return 404;
	case MLK_ERR_ACCESS_DENIED:
		return 403;
	case MLK_ERR_PEER_CLOSED:
		return 503; /* the file service restarts */
	default:
		return 500;
	}
}

static void head(struct conn *c, int status, const char *type, uint64_t length)
{
	int n = snprintf(c->out, HEADER_MAX,
			 "HTTP/1.1 %d %s\r\nServer: mlk-httpd\r\n"
			 "Content-Type: %s\r\nContent-Length: %lu\r\n"
			 "%sConnection: close\r\n\r\n",
			 status, http_reason(status), type,
			 (unsigned long)length,
			 status == 405 ? "Allow: GET, HEAD\r\n" : "");

	c->out_len = (size_t)n;
	c->out_off = 0;
}

static void body(struct conn *c, const char *b, size_t n, bool head_only)
{
	if (head_only)
		return;
	memcpy(c->out + c->out_len, b, n);
	c->out_len += n;
}

static void error(struct conn *c, int status, bool head_only)
{
	char b[64];
	int n = snprintf(b, sizeof(b), "%d %s\n", status, http_reason(status));

	head(c, status, "text/plain", (uint64_t)n);
	body(c, b, (size_t)n, head_only);
}

/* The entries of a directory, "name\n" or "name/\n"; the root adds
 * disk/ when disk0:// is served.  MLK_ERR_TOO_BIG past LISTING_MAX. */
static mlk_status_t list(const char *uri, const char *path, char *b, size_t *n)
{
	struct mlk_file f;
	struct mlk_dirent d;
	struct mlk_stat disk;
	mlk_status_t st = mlk_fs_open(uri, MLK_O_READ | MLK_O_DIRECTORY, &f);

	*n = 0;
	if (st != MLK_OK)
		return st;
	for (uint64_t i = 0; st == MLK_OK; i++) {
		st = mlk_fs_readdir(&f, i, &d);
		if (st != MLK_OK)
			break;
		int k = snprintf(b + *n, LISTING_MAX - *n, "%s%s\n", d.name,
				 d.type == MLK_FILE_DIRECTORY ? "/" : "");
		if ((size_t)k >= LISTING_MAX - *n)
			st = MLK_ERR_TOO_BIG;
		else
			*n += (size_t)k;
	}
	mlk_fs_close(&f);
	if (st != MLK_ERR_NOT_FOUND) /* the end of the entries */
		return st;
	if (!strcmp(path, "/") && mlk_fs_stat(DISK_URI, &disk) == MLK_OK) {
		if (*n + 6 > LISTING_MAX)
			return MLK_ERR_TOO_BIG;
		memcpy(b + *n, "disk/\n", 6);
		*n += 6;
	}
	return MLK_OK;
}

static int listing(struct conn *c, const char *uri,
		   const struct http_request *r)
{
	static char b[LISTING_MAX];
	size_t n;
	mlk_status_t st = list(uri, r->path, b, &n);

	if (st == MLK_ERR_TOO_BIG) {
		printf("httpd: %s: listing longer than %u bytes\n", r->path,
		       LISTING_MAX);
		return 500;
	}
	if (st != MLK_OK)
		return status_of(st);
	head(c, 200, "text/plain", n);
	body(c, b, n, r->head);
	return 200;
}

static int file(struct conn *c, const char *uri, const struct http_request *r)
{
	struct mlk_stat s;
	mlk_status_t st = mlk_fs_open(uri, MLK_O_READ, &c->file);

	if (st == MLK_OK)
		st = mlk_fs_fstat(&c->file, &s);
	if (st != MLK_OK) {
		reply_end(c);
		return status_of(st);
	}
	head(c, 200, http_content_type(r->path), s.size);
	c->file_left = r->head ? 0 : s.size;
	if (!c->file_left)
		reply_end(c);
	return 200;
}

static int answer(struct conn *c, const struct http_request *r)
{
	char uri[MLK_PATH_MAX + 1];
	struct mlk_stat s;
	mlk_status_t st;

	path_uri(r->path, uri, sizeof(uri));
	st = mlk_fs_stat(uri, &s);
	if (st != MLK_OK)
		return status_of(st);
	return s.type == MLK_FILE_DIRECTORY ? listing(c, uri, r)
					    : file(c, uri, r);
}

void reply_start(struct conn *c, int status)
{
	struct http_request r;
	char a[MLK_NET_ADDR_SIZE];

	memset(&r, 0, sizeof(r));
	if (status == 200)
		status = http_parse(c->in, c->in_len, &r);
	if (status == 200)
		status = answer(c, &r);
	if (status != 200)
		error(c, status, r.head);
	c->replying = true;
	mlk_net_addr_format(c->peer.addr, a);
	printf("httpd: %s %s %s %d\n", a,
	       !r.path[0] ? "-"
	       : r.head	  ? "HEAD"
			  : "GET",
	       r.path[0] ? r.path : "-", status);
}

bool reply_refill(struct conn *c)
{
	size_t want = c->file_left < OUT_SIZE ? (size_t)c->file_left : OUT_SIZE;
	size_t got = 0;

	if (mlk_fs_read(&c->file, c->out, want, &got) != MLK_OK || !got)
		return false;
	c->file_left -= got;
	c->out_len = got;
	c->out_off = 0;
	if (!c->file_left)
		reply_end(c);
	return true;
}

void reply_end(struct conn *c)
{
	if (c->file.h)
		mlk_fs_close(&c->file);
	c->file_left = 0;
}
