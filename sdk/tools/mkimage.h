/*
 * mlk-mkimage's parts: what each file of sdk/tools/ offers the others.
 *
 *   mlk-mkimage.c  main: the command line, help, the order of the work;
 *                  the one file that prints an error and exits
 *   service.c      service options (prio=, quota=, grant=, ...), shared by
 *                  the command line and the manifest
 *   manifest.c     the text manifest (-m, the standard services)
 *   plan.c         the list of entries the bundle will hold, their names,
 *                  the command line's SERVICE[:OPTIONS] and -f NAME=PATH
 *   pack.c         the kernel Image, the bundle, writing the output
 *   list.c         --list
 *   util.c         errors, memory and file reading
 *
 * Everything but mlk-mkimage.c is a library (MKIMAGE_LIB_SRC in
 * sdk/local.mk) that other programs, unit tests and fuzz harnesses link.
 * A function that can fail takes a struct mkimage_error, fills it with
 * one line through mkimage_fail() and returns -1 (or NULL); it never
 * prints and never exits.  Running out of memory is the one exception:
 * xmalloc() and its kin print "mlk-mkimage: memory: out of memory" and exit, as
 * no caller could do better.  The output is only created once all
 * checks have passed.
 *
 * Entry points that take bytes and touch no file, for fuzz harnesses:
 *
 *   mkimage_parse_manifest()  a manifest's text        (manifest.c)
 *   plan_add_command_line_service()  one SERVICE[:OPTIONS] argument
 *   plan_add_command_line_program()  one -p PROGRAM[:OPTIONS]
 *   plan_add_command_line_file()     one -f NAME=PATH argument (plan.c)
 *   mkimage_list()            --list of an image in memory  (list.c)
 *   plan_free()               frees what the plan functions added
 *
 * For example (the plan starts zeroed; services_dir only makes paths):
 *
 *   struct plan plan = { .services_dir = "svc" };
 *   struct mkimage_error err;
 *   int st = mkimage_parse_manifest(&plan, data, size, "fuzz.manifest",
 *                                   &err);
 *   plan_free(&plan);
 *
 *   FILE *null = fopen("/dev/null", "w");
 *   st = mkimage_list(data, size, "fuzz.img", null, &err);
 *
 * Both return 0 or -1 with err.text set; what --list prints for an image
 * is always a manifest mkimage_parse_manifest() reads back.
 */
#ifndef MLK_MKIMAGE_H
#define MLK_MKIMAGE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <mlk/bundle.h>
#include <mlk/layout.h>

/* The bundle is written in the build machine's byte order. */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "mlk-mkimage writes little-endian structures"
#endif

#define PROGRAM_NAME "mlk-mkimage"

/* ---- util.c ------------------------------------------------------------- */

/* What went wrong, as main prints it after "mlk-mkimage: ". */
struct mkimage_error {
	char text[8192]; /* "WHERE: MESSAGE", one line, no newline */
};

/* Fill *err with "WHERE: MESSAGE" on one line; returns -1. */
int mkimage_fail(struct mkimage_error *err, const char *where, const char *fmt,
		 ...) __attribute__((format(printf, 3, 4)));

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Size of a regular file in *size. */
int file_size(const char *path, uint64_t *size, struct mkimage_error *err);
/* The whole regular file, in memory aligned for any structure; NULL on
 * error.  Free it with free(). */
void *read_file(const char *path, uint64_t *size, struct mkimage_error *err);
/* Exactly `size` bytes of the file (whose size file_size() said). */
int read_file_into(const char *path, void *buf, uint64_t size,
		   struct mkimage_error *err);
/* The whole of an open stream (a pipe too); NUL-terminated, length in
 * *size; NULL on error. */
char *read_stream(FILE *f, const char *path, size_t *size,
		  struct mkimage_error *err);
/* "dir/file" -> "dir", "file" -> "." (a new string). */
char *dir_name(const char *path);
/* PATH relative to DIR unless it is absolute (a new string). */
char *path_join(const char *dir, const char *path);

/* ---- service.c ---------------------------------------------------------- */

/* A service with the defaults: MLK_PRIO_DEFAULT, no flags, no grants. */
void service_init(struct mlk_manifest_service *svc, const char *name);
/* Apply one option word ("prio=40", "restart", "args=a b", ...). */
int service_option(struct mlk_manifest_service *svc, const char *option,
		   const char *where, struct mkimage_error *err);
/* Apply a command-line option list: "prio=40,grant=log,args=a,b". */
int service_option_list(struct mlk_manifest_service *svc, const char *list,
			const char *where, struct mkimage_error *err);
/*
 * Would svc's manifest line read back as svc?  (Always, for what this
 * program packs; an image made otherwise may hold what no line can say.)
 */
int service_check_printable(const struct mlk_manifest_service *svc,
			    const char *where, struct mkimage_error *err);
