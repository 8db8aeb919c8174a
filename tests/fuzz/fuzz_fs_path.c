/*
 * libFuzzer harness: the path and URI rules of the vfs and the file
 * system services (servers/fslib/fs_path.c) on any bytes a client sends.
 *
 * The input is one URI (the vfs's check) and, from its "://" on, one path
 * (the services' check again).  What is accepted must be what
 * mlk/proto/fs.h promises: a scheme of [a-z0-9]+, components that are
 * neither empty nor "." nor "..", shorter than MLK_FS_NAME_SIZE and free of
 * control characters, and the components joined with '/' must give the
 * path back.
 */
#define _GNU_SOURCE /* memmem */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_path.h"

static __attribute__((noreturn)) void broken(const char *what)
{
	fprintf(stderr, "fuzz_fs_path: accepted %s\n", what);
	abort();
}

static void check_name(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len >= MLK_FS_NAME_SIZE)
		broken("a component of a bad length");
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		broken("a dot component");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f ||
		    name[i] == '/')
			broken("a control character or slash in a component");
}

static void check_path(const char *s, size_t len)
{
	struct fs_path p;
	char joined[MLK_PATH_MAX + 2];
	size_t at = 0;

	if (fs_path_parse(&p, s, len) != MLK_OK)
		return;
	if (p.depth > FS_PATH_DEPTH_MAX)
		broken("too deep a path");
	for (unsigned i = 0; i < p.depth; i++) {
		const char *name = fs_path_name(&p, i);
		size_t n = strlen(name);

		check_name(name);
		if (at + 1 + n > MLK_PATH_MAX)
			broken("components longer than the path");
		joined[at++] = '/';
		memcpy(joined + at, name, n);
		at += n;
	}
	if (p.depth == 0)
		joined[at++] = '/';
	if (at != len || memcmp(joined, s, len))
		broken("a path its components do not give back");
	if (strlen(fs_path_leaf(&p)) >= MLK_FS_NAME_SIZE)
		broken("a long leaf");
}

static void check_uri(const char *u, size_t len)
{
	char scheme[MLK_SCHEME_SIZE];
	const char *path;
	size_t path_len;

	if (fs_uri_split(u, len, scheme, &path, &path_len) != MLK_OK)
		return;
	if (!fs_scheme_ok(scheme, strlen(scheme)))
		broken("a bad scheme");
	if (path < u || path_len > len || path + path_len != u + len)
		broken("a path outside the URI");
	if (strlen(scheme) + 3 + path_len != len)
		broken("a scheme and path that are not the URI");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The bytes of a message are not NUL-terminated: a buffer of exactly
	 * their size shows a read past them. */
	char *buf = malloc(size ? size : 1);
	const char *sep;

	memcpy(buf, data, size);
	check_uri(buf, size);
	check_path(buf, size);
	sep = size >= 3 ? memmem(buf, size, "://", 3) : NULL;
	if (sep)
		check_path(sep + 3, size - (size_t)(sep + 3 - buf));
	free(buf);
	return 0;
}
