/*
 * Unit tests of the partition table reader (libmlk/partition.c): tables
 * sfdisk writes (MBR and GPT), and hand-made ones broken in each way the
 * reader must refuse.  The disk is memory here, read through the same
 * callback mlk_block_partitions gives it.
 */
#include <mlk/block.h>
#include <mlk/bundle.h>

#include "unit.h"

#define SECTOR 512
#define DISK_SECTORS 16384 /* 8 MiB */

struct disk {
	uint8_t data[DISK_SECTORS * SECTOR];
	uint64_t sectors;
	int64_t bad_sector; /* reading it fails (-1: none) */
};

static struct disk disk;
static struct mlk_partition parts[MLK_PARTITION_MAX];
static unsigned nparts;
static enum mlk_partition_scheme scheme;

static mlk_status_t disk_read(void *ctx, uint64_t sector, uint32_t count,
			      void *buf)
{
	struct disk *d = ctx;

	if (sector >= d->sectors || count > d->sectors - sector)
		return MLK_ERR_BAD_ARG(1);
	if (d->bad_sector >= 0 && (uint64_t)d->bad_sector >= sector &&
	    (uint64_t)d->bad_sector < sector + count)
		return MLK_ERR_IO;
	memcpy(buf, d->data + sector * SECTOR, (size_t)count * SECTOR);
	return MLK_OK;
}

static mlk_status_t read_table(unsigned max)
{
	return mlk_partitions_read(disk_read, &disk, SECTOR, disk.sectors,
				   parts, max, &nparts, &scheme);
}

static void blank_disk(void)
{
	memset(disk.data, 0, sizeof(disk.data));
	disk.sectors = DISK_SECTORS;
	disk.bad_sector = -1;
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

/* ---- MBR ------------------------------------------------------------------
 */

static void mbr_entry(int i, uint8_t boot, uint8_t type, uint32_t start,
		      uint32_t count)
{
	uint8_t *e = disk.data + 446 + 16 * i;

	e[0] = boot;
	e[4] = type;
	put32(e + 8, start);
	put32(e + 12, count);
	disk.data[510] = 0x55;
	disk.data[511] = 0xaa;
}

static void expect_part(unsigned i, uint64_t start, uint64_t count,
			uint8_t type, uint32_t index)
{
	ck_assert_uint_gt(nparts, i);
	ck_assert_uint_eq(parts[i].start, start);
	ck_assert_uint_eq(parts[i].count, count);
	ck_assert_uint_eq(parts[i].type, type);
	ck_assert_uint_eq(parts[i].index, index);
}

START_TEST(mbr_primary_entries_in_table_order)
{
	blank_disk();
	mbr_entry(0, 0x80, 0x0c, 2048, 4096);
	mbr_entry(2, 0x00, 0x83, 8192, 1024); /* entry 1 empty */
	mbr_entry(3, 0x00, 0x05, 9216, 100);  /* an extended one: listed */
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_OK);
	ck_assert_int_eq(scheme, MLK_PARTITION_MBR);
	ck_assert_uint_eq(nparts, 3);
	expect_part(0, 2048, 4096, 0x0c, 0);
	expect_part(1, 8192, 1024, 0x83, 2);
	expect_part(2, 9216, 100, 0x05, 3);
	ck_assert_uint_eq(parts[0].type_guid[0], 0);
}
END_TEST

START_TEST(mbr_without_table)
{
	blank_disk();
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_ERR_NOT_FOUND);
	ck_assert_uint_eq(nparts, 0);
	/* The signature alone, no entries: a table with nothing in it. */
	mbr_entry(0, 0, 0, 0, 0);
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_OK);
	ck_assert_uint_eq(nparts, 0);
	/* A file system's boot sector has code where the entries are. */
	blank_disk();
	mbr_entry(0, 0x0e, 0x1f, 0xbe7c, 0xac22);
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_ERR_NOT_FOUND);
	/* A disk of one sector holds no table. */
	blank_disk();
	mbr_entry(0, 0, 0x0c, 1, 1);
	disk.sectors = 1;
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_ERR_NOT_FOUND);
}
END_TEST

