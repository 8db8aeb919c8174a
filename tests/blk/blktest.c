/*
 * blktest: the virtio-blk driver through the block client, under QEMU
 * (tests/qemu/blk-*.qt).  Arguments: one word per disk it expects,
 * NAME:MODE:SECTORS:SEED (blk0:rw:4096:1), MODE rw or ro, SEED the
 * pattern the host filled the image with (pattern.h); or MODE io, whose
 * reads of sector SEED fail (the host injects the error).  For each disk:
 * the info, every sector read back, and on a writable one 300 sectors
 * from 1000 on written with seed 0x40 + its place in the list, and its
 * last sector with 0x50 + place; on the first writable one also four
 * clients at once, each 100 sectors from 2000 + 100 * i on, seed
 * 0x60 + i.  The host then checks the images (diskpat check).  The
 * protocol's error statuses, a read-only disk's refusal and init's
 * devices list are checked too.  A word "rng" says there is a virtio-rng
 * device: mlk_random must then give bytes; "norng" that there is none:
 * mlk_random must time out.  The first writable disk's driver is then
 * killed (grant=control) and must serve again once init restarted it.  Ends
 * with "blktest: result: PASS" or FAIL, and its exit powers the machine off.
 */
#include <mlk/block.h>
#include <mlk/init.h>
#include <mlk/msg.h>
#include <mlk/names.h>
#include <mlk/random.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>
#include <mlk/virtio.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"

#define MAX_DISKS 4
#define OPEN_NS 10000000000ull /* how long a driver may take to appear */
#define WRITE_FIRST 1000
#define WRITE_COUNT 300
#define NWORKERS 4
#define WORKER_FIRST 2000
#define WORKER_COUNT 100
#define WORKER_STACK (64u << 10)
#define WAIT_STEP_NS 10000000ull
#define WAIT_STEPS 3000 /* 30 s for the workers at most */

struct disk {
	char name[16];
	bool read_only;
	bool io_error; /* mode "io": reads of sector `seed` fail */
	uint64_t sectors;
	uint32_t seed;
	unsigned place;
};

static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("blktest: FAIL: %s:%d: ", __FILE__, __LINE__);  \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
			failures++;                                            \
		}                                                              \
	} while (0)

#define CHECK_ST(expr, want)                                                   \
	do {                                                                   \
		mlk_status_t got_ = (expr);                                    \
		CHECK(got_ == (want), "%s: %s, want %s", #expr,                \
		      mlk_status_str(got_), mlk_status_str(want));             \
	} while (0)

/* NAME:MODE:SECTORS:SEED */
static bool parse_disk(const char *word, struct disk *d)
{
	const char *mode = strchr(word, ':');
	char *end;

	if (!mode || mode - word >= (long)sizeof(d->name) ||
	    (strncmp(mode, ":rw:", 4) && strncmp(mode, ":ro:", 4) &&
	     strncmp(mode, ":io:", 4)))
		return false;
	memcpy(d->name, word, (size_t)(mode - word));
	d->name[mode - word] = '\0';
	d->read_only = mode[2] == 'o' && mode[1] == 'r';
	d->io_error = mode[1] == 'i';
	d->sectors = strtoull(mode + 4, &end, 10);
	if (*end != ':' || d->sectors < 2)
		return false;
	d->seed = (uint32_t)strtoul(end + 1, &end, 10);
	return *end == '\0';
}

/* Every sector holds the host's pattern but what this test wrote. */
static void check_contents(struct mlk_block *b, const struct disk *d)
{
	static uint8_t buf[256 * PATTERN_SECTOR];
	uint64_t per = sizeof(buf) / PATTERN_SECTOR;

	for (uint64_t s = 0; s < d->sectors; s += per) {
		uint64_t n = d->sectors - s < per ? d->sectors - s : per;
		CHECK_ST(mlk_block_read(b, s, n, buf), MLK_OK);
		int64_t bad = pattern_check(buf, d->seed, s, n);
		CHECK(bad < 0, "%s: sector %ld is not the host's", d->name,
		      (long)bad);
	}
}

