/*
 * Tests of mlk-mkimage, run as a program: the binary built next to this
 * test (MKIMAGE_PATH) on inputs written to a fresh temporary directory:
 *
 *   ROOT/in/        a fake kernel Image, crafted ELF files, a text file
 *   ROOT/in/svc/    services a manifest names (MLK_SERVICES_DIR)
 *   ROOT/out/       where images go; nothing else may appear there
 *   ROOT/stdout, ROOT/stderr   what the tool printed
 *
 * Every error path is run and must print exactly one line, exit with
 * status 1 and leave ROOT/out as it was.  Successful runs are checked by
 * reading the image back with the kernel's own bundle checker.
 */
#define _GNU_SOURCE /* vasprintf */

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

#include <mlk/bundle.h>
#include <mlk/elf.h>
#include <mlk/syscall.h>
#include <mlk/version.h>

#ifndef MKIMAGE_PATH
#error "build with -DMKIMAGE_PATH=\"<builddir>/sdk/tools/mlk-mkimage\""
#endif

#define KERNEL_FILE_SIZE 4196
#define KERNEL_IMAGE_SIZE 8192
#define ELF_SIZE 0x1100

static char *root;
static int status;
static char *out_text, *err_text;

/* ---- helpers ---------------------------------------------------------- */

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	ck_assert_int_ge(vasprintf(&s, f, ap), 0);
	va_end(ap);
	return s;
}

static char *in(const char *name)
{
	return fmt("%s/in/%s", root, name);
}

static char *out(const char *name)
{
	return fmt("%s/out/%s", root, name);
}

static void write_bytes(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, size, f), size);
	ck_assert_int_eq(fclose(f), 0);
}

static void write_text(const char *path, const char *text)
{
	write_bytes(path, text, strlen(text));
}

static uint8_t *read_bytes(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data;
	long len;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	/* Page aligned like a loaded image, with room for a NUL. */
	ck_assert_int_eq(posix_memalign((void **)&data, 4096, len + 1), 0);
	ck_assert_uint_eq(fread(data, 1, len, f), (size_t)len);
	data[len] = '\0';
	fclose(f);
	if (size)
		*size = (size_t)len;
	return data;
}

static char *read_text(const char *path)
{
	return (char *)read_bytes(path, NULL);
}

static void put_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* A fake arm64 Image: the 64-byte header, then a pattern. */
static void write_kernel(const char *path, size_t size, uint64_t image_size,
			 const char *magic)
{
	uint8_t *k = calloc(1, size < 64 ? 64 : size);

	for (size_t i = 64; i < size; i++)
		k[i] = (uint8_t)(i * 7 + 1);
	memcpy(k, "\x00\x00\x00\x14", 4); /* b . + 0: code0 */
	put_le64(k + 16, image_size);
	put_le64(k + 24, 0xa); /* flags */
	memcpy(k + 56, magic, 4);
	write_bytes(path, k, size);
	free(k);
}

struct elf_shape {
	uint16_t machine;
	uint16_t type;
	uint32_t data_flags;
	uint64_t data_vaddr; /* 0: 0x401000 */
	uint64_t data_memsz; /* 0: 0x3000 */
};

static const struct elf_shape good_elf = {
	.machine = MLK_EM_AARCH64,
	.type = MLK_ET_EXEC,
	.data_flags = MLK_PF_R | MLK_PF_W,
};

/* A two-segment AArch64 executable with `tag` in its text. */
static void write_elf_shaped(const char *path, const char *tag,
			     struct elf_shape shape)
{
	static uint8_t elf[ELF_SIZE];
	struct mlk_elf64_ehdr eh = {
		.e_ident = { 0x7f, 'E', 'L', 'F', MLK_ELFCLASS64,
			     MLK_ELFDATA2LSB, MLK_EV_CURRENT },
		.e_type = shape.type,
		.e_machine = shape.machine,
		.e_version = MLK_EV_CURRENT,
		.e_entry = 0x400200,
		.e_phoff = sizeof(eh),
		.e_ehsize = sizeof(eh),
		.e_phentsize = sizeof(struct mlk_elf64_phdr),
		.e_phnum = 2,
	};
	struct mlk_elf64_phdr ph[2] = {
		{ MLK_PT_LOAD, MLK_PF_R | MLK_PF_X, 0, 0x400000, 0x400000,
		  0x1000, 0x1000, 0x1000 },
		{ MLK_PT_LOAD, shape.data_flags, 0x1000, 0x401000, 0x401000,
		  0x100, 0x3000, 0x1000 },
	};

	if (shape.data_vaddr)
		ph[1].p_vaddr = ph[1].p_paddr = shape.data_vaddr;
	if (shape.data_memsz)
		ph[1].p_memsz = shape.data_memsz;

	memset(elf, 0, sizeof(elf));
	memcpy(elf, &eh, sizeof(eh));
	memcpy(elf + sizeof(eh), ph, sizeof(ph));
	memcpy(elf + 0x300, tag, strlen(tag));
	write_bytes(path, elf, sizeof(elf));
}

static void write_elf(const char *path, const char *tag)
{
	write_elf_shaped(path, tag, good_elf);
}

/* Run mlk-mkimage with the NULL-terminated arguments. */
static void run_argv(const char *const *args)
{
	static const char *argv[1024] = { "mlk-mkimage" };
	char *out_file = fmt("%s/stdout", root),
	     *err_file = fmt("%s/stderr", root);
	int n = 1, ws;
	pid_t pid;

	for (; *args; args++) {
		ck_assert_int_lt(n, 1023);
		argv[n++] = *args;
	}
	argv[n] = NULL;
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int o = open(out_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(err_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		dup2(o, 1);
		dup2(e, 2);
		execv(MKIMAGE_PATH, (char **)argv);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &ws, 0), pid);
	status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	out_text = read_text(out_file);
	err_text = read_text(err_file);
}

#define RUN(...) run_argv((const char *const[]){ __VA_ARGS__, NULL })

static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	}
	closedir(d);
	return n;
}

/* Status 1, exactly "mlk-mkimage: LINE\n" on stderr, nothing new in out/. */
static void expect_failure_in(int files_before, const char *f, ...)
	__attribute__((format(printf, 2, 3)));
static void expect_failure_in(int files_before, const char *f, ...)
{
	va_list ap;
	char *line, *want;

	va_start(ap, f);
	ck_assert_int_ge(vasprintf(&line, f, ap), 0);
	va_end(ap);
	want = fmt("mlk-mkimage: %s\n", line);
	ck_assert_str_eq(err_text, want);
	ck_assert_int_eq(status, 1);
	ck_assert_str_eq(out_text, "");
	ck_assert_int_eq(count_files(fmt("%s/out", root)), files_before);
}

#define EXPECT_FAILURE(...) expect_failure_in(0, __VA_ARGS__)

static void expect_success(void)
{
	ck_assert_msg(status == 0, "status %d, stderr: %s", status, err_text);
	ck_assert_str_eq(err_text, "");
}

/* ---- fixture ------------------------------------------------------------ */

static void setup(void)
{
	char tmpl[] = "/tmp/mlk-mkimage-test.XXXXXX";

	root = strdup(mkdtemp(tmpl));
	ck_assert_int_eq(mkdir(fmt("%s/in", root), 0755), 0);
	ck_assert_int_eq(mkdir(fmt("%s/in/svc", root), 0755), 0);
	ck_assert_int_eq(mkdir(fmt("%s/out", root), 0755), 0);
	write_kernel(in("kernel.img"), KERNEL_FILE_SIZE, KERNEL_IMAGE_SIZE,
		     "ARM\x64");
	write_elf(in("init"), "init-task");
	write_elf(in("hello.elf"), "hello-service");
	write_elf(in("world"), "world-service");
	write_elf(in("svc/console"), "console-service");
	write_elf(in("svc/shell"), "shell-service");
	write_text(in("motd.txt"), "Welcome to MLK\n");
	/* The tool's defaults point at an installation: never use them. */
	setenv("MLK_KERNEL", in("kernel.img"), 1);
	setenv("MLK_INIT", in("init"), 1);
	setenv("MLK_SERVICES_DIR", in("svc"), 1);
	unsetenv("MLK_MANIFEST");
	umask(022);
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	return remove(path);
}

