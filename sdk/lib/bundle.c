/*
 * The boot bundle's checker and accessors (see <mlk/bundle.h>).
 *
 * One implementation serves three programs: the kernel (which checks the
 * bundle before it starts init), libmlk (init reads the manifest through
 * it) and mlk-mkimage (which checks what it wrote).  So this file stays
 * freestanding: no allocation, no globals but a constant table, and only
 * the string functions every one of them has (kstring.h).
 *
 * The bundle comes from outside the kernel: every field is checked before
 * it is used, and every sum of two sizes is written so it cannot wrap.
 * The bundle must start on an 8-byte boundary (it starts on a page).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mlk/bundle.h>
#include <mlk/syscall.h>
#include <mlk/virtio_ids.h>

#include "crc32.h"
#include "kstring.h"

/*
 * CRC-32 as zlib computes it: reflected polynomial 0xedb88320, initial
 * value and final xor all ones.  A table of 16 entries handles four bits
 * per step: a quarter of the speed of the usual 256-entry table at a
 * sixteenth of its size; the kernel, which checks the whole bundle at
 * every boot, uses the CPU's CRC32 instructions instead where it has
 * them (below).  Entry i is the CRC register after shifting i out four
 * times.
 */
static const uint32_t crc32_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
	0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

uint32_t crc32_by_table(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		crc = (crc >> 4) ^ crc32_nibble[crc & 15];
		crc = (crc >> 4) ^ crc32_nibble[crc & 15];
	}
	return ~crc;
}

#ifdef __aarch64__
#pragma weak mlk_cpu_has_crc32

/*
 * The ARMv8 CRC32B/CRC32X instructions (Arm ARM C6.2) compute this very
 * CRC, bit-reflected polynomial 0x04c11db7, on the register without the
 * initial and final inversions: a byte or eight per instruction, about
 * 0.3 instructions a byte here against 10 by the table.  Loads are
 * aligned (the kernel runs with -mstrict-align): bytes up to an 8-byte
 * boundary, then 32 bytes per turn, then the rest.
 */
__attribute__((target("+crc"))) static uint32_t
crc32_by_insn(uint32_t crc, const uint8_t *p, size_t len)
{
	crc = ~crc;
	for (; len && ((uintptr_t)p & 7); len--)
		crc = __builtin_aarch64_crc32b(crc, *p++);
	for (; len >= 32; len -= 32, p += 32) {
		const uint64_t *w = (const uint64_t *)(const void *)p;
		crc = __builtin_aarch64_crc32x(crc, w[0]);
		crc = __builtin_aarch64_crc32x(crc, w[1]);
		crc = __builtin_aarch64_crc32x(crc, w[2]);
		crc = __builtin_aarch64_crc32x(crc, w[3]);
	}
	for (; len >= 8; len -= 8, p += 8)
		crc = __builtin_aarch64_crc32x(
			crc, *(const uint64_t *)(const void *)p);
	while (len--)
		crc = __builtin_aarch64_crc32b(crc, *p++);
	return ~crc;
}
#endif

uint32_t mlk_crc32(uint32_t crc, const void *data, size_t len)
{
#ifdef __aarch64__
	if (mlk_cpu_has_crc32 && mlk_cpu_has_crc32())
		return crc32_by_insn(crc, data, len);
#endif
	return crc32_by_table(crc, data, len);
}

const char *mlk_bundle_strerror(enum mlk_bundle_error err)
{
	switch (err) {
	case MLK_BUNDLE_OK:
		return "ok";
	case MLK_BUNDLE_ERR_TRUNCATED:
		return "bundle truncated";
	case MLK_BUNDLE_ERR_MAGIC:
		return "not a boot bundle";
	case MLK_BUNDLE_ERR_VERSION:
		return "unsupported bundle version";
	case MLK_BUNDLE_ERR_HEADER:
		return "bad bundle header";
	case MLK_BUNDLE_ERR_TABLE:
		return "entry table checksum mismatch";
	case MLK_BUNDLE_ERR_ENTRY:
		return "entry misplaced (bounds, alignment or overlap)";
	case MLK_BUNDLE_ERR_NAME:
		return "bad or duplicate entry name";
	case MLK_BUNDLE_ERR_KIND:
		return "unknown entry kind";
	case MLK_BUNDLE_ERR_CHECKSUM:
		return "entry data checksum mismatch";
	case MLK_BUNDLE_ERR_NO_INIT:
		return "not exactly one init entry";
	case MLK_BUNDLE_ERR_MANIFEST:
		return "malformed manifest";
	default:
		return "unknown bundle error";
	}
}

/* ---- helpers ------------------------------------------------------------ */

/*
 * A name field holds 1..max-1 characters, then NULs up to the end: the
 * padding is checked too, so that two equal names are equal bytes and
 * nothing can hide behind the terminator.
 */
static bool name_field_ok(const char *name, size_t max)
{
	size_t len = strnlen(name, max);

	if (len == 0 || len == max)
		return false;
	for (size_t i = len; i < max; i++) {
		if (name[i])
			return false;
	}
	return true;
}

