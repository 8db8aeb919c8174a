/*
 * Unit tests of the boot bundle checker (sdk/lib/bundle.c).
 *
 * A small builder lays out bundles in memory the way mlk-mkimage does;
 * each test then breaks one thing, reseals the checksums that would
 * otherwise hide it, and expects one exact error.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/bundle.h>
#include <mlk/syscall.h>

#define BUF_SIZE (64 * 4096)

static uint8_t buf[BUF_SIZE] __attribute__((aligned(4096)));
static uint64_t total;

struct spec {
	const char *name;
	uint32_t kind;
	const void *data;
	size_t size;
};

static struct mlk_bundle_header *hdr(void)
{
	return (struct mlk_bundle_header *)buf;
}

static struct mlk_bundle_entry *entry(int i)
{
	return (struct mlk_bundle_entry *)(buf + sizeof(*hdr())) + i;
}

static uint8_t *entry_data(int i)
{
	return buf + entry(i)->offset;
}

static uint64_t align_page(uint64_t x)
{
	return (x + 4095) & ~4095ull;
}

/* Recompute the table and header checksums after a change. */
static void reseal(void)
{
	hdr()->table_checksum =
		mlk_crc32(0, entry(0), hdr()->entry_count * sizeof(*entry(0)));
	hdr()->header_checksum = 0;
	hdr()->header_checksum = mlk_crc32(0, hdr(), sizeof(*hdr()));
}

/* ... and entry i's data checksum first. */
static void reseal_entry(int i)
{
	entry(i)->checksum = mlk_crc32(0, entry_data(i), entry(i)->size);
	reseal();
}

static void build(const struct spec *specs, int n)
{
	uint64_t pos = sizeof(struct mlk_bundle_header) +
		       n * sizeof(struct mlk_bundle_entry);

	memset(buf, 0, sizeof(buf));
	for (int i = 0; i < n; i++) {
		struct mlk_bundle_entry *e = entry(i);

		strncpy(e->name, specs[i].name, sizeof(e->name));
		e->offset = align_page(pos);
		e->size = specs[i].size;
		e->flags = specs[i].kind;
		ck_assert_uint_le(e->offset + e->size, sizeof(buf));
		memcpy(buf + e->offset, specs[i].data, specs[i].size);
		pos = e->offset + e->size;
		e->checksum = mlk_crc32(0, buf + e->offset, e->size);
	}
	hdr()->magic = MLK_BUNDLE_MAGIC;
	hdr()->version = MLK_BUNDLE_VERSION;
	hdr()->header_size = sizeof(struct mlk_bundle_header);
	hdr()->entry_size = sizeof(struct mlk_bundle_entry);
	hdr()->entry_count = n;
	hdr()->total_size = pos;
	total = pos;
	reseal();
}

/* A manifest with `count` services: "hello" with every kind of grant. */
static struct {
	struct mlk_manifest_header h;
	struct mlk_manifest_service s[2];
} manifest;

static void make_manifest(uint32_t count)
{
	memset(&manifest, 0, sizeof(manifest));
	manifest.h.magic = MLK_MANIFEST_MAGIC;
	manifest.h.version = MLK_MANIFEST_VERSION;
	manifest.h.count = count;
	manifest.h.entry_size = sizeof(struct mlk_manifest_service);
	for (uint32_t i = 0; i < 2; i++) {
		struct mlk_manifest_service *s = &manifest.s[i];

		strcpy(s->name, i ? "shell" : "hello");
		s->priority = MLK_PRIO_DEFAULT;
		s->flags = MLK_SVC_RESTART;
		s->quota = 1 << 20;
		s->ngrants = 5;
		s->grants[0].kind = MLK_GRANT_LOG;
		s->grants[1].kind = MLK_GRANT_SYSTEM;
		s->grants[2].kind = MLK_GRANT_BUNDLE;
		s->grants[3].kind = MLK_GRANT_DEVTREE;
		s->grants[4].kind = MLK_GRANT_DEVICE;
		strcpy(s->grants[4].arg, "arm,pl011");
		strcpy(s->args, "-v initfs:///etc/motd");
	}
}

