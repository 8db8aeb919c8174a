/*
 * The FAT core writes what the host's tools read back: new files,
 * appends, renames (across folders, over a file, a folder moved), mkdir,
 * rm, a file grown past several clusters, truncation both ways, short
 * aliases ~1 ~2 ~3, the disk filled to MLK_ERR_NO_SPACE; afterwards
 * fsck.fat -n finds the image clean and mtype gives exactly the bytes
 * written.  A write cut off at any point leaves an image fsck.fat
 * repairs without losing a file that was complete (synced) before.
 */
#include "unit.h"

#include "fat_host.h"

static const unsigned bits_of[] = { 12, 16, 32 };

static void append(struct fat_vol *v, const char *path, size_t n, uint32_t seed)
{
	struct fat_node node;
	uint8_t buf[256];
	size_t done;

	ck_assert(n <= sizeof(buf));
	fh_fill(buf, n, seed);
	ck_assert_int_eq(fat_lookup(v, path, &node), MLK_OK);
	ck_assert_int_eq(fat_write(v, &node, node.size, buf, n, &done), MLK_OK);
	ck_assert_uint_eq(done, n);
}

static void short_name_is(struct fat_vol *v, const char *dir_path,
			  const char *name, const char *want)
{
	static struct fat_dirent e;
	struct fat_node dir;
	uint32_t cur = 0;

	ck_assert_int_eq(fat_lookup(v, dir_path, &dir), MLK_OK);
	while (fat_readdir(v, &dir, &cur, &e) == MLK_OK)
		if (!strcmp(e.name, name)) {
			ck_assert_str_eq(e.short_name, want);
			return;
		}
	ck_abort_msg("%s not in %s", name, dir_path);
}

/* The changes of the write test, through the core. */
static void change(struct fat_vol *v, uint32_t *grown)
{
	struct fat_node n;
	struct fat_statfs sf;

	fat_statfs(v, &sf);
	*grown = sf.cluster_size * 10 + 17;
	fh_write_new(v, "/new file.txt", 3000, 100, 1000);
	append(v, "/hello.txt", 50, 101);
	ck_assert_int_eq(fat_create(v, "/made", FAT_DIRECTORY, &n), MLK_OK);
	ck_assert_int_eq(fat_create(v, "/made/sub", FAT_DIRECTORY, &n), MLK_OK);
	fh_write_new(v, "/made/sub/inner.txt", 10, 102, 10);
	ck_assert_int_eq(
		fat_rename(v, "/new file.txt", "/made/sub/renamed file.txt"),
		MLK_OK);
	fh_write_new(v, "/r1.txt", 77, 103, 77);
	fh_write_new(v, "/r2.txt", 88, 104, 88);
	ck_assert_int_eq(fat_rename(v, "/r1.txt", "/r2.txt"), MLK_OK);
	ck_assert_int_eq(fat_unlink(v, "/UPPER.TXT"), MLK_OK);
	ck_assert_int_eq(fat_unlink(v, "/Dir One"), MLK_ERR_NOT_EMPTY);
	ck_assert_int_eq(fat_create(v, "/gone", FAT_DIRECTORY, &n), MLK_OK);
	ck_assert_int_eq(fat_unlink(v, "/gone"), MLK_OK);
	fh_write_new(v, "/grown.bin", *grown, 105, 333);
	ck_assert_int_eq(fat_lookup(v, "/big.bin", &n), MLK_OK);
	ck_assert_int_eq(fat_truncate(v, &n, 1000), MLK_OK);
	ck_assert_int_eq(fat_lookup(v, "/mixedCase.Md", &n), MLK_OK);
	ck_assert_int_eq(fat_truncate(v, &n, 5000), MLK_OK);
	fh_write_new(v, "/Long Name Number 1.txt", 1, 106, 1);
	fh_write_new(v, "/Long Name Number 2.txt", 2, 107, 2);
	fh_write_new(v, "/Long Name Number 3.txt", 3, 108, 3);
	ck_assert_int_eq(fat_rename(v, "/Dir One/level2", "/made/level2 moved"),
			 MLK_OK);
	ck_assert_int_eq(fat_rename(v, "/hello.txt", "/Hello.TXT"), MLK_OK);
	short_name_is(v, "/", "Long Name Number 1.txt", "LONGNA~1.TXT");
	short_name_is(v, "/", "Long Name Number 2.txt", "LONGNA~2.TXT");
	short_name_is(v, "/", "Long Name Number 3.txt", "LONGNA~3.TXT");
}

