/*
 * libFuzzer harness: mlk-mkimage's inputs that build the plan, through the
 * library's entry points (sdk/tools/mkimage.h): a text manifest
 * (mkimage_parse_manifest), or one command-line argument, SERVICE[:OPTIONS]
 * (plan_add_command_line_service) or -f NAME=PATH
 * (plan_add_command_line_file).  The first input byte picks which; the
 * rest is the text or the argument.
 *
 * What the library accepts is held to two promises:
 *   - the kernel's manifest check (sdk/lib/bundle.c) accepts the
 *     records it made, since mlk-mkimage must not pack what init refuses;
 *   - each record, printed as --list prints it (service_print), reads
 *     back through mkimage_parse_manifest as the same record.
 */
#define _GNU_SOURCE /* open_memstream */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/bundle.h>

#include "mkimage.h"

static __attribute__((noreturn)) void broken(const char *what)
{
	fprintf(stderr, "fuzz_manifest: %s\n", what);
	abort();
}

static void kernel_accepts(const struct plan *plan)
{
	size_t size = sizeof(struct mlk_manifest_header) +
		      plan->nservices * sizeof(struct mlk_manifest_service);
	struct mlk_manifest_header *hdr = xcalloc(1, size);

	hdr->magic = MLK_MANIFEST_MAGIC;
	hdr->version = MLK_MANIFEST_VERSION;
	hdr->count = (uint32_t)plan->nservices;
	hdr->entry_size = sizeof(struct mlk_manifest_service);
	if (plan->nservices)
		memcpy(hdr + 1, plan->services,
		       plan->nservices * sizeof(*plan->services));
	if (mlk_manifest_check(hdr, size) != MLK_OK)
		broken("the kernel refuses a manifest mlk-mkimage read");
	free(hdr);
}

static void reads_back(const struct mlk_manifest_service *svc)
{
	struct plan again = { .services_dir = "svc" };
	struct mkimage_error err;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (!out)
		broken("no memory stream");
	service_print(svc, out);
	fclose(out);
	if (mkimage_parse_manifest(&again, text, len, "printed", &err) < 0) {
		fprintf(stderr, "fuzz_manifest: printed: %s", text);
		fprintf(stderr, "fuzz_manifest: read back: %s\n", err.text);
		broken("--list printed a line the reader refuses");
	}
	if (again.nservices != 1 ||
	    memcmp(&again.services[0], svc, sizeof(*svc)))
		broken("--list printed a line that reads back differently");
	plan_free(&again);
	free(text);
}

/* The argument as a C string: a command line holds no NUL. */
static char *argument(const uint8_t *data, size_t size)
{
	char *arg = xmalloc(size + 1);

	memcpy(arg, data, size);
	arg[size] = '\0';
	return arg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan plan = { .services_dir = "svc" };
	struct mkimage_error err;
	char *arg;
	int st;

	if (size < 1)
		return -1;
	switch (data[0] % 3) {
	case 0:
		st = mkimage_parse_manifest(&plan, (const char *)data + 1,
					    size - 1, "fuzz.manifest", &err);
		break;
	case 1:
		arg = argument(data + 1, size - 1);
		st = plan_add_command_line_service(&plan, arg, &err);
		free(arg);
		break;
	default:
		arg = argument(data + 1, size - 1);
		st = plan_add_command_line_file(&plan, arg, &err);
		free(arg);
		break;
	}
	if (st == 0) {
		kernel_accepts(&plan);
		for (size_t i = 0; i < plan.nservices; i++)
			reads_back(&plan.services[i]);
	} else if (!err.text[0] || strchr(err.text, '\n')) {
		broken("an error that is not one line");
	}
	plan_free(&plan);
	return 0;
}
