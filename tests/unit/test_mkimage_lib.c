/*
 * Tests of mlk-mkimage's library (sdk/tools/mkimage.h), linked in: the
 * entry points fuzz harnesses call return every error as a status and
 * one line in struct mkimage_error, print nothing and never exit (this
 * program would stop if they did), and what mkimage_list() prints of an
 * image mkimage_parse_manifest() reads back as the same services.
 *
 * test_mkimage runs the tool itself; this one calls what the tool calls.
 */
#define _GNU_SOURCE /* asprintf, open_memstream */

#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mlk/elf.h>

#include "mkimage.h"

static char *root;
static struct plan plan;
static struct mkimage_error err;

/* ---- helpers ---------------------------------------------------------- */

static void write_bytes(const char *file, const void *data, size_t size)
{
	FILE *f = fopen(file, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, size, f), size);
	ck_assert_int_eq(fclose(f), 0);
}

/* A fake arm64 Image: the header with image_size 8192, then zeros. */
static void write_kernel(const char *file)
{
	uint8_t k[4096] = { 0 };

	k[16 + 1] = 0x20; /* image_size 0x2000 */
	memcpy(k + ARM64_MAGIC_OFFSET, ARM64_MAGIC, 4);
	write_bytes(file, k, sizeof(k));
}

/* A one-segment AArch64 executable. */
static void write_elf(const char *file)
{
	static uint8_t elf[0x1000];
	struct mlk_elf64_ehdr eh = {
		.e_ident = { 0x7f, 'E', 'L', 'F', MLK_ELFCLASS64,
			     MLK_ELFDATA2LSB, MLK_EV_CURRENT },
		.e_type = MLK_ET_EXEC,
		.e_machine = MLK_EM_AARCH64,
		.e_version = MLK_EV_CURRENT,
		.e_entry = 0x400200,
		.e_phoff = sizeof(eh),
		.e_ehsize = sizeof(eh),
		.e_phentsize = sizeof(struct mlk_elf64_phdr),
		.e_phnum = 1,
	};
	struct mlk_elf64_phdr ph = { MLK_PT_LOAD, MLK_PF_R | MLK_PF_X,
				     0,		  0x400000,
				     0x400000,	  sizeof(elf),
				     sizeof(elf), 0x1000 };

	memcpy(elf, &eh, sizeof(eh));
	memcpy(elf + sizeof(eh), &ph, sizeof(ph));
	write_bytes(file, elf, sizeof(elf));
}

static int parse(const char *text)
{
	return mkimage_parse_manifest(&plan, text, strlen(text), "m/x.mf",
				      &err);
}

static void expect_error(int st, const char *text)
{
	ck_assert_int_eq(st, -1);
	ck_assert_str_eq(err.text, text);
}

/* ---- fixture ------------------------------------------------------------ */

static void setup(void)
{
	char tmpl[] = "/tmp/mlk-mkimage-lib.XXXXXX";

	root = strdup(mkdtemp(tmpl));
	memset(&plan, 0, sizeof(plan));
	plan.services_dir = "svc";
	memset(&err, 0, sizeof(err));
}

static int remove_one(const char *p, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	return remove(p);
}

static void teardown(void)
{
	plan_free(&plan);
	nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(root);
}

/* ---- the manifest, from memory ------------------------------------------ */

