/*
 * fattest: the FAT service on virtio disks, under QEMU
 * (tests/qemu/fat-*.qt, tests/fatdisk/README.md).  Each argument is a
 * step, done in order:
 *
 *   sum:SCHEME    every file of SCHEME:// with its size and CRC-32, one
 *                 line each ("fattest: sum disk0:///a/b 12 0x1234abcd"),
 *                 which the host compares with its own (fatdisk.sh sums);
 *   write:SCHEME  the changes fatdisk.sh fd_check_write expects: new
 *                 files and folders, an append, renames, an unlink, a
 *                 folder made and removed, a file of several clusters,
 *                 then a file filled to "no space";
 *   kill:SCHEME:SERVICE:DRIVER
 *                 files written one after another; half way through
 *                 one, init kills SERVICE (the FAT service of SCHEME),
 *                 and later DRIVER (its disk's); each file whose close
 *                 succeeded is reported "complete" and must survive
 *                 (fatdisk.sh fd_check_kill); the shell must not have
 *                 been restarted;
 *   bad:SCHEME    the scheme is served but empty and read-only (a disk
 *                 the service refused);
 *   sync:SCHEME   mlk_fs_sync.
 *
 * Ends with "fattest: result: PASS" or FAIL; its exit powers off.
 */
#include <mlk/bundle.h>
#include <mlk/fs.h>
#include <mlk/init.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fatpat.h"

#define URI_SIZE 256
#define CHUNK 4096
#define RETRY_NS 50000000ull /* between tries while a service restarts */
#define RETRIES 400	     /* 20 s */

static int failures;
static uint8_t buf[CHUNK];

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("fattest: FAIL: %s:%d: ", __FILE__, __LINE__);  \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
			failures++;                                            \
		}                                                              \
	} while (0)

/* ---- sum ---------------------------------------------------------------- */

static mlk_status_t sum_file(const char *uri, uint64_t *size, uint32_t *crc)
{
	struct mlk_file f;
	size_t got;
	mlk_status_t st = mlk_fs_open(uri, MLK_O_READ, &f);

	*size = 0;
	*crc = 0;
	if (st != MLK_OK)
		return st;
	while ((st = mlk_fs_read(&f, buf, sizeof(buf), &got)) == MLK_OK &&
	       got) {
		*crc = mlk_crc32(*crc, buf, got);
		*size += got;
	}
	mlk_fs_close(&f);
	return st;
}

static void sum_dir(const char *uri, unsigned depth)
{
	struct mlk_file d;
	struct mlk_dirent e;
	char *child = malloc(URI_SIZE);
	mlk_status_t st = mlk_fs_open(uri, MLK_O_READ | MLK_O_DIRECTORY, &d);

	CHECK(st == MLK_OK && child, "open %s: %s", uri, mlk_status_str(st));
	if (st != MLK_OK || !child) {
		free(child);
		return;
	}
	for (uint64_t i = 0; mlk_fs_readdir(&d, i, &e) == MLK_OK; i++) {
		uint64_t size;
		uint32_t crc;
		snprintf(child, URI_SIZE, "%s%s%s", uri,
			 uri[strlen(uri) - 1] == '/' ? "" : "/", e.name);
		if (e.type == MLK_FILE_DIRECTORY) {
			printf("fattest: dir %s\n", child);
			if (depth < 16)
				sum_dir(child, depth + 1);
			continue;
		}
		st = sum_file(child, &size, &crc);
		CHECK(st == MLK_OK, "read %s: %s", child, mlk_status_str(st));
		CHECK(size == e.size, "%s: %lu bytes read, %lu listed", child,
		      (unsigned long)size, (unsigned long)e.size);
		printf("fattest: sum %s %lu 0x%08x\n", child,
		       (unsigned long)size, (unsigned)crc);
	}
	mlk_fs_close(&d);
	free(child);
}

/* ---- write -------------------------------------------------------------- */

static char uris[2][URI_SIZE];
static unsigned next_uri;

/* "SCHEME://PATH", good until the call after next. */
static const char *at(const char *scheme, const char *path)
{
	char *u = uris[next_uri++ % 2];

	snprintf(u, URI_SIZE, "%s://%s", scheme, path);
	return u;
}