static const char init_data[] = "\x7f"
				"ELF init, not checked here";
static const char hello_data[] = "\x7f"
				 "ELF hello";
static const char motd_data[] = "Welcome to MLK\n";

enum { INIT, HELLO, MOTD, MANIFEST, NSTD };

/* init, a service, a file and the manifest: what mlk-mkimage writes. */
static void build_standard(void)
{
	struct spec specs[NSTD] = {
		{ "init", MLK_BUNDLE_INIT, init_data, sizeof(init_data) },
		{ "hello", MLK_BUNDLE_SERVICE, hello_data, sizeof(hello_data) },
		{ "etc/motd", MLK_BUNDLE_FILE, motd_data, strlen(motd_data) },
		{ "manifest", MLK_BUNDLE_MANIFEST, &manifest,
		  sizeof(manifest.h) + sizeof(manifest.s[0]) },
	};

	make_manifest(1);
	build(specs, NSTD);
}

/* The reason mlk_bundle_check gives for len bytes of buf, after checking
 * that its status agrees (MLK_OK with no reason, MLK_ERR_BAD_FORMAT with
 * one); *bad (if not NULL) gets the entry at fault. */
static int bundle_error(uint64_t len, int *bad)
{
	struct mlk_bundle_diag diag;
	mlk_status_t st = mlk_bundle_check(buf, len, &diag);

	ck_assert_int_eq(st, diag.error == MLK_BUNDLE_OK ? MLK_OK
							 : MLK_ERR_BAD_FORMAT);
	ck_assert_int_eq(mlk_bundle_check(buf, len, NULL), st);
	if (bad)
		*bad = diag.entry;
	return (int)diag.error;
}

static int check(int *bad)
{
	return bundle_error(total, bad);
}

static void expect(int err, int bad_entry)
{
	int bad = 12345;

	ck_assert_int_eq(check(&bad), err);
	ck_assert_int_eq(bad, bad_entry);
}

/* ---- CRC-32 -------------------------------------------------------------- */

START_TEST(crc32_known_vectors)
{
	static const char fox[] = "The quick brown fox jumps over the lazy dog";

	ck_assert_uint_eq(mlk_crc32(0, "", 0), 0);
	ck_assert_uint_eq(mlk_crc32(0, "123456789", 9), 0xcbf43926);
	ck_assert_uint_eq(mlk_crc32(0, "a", 1), 0xe8b7be43);
	ck_assert_uint_eq(mlk_crc32(0, "abc", 3), 0x352441c2);
	ck_assert_uint_eq(mlk_crc32(0, fox, strlen(fox)), 0x414fa339);
}
END_TEST

START_TEST(crc32_in_pieces)
{
	uint32_t crc = mlk_crc32(0, "1234", 4);

	ck_assert_uint_eq(mlk_crc32(crc, "56789", 5), 0xcbf43926);
}
END_TEST

START_TEST(crc32_zero_bytes)
{
	static const uint8_t zeros[32];

	/* A value zlib's crc32() gives: the table is right for every bit. */
	ck_assert_uint_eq(mlk_crc32(0, zeros, sizeof(zeros)), 0x190a55ad);
	ck_assert_uint_eq(mlk_crc32(0, "\xff\xff\xff\xff", 4), 0xffffffff);
}
END_TEST

/* ---- a good bundle ------------------------------------------------------- */

START_TEST(standard_bundle_passes)
{
	build_standard();
	expect(MLK_BUNDLE_OK, -1);
	ck_assert_int_eq(bundle_error(total, NULL), MLK_BUNDLE_OK);
}
END_TEST

START_TEST(more_room_than_needed_passes)
{
	build_standard();
	ck_assert_int_eq(bundle_error(sizeof(buf), NULL), MLK_BUNDLE_OK);
}
END_TEST

