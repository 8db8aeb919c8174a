/*
 * The file client (see mlk/fs.h; protocol in mlk/proto/fs.h).  Requests
 * on URIs go to the vfs, whose handle is looked up once and again when it
 * turns out gone (the vfs restarted).  Requests on open files go straight
 * to the file system service through the file's handle; their data moves
 * through one buffer per process, created on the first open and attached
 * to every regular file opened.  Not for several threads at once.
 *
 * The buffer is a memory object the client, like the services, fills and
 * empties with mem_write and mem_read rather than through a mapping: its
 * pages come on first touch, and when the quota cannot pay for one the
 * kernel answers NO_MEMORY where a store through a mapping would fault.
 */
#include <mlk/fs.h>
#include <mlk/msg.h>
#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <string.h>

#include "libc/libc_impl.h"

#define VFS_WAIT_NS (2ull * 1000000000) /* for the vfs to (re)appear */
#define MOUNT_WAIT_NS (5ull * 1000000000)
#define BUFFER_SIZE MLK_FILE_BUFFER_DEFAULT

static mlk_handle_t vfs;
static mlk_handle_t buffer_mem;

/* ---- the vfs ------------------------------------------------------------- */

/* Whether h is still ours: a handle sent (moved) is gone from the table,
 * and its number, with its generation, names nothing any more. */
static int handle_ours(mlk_handle_t h)
{
	uint32_t type, rights;

	return mlk_handle_info(h, &type, &rights) == MLK_OK;
}

static int handles_kept(const struct mlk_msg *m)
{
	for (unsigned i = 0; i < m->nhandles; i++)
		if (!handle_ours(m->h[i]))
			return 0;
	return 1;
}

/* Call the vfs; the status of its reply.  A vfs that is gone is looked up
 * again, once, and asked again. */
static mlk_status_t vfs_call(struct mlk_msg *m, uint64_t deadline)
{
	struct mlk_msg request = *m;
	mlk_status_t st;

	for (int attempt = 0;; attempt++) {
		if (!vfs) {
			st = mlk_names_lookup(MLK_VFS_NAME,
					      mlk_deadline_in(VFS_WAIT_NS),
					      &vfs);
			if (st != MLK_OK) {
				vfs = MLK_HANDLE_NONE;
				return st;
			}
		}
		st = mlk_msg_call(vfs, m, deadline);
		if (st != MLK_ERR_PEER_CLOSED || attempt == 1)
			break;
		mlk_handle_close(vfs);
		vfs = MLK_HANDLE_NONE;
		if (!handles_kept(&request))
			break; /* they went to the vfs that died */
		*m = request;
	}
	return st != MLK_OK ? st : (mlk_status_t)m->label;
}

/* Bytes inline from word `first`, at byte `off` (mlk/proto/fs.h). */
static void put_bytes(struct mlk_msg *m, unsigned first, size_t off,
		      const char *s, size_t len)
{
	char *p = (char *)&m->w[first];
	unsigned words = first + (unsigned)((off + len + 7) / 8);

	memcpy(p + off, s, len);
	if (m->nwords < words)
		m->nwords = words;
}

/* The length of a URI, or MLK_PATH_MAX + 1 when it is too long. */
static size_t uri_length(const char *uri)
{
	return strnlen(uri, MLK_PATH_MAX + 1);
}

/* A request with one URI: w0, w1 its length, the URI from w2. */
static mlk_status_t uri_request(struct mlk_msg *m, uint32_t label, uint64_t w0,
				const char *uri)
{
	size_t len;

	memset(m, 0, sizeof(*m));
	if (!uri)
		return MLK_ERR_BAD_ARG(0);
	len = uri_length(uri);
	if (len > MLK_PATH_MAX)
		return MLK_ERR_BAD_NAME;
	m->label = label;
	m->w[0] = w0;
	m->w[1] = len;
	m->nwords = 2;
	put_bytes(m, 2, 0, uri, len);
	return vfs_call(m, 0);
}

/* ---- open files ---------------------------------------------------------- */

/* A request on an open file; the status of its reply. */
static mlk_status_t file_call(mlk_handle_t h, struct mlk_msg *m)
{
	mlk_status_t st = mlk_msg_call(h, m, 0);

	return st != MLK_OK ? st : (mlk_status_t)m->label;
}

static mlk_status_t make_buffer(void)
{
	if (buffer_mem)
		return MLK_OK;
	return mlk_mem_create(BUFFER_SIZE, 0, &buffer_mem);
}

/* Give the file a copy of the buffer's handle with just the rights the
 * service needs (mlk/proto/fs.h): it copies with mem_read/mem_write and
 * never maps it, so no MAP. */
