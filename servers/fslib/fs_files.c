/*
 * Open files: a table of FS_MAX_OPEN slots.  The handle of an open file
 * is the service's endpoint minted with a badge of the slot's index and
 * generation, so a request through the handle of a closed file names a
 * generation that has passed and is refused.  The handle cannot be
 * duplicated, only moved: when the one handle with a file's badge is
 * closed, by its holder or with its holder's death, the kernel's close
 * notice closes the file here (fs_files_handle_closed).
 *
 * Data moves through the buffer the client attached, a memory object the
 * client pays for.  It is never mapped here: a page of it that is not
 * there yet would be allocated on our touch and charged to the client,
 * and a client with no quota left would make that touch a fault of this
 * service.  So its handle is kept and the data is copied with
 * mlk_mem_read/mlk_mem_write, in chunks through a bounce buffer of ours;
 * a page that cannot be had is a status (MLK_ERR_NO_MEMORY) for the
 * request, which then counts only the bytes that did move.
 */
#include <string.h>

#include <mlk/sys.h>

#include "fs_internal.h"
#include "fs_wire.h"

#define SLOT_BITS 16
/* Bytes moved per mlk_mem_read/mlk_mem_write: the client library's
 * buffer, so that its requests take one each. */
#define BOUNCE_SIZE MLK_FILE_BUFFER_DEFAULT
/* What the service does with a buffer: mlk_mem_write puts what is read
 * in it, mlk_mem_read takes what is to be written from it. */
#define BUFFER_RIGHTS (MLK_RIGHT_READ | MLK_RIGHT_WRITE)

struct open_file {
	struct fs_node *node; /* NULL: the slot is free */
	uint64_t generation;  /* of the badge; it moves on at each close */
	uint64_t pos;
	uint32_t flags;
	mlk_handle_t buf; /* the attached buffer; MLK_HANDLE_NONE: none */
	size_t buf_size;
};

_Static_assert(FS_MAX_OPEN <= (1u << SLOT_BITS), "slots fit the badge");

static struct open_file files[FS_MAX_OPEN];
/* File data between the file system and a client's buffer (one request
 * at a time: the service has one thread). */
static char bounce[BOUNCE_SIZE];

void fs_files_init(void)
{
	/* Its pages now, from our quota at start, so that no copy into it
	 * can fault the service later for want of one. */
	memset(bounce, 0xa5, sizeof(bounce));
}

static uint64_t badge_of(unsigned slot)
{
	return (files[slot].generation << SLOT_BITS) | slot;
}

/* The open file a request came through; NULL for a stale or foreign
 * badge (the vfs's among them). */
static struct open_file *file_of(uint64_t badge)
{
	unsigned slot = badge & ((1u << SLOT_BITS) - 1);

	if (badge == FS_BADGE_VFS || slot >= FS_MAX_OPEN || !files[slot].node ||
	    badge != badge_of(slot))
		return NULL;
	return &files[slot];
}

bool fs_files_room(void)
{
	for (unsigned i = 0; i < FS_MAX_OPEN; i++)
		if (!files[i].node)
			return true;
	return false;
}

mlk_status_t fs_files_open(struct fs *fs, struct fs_node *n, uint32_t flags,
			   mlk_handle_t *h, unsigned *slot)
{
	for (unsigned i = 0; i < FS_MAX_OPEN; i++) {
		struct open_file *f = &files[i];
		if (f->node)
			continue;
		f->generation++; /* from 1: no badge of a file is 0 */
		/* No DUPLICATE: one handle per badge, so its close notice
		 * means that nobody can use the file any more. */
		mlk_status_t st = mlk_endpoint_mint(
			fs->ep, MLK_RIGHT_SEND | MLK_RIGHT_TRANSFER,
			badge_of(i), h);
		if (st != MLK_OK)
			return st;
		f->node = n;
		f->flags = flags;
		f->pos = 0;
		n->opens++;
		*slot = i;
		return MLK_OK;
	}
	return MLK_ERR_NO_RESOURCES;
}

static void detach(struct open_file *f)
{
	if (f->buf)
		mlk_handle_close(f->buf);
	f->buf = MLK_HANDLE_NONE;
	f->buf_size = 0;
}

void fs_files_close(struct fs *fs, unsigned slot)
{
	struct open_file *f = &files[slot];
	struct fs_node *n = f->node;

	detach(f);
	f->node = NULL;
	n->opens--;
	if (fs->ops->closed)
		fs->ops->closed(fs, n);
	fs_node_release(fs, n);
}

