/*
 * The build-machine side of the FAT unit tests (fat_host.h).
 */
#include "fat_host.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char scratch[256];
static pid_t owner;

/* The scratch folder goes when the test program ends (not when one of
 * Check's forked test processes does). */
static void remove_scratch(void)
{
	char cmd[300];

	if (getpid() != owner || !scratch[0])
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", scratch);
}

static mlk_status_t md_read(void *ctx, uint64_t sector, uint32_t count,
			    void *buf)
{
	struct memdisk *d = ctx;

	if ((sector + count) * 512 > d->size)
		return MLK_ERR_FAILED;
	memcpy(buf, d->data + sector * 512, (size_t)count * 512);
	return MLK_OK;
}

static mlk_status_t md_write(void *ctx, uint64_t sector, uint32_t count,
			     const void *buf)
{
	struct memdisk *d = ctx;

	if ((sector + count) * 512 > d->size)
		return MLK_ERR_FAILED;
	if (d->write_limit && d->writes >= d->write_limit)
		return MLK_OK; /* "killed": nothing more reaches the disk */
	memcpy(d->data + sector * 512, buf, (size_t)count * 512);
	d->writes += count;
	return MLK_OK;
}

static int have(const char *tool)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd),
		 "PATH=$PATH:/sbin:/usr/sbin command -v %s >/dev/null", tool);
	return system(cmd) == 0;
}

void fh_setup(const char *test)
{
	static const char *const tools[] = { "mkfs.fat", "fsck.fat", "mcopy",
					     "mmd",	 "mtype",    "mdir" };
	const char *req = getenv("MLK_REQUIRE_FAT");

	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		if (have(tools[i]))
			continue;
		printf("unit: %s: SKIP (no %s: apt-get install dosfstools "
		       "mtools)\n",
		       test, tools[i]);
		exit(req && !strcmp(req, "1") ? 1 : 77);
	}
	snprintf(scratch, sizeof(scratch), "/tmp/mlk-%s-XXXXXX", test);
	if (!mkdtemp(scratch)) {
		perror("mkdtemp");
		exit(1);
	}
	owner = getpid();
	atexit(remove_scratch);
}

const char *fh_path(const char *name)
{
	static char bufs[4][512];
	static unsigned next;
	char *b = bufs[next++ % 4];

	snprintf(b, 512, "%s/%s", scratch, name);
	return b;
}

static int run(char *out, size_t size, const char *fmt, va_list ap)
{
	char cmd[4096], full[4096 + 512];
	FILE *p;
	size_t len = 0;
	int st;

	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	snprintf(full, sizeof(full),
		 "cd '%s' && export PATH=$PATH:/sbin:/usr/sbin "
		 "MTOOLS_SKIP_CHECK=1 LC_ALL=C.UTF-8 && { %s; } 2>&1",
		 scratch, cmd);
	p = popen(full, "r");
	ck_assert_ptr_nonnull(p);
	if (out) {
		size_t n;

		while (len + 1 < size &&
		       (n = fread(out + len, 1, size - 1 - len, p)) > 0)
			len += n;
		out[len] = '\0';
	} else {
		char sink[512];

		while (fread(sink, 1, sizeof(sink), p) > 0)
			;
	}
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int fh_sh(const char *fmt, ...)
{
	va_list ap;
	int st;

	va_start(ap, fmt);
	st = run(NULL, 0, fmt, ap);
	va_end(ap);
	return st;
}

int fh_sh_out(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	int st;

	va_start(ap, fmt);
	st = run(out, size, fmt, ap);
	va_end(ap);
	return st;
}

void fh_fill(uint8_t *buf, size_t n, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 1;

	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (uint8_t)x;
	}
}

void fh_host_file(const char *name, size_t n, uint32_t seed)
{
	uint8_t *buf = malloc(n ? n : 1);
	FILE *f = fopen(fh_path(name), "wb");

	ck_assert_ptr_nonnull(buf);
	ck_assert_ptr_nonnull(f);
	fh_fill(buf, n, seed);
	ck_assert_uint_eq(fwrite(buf, 1, n, f), n);
	fclose(f);
	free(buf);
}

