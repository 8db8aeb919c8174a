/*
 * Bad disks: every nonsense field of a boot sector, a truncated image, a
 * FAT that loops or points past the end, a directory entry whose size
 * its chain cannot hold, a cluster out of range, a device that fails.
 * Each is a status and a one-line reason, never a crash, and what is
 * sound on the volume stays usable.
 */
#include "unit.h"

#include "fat_host.h"
#include "fat_internal.h"

/* A fresh image of the standard files, loaded. */
static void image(struct memdisk *d, unsigned bits)
{
	static unsigned made; /* a bit per FAT width, made once */

	if (!(made & bits)) {
		char name[16];

		snprintf(name, sizeof(name), "b%u.img", bits);
		fh_make_image(name, bits);
		made |= bits;
	}
	fh_load(d, bits == 12 ? "b12.img" : bits == 16 ? "b16.img" : "b32.img");
}

static void expect_refused(struct memdisk *d, const char *why_want)
{
	struct fat_vol *v = NULL;
	char why[FAT_WHY_SIZE];

	ck_assert_int_eq(fat_mount(&d->dev, NULL, &v, why), MLK_ERR_BAD_FORMAT);
	ck_assert_ptr_null(v);
	ck_assert_str_eq(why, why_want);
	ck_assert_ptr_null(strchr(why, '\n'));
	fh_free(d);
}

struct boot_case {
	unsigned bits, off, size;
	uint32_t value;
	const char *why;
};

static const struct boot_case boot_cases[] = {
	{ 16, 510, 2, 0, "no boot sector signature (55 aa at 510)" },
	{ 16, 0, 1, 0,
	  "no jump instruction at the start: not a FAT boot "
	  "sector" },
	{ 16, 11, 2, 300,
	  "bytes per sector 300: not 512, 1024, 2048 or "
	  "4096" },
	{ 16, 11, 2, 8192,
	  "bytes per sector 8192: not 512, 1024, 2048 or "
	  "4096" },
	{ 16, 13, 1, 3, "sectors per cluster 3: not a power of two" },
	{ 16, 13, 1, 0, "sectors per cluster 0: not a power of two" },
	{ 16, 14, 2, 0, "no reserved sectors" },
	{ 16, 16, 1, 0, "0 FATs: not 1 or 2" },
	{ 16, 16, 1, 7, "7 FATs: not 1 or 2" },
	{ 16, 21, 1, 0x12, "media byte 0x12: not f0 or f8..ff" },
	{ 16, 19, 2, 0, "total sectors given as zero (16-bit 0, 32-bit 0)" },
	{ 16, 32, 4, 5, "total sectors given twice (16-bit 32768, 32-bit 5)" },
	{ 16, 17, 2, 0, "a FAT16 volume with no root directory entries" },
	{ 16, 22, 2, 1, "a FAT of 1 sectors cannot map 8182 clusters" },
	{ 16, 14, 2, 40000,
	  "reserved sectors, FATs and root directory "
	  "(40096 sectors) fill the volume of 32768" },
	{ 32, 42, 2, 1, "FAT32 version 0x1: not 0" },
	{ 32, 44, 4, 1, "root directory cluster 1 out of range" },
	{ 32, 44, 4, 0x0ffffff0,
	  "root directory cluster 268435440 out of "
	  "range" },
	{ 32, 17, 2, 512,
	  "80596 clusters make FAT32, but the boot sector is "
	  "laid out for FAT12/16" },
	{ 32, 36, 4, 0, "FAT size is zero" },
	{ 16, 11, 3, 4096 | 32u << 16,
	  "clusters of 131072 bytes: over 64 KiB" },
};

static void put(uint8_t *p, unsigned size, uint32_t value)
{
	for (unsigned i = 0; i < size; i++)
		p[i] = (uint8_t)(value >> (8 * i));
}

START_TEST(nonsense_boot_fields)
{
	const struct boot_case *c = &boot_cases[_i];
	struct memdisk d;

	image(&d, c->bits);
	put(d.data + c->off, c->size, c->value);
	expect_refused(&d, c->why);
}
END_TEST