START_TEST(truncated_at_every_length)
{
	build_standard();
	for (uint64_t len = 0; len < total; len++)
		ck_assert_int_eq(bundle_error(len, NULL),
				 MLK_BUNDLE_ERR_TRUNCATED);
}
END_TEST

START_TEST(empty_entries_pass)
{
	struct spec specs[] = {
		{ "init", MLK_BUNDLE_INIT, init_data, sizeof(init_data) },
		{ "empty1", MLK_BUNDLE_FILE, "", 0 },
		{ "empty2", MLK_BUNDLE_FILE, "", 0 },
	};

	build(specs, 3);
	ck_assert_uint_eq(entry(1)->offset, entry(2)->offset);
	expect(MLK_BUNDLE_OK, -1);
}
END_TEST

START_TEST(longest_name_passes)
{
	char name[MLK_BUNDLE_NAME_SIZE];
	struct spec specs[] = {
		{ "init", MLK_BUNDLE_INIT, init_data, sizeof(init_data) },
		{ name, MLK_BUNDLE_FILE, "x", 1 },
	};

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	build(specs, 2);
	expect(MLK_BUNDLE_OK, -1);
	ck_assert_ptr_eq(mlk_bundle_find(buf, name), entry(1));
}
END_TEST

/* MLK_BUNDLE_MAX_ENTRIES entries pass, one more is a header error. */
static void build_many(int n)
{
	static struct spec specs[MLK_BUNDLE_MAX_ENTRIES + 1];
	static char names[MLK_BUNDLE_MAX_ENTRIES + 1][16];

	specs[0] = (struct spec){ "init", MLK_BUNDLE_INIT, init_data,
				  sizeof(init_data) };
	for (int i = 1; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "f%d", i);
		specs[i] = (struct spec){ names[i], MLK_BUNDLE_FILE, "", 0 };
	}
	build(specs, n);
}

START_TEST(max_entries)
{
	build_many(MLK_BUNDLE_MAX_ENTRIES);
	expect(MLK_BUNDLE_OK, -1);
	build_many(MLK_BUNDLE_MAX_ENTRIES + 1);
	expect(MLK_BUNDLE_ERR_HEADER, -1);
}
END_TEST

/* ---- the header ---------------------------------------------------------- */

START_TEST(bad_magic)
{
	build_standard();
	hdr()->magic ^= 1;
	expect(MLK_BUNDLE_ERR_MAGIC, -1);
}
END_TEST

START_TEST(bad_version)
{
	build_standard();
	hdr()->version = MLK_BUNDLE_VERSION + 1;
	reseal();
	expect(MLK_BUNDLE_ERR_VERSION, -1);
}
END_TEST

START_TEST(bad_header_size)
{
	build_standard();
	hdr()->header_size = sizeof(struct mlk_bundle_header) + 8;
	reseal();
	expect(MLK_BUNDLE_ERR_HEADER, -1);
}
END_TEST

START_TEST(bad_entry_size)
{
	build_standard();
	hdr()->entry_size = sizeof(struct mlk_bundle_entry) - 8;
	reseal();
	expect(MLK_BUNDLE_ERR_HEADER, -1);
}
END_TEST

START_TEST(bad_header_checksum)
{
	build_standard();
	hdr()->header_checksum ^= 0x100;
	expect(MLK_BUNDLE_ERR_HEADER, -1);
}
END_TEST

START_TEST(header_change_without_reseal)
{
	build_standard();
	hdr()->total_size -= 1;
	expect(MLK_BUNDLE_ERR_HEADER, -1);
}
END_TEST

START_TEST(too_many_entries_in_header)
{
	build_standard();
	hdr()->entry_count = MLK_BUNDLE_MAX_ENTRIES + 1;
	total = sizeof(buf);
	hdr()->total_size = total;
	reseal();
	expect(MLK_BUNDLE_ERR_HEADER, -1);
}
END_TEST

START_TEST(total_size_over_max)
{
	build_standard();
	hdr()->total_size = MLK_BUNDLE_MAX_SIZE + 4096;
	reseal();
	ck_assert_int_eq(bundle_error(UINT64_MAX, NULL), MLK_BUNDLE_ERR_HEADER);
}
END_TEST