/* What the host must see after change(). */
static void host_checks(const char *img, uint32_t grown)
{
	uint8_t *buf = malloc(5000);

	fh_expect_fsck_clean(img);
	fh_fill(buf, 100, 1);
	fh_fill(buf + 100, 50, 101);
	fh_expect_mtype(img, "/Hello.TXT", buf, 150);
	fh_expect_mtype_seed(img, "/made/sub/renamed file.txt", 3000, 100);
	fh_expect_mtype_seed(img, "/made/sub/inner.txt", 10, 102);
	fh_expect_mtype_seed(img, "/r2.txt", 77, 103);
	fh_expect_mtype_seed(img, "/grown.bin", grown, 105);
	fh_expect_mtype_seed(img, "/big.bin", 1000, 4);
	fh_fill(buf, 4097, 6);
	memset(buf + 4097, 0, 5000 - 4097);
	fh_expect_mtype(img, "/mixedCase.Md", buf, 5000);
	fh_expect_mtype_seed(img, "/Long Name Number 3.txt", 3, 108);
	fh_expect_mtype_seed(img, "/made/level2 moved/two.txt", 1, 8);
	fh_expect_mtype_seed(img,
			     "/made/level2 moved/Level Three/deep4/file in "
			     "deep.txt",
			     20000, 7);
	fh_expect_mdir(img, "/",
		       "::/A Long File Name With Spaces.txt\n::/Dir One/\n"
		       "::/Hello.TXT\n::/Long Name Number 1.txt\n"
		       "::/Long Name Number 2.txt\n::/Long Name Number 3.txt\n"
		       "::/big.bin\n::/empty.dat\n::/grown.bin\n::/made/\n"
		       "::/mixedCase.Md\n::/r2.txt\n");
	fh_expect_mdir(img, "/made/sub",
		       "::/made/sub/inner.txt\n::/made/sub/renamed file.txt\n");
	free(buf);
}

START_TEST(writes_what_the_host_reads)
{
	struct memdisk d;
	struct fat_vol *v;
	uint32_t grown;

	fh_make_image("w.img", bits_of[_i]);
	fh_load(&d, "w.img");
	v = fh_mount(&d, 16); /* small: sectors go out all the time */
	change(v, &grown);
	ck_assert_int_eq(fat_unmount(v), MLK_OK);
	fh_save(&d, "w.img");
	host_checks("w.img", grown);
	/* The core agrees with itself after a fresh mount too. */
	v = fh_mount(&d, 0);
	fh_free(&d);
	fat_unmount(v);
}
END_TEST

START_TEST(fills_the_disk_to_no_space)
{
	static const char *const mk[] = { "-F 12 x.img 1024",
					  "-F 16 -s 1 x.img 4096",
					  "-F 32 -s 1 x.img 34000" };
	struct memdisk d;
	struct fat_vol *v;
	struct fat_node n;
	struct fat_statfs sf;
	uint8_t *chunk = malloc(65536), *all;
	size_t done, total = 0;
	mlk_status_t st;

	ck_assert_int_eq(
		fh_sh("rm -f x.img && mkfs.fat -C %s >/dev/null", mk[_i]), 0);
	fh_load(&d, "x.img");
	v = fh_mount(&d, 32);
	ck_assert_int_eq(fat_create(v, "/fill.bin", FAT_REGULAR, &n), MLK_OK);
	do {
		fh_fill(chunk, 65536, (uint32_t)(total / 65536));
		st = fat_write(v, &n, total, chunk, 65536, &done);
		total += done;
	} while (st == MLK_OK);
	ck_assert_int_eq(st, MLK_ERR_NO_SPACE);
	ck_assert_uint_lt(done, 65536);
	fat_statfs(v, &sf);
	ck_assert_uint_eq(sf.free_clusters, 0);
	ck_assert_uint_eq(total % sf.cluster_size, 0);
	ck_assert_uint_eq(n.size, total);
	ck_assert_int_eq(fat_write(v, &n, total, chunk, 1, &done),
			 MLK_ERR_NO_SPACE);
	ck_assert_int_eq(fat_create(v, "/more", FAT_DIRECTORY, &n),
			 MLK_ERR_NO_SPACE);
	ck_assert_int_eq(fat_unmount(v), MLK_OK);
	fh_save(&d, "x.img");
	fh_expect_fsck_clean("x.img");
	all = malloc(total);
	for (size_t off = 0; off < total; off += 65536)
		fh_fill(all + off, total - off < 65536 ? total - off : 65536,
			(uint32_t)(off / 65536));
	fh_expect_mtype("x.img", "/fill.bin", all, total);
	free(all);
	free(chunk);
	fh_free(&d);
}
END_TEST