START_TEST(fat16_layout_with_fat32_cluster_count)
{
	struct memdisk d;

	/* FAT16's geometry, but its 16-bit FAT size gone: the boot sector
	 * claims FAT32's layout for a FAT16 cluster count. */
	image(&d, 16);
	put(d.data + 36, 4, d.data[22] | d.data[23] << 8);
	put(d.data + 22, 2, 0);
	put(d.data + 17, 2, 0);
	expect_refused(&d, "8175 clusters make FAT16, but the boot sector is "
			   "laid out for FAT32");
}
END_TEST

START_TEST(truncated_image)
{
	struct memdisk d;

	image(&d, 16);
	d.size /= 2;
	d.dev.sector_count = d.size / 512;
	expect_refused(&d, "truncated: the volume has 32768 sectors, the "
			   "device 16384");
}
END_TEST

START_TEST(sectors_smaller_than_the_device_s)
{
	struct memdisk d;

	image(&d, 16);
	d.dev.sector_size = 1024;
	d.dev.sector_count /= 2;
	expect_refused(&d, "sectors of 512 bytes on a device of 1024");
}
END_TEST

START_TEST(no_room_for_a_cluster)
{
	struct memdisk d;
	unsigned rsvd, fats, fatsz, root;

	image(&d, 16);
	rsvd = d.data[14] | d.data[15] << 8;
	fats = d.data[16];
	fatsz = d.data[22] | d.data[23] << 8;
	root = (d.data[17] | d.data[18] << 8) * 32 / 512;
	put(d.data + 13, 1, 4);
	put(d.data + 19, 2, rsvd + fats * fatsz + root + 3);
	expect_refused(&d, "no room for a cluster of data");
}
END_TEST

START_TEST(unreadable_boot_sector)
{
	struct memdisk d;
	struct fat_vol *v = NULL;
	char why[FAT_WHY_SIZE];

	image(&d, 12);
	d.size = 0; /* every read fails */
	ck_assert_int_eq(fat_mount(&d.dev, NULL, &v, why), MLK_ERR_FAILED);
	ck_assert_str_eq(why, "cannot read the boot sector");
	fh_free(&d);
}
END_TEST

START_TEST(device_of_odd_sectors)
{
	struct memdisk d;

	image(&d, 16);
	d.dev.sector_size = 520;
	expect_refused(&d, "device sectors of 520 bytes, 32768 of them");
}
END_TEST

/* Mount, change the volume with `hurt`, write it back, mount again. */
static struct fat_vol *
hurt_volume(struct memdisk *d, unsigned bits, const char *path,
	    void (*hurt)(struct fat_vol *, struct fat_node *))
{
	struct fat_vol *v;
	struct fat_node n;

	image(d, bits);
	v = fh_mount(d, 0);
	ck_assert_int_eq(fat_lookup(v, path, &n), MLK_OK);
	hurt(v, &n);
	ck_assert_int_eq(fat_unmount(v), MLK_OK);
	return fh_mount(d, 0);
}

/* What is sound stays usable: another file reads whole, a new one can
 * be written and read back. */
static void still_usable(struct fat_vol *v)
{
	size_t len;
	uint8_t *got =
		fh_read_all(v, "/A Long File Name With Spaces.txt", &len);
	uint8_t want[9000];

	fh_fill(want, 3000, 2);
	ck_assert_uint_eq(len, 3000);
	ck_assert(!memcmp(got, want, len));
	free(got);
	fh_write_new(v, "/after.bin", 9000, 77, 1000);
	got = fh_read_all(v, "/after.bin", &len);
	fh_fill(want, 9000, 77);
	ck_assert(len == 9000 && !memcmp(got, want, len));
	free(got);
}

static void expect_read_refused(struct fat_vol *v, const char *path,
				const char *why)
{
	struct fat_node n;
	uint8_t buf[64];
	size_t got;

	ck_assert_int_eq(fat_lookup(v, path, &n), MLK_OK);
	ck_assert_int_eq(fat_read(v, &n, 0, buf, sizeof(buf), &got),
			 MLK_ERR_BAD_FORMAT);
	ck_assert_uint_eq(got, 0);
	ck_assert_str_eq(fat_why(v), why);
	ck_assert_int_eq(fat_write(v, &n, 0, buf, 1, &got), MLK_ERR_BAD_FORMAT);
	ck_assert_int_eq(fat_truncate(v, &n, 5), MLK_ERR_BAD_FORMAT);
}

