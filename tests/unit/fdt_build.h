/*
 * Building device tree blobs for the unit tests with libfdt's
 * sequential-write API: start(), node()/end(), the prop_* helpers, then
 * finish() returns the blob's size; the blob is in fdt[].  Included by
 * one test program each (the helpers and the buffer are static).
 */
#ifndef MLK_FDT_BUILD_H
#define MLK_FDT_BUILD_H

#include <libfdt.h>

#include "unit.h"

static _Alignas(8) uint8_t fdt[16384];

#define FDT_DO(call) ck_assert_int_eq((call), 0)

static inline void start(void)
{
	memset(fdt, 0, sizeof(fdt));
	FDT_DO(fdt_create(fdt, sizeof(fdt)));
}

static inline void reserve(uint64_t addr, uint64_t size)
{
	FDT_DO(fdt_add_reservemap_entry(fdt, addr, size));
}

static inline void node(const char *name)
{
	FDT_DO(fdt_begin_node(fdt, name));
}

static inline void end(void)
{
	FDT_DO(fdt_end_node(fdt));
}

static inline void prop_u32(const char *name, uint32_t v)
{
	FDT_DO(fdt_property_u32(fdt, name, v));
}

static inline void prop_str(const char *name, const char *s)
{
	FDT_DO(fdt_property_string(fdt, name, s));
}

static inline void prop_raw(const char *name, const void *data, int len)
{
	FDT_DO(fdt_property(fdt, name, data, len));
}

static inline void prop_empty(const char *name)
{
	prop_raw(name, "", 0);
}

static inline void prop_cells_n(const char *name, const uint32_t *cells,
				size_t n)
{
	uint32_t be[64];

	ck_assert_uint_le(n, sizeof(be) / sizeof(be[0]));
	for (size_t i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	prop_raw(name, be, (int)(n * 4));
}

#define prop_cells(name, ...)                                                  \
	prop_cells_n(name, (const uint32_t[]){ __VA_ARGS__ },                  \
		     sizeof((const uint32_t[]){ __VA_ARGS__ }) / 4)

/* A "\0"-separated string list; `len` counts the last NUL. */
#define prop_list(name, lit) prop_raw(name, lit, sizeof(lit))

static inline uint32_t finish(void)
{
	FDT_DO(fdt_finish(fdt));
	return fdt_totalsize(fdt);
}

#endif