START_TEST(manifest_from_memory)
{
	/* No file is looked at: "svc/console" need not exist. */
	ck_assert_int_eq(parse("# comment\n"
			       "service console prio=50 grant=log\r\n"
			       "\tfile etc/motd ../motd.txt\n"
			       "service shell args=\"-l x\""),
			 0);
	ck_assert_uint_eq(plan.ninputs, 3);
	ck_assert_str_eq(plan.inputs[0].name, "console");
	ck_assert_str_eq(plan.inputs[0].path, "svc/console");
	ck_assert_str_eq(plan.inputs[0].where, "m/x.mf:2");
	ck_assert_str_eq(plan.inputs[1].path, "m/../motd.txt");
	ck_assert_uint_eq(plan.inputs[1].kind, MLK_BUNDLE_FILE);
	ck_assert_uint_eq(plan.nservices, 2);
	ck_assert_uint_eq(plan.services[0].priority, 50);
	ck_assert_uint_eq(plan.services[0].grants[0].kind, MLK_GRANT_LOG);
	ck_assert_str_eq(plan.services[1].args, "-l x");
	/* Nothing at all is a manifest too. */
	plan_free(&plan);
	ck_assert_int_eq(mkimage_parse_manifest(&plan, "", 0, "e", &err), 0);
	ck_assert_uint_eq(plan.ninputs, 0);
}
END_TEST

/* Each error comes back as a status; the next call works as before. */
START_TEST(manifest_errors_return)
{
	expect_error(parse("service console\nfrob\n"),
		     "m/x.mf:2: unknown keyword 'frob' (want service, "
		     "program, file or include)");
	plan_free(&plan);
	expect_error(parse("service a args=\"x\n"),
		     "m/x.mf:1: unterminated quote");
	plan_free(&plan);
	expect_error(parse("service a prio=99"),
		     "m/x.mf:1: priority 99 out of range (0..63)");
	plan_free(&plan);
	expect_error(parse("service a\nservice a\n"),
		     "m/x.mf:2: duplicate entry name 'a' (also m/x.mf:1)");
	plan_free(&plan);
	expect_error(mkimage_parse_manifest(&plan, "service a\nx\0y\n", 14, "n",
					    &err),
		     "n:2: NUL byte in the line");
	plan_free(&plan);
	expect_error(parse("service a args=\"\x1b[2J\"\n"),
		     "m/x.mf:1: args have control character 0x1b (a manifest "
		     "line cannot hold it)");
	plan_free(&plan);
	ck_assert_int_eq(parse("service a\n"), 0);
}
END_TEST

START_TEST(command_line_arguments)
{
	ck_assert_int_eq(plan_add_command_line_service(
				 &plan, "d/hello.elf:prio=7,args=a,b", &err),
			 0);
	ck_assert_str_eq(plan.services[0].name, "hello");
	ck_assert_str_eq(plan.services[0].args, "a,b");
	expect_error(plan_add_command_line_service(&plan, "d/a=b.elf", &err),
		     "d/a=b.elf: service name 'a=b' has '=' (a manifest would "
		     "read it as an option)");
	expect_error(plan_add_command_line_service(&plan, "x:quota=1T", &err),
		     "x:quota=1T: bad quota '1T' (want bytes with an optional "
		     "K, M or G suffix)");
	ck_assert_int_eq(plan_add_command_line_file(&plan, "etc/a=f", &err), 0);
	expect_error(plan_add_command_line_file(&plan, "etc/a", &err),
		     "etc/a: -f wants NAME=PATH");
	expect_error(plan_add_command_line_file(&plan, "etc/a=g", &err),
		     "etc/a=g: duplicate entry name 'etc/a' (also etc/a=f)");
	ck_assert_uint_eq(plan.ninputs, 2);
}
END_TEST

/* ---- --list, from memory ------------------------------------------------ */

/* mkimage_list of `size` bytes into a string; its status in *st. */
static char *list(const void *image, size_t size, int *st)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	/* Aligned as read_file would give it. */
	void *copy = malloc(size ? size : 1);

	ck_assert_ptr_nonnull(out);
	memcpy(copy, image, size);
	*st = mkimage_list(copy, size, "img", out, &err);
	ck_assert_int_eq(fclose(out), 0);
	free(copy);
	return text;
}

