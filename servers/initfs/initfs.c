/*
 * initfs: serves the files mlk-mkimage packed into the boot bundle
 * (MLK_BUNDLE_FILE entries, named by their paths: "etc/motd") as
 * initfs://, read-only.  Their bytes stay where they are in the bundle;
 * only the tree is built here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/service.h>

#include "initfs.h"

struct fs_node *initfs_node_new(struct fs *fs, uint32_t type)
{
	struct initfs_node *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->n.type = type;
	return &n->n;
}

static void node_free(struct fs *fs, struct fs_node *n)
{
	free(n);
}

static mlk_status_t read_file(struct fs *fs, struct fs_node *n, uint64_t pos,
			      void *buf, size_t len, size_t *got)
{
	const struct initfs_node *f = (const struct initfs_node *)n;
	uint64_t left = pos < n->size ? n->size - pos : 0;

	*got = len < left ? len : (size_t)left;
	memcpy(buf, f->data + pos, *got);
	return MLK_OK;
}

/* The files' bytes, all taken: nothing can be added. */
static mlk_status_t statfs(struct fs *fs, struct fs_statfs *out)
{
	out->total = initfs_bytes();
	out->free = 0;
	out->block_size = 1; /* files are where the bundle has them */
	return MLK_OK;
}

/* No node_new, write or truncate: the file system is read-only. */
static const struct fs_ops initfs_ops = {
	.node_free = node_free,
	.read = read_file,
	.statfs = statfs,
};

int main(void)
{
	static struct fs fs = {
		.scheme = "initfs",
		.type = "initfs",
		.ops = &initfs_ops,
		.read_only = true,
	};
	mlk_status_t st;

	fs.root = initfs_node_new(&fs, MLK_FILE_DIRECTORY);
	st = fs.root ? initfs_load(&fs) : MLK_ERR_NO_MEMORY;
	if (st != MLK_OK) {
		printf("initfs: cannot load the boot bundle's files: %s\n",
		       mlk_status_str(st));
		return 1;
	}
	fs.root->linked = true;
	return fs_service_run(&fs);
}