/* What is left of the file being written when the kill came holds what
 * was written and nothing else: its size never ran ahead of its data. */
static void partial_is_a_prefix(unsigned limit)
{
	struct memdisk got;
	uint8_t *want;

	if (fh_sh("mtype -i crash.img '::/partial file.bin' > mtype.out"))
		return; /* its entry never reached the disk */
	fh_load(&got, "mtype.out");
	ck_assert_uint_le(got.size, 200000);
	want = malloc(got.size + 1);
	fh_fill(want, got.size, 201);
	ck_assert_msg(!memcmp(got.data, want, got.size),
		      "after %u writes: %zu bytes, not all written ones", limit,
		      got.size);
	free(want);
	fh_free(&got);
}

/* A volume killed after `limit` sector writes: fsck.fat -a mends it, the
 * file synced before is whole, the one being written a prefix. */
static void crash_after(unsigned limit)
{
	struct memdisk d;
	struct fat_vol *v;
	char out[8192];
	int st;

	fh_load(&d, "base.img");
	v = fh_mount(&d, 8);
	fh_write_new(v, "/complete file.bin", 100000, 200, 4096);
	ck_assert_int_eq(fat_sync(v), MLK_OK);
	d.write_limit = d.writes + limit;
	fh_write_new(v, "/partial file.bin", 200000, 201, 3000);
	ck_assert_int_eq(fat_rename(v, "/hello.txt", "/Dir One/moved.txt"),
			 MLK_OK);
	ck_assert_int_eq(fat_unlink(v, "/UPPER.TXT"), MLK_OK);
	fh_save(&d, "crash.img"); /* the disk as the kill left it */
	fat_unmount(v);
	fh_free(&d);
	st = fh_sh_out(out, sizeof(out), "fsck.fat -n crash.img");
	ck_assert_msg(st == 1 && strstr(out, "Dirty bit is set"),
		      "after %u writes: %d %s", limit, st, out);
	fh_sh("fsck.fat -a crash.img >/dev/null");
	fh_expect_fsck_clean("crash.img");
	fh_expect_mtype_seed("crash.img", "/complete file.bin", 100000, 200);
	fh_expect_mtype_seed("crash.img", "/big.bin", 5u << 20, 4);
	partial_is_a_prefix(limit);
}

START_TEST(a_kill_loses_nothing_complete)
{
	static const unsigned limits[] = { 0,  1,  2,  3,  5,	8,   13,
					   21, 34, 55, 89, 144, 233, 377 };

	fh_make_image("base.img", 16);
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
		crash_after(limits[i] ? limits[i] : 1u << 30);
}
END_TEST

/* One of two places holds the file of `len` bytes of fh_fill(seed). */
static void in_one_place(const char *img, const char *a, const char *b,
			 size_t len, uint32_t seed)
{
	uint8_t *want = malloc(len);

	fh_fill(want, len, seed);
	ck_assert_msg(fh_mtype_matches(img, a, want, len) ||
			      fh_mtype_matches(img, b, want, len),
		      "neither %s nor %s holds the file", a, b);
	free(want);
}

/* Renames across folders and an unlink, the volume killed after `limit`
 * sector writes of them; true once they all got through. */
