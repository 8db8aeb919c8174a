/*
 * Open files as handles: one handle per file, stale after close, the
 * open-file table's limit, files closed by the death of the client that
 * held them, and requests on a file that the client would not make (the
 * buffer, the words, requests meant for the vfs).
 */
#include <string.h>

#include <mlk/init.h>
#include <mlk/sys.h>

#include "fstest.h"

#define MAX_OPEN 128 /* the file system services' table */
#define PATIENCE_NS (10ull * 1000000000)

TEST(handles, stale)
{
	struct mlk_file f, g;
	struct mlk_msg m;
	mlk_handle_t copy = MLK_HANDLE_NONE, kept;
	uint32_t type = 0, rights = 0;
	size_t got;

	CHECK_ST(write_file("tmp:///stale", 10, 8), MLK_OK);
	CHECK_ST(mlk_fs_open("tmp:///stale", MLK_O_READ, &f), MLK_OK);
	/* One handle per file: it moves, it is not copied. */
	CHECK_ST(mlk_handle_info(f.h, &type, &rights), MLK_OK);
	CHECK(rights == (MLK_RIGHT_SEND | MLK_RIGHT_TRANSFER));
	CHECK_ST(mlk_handle_duplicate(f.h, MLK_RIGHT_SEND, &copy),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_fs_close(&f), MLK_OK);
	/* The handle itself is gone... */
	CHECK_ST(mlk_fs_read(&f, big_b, 10, &got), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_fs_close(&f), MLK_ERR_BAD_HANDLE);
	/* ...and one kept after MLK_FILE_CLOSE names a file that is closed,
	 * also once its slot holds another file. */
	CHECK_ST(mlk_fs_open("tmp:///stale", MLK_O_READ, &f), MLK_OK);
	kept = f.h;
	m = (struct mlk_msg){ .label = MLK_FILE_CLOSE };
	CHECK_ST(raw_call(kept, &m), MLK_OK);
	m = (struct mlk_msg){ .label = MLK_FILE_STAT };
	CHECK_ST(raw_call(kept, &m), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_fs_open("tmp:///stale", MLK_O_READ, &g), MLK_OK);
	m = (struct mlk_msg){ .label = MLK_FILE_READ, .nwords = 1, .w = { 5 } };
	CHECK_ST(raw_call(kept, &m), MLK_ERR_BAD_HANDLE);
	m = (struct mlk_msg){ .label = MLK_FILE_CLOSE };
	CHECK_ST(raw_call(kept, &m), MLK_ERR_BAD_HANDLE);
	/* Its close notice names a generation that has passed: the file
	 * now in its slot stays open. */
	CHECK_ST(mlk_handle_close(kept), MLK_OK);
	CHECK_ST(mlk_fs_read(&g, big_b, 10, &got), MLK_OK);
	CHECK(got == 10 && check_pattern(big_b, 10, 0, 8) < 0);
	CHECK_ST(mlk_fs_close(&g), MLK_OK);
}

TEST(handles, table_full)
{
	static struct mlk_file files[MAX_OPEN];
	struct mlk_file extra;
	unsigned n = 0;

	while (n < MAX_OPEN &&
	       mlk_fs_open("tmp:///stale", MLK_O_READ, &files[n]) == MLK_OK)
		n++;
	CHECK(n == MAX_OPEN);
	CHECK_ST(mlk_fs_open("tmp:///stale", MLK_O_READ, &extra),
		 MLK_ERR_NO_RESOURCES);
	/* One table per service: initfs still opens. */
	CHECK_ST(mlk_fs_open("initfs:///etc/motd", MLK_O_READ, &extra), MLK_OK);
	CHECK_ST(mlk_fs_close(&extra), MLK_OK);
	CHECK_ST(mlk_fs_close(&files[0]), MLK_OK);
	CHECK_ST(mlk_fs_open("tmp:///stale", MLK_O_READ, &files[0]), MLK_OK);
	for (unsigned i = 0; i < n; i++)
		CHECK_ST(mlk_fs_close(&files[i]), MLK_OK);
}

/* A client that dies with files open: fsholder fills ramfs's table and
 * is killed; the kernel's close notices give every slot back. */