/* big.bin's 100th cluster links back to its 10th. */
static void make_loop(struct fat_vol *v, struct fat_node *n)
{
	uint32_t c10, c100;

	ck_assert_int_eq(fat_nth(v, n->first, 10, &c10), MLK_OK);
	ck_assert_int_eq(fat_nth(v, n->first, 100, &c100), MLK_OK);
	ck_assert_int_eq(fat_set(v, c100, c10), MLK_OK);
}

START_TEST(fat_with_a_loop)
{
	static const unsigned bits[] = { 12, 16, 32 };
	struct memdisk d;
	struct fat_vol *v = hurt_volume(&d, bits[_i], "/big.bin", make_loop);
	struct fat_node n;
	char why[FAT_WHY_SIZE];

	ck_assert_int_eq(fat_lookup(v, "/big.bin", &n), MLK_OK);
	snprintf(why, sizeof(why), "the chain from cluster %u loops", n.first);
	expect_read_refused(v, "/big.bin", why);
	still_usable(v);
	fat_unmount(v);
	fh_free(&d);
}
END_TEST

/* The file's one cluster points at a cluster number the volume lacks. */
static void point_past_end(struct fat_vol *v, struct fat_node *n)
{
	ck_assert_int_eq(fat_set(v, n->first, 0xfff0), MLK_OK);
}

START_TEST(fat_pointing_past_the_end)
{
	struct memdisk d;
	struct fat_vol *v = hurt_volume(&d, 16, "/hello.txt", point_past_end);
	struct fat_node n;
	char why[FAT_WHY_SIZE];

	ck_assert_int_eq(fat_lookup(v, "/hello.txt", &n), MLK_OK);
	snprintf(why, sizeof(why),
		 "FAT entry %u is 0xfff0: not a cluster of the volume or an "
		 "end of chain",
		 n.first);
	expect_read_refused(v, "/hello.txt", why);
	still_usable(v);
	fat_unmount(v);
	fh_free(&d);
}
END_TEST

static void entry_set(struct fat_vol *v, struct fat_node *n, unsigned off,
		      uint32_t value, unsigned size)
{
	struct fat_dir_pos pos;
	uint8_t *p;

	ck_assert_int_eq(fat_dir_locate(v, n->dir_first, n->entry, &pos),
			 MLK_OK);
	ck_assert_int_eq(fat_cache_write(v, pos.lba, 2, false, &p), MLK_OK);
	put(p + pos.off + off, size, value);
}

static void grow_size(struct fat_vol *v, struct fat_node *n)
{
	entry_set(v, n, DE_SIZE, 100000, 4);
}

START_TEST(size_larger_than_chain)
{
	struct memdisk d;
	struct fat_vol *v = hurt_volume(&d, 16, "/hello.txt", grow_size);

	expect_read_refused(v, "/hello.txt",
			    "a file of 100000 bytes has a chain of 1 clusters");
	still_usable(v);
	ck_assert_int_eq(fat_unlink(v, "/hello.txt"), MLK_OK);
	fat_unmount(v);
	fh_free(&d);
}
END_TEST

static void far_cluster(struct fat_vol *v, struct fat_node *n)
{
	entry_set(v, n, DE_CLUS_LO, 60000, 2);
}

START_TEST(cluster_out_of_range)
{
	struct memdisk d;
	struct fat_vol *v = hurt_volume(&d, 16, "/hello.txt", far_cluster);

	expect_read_refused(v, "/hello.txt", "cluster 60000 out of range");
	still_usable(v);
	fat_unmount(v);
	fh_free(&d);
}
END_TEST

/* A folder whose entry names no cluster, and one whose chain loops:
 * listing them ends, with a reason or within the 65536 entries a
 * directory may have. */
static void dir_without_cluster(struct fat_vol *v, struct fat_node *n)
{
	entry_set(v, n, DE_CLUS_LO, 0, 2);
}

START_TEST(directory_without_cluster)
{
	struct memdisk d;
	struct fat_vol *v =
		hurt_volume(&d, 16, "/Dir One/level2", dir_without_cluster);
	struct fat_node n;

	ck_assert_int_eq(fat_lookup(v, "/Dir One/level2/two.txt", &n),
			 MLK_ERR_BAD_FORMAT);
	ck_assert_str_eq(fat_why(v), "a directory starts at cluster "
				     "4294967295, out of range");
	still_usable(v);
	fat_unmount(v);
	fh_free(&d);
}
END_TEST