/* A string field that may be empty but must end within the field. */
static bool string_field_ok(const char *s, size_t max)
{
	return strnlen(s, max) < max;
}

static const struct mlk_bundle_header *header_of(const void *bundle)
{
	return bundle;
}

static uint64_t table_end(const struct mlk_bundle_header *hdr)
{
	return hdr->header_size + (uint64_t)hdr->entry_count * hdr->entry_size;
}

/* ---- the manifest ------------------------------------------------------- */

static bool grant_ok(const struct mlk_manifest_grant *grant)
{
	size_t len = strnlen(grant->arg, MLK_GRANT_ARG_SIZE);

	if (grant->reserved || len == MLK_GRANT_ARG_SIZE)
		return false;
	switch (grant->kind) {
	case MLK_GRANT_DEVICE:
		/* Which device: a grant of "any device" does not exist. */
		return len > 0;
	case MLK_GRANT_VIRTIO:
		return mlk_virtio_id_by_name(grant->arg) != MLK_VIRTIO_ID_NONE;
	case MLK_GRANT_LOG:
	case MLK_GRANT_SYSTEM:
	case MLK_GRANT_BUNDLE:
	case MLK_GRANT_DEVTREE:
	case MLK_GRANT_CONTROL:
		return len == 0;
	default:
		return false;
	}
}

static bool service_ok(const struct mlk_manifest_service *svc)
{
	if (!name_field_ok(svc->name, sizeof(svc->name)))
		return false;
	if (svc->priority > MLK_PRIO_MAX || (svc->flags & ~MLK_SVC_FLAGS))
		return false;
	if (svc->ngrants > MLK_MANIFEST_MAX_GRANTS)
		return false;
	unsigned nvirtio = 0;
	for (uint32_t i = 0; i < svc->ngrants; i++) {
		if (!grant_ok(&svc->grants[i]))
			return false;
		nvirtio += svc->grants[i].kind == MLK_GRANT_VIRTIO;
	}
	/* One instance per device: of one kind only. */
	if (nvirtio > 1)
		return false;
	return string_field_ok(svc->args, sizeof(svc->args));
}

mlk_status_t mlk_manifest_check(const void *data, uint64_t size)
{
	const struct mlk_manifest_header *hdr = data;
	const struct mlk_manifest_service *svc;

	if (size < sizeof(*hdr) || hdr->magic != MLK_MANIFEST_MAGIC ||
	    hdr->version != MLK_MANIFEST_VERSION ||
	    hdr->entry_size != sizeof(*svc))
		return MLK_ERR_BAD_FORMAT;
	if (hdr->count > (size - sizeof(*hdr)) / sizeof(*svc))
		return MLK_ERR_BAD_FORMAT;
	svc = (const struct mlk_manifest_service *)(hdr + 1);
	for (uint32_t i = 0; i < hdr->count; i++) {
		if (!service_ok(&svc[i]))
			return MLK_ERR_BAD_FORMAT;
	}
	return MLK_OK;
}

/* ---- the bundle --------------------------------------------------------- */

static uint32_t header_checksum(const struct mlk_bundle_header *hdr)
{
	struct mlk_bundle_header copy;

	memcpy(&copy, hdr, sizeof(copy));
	copy.header_checksum = 0;
	return mlk_crc32(0, &copy, sizeof(copy));
}

static enum mlk_bundle_error check_header(const struct mlk_bundle_header *hdr,
					  uint64_t avail)
{
	if (avail < sizeof(*hdr))
		return MLK_BUNDLE_ERR_TRUNCATED;
	if (hdr->magic != MLK_BUNDLE_MAGIC)
		return MLK_BUNDLE_ERR_MAGIC;
	if (hdr->version != MLK_BUNDLE_VERSION)
		return MLK_BUNDLE_ERR_VERSION;
	if (hdr->header_size != sizeof(*hdr) ||
	    hdr->entry_size != sizeof(struct mlk_bundle_entry) ||
	    header_checksum(hdr) != hdr->header_checksum)
		return MLK_BUNDLE_ERR_HEADER;
	if (hdr->entry_count > MLK_BUNDLE_MAX_ENTRIES ||
	    hdr->total_size > MLK_BUNDLE_MAX_SIZE ||
	    hdr->total_size < table_end(hdr))
		return MLK_BUNDLE_ERR_HEADER;
	if (hdr->total_size > avail)
		return MLK_BUNDLE_ERR_TRUNCATED;
	return MLK_BUNDLE_OK;
}

static bool kind_known(uint32_t flags)
{
	/* Bits 8..31 are no flag yet: one we do not know could change how
	 * the data must be read, so it is not ignored. */
	if (flags & ~0xffu)
		return false;
	switch (MLK_BUNDLE_KIND(flags)) {
	case MLK_BUNDLE_INIT:
	case MLK_BUNDLE_SERVICE:
	case MLK_BUNDLE_FILE:
	case MLK_BUNDLE_MANIFEST:
		return true;
	default:
		return false;
	}
}

