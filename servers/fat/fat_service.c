/*
 * fat: a FAT12/16/32 volume served through the vfs as a scheme.
 * Arguments: --volume=N, the Nth FAT volume on the virtio disks
 * (fat_blk.c; default 0), served as diskN://; --scheme=NAME;
 * --read-only.  The volume's
 * tree is libmlkfs's (fat_tree.c); the store is changed through
 * libmlkfs's create/remove/move hooks before the tree is.  Write-back
 * (README.md): at once after a change of names, at a file's close, at
 * sync, and IDLE_NS after the last write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/runtime.h>
#include <mlk/sys.h>

#include "fat_service.h"

#define SCHEME_ARG "--scheme="
#define VOLUME_ARG "--volume="
#define FAT_EPOCH 315532800ull /* 1980-01-01: a board without a clock */
#define IDLE_NS (200ull * 1000000)

struct fat_vol *fat_svc_vol;
const char *fat_svc_scheme;
static char default_scheme[16];
static char fs_type[8] = "fat"; /* "fat32" once mounted */

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

/* A change to a file's contents: written back when the file is closed,
 * or once nothing was written for IDLE_NS (the cache also writes back,
 * in order, when it is full). */
static mlk_status_t held(struct fs *fs, mlk_status_t st)
{
	fs->sync_at = mlk_clock_now() + IDLE_NS;
	return fat_svc_report(st);
}

static mlk_status_t svc_write(struct fs *fs, struct fs_node *n, uint64_t pos,
			      const void *buf, size_t len, size_t *done)
{
	mlk_status_t st =
		fat_write(fat_svc_vol, &ff(n)->fat, pos, buf, len, done);

	n->size = ff(n)->fat.size;
	return held(fs, st);
}

static mlk_status_t svc_truncate(struct fs *fs, struct fs_node *n,
				 uint64_t size)
{
	mlk_status_t st = fat_truncate(fat_svc_vol, &ff(n)->fat, size);

	n->size = ff(n)->fat.size;
	return held(fs, st);
}

/* A file complete at its close is on the disk when the close is done. */
static void svc_closed(struct fs *fs, struct fs_node *n)
{
	if (fs->sync_at) {
		fs->sync_at = 0;
		synced(MLK_OK);
	}
}

static mlk_status_t svc_sync(struct fs *fs)
{
	mlk_status_t st = fat_sync(fat_svc_vol);

	fs->sync_at = 0;
	if (st != MLK_OK)
		printf("fat: %s: writing back: %s\n", fat_svc_scheme,
		       st == MLK_ERR_BAD_FORMAT ? fat_why(fat_svc_vol)
						: mlk_status_str(st));
	return st;
}

static mlk_status_t svc_statfs(struct fs *fs, struct fs_statfs *out)
{
	struct fat_statfs sf;

	fat_statfs(fat_svc_vol, &sf);
	out->block_size = sf.cluster_size;
	out->total = (uint64_t)sf.clusters * sf.cluster_size;
	out->free = (uint64_t)sf.free_clusters * sf.cluster_size;
	return MLK_OK;
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
	.statfs = svc_statfs,
	.sync = svc_sync,
	.closed = svc_closed,
};

static const struct fs_ops fat_ops_read_only = {
	.node_new = fat_svc_node_new,
	.node_free = node_free,
	.read = svc_read,
	.statfs = svc_statfs,
};

/* A disk that did not mount: a volume of nothing, for mount and df. */
static mlk_status_t svc_statfs_none(struct fs *fs, struct fs_statfs *out)
{
	*out = (struct fs_statfs){ 0 };
	return MLK_OK;
}

static const struct fs_ops fat_ops_none = {
	.node_new = fat_svc_node_new,
	.node_free = node_free,
	.read = svc_read,
	.statfs = svc_statfs_none,
};

/* Seconds since 1970: the date, or 1980 plus the time since boot. */
static uint64_t clock_now(void *ctx)
{
	uint64_t ns;

	if (mlk_clock_realtime(&ns) == MLK_OK)
		return ns / 1000000000ull;
	return FAT_EPOCH + mlk_clock_now() / 1000000000ull;
}

