/*
 * mlk-mkimage: the output image.
 *
 *   the kernel Image file
 *   zeros up to the kernel's image_size      (its bss: the bundle must not
 *                                             land where the kernel zeroes)
 *   the bundle                               (<mlk/bundle.h>)
 *
 * and image_size in the arm64 header raised to cover it all, so a loader
 * keeps the bundle clear of whatever else it places in memory.
 *
 * Everything is checked and the bundle is built in memory first; the file
 * is written under a temporary name in the output's directory and renamed
 * into place, so a failed run leaves no partial output and the previous
 * output, if any, untouched.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mlk/elf.h>

#include "mkimage.h"

/* A sanity bound: a corrupt header must not make us write gigabytes of
 * padding.  The real kernel needs a few MiB. */
#define KERNEL_MAX_SIZE (1ull << 30)

#define MANIFEST_ENTRY_NAME "manifest"

static uint64_t align_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1);
}

uint64_t get_le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static void put_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

int arm64_image_size(const uint8_t *image, uint64_t size, const char *path,
		     uint64_t *image_size, struct mkimage_error *err)
{
	uint64_t value;

	if (size < ARM64_HEADER_SIZE)
		return mkimage_fail(
			err, path,
			"truncated arm64 Image (%llu bytes, shorter than "
			"its %d-byte header)",
			(unsigned long long)size, ARM64_HEADER_SIZE);
	if (memcmp(image + ARM64_MAGIC_OFFSET, ARM64_MAGIC, 4))
		return mkimage_fail(
			err, path,
			"not an arm64 Image (no ARM\\x64 magic at offset "
			"%d)",
			ARM64_MAGIC_OFFSET);
	value = get_le64(image + ARM64_IMAGE_SIZE_OFFSET);
	if (value < size)
		return mkimage_fail(
			err, path,
			"image_size %llu smaller than the file (%llu "
			"bytes)",
			(unsigned long long)value, (unsigned long long)size);
	if (value % PAGE_SIZE)
		return mkimage_fail(err, path,
				    "image_size %llu not a multiple of %u",
				    (unsigned long long)value, PAGE_SIZE);
	*image_size = value;
	return 0;
}

/* ---- the bundle, in memory ---------------------------------------------- */

/* An error about the file of a manifest's line: "MANIFEST:LINE: " before
 * it, so the message says which line named the file.  Returns -1. */
static int at_line(const struct input *in, struct mkimage_error *err)
{
	char *text;

	if (!in->from_manifest)
		return -1;
	text = xstrdup(err->text);
	mkimage_fail(err, in->where, "%s", text);
	free(text);
	return -1;
}

static int add_manifest_entry(struct plan *plan, struct mkimage_error *err)
{
	struct input *in =
		plan_add(plan, MLK_BUNDLE_MANIFEST, MANIFEST_ENTRY_NAME, NULL,
			 "the manifest", err);

	if (!in)
		return -1;
	in->size = sizeof(struct mlk_manifest_header) +
		   plan->nservices * sizeof(struct mlk_manifest_service);
	return 0;
}

/* Give every entry its page-aligned offset; the bundle's size in *total. */
static int lay_out(struct plan *plan, const char *output, uint64_t *total,
		   struct mkimage_error *err)
{
	uint64_t pos = sizeof(struct mlk_bundle_header) +
		       plan->ninputs * sizeof(struct mlk_bundle_entry);

	for (size_t i = 0; i < plan->ninputs; i++) {
		struct input *in = &plan->inputs[i];

		in->offset = align_up(pos, MLK_BUNDLE_ALIGN);
		/* Both terms are below 2^63: the sum cannot wrap. */
		pos = in->offset + in->size;
		if (pos > MLK_BUNDLE_MAX_SIZE)
			return mkimage_fail(
				err, output,
				"bundle too large (%llu bytes with %s, at "
				"most %llu)",
				(unsigned long long)pos, in->where,
				(unsigned long long)MLK_BUNDLE_MAX_SIZE);
	}
	*total = pos;
	return 0;
}

/* The machines a rejected file was most likely built for. */
static const char *machine_name(uint16_t machine)
{
	switch (machine) {
	case 3:
		return "i386";
	case 40:
		return "32-bit Arm";
	case 62:
		return "x86-64";
	case 243:
		return "RISC-V";
	case 258:
		return "LoongArch";
	default:
		return "unknown";
	}
}