START_TEST(mbr_bad_entries)
{
	blank_disk();
	mbr_entry(0, 0, 0x0c, 2048, DISK_SECTORS); /* past the end */
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_ERR_BAD_FORMAT);
	ck_assert_uint_eq(nparts, 0);
	blank_disk();
	mbr_entry(0, 0, 0x0c, DISK_SECTORS, 1); /* starts past the end */
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_ERR_BAD_FORMAT);
	blank_disk();
	mbr_entry(0, 0, 0x0c, 0, 100); /* over the table itself */
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_ERR_BAD_FORMAT);
	blank_disk();
	mbr_entry(0, 0, 0x0c, 100, 0); /* empty */
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_ERR_BAD_FORMAT);
	blank_disk();
	mbr_entry(0, 0, 0x0c, 100, 200);
	mbr_entry(1, 0, 0x83, 299, 10); /* overlaps the first */
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_ERR_BAD_FORMAT);
	blank_disk();
	mbr_entry(0, 0, 0x0c, 100, 200);
	mbr_entry(1, 0, 0x83, 300, 10); /* right after it: fine */
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_OK);
	ck_assert_int_eq(read_table(1), MLK_ERR_TOO_BIG);
	ck_assert_uint_eq(nparts, 0);
}
END_TEST

START_TEST(read_errors_and_bad_sector_sizes)
{
	blank_disk();
	mbr_entry(0, 0, 0x0c, 2048, 4096);
	disk.bad_sector = 0;
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_ERR_IO);
	ck_assert_int_eq(mlk_partitions_read(disk_read, &disk, 256, 100, parts,
					     4, &nparts, &scheme),
			 MLK_ERR_BAD_ARG(2));
	ck_assert_int_eq(mlk_partitions_read(disk_read, &disk, 768, 100, parts,
					     4, &nparts, &scheme),
			 MLK_ERR_BAD_ARG(2));
	ck_assert_int_eq(mlk_partitions_read(disk_read, &disk, 8192, 100, parts,
					     4, &nparts, &scheme),
			 MLK_ERR_BAD_ARG(2));
}
END_TEST

/* ---- GPT ------------------------------------------------------------------
 */

#define GPT_ENTRIES_LBA 2
#define GPT_NENTRIES 128
#define GPT_ENTRY_SIZE 128

static const uint8_t basic_data_guid[16] = { 0xa2, 0xa0, 0xd0, 0xeb, 0xe5, 0xb9,
					     0x33, 0x44, 0x87, 0xc0, 0x68, 0xb6,
					     0xb7, 0x26, 0x99, 0xc7 };

static uint8_t *gpt_entry_at(unsigned i)
{
	return disk.data + GPT_ENTRIES_LBA * SECTOR + i * GPT_ENTRY_SIZE;
}

static void gpt_entry(unsigned i, uint64_t first, uint64_t last)
{
	uint8_t *e = gpt_entry_at(i);

	memcpy(e, basic_data_guid, 16);
	e[16] = (uint8_t)(i + 1); /* a unique GUID of sorts */
	put64(e + 32, first);
	put64(e + 40, last);
}

/* The header's and the entries' checksums, after any change. */
static void gpt_seal(void)
{
	uint8_t *h = disk.data + SECTOR;

	put32(h + 88,
	      mlk_crc32(0, gpt_entry_at(0), GPT_NENTRIES * GPT_ENTRY_SIZE));
	put32(h + 16, 0);
	put32(h + 16, mlk_crc32(0, h, 92));
}

