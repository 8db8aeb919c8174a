/*
 * mlk-mkimage's parts: what each file of sdk/tools/ offers the others.
 *
 *   mlk-mkimage.c  command line, help, the order of the work
 *   service.c      service options (prio=, quota=, grant=, ...), shared by
 *                  the command line and the manifest
 *   manifest.c     the text manifest (-m, the standard services)
 *   plan.c         the list of entries the bundle will hold, their names
 *   pack.c         the kernel Image, the bundle, writing the output
 *   list.c         --list
 *   util.c         messages and file reading
 *
 * Every error ends the program through fail(): one line on stderr, exit
 * status 1.  The output is only created once all checks have passed.
 */
#ifndef MLK_MKIMAGE_H
#define MLK_MKIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include <mlk/bundle.h>

/* The bundle is written in the build machine's byte order. */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "mlk-mkimage writes little-endian structures"
#endif

#define PROGRAM_NAME "mlk-mkimage"

/* ---- util.c ------------------------------------------------------------- */

/* Print "mlk-mkimage: WHERE: MESSAGE" on one line and exit with status 1. */
void fail(const char *where, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Size of a regular file, or fail(path, ...). */
uint64_t file_size(const char *path);
/* The whole regular file, in memory aligned for any structure. */
void *read_file(const char *path, uint64_t *size);
/* Exactly `size` bytes of the file (whose size file_size() said). */
void read_file_into(const char *path, void *buf, uint64_t size);
/* "dir/file" -> "dir", "file" -> "." (a new string). */
char *dir_name(const char *path);
/* PATH relative to DIR unless it is absolute (a new string). */
char *path_join(const char *dir, const char *path);

/* ---- service.c ---------------------------------------------------------- */

/* A service with the defaults: MLK_PRIO_DEFAULT, no flags, no grants. */
void service_init(struct mlk_manifest_service *svc, const char *name);
/* Apply one option word ("prio=40", "restart", "args=a b", ...). */
void service_option(struct mlk_manifest_service *svc, const char *option,
		    const char *where);
/* Apply a command-line option list: "prio=40,grant=log,args=a,b". */
void service_option_list(struct mlk_manifest_service *svc, const char *list,
			 const char *where);
/* Print svc as a manifest line ("service NAME prio=40 ..."). */
void service_print(const struct mlk_manifest_service *svc);

/* ---- plan.c ------------------------------------------------------------- */

struct input {
	char name[MLK_BUNDLE_NAME_MAX];
	char *path;    /* the file the data comes from */
	char *where;   /* what messages about this entry name */
	uint32_t kind; /* enum mlk_bundle_kind */
	uint64_t size;
	uint64_t offset; /* from the bundle header */
	void *data;
};

struct plan {
	struct input *inputs; /* init first, then as given */
	size_t ninputs;
	struct mlk_manifest_service *services; /* in start order */
	size_t nservices;
	const char *services_dir;
};

/* Add an entry; fails on an empty, too long, reserved or duplicate name. */
struct input *plan_add(struct plan *plan, uint32_t kind, const char *name,
		       const char *path, const char *where);
/* Add a service ELF and its manifest record. */
void plan_add_service(struct plan *plan, const struct mlk_manifest_service *svc,
		      const char *path, const char *where);
/* Check an entry name, for plan_add and the name of a manifest service. */
void check_entry_name(const char *name, const char *where);

/* ---- manifest.c --------------------------------------------------------- */

/* Read a text manifest into the plan; services come from services_dir. */
void manifest_read(struct plan *plan, const char *path);

/* ---- pack.c ------------------------------------------------------------- */

/* The arm64 Image header (Linux Documentation/arch/arm64/booting.rst). */
#define ARM64_HEADER_SIZE 64
#define ARM64_IMAGE_SIZE_OFFSET 16
#define ARM64_MAGIC_OFFSET 56
#define ARM64_MAGIC "ARM\x64"
#define PAGE_SIZE 4096u

uint64_t get_le64(const uint8_t *p);
/* Check the kernel Image header of `path`; returns its image_size. */
uint64_t arm64_image_size(const uint8_t *image, uint64_t size,
			  const char *path);
/* Build the bundle and write kernel + bundle to `output`. */
void pack(struct plan *plan, const char *kernel_path, const char *output);

/* ---- list.c ------------------------------------------------------------- */

void list_image(const char *path);

#endif
