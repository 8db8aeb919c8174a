/*
 * A reader for flattened device trees (the DTB a loader passes in x0).
 *
 * Every access is bounds-checked against the blob's header, so a bad or
 * truncated blob gives an error code, never a read outside the blob.  The
 * reader keeps no state beyond struct devtree and allocates nothing, which
 * lets it run before the heap exists.  Format: Devicetree Specification
 * v0.4, chapter 5 "Flattened Devicetree (DTB) Format".
 */
#ifndef MLK_SDK_LIB_DEVTREE_H
#define MLK_SDK_LIB_DEVTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum dt_error {
	DT_OK = 0,
	DT_ERR_TRUNCATED = -1, /* the blob is shorter than it says */
	DT_ERR_MAGIC = -2,     /* not a device tree */
	DT_ERR_VERSION = -3,   /* a format version we cannot read */
	DT_ERR_LAYOUT = -4,    /* blocks overlap, misaligned or out of bounds */
	DT_ERR_BADSTRUCT = -5, /* malformed structure block */
	DT_ERR_NOTFOUND = -6,
	DT_ERR_BADPROP = -7,  /* a property has the wrong size or format */
	DT_ERR_RANGE = -8,    /* a value outside what it may be */
	DT_ERR_LIMIT = -9,    /* more of something than the kernel takes */
	DT_ERR_TOO_BIG = -10, /* the blocks reach past DT_MAX_SIZE */
};
#define DT_ERR_LAST DT_ERR_TOO_BIG

/*
 * The most of a blob the reader reads: the arm64 boot protocol's limit
 * (Linux Documentation/arch/arm64/booting.rst).  It bounds the blocks, not
 * the header's totalsize: free space past the blocks is never read, so a
 * tree a loader padded beyond 2 MiB is still read.
 */
/* The blob header's fields, byte offsets (Devicetree Specification v0.4,
 * 5.2): what the reader checks, and what its tests forge. */
#define DT_HDR_MAGIC 0
#define DT_HDR_TOTALSIZE 4
#define DT_HDR_OFF_STRUCT 8
#define DT_HDR_OFF_STRINGS 12
#define DT_HDR_OFF_RSVMAP 16
#define DT_HDR_VERSION 20
#define DT_HDR_LAST_COMP 24
#define DT_HDR_SIZE_STRINGS 32
#define DT_HDR_SIZE_STRUCT 36
#define DT_HDR_LEN 40

#define DT_MAX_SIZE (2u << 20)
#define DT_MAX_DEPTH 16
/* Memory nodes and /reserved-memory children dt_memory and dt_reserved
 * look at, and reg entries of each: bounds on the work a tree can ask. */
#define DT_MAX_MEMORY_NODES 64
#define DT_MAX_REG_ENTRIES 64

struct devtree {
	const uint8_t *blob;
	uint32_t size; /* bytes the blocks span: all the reader reads */
	uint32_t struct_off, struct_size;
	uint32_t strings_off, strings_size;
	uint32_t rsvmap_off;
};

struct mem_range {
	uint64_t base;
	uint64_t size;
};

struct dt_irq {
	uint32_t type;	/* 0 = SPI, 1 = PPI (GIC binding) */
	uint32_t num;	/* number within its type */
	uint32_t flags; /* trigger type */
};

/*
 * Read the header of the blob at `blob` and check the whole structure
 * block; `avail` bounds the bytes that may be read (0: trust the header).
 */
int dt_init(struct devtree *dt, const void *blob, uint32_t avail);
/* The size the header claims, or 0 if `blob` is not a device tree header. */
uint32_t dt_header_size(const void *blob);
const char *dt_strerror(int err);

/*
 * Nodes are named by their offset in the structure block.  The root is at
 * dt_root(); dt_next_node walks the tree in order, updating *depth (pass a
 * pointer to 0 for the root), and returns DT_ERR_NOTFOUND at the end.
 */
int dt_root(const struct devtree *dt);
int dt_next_node(const struct devtree *dt, int node, int *depth);
int dt_first_child(const struct devtree *dt, int node);
int dt_next_sibling(const struct devtree *dt, int node);
int dt_parent(const struct devtree *dt, int node);
const char *dt_node_name(const struct devtree *dt, int node);
/* "/chosen", "/soc/uart@9000000"; a component without '@' matches any unit. */
int dt_path(const struct devtree *dt, const char *path);
/* The first node after `from` (-1: whole tree) compatible with `compat`. */
int dt_find_compatible(const struct devtree *dt, int from, const char *compat);
int dt_find_phandle(const struct devtree *dt, uint32_t phandle);

const void *dt_prop(const struct devtree *dt, int node, const char *name,
		    uint32_t *len);
bool dt_prop_u32(const struct devtree *dt, int node, const char *name,
		 uint32_t *out);
/* A string property; NULL unless it is NUL-terminated within the blob. */
const char *dt_prop_str(const struct devtree *dt, int node, const char *name);
bool dt_is_compatible(const struct devtree *dt, int node, const char *compat);
/* True unless the node has status = "disabled" (or anything but "okay"). */
bool dt_is_enabled(const struct devtree *dt, int node);

/* #address-cells / #size-cells that apply to `node`'s reg. */
int dt_reg_cells(const struct devtree *dt, int node, uint32_t *addr_cells,
		 uint32_t *size_cells);
/* How many entries the node's reg property holds, or an error. */
int dt_reg_count(const struct devtree *dt, int node);
/*
 * Entry `index` of the node's reg property, as a CPU address;
 * DT_ERR_RANGE if the range wraps past the top of the address space.
 */
int dt_reg(const struct devtree *dt, int node, int index, uint64_t *addr,
	   uint64_t *size);
/* Entry `index` of the node's interrupts (three-cell GIC form). */
int dt_irq(const struct devtree *dt, int node, int index, struct dt_irq *out);
/* The GIC interrupt ID of an SPI (32..1019) or PPI (16..31); DT_ERR_RANGE
 * for anything else. */
int dt_irq_intid(const struct dt_irq *irq, uint32_t *intid);

/*
 * RAM from the memory nodes: returns how many ranges, or DT_ERR_LIMIT if
 * there are more than `max` (or more nodes or entries than the limits
 * above), DT_ERR_BADPROP or DT_ERR_RANGE for a bad reg.
 */
int dt_memory(const struct devtree *dt, struct mem_range *out, int max);
/* The memory reservation block and /reserved-memory, the same way. */
int dt_reserved(const struct devtree *dt, struct mem_range *out, int max);
/* /chosen/bootargs, or "" if there are none. */
const char *dt_bootargs(const struct devtree *dt);
/* The node /chosen/stdout-path names, or DT_ERR_NOTFOUND. */
int dt_stdout(const struct devtree *dt);

static inline uint32_t dt_be32(const void *p)
{
	const uint8_t *b = p;
	return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
	       ((uint32_t)b[2] << 8) | b[3];
}

static inline uint64_t dt_be64(const void *p)
{
	return ((uint64_t)dt_be32(p) << 32) | dt_be32((const uint8_t *)p + 4);
}

#endif