START_TEST(total_size_inside_table)
{
	build_standard();
	hdr()->total_size = sizeof(struct mlk_bundle_header) + 10;
	reseal();
	expect(MLK_BUNDLE_ERR_HEADER, -1);
}
END_TEST

START_TEST(total_size_beyond_avail)
{
	build_standard();
	hdr()->total_size = total + 1;
	reseal();
	expect(MLK_BUNDLE_ERR_TRUNCATED, -1);
}
END_TEST

START_TEST(bad_table_checksum)
{
	build_standard();
	entry(HELLO)->flags = MLK_BUNDLE_FILE;
	expect(MLK_BUNDLE_ERR_TABLE, -1);
}
END_TEST

/* ---- entries ------------------------------------------------------------- */

START_TEST(entry_offset_misaligned)
{
	build_standard();
	entry(MOTD)->offset += 8;
	reseal();
	expect(MLK_BUNDLE_ERR_ENTRY, MOTD);
}
END_TEST

START_TEST(entry_offset_in_table)
{
	build_standard();
	entry(HELLO)->offset = 0;
	reseal();
	expect(MLK_BUNDLE_ERR_ENTRY, HELLO);
}
END_TEST

START_TEST(entry_beyond_total)
{
	build_standard();
	entry(MANIFEST)->size += 1;
	reseal();
	expect(MLK_BUNDLE_ERR_ENTRY, MANIFEST);
}
END_TEST

START_TEST(entry_offset_beyond_total)
{
	build_standard();
	entry(MOTD)->offset = align_page(total) + 4096;
	entry(MOTD)->size = 0;
	reseal();
	expect(MLK_BUNDLE_ERR_ENTRY, MOTD);
}
END_TEST

START_TEST(entry_size_wraps)
{
	build_standard();
	entry(MOTD)->size = UINT64_MAX - entry(MOTD)->offset + 2;
	reseal();
	expect(MLK_BUNDLE_ERR_ENTRY, MOTD);
	entry(MOTD)->size = UINT64_MAX;
	reseal();
	expect(MLK_BUNDLE_ERR_ENTRY, MOTD);
}
END_TEST

START_TEST(entries_overlap)
{
	build_standard();
	entry(MOTD)->offset = entry(HELLO)->offset;
	reseal_entry(MOTD);
	expect(MLK_BUNDLE_ERR_ENTRY, MOTD);
}
END_TEST

START_TEST(entries_touching_pass)
{
	struct spec specs[] = {
		{ "init", MLK_BUNDLE_INIT, init_data, sizeof(init_data) },
		{ "page", MLK_BUNDLE_FILE, NULL, 4096 },
		{ "next", MLK_BUNDLE_FILE, "x", 1 },
	};
	static uint8_t page[4096];

	specs[1].data = page;
	build(specs, 3);
	ck_assert_uint_eq(entry(1)->offset + 4096, entry(2)->offset);
	expect(MLK_BUNDLE_OK, -1);
}
END_TEST

START_TEST(entry_name_empty)
{
	build_standard();
	memset(entry(MOTD)->name, 0, sizeof(entry(MOTD)->name));
	reseal();
	expect(MLK_BUNDLE_ERR_NAME, MOTD);
}
END_TEST

START_TEST(entry_name_unterminated)
{
	build_standard();
	memset(entry(HELLO)->name, 'x', sizeof(entry(HELLO)->name));
	reseal();
	expect(MLK_BUNDLE_ERR_NAME, HELLO);
}
END_TEST

START_TEST(entry_name_not_padded)
{
	build_standard();
	entry(HELLO)->name[MLK_BUNDLE_NAME_SIZE - 1] = 'x';
	reseal();
	expect(MLK_BUNDLE_ERR_NAME, HELLO);
}
END_TEST

START_TEST(entry_name_duplicate)
{
	build_standard();
	strcpy(entry(MOTD)->name, "hello");
	reseal();
	expect(MLK_BUNDLE_ERR_NAME, MOTD);
}
END_TEST