void fs_files_handle_closed(struct fs *fs, uint64_t badge)
{
	struct open_file *f = file_of(badge);

	/* Not a file's (the vfs's), or one closed with MLK_FILE_CLOSE
	 * already: its slot is free or holds another generation. */
	if (f)
		fs_files_close(fs, (unsigned)(f - files));
}

/* ---- requests on an open file -------------------------------------------- */

/* The file of a request that brings no handles. */
static struct open_file *request_file(const struct mlk_msg *in, unsigned nwords)
{
	fs_wire_drop_handles(in, 0);
	return in->nwords >= nwords ? file_of(in->badge) : NULL;
}

/* A request the file cannot take: the status why not. */
static mlk_status_t refuse(const struct mlk_msg *in, unsigned nwords)
{
	if (!file_of(in->badge))
		return in->badge == FS_BADGE_VFS ? MLK_ERR_ACCESS_DENIED
						 : MLK_ERR_BAD_HANDLE;
	return MLK_ERR_BAD_ARG(in->nwords); /* the first word missing */
}

/* handle 0 the buffer, w0 its size. */
static mlk_status_t do_attach(const struct mlk_msg *in, struct mlk_msg *out,
			      void *ctx)
{
	struct open_file *f = file_of(in->badge);
	uint64_t size = in->w[0], mem_size = 0;
	uint32_t type = 0, rights = 0;
	mlk_status_t st;

	if (!f || in->nhandles < 1 || in->nwords < 1) {
		fs_wire_drop_handles(in, 0);
		return !f ? refuse(in, 1) : MLK_ERR_BAD_ARG(0);
	}
	fs_wire_drop_handles(in, 1);
	st = mlk_handle_info(in->h[0], &type, &rights);
	if (st == MLK_OK && type != MLK_OBJ_MEMORY)
		st = MLK_ERR_WRONG_TYPE;
	if (st == MLK_OK && (rights & BUFFER_RIGHTS) != BUFFER_RIGHTS)
		st = MLK_ERR_ACCESS_DENIED;
	if (st == MLK_OK && (size == 0 || size > MLK_FILE_BUFFER_MAX))
		st = MLK_ERR_BAD_ARG(0);
	if (st == MLK_OK)
		st = mlk_mem_size(in->h[0], &mem_size);
	if (st == MLK_OK && MLK_PAGE_UP(size) > mem_size)
		st = MLK_ERR_BAD_ARG(0);
	if (st != MLK_OK) {
		mlk_handle_close(in->h[0]);
		return st;
	}
	detach(f);
	f->buf = in->h[0]; /* kept until the next attach or the close */
	f->buf_size = size;
	return MLK_OK;
}

/* Whether f can move `len` bytes of data through its buffer. */
static mlk_status_t check_data(const struct open_file *f, uint32_t need,
			       uint64_t len)
{
	if (!(f->flags & need))
		return MLK_ERR_ACCESS_DENIED;
	if (f->node->type == MLK_FILE_DIRECTORY)
		return MLK_ERR_IS_DIR;
	if (!f->buf)
		return MLK_ERR_BAD_STATE;
	return len > f->buf_size ? MLK_ERR_TOO_BIG : MLK_OK;
}

static size_t chunk(uint64_t left)
{
	return left < BOUNCE_SIZE ? (size_t)left : BOUNCE_SIZE;
}

/* Copy up to len bytes of f from its position into its buffer.  *got
 * counts the bytes that reached the buffer, and the position moves on by
 * as many: a chunk the buffer did not take (its payer's quota is spent)
 * is not counted, and its status is the request's. */
static mlk_status_t read_to_buffer(struct fs *fs, struct open_file *f,
				   uint64_t len, size_t *got)
{
	*got = 0;
	while (*got < len) {
		size_t want = chunk(len - *got), n = 0;
		mlk_status_t st =
			fs->ops->read(fs, f->node, f->pos, bounce, want, &n);
		if (n > want)
			n = want; /* a file system that broke its contract */
		if (n) {
			mlk_status_t moved =
				mlk_mem_write(f->buf, *got, bounce, n);
			if (moved != MLK_OK)
				return moved;
		}
		f->pos += n;
		*got += n;
		if (st != MLK_OK || n < want)
			return st; /* the end of the file, or a failure */
	}
	return MLK_OK;
}

/* Write len bytes from f's buffer at its position.  *done counts the
 * bytes written, and the position moves on by as many: a chunk that could
 * not be taken from the buffer is not written, and its status is the
 * request's; so is MLK_ERR_NO_SPACE, after what fitted. */
