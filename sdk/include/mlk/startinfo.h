/*
 * What init hands each service it starts: x0 at the service's entry
 * points to this structure, on a read-only page of the service.
 */
#ifndef MLK_STARTINFO_H
#define MLK_STARTINFO_H

#include <stdint.h>

#include <mlk/bundle.h>
#include <mlk/handle.h>
#include <mlk/layout.h>

#define MLK_STARTINFO_MAGIC 0x4f464e4954524154ull /* "TARTINFO" */
#define MLK_STARTINFO_VERSION 1
#define MLK_STARTINFO_MAX_HANDLES 16
#define MLK_STARTINFO_ARGS_SIZE 256

/* What a handle in the start info is (struct mlk_start_handle.kind). */
enum mlk_start_handle_kind {
	MLK_START_LOG = 1,     /* the kernel debug console */
	MLK_START_SYSTEM = 2,  /* the root authority */
	MLK_START_BUNDLE = 3,  /* the boot bundle (memory, read-only) */
	MLK_START_DEVTREE = 4, /* the device tree blob (memory, read-only) */
	MLK_START_DEVICE = 5,  /* device registers (name = compatible) */
	MLK_START_IRQ = 6,     /* the device's interrupt (name = compatible) */
	MLK_START_NAMES = 7,   /* init's name service endpoint */
	MLK_START_INIT_CONTROL = 8, /* init's endpoint for control requests
				       (grant=control) */
};

struct mlk_start_handle {
	uint32_t kind;
	mlk_handle_t handle;
	uint64_t value; /* e.g. the device's physical address */
	char name[MLK_GRANT_ARG_SIZE];
};

struct mlk_startinfo {
	uint64_t magic;
	uint32_t version;
	uint32_t size;
	char name[MLK_BUNDLE_NAME_SIZE]; /* the service's name */
	uint32_t argc;
	uint32_t nhandles;
	/* argc NUL-terminated strings, one after the other */
	char args[MLK_STARTINFO_ARGS_SIZE];
	struct mlk_start_handle handles[MLK_STARTINFO_MAX_HANDLES];
	/* Its memory quota, bytes: the limit on what it (and the processes
	 * it makes) may hold, not memory set aside for it. */
	uint64_t quota;
};

_Static_assert(sizeof(struct mlk_startinfo) <= MLK_PAGE_SIZE,
	       "the start info fits one page");

#endif