START_TEST(entry_kind_unknown)
{
	static const uint32_t kinds[] = { 0, 5, 0xff, MLK_BUNDLE_FILE | 0x100,
					  MLK_BUNDLE_FILE | 0x80000000u };

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		build_standard();
		entry(MOTD)->flags = kinds[i];
		reseal();
		expect(MLK_BUNDLE_ERR_KIND, MOTD);
	}
}
END_TEST

START_TEST(entry_data_checksum)
{
	build_standard();
	entry_data(MOTD)[3] ^= 0x20;
	expect(MLK_BUNDLE_ERR_CHECKSUM, MOTD);
}
END_TEST

START_TEST(entry_checksum_field)
{
	build_standard();
	entry(INIT)->checksum ^= 1;
	reseal();
	expect(MLK_BUNDLE_ERR_CHECKSUM, INIT);
}
END_TEST

START_TEST(no_init)
{
	build_standard();
	entry(INIT)->flags = MLK_BUNDLE_SERVICE;
	reseal();
	expect(MLK_BUNDLE_ERR_NO_INIT, -1);
}
END_TEST

START_TEST(no_entries)
{
	build(NULL, 0);
	expect(MLK_BUNDLE_ERR_NO_INIT, -1);
}
END_TEST

START_TEST(two_inits)
{
	build_standard();
	entry(HELLO)->flags = MLK_BUNDLE_INIT;
	reseal();
	expect(MLK_BUNDLE_ERR_NO_INIT, HELLO);
}
END_TEST

START_TEST(two_manifests)
{
	struct spec specs[] = {
		{ "init", MLK_BUNDLE_INIT, init_data, sizeof(init_data) },
		{ "manifest", MLK_BUNDLE_MANIFEST, &manifest,
		  sizeof(manifest) },
		{ "manifest2", MLK_BUNDLE_MANIFEST, &manifest,
		  sizeof(manifest) },
	};

	make_manifest(2);
	build(specs, 3);
	expect(MLK_BUNDLE_ERR_MANIFEST, 2);
}
END_TEST

START_TEST(bad_manifest_in_bundle)
{
	build_standard();
	((struct mlk_manifest_header *)entry_data(MANIFEST))->count = 2;
	reseal_entry(MANIFEST);
	expect(MLK_BUNDLE_ERR_MANIFEST, MANIFEST);
}
END_TEST

START_TEST(no_manifest_passes)
{
	struct spec specs[] = {
		{ "init", MLK_BUNDLE_INIT, init_data, sizeof(init_data) },
	};

	build(specs, 1);
	expect(MLK_BUNDLE_OK, -1);
}
END_TEST

/* ---- strerror ------------------------------------------------------------ */

START_TEST(strerror_distinct)
{
	for (int a = MLK_BUNDLE_OK; a <= MLK_BUNDLE_ERR_MANIFEST; a++) {
		const char *s = mlk_bundle_strerror(a);

		ck_assert_ptr_nonnull(s);
		ck_assert(s[0] >= 'a' && s[0] <= 'z');
		ck_assert_ptr_null(strchr(s, '\n'));
		for (int b = MLK_BUNDLE_OK; b < a; b++)
			ck_assert_str_ne(s, mlk_bundle_strerror(b));
	}
	ck_assert_str_eq(mlk_bundle_strerror(MLK_BUNDLE_ERR_MANIFEST + 1),
			 "unknown bundle error");
	ck_assert_str_eq(mlk_bundle_strerror(-1), "unknown bundle error");
	ck_assert_str_eq(mlk_bundle_strerror(MLK_BUNDLE_ERR_CHECKSUM),
			 "entry data checksum mismatch");
}
END_TEST

/* ---- accessors ----------------------------------------------------------- */

