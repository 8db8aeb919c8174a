/*
 * fat: a FAT12/16/32 volume served through the vfs as a scheme (disk0://
 * by default).  Arguments: --image=NAME, the boot-bundle file holding the
 * disk (until the block client replaces it, fat_image.c); --scheme=NAME;
 * --read-only.  The volume's tree is libmlkfs's (fat_tree.c); the store
 * is changed through libmlkfs's create/remove/move hooks before the tree
 * is, and every request that changed the volume ends with a sync, so the
 * disk is always clean between requests (README.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/runtime.h>

#include "fat_service.h"

#define IMAGE_ARG "--image="
#define SCHEME_ARG "--scheme="
#define FAT_EPOCH 315532800ull /* 1980-01-01: no clock of the date yet */

struct fat_vol *fat_svc_vol;
const char *fat_svc_scheme = "disk0";

static struct fat_fs_node *ff(struct fs_node *n)
{
	return (struct fat_fs_node *)n;
}

mlk_status_t fat_svc_report(mlk_status_t st)
{
	if (st == MLK_ERR_BAD_FORMAT)
		printf("fat: %s: %s\n", fat_svc_scheme, fat_why(fat_svc_vol));
	return st;
}

/* After a change: everything to the disk, the volume marked clean.  The
 * change's own status is the answer: once made, a change stands (in the
 * cache) even if writing it back failed, and libmlkfs's tree must follow
 * it; the failure is logged, and the next sync tries again. */
static mlk_status_t synced(mlk_status_t st)
{
	mlk_status_t st2 = fat_sync(fat_svc_vol);

	if (st2 != MLK_OK)
		printf("fat: %s: writing back: %s\n", fat_svc_scheme,
		       st2 == MLK_ERR_BAD_FORMAT ? fat_why(fat_svc_vol)
						 : mlk_status_str(st2));
	return fat_svc_report(st);
}

static void node_free(struct fs *fs, struct fs_node *n)
{
	/* Unlinked and closed: the clusters of a removed file go now. */
	if (n != fs->root)
		synced(fat_release(fat_svc_vol, &ff(n)->fat));
	free(n);
}

static mlk_status_t svc_read(struct fs *fs, struct fs_node *n, uint64_t pos,
			     void *buf, size_t len, size_t *got)
{
	return fat_svc_report(
		fat_read(fat_svc_vol, &ff(n)->fat, pos, buf, len, got));
}

static mlk_status_t svc_write(struct fs *fs, struct fs_node *n, uint64_t pos,
			      const void *buf, size_t len, size_t *done)
{
	mlk_status_t st =
		fat_write(fat_svc_vol, &ff(n)->fat, pos, buf, len, done);

	n->size = ff(n)->fat.size;
	return synced(st);
}

static mlk_status_t svc_truncate(struct fs *fs, struct fs_node *n,
				 uint64_t size)
{
	mlk_status_t st = fat_truncate(fat_svc_vol, &ff(n)->fat, size);

	n->size = ff(n)->fat.size;
	return synced(st);
}

static mlk_status_t svc_create(struct fs *fs, struct fs_node *dir,
			       struct fs_node *n)
{
	return synced(fat_create_at(fat_svc_vol, &ff(dir)->fat, n->name,
				    n->type, &ff(n)->fat));
}

static mlk_status_t svc_remove(struct fs *fs, struct fs_node *n)
{
	return synced(fat_remove_at(fat_svc_vol, &ff(n)->fat));
}

static mlk_status_t svc_move(struct fs *fs, struct fs_node *n,
			     struct fs_node *dir, const char *name,
			     struct fs_node *dst)
{
	return synced(fat_move_at(fat_svc_vol, &ff(n)->fat, &ff(dir)->fat, name,
				  dst ? &ff(dst)->fat : NULL));
}

static const struct fs_ops fat_ops = {
	.node_new = fat_svc_node_new,
	.node_free = node_free,
	.read = svc_read,
	.write = svc_write,
	.truncate = svc_truncate,
	.create = svc_create,
	.remove = svc_remove,
	.move = svc_move,
};

static const struct fs_ops fat_ops_read_only = {
	.node_new = fat_svc_node_new,
	.node_free = node_free,
	.read = svc_read,
};

static uint64_t clock_now(void *ctx)
{
	return FAT_EPOCH + mlk_clock_now() / 1000000000ull;
}

struct args {
	const char *image;
	bool read_only;
};

static bool parse_args(int argc, char **argv, struct args *a)
{
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], IMAGE_ARG, strlen(IMAGE_ARG)))
			a->image = argv[i] + strlen(IMAGE_ARG);
		else if (!strncmp(argv[i], SCHEME_ARG, strlen(SCHEME_ARG)))
			fat_svc_scheme = argv[i] + strlen(SCHEME_ARG);
		else if (!strcmp(argv[i], "--read-only"))
			a->read_only = true;
		else {
			printf("fat: unknown argument %s (want %sNAME, "
			       "%sNAME, --read-only)\n",
			       argv[i], IMAGE_ARG, SCHEME_ARG);
			return false;
		}
	}
	if (!a->image)
		printf("fat: no %sNAME: which bundle file is the disk?\n",
		       IMAGE_ARG);
	return a->image != NULL;
}

/* Mount the disk: a one-line reason if it is not a volume it can use. */
static mlk_status_t mount(const struct args *a)
{
	struct fat_options o = { .read_only = a->read_only, .now = clock_now };
	struct fat_dev dev;
	char why[FAT_WHY_SIZE];
	struct fat_statfs sf;
	mlk_status_t st = fat_image_open(a->image, &dev);

	if (st != MLK_OK) {
		printf("fat: %s: disk %s: %s\n", fat_svc_scheme, a->image,
		       mlk_status_str(st));
		return st;
	}
	st = fat_mount(&dev, &o, &fat_svc_vol, why);
	if (st != MLK_OK) {
		printf("fat: %s: %s: %s\n", fat_svc_scheme, a->image,
		       st == MLK_ERR_BAD_FORMAT ? why : mlk_status_str(st));
		return st;
	}
	fat_statfs(fat_svc_vol, &sf);
	printf("fat: %s: FAT%u, %u KiB free of %u KiB\n", fat_svc_scheme,
	       sf.fat_bits,
	       (unsigned)((uint64_t)sf.free_clusters * sf.cluster_size >> 10),
	       (unsigned)((uint64_t)sf.clusters * sf.cluster_size >> 10));
	return MLK_OK;
}

int main(int argc, char **argv)
{
	static struct fs fs;
	struct args a = { 0 };

	bool mounted;

	if (!parse_args(argc, argv, &a))
		return 1;
	/* A disk it cannot use leaves the service running with an empty,
	 * read-only scheme: the reason is logged once, and init does not
	 * restart a service over a disk that will not change. */
	mounted = mount(&a) == MLK_OK;
	fs.scheme = fat_svc_scheme;
	fs.read_only = a.read_only || !mounted;
	fs.ops = fs.read_only ? &fat_ops_read_only : &fat_ops;
	fs.root = fat_svc_node_new(&fs, MLK_FILE_DIRECTORY);
	if (!fs.root || (mounted && fat_tree_load(&fs) != MLK_OK)) {
		printf("fat: %s: out of memory for the tree\n", fat_svc_scheme);
		return 1;
	}
	return fs_service_run(&fs);
}
