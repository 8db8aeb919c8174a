/*
 * Requests the vfs forwards (MLK_FS_*): open, stat, mkdir, unlink and
 * rename on the tree.  Only the vfs's handle may make them; paths are
 * checked here again.
 */
#include <string.h>

#include "fs_internal.h"
#include "fs_wire.h"

/* The request came through the vfs's handle (it brings no handles). */
static mlk_status_t from_vfs(const struct mlk_msg *in)
{
	fs_wire_drop_handles(in, 0);
	return in->badge == FS_BADGE_VFS ? MLK_OK : MLK_ERR_ACCESS_DENIED;
}

/* The path of `len` bytes at byte `off` of the data from word 2. */
static mlk_status_t request_path(const struct mlk_msg *in, uint64_t off,
				 uint64_t len, struct fs_path *p)
{
	const char *s = len <= MLK_PATH_MAX && off <= MLK_PATH_MAX
				? fs_wire_bytes(in, 2, off, len)
				: NULL;

	if (!s)
		return MLK_ERR_BAD_NAME;
	return fs_path_parse(p, s, len);
}

/* The directory that holds p's last component. */
static mlk_status_t walk_parent(struct fs *fs, const struct fs_path *p,
				struct fs_node **dir)
{
	mlk_status_t st = fs_tree_walk(fs->root, p, p->depth - 1, dir);

	if (st == MLK_OK && (*dir)->type != MLK_FILE_DIRECTORY)
		st = MLK_ERR_NOT_DIR;
	return st;
}

static mlk_status_t create(struct fs *fs, struct fs_node *dir, const char *name,
			   uint32_t type, struct fs_node **n)
{
	mlk_status_t st = fs_tree_reserve(dir);

	if (st != MLK_OK)
		return st;
	*n = fs->ops->node_new(fs, type);
	if (!*n)
		return MLK_ERR_NO_SPACE;
	strlcpy((*n)->name, name, sizeof((*n)->name));
	fs_node_born(*n);
	st = fs->ops->create ? fs->ops->create(fs, dir, *n) : MLK_OK;
	if (st != MLK_OK) {
		fs->ops->node_free(fs, *n);
		return st;
	}
	fs_tree_link(dir, *n);
	fs_node_touch(dir);
	return MLK_OK;
}

/* ---- open ---------------------------------------------------------------- */

static mlk_status_t find_or_create(struct fs *fs, const struct fs_path *p,
				   uint32_t flags, struct fs_node **n)
{
	struct fs_node *dir;
	mlk_status_t st;

	*n = fs->root;
	if (p->depth) {
		st = walk_parent(fs, p, &dir);
		if (st != MLK_OK)
			return st;
		*n = fs_tree_entry(dir, fs_path_leaf(p));
		if (!*n && !(flags & MLK_O_CREATE))
			return MLK_ERR_NOT_FOUND;
		if (!*n)
			return create(fs, dir, fs_path_leaf(p),
				      MLK_FILE_REGULAR, n);
	}
	return (flags & MLK_O_EXCL) ? MLK_ERR_EXISTS : MLK_OK;
}

static mlk_status_t open_node(struct fs *fs, const struct fs_path *p,
			      uint32_t flags, struct fs_node **n)
{
	mlk_status_t st = find_or_create(fs, p, flags, n);

	if (st != MLK_OK)
		return st;
	if ((flags & MLK_O_DIRECTORY) && (*n)->type != MLK_FILE_DIRECTORY)
		return MLK_ERR_NOT_DIR;
	if ((*n)->type == MLK_FILE_DIRECTORY && (flags & MLK_O_WRITE))
		return MLK_ERR_IS_DIR;
	if ((flags & MLK_O_TRUNCATE) && (*n)->size) {
		fs_node_touch(*n);
		return fs->ops->truncate(fs, *n, 0);
	}
	return MLK_OK;
}

/*
 * Reply with the file's handle here rather than through mlk_serve: if the
 * handle cannot go (the vfs's handle table is full, or it gave up
 * waiting), the kernel keeps the caller waiting for another reply, and
 * the file must not stay open with nobody to close it.
 */