TEST(handles, client_killed)
{
	static struct mlk_file files[MAX_OPEN];
	struct mlk_file extra;
	uint64_t pid = 0;
	unsigned n = 0;

	CHECK_ST(write_file("tmp:///held", 10, 9), MLK_OK);
	CHECK_ST(mlk_init_run("fsholder", "128 tmp:///held tmp:///held.done",
			      &pid),
		 MLK_OK);
	CHECK_ST(wait_for("tmp:///held.done", PATIENCE_NS), MLK_OK);
	CHECK_ST(mlk_fs_open("tmp:///held", MLK_O_READ, &extra),
		 MLK_ERR_NO_RESOURCES);
	CHECK_ST(mlk_init_kill("fsholder"), MLK_OK);
	while (n < MAX_OPEN &&
	       CHECK_ST(mlk_fs_open("tmp:///held", MLK_O_READ, &files[n]),
			MLK_OK))
		n++;
	CHECK(n == MAX_OPEN);
	for (unsigned i = 0; i < n; i++)
		CHECK_ST(mlk_fs_close(&files[i]), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///held.done"), MLK_OK);
	CHECK_ST(mlk_fs_unlink("tmp:///held"), MLK_OK);
}

/* An open file whose handle came straight from the vfs: no buffer. */
static mlk_handle_t raw_open(const char *uri, uint64_t flags)
{
	struct mlk_msg m;

	if (!CHECK_ST(raw_vfs(MLK_VFS_OPEN, flags, uri, strlen(uri), &m),
		      MLK_OK) ||
	    !CHECK(m.nhandles == 1))
		return MLK_HANDLE_NONE;
	return m.h[0];
}

/* Attach a copy of mem (0: none) of `size` bytes. */
static mlk_status_t attach(mlk_handle_t file, mlk_handle_t mem, uint64_t size)
{
	struct mlk_msg m = { .label = MLK_FILE_ATTACH,
			     .nwords = 1,
			     .w = { size },
			     .nhandles = mem ? 1 : 0,
			     .copy_mask = mem ? 1 : 0,
			     .h = { mem } };

	return raw_call(file, &m);
}

static mlk_status_t read_raw(mlk_handle_t file, uint64_t len, unsigned words)
{
	struct mlk_msg m = { .label = MLK_FILE_READ,
			     .nwords = words,
			     .w = { len } };

	return raw_call(file, &m);
}

TEST(handles, buffers)
{
	mlk_handle_t file = raw_open("tmp:///stale", MLK_O_READ);
	mlk_handle_t mem, ro, wo, rw, ep;
	struct mlk_msg m;

	if (!file)
		return;
	CHECK_ST(read_raw(file, 10, 1), MLK_ERR_BAD_STATE); /* no buffer */
	CHECK_ST(mlk_mem_create(8192, 0, &mem), MLK_OK);
	CHECK_ST(mlk_handle_duplicate(
			 mem, MLK_RIGHT_READ | MLK_RIGHT_MAP | MLK_RIGHTS_BASIC,
			 &ro),
		 MLK_OK);
	CHECK_ST(mlk_handle_duplicate(mem,
				      MLK_RIGHT_WRITE | MLK_RIGHT_MAP |
					      MLK_RIGHTS_BASIC,
				      &wo),
		 MLK_OK);
	/* READ and WRITE, no MAP: the service copies, it does not map. */
	CHECK_ST(mlk_handle_duplicate(mem,
				      MLK_RIGHT_READ | MLK_RIGHT_WRITE |
					      MLK_RIGHTS_BASIC,
				      &rw),
		 MLK_OK);
	CHECK_ST(mlk_endpoint_create(&ep), MLK_OK);
	CHECK_ST(attach(file, 0, 4096), MLK_ERR_BAD_ARG(0));
	CHECK_ST(attach(file, ro, 4096), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(attach(file, wo, 4096), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(attach(file, ep, 4096), MLK_ERR_WRONG_TYPE);
	m = (struct mlk_msg){ .label = MLK_FILE_ATTACH,
			      .nhandles = 1,
			      .copy_mask = 1,
			      .h = { mem } };
	CHECK_ST(raw_call(file, &m), MLK_ERR_BAD_ARG(0)); /* no size */
	CHECK_ST(attach(file, mem, 0), MLK_ERR_BAD_ARG(0));
	CHECK_ST(attach(file, mem, 8193), MLK_ERR_BAD_ARG(0));
	CHECK_ST(attach(file, mem, MLK_FILE_BUFFER_MAX + 1),
		 MLK_ERR_BAD_ARG(0));
	CHECK_ST(attach(file, rw, 8000), MLK_OK);
	/* Reads go through it now, up to its size. */
	CHECK_ST(read_raw(file, 8001, 1), MLK_ERR_TOO_BIG);
	CHECK_ST(read_raw(file, 10, 0), MLK_ERR_BAD_ARG(0));
	CHECK_ST(read_raw(file, 10, 1), MLK_OK);
	CHECK_ST(mlk_mem_read(mem, 0, big_b, 10), MLK_OK);
	CHECK(check_pattern(big_b, 10, 0, 8) < 0);
	/* Requests that are the vfs's, or nobody's. */
	m = (struct mlk_msg){ .label = MLK_FS_STAT,
			      .nwords = 2,
			      .w = { 0, 1 } };
	memcpy(&m.w[2], "/", 1);
	m.nwords = 3;
	CHECK_ST(raw_call(file, &m), MLK_ERR_ACCESS_DENIED);
	m = (struct mlk_msg){ .label = 0x4649ffff };
	CHECK_ST(raw_call(file, &m), MLK_ERR_NOT_SUPPORTED);
	m = (struct mlk_msg){ .label = MLK_FILE_SEEK, .nwords = 1 };
	CHECK_ST(raw_call(file, &m), MLK_ERR_BAD_ARG(1));
	m = (struct mlk_msg){ .label = MLK_FILE_CLOSE };
	CHECK_ST(raw_call(file, &m), MLK_OK);
	mlk_handle_close(file);
	mlk_handle_close(mem);
	mlk_handle_close(ro);
	mlk_handle_close(wo);
	mlk_handle_close(rw);
	mlk_handle_close(ep);
	CHECK_ST(mlk_fs_unlink("tmp:///stale"), MLK_OK);
}
