/*
 * fail() for the mlk-mkimage harnesses (see mkimage_fail.h).
 */
#include "mkimage_fail.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkimage.h"

jmp_buf mkimage_fail_jump;

static char message[1024];
static FILE *open_file; /* the last one fuzz_fopen opened */
static void *image;	/* the last one fuzz_read_file read */
static bool failed;	/* since the last mkimage_close_files */

void fail(const char *where, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(message, sizeof(message), "%s: ", where);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < sizeof(message))
		vsnprintf(message + n, sizeof(message) - (size_t)n, fmt, ap);
	va_end(ap);
	failed = true;
	longjmp(mkimage_fail_jump, 1);
}

const char *mkimage_last_failure(void)
{
	return message;
}

FILE *fuzz_fopen(const char *path, const char *mode)
{
	open_file = fopen(path, mode);
	return open_file;
}

void *fuzz_read_file(const char *path, uint64_t *size)
{
	image = read_file(path, size);
	return image;
}

/* After a run that ended normally, manifest_read closed its file and
 * list_image freed its image. */
void mkimage_close_files(void)
{
	if (open_file && failed)
		fclose(open_file);
	if (failed)
		free(image);
	open_file = NULL;
	image = NULL;
	failed = false;
}