START_TEST(entries_and_data)
{
	const struct mlk_bundle_entry *ents;

	build_standard();
	ents = mlk_bundle_entries(buf);
	ck_assert_ptr_eq(ents, entry(0));
	ck_assert_str_eq(ents[MOTD].name, "etc/motd");
	ck_assert_mem_eq(mlk_bundle_data(buf, &ents[MOTD]), motd_data,
			 strlen(motd_data));
	ck_assert_mem_eq(mlk_bundle_data(buf, &ents[INIT]), init_data,
			 sizeof(init_data));
}
END_TEST

START_TEST(find_by_name)
{
	build_standard();
	ck_assert_ptr_eq(mlk_bundle_find(buf, "init"), entry(INIT));
	ck_assert_ptr_eq(mlk_bundle_find(buf, "hello"), entry(HELLO));
	ck_assert_ptr_eq(mlk_bundle_find(buf, "etc/motd"), entry(MOTD));
	ck_assert_ptr_eq(mlk_bundle_find(buf, "manifest"), entry(MANIFEST));
	ck_assert_ptr_null(mlk_bundle_find(buf, "hell"));
	ck_assert_ptr_null(mlk_bundle_find(buf, "hello2"));
	ck_assert_ptr_null(mlk_bundle_find(buf, ""));
	ck_assert_ptr_null(mlk_bundle_find(
		buf, "a-name-longer-than-the-field-can-ever-hold-at-all"));
}
END_TEST

/* ---- the manifest -------------------------------------------------------- */

static mlk_status_t check_manifest(void)
{
	return mlk_manifest_check(
		&manifest,
		sizeof(manifest.h) + manifest.h.count * sizeof(manifest.s[0]));
}

START_TEST(manifest_good)
{
	make_manifest(2);
	ck_assert_int_eq(check_manifest(), MLK_OK);
	make_manifest(0);
	ck_assert_int_eq(check_manifest(), MLK_OK);
	/* Room to spare is fine. */
	make_manifest(1);
	ck_assert_int_eq(mlk_manifest_check(&manifest, sizeof(manifest)),
			 MLK_OK);
}
END_TEST

START_TEST(manifest_too_short)
{
	make_manifest(0);
	for (uint64_t n = 0; n < sizeof(manifest.h); n++)
		ck_assert_int_eq(mlk_manifest_check(&manifest, n),
				 MLK_ERR_BAD_FORMAT);
	make_manifest(2);
	ck_assert_int_eq(mlk_manifest_check(&manifest, sizeof(manifest) - 1),
			 MLK_ERR_BAD_FORMAT);
}
END_TEST

START_TEST(manifest_header_fields)
{
	make_manifest(1);
	manifest.h.magic ^= 1;
	ck_assert_int_eq(check_manifest(), MLK_ERR_BAD_FORMAT);
	make_manifest(1);
	manifest.h.version = MLK_MANIFEST_VERSION + 1;
	ck_assert_int_eq(check_manifest(), MLK_ERR_BAD_FORMAT);
	make_manifest(1);
	manifest.h.entry_size = sizeof(manifest.s[0]) + 8;
	ck_assert_int_eq(check_manifest(), MLK_ERR_BAD_FORMAT);
}
END_TEST

START_TEST(manifest_count_overflow)
{
	make_manifest(1);
	manifest.h.count = UINT32_MAX;
	ck_assert_int_eq(mlk_manifest_check(&manifest, sizeof(manifest)),
			 MLK_ERR_BAD_FORMAT);
}
END_TEST

/* Break service 1 with `breakit`, expect the manifest to be refused. */
#define EXPECT_BAD_SERVICE(breakit)                                            \
	do {                                                                   \
		struct mlk_manifest_service *s = &manifest.s[1];               \
		make_manifest(2);                                              \
		breakit;                                                       \
		ck_assert_int_eq(check_manifest(), MLK_ERR_BAD_FORMAT);        \
		(void)s;                                                       \
	} while (0)

START_TEST(manifest_priority)
{
	make_manifest(2);
	manifest.s[1].priority = MLK_PRIO_MAX;
	ck_assert_int_eq(check_manifest(), MLK_OK);
	manifest.s[1].priority = MLK_PRIO_MIN;
	ck_assert_int_eq(check_manifest(), MLK_OK);
	EXPECT_BAD_SERVICE(s->priority = MLK_PRIO_MAX + 1);
	EXPECT_BAD_SERVICE(s->priority = UINT32_MAX);
}
END_TEST