/* Killed by init half way through the next file put writes (kill step). */
static const char *victim;

/* Write `len` bytes of pattern `seed` from byte `from` of it. */
static mlk_status_t put(struct mlk_file *f, uint32_t seed, uint64_t from,
			uint64_t len, uint64_t *done)
{
	*done = 0;
	while (*done < len) {
		if (victim && *done >= len / 2) {
			mlk_status_t st = mlk_init_kill(victim);
			CHECK(st == MLK_OK, "kill %s: %s", victim,
			      mlk_status_str(st));
			victim = NULL;
		}
		size_t n = len - *done < CHUNK ? len - *done : CHUNK, w = 0;
		fatpat_fill(buf, seed, from + *done, n);
		mlk_status_t st = mlk_fs_write(f, buf, n, &w);
		*done += w;
		if (st != MLK_OK)
			return st;
	}
	return MLK_OK;
}

/* A file of `len` bytes of pattern `seed`, made or replaced. */
static mlk_status_t make_file(const char *u, unsigned flags, uint32_t seed,
			      uint64_t len)
{
	struct mlk_file f;
	uint64_t done;
	mlk_status_t st = mlk_fs_open(u, MLK_O_WRITE | flags, &f);

	if (st != MLK_OK)
		return st;
	st = put(&f, seed, 0, len, &done);
	mlk_status_t st2 = mlk_fs_close(&f);
	return st != MLK_OK ? st : st2;
}

static mlk_status_t write_text(const char *u, unsigned flags, const char *s)
{
	struct mlk_file f;
	size_t done;
	mlk_status_t st = mlk_fs_open(u, MLK_O_WRITE | flags, &f);

	if (st != MLK_OK)
		return st;
	st = mlk_fs_write(&f, s, strlen(s), &done);
	mlk_status_t st2 = mlk_fs_close(&f);
	return st != MLK_OK ? st : st2;
}

