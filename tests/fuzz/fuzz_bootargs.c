/*
 * libFuzzer harness: the kernel's boot argument parser (kernel/core/
 * bootargs.c) on any /chosen/bootargs string.
 *
 * The input up to its first NUL is the command line.  Besides looking for
 * memory errors, the harness checks what the parser promises: a value it
 * returns lies inside the line, and bootarg_copy either fits the value
 * with its NUL into the buffer or refuses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootargs.h"

static const char *const keys[] = {
	"mlk.selftest",
	"mlk.crashtest",
	"mlk.panic",
	"quiet",
	"a",
	"",
	"mlk.selftest=",
	"\"",
};

static volatile size_t sink;

static void check_value(const char *line, size_t len, const char *key)
{
	const char *v;
	size_t n;

	if (!bootarg_get(key, &v, &n))
		return;
	if (v < line || n > len || v > line + len - n) {
		fprintf(stderr,
			"fuzz_bootargs: value of '%s' outside the line\n", key);
		abort();
	}
}

static void check_copy(const char *key)
{
	/* The kernel copies into 64 bytes; smaller sizes hit the limits. */
	static const size_t sizes[] = { 0, 1, 2, 8, 64 };
	char buf[64 + 1];

	for (size_t i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		memset(buf, 'x', sizeof(buf));
		if (!bootarg_copy(key, buf, sizes[i]))
			continue;
		if (sizes[i] == 0 || strnlen(buf, sizes[i]) == sizes[i] ||
		    buf[sizes[i]] != 'x') {
			fprintf(stderr,
				"fuzz_bootargs: copy of '%s' overflowed %zu\n",
				key, sizes[i]);
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = strnlen((const char *)data, size);
	char *line = malloc(len + 1);

	memcpy(line, data, len);
	line[len] = '\0';
	bootargs_init(line);
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		check_value(line, len, keys[i]);
		check_copy(keys[i]);
		sink += bootarg_is(keys[i], "poweroff");
		sink += bootarg_is(keys[i], "");
	}
	/* The bytes after the first NUL name one more key to look up. */
	if (len + 1 < size) {
		size_t klen =
			strnlen((const char *)data + len + 1, size - len - 1);
		char *key = malloc(klen + 1);

		memcpy(key, data + len + 1, klen);
		key[klen] = '\0';
		check_value(line, len, key);
		check_copy(key);
		free(key);
	}
	sink += strlen(bootargs_cmdline());
	bootargs_init(NULL);
	free(line);
	return 0;
}