START_TEST(list_errors_print_nothing)
{
	uint8_t k[4096] = { 0 };
	char *text;
	int st;

	text = list("abc", 3, &st);
	expect_error(st, "img: not an MLK image (no arm64 Image header)");
	ck_assert_str_eq(text, "");
	free(text);
	k[17] = 0x10; /* image_size 4096 */
	memcpy(k + ARM64_MAGIC_OFFSET, ARM64_MAGIC, 4);
	text = list(k, sizeof(k), &st);
	expect_error(st, "img: no boot bundle after the kernel");
	ck_assert_str_eq(text, "");
	free(text);
}
END_TEST

/* Tricky values, packed by the library, listed, read back. */
START_TEST(list_reads_back)
{
	static const char *const services[] = {
		"svc/plain:prio=3,restart,quota=4097",
		"svc/sp ace:grant=device=a \"b\\c#d,args=\"x y\" \\\\ # ,",
		"svc/#q\"uote\\:poweroff,grant=bundle,args=\"\\\"\"",
	};
	struct plan again = { .services_dir = plan.services_dir };
	uint64_t size;
	uint8_t *image;
	char *text, *lines;
	int st;

	ck_assert_int_eq(chdir(root), 0);
	ck_assert_int_eq(mkdir("svc", 0755), 0);
	write_kernel("kernel");
	write_elf("init");
	ck_assert_ptr_nonnull(
		plan_add(&plan, MLK_BUNDLE_INIT, "init", "init", "init", &err));
	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++) {
		char *file = strndup(services[i], strcspn(services[i], ":"));

		write_elf(file);
		free(file);
		ck_assert_msg(plan_add_command_line_service(&plan, services[i],
							    &err) == 0,
			      "%s", err.text);
	}
	ck_assert_msg(mkimage_pack(&plan, "kernel", "boot.img", &err) == 0,
		      "%s", err.text);
	image = read_file("boot.img", &size, &err);
	ck_assert_ptr_nonnull(image);
	text = list(image, size, &st);
	ck_assert_msg(st == 0, "%s", err.text);
	lines = strstr(text, "manifest: 3 services\n");
	ck_assert_ptr_nonnull(lines);
	lines = strchr(lines, '\n') + 1;
	ck_assert_msg(mkimage_parse_manifest(&again, lines, strlen(lines),
					     "listed", &err) == 0,
		      "%s in:\n%s", err.text, lines);
	ck_assert_uint_eq(again.nservices, 3);
	ck_assert_mem_eq(again.services, plan.services,
			 3 * sizeof(*plan.services));
	ck_assert_str_eq(again.services[1].name, "sp ace");
	ck_assert_str_eq(again.services[2].name, "#q\"uote\\");
	ck_assert_str_eq(again.services[2].args, "\"\\\"\"");
	plan_free(&again);
	free(text);
	free(image);
}
END_TEST

/* mkimage_pack() reports a failure and leaves no file behind. */
START_TEST(pack_errors_return)
{
	ck_assert_int_eq(chdir(root), 0);
	write_elf("init");
	ck_assert_ptr_nonnull(
		plan_add(&plan, MLK_BUNDLE_INIT, "init", "init", "init", &err));
	expect_error(mkimage_pack(&plan, "nokernel", "boot.img", &err),
		     "nokernel: No such file or directory");
	write_kernel("kernel");
	ck_assert_int_eq(plan_add_command_line_service(&plan, "gone", &err), 0);
	expect_error(mkimage_pack(&plan, "kernel", "boot.img", &err),
		     "gone: No such file or directory");
	ck_assert_int_eq(access("boot.img", F_OK), -1);
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

static Suite *mkimage_lib_suite(void)
{
	Suite *s = suite_create("mkimage_lib");
	TCase *tc = tcase_create("lib");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, manifest_from_memory);
	tcase_add_test(tc, manifest_errors_return);
	tcase_add_test(tc, command_line_arguments);
	tcase_add_test(tc, list_errors_print_nothing);
	tcase_add_test(tc, list_reads_back);
	tcase_add_test(tc, pack_errors_return);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(mkimage_lib_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
