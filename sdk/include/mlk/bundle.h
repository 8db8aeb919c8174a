/*
 * The boot bundle: the services and files that travel with the kernel in
 * one bootable image, made by mlk-mkimage.
 *
 * Image layout:
 *
 *   offset 0            the kernel's arm64 Image (header, text, data)
 *   ...                 zeros up to the kernel's own image_size (its bss)
 *   K = kernel size     struct mlk_bundle_header, page aligned
 *   K + header_size     entry_count struct mlk_bundle_entry
 *   K + entry offsets   each entry's data, page aligned
 *
 * mlk-mkimage raises image_size in the arm64 header to cover the bundle, so
 * a loader keeps it out of harm's way; the kernel finds the bundle right
 * after its own image and checks it before using anything in it.  Integers
 * are little endian.
 *
 * One entry, of kind MLK_BUNDLE_MANIFEST, says which services init starts
 * (struct mlk_manifest_*, below).
 */
#ifndef MLK_BUNDLE_H
#define MLK_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include <mlk/status.h>

#define MLK_BUNDLE_MAGIC 0x4c444e55424b4c4dull /* "MLKBUNDL" */
#define MLK_BUNDLE_VERSION 1
#define MLK_BUNDLE_ALIGN 4096u
/* The limits of an image; mlk-mkimage refuses to pack past them, with
 * the manifest line or argument at fault (mlk/limits.h lists them all). */
/* An entry's name (service, program or file path), with the NUL: names
 * are at most 47 bytes. */
#define MLK_BUNDLE_NAME_SIZE 48
/* Entries of a bundle: init, the services and programs, the files and
 * the manifest. */
#define MLK_BUNDLE_MAX_ENTRIES 256
/* Bytes of a bundle, from its header to the end of its last entry. */
#define MLK_BUNDLE_MAX_SIZE (1ull << 30)

struct mlk_bundle_header {
	uint64_t magic;
	uint32_t version;
	uint32_t header_size; /* sizeof(struct mlk_bundle_header) */
	uint64_t total_size;  /* header to the end of the last entry */
	uint32_t entry_count;
	uint32_t entry_size;	  /* sizeof(struct mlk_bundle_entry) */
	uint32_t table_checksum;  /* CRC-32 of the entry table */
	uint32_t header_checksum; /* CRC-32 of this header, this field 0 */
};

enum mlk_bundle_kind {
	MLK_BUNDLE_INIT = 1,	 /* the root task: an ELF the kernel starts */
	MLK_BUNDLE_SERVICE = 2,	 /* an ELF service init may start */
	MLK_BUNDLE_FILE = 3,	 /* a file initfs serves ("etc/motd") */
	MLK_BUNDLE_MANIFEST = 4, /* struct mlk_manifest_header + services */
};
#define MLK_BUNDLE_KIND(flags) ((flags)&0xffu)

struct mlk_bundle_entry {
	char name[MLK_BUNDLE_NAME_SIZE]; /* NUL-terminated, NUL-padded */
	uint64_t offset;		 /* from the header, page aligned */
	uint64_t size;			 /* bytes of data */
	uint32_t flags;			 /* enum mlk_bundle_kind in bits 0..7 */
	uint32_t checksum;		 /* CRC-32 of the data */
};

_Static_assert(sizeof(struct mlk_bundle_header) == 40, "bundle header ABI");
_Static_assert(sizeof(struct mlk_bundle_entry) == 72, "bundle entry ABI");

/* ---- the manifest -------------------------------------------------------- */

#define MLK_MANIFEST_MAGIC 0x4d4b4c4du /* "MLKM" */
#define MLK_MANIFEST_VERSION 1
/* Services and programs a manifest names. */
#define MLK_MANIFEST_MAX_SERVICES 32
/* grant= options of one service or program. */
#define MLK_MANIFEST_MAX_GRANTS 8
/* A grant's argument (a device tree compatible, a virtio type), with the
 * NUL: at most 55 bytes. */
#define MLK_GRANT_ARG_SIZE 56
/* A program's arguments as written (args=, or the shell's run): at most
 * 127 bytes, blanks and quotes included. */
#define MLK_MANIFEST_ARGS_SIZE 128
/* So at most 64 arguments (one byte each, a blank between): their count
 * has no limit of its own, and main gets every one. */
#define MLK_MANIFEST_ARGC_MAX (MLK_MANIFEST_ARGS_SIZE / 2)

struct mlk_manifest_header {
	uint32_t magic;
	uint32_t version;
	uint32_t count;	     /* services, in the order init starts them */
	uint32_t entry_size; /* sizeof(struct mlk_manifest_service) */
};

