/*
 * A client that cannot pay for its own buffer: it attaches a demand-zero
 * memory object to open files, spends its whole quota, then reads and
 * writes.  The pages the service would copy into or out of can be had
 * by nobody: the requests must fail with MLK_ERR_NO_MEMORY, the services
 * stay (same pid, no restart), and nothing in tmp:// is lost.
 *
 * fstest is that client itself and gives its quota back afterwards.
 * Then fsholder plays a client of libmlk's in the same state.
 * While it is spent fstest must not need a new page of its own: no
 * printf, no check (which may print), nothing new in its bss, and its
 * stack touched beforehand as deep as the window goes.
 */
#include <string.h>

#include <mlk/init.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include "fstest.h"

#define BUF_SIZE (64 * 1024)
#define PAGE MLK_PAGE_SIZE
#define FILE_SIZE 70000
#define MAX_HOGS 64		/* memory objects to spend the quota with */
#define STACK_DEPTH (32 * 1024) /* what the window may use of the stack */

/* What happened while the quota was spent, looked at afterwards. */
struct window {
	mlk_status_t spent; /* one more committed page: must not come */
	mlk_status_t read_page, read_all, write_all, seek, initfs_read;
	uint64_t read_page_got, read_all_got, write_all_done, pos, initfs_got;
	mlk_status_t page_copy; /* page 0 of the buffer, into big_b */
};

/* The entry of init's list for `name`; its pid 0 if there is none. */
static struct mlk_init_service service(const char *name)
{
	struct mlk_init_service s;

	for (uint32_t i = 0; mlk_init_list(i, &s) == MLK_OK; i++)
		if (strcmp(s.name, name) == 0)
			return s;
	memset(&s, 0, sizeof(s));
	return s;
}

static mlk_handle_t open_raw(const char *uri, uint64_t flags)
{
	struct mlk_msg m;

	if (!CHECK_ST(raw_vfs(MLK_VFS_OPEN, flags, uri, strlen(uri), &m),
		      MLK_OK) ||
	    !CHECK(m.nhandles == 1))
		return MLK_HANDLE_NONE;
	return m.h[0];
}

/* Attach a copy of mem (all its rights) to file. */
static mlk_status_t attach(mlk_handle_t file, mlk_handle_t mem)
{
	struct mlk_msg m = { .label = MLK_FILE_ATTACH,
			     .nwords = 1,
			     .w = { BUF_SIZE },
			     .nhandles = 1,
			     .copy_mask = 1,
			     .h = { mem } };

	return raw_call(file, &m);
}

/* A read or write of len bytes through file's buffer; the count of the
 * reply in *n. */
static mlk_status_t move(mlk_handle_t file, uint32_t label, uint64_t len,
			 uint64_t *n)
{
	struct mlk_msg m = { .label = label, .nwords = 1, .w = { len } };
	mlk_status_t st = raw_call(file, &m);

	*n = m.nwords >= 1 ? m.w[0] : UINT64_MAX;
	return st;
}

/* Have the stack pages the window will use now, while they can be paid
 * for. */
static __attribute__((noinline)) void touch_stack(void)
{
	volatile char pad[STACK_DEPTH];

	for (size_t i = 0; i < sizeof(pad); i += PAGE / 2)
		pad[i] = 0;
}

/* Memory objects until not even the cheapest one comes: committed ones
 * of halving sizes, then uncommitted ones (which cost their page index)
 * the same way, so that less than a page of quota is left.  The handle
 * table has room for them all already (test_handles grew it). */
static unsigned spend_quota(mlk_handle_t *hogs)
{
	unsigned n = 0;

	for (int pass = 0; pass < 2; pass++) {
		uint32_t flags = pass == 0 ? MLK_MEM_COMMIT : 0;
		for (uint64_t size = 16u << 20; size >= PAGE; size /= 2)
			while (n < MAX_HOGS &&
			       mlk_mem_create(size, flags, &hogs[n]) == MLK_OK)
				n++;
	}
	return n;
}

static void give_back(mlk_handle_t *hogs, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		mlk_handle_close(hogs[i]);
}

/* The attack, on tmp:///precious (70000 bytes) and initfs:///bin/fstest,
 * each with a demand-zero buffer; the tmp:// one has page 0 there. */
static __attribute__((noinline)) unsigned attack(mlk_handle_t file,
						 mlk_handle_t mem,
						 mlk_handle_t ifile,
						 struct window *w)
{
	mlk_handle_t hogs[MAX_HOGS], extra;
	struct mlk_msg m;
	unsigned n;

	touch_stack();
	n = spend_quota(hogs);
	w->spent = mlk_mem_create(PAGE, MLK_MEM_COMMIT, &extra);
	if (w->spent == MLK_OK)
		mlk_handle_close(extra);
	/* Into page 0 only: that page is paid for. */
	w->read_page = move(file, MLK_FILE_READ, PAGE, &w->read_page_got);
	w->page_copy = mlk_mem_read(mem, 0, big_b, PAGE);
	/* Pages 1.. are not, nor can they be. */
	w->read_all = move(file, MLK_FILE_READ, BUF_SIZE, &w->read_all_got);
	w->write_all = move(file, MLK_FILE_WRITE, BUF_SIZE, &w->write_all_done);
	m = (struct mlk_msg){ .label = MLK_FILE_SEEK,
			      .nwords = 2,
			      .w = { 0, MLK_SEEK_CUR } };
	w->seek = raw_call(file, &m);
	w->pos = m.w[0];
	w->initfs_read = move(ifile, MLK_FILE_READ, BUF_SIZE, &w->initfs_got);
	give_back(hogs, n);
	return n;
}

