/*
 * Building initfs's tree from the boot bundle: every MLK_BUNDLE_FILE
 * entry becomes a file, and the directories its path names come with it;
 * every program (MLK_BUNDLE_SERVICE) becomes /bin/NAME, its ELF.
 * The kernel checked the bundle (checksums, bounds, names) before init
 * ran, so it is used as it is.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <mlk/bundle.h>
#include <mlk/runtime.h>
#include <mlk/service.h>
#include <mlk/sys.h>

#include "initfs.h"

/* What statfs tells: the files' bytes. */
static uint64_t total_bytes;

static mlk_status_t map_bundle(const void **bundle)
{
	mlk_handle_t h = mlk_start_handle(MLK_START_BUNDLE, NULL);
	uint64_t size = 0, addr;
	mlk_status_t st;

	if (!h)
		return MLK_ERR_NOT_FOUND; /* the manifest lacks grant=bundle */
	st = mlk_mem_size(h, &size);
	if (st == MLK_OK)
		st = mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, h, 0, 0,
				    MLK_PAGE_UP(size), MLK_MAP_READ, &addr);
	if (st == MLK_OK)
		*bundle = (const void *)(uintptr_t)addr;
	return st;
}

/* The directory `name` in dir, made if it is not there. */
static mlk_status_t subdir(struct fs *fs, struct fs_node *dir, const char *name,
			   struct fs_node **out)
{
	mlk_status_t st;

	*out = fs_tree_entry(dir, name);
	if (*out)
		return (*out)->type == MLK_FILE_DIRECTORY ? MLK_OK
							  : MLK_ERR_NOT_DIR;
	st = fs_tree_reserve(dir);
	*out = st == MLK_OK ? initfs_node_new(fs, MLK_FILE_DIRECTORY) : NULL;
	if (!*out)
		return MLK_ERR_NO_MEMORY;
	strlcpy((*out)->name, name, sizeof((*out)->name));
	fs_tree_link(dir, *out);
	return MLK_OK;
}

static mlk_status_t add_file(struct fs *fs, const struct fs_path *p,
			     const char *data, uint64_t size)
{
	struct fs_node *dir = fs->root, *f;
	mlk_status_t st = p->depth ? MLK_OK : MLK_ERR_BAD_NAME;

	for (unsigned i = 0; st == MLK_OK && i + 1 < p->depth; i++)
		st = subdir(fs, dir, fs_path_name(p, i), &dir);
	if (st == MLK_OK && fs_tree_entry(dir, fs_path_leaf(p)))
		st = MLK_ERR_EXISTS; /* "a" and "a/b" both files */
	if (st == MLK_OK && fs_tree_reserve(dir) != MLK_OK)
		st = MLK_ERR_NO_MEMORY;
	f = st == MLK_OK ? initfs_node_new(fs, MLK_FILE_REGULAR) : NULL;
	if (st != MLK_OK || !f)
		return st != MLK_OK ? st : MLK_ERR_NO_MEMORY;
	strlcpy(f->name, fs_path_leaf(p), sizeof(f->name));
	f->size = size;
	total_bytes += size;
	((struct initfs_node *)f)->data = data;
	fs_tree_link(dir, f);
	return MLK_OK;
}

/* Where entry e appears: a file at its name ("etc/motd" is /etc/motd),
 * a program (a service ELF: what the shell's run starts, by name) at
 * /bin/NAME; other kinds nowhere (false). */
static bool entry_path(const struct mlk_bundle_entry *e, char *path,
		       size_t size)
{
	uint32_t kind = MLK_BUNDLE_KIND(e->flags);

	if (kind == MLK_BUNDLE_SERVICE)
		strlcpy(path, "/" INITFS_PROGRAMS_DIR "/", size);
	else if (kind == MLK_BUNDLE_FILE)
		strlcpy(path, "/", size);
	else
		return false;
	strlcat(path, e->name[0] == '/' ? e->name + 1 : e->name, size);
	return true;
}

mlk_status_t initfs_load(struct fs *fs)
{
	const void *bundle = NULL;
	const struct mlk_bundle_header *h;
	const struct mlk_bundle_entry *e;
	unsigned files = 0, programs = 0;
	char path[sizeof(INITFS_PROGRAMS_DIR) + 2 + MLK_BUNDLE_NAME_SIZE];
	struct fs_path p;
	mlk_status_t st = map_bundle(&bundle);

	if (st != MLK_OK)
		return st;
	h = bundle;
	e = mlk_bundle_entries(bundle);
	for (uint32_t i = 0; i < h->entry_count; i++) {
		if (!entry_path(&e[i], path, sizeof(path)))
			continue;
		st = fs_path_parse(&p, path, strlen(path));
		if (st == MLK_OK)
			st = add_file(fs, &p, mlk_bundle_data(bundle, &e[i]),
				      e[i].size);
		if (st == MLK_ERR_NO_MEMORY)
			return st;
		if (st != MLK_OK)
			printf("initfs: %s: left out (%s)\n", path + 1,
			       mlk_status_str(st));
		else if (MLK_BUNDLE_KIND(e[i].flags) == MLK_BUNDLE_SERVICE)
			programs++;
		else
			files++;
	}
	printf("initfs: %u file%s, %u program%s in /" INITFS_PROGRAMS_DIR "\n",
	       files, files == 1 ? "" : "s", programs,
	       programs == 1 ? "" : "s");
	return MLK_OK;
}

uint64_t initfs_bytes(void)
{
	return total_bytes;
}