/* A protective MBR and a header for an array of 128 entries at LBA 2. */
static void gpt_disk(void)
{
	uint8_t *h = disk.data + SECTOR;

	blank_disk();
	mbr_entry(0, 0, 0xee, 1, DISK_SECTORS - 1);
	memcpy(h, "EFI PART", 8);
	put32(h + 8, 0x00010000);
	put32(h + 12, 92);
	put64(h + 24, 1);
	put64(h + 32, DISK_SECTORS - 1);
	put64(h + 40, 34);
	put64(h + 48, DISK_SECTORS - 34);
	put64(h + 72, GPT_ENTRIES_LBA);
	put32(h + 80, GPT_NENTRIES);
	put32(h + 84, GPT_ENTRY_SIZE);
	gpt_entry(0, 2048, 6143);
	gpt_entry(5, 8192, 8192); /* one sector, entry 5 */
	gpt_seal();
}

START_TEST(gpt_entries_in_table_order)
{
	gpt_disk();
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_OK);
	ck_assert_int_eq(scheme, MLK_PARTITION_GPT);
	ck_assert_uint_eq(nparts, 2);
	expect_part(0, 2048, 4096, 0, 0);
	expect_part(1, 8192, 1, 0, 5);
	ck_assert_mem_eq(parts[1].type_guid, basic_data_guid, 16);
}
END_TEST

/* Break the sealed table with `breakit`, re-seal it if `reseal`, and
 * expect it refused. */
#define EXPECT_BAD_GPT(breakit, reseal)                                        \
	do {                                                                   \
		uint8_t *h = disk.data + SECTOR;                               \
		gpt_disk();                                                    \
		breakit;                                                       \
		if (reseal)                                                    \
			gpt_seal();                                            \
		ck_assert_int_eq(read_table(MLK_PARTITION_MAX),                \
				 MLK_ERR_BAD_FORMAT);                          \
		ck_assert_uint_eq(nparts, 0);                                  \
		(void)h;                                                       \
	} while (0)

START_TEST(gpt_checksums)
{
	EXPECT_BAD_GPT(h[40] ^= 1, false);		 /* header changed */
	EXPECT_BAD_GPT(gpt_entry_at(0)[33] ^= 1, false); /* an entry changed */
	EXPECT_BAD_GPT(h[88] ^= 1, false);		 /* the entries' CRC */
}
END_TEST

START_TEST(gpt_bad_header)
{
	EXPECT_BAD_GPT(h[0] = 'X', true);
	EXPECT_BAD_GPT(put32(h + 12, 91), true);	 /* header too small */
	EXPECT_BAD_GPT(put32(h + 12, SECTOR + 1), true); /* too big */
	EXPECT_BAD_GPT(put64(h + 24, 2), true);		 /* not where it is */
	EXPECT_BAD_GPT(put64(h + 48, DISK_SECTORS), true); /* past the end */
	EXPECT_BAD_GPT(put64(h + 40, DISK_SECTORS - 10), true); /* first>last */
	EXPECT_BAD_GPT(put32(h + 84, 64), true);     /* entries too small */
	EXPECT_BAD_GPT(put32(h + 84, 192), true);    /* not a power of two */
	EXPECT_BAD_GPT(put32(h + 84, 1024), true);   /* more than a sector */
	EXPECT_BAD_GPT(put32(h + 80, 100000), true); /* far too many */
	EXPECT_BAD_GPT(put64(h + 72, 1), true);	     /* over the header */
	EXPECT_BAD_GPT(put64(h + 72, DISK_SECTORS - 4), true); /* past end */
}
END_TEST

START_TEST(gpt_bad_entries)
{
	EXPECT_BAD_GPT(gpt_entry(1, 20, 100), true); /* before first usable */
	EXPECT_BAD_GPT(gpt_entry(1, 9000, DISK_SECTORS - 1), true);
	EXPECT_BAD_GPT(gpt_entry(1, 9000, 8999), true); /* ends before start */
	EXPECT_BAD_GPT(gpt_entry(1, 6000, 7000), true); /* overlaps entry 0 */
}
END_TEST

START_TEST(gpt_read_error)
{
	gpt_disk();
	disk.bad_sector = GPT_ENTRIES_LBA + 3;
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_ERR_IO);
	disk.bad_sector = 1;
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_ERR_IO);
}
END_TEST