/* The service is the one it was: same pid, not restarted. */
static void same_service(const struct mlk_init_service *before)
{
	struct mlk_init_service now = service(before->name);

	CHECK(before->pid != 0);
	CHECK(now.pid == before->pid);
	CHECK(now.restarts == before->restarts);
}

/* libmlk's own side: a client whose quota is spent gets a status from
 * mlk_fs_write, where it used to fault on its demand-zero buffer. */
static void client_spent(void)
{
	struct mlk_init_service s;
	uint64_t pid = 0;
	int tries = 0;

	CHECK_ST(mlk_init_run("fsholder", "spent tmp:///spent", &pid), MLK_OK);
	do {
		mlk_sleep(mlk_deadline_in(10 * 1000000ull));
		s = service("fsholder");
	} while (s.state == MLK_INIT_RUNNING && ++tries < 500);
	CHECK(s.state != MLK_INIT_RUNNING);
	CHECK(s.exit_code == MLK_ERR_NO_MEMORY);
	CHECK_ST(mlk_fs_unlink("tmp:///spent"), MLK_OK);
}

TEST(buffer_quota, spent)
{
	struct mlk_init_service ramfs = service("ramfs"),
				initfs = service("initfs");
	mlk_handle_t file, ifile, mem = MLK_HANDLE_NONE, imem = MLK_HANDLE_NONE;
	struct window w;
	uint64_t n;
	size_t len;
	unsigned hogs;

	CHECK_ST(write_file("tmp:///precious", FILE_SIZE, 14), MLK_OK);
	file = open_raw("tmp:///precious", MLK_O_READ | MLK_O_WRITE);
	ifile = open_raw("initfs:///bin/fstest", MLK_O_READ);
	if (!file || !ifile)
		return;
	CHECK_ST(mlk_mem_create(BUF_SIZE, 0, &mem), MLK_OK);
	CHECK_ST(mlk_mem_create(BUF_SIZE, 0, &imem), MLK_OK);
	CHECK_ST(attach(file, mem), MLK_OK);
	CHECK_ST(attach(ifile, imem), MLK_OK);
	memset(big_b, 0, PAGE);
	CHECK_ST(mlk_mem_write(mem, 0, big_b, PAGE), MLK_OK); /* page 0 */
	memset(&w, 0, sizeof(w));

	hogs = attack(file, mem, ifile, &w);

	CHECK(hogs > 0 && hogs < MAX_HOGS);
	CHECK_ST(w.spent, MLK_ERR_NO_MEMORY);
	CHECK_ST(w.read_page, MLK_OK);
	CHECK(w.read_page_got == PAGE);
	CHECK_ST(w.page_copy, MLK_OK);
	CHECK(check_pattern(big_b, PAGE, 0, 14) < 0);
	/* A status, not a fault of the service; nothing counted that did
	 * not move, so the position stays after the first page. */
	CHECK_ST(w.read_all, MLK_ERR_NO_MEMORY);
	CHECK(w.read_all_got == 0);
	CHECK_ST(w.write_all, MLK_ERR_NO_MEMORY);
	CHECK(w.write_all_done == 0);
	CHECK_ST(w.seek, MLK_OK);
	CHECK(w.pos == PAGE);
	CHECK_ST(w.initfs_read, MLK_ERR_NO_MEMORY);
	CHECK(w.initfs_got == 0);
	same_service(&ramfs);
	same_service(&initfs);
	/* Nothing lost, and with the quota back the same requests work. */
	CHECK_ST(read_file("tmp:///precious", big_b, BIG, &len), MLK_OK);
	CHECK(len == FILE_SIZE && check_pattern(big_b, len, 0, 14) < 0);
	CHECK_ST(move(file, MLK_FILE_READ, BUF_SIZE, &n), MLK_OK);
	CHECK(n == BUF_SIZE);
	CHECK_ST(mlk_mem_read(mem, 0, big_b, BUF_SIZE), MLK_OK);
	CHECK(check_pattern(big_b, BUF_SIZE, PAGE, 14) < 0);
	CHECK_ST(move(ifile, MLK_FILE_READ, BUF_SIZE, &n), MLK_OK);
	CHECK(n == BUF_SIZE);
	for (int i = 0; i < 2; i++) {
		struct mlk_msg m = { .label = MLK_FILE_CLOSE };
		CHECK_ST(raw_call(i ? ifile : file, &m), MLK_OK);
	}
	mlk_handle_close(file);
	mlk_handle_close(ifile);
	mlk_handle_close(mem);
	mlk_handle_close(imem);
	CHECK_ST(mlk_fs_unlink("tmp:///precious"), MLK_OK);
	client_spent();
}
