/*
 * libFuzzer harness: mlk-mkimage's text manifest reader (sdk/tools/
 * manifest.c with service.c and plan.c) on any manifest file.
 *
 * The input is the file; the services it names are looked up in a
 * directory that holds the standard ones (console, shell, ...).  What the
 * reader accepts is held to two promises:
 *   - the kernel's manifest check (kernel/core/bundle.c) accepts the
 *     records it made, since mlk-mkimage must not pack what init refuses;
 *   - each record, printed as --list prints it (service_print), reads
 *     back as the same record.
 */
#define _GNU_SOURCE /* memfd_create, open_memstream */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <mlk/bundle.h>

#include "mkimage.h"
#include "mkimage_fail.h"

static const char *const services[] = {
	"console", "shell", "vfs", "initfs", "ramfs", "hello", "init",
};

static char services_dir[] = "/tmp/mlk-fuzz-manifest-XXXXXX";
static char input_path[64];
static int input_fd = -1;
static FILE *printed;
static char *printed_buf;
static size_t printed_len;

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_manifest: %s\n", what);
	abort();
}

static void remove_services_dir(void)
{
	for (size_t i = 0; i < sizeof(services) / sizeof(*services); i++) {
		char *path = path_join(services_dir, services[i]);

		unlink(path);
		free(path);
	}
	rmdir(services_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (!mkdtemp(services_dir))
		broken("cannot make the services directory");
	atexit(remove_services_dir);
	for (size_t i = 0; i < sizeof(services) / sizeof(*services); i++) {
		char *path = path_join(services_dir, services[i]);
		FILE *f = fopen(path, "w");

		if (!f)
			broken("cannot make a service file");
		fclose(f);
		free(path);
	}
	input_fd = memfd_create("manifest", 0);
	printed = open_memstream(&printed_buf, &printed_len);
	if (input_fd < 0 || !printed)
		broken("cannot make the input file or the output stream");
	snprintf(input_path, sizeof(input_path), "/proc/self/fd/%d", input_fd);
	return 0;
}

static void set_input(const void *data, size_t size)
{
	if (ftruncate(input_fd, 0) < 0 ||
	    pwrite(input_fd, data, size, 0) != (ssize_t)size)
		broken("cannot write the input file");
}

static void plan_free(struct plan *plan)
{
	for (size_t i = 0; i < plan->ninputs; i++) {
		free(plan->inputs[i].path);
		free(plan->inputs[i].where);
	}
	free(plan->inputs);
	free(plan->services);
}

/* Read the input file; false if the reader refused it. */
static bool read_manifest(struct plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	plan->services_dir = services_dir;
	if (mkimage_try()) {
		mkimage_close_files();
		plan_free(plan);
		return false;
	}
	manifest_read(plan, input_path);
	mkimage_close_files();
	return true;
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
	if (mlk_manifest_check(hdr, size) != MLK_BUNDLE_OK)
		broken("the kernel refuses a manifest mlk-mkimage read");
	free(hdr);
}

static void reads_back(const struct mlk_manifest_service *svc)
{
	FILE *saved = stdout;
	struct plan again;

	fseeko(printed, 0, SEEK_SET);
	stdout = printed;
	service_print(svc);
	fflush(printed);
	stdout = saved;
	set_input(printed_buf, printed_len);
	if (!read_manifest(&again)) {
		fprintf(stderr, "fuzz_manifest: printed: %.*s",
			(int)printed_len, printed_buf);
		fprintf(stderr, "fuzz_manifest: read back: %s\n",
			mkimage_last_failure());
		broken("--list printed a line the reader refuses");
	}
	if (again.nservices != 1 ||
	    memcmp(&again.services[0], svc, sizeof(*svc)))
		broken("--list printed a line that reads back differently");
	plan_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan plan;

	set_input(data, size);
	if (!read_manifest(&plan))
		return 0;
	kernel_accepts(&plan);
	for (size_t i = 0; i < plan.nservices; i++)
		reads_back(&plan.services[i]);
	plan_free(&plan);
	return 0;
}

/* fail() leaves what it jumps over allocated. */
const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}
