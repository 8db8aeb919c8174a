/*
 * mlk-mkimage: messages, memory and files.
 */
#define _GNU_SOURCE /* vasprintf */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mkimage.h"

/*
 * One line, always: a file name or an argument with a newline in it must
 * not split the message, because scripts and tests read exactly one line.
 */
void fail(const char *where, const char *fmt, ...)
{
	char message[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: ", PROGRAM_NAME);
	for (const char *s = where; *s; s++)
		fputc(*s == '\n' ? ' ' : *s, stderr);
	fputs(": ", stderr);
	for (const char *s = message; *s; s++)
		fputc(*s == '\n' ? ' ' : *s, stderr);
	fputc('\n', stderr);
	exit(1);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		fail("memory", "out of memory (%zu bytes)", size);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		fail("memory", "out of memory (%zu bytes)", count * size);
	return p;
}

void *xrealloc(void *ptr, size_t count, size_t size)
{
	void *p = reallocarray(ptr, count ? count : 1, size ? size : 1);

	if (!p)
		fail("memory", "out of memory (%zu bytes)", count * size);
	return p;
}

char *xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;

	return memcpy(xmalloc(len), s, len);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		fail("memory", "out of memory");
	va_end(ap);
	return s;
}

/* Open a regular file for reading; its size in *size. */
static int open_regular(const char *path, uint64_t *size)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		fail(path, "%s", strerror(errno));
	if (fstat(fd, &st) < 0)
		fail(path, "%s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		fail(path, "%s", strerror(EISDIR));
	if (!S_ISREG(st.st_mode))
		fail(path, "not a regular file");
	*size = (uint64_t)st.st_size;
	return fd;
}

uint64_t file_size(const char *path)
{
	uint64_t size;

	close(open_regular(path, &size));
	return size;
}

/* Read exactly `want` bytes; fewer means the file shrank under us. */
static void read_exact(int fd, void *buf, uint64_t want, const char *path)
{
	uint64_t got = 0;

	while (got < want) {
		ssize_t n =
			read(fd, (uint8_t *)buf + got, (size_t)(want - got));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fail(path, "%s", strerror(errno));
		if (n == 0)
			fail(path, "changed size while being read");
		got += (uint64_t)n;
	}
}

void *read_file(const char *path, uint64_t *size)
{
	int fd = open_regular(path, size);
	void *data;

	if (*size > SIZE_MAX - 1)
		fail(path, "too large to read");
	data = xmalloc((size_t)*size);
	read_exact(fd, data, *size, path);
	close(fd);
	return data;
}

void read_file_into(const char *path, void *buf, uint64_t size)
{
	uint64_t now;
	int fd = open_regular(path, &now);

	if (now != size)
		fail(path, "changed size while being read");
	read_exact(fd, buf, size, path);
	close(fd);
}

char *dir_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xasprintf("%.*s", (int)(slash - path), path);
}

char *path_join(const char *dir, const char *path)
{
	if (path[0] == '/')
		return xstrdup(path);
	return xasprintf("%s/%s", dir, path);
}