static mlk_status_t attach(mlk_handle_t file)
{
	struct mlk_msg m = { .label = MLK_FILE_ATTACH, .nwords = 1 };
	mlk_status_t st = make_buffer();

	if (st == MLK_OK)
		st = mlk_handle_duplicate(buffer_mem,
					  MLK_RIGHT_READ | MLK_RIGHT_WRITE |
						  MLK_RIGHT_TRANSFER,
					  &m.h[0]);
	if (st != MLK_OK)
		return st;
	m.w[0] = BUFFER_SIZE;
	m.nhandles = 1;
	st = mlk_msg_call(file, &m, 0);
	if (st != MLK_OK) {
		mlk_handle_close(m.h[0]); /* it did not go */
		return st;
	}
	return (mlk_status_t)m.label;
}

MLK_PUBLIC mlk_status_t mlk_fs_open(const char *uri, unsigned flags,
				    struct mlk_file *f)
{
	struct mlk_msg m;
	mlk_status_t st = uri_request(&m, MLK_VFS_OPEN, flags, uri);

	f->h = MLK_HANDLE_NONE;
	if (st == MLK_OK && m.nhandles != 1)
		st = MLK_ERR_FAILED;
	if (st != MLK_OK) {
		for (unsigned i = 0; i < m.nhandles; i++)
			mlk_handle_close(m.h[i]);
		return st;
	}
	f->h = m.h[0];
	f->flags = flags;
	/* A directory moves no data: it needs no buffer. */
	if (m.w[0] == MLK_FILE_DIRECTORY)
		return MLK_OK;
	st = attach(f->h);
	if (st != MLK_OK)
		mlk_fs_close(f);
	return st;
}

MLK_PUBLIC mlk_status_t mlk_fs_read(struct mlk_file *f, void *buf, size_t len,
				    size_t *got)
{
	size_t done = 0;
	mlk_status_t st = MLK_OK;

	while (done < len) {
		size_t n = len - done < BUFFER_SIZE ? len - done : BUFFER_SIZE;
		struct mlk_msg m = { .label = MLK_FILE_READ,
				     .nwords = 1,
				     .w = { n } };
		st = file_call(f->h, &m);
		if (st != MLK_OK)
			break;
		size_t r = m.w[0] < n ? m.w[0] : n;
		st = mlk_mem_read(buffer_mem, 0, (char *)buf + done, r);
		if (st != MLK_OK)
			break;
		done += r;
		if (r < n)
			break; /* the end of the file */
	}
	if (got)
		*got = done;
	return st;
}

MLK_PUBLIC mlk_status_t mlk_fs_write(struct mlk_file *f, const void *buf,
				     size_t len, size_t *done)
{
	size_t total = 0;
	mlk_status_t st = make_buffer();

	while (total < len && st == MLK_OK) {
		size_t n =
			len - total < BUFFER_SIZE ? len - total : BUFFER_SIZE;
		struct mlk_msg m = { .label = MLK_FILE_WRITE,
				     .nwords = 1,
				     .w = { n } };
		st = mlk_mem_write(buffer_mem, 0, (const char *)buf + total, n);
		if (st != MLK_OK)
			break;
		st = file_call(f->h, &m);
		if (st == MLK_OK || st == MLK_ERR_NO_SPACE)
			total += m.w[0] < n ? m.w[0] : n;
		if (st == MLK_OK && m.w[0] < n)
			st = MLK_ERR_FAILED; /* short, and no reason given */
	}
	if (done)
		*done = total;
	return st;
}

MLK_PUBLIC mlk_status_t mlk_fs_seek(struct mlk_file *f, int64_t offset,
				    int whence, uint64_t *position)
{
	struct mlk_msg m = { .label = MLK_FILE_SEEK,
			     .nwords = 2,
			     .w = { (uint64_t)offset, (uint64_t)whence } };
	mlk_status_t st = file_call(f->h, &m);

	if (position)
		*position = st == MLK_OK ? m.w[0] : 0;
	return st;
}

/* A stat reply (MLK_FILE_STAT, MLK_VFS_STAT: w0 type, w1 size, w2 flags,
 * w3 modified, w4 created) into *st, zeroed if the request failed;
 * returns its status.  A service that sends fewer words leaves the times
 * unknown (0). */
static mlk_status_t stat_reply(mlk_status_t s, const struct mlk_msg *m,
			       struct mlk_stat *st)
{
	memset(st, 0, sizeof(*st));
	if (s == MLK_OK) {
		st->type = (uint32_t)m->w[0];
		st->size = m->w[1];
		st->flags = (uint32_t)m->w[2];
		st->modified = m->nwords > 3 ? m->w[3] : 0;
		st->created = m->nwords > 4 ? m->w[4] : 0;
	}
	return s;
}

MLK_PUBLIC mlk_status_t mlk_fs_fstat(struct mlk_file *f, struct mlk_stat *st)
{
	struct mlk_msg m = { .label = MLK_FILE_STAT };

	return stat_reply(file_call(f->h, &m), &m, st);
}

MLK_PUBLIC mlk_status_t mlk_fs_readdir(struct mlk_file *f, uint64_t index,
				       struct mlk_dirent *d)
{
	struct mlk_msg m = { .label = MLK_FILE_READDIR,
			     .nwords = 1,
			     .w = { index } };
	mlk_status_t st = file_call(f->h, &m);