static void dir_loop(struct fat_vol *v, struct fat_node *n)
{
	ck_assert_int_eq(fat_set(v, n->first, n->first), MLK_OK);
}

START_TEST(directory_chain_loops)
{
	static struct fat_dirent e;
	struct memdisk d;
	struct fat_vol *v = hurt_volume(&d, 12, "/Dir One", dir_loop);
	struct fat_node dir;
	uint32_t cur = 0;
	unsigned count = 0;
	mlk_status_t st;

	ck_assert_int_eq(fat_lookup(v, "/Dir One", &dir), MLK_OK);
	while ((st = fat_readdir(v, &dir, &cur, &e)) == MLK_OK)
		count++;
	ck_assert_int_eq(st, MLK_ERR_NOT_FOUND);
	ck_assert_uint_le(count, 65536);
	still_usable(v);
	fat_unmount(v);
	fh_free(&d);
}
END_TEST

/* level2's ".." entry is gone: moving a folder into it cannot check
 * that it is not moving into itself. */
static void lose_dotdot(struct fat_vol *v, struct fat_node *n)
{
	struct fat_dir_pos pos;
	uint8_t *p;

	ck_assert_int_eq(fat_dir_locate(v, n->first, 1, &pos), MLK_OK);
	ck_assert_int_eq(fat_cache_write(v, pos.lba, 2, false, &p), MLK_OK);
	p[pos.off] = 'X';
}

START_TEST(directory_without_dotdot)
{
	struct memdisk d;
	struct fat_vol *v = hurt_volume(&d, 32, "/Dir One/level2", lose_dotdot);
	struct fat_node n;
	char why[FAT_WHY_SIZE];

	ck_assert_int_eq(fat_lookup(v, "/Dir One/level2", &n), MLK_OK);
	snprintf(why, sizeof(why), "directory at cluster %u has no ..",
		 n.first);
	ck_assert_int_eq(fat_create(v, "/new folder", FAT_DIRECTORY, &n),
			 MLK_OK);
	ck_assert_int_eq(fat_rename(v, "/new folder", "/Dir One/level2/x"),
			 MLK_ERR_BAD_FORMAT);
	ck_assert_str_eq(fat_why(v), why);
	still_usable(v);
	fat_unmount(v);
	fh_free(&d);
}
END_TEST

START_TEST(failing_device)
{
	struct memdisk d;
	struct fat_vol *v;
	struct fat_node n;
	uint8_t buf[16];
	size_t got;

	image(&d, 16);
	v = fh_mount(&d, 0);
	ck_assert_int_eq(fat_lookup(v, "/big.bin", &n), MLK_OK);
	d.size = 512 * 200; /* reads past here fail from now on */
	ck_assert_int_eq(fat_read(v, &n, 4u << 20, buf, 16, &got),
			 MLK_ERR_FAILED);
	d.size = d.dev.sector_count * 512;
	ck_assert_int_eq(fat_read(v, &n, 4u << 20, buf, 16, &got), MLK_OK);
	ck_assert_uint_eq(got, 16);
	fat_unmount(v);
	fh_free(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fat_bad");
	TCase *tc = tcase_create("bad");

	fh_setup("test_fat_bad");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, nonsense_boot_fields, 0,
			    sizeof(boot_cases) / sizeof(boot_cases[0]));
	tcase_add_test(tc, fat16_layout_with_fat32_cluster_count);
	tcase_add_test(tc, truncated_image);
	tcase_add_test(tc, device_of_odd_sectors);
	tcase_add_test(tc, sectors_smaller_than_the_device_s);
	tcase_add_test(tc, no_room_for_a_cluster);
	tcase_add_test(tc, unreadable_boot_sector);
	tcase_add_test(tc, directory_without_dotdot);
	tcase_add_loop_test(tc, fat_with_a_loop, 0, 3);
	tcase_add_test(tc, fat_pointing_past_the_end);
	tcase_add_test(tc, size_larger_than_chain);
	tcase_add_test(tc, cluster_out_of_range);
	tcase_add_test(tc, directory_without_cluster);
	tcase_add_test(tc, directory_chain_loops);
	tcase_add_test(tc, failing_device);
	suite_add_tcase(s, tc);
	return unit_run("test_fat_bad", s);
}
