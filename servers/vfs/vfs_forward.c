/*
 * Requests on URIs: check the URI, find the service of its scheme, call
 * it with the path alone, pass its answer back.  A service that is gone
 * answers MLK_ERR_PEER_CLOSED at once, and one that hangs is given up
 * after FORWARD_NS, so no service can stop the vfs.
 */
#include <string.h>

#include <mlk/runtime.h>

#include "fs_path.h"
#include "fs_wire.h"
#include "vfs.h"

#define FORWARD_NS (5ull * 1000000000)

struct target {
	char scheme[MLK_SCHEME_SIZE];
	const char *path; /* in the request */
	size_t len;
	mlk_handle_t ep;
};

/* The URI of `len` bytes at byte `off` of the data from word 2. */
static mlk_status_t parse(const struct mlk_msg *in, uint64_t off, uint64_t len,
			  struct target *t)
{
	const char *u = len <= MLK_PATH_MAX && off <= MLK_RENAME_MAX
				? fs_wire_bytes(in, 2, off, len)
				: NULL;

	if (!u)
		return MLK_ERR_BAD_NAME;
	return fs_uri_split(u, len, t->scheme, &t->path, &t->len);
}

static mlk_status_t find_service(struct target *t)
{
	t->ep = vfs_scheme_find(t->scheme);
	return t->ep ? MLK_OK : MLK_ERR_NOT_FOUND;
}

/* Call the service with m; the status of its reply (which is in m). */
static mlk_status_t call_service(mlk_handle_t ep, struct mlk_msg *m)
{
	mlk_status_t st = mlk_msg_call(ep, m, mlk_clock_now() + FORWARD_NS);

	return st != MLK_OK ? st : (mlk_status_t)m->label;
}

/* Requests with one URI (w0 passed on, w1 its length, the URI from w2):
 * the service's reply in *fwd, handles it brought closed unless
 * keep_handle. */
static mlk_status_t forward(const struct mlk_msg *in, uint32_t label,
			    struct mlk_msg *fwd, bool keep_handle)
{
	struct target t;
	mlk_status_t st = in->nwords >= 2 ? MLK_OK : MLK_ERR_BAD_NAME;

	fs_wire_drop_handles(in, 0);
	if (st == MLK_OK)
		st = parse(in, 0, in->w[1], &t);
	if (st == MLK_OK)
		st = find_service(&t);
	if (st != MLK_OK)
		return st;
	memset(fwd, 0, sizeof(*fwd));
	fwd->label = label;
	fwd->w[0] = in->w[0];
	fwd->w[1] = t.len;
	fwd->nwords = 2;
	fs_wire_put(fwd, 2, 0, t.path, t.len);
	st = call_service(t.ep, fwd);
	if (st != MLK_OK || !keep_handle)
		fs_wire_drop_handles(fwd, 0);
	return st;
}

/* The first n words of the service's reply, as ours. */
static void pass_words(const struct mlk_msg *fwd, struct mlk_msg *out,
		       unsigned n)
{
	if (fwd->nwords < n)
		n = fwd->nwords;
	memcpy(out->w, fwd->w, n * sizeof(out->w[0]));
	out->nwords = n;
}

/* Reply with the file's handle here rather than through mlk_serve: if the
 * client cannot take it (it is gone, or its handle table is full), the
 * handle is closed, and its close notice closes the file at the service
 * (mlk/proto/fs.h): not left open for nobody, and no call to a service
 * that might hang. */
mlk_status_t vfs_do_open(const struct mlk_msg *in, struct mlk_msg *out,
			 void *ctx)
{
	struct mlk_msg fwd, failed = { 0 };
	mlk_status_t st = forward(in, MLK_FS_OPEN, &fwd, true);

	if (st == MLK_OK && fwd.nhandles != 1) {
		fs_wire_drop_handles(&fwd, 0);
		st = MLK_ERR_FAILED; /* a service that breaks the protocol */
	}
	if (st != MLK_OK)
		return st;
	pass_words(&fwd, out, 2);
	out->label = MLK_OK;
	out->nhandles = 1;
	out->h[0] = fwd.h[0];
	st = mlk_msg_reply(out);
	if (st != MLK_OK) {
		mlk_handle_close(fwd.h[0]);
		failed.label = (uint32_t)st;
		mlk_msg_reply(&failed);
	}
	return MLK_DEFERRED;
}

mlk_status_t vfs_do_stat(const struct mlk_msg *in, struct mlk_msg *out,
			 void *ctx)
{
	struct mlk_msg fwd;
	mlk_status_t st = forward(in, MLK_FS_STAT, &fwd, false);

	if (st == MLK_OK)
		pass_words(&fwd, out, 5);
	return st;
}

mlk_status_t vfs_do_statfs(const struct mlk_msg *in, struct mlk_msg *out,
			   void *ctx)
{
	struct mlk_msg fwd;
	mlk_status_t st = forward(in, MLK_FS_STATFS, &fwd, false);

	if (st == MLK_OK)
		pass_words(&fwd, out, 6);
	return st;
}

/* A volume that writes back may take its time: the client's deadline is
 * its own, and the vfs gives up on the service after FORWARD_NS as for
 * any request. */
mlk_status_t vfs_do_sync(const struct mlk_msg *in, struct mlk_msg *out,
			 void *ctx)
{
	struct mlk_msg fwd;

	return forward(in, MLK_FS_SYNC, &fwd, false);
}

mlk_status_t vfs_do_mkdir(const struct mlk_msg *in, struct mlk_msg *out,
			  void *ctx)
{
	struct mlk_msg fwd;

	return forward(in, MLK_FS_MKDIR, &fwd, false);
}

mlk_status_t vfs_do_unlink(const struct mlk_msg *in, struct mlk_msg *out,
			   void *ctx)
{
	struct mlk_msg fwd;

	return forward(in, MLK_FS_UNLINK, &fwd, false);
}

/* w0, w1 the lengths of the two URIs, both from w2 on. */
mlk_status_t vfs_do_rename(const struct mlk_msg *in, struct mlk_msg *out,
			   void *ctx)
{
	struct target from, to;
	struct mlk_msg fwd = { .label = MLK_FS_RENAME };
	mlk_status_t st = in->nwords >= 2 ? MLK_OK : MLK_ERR_BAD_NAME;

	fs_wire_drop_handles(in, 0);
	if (st == MLK_OK)
		st = parse(in, 0, in->w[0], &from);
	if (st == MLK_OK)
		st = parse(in, in->w[0], in->w[1], &to);
	if (st == MLK_OK)
		st = find_service(&from);
	if (st == MLK_OK)
		st = find_service(&to);
	if (st == MLK_OK && strcmp(from.scheme, to.scheme))
		st = MLK_ERR_NOT_SUPPORTED; /* data does not move between
					       services */
	if (st != MLK_OK)
		return st;
	fwd.w[0] = from.len;
	fwd.w[1] = to.len;
	fwd.nwords = 2;
	fs_wire_put(&fwd, 2, 0, from.path, from.len);
	fs_wire_put(&fwd, 2, from.len, to.path, to.len);
	st = call_service(from.ep, &fwd);
	fs_wire_drop_handles(&fwd, 0);
	return st;
}