	memset(d, 0, sizeof(*d));
	if (st != MLK_OK)
		return st;
	d->type = (uint32_t)m.w[0];
	d->size = m.w[1];
	if (!mlk_msg_get_string(&m, 2, MLK_FS_NAME_SIZE / 8, d->name,
				sizeof(d->name)))
		return MLK_ERR_FAILED; /* a reply that breaks the protocol */
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_fs_truncate(struct mlk_file *f, uint64_t size)
{
	struct mlk_msg m = { .label = MLK_FILE_TRUNCATE,
			     .nwords = 1,
			     .w = { size } };

	return file_call(f->h, &m);
}

MLK_PUBLIC mlk_status_t mlk_fs_close(struct mlk_file *f)
{
	struct mlk_msg m = { .label = MLK_FILE_CLOSE };
	mlk_status_t st = file_call(f->h, &m);

	if (f->h)
		mlk_handle_close(f->h);
	f->h = MLK_HANDLE_NONE;
	return st;
}

/* ---- names --------------------------------------------------------------- */

MLK_PUBLIC mlk_status_t mlk_fs_stat(const char *uri, struct mlk_stat *st)
{
	struct mlk_msg m;

	return stat_reply(uri_request(&m, MLK_VFS_STAT, 0, uri), &m, st);
}

MLK_PUBLIC mlk_status_t mlk_fs_mkdir(const char *uri)
{
	struct mlk_msg m;

	return uri_request(&m, MLK_VFS_MKDIR, 0, uri);
}

MLK_PUBLIC mlk_status_t mlk_fs_unlink(const char *uri)
{
	struct mlk_msg m;

	return uri_request(&m, MLK_VFS_UNLINK, 0, uri);
}

MLK_PUBLIC mlk_status_t mlk_fs_rename(const char *from, const char *to)
{
	struct mlk_msg m = { .label = MLK_VFS_RENAME, .nwords = 2 };
	size_t from_len, to_len;

	if (!from || !to)
		return MLK_ERR_BAD_ARG(!from ? 0 : 1);
	from_len = uri_length(from);
	to_len = uri_length(to);
	if (from_len > MLK_PATH_MAX || to_len > MLK_PATH_MAX ||
	    from_len + to_len > MLK_RENAME_MAX)
		return MLK_ERR_BAD_NAME;
	m.w[0] = from_len;
	m.w[1] = to_len;
	put_bytes(&m, 2, 0, from, from_len);
	put_bytes(&m, 2, from_len, to, to_len);
	return vfs_call(&m, 0);
}

MLK_PUBLIC mlk_status_t mlk_fs_statfs(const char *uri, struct mlk_statfs *st)
{
	struct mlk_msg m;
	mlk_status_t s = uri_request(&m, MLK_VFS_STATFS, 0, uri);

	memset(st, 0, sizeof(*st));
	if (s != MLK_OK)
		return s;
	if (m.nwords < 6)
		return MLK_ERR_FAILED; /* a reply that breaks the protocol */
	st->total = m.w[0];
	st->free = m.w[1];
	st->block_size = m.w[2];
	st->flags = (uint32_t)m.w[3];
	memcpy(st->type, &m.w[4], MLK_FS_TYPE_SIZE);
	st->type[MLK_FS_TYPE_SIZE - 1] = '\0';
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_fs_sync(const char *uri)
{
	struct mlk_msg m;

	return uri_request(&m, MLK_VFS_SYNC, 0, uri);
}

MLK_PUBLIC mlk_status_t mlk_fs_schemes(char names[][MLK_SCHEME_SIZE],
				       unsigned max, unsigned *count)
{
	struct mlk_msg m = { .label = MLK_VFS_SCHEMES };
	mlk_status_t st = vfs_call(&m, 0);
	unsigned n = st == MLK_OK && m.nwords >= 1 ? (unsigned)m.w[0] : 0;

	*count = n;
	for (unsigned i = 0; i < n && i < max && 2 + 2 * i < m.nwords; i++) {
		memcpy(names[i], &m.w[1 + 2 * i], MLK_SCHEME_SIZE);
		names[i][MLK_SCHEME_SIZE - 1] = '\0';
	}
	return st;
}

MLK_PUBLIC mlk_status_t mlk_fs_mount(const char *scheme, mlk_handle_t ep)
{
	struct mlk_msg m = { .label = MLK_VFS_MOUNT, .nhandles = 1 };
	mlk_status_t st;

	if (!scheme || strnlen(scheme, MLK_SCHEME_SIZE) >= MLK_SCHEME_SIZE) {
		mlk_handle_close(ep);
		return MLK_ERR_BAD_NAME;
	}
	mlk_msg_put_string(&m, 0, scheme, 2);
	m.nwords = 2;
	m.h[0] = ep;
	st = vfs_call(&m, mlk_clock_now() + MOUNT_WAIT_NS);
	if (st != MLK_OK && handle_ours(ep))
		mlk_handle_close(ep); /* it never reached the vfs */
	return st;
}