START_TEST(manifest_flags)
{
	make_manifest(2);
	manifest.s[1].flags = MLK_SVC_FLAGS;
	ck_assert_int_eq(check_manifest(), MLK_OK);
	EXPECT_BAD_SERVICE(s->flags = MLK_SVC_FLAGS + 1);
	EXPECT_BAD_SERVICE(s->flags = 1u << 31);
}
END_TEST

START_TEST(manifest_service_name)
{
	EXPECT_BAD_SERVICE(memset(s->name, 0, sizeof(s->name)));
	EXPECT_BAD_SERVICE(memset(s->name, 'a', sizeof(s->name)));
	EXPECT_BAD_SERVICE(s->name[sizeof(s->name) - 1] = 'a');
}
END_TEST

START_TEST(manifest_grants)
{
	make_manifest(2);
	manifest.s[1].ngrants = MLK_MANIFEST_MAX_GRANTS;
	for (int i = 5; i < MLK_MANIFEST_MAX_GRANTS; i++)
		manifest.s[1].grants[i].kind = MLK_GRANT_LOG;
	manifest.s[1].grants[5].kind = MLK_GRANT_CONTROL;
	ck_assert_int_eq(check_manifest(), MLK_OK);
	EXPECT_BAD_SERVICE((s->grants[0].kind = MLK_GRANT_CONTROL,
			    strcpy(s->grants[0].arg, "x")));
	EXPECT_BAD_SERVICE(s->ngrants = MLK_MANIFEST_MAX_GRANTS + 1);
	EXPECT_BAD_SERVICE(s->grants[0].kind = 0);
	EXPECT_BAD_SERVICE(s->grants[0].kind = MLK_GRANT_VIRTIO + 1);
	EXPECT_BAD_SERVICE(s->grants[4].arg[0] = '\0');
	EXPECT_BAD_SERVICE(strcpy(s->grants[0].arg, "x"));
	EXPECT_BAD_SERVICE(
		memset(s->grants[4].arg, 'a', sizeof(s->grants[4].arg)));
	EXPECT_BAD_SERVICE(s->grants[2].reserved = 1);
}
END_TEST

/* grant=virtio=TYPE: a type the table knows, and one such grant at most
 * (init starts one instance of the service per device of that type). */
START_TEST(manifest_virtio_grant)
{
	make_manifest(2);
	manifest.s[1].ngrants = 6;
	manifest.s[1].grants[5].kind = MLK_GRANT_VIRTIO;
	strcpy(manifest.s[1].grants[5].arg, "blk");
	ck_assert_int_eq(check_manifest(), MLK_OK);
	strcpy(manifest.s[1].grants[5].arg, "rng");
	ck_assert_int_eq(check_manifest(), MLK_OK);
	EXPECT_BAD_SERVICE(
		(s->ngrants = 6, s->grants[5].kind = MLK_GRANT_VIRTIO));
	EXPECT_BAD_SERVICE((s->ngrants = 6,
			    s->grants[5].kind = MLK_GRANT_VIRTIO,
			    strcpy(s->grants[5].arg, "floppy")));
	EXPECT_BAD_SERVICE((s->ngrants = 7,
			    s->grants[5].kind = MLK_GRANT_VIRTIO,
			    strcpy(s->grants[5].arg, "blk"),
			    s->grants[6].kind = MLK_GRANT_VIRTIO,
			    strcpy(s->grants[6].arg, "rng")));
}
END_TEST

START_TEST(manifest_grants_beyond_count_ignored)
{
	make_manifest(2);
	manifest.s[1].ngrants = 1;
	manifest.s[1].grants[3].kind = 99;
	ck_assert_int_eq(check_manifest(), MLK_OK);
}
END_TEST

