/*
 * What the requests on names and on open files share: the rules of open
 * flags, the end of a node's life, what stat shows.
 */
#include <mlk/runtime.h>

#include "fs_internal.h"

mlk_status_t fs_check_flags(const struct fs *fs, uint32_t flags)
{
	const uint32_t changes =
		MLK_O_WRITE | MLK_O_CREATE | MLK_O_TRUNCATE | MLK_O_APPEND;

	if ((flags & ~MLK_O_FLAGS) || !(flags & (MLK_O_READ | MLK_O_WRITE)))
		return MLK_ERR_BAD_ARG(0);
	if ((flags & (MLK_O_TRUNCATE | MLK_O_APPEND)) && !(flags & MLK_O_WRITE))
		return MLK_ERR_BAD_ARG(0);
	if ((flags & MLK_O_EXCL) && !(flags & MLK_O_CREATE))
		return MLK_ERR_BAD_ARG(0);
	if ((flags & MLK_O_CREATE) && (flags & MLK_O_DIRECTORY))
		return MLK_ERR_BAD_ARG(0);
	if (fs->read_only && (flags & changes))
		return MLK_ERR_READ_ONLY;
	return MLK_OK;
}

void fs_node_release(struct fs *fs, struct fs_node *n)
{
	/* An open file keeps a removed node, as POSIX keeps an unlinked
	 * file until its last close. */
	if (n->linked || n->opens || n == fs->root)
		return;
	fs_tree_free_entries(n);
	fs->ops->node_free(fs, n);
}

void fs_node_remove(struct fs *fs, struct fs_node *n)
{
	fs_tree_unlink(n);
	fs_node_release(fs, n);
}

void fs_node_stat(const struct fs *fs, const struct fs_node *n,
		  struct mlk_msg *out)
{
	out->w[0] = n->type;
	out->w[1] = fs_tree_size(n);
	out->w[2] = fs->read_only ? MLK_STAT_READ_ONLY : 0;
	out->w[3] = n->modified;
	out->w[4] = n->created;
	out->nwords = 5;
}

/* The wall clock, or 0 (not known) on a board without one. */
static uint64_t wall_now(void)
{
	uint64_t ns;

	return mlk_clock_realtime(&ns) == MLK_OK ? ns : 0;
}

void fs_node_touch(struct fs_node *n)
{
	n->modified = wall_now();
}

void fs_node_born(struct fs_node *n)
{
	n->created = n->modified = wall_now();
}