uint32_t fh_crc32(const void *buf, size_t n)
{
	const uint8_t *p = buf;
	uint32_t crc = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = crc >> 1 ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

void fh_load(struct memdisk *d, const char *name)
{
	FILE *f = fopen(fh_path(name), "rb");
	long n;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	memset(d, 0, sizeof(*d));
	d->size = (size_t)n;
	d->data = malloc(d->size);
	ck_assert_ptr_nonnull(d->data);
	ck_assert_uint_eq(fread(d->data, 1, d->size, f), d->size);
	fclose(f);
	d->dev.ctx = d;
	d->dev.sector_size = 512;
	d->dev.sector_count = d->size / 512;
	d->dev.read = md_read;
	d->dev.write = md_write;
}

void fh_save(const struct memdisk *d, const char *name)
{
	FILE *f = fopen(fh_path(name), "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(d->data, 1, d->size, f), d->size);
	fclose(f);
}

void fh_free(struct memdisk *d)
{
	free(d->data);
	d->data = NULL;
}

static uint64_t fixed_clock(void *ctx)
{
	return 1700000000; /* 2023-11-14 22:13:20 */
}

struct fat_vol *fh_mount(struct memdisk *d, uint32_t cache_sectors)
{
	struct fat_options o = { .cache_sectors = cache_sectors,
				 .now = fixed_clock };
	char why[FAT_WHY_SIZE];
	struct fat_vol *v = NULL;
	mlk_status_t st = fat_mount(&d->dev, &o, &v, why);

	ck_assert_msg(st == MLK_OK, "mount: %d: %s", (int)st, why);
	return v;
}

uint8_t *fh_read_all(struct fat_vol *v, const char *path, size_t *len)
{
	struct fat_node n;
	uint8_t *buf;
	size_t got, off = 0;
	mlk_status_t st = fat_lookup(v, path, &n);

	ck_assert_msg(st == MLK_OK, "lookup %s: %d", path, (int)st);
	ck_assert_int_eq(n.type, FAT_REGULAR);
	buf = malloc(n.size + 1);
	ck_assert_ptr_nonnull(buf);
	/* Odd chunks, so reads start and end inside sectors. */
	do {
		st = fat_read(v, &n, off, buf + off, 7777, &got);
		ck_assert_msg(st == MLK_OK, "read %s: %d %s", path, (int)st,
			      fat_why(v));
		off += got;
	} while (got);
	ck_assert_uint_eq(off, n.size);
	*len = off;
	return buf;
}

void fh_write_new(struct fat_vol *v, const char *path, size_t n, uint32_t seed,
		  size_t chunk)
{
	struct fat_node node;
	uint8_t *buf = malloc(n ? n : 1);
	size_t off = 0, done;
	mlk_status_t st = fat_create(v, path, FAT_REGULAR, &node);

	ck_assert_msg(st == MLK_OK, "create %s: %d", path, (int)st);
	ck_assert_ptr_nonnull(buf);
	fh_fill(buf, n, seed);
	while (off < n) {
		size_t len = n - off < chunk ? n - off : chunk;

		st = fat_write(v, &node, off, buf + off, len, &done);
		ck_assert_msg(st == MLK_OK, "write %s: %d", path, (int)st);
		ck_assert_uint_eq(done, len);
		off += len;
	}
	free(buf);
}

const struct fh_file fh_files[] = {
	{ "/hello.txt", 100, 1 },
	{ "/A Long File Name With Spaces.txt", 3000, 2 },
	{ "/empty.dat", 0, 3 },
	{ "/big.bin", 5u << 20, 4 },
	{ "/UPPER.TXT", 512, 5 },
	{ "/mixedCase.Md", 4097, 6 },
	{ "/Dir One/level2/Level Three/deep4/file in deep.txt", 20000, 7 },
	{ "/Dir One/level2/two.txt", 1, 8 },
	{ "/Dir One/same prefix 1.txt", 10, 9 },
	{ "/Dir One/same prefix 2.txt", 11, 10 },
	{ "/Dir One/same prefix 3.txt", 12, 11 },
	{ NULL, 0, 0 },
};

void fh_make_image(const char *name, unsigned bits)
{
	/* KiB: FAT12 must stay under 4085 clusters, FAT32 above 65524. */
	unsigned kib = bits == 12 ? 8192 : bits == 16 ? 16384 : 40960;
	const char *opts = bits == 32 ? "-s 1" : "";

	ck_assert_int_eq(fh_sh("rm -f %s && mkfs.fat -C -F %u %s -n MLKTEST "
			       "%s %u >/dev/null",
			       name, bits, opts, name, kib),
			 0);
	ck_assert_int_eq(fh_sh("mmd -i %s '::/Dir One' '::/Dir One/level2' "
			       "'::/Dir One/level2/Level Three' "
			       "'::/Dir One/level2/Level Three/deep4'",
			       name),
			 0);
	for (const struct fh_file *f = fh_files; f->path; f++) {
		fh_host_file("host.tmp", f->size, f->seed);
		ck_assert_int_eq(
			fh_sh("mcopy -i %s host.tmp '::%s'", name, f->path), 0);
	}
}

void fh_expect_fsck_clean(const char *img)
{
	char out[8192];
	int st = fh_sh_out(out, sizeof(out), "fsck.fat -n %s", img);

	ck_assert_msg(st == 0 && !strstr(out, "Dirty"),
		      "fsck.fat -n %s: exit %d:\n%s", img, st, out);
}

void fh_expect_mtype(const char *img, const char *path, const uint8_t *want,
		     size_t len)
{
	struct memdisk got;

	ck_assert_int_eq(fh_sh("mtype -i %s '::%s' > mtype.out", img, path), 0);
	fh_load(&got, "mtype.out");
	ck_assert_msg(got.size == len, "mtype %s: %zu bytes, not %zu", path,
		      got.size, len);
	ck_assert_msg(!memcmp(got.data, want, len), "mtype %s: other bytes",
		      path);
	fh_free(&got);
}

bool fh_mtype_matches(const char *img, const char *path, const uint8_t *want,
		      size_t len)
{
	struct memdisk got;
	bool same;

	if (fh_sh("mtype -i %s '::%s' > mtype.out", img, path))
		return false;
	fh_load(&got, "mtype.out");
	same = got.size == len && !memcmp(got.data, want, len);
	fh_free(&got);
	return same;
}

void fh_expect_mtype_seed(const char *img, const char *path, size_t len,
			  uint32_t seed)
{
	uint8_t *want = malloc(len + 1);

	ck_assert_ptr_nonnull(want);
	fh_fill(want, len, seed);
	fh_expect_mtype(img, path, want, len);
	free(want);
}

void fh_expect_mdir(const char *img, const char *dir, const char *want)
{
	char out[8192];

	ck_assert_int_eq(fh_sh_out(out, sizeof(out),
				   "mdir -i %s -b '::%s' | LC_ALL=C sort", img,
				   dir),
			 0);
	ck_assert_str_eq(out, want);
}
