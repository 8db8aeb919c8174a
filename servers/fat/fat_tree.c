/*
 * The volume's directories as libmlkfs's tree, read whole at start: a
 * node per entry with its name, size and where its entry lies.  Names
 * longer than a path component may be (MLK_FS_NAME_SIZE) go by their
 * short alias.  A directory that cannot be read, or that leads back to
 * one above it, is left out with one log line: the rest stays served.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fat_service.h"
#include "fs_path.h"

#define MAX_DEPTH 32 /* directories nested deeper are left out */
#define MAX_NODES 65536

static unsigned nodes;

struct fs_node *fat_svc_node_new(struct fs *fs, uint32_t type)
{
	struct fat_fs_node *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->n.type = type;
	f->fat.type = type;
	return &f->n;
}

/* The name the tree gives entry e, or NULL if it has none it can use. */
static const char *tree_name(const struct fat_dirent *e)
{
	const char *name =
		strlen(e->name) < MLK_FS_NAME_SIZE ? e->name : e->short_name;
	struct fs_path p;
	char path[MLK_FS_NAME_SIZE + 1] = "/";

	strcat(path, name);
	return fs_path_parse(&p, path, strlen(path)) == MLK_OK ? name : NULL;
}

/* Whether cluster clus is that of dir or a directory above it. */
static bool above(const struct fs_node *dir, uint32_t clus)
{
	for (; dir; dir = dir->parent)
		if (((const struct fat_fs_node *)dir)->fat.first == clus)
			return true;
	return false;
}

static mlk_status_t load_dir(struct fs *fs, struct fs_node *dir,
			     unsigned depth);

static mlk_status_t add(struct fs *fs, struct fs_node *dir,
			const struct fat_dirent *e, unsigned depth)
{
	const char *name = tree_name(e);
	struct fs_node *n;

	if (!name || fs_tree_entry(dir, name)) {
		printf("fat: %s: %s left out (a name MLK cannot use, or "
		       "twice)\n",
		       fat_svc_scheme, e->name);
		return MLK_OK;
	}
	if (e->node.type == FAT_DIRECTORY &&
	    (depth >= MAX_DEPTH || above(dir, e->node.first))) {
		printf("fat: %s: folder %s left out (nested too deep, or "
		       "inside itself)\n",
		       fat_svc_scheme, e->name);
		return MLK_OK;
	}
	if (++nodes > MAX_NODES || fs_tree_reserve(dir) != MLK_OK)
		return MLK_ERR_NO_MEMORY;
	n = fat_svc_node_new(fs, e->node.type);
	if (!n)
		return MLK_ERR_NO_MEMORY;
	strlcpy(n->name, name, sizeof(n->name));
	n->size = e->node.size;
	n->modified = e->node.mtime * 1000000000ull;
	n->created = e->node.ctime * 1000000000ull;
	((struct fat_fs_node *)n)->fat = e->node;
	fs_tree_link(dir, n);
	return e->node.type == FAT_DIRECTORY ? load_dir(fs, n, depth + 1)
					     : MLK_OK;
}

static mlk_status_t load_dir(struct fs *fs, struct fs_node *dir, unsigned depth)
{
	static struct fat_dirent e; /* large: the recursion keeps none */
	struct fat_dirent *copy;
	uint32_t cur = 0;
	mlk_status_t st;

	while ((st = fat_readdir(fat_svc_vol, &((struct fat_fs_node *)dir)->fat,
				 &cur, &e)) == MLK_OK) {
		copy = malloc(sizeof(*copy));
		if (!copy)
			return MLK_ERR_NO_MEMORY;
		*copy = e;
		st = add(fs, dir, copy, depth);
		free(copy);
		if (st != MLK_OK)
			return st;
	}
	if (st != MLK_ERR_NOT_FOUND) {
		printf("fat: %s: folder %s: %s\n", fat_svc_scheme,
		       dir->parent ? dir->name : "/",
		       st == MLK_ERR_BAD_FORMAT ? fat_why(fat_svc_vol)
						: mlk_status_str(st));
		return st == MLK_ERR_NO_MEMORY ? st : MLK_OK;
	}
	return MLK_OK;
}

mlk_status_t fat_tree_load(struct fs *fs)
{
	struct fat_fs_node *root = (struct fat_fs_node *)fs->root;
	mlk_status_t st = fat_lookup(fat_svc_vol, "/", &root->fat);

	nodes = 0;
	if (st == MLK_OK)
		st = load_dir(fs, fs->root, 0);
	return st;
}