#define MUST(call)                                                             \
	do {                                                                   \
		mlk_status_t st_ = (call);                                     \
		CHECK(st_ == MLK_OK, "%s: %s", #call, mlk_status_str(st_));    \
	} while (0)

/* The changes fatdisk.sh check-write looks for (keep them in step). */
static void write_step(const char *s)
{
	struct mlk_file f;
	uint64_t done = 0;
	mlk_status_t st;

	MUST(mlk_fs_mkdir(at(s, "/New Folder")));
	MUST(mlk_fs_mkdir(at(s, "/New Folder/Inner")));
	MUST(write_text(at(s, "/New Folder/Inner/hello from MLK.txt"),
			MLK_O_CREATE | MLK_O_EXCL, "hello from MLK\n"));
	MUST(write_text(at(s, "/append.txt"), MLK_O_APPEND, "and more\n"));
	MUST(mlk_fs_rename(at(s, "/rename-me.txt"),
			   at(s, "/New Folder/renamed.txt")));
	MUST(mlk_fs_rename(at(s, "/Dir1"), at(s, "/Dir One")));
	MUST(mlk_fs_unlink(at(s, "/remove-me.txt")));
	MUST(mlk_fs_mkdir(at(s, "/Short Lived")));
	MUST(mlk_fs_unlink(at(s, "/Short Lived")));
	MUST(make_file(at(s, "/grown.bin"), MLK_O_CREATE, 7, 3000));
	st = mlk_fs_open(at(s, "/grown.bin"), MLK_O_WRITE | MLK_O_APPEND, &f);
	CHECK(st == MLK_OK, "open grown.bin: %s", mlk_status_str(st));
	if (st == MLK_OK) {
		MUST(put(&f, 7, 3000, 70000 - 3000, &done));
		MUST(mlk_fs_close(&f));
	}
	/* The rest of the disk: "no space", and what went stays. */
	st = mlk_fs_open(at(s, "/fill.bin"), MLK_O_WRITE | MLK_O_CREATE, &f);
	CHECK(st == MLK_OK, "open fill.bin: %s", mlk_status_str(st));
	if (st == MLK_OK) {
		st = put(&f, 9, 0, 1ull << 40, &done);
		CHECK(st == MLK_ERR_NO_SPACE, "filling: %s",
		      mlk_status_str(st));
		MUST(mlk_fs_close(&f));
		printf("fattest: filled %lu bytes\n", (unsigned long)done);
	}
	/* An empty file needs only its entry; its first byte finds no room. */
	st = write_text(at(s, "/one-more.txt"), MLK_O_CREATE, "x");
	CHECK(st == MLK_ERR_NO_SPACE, "a byte on a full disk: %s",
	      mlk_status_str(st));
	MUST(mlk_fs_sync(at(s, "/")));
}

/* ---- kill --------------------------------------------------------------- */

/* Retry while the service or the driver comes back. */
static mlk_status_t patient_file(const char *u, uint32_t seed, uint64_t len)
{
	mlk_status_t st = MLK_OK;

	for (int i = 0; i < RETRIES; i++) {
		st = make_file(u, MLK_O_CREATE | MLK_O_TRUNCATE, seed, len);
		if (st == MLK_OK)
			return st;
		mlk_sleep(mlk_deadline_in(RETRY_NS));
	}
	return st;
}

/* The shell ran all along: never restarted. */
static void check_shell(void)
{
	struct mlk_init_service sv;

	for (uint32_t i = 0; mlk_init_list(i, &sv) == MLK_OK; i++)
		if (!strcmp(sv.name, "shell")) {
			CHECK(sv.pid != 0 && sv.restarts == 0,
			      "the shell: pid %lu, %u restarts",
			      (unsigned long)sv.pid, sv.restarts);
			return;
		}
	CHECK(0, "no shell in init's list");
}

static void kill_step(const char *s, const char *service, const char *driver)
{
	char name[32];
	unsigned complete = 0;

	for (unsigned n = 0; n < 12; n++) {
		snprintf(name, sizeof(name), "/k%02u.bin", n);
		if (n == 5)
			victim = service;
		if (n == 9)
			victim = driver;
		mlk_status_t st =
			patient_file(at(s, name), 100 + n, 150000 + n);
		CHECK(st == MLK_OK, "%s: %s", name, mlk_status_str(st));
		if (st == MLK_OK) {
			printf("fattest: complete %s\n", name);
			complete++;
		}
	}
	check_shell();
	printf("fattest: %u files complete\n", complete);
}

/* ---- bad ---------------------------------------------------------------- */

static void bad_step(const char *s)
{
	struct mlk_stat st;
	mlk_status_t r = mlk_fs_stat(at(s, "/"), &st);

	CHECK(r == MLK_OK && st.size == 0, "%s:// empty: %s", s,
	      mlk_status_str(r));
	r = mlk_fs_mkdir(at(s, "/x"));
	CHECK(r == MLK_ERR_READ_ONLY, "mkdir on %s://: %s", s,
	      mlk_status_str(r));
}

/* ---- main --------------------------------------------------------------- */

/* Wait for the scheme to be served (the services start in parallel). */
static void wait_scheme(const char *s)
{
	struct mlk_stat st;

	for (int i = 0; i < RETRIES; i++) {
		if (mlk_fs_stat(at(s, "/"), &st) == MLK_OK)
			return;
		mlk_sleep(mlk_deadline_in(RETRY_NS));
	}
	CHECK(0, "%s:// never came", s);
}

int main(int argc, char **argv)
{
	static char step[128]; /* argv is read-only */

	for (int i = 1; i < argc; i++) {
		strlcpy(step, argv[i], sizeof(step));
		char *scheme = strchr(step, ':');
		if (!scheme) {
			CHECK(0, "bad step %s", argv[i]);
			continue;
		}
		*scheme++ = 0;
		char *service = strchr(scheme, ':'), *driver = NULL;
		if (service) {
			*service++ = 0;
			driver = strchr(service, ':');
			if (driver)
				*driver++ = 0;
		}
		wait_scheme(scheme);
		if (!strcmp(step, "sum"))
			sum_dir(at(scheme, "/"), 0);
		else if (!strcmp(step, "write"))
			write_step(scheme);
		else if (!strcmp(step, "kill") && service && driver)
			kill_step(scheme, service, driver);
		else if (!strcmp(step, "bad"))
			bad_step(scheme);
		else if (!strcmp(step, "sync"))
			MUST(mlk_fs_sync(at(scheme, "/")));
		else
			CHECK(0, "bad step %s", argv[i]);
	}
	printf("fattest: result: %s\n", failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