static int check_elf(const struct input *in, struct mkimage_error *err)
{
	struct mlk_elf_info info;

	if (mlk_elf_check(in->data, in->size, &info) == MLK_OK)
		return 0;
	/* Say what it is: usually a file built with the host's compiler. */
	if (info.error == MLK_ELF_ERR_MACHINE)
		return mkimage_fail(err, in->path, "%s (e_machine %u: %s)",
				    mlk_elf_strerror(info.error), info.machine,
				    machine_name(info.machine));
	return mkimage_fail(err, in->path, "%s", mlk_elf_strerror(info.error));
}

static void fill_manifest(const struct plan *plan, struct input *in)
{
	struct mlk_manifest_header hdr = {
		.magic = MLK_MANIFEST_MAGIC,
		.version = MLK_MANIFEST_VERSION,
		.count = (uint32_t)plan->nservices,
		.entry_size = sizeof(struct mlk_manifest_service),
	};

	memcpy(in->data, &hdr, sizeof(hdr));
	if (plan->nservices) /* else services is NULL: no memcpy from it */
		memcpy((uint8_t *)in->data + sizeof(hdr), plan->services,
		       plan->nservices * sizeof(*plan->services));
}

/* Read every input into its place in the bundle and check the ELFs. */
static int fill_entries(struct plan *plan, uint8_t *bundle,
			struct mkimage_error *err)
{
	struct mlk_bundle_entry *table =
		(struct mlk_bundle_entry *)(bundle +
					    sizeof(struct mlk_bundle_header));

	for (size_t i = 0; i < plan->ninputs; i++) {
		struct input *in = &plan->inputs[i];

		in->data = bundle + in->offset;
		if (in->kind == MLK_BUNDLE_MANIFEST)
			fill_manifest(plan, in);
		else if (read_file_into(in->path, in->data, in->size, err) < 0)
			return at_line(in, err);
		if ((in->kind == MLK_BUNDLE_INIT ||
		     in->kind == MLK_BUNDLE_SERVICE) &&
		    check_elf(in, err) < 0)
			return -1;
		memcpy(table[i].name, in->name, sizeof(table[i].name));
		table[i].offset = in->offset;
		table[i].size = in->size;
		table[i].flags = in->kind;
		table[i].checksum = mlk_crc32(0, in->data, (size_t)in->size);
	}
	return 0;
}

/* The bundle in memory; NULL on error. */
static uint8_t *build_bundle(struct plan *plan, uint64_t total,
			     struct mkimage_error *err)
{
	uint8_t *bundle = xcalloc(1, (size_t)total);
	struct mlk_bundle_header hdr = {
		.magic = MLK_BUNDLE_MAGIC,
		.version = MLK_BUNDLE_VERSION,
		.header_size = sizeof(hdr),
		.total_size = total,
		.entry_count = (uint32_t)plan->ninputs,
		.entry_size = sizeof(struct mlk_bundle_entry),
	};

	if (fill_entries(plan, bundle, err) < 0) {
		free(bundle);
		return NULL;
	}
	hdr.table_checksum =
		mlk_crc32(0, bundle + sizeof(hdr),
			  plan->ninputs * sizeof(struct mlk_bundle_entry));
	hdr.header_checksum = mlk_crc32(0, &hdr, sizeof(hdr));
	memcpy(bundle, &hdr, sizeof(hdr));
	return bundle;
}

/* ---- the output file ---------------------------------------------------- */

/* The temporary file, for the signal handler to remove. */
static char *volatile temp_path;

static void remove_temp_and_die(int sig)
{
	if (temp_path)
		unlink(temp_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], remove_temp_and_die);
}

static int write_all(int fd, const void *data, uint64_t size)
{
	const uint8_t *p = data;

	while (size) {
		ssize_t n = write(fd, p, size > (1u << 30) ? (1u << 30) : size);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		size -= (uint64_t)n;
	}
	return 0;
}

static int write_zeros(int fd, uint64_t size)
{
	static const uint8_t zeros[65536];

	while (size) {
		uint64_t n = size < sizeof(zeros) ? size : sizeof(zeros);

		if (write_all(fd, zeros, n) < 0)
			return -1;
		size -= n;
	}
	return 0;
}

/* The permissions a plain creat() would have given. */
static int set_default_mode(int fd)
{
	mode_t mask = umask(0);

	umask(mask);
	return fchmod(fd, 0666 & ~mask);
}

/* Forget the temporary file (removed if `remove`); free its name. */
static void drop_temp(int remove)
{
	char *path = temp_path;

	temp_path = NULL;
	if (remove)
		unlink(path);
	free(path);
}