struct args {
	unsigned volume;
	bool read_only;
};

static bool parse_args(int argc, char **argv, struct args *a)
{
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], SCHEME_ARG, strlen(SCHEME_ARG)))
			fat_svc_scheme = argv[i] + strlen(SCHEME_ARG);
		else if (!strncmp(argv[i], VOLUME_ARG, strlen(VOLUME_ARG)))
			a->volume = (unsigned)strtoul(
				argv[i] + strlen(VOLUME_ARG), NULL, 10);
		else if (!strcmp(argv[i], "--read-only"))
			a->read_only = true;
		else {
			printf("fat: unknown argument %s (want %sN, %sNAME, "
			       "--read-only)\n",
			       argv[i], VOLUME_ARG, SCHEME_ARG);
			return false;
		}
	}
	snprintf(default_scheme, sizeof(default_scheme), "disk%u", a->volume);
	if (!fat_svc_scheme)
		fat_svc_scheme = default_scheme;
	return true;
}

/* No such volume: nothing to serve, and nothing to restart for.  The
 * first instance says so once; the process waits for ever (an exit
 * would be restarted by init). */
static __attribute__((noreturn)) void no_volume(const struct args *a)
{
	if (a->volume == 0)
		printf("fat: no FAT volume on the disks\n");
	for (;;)
		mlk_sleep(MLK_FOREVER);
}

/* Mount the disk: a one-line reason if it is not a volume it can use;
 * *found false when there is no volume a->volume at all. */
static mlk_status_t mount(struct args *a, bool *found)
{
	struct fat_options o = { .read_only = a->read_only, .now = clock_now };
	struct fat_dev dev;
	char why[FAT_WHY_SIZE];
	char where[FAT_WHERE_SIZE];
	struct fat_statfs sf;
	mlk_status_t st = fat_blk_open(a->volume, &dev, where);

	*found = st == MLK_OK;
	if (st != MLK_OK)
		return st;
	a->read_only = o.read_only = o.read_only || !dev.write;
	st = fat_mount(&dev, &o, &fat_svc_vol, why);
	if (st != MLK_OK) {
		printf("fat: %s: %s: %s\n", fat_svc_scheme, where,
		       st == MLK_ERR_BAD_FORMAT ? why : mlk_status_str(st));
		return st;
	}
	fat_statfs(fat_svc_vol, &sf);
	snprintf(fs_type, sizeof(fs_type), "fat%u", sf.fat_bits);
	printf("fat: %s: %s: FAT%u, %u KiB free of %u KiB\n", fat_svc_scheme,
	       where, sf.fat_bits,
	       (unsigned)((uint64_t)sf.free_clusters * sf.cluster_size >> 10),
	       (unsigned)((uint64_t)sf.clusters * sf.cluster_size >> 10));
	return MLK_OK;
}

int main(int argc, char **argv)
{
	static struct fs fs;
	struct args a = { 0 };
	bool found, mounted;

	if (!parse_args(argc, argv, &a))
		return 1;
	/* A disk it cannot use leaves the service running with an empty,
	 * read-only scheme: the reason is logged once, and init does not
	 * restart a service over a disk that will not change. */
	mounted = mount(&a, &found) == MLK_OK;
	if (!found)
		no_volume(&a);
	fs.scheme = fat_svc_scheme;
	fs.type = fs_type;
	fs.read_only = a.read_only || !mounted;
	fs.ops = !mounted	? &fat_ops_none
		 : fs.read_only ? &fat_ops_read_only
				: &fat_ops;
	fs.root = fat_svc_node_new(&fs, MLK_FILE_DIRECTORY);
	if (!fs.root || (mounted && fat_tree_load(&fs) != MLK_OK)) {
		printf("fat: %s: out of memory for the tree\n", fat_svc_scheme);
		return 1;
	}
	return fs_service_run(&fs);
}