/* What a service is given besides its own handles. */
enum mlk_grant_kind {
	MLK_GRANT_LOG = 1,    /* the kernel debug console */
	MLK_GRANT_SYSTEM = 2, /* the root authority (tests, drivers' helpers) */
	MLK_GRANT_BUNDLE = 3, /* the boot bundle, read-only */
	MLK_GRANT_DEVICE = 4, /* arg = a device tree "compatible": its
				 registers and interrupt */
	MLK_GRANT_DEVTREE = 5, /* the device tree blob, read-only */
	MLK_GRANT_CONTROL = 6, /* init's control requests: run, kill and crash
				  services (mlk/init.h) */
	MLK_GRANT_VIRTIO = 7,  /* arg = a virtio device type ("blk",
				  mlk/virtio_ids.h): init starts one instance
				  of the service per such device, each with
				  its transport's registers and interrupt;
				  at most one such grant a service */
};

struct mlk_manifest_grant {
	uint32_t kind;
	uint32_t reserved;
	char arg[MLK_GRANT_ARG_SIZE]; /* NUL-terminated */
};

/* Service flags */
#define MLK_SVC_RESTART (1u << 0)  /* restart it when it faults or exits */
#define MLK_SVC_POWEROFF (1u << 1) /* power off when it exits (tests) */
#define MLK_SVC_PROGRAM                                                        \
	(1u << 2) /* a program: init starts it only when                       \
		     asked (MLK_INIT_RUN, the shell's                          \
		     run), never at boot nor again */
#define MLK_SVC_FLAGS (MLK_SVC_RESTART | MLK_SVC_POWEROFF | MLK_SVC_PROGRAM)

struct mlk_manifest_service {
	char name[MLK_BUNDLE_NAME_SIZE]; /* its MLK_BUNDLE_SERVICE entry */
	uint32_t priority;		 /* MLK_PRIO_MIN..MLK_PRIO_MAX */
	uint32_t flags;			 /* MLK_SVC_* */
	uint64_t quota;			 /* memory limit in bytes; 0: default */
	uint32_t ngrants;
	uint32_t give_up; /* with restart: stop restarting after this many
			     quick crashes in a row; 0: never give up */
	struct mlk_manifest_grant grants[MLK_MANIFEST_MAX_GRANTS];
	char args[MLK_MANIFEST_ARGS_SIZE]; /* arguments, space-separated */
};

_Static_assert(sizeof(struct mlk_manifest_header) == 16, "manifest ABI");
_Static_assert(sizeof(struct mlk_manifest_service) == 712, "manifest ABI");

/* ---- checking a bundle ----------------------------------------------------
 */

/* One implementation, sdk/lib/bundle.c, built into the kernel, libmlk
 * and mlk-mkimage. */

enum mlk_bundle_error {
	MLK_BUNDLE_OK = 0,
	MLK_BUNDLE_ERR_TRUNCATED = 1, /* shorter than it says */
	MLK_BUNDLE_ERR_MAGIC = 2,     /* not a bundle */
	MLK_BUNDLE_ERR_VERSION = 3,   /* a version we cannot read */
	MLK_BUNDLE_ERR_HEADER = 4, /* sizes or checksum of the header wrong */
	MLK_BUNDLE_ERR_TABLE = 5,  /* entry table checksum wrong */
	MLK_BUNDLE_ERR_ENTRY = 6,  /* an entry out of bounds or misaligned */
	MLK_BUNDLE_ERR_NAME = 7, /* an empty, unterminated or duplicate name */
	MLK_BUNDLE_ERR_KIND = 8, /* an unknown kind of entry */
	MLK_BUNDLE_ERR_CHECKSUM =
		9, /* an entry's data does not match its checksum */
	MLK_BUNDLE_ERR_NO_INIT = 10,  /* no (or more than one) init entry */
	MLK_BUNDLE_ERR_MANIFEST = 11, /* the manifest is malformed */
};

/* CRC-32 (IEEE 802.3, as zlib's crc32): crc = mlk_crc32(0, data, len). */
uint32_t mlk_crc32(uint32_t crc, const void *data, size_t len);

/* Why a bundle was refused. */
struct mlk_bundle_diag {
	uint32_t error; /* enum mlk_bundle_error */
	int32_t entry;	/* the index of the entry at fault, or -1 */
};

/*
 * Check the bundle at `data` (at most `avail` bytes): header, table, every
 * entry's bounds, name, kind and checksum, exactly one init entry, and the
 * manifest if there is one.  MLK_OK, or MLK_ERR_BAD_FORMAT with the reason
 * in *diag (if diag is not NULL).
 */
mlk_status_t mlk_bundle_check(const void *data, uint64_t avail,
			      struct mlk_bundle_diag *diag);
/* An enum mlk_bundle_error in words, for messages. */
const char *mlk_bundle_strerror(enum mlk_bundle_error err);

/* The entry table of a checked bundle. */
const struct mlk_bundle_entry *mlk_bundle_entries(const void *bundle);
/* The entry called `name` of a checked bundle, or NULL. */
const struct mlk_bundle_entry *mlk_bundle_find(const void *bundle,
					       const char *name);
/* Where the data of an entry of a checked bundle starts. */
const void *mlk_bundle_data(const void *bundle,
			    const struct mlk_bundle_entry *entry);

/* Check a manifest entry's data: MLK_OK or MLK_ERR_BAD_FORMAT. */
mlk_status_t mlk_manifest_check(const void *data, uint64_t size);

#endif