/* ---- tables sfdisk writes --------------------------------------------- */

/* Partition an image with sfdisk and load it; false (after saying so)
 * where sfdisk is not installed: the hand-made tables above cover the
 * reader either way. */
static bool sfdisk_image(const char *script)
{
	char path[] = "/tmp/mlk-partition-XXXXXX", cmd[256];
	int fd = mkstemp(path);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, DISK_SECTORS * SECTOR), 0);
	close(fd);
	if (system("command -v sfdisk >/dev/null 2>&1 || "
		   "test -x /usr/sbin/sfdisk || test -x /sbin/sfdisk")) {
		printf("test_partition: no sfdisk: its tables not tried\n");
		unlink(path);
		return false;
	}
	snprintf(cmd, sizeof(cmd),
		 "PATH=$PATH:/usr/sbin:/sbin sfdisk -q %s >/dev/null", path);
	f = popen(cmd, "w");
	ck_assert_ptr_nonnull(f);
	fputs(script, f);
	ck_assert_int_eq(pclose(f), 0);
	blank_disk();
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fread(disk.data, SECTOR, DISK_SECTORS, f),
			  DISK_SECTORS);
	fclose(f);
	unlink(path);
	return true;
}

START_TEST(sfdisk_mbr)
{
	if (!sfdisk_image("label: dos\n2048,4096,c\n6144,2048,83\n"
			  "8192,,ef\n"))
		return;
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_OK);
	ck_assert_int_eq(scheme, MLK_PARTITION_MBR);
	ck_assert_uint_eq(nparts, 3);
	expect_part(0, 2048, 4096, 0x0c, 0);
	expect_part(1, 6144, 2048, 0x83, 1);
	expect_part(2, 8192, DISK_SECTORS - 8192, 0xef, 2);
}
END_TEST

START_TEST(sfdisk_gpt)
{
	/* EFI System's type GUID C12A7328-F81F-11D2-BA4B-00A0C93EC93B, as
	 * stored: its first three fields little endian. */
	static const uint8_t esp[16] = { 0x28, 0x73, 0x2a, 0xc1, 0x1f, 0xf8,
					 0xd2, 0x11, 0xba, 0x4b, 0x00, 0xa0,
					 0xc9, 0x3e, 0xc9, 0x3b };

	if (!sfdisk_image("label: gpt\n2048,4096,U\n6144,2048,L\n"))
		return;
	ck_assert_int_eq(read_table(MLK_PARTITION_MAX), MLK_OK);
	ck_assert_int_eq(scheme, MLK_PARTITION_GPT);
	ck_assert_uint_eq(nparts, 2);
	expect_part(0, 2048, 4096, 0, 0);
	expect_part(1, 6144, 2048, 0, 1);
	ck_assert_mem_eq(parts[0].type_guid, esp, 16);
}
END_TEST

static Suite *partition_suite(void)
{
	Suite *s = suite_create("partition");
	TCase *mbr = tcase_create("mbr");
	TCase *gpt = tcase_create("gpt");
	TCase *real = tcase_create("sfdisk");

	tcase_add_test(mbr, mbr_primary_entries_in_table_order);
	tcase_add_test(mbr, mbr_without_table);
	tcase_add_test(mbr, mbr_bad_entries);
	tcase_add_test(mbr, read_errors_and_bad_sector_sizes);
	tcase_add_test(gpt, gpt_entries_in_table_order);
	tcase_add_test(gpt, gpt_checksums);
	tcase_add_test(gpt, gpt_bad_header);
	tcase_add_test(gpt, gpt_bad_entries);
	tcase_add_test(gpt, gpt_read_error);
	tcase_add_test(real, sfdisk_mbr);
	tcase_add_test(real, sfdisk_gpt);
	suite_add_tcase(s, mbr);
	suite_add_tcase(s, gpt);
	suite_add_tcase(s, real);
	return s;
}

int main(void)
{
	return unit_run("partition", partition_suite());
}