static mlk_status_t open_reply(struct fs *fs, struct fs_node *n, uint32_t flags,
			       struct mlk_msg *out)
{
	struct mlk_msg failed = { 0 };
	mlk_handle_t h;
	unsigned slot;
	mlk_status_t st = fs_files_open(fs, n, flags, &h, &slot);

	if (st != MLK_OK)
		return st;
	out->label = MLK_OK;
	out->nwords = 2;
	out->w[0] = n->type;
	out->w[1] = fs_tree_size(n);
	out->nhandles = 1;
	out->h[0] = h;
	st = mlk_msg_reply(out);
	if (st != MLK_OK) {
		mlk_handle_close(h);
		fs_files_close(fs, slot);
		failed.label = (uint32_t)st;
		mlk_msg_reply(&failed);
	}
	return MLK_DEFERRED;
}

/* w0 flags, w1 path length, the path from w2. */
mlk_status_t fs_do_open(const struct mlk_msg *in, struct mlk_msg *out,
			void *ctx)
{
	struct fs *fs = ctx;
	struct fs_path p;
	struct fs_node *n;
	mlk_status_t st = from_vfs(in);

	if (st == MLK_OK)
		st = in->nwords >= 2 && in->w[0] <= UINT32_MAX
			     ? fs_check_flags(fs, (uint32_t)in->w[0])
			     : MLK_ERR_BAD_ARG(0);
	if (st == MLK_OK)
		st = request_path(in, 0, in->w[1], &p);
	if (st == MLK_OK && !fs_files_room())
		st = MLK_ERR_NO_RESOURCES;
	if (st == MLK_OK)
		st = open_node(fs, &p, (uint32_t)in->w[0], &n);
	if (st != MLK_OK)
		return st;
	return open_reply(fs, n, (uint32_t)in->w[0], out);
}

/* ---- stat, mkdir, unlink ------------------------------------------------- */

/* The path of a one-path request (w1 length, from w2). */
static mlk_status_t one_path(const struct mlk_msg *in, struct fs_path *p)
{
	mlk_status_t st = from_vfs(in);

	if (st == MLK_OK)
		st = in->nwords >= 2 ? request_path(in, 0, in->w[1], p)
				     : MLK_ERR_BAD_NAME;
	return st;
}

mlk_status_t fs_do_stat(const struct mlk_msg *in, struct mlk_msg *out,
			void *ctx)
{
	struct fs *fs = ctx;
	struct fs_path p;
	struct fs_node *n;
	mlk_status_t st = one_path(in, &p);

	if (st == MLK_OK)
		st = fs_tree_walk(fs->root, &p, p.depth, &n);
	if (st == MLK_OK)
		fs_node_stat(fs, n, out);
	return st;
}

mlk_status_t fs_do_mkdir(const struct mlk_msg *in, struct mlk_msg *out,
			 void *ctx)
{
	struct fs *fs = ctx;
	struct fs_path p;
	struct fs_node *dir, *n;
	mlk_status_t st = one_path(in, &p);

	if (st != MLK_OK)
		return st;
	if (fs->read_only)
		return MLK_ERR_READ_ONLY;
	if (p.depth == 0)
		return MLK_ERR_EXISTS; /* the root */
	st = walk_parent(fs, &p, &dir);
	if (st == MLK_OK && fs_tree_entry(dir, fs_path_leaf(&p)))
		st = MLK_ERR_EXISTS;
	if (st == MLK_OK)
		st = create(fs, dir, fs_path_leaf(&p), MLK_FILE_DIRECTORY, &n);
	return st;
}

mlk_status_t fs_do_unlink(const struct mlk_msg *in, struct mlk_msg *out,
			  void *ctx)
{
	struct fs *fs = ctx;
	struct fs_path p;
	struct fs_node *n;
	mlk_status_t st = one_path(in, &p);

	if (st != MLK_OK)
		return st;
	if (fs->read_only)
		return MLK_ERR_READ_ONLY;
	if (p.depth == 0)
		return MLK_ERR_BAD_NAME; /* the root stays */
	st = fs_tree_walk(fs->root, &p, p.depth, &n);
	if (st == MLK_OK && n->nentries)
		st = MLK_ERR_NOT_EMPTY;
	if (st == MLK_OK && fs->ops->remove)
		st = fs->ops->remove(fs, n);
	if (st == MLK_OK) {
		fs_node_touch(n->parent);
		fs_node_remove(fs, n);
	}
	return st;
}