static int give_up(const char *output, int fd, struct mkimage_error *err)
{
	int saved = errno;

	if (fd >= 0)
		close(fd);
	drop_temp(1);
	return mkimage_fail(err, output, "cannot write: %s", strerror(saved));
}

static int write_output(const char *output, const uint8_t *kernel,
			uint64_t kernel_size, uint64_t bundle_offset,
			const uint8_t *bundle, uint64_t bundle_size,
			struct mkimage_error *err)
{
	const char *slash = strrchr(output, '/');
	char *dir = dir_name(output);
	int fd;

	catch_signals();
	temp_path = xasprintf("%s/.%s.XXXXXX", dir, slash ? slash + 1 : output);
	free(dir);
	fd = mkstemp(temp_path);
	if (fd < 0) {
		drop_temp(0);
		return mkimage_fail(err, output, "cannot write: %s",
				    strerror(errno));
	}
	if (write_all(fd, kernel, kernel_size) < 0 ||
	    write_zeros(fd, bundle_offset - kernel_size) < 0 ||
	    write_all(fd, bundle, bundle_size) < 0 || set_default_mode(fd) < 0)
		return give_up(output, fd, err);
	if (close(fd) < 0)
		return give_up(output, -1, err);
	if (rename(temp_path, output) < 0)
		return give_up(output, -1, err);
	drop_temp(0);
	return 0;
}

/* Where the bundle goes: after the kernel's memory footprint. */
static int bundle_offset_of(const uint8_t *kernel, uint64_t size,
			    const char *path, uint64_t *offset,
			    struct mkimage_error *err)
{
	if (arm64_image_size(kernel, size, path, offset, err) < 0)
		return -1;
	if (*offset > KERNEL_MAX_SIZE)
		return mkimage_fail(
			err, path,
			"image_size %llu too large for a kernel (over 1 "
			"GiB)",
			(unsigned long long)*offset);
	return 0;
}

/* Count and size the entries, add the manifest; the bundle's size. */
static int plan_bundle(struct plan *plan, const char *output, uint64_t *total,
		       struct mkimage_error *err)
{
	if (plan->ninputs + 1 > MLK_BUNDLE_MAX_ENTRIES)
		return mkimage_fail(err, output,
				    "too many bundle entries (%zu, at most %d)",
				    plan->ninputs + 1, MLK_BUNDLE_MAX_ENTRIES);
	for (size_t i = 0; i < plan->ninputs; i++) {
		struct input *in = &plan->inputs[i];

		if (file_size(in->path, &in->size, err) < 0)
			return at_line(in, err);
	}
	if (add_manifest_entry(plan, err) < 0)
		return -1;
	return lay_out(plan, output, total, err);
}

/* Check the new bundle, then write the image. */
static int finish(uint8_t *kernel, uint64_t kernel_size, uint64_t bundle_offset,
		  const uint8_t *bundle, uint64_t total, const char *output,
		  struct mkimage_error *err)
{
	struct mlk_bundle_diag diag;

	/* The kernel will run this very check: better fail here. */
	if (mlk_bundle_check(bundle, total, &diag) != MLK_OK)
		return mkimage_fail(err, output,
				    "internal error: new bundle: %s (entry %d)",
				    mlk_bundle_strerror(diag.error),
				    diag.entry);
	put_le64(kernel + ARM64_IMAGE_SIZE_OFFSET,
		 align_up(bundle_offset + total, PAGE_SIZE));
	return write_output(output, kernel, kernel_size, bundle_offset, bundle,
			    total, err);
}

int mkimage_pack(struct plan *plan, const char *kernel_path, const char *output,
		 struct mkimage_error *err)
{
	uint64_t kernel_size, bundle_offset = 0, total = 0;
	uint8_t *kernel = read_file(kernel_path, &kernel_size, err);
	uint8_t *bundle = NULL;
	int st = kernel ? 0 : -1;

	if (st == 0)
		st = bundle_offset_of(kernel, kernel_size, kernel_path,
				      &bundle_offset, err);
	if (st == 0)
		st = plan_bundle(plan, output, &total, err);
	if (st == 0 && !(bundle = build_bundle(plan, total, err)))
		st = -1;
	if (st == 0)
		st = finish(kernel, kernel_size, bundle_offset, bundle, total,
			    output, err);
	free(bundle);
	free(kernel);
	return st;
}