static void write_and_check(struct mlk_block *b, uint64_t first, uint64_t count,
			    uint32_t seed, const char *what)
{
	static uint8_t buf[WRITE_COUNT * PATTERN_SECTOR];

	pattern_fill(buf, seed, first, count);
	CHECK_ST(mlk_block_write(b, first, count, buf), MLK_OK);
	memset(buf, 0, sizeof(buf));
	CHECK_ST(mlk_block_read(b, first, count, buf), MLK_OK);
	CHECK(pattern_check(buf, seed, first, count) < 0,
	      "%s: read back differs", what);
}

/* A request straight to the driver, past the client's own checks. */
static mlk_status_t raw(mlk_handle_t ep, uint32_t label, uint64_t sector,
			uint64_t count, uint64_t offset)
{
	struct mlk_msg m = { .label = label,
			     .nwords = 3,
			     .w = { sector, count, offset } };
	mlk_status_t st = mlk_msg_call(ep, &m, MLK_FOREVER);

	return st == MLK_OK ? (mlk_status_t)m.label : st;
}

static void check_info(const struct mlk_block *b, const struct disk *d)
{
	const struct mlk_block_info *i = mlk_block_info(b);

	CHECK(i->sector_size == 512, "%s: sector size %u", d->name,
	      (unsigned)i->sector_size);
	CHECK(i->sectors == d->sectors, "%s: %lu sectors, want %lu", d->name,
	      (unsigned long)i->sectors, (unsigned long)d->sectors);
	CHECK(i->read_only == d->read_only, "%s: read-only %d", d->name,
	      i->read_only);
	CHECK(i->max_request_sectors >= 128, "%s: %u sectors a request",
	      d->name, (unsigned)i->max_request_sectors);
}

static void test_read_only(struct mlk_block *b, const struct disk *d)
{
	uint8_t sector[PATTERN_SECTOR] = { 0 };

	CHECK_ST(mlk_block_write(b, 0, 1, sector), MLK_ERR_READ_ONLY);
	CHECK_ST(mlk_block_write_window(b, 0, 1, 0), MLK_ERR_READ_ONLY);
	/* The driver refuses too, not only the client. */
	CHECK_ST(raw(b->ep, MLK_BLOCK_WRITE, 0, 1, 0), MLK_ERR_READ_ONLY);
	CHECK_ST(mlk_block_flush(b), MLK_OK);
}

/* Transfers in the window itself: no copy, the caller's own offsets. */
static void test_window(struct mlk_block *b, const struct disk *d)
{
	uint32_t size, max = mlk_block_info(b)->max_request_sectors;
	uint8_t *w = mlk_block_window(b, &size);
	uint64_t first = WRITE_FIRST + 10;

	CHECK(w && size == MLK_BLOCK_WINDOW_SIZE, "%s: window of %u", d->name,
	      (unsigned)size);
	CHECK_ST(mlk_block_read_window(b, 7, 3, 1024), MLK_OK);
	CHECK(pattern_check(w + 1024, d->seed, 7, 3) < 0,
	      "%s: sectors 7..9 in the window", d->name);
	/* Rewrite what test_writable wrote, from another offset. */
	pattern_fill(w + 4096, 0x40 + d->place, first, 4);
	CHECK_ST(mlk_block_write_window(b, first, 4, 4096), MLK_OK);
	memset(w, 0, size);
	CHECK_ST(mlk_block_read_window(b, first, 4, size - 4 * 512), MLK_OK);
	CHECK(pattern_check(w + size - 4 * 512, 0x40 + d->place, first, 4) < 0,
	      "%s: window write read back", d->name);
	CHECK_ST(mlk_block_read_window(b, d->sectors, 1, 0),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_block_read_window(b, 0, 0, 0), MLK_ERR_BAD_ARG(2));
	CHECK_ST(mlk_block_read_window(b, 0, max + 1, 0), MLK_ERR_BAD_ARG(2));
	CHECK_ST(mlk_block_read_window(b, 0, 1, size - 511),
		 MLK_ERR_BAD_ARG(3));
	CHECK_ST(mlk_block_write_window(b, 0, 1, UINT32_MAX),
		 MLK_ERR_BAD_ARG(3));
}