static mlk_status_t write_from_buffer(struct fs *fs, struct open_file *f,
				      uint64_t len, size_t *done)
{
	*done = 0;
	while (*done < len) {
		size_t want = chunk(len - *done), n = 0;
		mlk_status_t st = mlk_mem_read(f->buf, *done, bounce, want);
		if (st != MLK_OK)
			return st;
		st = fs->ops->write(fs, f->node, f->pos, bounce, want, &n);
		if (n > want)
			n = want;
		if (n)
			fs_node_touch(f->node);
		f->pos += n;
		*done += n;
		if (st != MLK_OK || n < want)
			return st;
	}
	return MLK_OK;
}

static mlk_status_t do_read(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct open_file *f = request_file(in, 1);
	size_t got = 0;
	mlk_status_t st;

	if (!f)
		return refuse(in, 1);
	st = check_data(f, MLK_O_READ, in->w[0]);
	if (st != MLK_OK)
		return st;
	st = read_to_buffer(ctx, f, in->w[0], &got);
	out->w[0] = got;
	out->nwords = 1;
	return st;
}

static mlk_status_t do_write(const struct mlk_msg *in, struct mlk_msg *out,
			     void *ctx)
{
	struct open_file *f = request_file(in, 1);
	size_t done = 0;
	mlk_status_t st;

	if (!f)
		return refuse(in, 1);
	st = check_data(f, MLK_O_WRITE, in->w[0]);
	if (st != MLK_OK)
		return st;
	if (f->flags & MLK_O_APPEND)
		f->pos = f->node->size;
	st = write_from_buffer(ctx, f, in->w[0], &done);
	out->w[0] = done;
	out->nwords = 1;
	return st;
}

/* w0 offset (signed), w1 origin. */
static mlk_status_t do_seek(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct open_file *f = request_file(in, 2);
	int64_t offset = (int64_t)in->w[0], base, pos;

	if (!f)
		return refuse(in, 2);
	if (in->w[1] == MLK_SEEK_SET)
		base = 0;
	else if (in->w[1] == MLK_SEEK_CUR)
		base = (int64_t)f->pos;
	else if (in->w[1] == MLK_SEEK_END)
		base = (int64_t)fs_tree_size(f->node);
	else
		return MLK_ERR_BAD_ARG(1);
	if (__builtin_add_overflow(base, offset, &pos) || pos < 0)
		return MLK_ERR_BAD_ARG(0);
	f->pos = (uint64_t)pos;
	out->w[0] = f->pos;
	out->nwords = 1;
	return MLK_OK;
}

static mlk_status_t do_stat(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct open_file *f = request_file(in, 0);

	if (!f)
		return refuse(in, 0);
	fs_node_stat(ctx, f->node, out);
	return MLK_OK;
}

/* w0 the index of the entry. */
static mlk_status_t do_readdir(const struct mlk_msg *in, struct mlk_msg *out,
			       void *ctx)
{
	struct open_file *f = request_file(in, 1);
	const struct fs_node *e;

	if (!f)
		return refuse(in, 1);
	if (f->node->type != MLK_FILE_DIRECTORY)
		return MLK_ERR_NOT_DIR;
	if (in->w[0] >= f->node->nentries)
		return MLK_ERR_NOT_FOUND;
	e = f->node->entries[in->w[0]];
	out->w[0] = e->type;
	out->w[1] = fs_tree_size(e);
	out->nwords = 2;
	fs_wire_put(out, 2, 0, e->name, strlen(e->name) + 1);
	return MLK_OK;
}

/* w0 the new size. */
static mlk_status_t do_truncate(const struct mlk_msg *in, struct mlk_msg *out,
				void *ctx)
{
	struct fs *fs = ctx;
	struct open_file *f = request_file(in, 1);

	if (!f)
		return refuse(in, 1);
	if (!(f->flags & MLK_O_WRITE))
		return MLK_ERR_ACCESS_DENIED;
	if (f->node->type == MLK_FILE_DIRECTORY)
		return MLK_ERR_IS_DIR;
	fs_node_touch(f->node);
	return fs->ops->truncate(fs, f->node, in->w[0]);
}

static mlk_status_t do_close(const struct mlk_msg *in, struct mlk_msg *out,
			     void *ctx)
{
	struct open_file *f = request_file(in, 0);

	if (!f)
		return refuse(in, 0);
	fs_files_close(ctx, (unsigned)(f - files));
	return MLK_OK;
}

const struct mlk_service_op fs_file_ops[FS_FILE_NOPS] = {
	{ MLK_FILE_ATTACH, do_attach },	    { MLK_FILE_READ, do_read },
	{ MLK_FILE_WRITE, do_write },	    { MLK_FILE_SEEK, do_seek },
	{ MLK_FILE_STAT, do_stat },	    { MLK_FILE_READDIR, do_readdir },
	{ MLK_FILE_TRUNCATE, do_truncate }, { MLK_FILE_CLOSE, do_close },
};