static void teardown(void)
{
	nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- reading an image back ---------------------------------------------- */

static uint8_t *image;
static size_t image_size;

static const void *bundle(void)
{
	return image + KERNEL_IMAGE_SIZE;
}

/* Load OUT, check its layout and its bundle (like the kernel will). */
static void load_image(const char *path)
{
	const struct mlk_bundle_header *hdr;
	uint8_t *kernel = read_bytes(in("kernel.img"), NULL);
	int bad;

	image = read_bytes(path, &image_size);
	ck_assert_uint_gt(image_size, KERNEL_IMAGE_SIZE);
	hdr = bundle();
	ck_assert_int_eq(mlk_bundle_check(bundle(),
					  image_size - KERNEL_IMAGE_SIZE, NULL),
			 MLK_OK);
	ck_assert_uint_eq(image_size, KERNEL_IMAGE_SIZE + hdr->total_size);
	/* image_size in the header covers it all, rounded to a page. */
	ck_assert_uint_eq(get_le64(image + 16), (image_size + 4095) & ~4095ul);
	/* The kernel is unchanged but for image_size, then zeros. */
	ck_assert_mem_eq(image, kernel, 16);
	ck_assert_mem_eq(image + 24, kernel + 24, KERNEL_FILE_SIZE - 24);
	for (size_t i = KERNEL_FILE_SIZE; i < KERNEL_IMAGE_SIZE; i++)
		ck_assert_uint_eq(image[i], 0);
	free(kernel);
}

static const struct mlk_bundle_entry *entry_named(const char *name)
{
	const struct mlk_bundle_entry *e = mlk_bundle_find(bundle(), name);

	ck_assert_msg(e != NULL, "no entry %s", name);
	return e;
}

static void expect_entry(int index, const char *name, uint32_t kind,
			 const char *file)
{
	const struct mlk_bundle_entry *e = &mlk_bundle_entries(bundle())[index];
	size_t size;
	uint8_t *data = read_bytes(file, &size);

	ck_assert_str_eq(e->name, name);
	ck_assert_uint_eq(e->flags, kind);
	ck_assert_uint_eq(e->size, size);
	ck_assert_mem_eq(mlk_bundle_data(bundle(), e), data, size);
	free(data);
}

static uint32_t entry_count(void)
{
	return ((const struct mlk_bundle_header *)bundle())->entry_count;
}

static const struct mlk_manifest_header *manifest(void)
{
	const struct mlk_bundle_entry *e = entry_named("manifest");

	ck_assert_uint_eq(e->flags, MLK_BUNDLE_MANIFEST);
	ck_assert_int_eq(
		e->offset + e->size,
		((const struct mlk_bundle_header *)bundle())->total_size);
	return mlk_bundle_data(bundle(), e);
}

static const struct mlk_manifest_service *service(uint32_t i)
{
	ck_assert_uint_lt(i, manifest()->count);
	return (const struct mlk_manifest_service *)(manifest() + 1) + i;
}

static void expect_default_service(uint32_t i, const char *name)
{
	const struct mlk_manifest_service *s = service(i);

	ck_assert_str_eq(s->name, name);
	ck_assert_uint_eq(s->priority, MLK_PRIO_DEFAULT);
	ck_assert_uint_eq(s->flags, 0);
	ck_assert_uint_eq(s->quota, 0);
	ck_assert_uint_eq(s->ngrants, 0);
	ck_assert_str_eq(s->args, "");
}

/* ---- success ------------------------------------------------------------ */

START_TEST(one_service)
{
	RUN("-n", "-o", out("boot.img"), in("hello.elf"));
	expect_success();
	ck_assert_str_eq(out_text, "");
	ck_assert_int_eq(count_files(fmt("%s/out", root)), 1);
	load_image(out("boot.img"));
	ck_assert_uint_eq(entry_count(), 3);
	expect_entry(0, "init", MLK_BUNDLE_INIT, in("init"));
	expect_entry(1, "hello", MLK_BUNDLE_SERVICE, in("hello.elf"));
	ck_assert_uint_eq(manifest()->count, 1);
	expect_default_service(0, "hello");
}
END_TEST

START_TEST(service_options)
{
	const struct mlk_manifest_service *s;

	RUN("-n", "-o", out("boot.img"),
	    fmt("%s:prio=40,quota=2M,restart,give-up=3,poweroff,grant=log,"
		"grant=device=arm,pl011,give-up=4,grant=system,grant=bundle,"
		"grant=devtree,grant=control,grant=virtio=blk,args=-v a,b",
		in("hello.elf")),
	    fmt("%s:prio=0,quota=3k", in("world")));
	expect_success();
	load_image(out("boot.img"));
	s = service(0);
	ck_assert_str_eq(s->name, "hello");
	ck_assert_uint_eq(s->priority, 40);
	ck_assert_uint_eq(s->quota, 2 << 20);
	ck_assert_uint_eq(s->flags, MLK_SVC_RESTART | MLK_SVC_POWEROFF);
	/* The later one counts; a compatible string ends before it. */
	ck_assert_uint_eq(s->give_up, 4);
	ck_assert_uint_eq(s->ngrants, 7);
	ck_assert_uint_eq(s->grants[0].kind, MLK_GRANT_LOG);
	ck_assert_uint_eq(s->grants[1].kind, MLK_GRANT_DEVICE);
	ck_assert_str_eq(s->grants[1].arg, "arm,pl011");
	ck_assert_uint_eq(s->grants[2].kind, MLK_GRANT_SYSTEM);
	ck_assert_uint_eq(s->grants[3].kind, MLK_GRANT_BUNDLE);
	ck_assert_uint_eq(s->grants[4].kind, MLK_GRANT_DEVTREE);
	ck_assert_uint_eq(s->grants[5].kind, MLK_GRANT_CONTROL);
	ck_assert_uint_eq(s->grants[6].kind, MLK_GRANT_VIRTIO);
	ck_assert_str_eq(s->grants[6].arg, "blk");
	ck_assert_str_eq(s->args, "-v a,b");
	s = service(1);
	ck_assert_str_eq(s->name, "world");
	ck_assert_uint_eq(s->priority, 0);
	ck_assert_uint_eq(s->quota, 3 << 10);
	ck_assert_uint_eq(s->give_up, 0);
}
END_TEST

START_TEST(quota_suffixes)
{
	RUN("-n", "-o", out("boot.img"), fmt("%s:quota=1G", in("hello.elf")),
	    fmt("%s:quota=12345", in("world")));
	expect_success();
	load_image(out("boot.img"));
	ck_assert_uint_eq(service(0)->quota, 1ull << 30);
	ck_assert_uint_eq(service(1)->quota, 12345);
}
END_TEST

START_TEST(service_names)
{
	write_elf(in("two.elf.elf"), "x");
	ck_assert_int_eq(mkdir(in("sub"), 0755), 0);
	write_elf(in("sub/nested.elf"), "y");
	RUN("-n", "-o", out("boot.img"), in("two.elf.elf"),
	    in("sub/nested.elf"), in("world"));
	expect_success();
	load_image(out("boot.img"));
	expect_entry(1, "two.elf", MLK_BUNDLE_SERVICE, in("two.elf.elf"));
	expect_entry(2, "nested", MLK_BUNDLE_SERVICE, in("sub/nested.elf"));
	expect_entry(3, "world", MLK_BUNDLE_SERVICE, in("world"));
}
END_TEST

START_TEST(files)
{
	write_text(in("empty"), "");
	RUN("-n", "-o", out("boot.img"), "-f",
	    fmt("etc/motd=%s", in("motd.txt")), "--file",
	    fmt("empty=%s", in("empty")));
	expect_success();
	load_image(out("boot.img"));
	ck_assert_uint_eq(entry_count(), 4);
	expect_entry(1, "etc/motd", MLK_BUNDLE_FILE, in("motd.txt"));
	expect_entry(2, "empty", MLK_BUNDLE_FILE, in("empty"));
	ck_assert_uint_eq(manifest()->count, 0);
}
END_TEST

START_TEST(no_services)
{
	RUN("-n", "-o", out("boot.img"));
	expect_success();
	load_image(out("boot.img"));
	ck_assert_uint_eq(entry_count(), 2);
	ck_assert_uint_eq(manifest()->count, 0);
}
END_TEST

static void expect_manifest_error(const char *text, int line,
				  const char *message);

/* program NAME: packed like a service, flagged for init to leave until
 * a run; -p on the command line; --list prints it back as a program. */
START_TEST(programs)
{
	const struct mlk_manifest_service *s;

	write_text(in("p.manifest"), "service console\n"
				     "program shell prio=20 grant=log "
				     "args=\"a b\"\n");
	RUN("-m", in("p.manifest"), "-o", out("boot.img"), "-p",
	    fmt("%s:poweroff,args=x", in("hello.elf")));
	expect_success();
	load_image(out("boot.img"));
	expect_entry(2, "shell", MLK_BUNDLE_SERVICE, in("svc/shell"));
	expect_entry(3, "hello", MLK_BUNDLE_SERVICE, in("hello.elf"));
	ck_assert_uint_eq(manifest()->count, 3);
	ck_assert_uint_eq(service(0)->flags, 0);
	s = service(1);
	ck_assert_uint_eq(s->flags, MLK_SVC_PROGRAM);
	ck_assert_uint_eq(s->priority, 20);
	ck_assert_str_eq(s->args, "a b");
	ck_assert_uint_eq(service(2)->flags,
			  MLK_SVC_PROGRAM | MLK_SVC_POWEROFF);
	RUN("--list", out("boot.img"));
	expect_success();
	ck_assert_ptr_nonnull(strstr(out_text,
				     "\n  service console prio=32\n"
				     "  program shell prio=20 grant=log "
				     "args=\"a b\"\n"
				     "  program hello prio=32 poweroff "
				     "args=x\n"));
}
END_TEST

/* A program runs when asked, once: restart and give-up are a service's. */
START_TEST(program_refuses_restart)
{
	char *arg = fmt("%s:restart", in("hello.elf"));

	RUN("-n", "-o", out("boot.img"), "-p", arg);
	EXPECT_FAILURE("%s: program: 'restart' is for services (a program "
		       "runs when asked, once)",
		       arg);
	expect_manifest_error("program console give-up=3\n", 1,
			      "program: 'give-up' is for services (a program "
			      "runs when asked, once)");
	expect_manifest_error("program\n", 1,
			      "program: missing name (want 'program NAME "
			      "[OPTIONS]')");
}
END_TEST

/* include standard: the standard manifest's lines where the line is, so
 * a user manifest extends the standard system; --no-standard leaves
 * nothing to include. */
START_TEST(include_standard)
{
	ck_assert_int_eq(mkdir(in("std"), 0755), 0);
	write_text(in("std/standard.manifest"),
		   "service console prio=50\nfile etc/motd motd\n");
	write_text(in("std/motd"), "standard motd\n");
	setenv("MLK_MANIFEST", in("std/standard.manifest"), 1);
	write_text(in("mine.manifest"), "# extends the standard system\n"
					"include standard\n"
					"program shell\n");
	RUN("-m", in("mine.manifest"), "-o", out("boot.img"));
	expect_success();
	load_image(out("boot.img"));
	ck_assert_uint_eq(entry_count(), 5);
	expect_entry(1, "console", MLK_BUNDLE_SERVICE, in("svc/console"));
	expect_entry(2, "etc/motd", MLK_BUNDLE_FILE, in("std/motd"));
	expect_entry(3, "shell", MLK_BUNDLE_SERVICE, in("svc/shell"));
	ck_assert_uint_eq(manifest()->count, 2);
	ck_assert_uint_eq(service(0)->priority, 50);
	ck_assert_uint_eq(service(1)->flags, MLK_SVC_PROGRAM);
	unlink(out("boot.img"));
	/* Without it, -m replaces the standard manifest. */
	write_text(in("mine.manifest"), "program shell\n");
	RUN("-m", in("mine.manifest"), "-o", out("boot.img"));
	expect_success();
	load_image(out("boot.img"));
	ck_assert_uint_eq(entry_count(), 3);
	unlink(out("boot.img"));
	/* Errors. */
	write_text(in("mine.manifest"), "include standard\n");
	RUN("-n", "-m", in("mine.manifest"), "-o", out("boot.img"));
	EXPECT_FAILURE("%s:1: include standard: no standard manifest "
		       "(--no-standard, or the SDK has none)",
		       in("mine.manifest"));
	expect_manifest_error("include\n", 1,
			      "include: want 'include standard'");
	expect_manifest_error("include other.manifest\n", 1,
			      "include: want 'include standard'");
	/* An error in the included manifest names its own line. */
	write_text(in("mine.manifest"), "include standard\ninclude standard\n");
	RUN("-m", in("mine.manifest"), "-o", out("boot.img"));
	EXPECT_FAILURE("%s:1: duplicate entry name 'console' (also %s:1)",
		       in("std/standard.manifest"),
		       in("std/standard.manifest"));
	write_text(in("std/standard.manifest"), "include standard\n");
	write_text(in("mine.manifest"), "include standard\n");
	RUN("-m", in("mine.manifest"), "-o", out("boot.img"));
	EXPECT_FAILURE("%s:1: include standard: the standard manifest cannot "
		       "include itself",
		       in("std/standard.manifest"));
}
END_TEST

/* initfs shows the programs as bin/NAME: no file may be there. */
START_TEST(bin_is_for_programs)
{
	RUN("-n", "-o", out("boot.img"), "-f",
	    fmt("bin/tool=%s", in("motd.txt")));
	EXPECT_FAILURE("bin/tool=%s: file name 'bin/tool' is in bin/, where "
		       "initfs shows the image's programs",
		       in("motd.txt"));
	expect_manifest_error("file bin/x motd.txt\n", 1,
			      "file name 'bin/x' is in bin/, where initfs "
			      "shows the image's programs");
	/* bin itself, or binx/, is any file's. */
	RUN("-n", "-o", out("boot.img"), "-f", fmt("bin=%s", in("motd.txt")),
	    "-f", fmt("binx/y=%s", in("motd.txt")));
	expect_success();
}
END_TEST

START_TEST(manifest_file)
{
	const struct mlk_manifest_service *s;

	ck_assert_int_eq(mkdir(in("m"), 0755), 0);
	write_text(in("m/issue"), "MLK \\n\n");
	write_text(in("m/test.manifest"),
		   "# the test system\n"
		   "\n"
		   "service console prio=50 restart grant=log "
		   "grant=device=arm,pl011   # the UART\n"
		   "\tservice shell args=\"-l \\\"initfs:///etc/profile\\\"\" "
		   "quota=64K\r\n"
		   "file etc/issue issue\n"
		   "file etc/motd ../motd.txt\n"
		   "   # indented comment\n");
	RUN("-m", in("m/test.manifest"), "-o", out("boot.img"),
	    fmt("%s:poweroff", in("hello.elf")));
	expect_success();
	load_image(out("boot.img"));
	ck_assert_uint_eq(entry_count(), 7);
	expect_entry(1, "console", MLK_BUNDLE_SERVICE, in("svc/console"));
	expect_entry(2, "shell", MLK_BUNDLE_SERVICE, in("svc/shell"));
	expect_entry(3, "etc/issue", MLK_BUNDLE_FILE, in("m/issue"));
	expect_entry(4, "etc/motd", MLK_BUNDLE_FILE, in("motd.txt"));
	expect_entry(5, "hello", MLK_BUNDLE_SERVICE, in("hello.elf"));
	ck_assert_uint_eq(manifest()->count, 3);
	s = service(0);
	ck_assert_str_eq(s->name, "console");
	ck_assert_uint_eq(s->priority, 50);
	ck_assert_uint_eq(s->flags, MLK_SVC_RESTART);
	ck_assert_uint_eq(s->ngrants, 2);
	ck_assert_str_eq(s->grants[1].arg, "arm,pl011");
	s = service(1);
	ck_assert_str_eq(s->name, "shell");
	ck_assert_str_eq(s->args, "-l \"initfs:///etc/profile\"");
	ck_assert_uint_eq(s->quota, 64 << 10);
	ck_assert_uint_eq(service(2)->flags, MLK_SVC_POWEROFF);
}
END_TEST

START_TEST(standard_manifest_from_environment)
{
	write_text(in("standard.manifest"), "service console\nservice shell\n");
	setenv("MLK_MANIFEST", in("standard.manifest"), 1);
	RUN("-o", out("boot.img"), in("hello.elf"));
	expect_success();
	load_image(out("boot.img"));
	ck_assert_uint_eq(manifest()->count, 3);
	expect_default_service(0, "console");
	expect_default_service(1, "shell");
	expect_default_service(2, "hello");
}
END_TEST

START_TEST(no_standard_leaves_it_out)
{
	write_text(in("standard.manifest"), "service console\n");
	setenv("MLK_MANIFEST", in("standard.manifest"), 1);
	RUN("--no-standard", "-o", out("boot.img"), in("hello.elf"));
	expect_success();
	load_image(out("boot.img"));
	ck_assert_uint_eq(manifest()->count, 1);
	expect_default_service(0, "hello");
}
END_TEST

START_TEST(manifest_option_replaces_standard)
{
	write_text(in("standard.manifest"), "service console\n");
	write_text(in("mine.manifest"), "service shell\n");
	setenv("MLK_MANIFEST", in("standard.manifest"), 1);
	RUN("-m", in("mine.manifest"), "-o", out("boot.img"));
	expect_success();
	load_image(out("boot.img"));
	ck_assert_uint_eq(manifest()->count, 1);
	expect_default_service(0, "shell");
}
END_TEST

START_TEST(missing_default_manifest_is_empty)
{
	/* An installed SDK's standard set would rightly be used here. */
	if (access(MKIMAGE_DEFAULT_MANIFEST, F_OK) == 0)
		return;
	RUN("-o", out("boot.img"), in("hello.elf"));
	expect_success();
	load_image(out("boot.img"));
	ck_assert_uint_eq(manifest()->count, 1);
}
END_TEST

START_TEST(services_dir_option)
{
	ck_assert_int_eq(mkdir(in("other"), 0755), 0);
	write_elf(in("other/console"), "other-console");
	write_text(in("m.manifest"), "service console\n");
	RUN("-n", "-m", in("m.manifest"), "--services-dir", in("other"), "-o",
	    out("boot.img"));
	expect_success();
	load_image(out("boot.img"));
	expect_entry(1, "console", MLK_BUNDLE_SERVICE, in("other/console"));
}
END_TEST

START_TEST(kernel_and_init_options)
{
	write_kernel(in("k2.img"), 5000, 3 * 4096, "ARM\x64");
	write_elf(in("init2"), "other-init");
	setenv("MLK_KERNEL", in("nonexistent"), 1);
	setenv("MLK_INIT", in("nonexistent"), 1);
	RUN("-n", "--kernel", in("k2.img"), "-i", in("init2"), "--output",
	    out("boot.img"));
	expect_success();
	image = read_bytes(out("boot.img"), &image_size);
	ck_assert_int_eq(
		mlk_bundle_check(image + 3 * 4096, image_size - 3 * 4096, NULL),
		MLK_OK);
	ck_assert_uint_eq(get_le64(image + 16), (image_size + 4095) & ~4095ul);
	{
		const struct mlk_bundle_entry *e =
			mlk_bundle_find(image + 3 * 4096, "init");
		size_t size;
		uint8_t *want = read_bytes(in("init2"), &size);

		ck_assert_mem_eq(mlk_bundle_data(image + 3 * 4096, e), want,
				 size);
	}
}
END_TEST

START_TEST(replaces_existing_output)
{
	write_text(out("boot.img"), "old image");
	chmod(out("boot.img"), 0600);
	RUN("-n", "-o", out("boot.img"), in("hello.elf"));
	expect_success();
	ck_assert_int_eq(count_files(fmt("%s/out", root)), 1);
	load_image(out("boot.img"));
}
END_TEST

START_TEST(output_mode_follows_umask)
{
	struct stat st;

	RUN("-n", "-o", out("boot.img"));
	expect_success();
	ck_assert_int_eq(stat(out("boot.img"), &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0644);
}
END_TEST

START_TEST(relative_output)
{
	ck_assert_int_eq(chdir(fmt("%s/out", root)), 0);
	RUN("-n", "-o", "boot.img");
	expect_success();
	load_image(out("boot.img"));
	ck_assert_int_eq(count_files("."), 1);
}
END_TEST

START_TEST(most_entries)
{
	/* init + 254 files + the manifest = MLK_BUNDLE_MAX_ENTRIES. */
	const char *args[MLK_BUNDLE_MAX_ENTRIES + 8] = { "-n", "-o" };
	int n = 2;

	args[n++] = out("boot.img");
	for (int i = 0; i < MLK_BUNDLE_MAX_ENTRIES - 2; i++) {
		char *path = in(fmt("f%d", i));

		write_text(path, fmt("file %d", i));
		args[n++] = fmt("--file=f%d=%s", i, path);
	}
	args[n] = NULL;
	run_argv(args);
	expect_success();
	load_image(out("boot.img"));
	ck_assert_uint_eq(entry_count(), MLK_BUNDLE_MAX_ENTRIES);
	expect_entry(MLK_BUNDLE_MAX_ENTRIES - 2, "f253", MLK_BUNDLE_FILE,
		     in("f253"));
}
END_TEST

START_TEST(version)
{
	RUN("--version");
	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(out_text,
			 "mlk-mkimage (MyLittleKernel) " MLK_VERSION_STRING
			 "\n");
	ck_assert_str_eq(err_text, "");
	RUN("-V");
	ck_assert_str_eq(out_text,
			 "mlk-mkimage (MyLittleKernel) " MLK_VERSION_STRING
			 "\n");
}
END_TEST

START_TEST(help)
{
	RUN("--help");
	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(err_text, "");
	ck_assert_ptr_eq(strstr(out_text, "Usage: mlk-mkimage "), out_text);
	ck_assert_ptr_nonnull(strstr(out_text, "--no-standard"));
	RUN("-h", "-o");
	ck_assert_int_eq(status, 0);
}
END_TEST

/* ---- --list -------------------------------------------------------------- */

static char *listed_services(void)
{
	char *s = strstr(out_text, "manifest: ");

	ck_assert_ptr_nonnull(s);
	return s;
}

START_TEST(list_shows_everything)
{
	char *want;

	RUN("-n", "-o", out("boot.img"),
	    fmt("%s:prio=40,quota=2M,restart,give-up=7,grant=log,"
		"grant=device=arm,pl011,args=-v \"a\",b",
		in("hello.elf")),
	    fmt("%s:poweroff,quota=1000", in("world")), "-f",
	    fmt("etc/motd=%s", in("motd.txt")));
	expect_success();
	load_image(out("boot.img"));
	RUN("--list", out("boot.img"));
	expect_success();
	want = fmt("image %s: %zu bytes, image_size %zu\n"
		   "kernel: 8192 bytes (its image_size, bss included)\n"
		   "bundle: offset 8192, %zu bytes, 5 entries\n",
		   out("boot.img"), image_size, (image_size + 4095) & ~4095ul,
		   image_size - KERNEL_IMAGE_SIZE);
	ck_assert_ptr_eq(strstr(out_text, want), out_text);
	for (uint32_t i = 0; i < entry_count(); i++) {
		const struct mlk_bundle_entry *e =
			&mlk_bundle_entries(bundle())[i];
		static const char *const kinds[] = { "", "init", "service",
						     "file", "manifest" };

		want = fmt("  %-9s %-32s %10llu  crc32 %08x\n", kinds[e->flags],
			   e->name, (unsigned long long)e->size, e->checksum);
		ck_assert_msg(strstr(out_text, want), "no line: %s", want);
	}
	ck_assert_str_eq(listed_services(),
			 "manifest: 2 services\n"
			 "  service hello prio=40 quota=2M restart give-up=7 "
			 "grant=log grant=device=arm,pl011 "
			 "args=\"-v \\\"a\\\",b\"\n"
			 "  service world prio=32 quota=1000 poweroff\n");
}
END_TEST

/* --list prints manifest lines: fed back through -m, they make the same
 * manifest. */
START_TEST(list_round_trips_through_manifest)
{
	uint8_t first[4096];
	const struct mlk_bundle_entry *e;

	RUN("-n", "-o", out("a.img"),
	    fmt("%s:prio=7,quota=5G,restart,give-up=4294967295,poweroff,"
		"grant=devtree,grant=device=virtio,mmio,grant=bundle,"
		"args=x\\y \"z\"",
		in("svc/console")),
	    fmt("%s:grant=system,grant=control,grant=virtio=rng",
		in("svc/shell")));
	expect_success();
	load_image(out("a.img"));
	e = entry_named("manifest");
	memcpy(first, mlk_bundle_data(bundle(), e), e->size);
	ck_assert_str_eq(service(0)->args, "x\\y \"z\"");
	RUN("--list", out("a.img"));
	expect_success();
	/* The lines after "manifest: 2 services" are a manifest. */
	write_text(in("listed.manifest"), strchr(listed_services(), '\n') + 1);
	RUN("-m", in("listed.manifest"), "-o", out("b.img"));
	expect_success();
	load_image(out("b.img"));
	e = entry_named("manifest");
	ck_assert_mem_eq(mlk_bundle_data(bundle(), e), first, e->size);
}
END_TEST

static void expect_manifest_error(const char *text, int line,
				  const char *message);

/* Names and words that need quoting: --list must print them so that -m
 * reads back the same manifest (finding 11 of issue 8). */
START_TEST(list_round_trips_tricky_inputs)
{
	static const char *const names[] = { "my service", "q\"t", "b\\s",
					     "#hash",	   "x#y",  "\"" };
	uint8_t first[8192];
	const struct mlk_bundle_entry *e;
	const char *args[32] = { "-n", "-o" };
	int n = 2;

	args[n++] = out("a.img");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		write_elf(in(fmt("svc/%s", names[i])), names[i]);
		/* Arguments init reads as they were meant: quotes closed. */
		args[n++] = fmt("%s:grant=device=a b\"c\\\\d#,args=\"x y\" "
				"\"\\\\ \\\" #z\" , %zu",
				in(fmt("svc/%s", names[i])), i);
	}
	args[n] = NULL;
	run_argv(args);
	expect_success();
	load_image(out("a.img"));
	e = entry_named("manifest");
	ck_assert_uint_le(e->size, sizeof(first));
	memcpy(first, mlk_bundle_data(bundle(), e), e->size);
	ck_assert_str_eq(service(1)->name, "q\"t");
	ck_assert_str_eq(service(1)->grants[0].arg, "a b\"c\\\\d#");
	ck_assert_str_eq(service(1)->args, "\"x y\" \"\\\\ \\\" #z\" , 1");
	RUN("--list", out("a.img"));
	expect_success();
	write_text(in("listed.manifest"), strchr(listed_services(), '\n') + 1);
	RUN("-m", in("listed.manifest"), "-o", out("b.img"));
	expect_success();
	load_image(out("b.img"));
	e = entry_named("manifest");
	ck_assert_mem_eq(mlk_bundle_data(bundle(), e), first, e->size);
}
END_TEST

/* What no manifest line could hold is refused when packing. */
START_TEST(refuses_what_list_cannot_print)
{
	char *arg;

	arg = fmt("%s:args=-v\r", in("hello.elf"));
	RUN("-n", "-o", out("boot.img"), arg);
	EXPECT_FAILURE("%s:args=-v : args have control character 0x0d (a "
		       "manifest line cannot hold it)",
		       in("hello.elf"));
	RUN("-n", "-o", out("boot.img"), fmt("%s:args=a\nb", in("hello.elf")));
	EXPECT_FAILURE("%s:args=a b: args have control character 0x0a (a "
		       "manifest line cannot hold it)",
		       in("hello.elf"));
	RUN("-n", "-o", out("boot.img"),
	    fmt("%s:grant=device=arm,pl\t011", in("hello.elf")));
	EXPECT_FAILURE("%s:grant=device=arm,pl 011: device compatible "
		       "'arm,pl 011' has control character 0x09",
		       in("hello.elf"));
	write_elf(in("a=b.elf"), "a=b");
	RUN("-n", "-o", out("boot.img"), in("a=b.elf"));
	EXPECT_FAILURE("%s: service name 'a=b' has '=' (a manifest would "
		       "read it as an option)",
		       in("a=b.elf"));
	write_elf(in("esc\033.elf"), "esc");
	RUN("-n", "-o", out("boot.img"), in("esc\033.elf"));
	EXPECT_FAILURE("%s: entry name 'esc ' has control character 0x1b",
		       in("esc .elf"));
	RUN("-n", "-o", out("boot.img"), "-f", fmt("a\177=%s", in("motd.txt")));
	EXPECT_FAILURE("a =%s: entry name 'a ' has control character 0x7f",
		       in("motd.txt"));
	expect_manifest_error("service console args=\"a\rb\"\n", 1,
			      "args have control character 0x0d (a manifest "
			      "line cannot hold it)");
}
END_TEST

/* The bundle's checksums after a byte of it changed. */
static void rechecksum(uint8_t *img, size_t size)
{
	struct mlk_bundle_header *hdr =
		(struct mlk_bundle_header *)(img + KERNEL_IMAGE_SIZE);
	struct mlk_bundle_entry *ents = (struct mlk_bundle_entry *)(hdr + 1);

	for (uint32_t i = 0; i < hdr->entry_count; i++)
		ents[i].checksum = mlk_crc32(0, (uint8_t *)hdr + ents[i].offset,
					     ents[i].size);
	hdr->table_checksum =
		mlk_crc32(0, ents, hdr->entry_count * sizeof(*ents));
	hdr->header_checksum = 0;
	hdr->header_checksum = mlk_crc32(0, hdr, sizeof(*hdr));
	write_bytes(out("boot.img"), img, size);
}

/* An image another program made may hold what no manifest line says:
 * --list refuses it rather than print a line that reads back wrong. */
START_TEST(list_refuses_unprintable_manifest)
{
	struct mlk_manifest_service *svc;
	uint8_t *img;
	size_t size;

	RUN("-n", "-o", out("boot.img"), fmt("%s:args=-v", in("hello.elf")));
	expect_success();
	img = read_bytes(out("boot.img"), &size);
	svc = (struct mlk_manifest_service
		       *)((uint8_t *)mlk_bundle_data(
				  img + KERNEL_IMAGE_SIZE,
				  mlk_bundle_find(img + KERNEL_IMAGE_SIZE,
						  "manifest")) +
			  sizeof(struct mlk_manifest_header));
	strcpy(svc->args, "-v\r");
	rechecksum(img, size);
	RUN("--list", out("boot.img"));
	expect_failure_in(1,
			  "%s: manifest service 1: args have control "
			  "character 0x0d (a manifest line cannot hold it)",
			  out("boot.img"));
	strcpy(svc->args, "-v");
	memset(svc->name, 0, sizeof(svc->name)); /* no stray bytes after */
	strcpy(svc->name, "a=b");
	rechecksum(img, size);
	RUN("--list", out("boot.img"));
	expect_failure_in(1,
			  "%s: manifest service 1: service name 'a=b' has '=' "
			  "(a manifest would read it as an option)",
			  out("boot.img"));
}
END_TEST

/* Each service of an image another program made may be printable while
 * the lines together are not a manifest: a name twice, or the manifest's
 * own name (the fuzzer's find).  --list refuses those too. */
START_TEST(list_refuses_names_the_reader_refuses)
{
	struct mlk_manifest_service *svc;
	uint8_t *img;
	size_t size;

	write_elf(in("other.elf"), "other");
	RUN("-n", "-o", out("boot.img"), in("hello.elf"), in("other.elf"));
	expect_success();
	img = read_bytes(out("boot.img"), &size);
	svc = (struct mlk_manifest_service
		       *)((uint8_t *)mlk_bundle_data(
				  img + KERNEL_IMAGE_SIZE,
				  mlk_bundle_find(img + KERNEL_IMAGE_SIZE,
						  "manifest")) +
			  sizeof(struct mlk_manifest_header));
	strcpy(svc[1].name, "hello");
	rechecksum(img, size);
	RUN("--list", out("boot.img"));
	expect_failure_in(1,
			  "%s: manifest service 2: duplicate entry name "
			  "'hello' (also %s: manifest service 1)",
			  out("boot.img"), out("boot.img"));
	memset(svc[1].name, 0, sizeof(svc[1].name));
	strcpy(svc[1].name, "manifest");
	rechecksum(img, size);
	RUN("--list", out("boot.img"));
	expect_failure_in(1,
			  "%s: manifest service 2: entry name 'manifest' is "
			  "reserved for the manifest",
			  out("boot.img"));
}
END_TEST

START_TEST(list_missing_image)
{
	RUN("--list", in("nope.img"));
	EXPECT_FAILURE("%s: %s", in("nope.img"), strerror(ENOENT));
}
END_TEST

START_TEST(list_not_an_image)
{
	RUN("-l", in("hello.elf"));
	EXPECT_FAILURE("%s: not an MLK image (no arm64 Image header)",
		       in("hello.elf"));
	/* A text file, shorter than the header (issue 12). */
	write_text(in("notes.txt"), "shopping list\n");
	RUN("--list", in("notes.txt"));
	EXPECT_FAILURE("%s: not an MLK image (no arm64 Image header)",
		       in("notes.txt"));
}
END_TEST

START_TEST(list_kernel_without_bundle)
{
	RUN("--list", in("kernel.img"));
	EXPECT_FAILURE("%s: no boot bundle after the kernel", in("kernel.img"));
}
END_TEST

START_TEST(list_corrupt_entry)
{
	uint8_t *img;
	size_t size;
	const struct mlk_bundle_entry *e;

	RUN("-n", "-o", out("boot.img"), in("hello.elf"));
	expect_success();
	img = read_bytes(out("boot.img"), &size);
	e = mlk_bundle_find(img + KERNEL_IMAGE_SIZE, "hello");
	img[KERNEL_IMAGE_SIZE + e->offset + 0x300] ^= 1;
	write_bytes(out("boot.img"), img, size);
	RUN("--list", out("boot.img"));
	expect_failure_in(1,
			  "%s: bundle at offset 8192: entry data checksum "
			  "mismatch (entry 1)",
			  out("boot.img"));
}
END_TEST

START_TEST(list_truncated_image)
{
	uint8_t *img;
	size_t size;

	RUN("-n", "-o", out("boot.img"), in("hello.elf"));
	expect_success();
	img = read_bytes(out("boot.img"), &size);
	write_bytes(out("boot.img"), img, size - 1);
	RUN("--list", out("boot.img"));
	expect_failure_in(1, "%s: bundle at offset 8192: bundle truncated",
			  out("boot.img"));
}
END_TEST

START_TEST(list_with_other_arguments)
{
	RUN("--list", in("kernel.img"), "-o", out("boot.img"));
	EXPECT_FAILURE("--list: takes one IMAGE and no other option or "
		       "argument");
	RUN("--list", in("kernel.img"), in("hello.elf"));
	EXPECT_FAILURE("--list: takes one IMAGE and no other option or "
		       "argument");
}
END_TEST

/* ---- usage errors -------------------------------------------------------- */

START_TEST(missing_output)
{
	RUN("-n", in("hello.elf"));
	EXPECT_FAILURE("usage: no output file: -o OUTPUT is required (or "
		       "--list IMAGE)");
	run_argv((const char *const[]){ NULL });
	EXPECT_FAILURE("usage: no output file: -o OUTPUT is required (or "
		       "--list IMAGE)");
}
END_TEST

START_TEST(unknown_options)
{
	RUN("-x", "-o", out("boot.img"));
	EXPECT_FAILURE("-x: unknown option");
	RUN("-nq", "-o", out("boot.img"));
	EXPECT_FAILURE("-q: unknown option");
	RUN("--frobnicate=3", "-o", out("boot.img"));
	EXPECT_FAILURE("--frobnicate: unknown option");
}
END_TEST

START_TEST(missing_option_argument)
{
	RUN("-n", "-o");
	EXPECT_FAILURE("-o: option requires an argument");
	RUN("-o", out("boot.img"), "--kernel");
	EXPECT_FAILURE("--kernel: option requires an argument");
	RUN("-o", out("boot.img"), "-f");
	EXPECT_FAILURE("-f: option requires an argument");
}
END_TEST

START_TEST(bad_file_option)
{
	RUN("-n", "-o", out("boot.img"), "-f", "motd");
	EXPECT_FAILURE("motd: -f wants NAME=PATH");
	RUN("-n", "-o", out("boot.img"), "-f", "motd=");
	EXPECT_FAILURE("motd=: -f wants NAME=PATH");
}
END_TEST

/* ---- service options ----------------------------------------------------- */

/* Run with one service argument HELLO:OPTIONS; expect MESSAGE about it. */
static void expect_option_error(const char *options, const char *message)
{
	char *arg = fmt("%s:%s", in("hello.elf"), options);

	RUN("-n", "-o", out("boot.img"), arg);
	EXPECT_FAILURE("%s: %s", arg, message);
}

START_TEST(bad_priority)
{
	expect_option_error("prio=abc",
			    "bad priority 'abc' (want a number 0..63)");
	expect_option_error("prio=", "bad priority '' (want a number 0..63)");
	expect_option_error("prio=-1",
			    "bad priority '-1' (want a number 0..63)");
	expect_option_error("prio=4x",
			    "bad priority '4x' (want a number 0..63)");
	expect_option_error("prio=64", "priority 64 out of range (0..63)");
	expect_option_error("prio=99999999999999999999999",
			    "priority 99999999999999999999999 out of range "
			    "(0..63)");
}
END_TEST

START_TEST(bad_quota)
{
	static const char *const bad[] = { "12X", "K", "", "1KK", "-1", "1 K" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_option_error(fmt("quota=%s", bad[i]),
				    fmt("bad quota '%s' (want bytes with an "
					"optional K, M or G suffix)",
					bad[i]));
	expect_option_error("quota=18446744073709551616",
			    "quota '18446744073709551616' too large");
	expect_option_error("quota=17179869184G",
			    "quota '17179869184G' too large");
}
END_TEST

START_TEST(bad_give_up)
{
	static const char *const bad[] = { "", "x", "-1", "2x", "1 " };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_option_error(fmt("restart,give-up=%s", bad[i]),
				    fmt("bad give-up count '%s' (want a "
					"number 1..4294967295)",
					bad[i]));
	expect_option_error("give-up=0",
			    "give-up count 0 out of range (1..4294967295)");
	expect_option_error("give-up=4294967296",
			    "give-up count 4294967296 out of range "
			    "(1..4294967295)");
	expect_option_error("give-up=99999999999999999999999",
			    "give-up count 99999999999999999999999 out of "
			    "range (1..4294967295)");
}
END_TEST

START_TEST(bad_grants)
{
	expect_option_error("grant=frob",
			    "unknown grant 'frob' (want log, system, bundle, "
			    "devtree, control, device=COMPATIBLE or "
			    "virtio=TYPE)");
	expect_option_error("grant=",
			    "unknown grant '' (want log, system, bundle, "
			    "devtree, control, device=COMPATIBLE or "
			    "virtio=TYPE)");
	expect_option_error("grant=virtio=floppy",
			    "unknown virtio device type 'floppy' (want blk, "
			    "rng, net, console, gpu, input ...)");
	expect_option_error("grant=virtio=",
			    "unknown virtio device type '' (want blk, "
			    "rng, net, console, gpu, input ...)");
	expect_option_error("grant=virtio=blk,grant=virtio=rng",
			    "a second virtio grant ('rng'): a service drives "
			    "one kind of device");
	expect_option_error("grant=device=",
			    "grant=device= needs a device tree compatible "
			    "string");
	expect_option_error(
		fmt("grant=device=%s",
		    "0123456789012345678901234567890123456789"
		    "0123456789abcdef"),
		"device compatible '0123456789012345678901234567890123456789"
		"0123456789abcdef' too long (at most 55 bytes)");
	expect_option_error("grant=log,grant=log,grant=log,grant=log,"
			    "grant=log,grant=log,grant=log,grant=log,"
			    "grant=system",
			    "too many grants (at most 8)");
}
END_TEST

START_TEST(bad_args)
{
	char args[129];

	memset(args, 'a', 128);
	args[128] = '\0';
	expect_option_error(fmt("args=%s", args),
			    "args too long (128 bytes, at most 127)");
	/* init would read an open quote another way than it was meant: the
	 * command line refuses it as the manifest does (issue 12). */
	expect_option_error("args=a \"b c", "args have an unterminated quote");
	expect_option_error("args=\"\\\"", "args have an unterminated quote");
	/* In a manifest, the quotes inside args= too. */
	write_text(in("q.manifest"), "service console args=\"a \\\"b\"\n");
	RUN("-m", in("q.manifest"), "-o", out("boot.img"));
	EXPECT_FAILURE("%s:1: args have an unterminated quote",
		       in("q.manifest"));
}
END_TEST

/* The count of arguments has no limit of its own: 40, and the 64 that
 * 127 bytes hold, pack whole; 40 longer ones are too many bytes. */
START_TEST(many_args)
{
	char args[MLK_MANIFEST_ARGS_SIZE] = "", *p = args;

	for (int i = 0; i < MLK_MANIFEST_ARGC_MAX; i++)
		p += sprintf(p, i ? " %c" : "%c", 'A' + i % 26);
	RUN("-n", "-o", out("boot.img"),
	    fmt("%s:args=%s", in("hello.elf"), args));
	expect_success();
	load_image(out("boot.img"));
	ck_assert_str_eq(service(0)->args, args);
	unlink(out("boot.img"));
	expect_option_error(
		"args=a00 a01 a02 a03 a04 a05 a06 a07 a08 a09 a10 a11 a12 a13 "
		"a14 a15 a16 a17 a18 a19 a20 a21 a22 a23 a24 a25 a26 a27 a28 "
		"a29 a30 a31 a32 a33 a34 a35 a36 a37 a38 a39",
		"args too long (159 bytes, at most 127)");
}
END_TEST

/* Eight device grants need 17 handles; a program is given 16. */
START_TEST(too_many_handles)
{
	expect_option_error("grant=device=a,grant=device=b,grant=device=c,"
			    "grant=device=d,grant=device=e,grant=device=f,"
			    "grant=device=g,grant=device=h",
			    "grants need 17 handles, more than the 16 a "
			    "program is given (one for names, one a grant, "
			    "two a device= or virtio= grant)");
	RUN("-n", "-o", out("boot.img"),
	    fmt("%s:grant=device=a,grant=device=b,grant=device=c,"
		"grant=device=d,grant=device=e,grant=device=f,grant=device=g,"
		"grant=log",
		in("hello.elf")));
	expect_success();
}
END_TEST

/* A manifest names at most MLK_MANIFEST_MAX_SERVICES. */
START_TEST(too_many_services)
{
	char *text = strdup("");

	for (int i = 0; i <= MLK_MANIFEST_MAX_SERVICES; i++) {
		char *more = fmt("%sprogram p%d\n", text, i);

		write_elf(in(fmt("svc/p%d", i)), "program");
		free(text);
		text = more;
	}
	expect_manifest_error(text, MLK_MANIFEST_MAX_SERVICES + 1,
			      "too many services and programs (at most 32)");
	*strrchr(text, '\n') = '\0';
	*(strrchr(text, '\n') + 1) = '\0'; /* the 33rd line, gone */
	write_text(in("m.manifest"), text);
	RUN("-m", in("m.manifest"), "-o", out("boot.img"));
	expect_success();
	free(text);
}
END_TEST

START_TEST(unknown_service_options)
{
	expect_option_error("frob", "unknown service option 'frob'");
	expect_option_error("restart=1", "unknown service option 'restart=1'");
	expect_option_error("prio", "unknown service option 'prio'");
	expect_option_error("", "empty service option");
	expect_option_error("restart,,poweroff", "empty service option");
	/* A piece that begins no option after device= joins the compatible
	 * string; elsewhere it is an error. */
	expect_option_error("grant=log,arm,pl011",
			    "unknown service option 'arm'");
}
END_TEST

/* ---- names --------------------------------------------------------------- */

START_TEST(empty_names)
{
	RUN("-n", "-o", out("boot.img"), in(".elf"));
	EXPECT_FAILURE("%s: empty entry name", in(".elf"));
	RUN("-n", "-o", out("boot.img"), fmt("%s/", root));
	EXPECT_FAILURE("%s/: empty entry name", root);
	RUN("-n", "-o", out("boot.img"), "-f", fmt("=%s", in("motd.txt")));
	EXPECT_FAILURE("=%s: empty entry name", in("motd.txt"));
}
END_TEST

START_TEST(long_names)
{
	const char *n48 = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv";
	const char *n47 = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstu";
	const char *n32 = "abcdefghijklmnopqrstuvwxyzabcdef";
	const char *n31 = "abcdefghijklmnopqrstuvwxyzabcde";

	/* A service's name is its process's: MLK_NAME_MAX. */
	write_elf(in(n31), "longest");
	RUN("-n", "-o", out("boot.img"), in(n31));
	expect_success();
	unlink(out("boot.img"));
	write_elf(in(n32), "too long");
	RUN("-n", "-o", out("boot.img"), in(n32));
	EXPECT_FAILURE("%s: service name '%s' too long (at most 31 bytes: it "
		       "names the process)",
		       in(n32), n32);
	RUN("-n", "-o", out("boot.img"), "-p", fmt("%s:prio=1", in(n32)));
	EXPECT_FAILURE("%s:prio=1: service name '%s' too long (at most 31 "
		       "bytes: it names the process)",
		       in(n32), n32);
	/* A file's name is a path: MLK_BUNDLE_NAME_SIZE. */
	RUN("-n", "-o", out("boot.img"), "-f",
	    fmt("%s=%s", n47, in("motd.txt")));
	expect_success();
	unlink(out("boot.img"));
	RUN("-n", "-o", out("boot.img"), fmt("%s.elf:prio=1", in(n48)));
	EXPECT_FAILURE("%s.elf:prio=1: entry name '%s' too long (at most 47 "
		       "bytes)",
		       in(n48), n48);
	RUN("-n", "-o", out("boot.img"), "-f",
	    fmt("%s=%s", n48, in("motd.txt")));
	EXPECT_FAILURE("%s=%s: entry name '%s' too long (at most 47 bytes)",
		       n48, in("motd.txt"), n48);
}
END_TEST

START_TEST(duplicate_names)
{
	ck_assert_int_eq(mkdir(in("sub"), 0755), 0);
	write_elf(in("sub/hello"), "other hello");
	RUN("-n", "-o", out("boot.img"), in("hello.elf"), in("sub/hello"));
	EXPECT_FAILURE("%s: duplicate entry name 'hello' (also %s)",
		       in("sub/hello"), in("hello.elf"));
	RUN("-n", "-o", out("boot.img"), in("hello.elf"), "-f",
	    fmt("hello=%s", in("motd.txt")));
	EXPECT_FAILURE("hello=%s: duplicate entry name 'hello' (also %s)",
		       in("motd.txt"), in("hello.elf"));
	RUN("-n", "-o", out("boot.img"), "-f", fmt("a=%s", in("motd.txt")),
	    "-f", fmt("a=%s", in("hello.elf")));
	EXPECT_FAILURE("a=%s: duplicate entry name 'a' (also a=%s)",
		       in("hello.elf"), in("motd.txt"));
	RUN("-n", "-o", out("boot.img"), in("init"));
	EXPECT_FAILURE("%s: duplicate entry name 'init' (also %s)", in("init"),
		       in("init"));
}
END_TEST

START_TEST(reserved_manifest_name)
{
	RUN("-n", "-o", out("boot.img"), "-f",
	    fmt("manifest=%s", in("motd.txt")));
	EXPECT_FAILURE("manifest=%s: entry name 'manifest' is reserved for the "
		       "manifest",
		       in("motd.txt"));
}
END_TEST

/* ---- the manifest -------------------------------------------------------- */

/* Write TEXT as a manifest, run with it, expect LINE's MESSAGE. */
static void expect_manifest_error(const char *text, int line,
				  const char *message)
{
	write_text(in("bad.manifest"), text);
	RUN("-m", in("bad.manifest"), "-o", out("boot.img"));
	EXPECT_FAILURE("%s:%d: %s", in("bad.manifest"), line, message);
}

START_TEST(manifest_syntax_errors)
{
	expect_manifest_error("# ok\nservice console\nservce shell\n", 3,
			      "unknown keyword 'servce' (want service, "
			      "program, file or include)");
	expect_manifest_error("service\n", 1,
			      "service: missing name (want 'service NAME "
			      "[OPTIONS]')");
	expect_manifest_error("service prio=3\n", 1,
			      "service: missing name (want 'service NAME "
			      "[OPTIONS]')");
	expect_manifest_error("service console args=\"abc\n", 1,
			      "unterminated quote");
	expect_manifest_error("\n\nfile etc/motd\n", 3,
			      "file: want 'file NAME PATH'");
	expect_manifest_error("file a b c\n", 1, "file: want 'file NAME PATH'");
	expect_manifest_error("service console prio=64\n", 1,
			      "priority 64 out of range (0..63)");
	expect_manifest_error("service console frob\n", 1,
			      "unknown service option 'frob'");
	expect_manifest_error("service console\nservice console\n", 2,
			      fmt("duplicate entry name 'console' (also "
				  "%s:1)",
				  in("bad.manifest")));
	expect_manifest_error("file x ../motd.txt\nfile manifest x\n", 2,
			      "entry name 'manifest' is reserved for the "
			      "manifest");
	expect_manifest_error(
		"service abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv\n", 1,
		"entry name 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv' "
		"too long (at most 47 bytes)");
	expect_manifest_error("file \"\" x\n", 1, "empty entry name");
}
END_TEST

START_TEST(manifest_nul_byte)
{
	static const char text[] = "service console\nfile a\0b x\n";

	write_bytes(in("bad.manifest"), text, sizeof(text) - 1);
	RUN("-m", in("bad.manifest"), "-o", out("boot.img"));
	EXPECT_FAILURE("%s:2: NUL byte in the line", in("bad.manifest"));
}
END_TEST

START_TEST(manifest_service_not_found)
{
	expect_manifest_error("service console\nservice nosuch\n", 2,
			      fmt("service 'nosuch' not found (%s: %s)",
				  in("svc/nosuch"), strerror(ENOENT)));
}
END_TEST

START_TEST(manifest_file_not_found)
{
	/* The line that named the file comes first (issue 12). */
	write_text(in("m.manifest"), "\nfile etc/x nosuch.txt\n");
	RUN("-m", in("m.manifest"), "-o", out("boot.img"));
	EXPECT_FAILURE("%s:2: %s: %s", in("m.manifest"), in("nosuch.txt"),
		       strerror(ENOENT));
	write_text(in("m.manifest"), "file etc/x svc\n");
	RUN("-m", in("m.manifest"), "-o", out("boot.img"));
	EXPECT_FAILURE("%s:1: %s: %s", in("m.manifest"), in("svc"),
		       strerror(EISDIR));
}
END_TEST

START_TEST(manifest_unreadable)
{
	RUN("-m", in("nosuch.manifest"), "-o", out("boot.img"));
	EXPECT_FAILURE("%s: %s", in("nosuch.manifest"), strerror(ENOENT));
	RUN("-m", in("svc"), "-o", out("boot.img"));
	EXPECT_FAILURE("%s: %s", in("svc"), strerror(EISDIR));
	setenv("MLK_MANIFEST", in("nosuch.manifest"), 1);
	RUN("-o", out("boot.img"));
	EXPECT_FAILURE("%s: %s", in("nosuch.manifest"), strerror(ENOENT));
}
END_TEST

START_TEST(manifest_service_clashes_with_argument)
{
	write_elf(in("console.elf"), "my console");
	write_text(in("m.manifest"), "service console\n");
	RUN("-m", in("m.manifest"), "-o", out("boot.img"), in("console.elf"));
	EXPECT_FAILURE("%s: duplicate entry name 'console' (also %s:1)",
		       in("console.elf"), in("m.manifest"));
}
END_TEST

/* ---- input files --------------------------------------------------------- */

START_TEST(unreadable_inputs)
{
	RUN("-n", "-o", out("boot.img"), in("nosuch.elf"));
	EXPECT_FAILURE("%s: %s", in("nosuch.elf"), strerror(ENOENT));
	RUN("-n", "-o", out("boot.img"), "-k", in("nosuch.img"));
	EXPECT_FAILURE("%s: %s", in("nosuch.img"), strerror(ENOENT));
	setenv("MLK_INIT", in("nosuch-init"), 1);
	RUN("-n", "-o", out("boot.img"));
	EXPECT_FAILURE("%s: %s", in("nosuch-init"), strerror(ENOENT));
}
END_TEST

START_TEST(directories_and_devices)
{
	RUN("-n", "-o", out("boot.img"), "-f", fmt("d=%s", in("svc")));
	EXPECT_FAILURE("%s: %s", in("svc"), strerror(EISDIR));
	RUN("-n", "-o", out("boot.img"), "-f", "null=/dev/null");
	EXPECT_FAILURE("/dev/null: not a regular file");
}
END_TEST

/* ---- the kernel ---------------------------------------------------------- */

START_TEST(kernel_truncated)
{
	write_kernel(in("short.img"), 63, 8192, "ARM\x64");
	RUN("-n", "-o", out("boot.img"), "-k", in("short.img"));
	EXPECT_FAILURE("%s: truncated arm64 Image (63 bytes, shorter than its "
		       "64-byte header)",
		       in("short.img"));
	write_text(in("empty.img"), "");
	RUN("-n", "-o", out("boot.img"), "-k", in("empty.img"));
	EXPECT_FAILURE("%s: truncated arm64 Image (0 bytes, shorter than its "
		       "64-byte header)",
		       in("empty.img"));
}
END_TEST

START_TEST(kernel_without_magic)
{
	write_kernel(in("bad.img"), 4196, 8192, "ARM\x65");
	RUN("-n", "-o", out("boot.img"), "-k", in("bad.img"));
	EXPECT_FAILURE("%s: not an arm64 Image (no ARM\\x64 magic at offset "
		       "56)",
		       in("bad.img"));
	RUN("-n", "-o", out("boot.img"), "-k", in("hello.elf"));
	EXPECT_FAILURE("%s: not an arm64 Image (no ARM\\x64 magic at offset "
		       "56)",
		       in("hello.elf"));
}
END_TEST

START_TEST(kernel_image_size_too_small)
{
	write_kernel(in("bad.img"), 4196, 4096, "ARM\x64");
	RUN("-n", "-o", out("boot.img"), "-k", in("bad.img"));
	EXPECT_FAILURE("%s: image_size 4096 smaller than the file (4196 bytes)",
		       in("bad.img"));
	write_kernel(in("bad.img"), 4196, 0, "ARM\x64");
	RUN("-n", "-o", out("boot.img"), "-k", in("bad.img"));
	EXPECT_FAILURE("%s: image_size 0 smaller than the file (4196 bytes)",
		       in("bad.img"));
}
END_TEST

START_TEST(kernel_image_size_unaligned)
{
	write_kernel(in("bad.img"), 4196, 8000, "ARM\x64");
	RUN("-n", "-o", out("boot.img"), "-k", in("bad.img"));
	EXPECT_FAILURE("%s: image_size 8000 not a multiple of 4096",
		       in("bad.img"));
}
END_TEST

START_TEST(kernel_image_size_huge)
{
	write_kernel(in("bad.img"), 4196, 1ull << 31, "ARM\x64");
	RUN("-n", "-o", out("boot.img"), "-k", in("bad.img"));
	EXPECT_FAILURE("%s: image_size 2147483648 too large for a kernel (over "
		       "1 GiB)",
		       in("bad.img"));
}
END_TEST

/* ---- ELF files ----------------------------------------------------------- */

START_TEST(init_for_another_machine)
{
	struct elf_shape x86 = good_elf;

	x86.machine = 62;
	write_elf_shaped(in("init"), "x86 init", x86);
	RUN("-n", "-o", out("boot.img"));
	EXPECT_FAILURE("%s: not an AArch64 executable (e_machine 62: x86-64)",
		       in("init"));
	x86.machine = 9999;
	write_elf_shaped(in("init"), "? init", x86);
	RUN("-n", "-o", out("boot.img"));
	EXPECT_FAILURE("%s: not an AArch64 executable (e_machine 9999: "
		       "unknown)",
		       in("init"));
}
END_TEST

START_TEST(service_is_pie)
{
	struct elf_shape pie = good_elf;

	pie.type = MLK_ET_DYN;
	write_elf_shaped(in("pie.elf"), "pie", pie);
	RUN("-n", "-o", out("boot.img"), in("hello.elf"), in("pie.elf"));
	EXPECT_FAILURE("%s: not an ET_EXEC executable (PIE and shared objects "
		       "are not supported)",
		       in("pie.elf"));
}
END_TEST

START_TEST(service_writable_and_executable)
{
	struct elf_shape wx = good_elf;

	wx.data_flags = MLK_PF_R | MLK_PF_W | MLK_PF_X;
	write_elf_shaped(in("svc/console"), "wx", wx);
	write_text(in("m.manifest"), "service console\n");
	RUN("-m", in("m.manifest"), "-o", out("boot.img"));
	EXPECT_FAILURE("%s: segment both writable and executable",
		       in("svc/console"));
}
END_TEST

/* What the loaders cannot load is refused here, not at boot. */
START_TEST(service_segment_over_largest_object)
{
	struct elf_shape big = good_elf;

	big.data_memsz = MLK_MEM_MAX_SIZE + 1;
	write_elf_shaped(in("big.elf"), "big", big);
	RUN("-n", "-o", out("boot.img"), in("hello.elf"), in("big.elf"));
	EXPECT_FAILURE("%s: segment larger than the largest memory object "
		       "(64 GiB)",
		       in("big.elf"));
}
END_TEST

START_TEST(init_segment_in_stack_area)
{
	struct elf_shape high = good_elf;

	high.data_vaddr = MLK_STACK_TOP - 0x1000;
	write_elf_shaped(in("init"), "init-task", high);
	RUN("-n", "-o", out("boot.img"), in("hello.elf"));
	EXPECT_FAILURE("%s: segment in the stack and IPC buffer area (at or "
		       "above 0x7effc0000000)",
		       in("init"));
}
END_TEST

START_TEST(service_not_elf)
{
	RUN("-n", "-o", out("boot.img"), in("motd.txt"));
	EXPECT_FAILURE("%s: not an ELF file", in("motd.txt"));
	write_text(in("empty.elf"), "");
	RUN("-n", "-o", out("boot.img"), in("empty.elf"));
	EXPECT_FAILURE("%s: file too short for an ELF header", in("empty.elf"));
}
END_TEST

/* ---- limits -------------------------------------------------------------- */

START_TEST(too_many_entries)
{
	/* init + 255 files + the manifest: one too many.  The files need
	 * not exist: the count is checked before any file is opened. */
	const char *args[MLK_BUNDLE_MAX_ENTRIES + 8] = { "-n", "-o" };
	int n = 2;

	args[n++] = out("boot.img");
	for (int i = 0; i < MLK_BUNDLE_MAX_ENTRIES - 1; i++)
		args[n++] = fmt("-ff%d=x", i);
	args[n] = NULL;
	run_argv(args);
	EXPECT_FAILURE("%s: too many bundle entries (257, at most 256)",
		       out("boot.img"));
}
END_TEST

START_TEST(bundle_too_large)
{
	int fd = open(in("big"), O_WRONLY | O_CREAT, 0644);
	/* A sparse file: its size is checked before a byte is read. */
	uint64_t big = MLK_BUNDLE_MAX_SIZE - 8192;
	/* The table, init at 4096, hello at 12288 (each ELF spills into a
	 * second page), then big at 20480. */
	uint64_t end = 20480 + big;

	ck_assert_int_eq(ftruncate(fd, (off_t)big), 0);
	close(fd);
	RUN("-n", "-o", out("boot.img"), in("hello.elf"), "-f",
	    fmt("big=%s", in("big")));
	EXPECT_FAILURE("%s: bundle too large (%llu bytes with big=%s, at most "
		       "1073741824)",
		       out("boot.img"), (unsigned long long)end, in("big"));
}
END_TEST

/* ---- the output ---------------------------------------------------------- */

START_TEST(output_directory_missing)
{
	RUN("-n", "-o", fmt("%s/nodir/boot.img", root));
	EXPECT_FAILURE("%s/nodir/boot.img: cannot write: %s", root,
		       strerror(ENOENT));
}
END_TEST

START_TEST(output_is_a_directory)
{
	ck_assert_int_eq(mkdir(out("boot.img"), 0755), 0);
	RUN("-n", "-o", out("boot.img"));
	expect_failure_in(1, "%s: cannot write: %s", out("boot.img"),
			  strerror(EISDIR));
	ck_assert_int_eq(count_files(out("boot.img")), 0);
}
END_TEST

START_TEST(existing_output_untouched_on_failure)
{
	write_text(out("boot.img"), "the old image");
	RUN("-n", "-o", out("boot.img"), in("motd.txt"));
	expect_failure_in(1, "%s: not an ELF file", in("motd.txt"));
	ck_assert_str_eq(read_text(out("boot.img")), "the old image");
	RUN("-n", "-o", out("boot.img"), "-k", in("hello.elf"));
	expect_failure_in(1,
			  "%s: not an arm64 Image (no ARM\\x64 magic at "
			  "offset 56)",
			  in("hello.elf"));
	ck_assert_str_eq(read_text(out("boot.img")), "the old image");
}
END_TEST

static Suite *mkimage_suite(void)
{
	Suite *s = suite_create("mkimage");
	TCase *ok = tcase_create("success");
	TCase *list = tcase_create("list");
	TCase *usage = tcase_create("usage");
	TCase *names = tcase_create("names");
	TCase *mf = tcase_create("manifest");
	TCase *inputs = tcase_create("inputs");
	TCase *output = tcase_create("output");
	TCase *all[] = { ok, list, usage, names, mf, inputs, output };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		tcase_add_checked_fixture(all[i], setup, teardown);
		tcase_set_timeout(all[i], 60);
		suite_add_tcase(s, all[i]);
	}
	tcase_add_test(ok, one_service);
	tcase_add_test(ok, service_options);
	tcase_add_test(ok, quota_suffixes);
	tcase_add_test(ok, service_names);
	tcase_add_test(ok, files);
	tcase_add_test(ok, no_services);
	tcase_add_test(ok, manifest_file);
	tcase_add_test(ok, programs);
	tcase_add_test(ok, include_standard);
	tcase_add_test(usage, program_refuses_restart);
	tcase_add_test(names, bin_is_for_programs);
	tcase_add_test(ok, standard_manifest_from_environment);
	tcase_add_test(ok, no_standard_leaves_it_out);
	tcase_add_test(ok, manifest_option_replaces_standard);
	tcase_add_test(ok, missing_default_manifest_is_empty);
	tcase_add_test(ok, services_dir_option);
	tcase_add_test(ok, kernel_and_init_options);
	tcase_add_test(ok, replaces_existing_output);
	tcase_add_test(ok, output_mode_follows_umask);
	tcase_add_test(ok, relative_output);
	tcase_add_test(ok, most_entries);
	tcase_add_test(ok, version);
	tcase_add_test(ok, help);
	tcase_add_test(list, list_shows_everything);
	tcase_add_test(list, list_round_trips_through_manifest);
	tcase_add_test(list, list_round_trips_tricky_inputs);
	tcase_add_test(list, refuses_what_list_cannot_print);
	tcase_add_test(list, list_refuses_unprintable_manifest);
	tcase_add_test(list, list_refuses_names_the_reader_refuses);
	tcase_add_test(list, list_missing_image);
	tcase_add_test(list, list_not_an_image);
	tcase_add_test(list, list_kernel_without_bundle);
	tcase_add_test(list, list_corrupt_entry);
	tcase_add_test(list, list_truncated_image);
	tcase_add_test(list, list_with_other_arguments);
	tcase_add_test(usage, missing_output);
	tcase_add_test(usage, unknown_options);
	tcase_add_test(usage, missing_option_argument);
	tcase_add_test(usage, bad_file_option);
	tcase_add_test(usage, bad_priority);
	tcase_add_test(usage, bad_quota);
	tcase_add_test(usage, bad_give_up);
	tcase_add_test(usage, bad_grants);
	tcase_add_test(usage, bad_args);
	tcase_add_test(usage, many_args);
	tcase_add_test(usage, too_many_handles);
	tcase_add_test(mf, too_many_services);
	tcase_add_test(usage, unknown_service_options);
	tcase_add_test(names, empty_names);
	tcase_add_test(names, long_names);
	tcase_add_test(names, duplicate_names);
	tcase_add_test(names, reserved_manifest_name);
	tcase_add_test(mf, manifest_syntax_errors);
	tcase_add_test(mf, manifest_nul_byte);
	tcase_add_test(mf, manifest_service_not_found);
	tcase_add_test(mf, manifest_file_not_found);
	tcase_add_test(mf, manifest_unreadable);
	tcase_add_test(mf, manifest_service_clashes_with_argument);
	tcase_add_test(inputs, unreadable_inputs);
	tcase_add_test(inputs, directories_and_devices);
	tcase_add_test(inputs, kernel_truncated);
	tcase_add_test(inputs, kernel_without_magic);
	tcase_add_test(inputs, kernel_image_size_too_small);
	tcase_add_test(inputs, kernel_image_size_unaligned);
	tcase_add_test(inputs, kernel_image_size_huge);
	tcase_add_test(inputs, init_for_another_machine);
	tcase_add_test(inputs, service_is_pie);
	tcase_add_test(inputs, service_writable_and_executable);
	tcase_add_test(inputs, service_segment_over_largest_object);
	tcase_add_test(inputs, init_segment_in_stack_area);
	tcase_add_test(inputs, service_not_elf);
	tcase_add_test(inputs, too_many_entries);
	tcase_add_test(inputs, bundle_too_large);
	tcase_add_test(output, output_directory_missing);
	tcase_add_test(output, output_is_a_directory);
	tcase_add_test(output, existing_output_untouched_on_failure);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(mkimage_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