/* A program (MLK_SVC_PROGRAM) with an option only a service may have? */
int service_check_program(const struct mlk_manifest_service *svc,
			  const char *where, struct mkimage_error *err);
/* Handles init gives svc: its names endpoint and its grants'. */
unsigned service_handles(const struct mlk_manifest_service *svc);
/* Print svc as a manifest line ("service NAME prio=40 ...\n", or
 * "program NAME ..."). */
void service_print(const struct mlk_manifest_service *svc, FILE *out);
/* The first control character in s (a byte below 0x20, or 0x7f), or 0. */
int control_char(const char *s);

/* ---- plan.c ------------------------------------------------------------- */

struct input {
	char name[MLK_BUNDLE_NAME_SIZE];
	char *path;    /* the file the data comes from */
	char *where;   /* what messages about this entry name */
	uint32_t kind; /* enum mlk_bundle_kind */
	uint64_t size;
	uint64_t offset; /* from the bundle header */
	void *data;
	int from_manifest; /* where is a manifest line: messages about
			      the file name it too */
};

struct plan {
	struct input *inputs; /* init first, then as given */
	size_t ninputs;
	struct mlk_manifest_service *services; /* in start order */
	size_t nservices;
	const char *services_dir; /* not owned */
	/* What a manifest's "include standard" reads (not owned); NULL:
	 * there is none to include (--no-standard, or none installed). */
	const char *standard_manifest;
	int including; /* reading the included standard manifest */
};

/* Add an entry; fails on an empty, too long, reserved or duplicate name.
 * Returns NULL on error. */
struct input *plan_add(struct plan *plan, uint32_t kind, const char *name,
		       const char *path, const char *where,
		       struct mkimage_error *err);
/* Add a service ELF and its manifest record. */
int plan_add_service(struct plan *plan, const struct mlk_manifest_service *svc,
		     const char *path, const char *where,
		     struct mkimage_error *err);
/* "dir/hello.elf:prio=40" -> service "hello" from "dir/hello.elf". */
int plan_add_command_line_service(struct plan *plan, const char *arg,
				  struct mkimage_error *err);
/* The same for -p: a program, which init starts only when asked. */
int plan_add_command_line_program(struct plan *plan, const char *arg,
				  struct mkimage_error *err);
/* "NAME=PATH" (-f) -> the file NAME from PATH. */
int plan_add_command_line_file(struct plan *plan, const char *arg,
			       struct mkimage_error *err);
/* Check an entry name, for plan_add and the name of a manifest service. */
int check_entry_name(const char *name, const char *where,
		     struct mkimage_error *err);
/* An entry name that can also name a service on a manifest line. */
int check_service_name(const char *name, const char *where,
		       struct mkimage_error *err);
/* Free what the plan holds (not services_dir) and zero it. */
void plan_free(struct plan *plan);

/* ---- manifest.c --------------------------------------------------------- */

/*
 * Read `len` bytes of manifest text into the plan, naming lines "NAME:N";
 * a file's relative PATH is relative to NAME's directory, a service's ELF
 * is services_dir/SERVICE.  Reads no file but plan->standard_manifest,
 * for an "include standard" line (an error when it is NULL): whether the
 * services exist is manifest_read()'s question.
 */
int mkimage_parse_manifest(struct plan *plan, const char *text, size_t len,
			   const char *name, struct mkimage_error *err);
/* Read a text manifest file into the plan; its services must exist. */
int manifest_read(struct plan *plan, const char *path,
		  struct mkimage_error *err);

/* ---- pack.c ------------------------------------------------------------- */

/* The arm64 Image header (Linux Documentation/arch/arm64/booting.rst). */
#define ARM64_HEADER_SIZE 64
#define ARM64_IMAGE_SIZE_OFFSET 16
#define ARM64_MAGIC_OFFSET 56
#define ARM64_MAGIC "ARM\x64"
#define PAGE_SIZE ((unsigned)MLK_PAGE_SIZE)

uint64_t get_le64(const uint8_t *p);
/* Check the kernel Image header of `path`; its image_size in *image_size. */
int arm64_image_size(const uint8_t *image, uint64_t size, const char *path,
		     uint64_t *image_size, struct mkimage_error *err);
/* Build the bundle and write kernel + bundle to `output`. */
int mkimage_pack(struct plan *plan, const char *kernel_path, const char *output,
		 struct mkimage_error *err);

/* ---- list.c ------------------------------------------------------------- */

/*
 * Print what the image (`size` bytes at `image`, aligned as malloc()
 * aligns, called `name` in messages) holds to `out`.  Everything is checked
 * before the first line is printed: on error nothing is.
 */
int mkimage_list(const uint8_t *image, uint64_t size, const char *name,
		 FILE *out, struct mkimage_error *err);
/* mkimage_list() of the file at `path`. */
int list_image(const char *path, FILE *out, struct mkimage_error *err);

#endif