static void test_writable(struct mlk_block *b, const struct disk *d)
{
	uint8_t last[PATTERN_SECTOR];

	write_and_check(b, WRITE_FIRST, WRITE_COUNT, 0x40 + d->place, d->name);
	pattern_fill(last, 0x50 + d->place, d->sectors - 1, 1);
	CHECK_ST(mlk_block_write(b, d->sectors - 1, 1, last), MLK_OK);
	CHECK_ST(mlk_block_write(b, d->sectors, 1, last), MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_block_write(b, d->sectors - 1, 2, last),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_block_flush(b), MLK_OK);
}

/* A partition table blktest writes into sector 0 is read back through
 * the client; then sector 0 gets the host's bytes again. */
static void test_partitions(struct mlk_block *b, const struct disk *d)
{
	static const uint8_t entries[2][16] = {
		{ 0x80, 0, 0, 0, 0x0c, 0, 0, 0, 0x00, 0x08, 0, 0, 0x00, 0x04 },
		{ 0x00, 0, 0, 0, 0x83, 0, 0, 0, 0x00, 0x0c, 0, 0, 0x00, 0x02 },
	};
	struct mlk_partition parts[MLK_PARTITION_MAX];
	enum mlk_partition_scheme scheme;
	uint8_t sector[PATTERN_SECTOR] = { 0 };
	unsigned n = 0;

	memcpy(sector + 446, entries, sizeof(entries));
	sector[510] = 0x55;
	sector[511] = 0xaa;
	CHECK_ST(mlk_block_write(b, 0, 1, sector), MLK_OK);
	CHECK_ST(mlk_block_partitions(b, parts, MLK_PARTITION_MAX, &n, &scheme),
		 MLK_OK);
	CHECK(n == 2 && scheme == MLK_PARTITION_MBR && parts[0].start == 2048 &&
		      parts[0].count == 1024 && parts[0].type == 0x0c &&
		      parts[1].start == 3072 && parts[1].count == 512 &&
		      parts[1].type == 0x83,
	      "%s: %u partitions read back", d->name, n);
	pattern_fill(sector, d->seed, 0, 1);
	CHECK_ST(mlk_block_write(b, 0, 1, sector), MLK_OK);
	CHECK_ST(mlk_block_partitions(b, parts, MLK_PARTITION_MAX, &n, &scheme),
		 MLK_ERR_NOT_FOUND);
}

