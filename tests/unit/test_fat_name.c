/*
 * Names of the FAT core without a disk: the short-name checksum, basis
 * names and numeric tails (~1 .. ~999999), the NT lower-case bits,
 * UTF-8 to UCS-2 and back, what a long name may not hold, DOS times.
 */
#include "unit.h"

#include "fat_internal.h"

static void basis(const char *name, const char *want, bool lossy_want,
		  uint8_t ntres_want)
{
	uint16_t units[LFN_MAX_UNITS];
	unsigned n;
	uint8_t out[11];
	uint8_t ntres;
	bool lossy;

	ck_assert_int_eq(fat_name_units(name, units, &n), MLK_OK);
	fat_short_basis(units, n, out, &lossy, &ntres);
	ck_assert_msg(!memcmp(out, want, 11), "%s: \"%.11s\" not \"%s\"", name,
		      out, want);
	ck_assert_int_eq(lossy, lossy_want);
	ck_assert_uint_eq(ntres, ntres_want);
}

START_TEST(basis_names)
{
	basis("README.TXT", "README  TXT", false, 0);
	basis("readme.txt", "README  TXT", false, 0x18);
	basis("readme.TXT", "README  TXT", false, 0x08);
	basis("ReadMe.txt", "README  TXT", true, 0);
	basis("A Long File Name.txt", "ALONGFILTXT", true, 0);
	basis("archive.tar.gz", "ARCHIVETGZ ", true, 0);
	basis(".hidden", "HIDDEN     ", true, 0);
	basis("a+b=c.x", "A_B_C   X  ", true, 0);
	basis("caf\xc3\xa9.txt", "CAF_    TXT", true, 0);
	basis("toolongname", "TOOLONGN   ", true, 0);
	basis("x.html", "X       HTM", true, 0);
}
END_TEST

START_TEST(numeric_tails)
{
	uint8_t n[11];

	memcpy(n, "ALONGFILTXT", 11);
	fat_short_tail(n, 1);
	ck_assert(!memcmp(n, "ALONGF~1TXT", 11));
	memcpy(n, "AB      TXT", 11);
	fat_short_tail(n, 2);
	ck_assert(!memcmp(n, "AB~2    TXT", 11));
	memcpy(n, "ALONGFILTXT", 11);
	fat_short_tail(n, 12345);
	ck_assert(!memcmp(n, "AL~12345TXT", 11));
	memcpy(n, "ALONGFILTXT", 11);
	fat_short_tail(n, 999999);
	ck_assert(!memcmp(n, "A~999999TXT", 11));
}
END_TEST

START_TEST(checksum)
{
	/* The specification's rotate right and add; the long names
	 * test_fat_read finds in mtools's images check it against theirs. */
	const uint8_t a[11] = "ALONGF~1TXT";
	uint8_t sum = 0;

	for (int i = 0; i < 11; i++)
		sum = (uint8_t)((sum >> 1 | sum << 7) + a[i]);
	ck_assert_uint_eq(fat_short_checksum(a), sum);
}
END_TEST

START_TEST(long_name_rules)
{
	uint16_t u[LFN_MAX_UNITS];
	char back[FAT_NAME_SIZE], long_name[300];
	unsigned n;

	ck_assert_int_eq(fat_name_units("a:b", u, &n), MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_name_units("a*", u, &n), MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_name_units("end.", u, &n), MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_name_units("end ", u, &n), MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_name_units("", u, &n), MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_name_units("\x01", u, &n), MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_name_units("\xc0\x80", u, &n), MLK_ERR_BAD_NAME);
	ck_assert_int_eq(fat_name_units("\xf0\x9f\x98\x80", u, &n),
			 MLK_ERR_BAD_NAME); /* beyond the BMP */
	memset(long_name, 'x', 256);
	long_name[256] = '\0';
	ck_assert_int_eq(fat_name_units(long_name, u, &n), MLK_ERR_BAD_NAME);
	long_name[255] = '\0';
	ck_assert_int_eq(fat_name_units(long_name, u, &n), MLK_OK);
	ck_assert_uint_eq(n, 255);
	ck_assert_int_eq(fat_name_units("caf\xc3\xa9 \xe2\x82\xac", u, &n),
			 MLK_OK);
	ck_assert_uint_eq(n, 6);
	ck_assert_uint_eq(u[3], 0xe9);
	ck_assert_uint_eq(u[5], 0x20ac);
	fat_units_utf8(u, n, back);
	ck_assert_str_eq(back, "caf\xc3\xa9 \xe2\x82\xac");
	ck_assert(fat_name_equal("Hello.TXT", "hELLO.txt"));
	ck_assert(!fat_name_equal("Hello", "Hello2"));
}
END_TEST

START_TEST(short_display)
{
	char out[13];

	fat_short_display((const uint8_t *)"README  TXT", 0x18, out);
	ck_assert_str_eq(out, "readme.txt");
	fat_short_display((const uint8_t *)"NOEXT      ", 0, out);
	ck_assert_str_eq(out, "NOEXT");
	fat_short_display((const uint8_t *)"\x05"
					   "BC     TXT",
			  0, out);
	ck_assert_str_eq(out, "_BC.TXT");
}
END_TEST

START_TEST(dos_times)
{
	uint16_t d, t;

	fat_time_to_dos(1700000000, &d, &t); /* 2023-11-14 22:13:20 */
	ck_assert_uint_eq(d, (43 << 9) | (11 << 5) | 14);
	ck_assert_uint_eq(t, (22 << 11) | (13 << 5) | 10);
	ck_assert_uint_eq(fat_time_from_dos(d, t), 1700000000);
	fat_time_to_dos(0, &d, &t); /* before 1980: its first second */
	ck_assert_uint_eq(fat_time_from_dos(d, t), 315532800);
	ck_assert_uint_eq(fat_time_from_dos(0, 0), 315532800);
	fat_time_to_dos(1709164800, &d, &t); /* 2024-02-29 */
	ck_assert_uint_eq(d, (44 << 9) | (2 << 5) | 29);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fat_name");
	TCase *tc = tcase_create("name");

	tcase_add_test(tc, basis_names);
	tcase_add_test(tc, numeric_tails);
	tcase_add_test(tc, checksum);
	tcase_add_test(tc, long_name_rules);
	tcase_add_test(tc, short_display);
	tcase_add_test(tc, dos_times);
	suite_add_tcase(s, tc);
	return unit_run("test_fat_name", s);
}