static bool rename_crash(unsigned limit)
{
	struct memdisk d;
	struct fat_vol *v;
	bool all;

	fh_load(&d, "base.img");
	v = fh_mount(&d, 8);
	fh_write_new(v, "/complete file.bin", 100000, 200, 4096);
	ck_assert_int_eq(fat_sync(v), MLK_OK);
	d.write_limit = d.writes + limit;
	ck_assert_int_eq(
		fat_rename(v, "/hello.txt", "/Dir One/level2/moved hello.txt"),
		MLK_OK);
	ck_assert_int_eq(fat_rename(v, "/A Long File Name With Spaces.txt",
				    "/Dir One/a long name, moved.txt"),
			 MLK_OK);
	ck_assert_int_eq(fat_unlink(v, "/UPPER.TXT"), MLK_OK);
	ck_assert_int_eq(fat_sync(v), MLK_OK);
	all = d.writes < d.write_limit;
	fh_save(&d, "crash.img");
	fat_unmount(v);
	fh_free(&d);
	fh_sh("fsck.fat -a crash.img >/dev/null");
	fh_expect_fsck_clean("crash.img");
	fh_expect_mtype_seed("crash.img", "/complete file.bin", 100000, 200);
	in_one_place("crash.img", "/hello.txt",
		     "/Dir One/level2/moved hello.txt", 100, 1);
	in_one_place("crash.img", "/A Long File Name With Spaces.txt",
		     "/Dir One/a long name, moved.txt", 3000, 2);
	return all;
}

START_TEST(a_kill_in_a_rename_loses_nothing)
{
	unsigned limit = 1;

	fh_make_image("base.img", 16);
	while (!rename_crash(limit))
		limit++;
	ck_assert_uint_gt(limit, 3); /* the kills fell between writes */
}
END_TEST

START_TEST(refuses_what_fat_cannot_do)
{
	struct memdisk d;
	struct fat_vol *v;
	struct fat_node n;
	size_t done;
	char buf[4];

	fh_make_image("e.img", 16);
	fh_load(&d, "e.img");
	v = fh_mount(&d, 0);
	ck_assert_int_eq(fat_create(v, "/a:b", FAT_REGULAR, &n),
			 MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_create(v, "/dot.", FAT_REGULAR, &n),
			 MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_create(v, "/HELLO.txt", FAT_REGULAR, &n),
			 MLK_ERR_EXISTS);
	ck_assert_int_eq(fat_create(v, "/hello.txt/x", FAT_DIRECTORY, &n),
			 MLK_ERR_NOT_DIR);
	ck_assert_int_eq(fat_create(v, "/", FAT_DIRECTORY, &n),
			 MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_rename(v, "/Dir One", "/Dir One/level2/x"),
			 MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_rename(v, "/hello.txt", "/Dir One"),
			 MLK_ERR_IS_DIR);
	ck_assert_int_eq(fat_rename(v, "/Dir One/level2", "/hello.txt"),
			 MLK_ERR_NOT_DIR);
	ck_assert_int_eq(fat_create(v, "/d", FAT_DIRECTORY, &n), MLK_OK);
	ck_assert_int_eq(fat_rename(v, "/d", "/Dir One"), MLK_ERR_NOT_EMPTY);
	ck_assert_int_eq(fat_rename(v, "/missing", "/x"), MLK_ERR_NOT_FOUND);
	ck_assert_int_eq(fat_unlink(v, "/"), MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_lookup(v, "/hello.txt", &n), MLK_OK);
	ck_assert_int_eq(fat_write(v, &n, 0xffffffffull, buf, 2, &done),
			 MLK_ERR_TOO_BIG);
	ck_assert_int_eq(fat_truncate(v, &n, 1ull << 32), MLK_ERR_TOO_BIG);
	ck_assert_int_eq(fat_lookup(v, "/Dir One", &n), MLK_OK);
	ck_assert_int_eq(fat_write(v, &n, 0, buf, 2, &done), MLK_ERR_IS_DIR);
	ck_assert_int_eq(fat_unmount(v), MLK_OK);
	fh_save(&d, "e.img");
	fh_expect_fsck_clean("e.img");
	fh_free(&d);
}
END_TEST