/* ---- rename -------------------------------------------------------------- */

/* Whether src may take the place of dst, which is there already. */
static mlk_status_t may_replace(const struct fs_node *src,
				const struct fs_node *dst)
{
	if (src->type == MLK_FILE_DIRECTORY && dst->type != MLK_FILE_DIRECTORY)
		return MLK_ERR_NOT_DIR;
	if (src->type != MLK_FILE_DIRECTORY && dst->type == MLK_FILE_DIRECTORY)
		return MLK_ERR_IS_DIR;
	return dst->nentries ? MLK_ERR_NOT_EMPTY : MLK_OK;
}

static mlk_status_t move(struct fs *fs, const struct fs_path *from,
			 const struct fs_path *to)
{
	struct fs_node *src, *dir, *dst;
	mlk_status_t st = fs_tree_walk(fs->root, from, from->depth, &src);

	if (st == MLK_OK)
		st = walk_parent(fs, to, &dir);
	if (st != MLK_OK)
		return st;
	if (fs_tree_contains(src, dir))
		return MLK_ERR_BAD_NAME; /* a directory into itself */
	dst = fs_tree_entry(dir, fs_path_leaf(to));
	if (dst == src)
		return MLK_OK;
	st = dst ? may_replace(src, dst) : MLK_OK;
	if (st == MLK_OK)
		st = fs_tree_reserve(dir);
	if (st == MLK_OK && fs->ops->move) /* the store may refuse */
		st = fs->ops->move(fs, src, dir, fs_path_leaf(to), dst);
	if (st != MLK_OK)
		return st; /* after this, nothing can fail */
	if (dst)
		fs_node_remove(fs, dst);
	fs_node_touch(src->parent);
	fs_tree_unlink(src);
	strlcpy(src->name, fs_path_leaf(to), sizeof(src->name));
	fs_tree_link(dir, src);
	fs_node_touch(dir);
	return MLK_OK;
}

/* w0, w1 the two paths' lengths, both from w2 on, one after the other. */
mlk_status_t fs_do_rename(const struct mlk_msg *in, struct mlk_msg *out,
			  void *ctx)
{
	struct fs *fs = ctx;
	struct fs_path from, to;
	mlk_status_t st = from_vfs(in);

	if (st == MLK_OK && in->nwords < 2)
		st = MLK_ERR_BAD_NAME;
	if (st == MLK_OK)
		st = request_path(in, 0, in->w[0], &from);
	if (st == MLK_OK)
		st = request_path(in, in->w[0], in->w[1], &to);
	if (st != MLK_OK)
		return st;
	if (fs->read_only)
		return MLK_ERR_READ_ONLY;
	if (from.depth == 0 || to.depth == 0)
		return MLK_ERR_BAD_NAME; /* the root stays where it is */
	return move(fs, &from, &to);
}

/* ---- the volume ---------------------------------------------------------- */

/* Any path of the volume will do: it is the scheme that names it. */
mlk_status_t fs_do_statfs(const struct mlk_msg *in, struct mlk_msg *out,
			  void *ctx)
{
	struct fs *fs = ctx;
	struct fs_path p;
	struct fs_statfs v = { 0 };
	mlk_status_t st = one_path(in, &p);

	if (st == MLK_OK)
		st = fs->ops->statfs ? fs->ops->statfs(fs, &v)
				     : MLK_ERR_NOT_SUPPORTED;
	if (st != MLK_OK)
		return st;
	out->w[0] = v.total;
	out->w[1] = v.free;
	out->w[2] = v.block_size;
	out->w[3] = fs->read_only ? MLK_STAT_READ_ONLY : 0;
	strlcpy((char *)&out->w[4], fs->type ? fs->type : "", MLK_FS_TYPE_SIZE);
	out->nwords = 6;
	return MLK_OK;
}

mlk_status_t fs_do_sync(const struct mlk_msg *in, struct mlk_msg *out,
			void *ctx)
{
	struct fs *fs = ctx;
	struct fs_path p;
	mlk_status_t st = one_path(in, &p);

	if (st == MLK_OK && fs->ops->sync)
		st = fs->ops->sync(fs);
	return st;
}
