/*
 * mlk-mkimage: errors, memory and files.
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
 * One line, always: a file name or an argument with a newline (or any
 * other control character) in it must not split the message or reach
 * the terminal, because scripts and tests read exactly one line.
 */
int mkimage_fail(struct mkimage_error *err, const char *where, const char *fmt,
		 ...)
{
	char message[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	snprintf(err->text, sizeof(err->text), "%s: %s", where, message);
	for (char *s = err->text; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
	}
	return -1;
}

/* The one error that ends the program from here: see mkimage.h. */
static void out_of_memory(size_t size)
{
	if (size)
		fprintf(stderr, "%s: memory: out of memory (%zu bytes)\n",
			PROGRAM_NAME, size);
	else
		fprintf(stderr, "%s: memory: out of memory\n", PROGRAM_NAME);
	exit(1);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory(size);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		out_of_memory(count * size);
	return p;
}

void *xrealloc(void *ptr, size_t count, size_t size)
{
	void *p = reallocarray(ptr, count ? count : 1, size ? size : 1);

	if (!p)
		out_of_memory(count * size);
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
		out_of_memory(0);
	va_end(ap);
	return s;
}

/* Open a regular file for reading; its size in *size; -1 on error. */
static int open_regular(const char *path, uint64_t *size,
			struct mkimage_error *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return mkimage_fail(err, path, "%s", strerror(errno));
	if (fstat(fd, &st) < 0) {
		mkimage_fail(err, path, "%s", strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		mkimage_fail(err, path, "%s", strerror(EISDIR));
	} else if (!S_ISREG(st.st_mode)) {
		mkimage_fail(err, path, "not a regular file");
	} else {
		*size = (uint64_t)st.st_size;
		return fd;
	}
	close(fd);
	return -1;
}

int file_size(const char *path, uint64_t *size, struct mkimage_error *err)
{
	int fd = open_regular(path, size, err);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/* Read exactly `want` bytes; fewer means the file shrank under us. */
static int read_exact(int fd, void *buf, uint64_t want, const char *path,
		      struct mkimage_error *err)
{
	uint64_t got = 0;

	while (got < want) {
		ssize_t n =
			read(fd, (uint8_t *)buf + got, (size_t)(want - got));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return mkimage_fail(err, path, "%s", strerror(errno));
		if (n == 0)
			return mkimage_fail(err, path,
					    "changed size while being read");
		got += (uint64_t)n;
	}
	return 0;
}

void *read_file(const char *path, uint64_t *size, struct mkimage_error *err)
{
	int fd = open_regular(path, size, err);
	void *data = NULL;

	if (fd < 0)
		return NULL;
	if (*size > SIZE_MAX - 1) {
		mkimage_fail(err, path, "too large to read");
	} else {
		data = xmalloc((size_t)*size);
		if (read_exact(fd, data, *size, path, err) < 0) {
			free(data);
			data = NULL;
		}
	}
	close(fd);
	return data;
}

int read_file_into(const char *path, void *buf, uint64_t size,
		   struct mkimage_error *err)
{
	uint64_t now;
	int fd = open_regular(path, &now, err), st;

	if (fd < 0)
		return -1;
	if (now != size)
		st = mkimage_fail(err, path, "changed size while being read");
	else
		st = read_exact(fd, buf, size, path, err);
	close(fd);
	return st;
}

char *read_stream(FILE *f, const char *path, size_t *size,
		  struct mkimage_error *err)
{
	size_t cap = 4096, len = 0, n;
	char *text = xmalloc(cap);

	while ((n = fread(text + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len == 1)
			text = xrealloc(text, cap *= 2, 1);
	}
	if (ferror(f)) {
		free(text);
		mkimage_fail(err, path, "%s", strerror(errno));
		return NULL;
	}
	text[len] = '\0';
	*size = len;
	return text;
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
