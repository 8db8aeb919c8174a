/*
 * Directories and paths of an in-memory file system (see fs_tree.h).
 * Entries are an array, so MLK_FILE_READDIR by index is direct; a
 * directory's entries number in the tens, where a linear search is fine.
 */
#include "fs_tree.h"

#include <stdlib.h>
#include <string.h>

#define FIRST_CAPACITY 8

struct fs_node *fs_tree_entry(const struct fs_node *dir, const char *name)
{
	for (uint32_t i = 0; i < dir->nentries; i++)
		if (!strcmp(dir->entries[i]->name, name))
			return dir->entries[i];
	return NULL;
}

mlk_status_t fs_tree_reserve(struct fs_node *dir)
{
	uint32_t cap = dir->capacity ? dir->capacity * 2 : FIRST_CAPACITY;
	struct fs_node **e;

	if (dir->nentries < dir->capacity)
		return MLK_OK;
	e = realloc(dir->entries, cap * sizeof(*e));
	if (!e)
		return MLK_ERR_NO_SPACE;
	dir->entries = e;
	dir->capacity = cap;
	return MLK_OK;
}

void fs_tree_link(struct fs_node *dir, struct fs_node *n)
{
	dir->entries[dir->nentries++] = n;
	n->parent = dir;
	n->linked = true;
}

/* A directory that lost most of its entries gives memory back, so its
 * array stays within four slots an entry. */
static void shrink(struct fs_node *dir)
{
	uint32_t cap = dir->capacity / 2;
	struct fs_node **e;

	if (dir->capacity <= FIRST_CAPACITY ||
	    dir->nentries * 4 > dir->capacity)
		return;
	e = realloc(dir->entries, cap * sizeof(*e));
	if (e) {
		dir->entries = e;
		dir->capacity = cap;
	}
}

void fs_tree_unlink(struct fs_node *n)
{
	struct fs_node *dir = n->parent;

	for (uint32_t i = 0; dir && i < dir->nentries; i++) {
		if (dir->entries[i] != n)
			continue;
		memmove(&dir->entries[i], &dir->entries[i + 1],
			(dir->nentries - i - 1) * sizeof(dir->entries[0]));
		dir->nentries--;
		shrink(dir);
		break;
	}
	n->parent = NULL;
	n->linked = false;
}

mlk_status_t fs_tree_walk(struct fs_node *root, const struct fs_path *p,
			  unsigned depth, struct fs_node **out)
{
	struct fs_node *n = root;

	for (unsigned i = 0; i < depth; i++) {
		if (n->type != MLK_FILE_DIRECTORY)
			return MLK_ERR_NOT_DIR;
		n = fs_tree_entry(n, fs_path_name(p, i));
		if (!n)
			return MLK_ERR_NOT_FOUND;
	}
	*out = n;
	return MLK_OK;
}

bool fs_tree_contains(const struct fs_node *a, const struct fs_node *n)
{
	for (; n; n = n->parent)
		if (n == a)
			return true;
	return false;
}

uint64_t fs_tree_size(const struct fs_node *n)
{
	return n->type == MLK_FILE_DIRECTORY ? n->nentries : n->size;
}

void fs_tree_free_entries(struct fs_node *dir)
{
	free(dir->entries);
	dir->entries = NULL;
	dir->nentries = dir->capacity = 0;
}