/* give_up was a reserved field that had to be zero; any count is one. */
START_TEST(manifest_args_and_give_up)
{
	EXPECT_BAD_SERVICE(memset(s->args, 'a', sizeof(s->args)));
	make_manifest(2);
	manifest.s[0].give_up = 1;
	manifest.s[1].give_up = UINT32_MAX;
	ck_assert_int_eq(check_manifest(), MLK_OK);
	memset(manifest.s[1].args, 'a', sizeof(manifest.s[1].args) - 1);
	ck_assert_int_eq(check_manifest(), MLK_OK);
}
END_TEST

static Suite *bundle_suite(void)
{
	Suite *s = suite_create("bundle");
	TCase *crc = tcase_create("crc32");
	TCase *good = tcase_create("good");
	TCase *header = tcase_create("header");
	TCase *entries = tcase_create("entries");
	TCase *access = tcase_create("access");
	TCase *mf = tcase_create("manifest");

	tcase_add_test(crc, crc32_known_vectors);
	tcase_add_test(crc, crc32_in_pieces);
	tcase_add_test(crc, crc32_zero_bytes);
	tcase_add_test(good, standard_bundle_passes);
	tcase_add_test(good, more_room_than_needed_passes);
	tcase_add_test(good, truncated_at_every_length);
	tcase_add_test(good, empty_entries_pass);
	tcase_add_test(good, longest_name_passes);
	tcase_add_test(good, max_entries);
	tcase_add_test(good, no_manifest_passes);
	tcase_add_test(good, entries_touching_pass);
	tcase_add_test(header, bad_magic);
	tcase_add_test(header, bad_version);
	tcase_add_test(header, bad_header_size);
	tcase_add_test(header, bad_entry_size);
	tcase_add_test(header, bad_header_checksum);
	tcase_add_test(header, header_change_without_reseal);
	tcase_add_test(header, too_many_entries_in_header);
	tcase_add_test(header, total_size_over_max);
	tcase_add_test(header, total_size_inside_table);
	tcase_add_test(header, total_size_beyond_avail);
	tcase_add_test(header, bad_table_checksum);
	tcase_add_test(entries, entry_offset_misaligned);
	tcase_add_test(entries, entry_offset_in_table);
	tcase_add_test(entries, entry_beyond_total);
	tcase_add_test(entries, entry_offset_beyond_total);
	tcase_add_test(entries, entry_size_wraps);
	tcase_add_test(entries, entries_overlap);
	tcase_add_test(entries, entry_name_empty);
	tcase_add_test(entries, entry_name_unterminated);
	tcase_add_test(entries, entry_name_not_padded);
	tcase_add_test(entries, entry_name_duplicate);
	tcase_add_test(entries, entry_kind_unknown);
	tcase_add_test(entries, entry_data_checksum);
	tcase_add_test(entries, entry_checksum_field);
	tcase_add_test(entries, no_init);
	tcase_add_test(entries, no_entries);
	tcase_add_test(entries, two_inits);
	tcase_add_test(entries, two_manifests);
	tcase_add_test(entries, bad_manifest_in_bundle);
	tcase_add_test(access, strerror_distinct);
	tcase_add_test(access, entries_and_data);
	tcase_add_test(access, find_by_name);
	tcase_add_test(mf, manifest_good);
	tcase_add_test(mf, manifest_too_short);
	tcase_add_test(mf, manifest_header_fields);
	tcase_add_test(mf, manifest_count_overflow);
	tcase_add_test(mf, manifest_priority);
	tcase_add_test(mf, manifest_flags);
	tcase_add_test(mf, manifest_service_name);
	tcase_add_test(mf, manifest_grants);
	tcase_add_test(mf, manifest_virtio_grant);
	tcase_add_test(mf, manifest_grants_beyond_count_ignored);
	tcase_add_test(mf, manifest_args_and_give_up);
	suite_add_tcase(s, crc);
	suite_add_tcase(s, good);
	suite_add_tcase(s, header);
	suite_add_tcase(s, entries);
	suite_add_tcase(s, access);
	suite_add_tcase(s, mf);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(bundle_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
