/*
 * The FAT core reads what the host's tools wrote: images made by
 * mkfs.fat -F 12, 16 and 32 and filled by mtools (long names, folders
 * four deep, a 5 MiB file, an empty one), every file compared by CRC-32
 * and byte for byte with the host's, directories listed with their long
 * names, names found without regard to case and by their short alias.
 */
#include "unit.h"

#include "fat_host.h"

static const unsigned bits_of[] = { 12, 16, 32 };

static void check_all_files(struct fat_vol *v)
{
	for (const struct fh_file *f = fh_files; f->path; f++) {
		size_t len;
		uint8_t *got = fh_read_all(v, f->path, &len);
		uint8_t *want = malloc(f->size + 1);

		fh_fill(want, f->size, f->seed);
		ck_assert_uint_eq(len, f->size);
		ck_assert_uint_eq(fh_crc32(got, len), fh_crc32(want, f->size));
		ck_assert(!memcmp(got, want, len));
		free(got);
		free(want);
	}
}

START_TEST(reads_every_file)
{
	struct memdisk d;
	struct fat_statfs sf;
	struct fat_vol *v;

	fh_make_image("t.img", bits_of[_i]);
	fh_load(&d, "t.img");
	v = fh_mount(&d, 0);
	fat_statfs(v, &sf);
	ck_assert_uint_eq(sf.fat_bits, bits_of[_i]);
	check_all_files(v);
	ck_assert_int_eq(fat_unmount(v), MLK_OK);
	ck_assert_uint_eq(d.writes, 0); /* reading changes nothing */
	fh_free(&d);
}
END_TEST

/* The names of a directory, "|"-joined in disk order. */
static void list(struct fat_vol *v, const char *path, char *out, size_t size)
{
	static struct fat_dirent e;
	struct fat_node dir;
	uint32_t cur = 0;

	out[0] = '\0';
	ck_assert_int_eq(fat_lookup(v, path, &dir), MLK_OK);
	while (fat_readdir(v, &dir, &cur, &e) == MLK_OK) {
		strncat(out, e.name, size - strlen(out) - 1);
		strncat(out, "|", size - strlen(out) - 1);
	}
}

START_TEST(lists_long_names)
{
	struct memdisk d;
	struct fat_vol *v;
	char names[1024];

	fh_make_image("t.img", bits_of[_i]);
	fh_load(&d, "t.img");
	v = fh_mount(&d, 0);
	list(v, "/", names, sizeof(names));
	ck_assert_str_eq(names, "Dir One|hello.txt|A Long File Name With "
				"Spaces.txt|empty.dat|big.bin|UPPER.TXT|"
				"mixedCase.Md|");
	list(v, "/Dir One", names, sizeof(names));
	ck_assert_str_eq(names, "level2|same prefix 1.txt|same prefix 2.txt|"
				"same prefix 3.txt|");
	list(v, "/Dir One/level2/Level Three/deep4", names, sizeof(names));
	ck_assert_str_eq(names, "file in deep.txt|");
	fat_unmount(v);
	fh_free(&d);
}
END_TEST

START_TEST(finds_names_in_any_case_and_by_alias)
{
	struct memdisk d;
	struct fat_vol *v;
	struct fat_node a, b;

	fh_make_image("t.img", 16);
	fh_load(&d, "t.img");
	v = fh_mount(&d, 0);
	ck_assert_int_eq(fat_lookup(v, "/HELLO.TXT", &a), MLK_OK);
	ck_assert_int_eq(fat_lookup(v, "/hello.txt", &b), MLK_OK);
	ck_assert_uint_eq(a.entry, b.entry);
	ck_assert_int_eq(fat_lookup(v, "/a long file name with spaces.TXT", &a),
			 MLK_OK);
	ck_assert_int_eq(fat_lookup(v, "/ALONGF~1.TXT", &b), MLK_OK);
	ck_assert_uint_eq(a.entry, b.entry);
	ck_assert_uint_eq(a.size, 3000);
	ck_assert_int_eq(fat_lookup(v, "/dir one/LEVEL2/two.txt", &a), MLK_OK);
	ck_assert_int_eq(fat_lookup(v, "/missing", &a), MLK_ERR_NOT_FOUND);
	ck_assert_int_eq(fat_lookup(v, "/hello.txt/x", &a), MLK_ERR_NOT_DIR);
	ck_assert_int_eq(fat_lookup(v, "relative", &a), MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_lookup(v, "/Dir One//x", &a), MLK_ERR_BAD_NAME);
	fat_unmount(v);
	fh_free(&d);
}
END_TEST

START_TEST(reads_stat_times_and_sizes)
{
	struct memdisk d;
	struct fat_vol *v;
	struct fat_node n;
	uint8_t buf[16];
	size_t got;

	fh_make_image("t.img", 32);
	fh_load(&d, "t.img");
	v = fh_mount(&d, 0);
	ck_assert_int_eq(fat_lookup(v, "/empty.dat", &n), MLK_OK);
	ck_assert_uint_eq(n.size, 0);
	ck_assert_uint_eq(n.first, 0);
	ck_assert_int_eq(fat_read(v, &n, 0, buf, sizeof(buf), &got), MLK_OK);
	ck_assert_uint_eq(got, 0);
	ck_assert_int_eq(fat_lookup(v, "/big.bin", &n), MLK_OK);
	ck_assert_uint_eq(n.size, 5u << 20);
	ck_assert_uint_ge(n.mtime, 315532800u); /* a real date */
	ck_assert_int_eq(fat_read(v, &n, (5u << 20) + 3, buf, 4, &got), MLK_OK);
	ck_assert_uint_eq(got, 0); /* past the end */
	ck_assert_int_eq(fat_lookup(v, "/Dir One", &n), MLK_OK);
	ck_assert_int_eq(n.type, FAT_DIRECTORY);
	ck_assert_int_eq(fat_read(v, &n, 0, buf, 4, &got), MLK_ERR_IS_DIR);
	fat_unmount(v);
	fh_free(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fat_read");
	TCase *tc = tcase_create("read");

	fh_setup("test_fat_read");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, reads_every_file, 0, 3);
	tcase_add_loop_test(tc, lists_long_names, 0, 3);
	tcase_add_test(tc, finds_names_in_any_case_and_by_alias);
	tcase_add_test(tc, reads_stat_times_and_sizes);
	suite_add_tcase(s, tc);
	return unit_run("test_fat_read", s);
}