/* Page aligned, after the table, inside the bundle; no sum can wrap. */
static bool entry_in_bounds(const struct mlk_bundle_header *hdr,
			    const struct mlk_bundle_entry *e)
{
	return e->offset % MLK_BUNDLE_ALIGN == 0 &&
	       e->offset >= table_end(hdr) && e->offset <= hdr->total_size &&
	       e->size <= hdr->total_size - e->offset;
}

static bool entries_overlap(const struct mlk_bundle_entry *a,
			    const struct mlk_bundle_entry *b)
{
	return a->offset < b->offset + b->size &&
	       b->offset < a->offset + a->size;
}

/* Name, kind and bounds of entry i, then against entries 0..i-1. */
static enum mlk_bundle_error
check_entry_layout(const struct mlk_bundle_header *hdr,
		   const struct mlk_bundle_entry *ents, uint32_t i)
{
	const struct mlk_bundle_entry *e = &ents[i];

	if (!name_field_ok(e->name, sizeof(e->name)))
		return MLK_BUNDLE_ERR_NAME;
	if (!kind_known(e->flags))
		return MLK_BUNDLE_ERR_KIND;
	if (!entry_in_bounds(hdr, e))
		return MLK_BUNDLE_ERR_ENTRY;
	for (uint32_t j = 0; j < i; j++) {
		if (!memcmp(ents[j].name, e->name, sizeof(e->name)))
			return MLK_BUNDLE_ERR_NAME;
		if (entries_overlap(&ents[j], e))
			return MLK_BUNDLE_ERR_ENTRY;
	}
	return MLK_BUNDLE_OK;
}

static enum mlk_bundle_error check_entry(const void *bundle, uint32_t i,
					 uint32_t *inits, uint32_t *manifests)
{
	const struct mlk_bundle_header *hdr = header_of(bundle);
	const struct mlk_bundle_entry *e = &mlk_bundle_entries(bundle)[i];
	const void *data;
	enum mlk_bundle_error err;

	err = check_entry_layout(hdr, mlk_bundle_entries(bundle), i);
	if (err)
		return err;
	data = mlk_bundle_data(bundle, e);
	if (mlk_crc32(0, data, e->size) != e->checksum)
		return MLK_BUNDLE_ERR_CHECKSUM;
	switch (MLK_BUNDLE_KIND(e->flags)) {
	case MLK_BUNDLE_INIT:
		if (++*inits > 1)
			return MLK_BUNDLE_ERR_NO_INIT;
		break;
	case MLK_BUNDLE_MANIFEST:
		if (++*manifests > 1 || mlk_manifest_check(data, e->size))
			return MLK_BUNDLE_ERR_MANIFEST;
		break;
	}
	return MLK_BUNDLE_OK;
}

static enum mlk_bundle_error check_bundle(const void *data, uint64_t avail,
					  int32_t *bad_entry)
{
	const struct mlk_bundle_header *hdr = header_of(data);
	uint32_t inits = 0, manifests = 0;
	enum mlk_bundle_error err;

	err = check_header(hdr, avail);
	if (err)
		return err;
	if (mlk_crc32(0, mlk_bundle_entries(data),
		      (size_t)hdr->entry_count * hdr->entry_size) !=
	    hdr->table_checksum)
		return MLK_BUNDLE_ERR_TABLE;
	for (uint32_t i = 0; i < hdr->entry_count; i++) {
		err = check_entry(data, i, &inits, &manifests);
		if (err) {
			*bad_entry = (int32_t)i;
			return err;
		}
	}
	return inits == 1 ? MLK_BUNDLE_OK : MLK_BUNDLE_ERR_NO_INIT;
}

mlk_status_t mlk_bundle_check(const void *data, uint64_t avail,
			      struct mlk_bundle_diag *diag)
{
	struct mlk_bundle_diag d = { .entry = -1 };

	d.error = check_bundle(data, avail, &d.entry);
	if (diag)
		*diag = d;
	return d.error == MLK_BUNDLE_OK ? MLK_OK : MLK_ERR_BAD_FORMAT;
}

const struct mlk_bundle_entry *mlk_bundle_entries(const void *bundle)
{
	uint32_t table = header_of(bundle)->header_size;

	return (const void *)((const uint8_t *)bundle + table);
}

const struct mlk_bundle_entry *mlk_bundle_find(const void *bundle,
					       const char *name)
{
	const struct mlk_bundle_entry *ents = mlk_bundle_entries(bundle);
	size_t len = strnlen(name, MLK_BUNDLE_NAME_SIZE);

	if (len == 0 || len == MLK_BUNDLE_NAME_SIZE)
		return NULL;
	/* Names are NUL-padded, so comparing the terminator too is exact. */
	for (uint32_t i = 0; i < header_of(bundle)->entry_count; i++) {
		if (!memcmp(ents[i].name, name, len + 1))
			return &ents[i];
	}
	return NULL;
}

const void *mlk_bundle_data(const void *bundle,
			    const struct mlk_bundle_entry *entry)
{
	return (const uint8_t *)bundle + entry->offset;
}