/* The driver's own checks of each request (mlk/proto/block.h). */
static void test_protocol(struct mlk_block *b, const struct disk *d)
{
	uint32_t max = mlk_block_info(b)->max_request_sectors;
	mlk_handle_t named, mem;
	struct mlk_msg m;

	CHECK_ST(raw(b->ep, MLK_BLOCK_READ, d->sectors, 1, 0),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(raw(b->ep, MLK_BLOCK_READ, d->sectors - 1, 2, 0),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(raw(b->ep, MLK_BLOCK_READ, UINT64_MAX, 2, 0),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(raw(b->ep, MLK_BLOCK_READ, 0, 0, 0), MLK_ERR_BAD_ARG(1));
	CHECK_ST(raw(b->ep, MLK_BLOCK_READ, 0, (uint64_t)max + 1, 0),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(raw(b->ep, MLK_BLOCK_READ, 0, 1, b->window_size),
		 MLK_ERR_BAD_ARG(2));
	CHECK_ST(raw(b->ep, MLK_BLOCK_READ, 0, 2, b->window_size - 512),
		 MLK_ERR_BAD_ARG(2));
	CHECK_ST(raw(b->ep, MLK_BLOCK_READ, 0, 1, UINT64_MAX),
		 MLK_ERR_BAD_ARG(2));
	CHECK_ST(raw(b->ep, MLK_BLOCK_READ, 0, 1, b->window_size - 512),
		 MLK_OK);
	CHECK_ST(mlk_names_lookup(d->name, MLK_FOREVER, &named), MLK_OK);
	/* The handle the name gives opens; it does not read. */
	CHECK_ST(raw(named, MLK_BLOCK_READ, 0, 1, 0), MLK_ERR_BAD_STATE);
	CHECK_ST(raw(named, MLK_BLOCK_FLUSH, 0, 0, 0), MLK_ERR_BAD_STATE);
	m = (struct mlk_msg){ .label = MLK_BLOCK_OPEN };
	CHECK_ST(mlk_msg_call(named, &m, MLK_FOREVER), MLK_OK);
	CHECK_ST((mlk_status_t)m.label, MLK_ERR_BAD_ARG(0));
	/* A window that is not contiguous (the kernel gives it no PHYS
	 * right), one whose handle lacks PHYS, and a handle that is no
	 * memory at all. */
	CHECK_ST(mlk_mem_create(8192, 0, &mem), MLK_OK);
	m = (struct mlk_msg){ .label = MLK_BLOCK_OPEN,
			      .nhandles = 1,
			      .h = { mem } };
	CHECK_ST(mlk_msg_call(named, &m, MLK_FOREVER), MLK_OK);
	CHECK_ST((mlk_status_t)m.label, MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_mem_create(8192, MLK_MEM_CONTIGUOUS, &mem), MLK_OK);
	CHECK_ST(mlk_handle_duplicate(mem, MLK_RIGHT_READ | MLK_RIGHTS_BASIC,
				      &m.h[0]),
		 MLK_OK);
	mlk_handle_close(mem);
	m = (struct mlk_msg){ .label = MLK_BLOCK_OPEN,
			      .nhandles = 1,
			      .h = { m.h[0] } };
	CHECK_ST(mlk_msg_call(named, &m, MLK_FOREVER), MLK_OK);
	CHECK_ST((mlk_status_t)m.label, MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_notification_create(&mem), MLK_OK);
	m = (struct mlk_msg){ .label = MLK_BLOCK_OPEN,
			      .nhandles = 1,
			      .h = { mem } };
	CHECK_ST(mlk_msg_call(named, &m, MLK_FOREVER), MLK_OK);
	CHECK_ST((mlk_status_t)m.label, MLK_ERR_WRONG_TYPE);
	m = (struct mlk_msg){ .label = 0x424b00ff };
	CHECK_ST(mlk_msg_call(named, &m, MLK_FOREVER), MLK_OK);
	CHECK_ST((mlk_status_t)m.label, MLK_ERR_NOT_SUPPORTED);
	mlk_handle_close(named);
}

/* ---- several clients at once ------------------------------------------- */

struct worker {
	const struct disk *disk;
	unsigned index;
	mlk_handle_t thread;
	uint8_t *stack;
	volatile bool done;
	mlk_status_t st;
	bool same;
	uint8_t buf[WORKER_COUNT * PATTERN_SECTOR];
};

static struct worker workers[NWORKERS];

/* Each worker: its own client, its own sectors, written and read back
 * while the others do the same. */
static void worker_main(struct worker *w)
{
	struct mlk_block b;
	uint64_t first = WORKER_FIRST + WORKER_COUNT * w->index;
	uint32_t seed = 0x60 + w->index;

	w->st = mlk_block_open(w->disk->name, MLK_FOREVER, &b);
	if (w->st == MLK_OK) {
		pattern_fill(w->buf, seed, first, WORKER_COUNT);
		w->st = mlk_block_write(&b, first, WORKER_COUNT, w->buf);
	}
	if (w->st == MLK_OK) {
		memset(w->buf, 0, sizeof(w->buf));
		w->st = mlk_block_read(&b, first, WORKER_COUNT, w->buf);
		w->same = pattern_check(w->buf, seed, first, WORKER_COUNT) < 0;
	}
	mlk_block_close(&b);
	w->done = true;
	mlk_thread_exit(0);
}

static void test_clients(const struct disk *d)
{
	static const char name[] = "blkworker";
	unsigned i, steps = 0;

	for (i = 0; i < NWORKERS; i++) {
		struct worker *w = &workers[i];
		w->disk = d;
		w->index = i;
		w->stack = mlk_map_anonymous(WORKER_STACK);
		CHECK(w->stack, "no memory for a worker's stack");
		if (!w->stack)
			return;
		CHECK_ST(mlk_thread_create(
				 MLK_HANDLE_SELF_PROCESS,
				 (uint64_t)(uintptr_t)worker_main,
				 (uint64_t)(uintptr_t)w->stack + WORKER_STACK,
				 (uint64_t)(uintptr_t)w, MLK_PRIO_DEFAULT, name,
				 sizeof(name) - 1, &w->thread),
			 MLK_OK);
	}
	for (i = 0; i < NWORKERS; i++)
		CHECK_ST(mlk_thread_start(workers[i].thread), MLK_OK);
	for (i = 0; i < NWORKERS && steps < WAIT_STEPS;) {
		if (workers[i].done)
			i++;
		else
			mlk_sleep(mlk_deadline_in(WAIT_STEP_NS)), steps++;
	}
	for (i = 0; i < NWORKERS; i++) {
		CHECK(workers[i].done, "worker %u never finished", i);
		CHECK_ST(workers[i].st, MLK_OK);
		CHECK(workers[i].same, "worker %u read back other bytes", i);
	}
}

/* ---- init's list --------------------------------------------------------- */

static void test_devices(const struct disk *disks, unsigned n)
{
	struct mlk_init_device dev;
	unsigned blk = 0;

	for (uint32_t i = 0; mlk_init_device(i, &dev) == MLK_OK; i++) {
		if (dev.device_id != MLK_VIRTIO_ID_BLOCK)
			continue;
		CHECK(blk < n && !strcmp(dev.driver, disks[blk].name),
		      "device %u is driven by '%s'", i, dev.driver);
		CHECK(dev.driver_pid != 0, "%s is not running", dev.driver);
		blk++;
	}
	CHECK(blk == n, "init lists %u disks, want %u", blk, n);
	CHECK_ST(mlk_init_device(99, &dev), MLK_ERR_NOT_FOUND);
}

/* Bytes from rngd: two draws differ, and neither is all zeros. */
static void test_random(bool present)
{
	static uint8_t a[600], b[600], zero[600];

	if (!present) {
		CHECK_ST(mlk_random(a, 16), MLK_ERR_TIMED_OUT);
		return;
	}
	CHECK_ST(mlk_random(a, sizeof(a)), MLK_OK);
	CHECK_ST(mlk_random(b, sizeof(b)), MLK_OK);
	CHECK(memcmp(a, b, sizeof(a)), "two draws of random bytes are equal");
	CHECK(memcmp(a, zero, sizeof(a)), "random bytes are all zero");
	CHECK_ST(mlk_random(a, 1), MLK_OK);
	CHECK_ST(mlk_random(a, 0), MLK_OK);
	printf("blktest: random: ok\n");
}

/* A disk whose reads of one sector fail (QEMU's blkdebug, rerror=report):
 * the device's error becomes MLK_ERR_IO, and the driver goes on serving
 * everything else. */
static void test_io_error(struct mlk_block *b, const struct disk *d)
{
	static uint8_t buf[3 * PATTERN_SECTOR];
	uint64_t bad = d->seed;

	CHECK_ST(mlk_block_read(b, bad, 1, buf), MLK_ERR_IO);
	CHECK_ST(mlk_block_read(b, bad - 1, 3, buf), MLK_ERR_IO);
	CHECK_ST(mlk_block_read(b, bad + 1, 2, buf), MLK_OK);
	CHECK_ST(mlk_block_write(b, bad, 1, buf), MLK_OK);
	CHECK_ST(mlk_block_read(b, bad, 1, buf), MLK_ERR_IO);
	CHECK_ST(mlk_block_read(b, 0, 1, buf), MLK_OK);
	CHECK_ST(mlk_block_flush(b), MLK_OK);
}

/* The driver killed and restarted by init: an open client's requests
 * fail with a status, and the disk opens again under the same name. */
static void test_restart(const struct disk *d)
{
	uint8_t sector[PATTERN_SECTOR];
	struct mlk_block b;
	mlk_status_t st;
	int tries = 0;

	CHECK_ST(mlk_block_open(d->name, mlk_deadline_in(OPEN_NS), &b), MLK_OK);
	CHECK_ST(mlk_init_kill(d->name), MLK_OK);
	CHECK_ST(mlk_block_read(&b, 0, 1, sector), MLK_ERR_PEER_CLOSED);
	mlk_block_close(&b);
	/* Until init has seen the old one go, the name may still give its
	 * dead endpoint. */
	do {
		st = mlk_block_open(d->name, mlk_deadline_in(OPEN_NS), &b);
		if (st == MLK_ERR_PEER_CLOSED)
			mlk_sleep(mlk_deadline_in(WAIT_STEP_NS));
	} while (st == MLK_ERR_PEER_CLOSED && ++tries < 100);
	CHECK_ST(st, MLK_OK);
	if (st != MLK_OK)
		return;
	CHECK_ST(mlk_block_read(&b, 0, 1, sector), MLK_OK);
	CHECK(pattern_check(sector, d->seed, 0, 1) < 0,
	      "%s: sector 0 after a restart", d->name);
	mlk_block_close(&b);
	printf("blktest: %s: restarted\n", d->name);
}

static void test_disk(struct disk *d, bool first_rw)
{
	struct mlk_block b;
	mlk_status_t st = mlk_block_open(d->name, mlk_deadline_in(OPEN_NS), &b);

	CHECK_ST(st, MLK_OK);
	if (st != MLK_OK)
		return;
	check_info(&b, d);
	if (d->io_error) {
		test_io_error(&b, d);
		mlk_block_close(&b);
		printf("blktest: %s: ok\n", d->name);
		return;
	}
	check_contents(&b, d);
	if (d->read_only) {
		test_read_only(&b, d);
	} else {
		test_protocol(&b, d);
		test_writable(&b, d);
		test_window(&b, d);
		test_partitions(&b, d);
		if (first_rw)
			test_clients(d);
	}
	mlk_block_close(&b);
	printf("blktest: %s: ok\n", d->name);
	if (first_rw)
		test_restart(d);
}

int main(int argc, char **argv)
{
	struct disk disks[MAX_DISKS];
	unsigned n = 0;
	bool rw_seen = false;
	int rng = -1;

	for (int i = 1; i < argc && n < MAX_DISKS; i++) {
		if (!strcmp(argv[i], "rng") || !strcmp(argv[i], "norng")) {
			rng = argv[i][0] == 'r';
			continue;
		}
		if (!parse_disk(argv[i], &disks[n])) {
			printf("blktest: bad argument '%s'\n", argv[i]);
			return 2;
		}
		disks[n].place = n;
		n++;
	}
	for (unsigned i = 0; i < n; i++) {
		bool rw = !disks[i].read_only && !disks[i].io_error;
		test_disk(&disks[i], rw && !rw_seen);
		rw_seen |= rw;
	}
	/* No such disk: at once, or when the wait is over. */
	CHECK_ST(mlk_block_open("blk9", mlk_deadline_in(0),
				&(struct mlk_block){ 0 }),
		 MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_block_open("blk9", mlk_deadline_in(50000000),
				&(struct mlk_block){ 0 }),
		 MLK_ERR_TIMED_OUT);
	test_devices(disks, n);
	/* blktest has no virtio grant: libmlk's transport finds none. */
	struct mlk_virtio v;
	CHECK_ST(mlk_virtio_open(&v, MLK_VIRTIO_ID_BLOCK), MLK_ERR_NOT_FOUND);
	if (rng >= 0)
		test_random(rng);
	printf("blktest: result: %s\n", failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
