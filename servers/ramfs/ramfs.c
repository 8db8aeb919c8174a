/*
 * ramfs: a writable file system in memory, served as tmp://.  Arguments:
 * --max-bytes=N (suffix K, M or G), the size limit, 8M when not given.
 * The tree and the requests are the common file system service's
 * (servers/fslib/fs_service.h); what is ramfs's own is how file contents
 * are kept (data.c) and counted (space.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ramfs.h"

#define DEFAULT_MAX_BYTES (8ull << 20)
#define MAX_BYTES_ARG "--max-bytes="

/* What a node costs: itself, its allocator header, and its place in its
 * directory's entry array (at most four slots an entry, fs_tree.c). */
#define NODE_COST                                                              \
	((sizeof(struct ram_node) + 16 + 4 * sizeof(void *) + 63) & ~63ull)

static struct fs_node *node_new(struct fs *fs, uint32_t type)
{
	struct ram_node *r;

	if (!ramfs_space_take(NODE_COST))
		return NULL;
	r = calloc(1, sizeof(*r));
	if (!r) {
		ramfs_space_give(NODE_COST);
		return NULL;
	}
	r->n.type = type;
	return &r->n;
}

static void node_free(struct fs *fs, struct fs_node *n)
{
	ramfs_data_free((struct ram_node *)n);
	free(n);
	ramfs_space_give(NODE_COST);
}

/* The limit is the volume: what is not used of it is free. */
static mlk_status_t statfs(struct fs *fs, struct fs_statfs *out)
{
	out->total = ramfs_space_limit();
	out->free = out->total - ramfs_space_used();
	out->block_size = RAMFS_BLOCK;
	return MLK_OK;
}

static const struct fs_ops ramfs_ops = {
	.statfs = statfs,
	.node_new = node_new,
	.node_free = node_free,
	.read = ramfs_read,
	.write = ramfs_write,
	.truncate = ramfs_truncate,
};

/* "8M", "512K", "1048576": bytes, or false. */
static bool parse_size(const char *s, uint64_t *bytes)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	unsigned shift = 0;

	if (end == s || *s == '-')
		return false;
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	else if (*end == 'G' || *end == 'g')
		shift = 30;
	if (shift)
		end++;
	if (*end || v == 0 || v > (UINT64_MAX >> shift))
		return false;
	*bytes = (uint64_t)v << shift;
	return true;
}

static bool parse_args(int argc, char **argv, uint64_t *max_bytes)
{
	size_t n = strlen(MAX_BYTES_ARG);

	*max_bytes = DEFAULT_MAX_BYTES;
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], MAX_BYTES_ARG, n) ||
		    !parse_size(argv[i] + n, max_bytes)) {
			printf("ramfs: bad argument '%s' (want %sN, N with "
			       "K, M or G)\n",
			       argv[i], MAX_BYTES_ARG);
			return false;
		}
	}
	return true;
}

int main(int argc, char **argv)
{
	static struct fs fs = {
		.scheme = "tmp",
		.type = "ramfs",
		.ops = &ramfs_ops,
	};
	uint64_t max_bytes;

	if (!parse_args(argc, argv, &max_bytes))
		return 2;
	ramfs_space_init(max_bytes);
	fs.root = node_new(&fs, MLK_FILE_DIRECTORY);
	if (!fs.root) {
		printf("ramfs: no room for the root directory\n");
		return 1;
	}
	fs.root->linked = true;
	return fs_service_run(&fs);
}