START_TEST(a_full_root_is_no_space)
{
	struct memdisk d;
	struct fat_vol *v;
	struct fat_node n;
	char name[32];
	int made = 0;
	mlk_status_t st;

	ck_assert_int_eq(fh_sh("rm -f r.img && mkfs.fat -C -F 12 -r 16 r.img "
			       "1024 >/dev/null"),
			 0);
	fh_load(&d, "r.img");
	v = fh_mount(&d, 0);
	do {
		snprintf(name, sizeof(name), "/F%d.TXT", made);
		st = fat_create(v, name, FAT_REGULAR, &n);
	} while (st == MLK_OK && ++made < 100);
	ck_assert_int_eq(st, MLK_ERR_NO_SPACE);
	ck_assert_int_eq(made, 16);
	ck_assert_int_eq(fat_unmount(v), MLK_OK);
	fh_save(&d, "r.img");
	fh_expect_fsck_clean("r.img");
	fh_free(&d);
}
END_TEST

START_TEST(times_come_from_the_clock)
{
	struct memdisk d;
	struct fat_vol *v;
	struct fat_node n;
	char out[4096];

	fh_make_image("t.img", 32);
	fh_load(&d, "t.img");
	v = fh_mount(&d, 0); /* its clock says 1700000000 */
	fh_write_new(v, "/stamped.txt", 10, 1, 10);
	ck_assert_int_eq(fat_lookup(v, "/stamped.txt", &n), MLK_OK);
	ck_assert_uint_eq(n.ctime, 1700000000);
	ck_assert_uint_eq(n.mtime, 1700000000);
	ck_assert_uint_eq(n.size, 10);
	ck_assert_int_eq(fat_unmount(v), MLK_OK);
	fh_save(&d, "t.img");
	ck_assert_int_eq(fh_sh_out(out, sizeof(out), "mdir -i t.img ::/"), 0);
	ck_assert_ptr_nonnull(
		strstr(out, "stamped  txt        10 2023-11-14  22:13"));
	fh_free(&d);
}
END_TEST

START_TEST(a_read_only_volume_stays_as_it_is)
{
	struct memdisk d;
	struct fat_options o = { .read_only = true };
	struct fat_vol *v;
	struct fat_node n;
	char why[FAT_WHY_SIZE];
	size_t done;

	fh_make_image("o.img", 32);
	fh_load(&d, "o.img");
	ck_assert_int_eq(fat_mount(&d.dev, &o, &v, why), MLK_OK);
	ck_assert_int_eq(fat_create(v, "/x", FAT_REGULAR, &n),
			 MLK_ERR_READ_ONLY);
	ck_assert_int_eq(fat_lookup(v, "/hello.txt", &n), MLK_OK);
	ck_assert_int_eq(fat_write(v, &n, 0, "x", 1, &done), MLK_ERR_READ_ONLY);
	ck_assert_int_eq(fat_unlink(v, "/hello.txt"), MLK_ERR_READ_ONLY);
	ck_assert_int_eq(fat_rename(v, "/hello.txt", "/y"), MLK_ERR_READ_ONLY);
	ck_assert_int_eq(fat_unmount(v), MLK_OK);
	ck_assert_uint_eq(d.writes, 0);
	fh_free(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fat_write");
	TCase *tc = tcase_create("write");

	fh_setup("test_fat_write");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, writes_what_the_host_reads, 0, 3);
	tcase_add_loop_test(tc, fills_the_disk_to_no_space, 0, 3);
	tcase_add_test(tc, a_kill_loses_nothing_complete);
	tcase_add_test(tc, a_kill_in_a_rename_loses_nothing);
	tcase_add_test(tc, refuses_what_fat_cannot_do);
	tcase_add_test(tc, a_full_root_is_no_space);
	tcase_add_test(tc, times_come_from_the_clock);
	tcase_add_test(tc, a_read_only_volume_stays_as_it_is);
	suite_add_tcase(s, tc);
	return unit_run("test_fat_write", s);
}
