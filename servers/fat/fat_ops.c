/*
 * Operations on paths: lookup, create, mkdir, unlink, rename, readdir.
 * Each change writes new entries before it removes old ones, so a crash
 * between the two leaves a name too many for fsck to mend, never a file
 * with no name (README.md, "Write order").
 */
#include <string.h>

#include "fat_internal.h"

/* One path component (NUL-terminated into name) from *path. */
static mlk_status_t next_name(const char **path, char name[FAT_NAME_SIZE])
{
	const char *s = *path, *end = strchr(s, '/');
	size_t len = end ? (size_t)(end - s) : strlen(s);

	if (!len || len >= FAT_NAME_SIZE)
		return MLK_ERR_BAD_NAME;
	memcpy(name, s, len);
	name[len] = '\0';
	*path = end ? end + 1 : s + len;
	return MLK_OK;
}

static void root_node(const struct fat_vol *v, struct fat_node *n)
{
	memset(n, 0, sizeof(*n));
	n->type = FAT_DIRECTORY;
	n->is_root = true;
	n->first = v->fat_bits == 32 ? v->root_clus : 0;
	n->attr = ATTR_DIRECTORY;
}

/* Walk path; with `parent`, stop before its last component, which goes
 * into leaf. */
static mlk_status_t walk(struct fat_vol *v, const char *path, bool parent,
			 struct fat_node *out, char leaf[FAT_NAME_SIZE])
{
	static struct fat_dirent d; /* large: one request at a time */
	char name[FAT_NAME_SIZE];
	mlk_status_t st;

	if (path[0] != '/')
		return MLK_ERR_BAD_NAME;
	path++;
	root_node(v, out);
	if (!*path)
		return parent ? MLK_ERR_BAD_NAME : MLK_OK;
	for (;;) {
		st = next_name(&path, name);
		if (st != MLK_OK)
			return st;
		if (parent && !*path) {
			strcpy(leaf, name);
			return MLK_OK;
		}
		if (out->type != FAT_DIRECTORY)
			return MLK_ERR_NOT_DIR;
		st = fat_dir_find(v, fat_dir_cluster(v, out), name, &d);
		if (st != MLK_OK)
			return st;
		*out = d.node;
		if (!*path)
			return MLK_OK;
	}
}

mlk_status_t fat_lookup(struct fat_vol *v, const char *path,
			struct fat_node *out)
{
	return walk(v, path, false, out, NULL);
}

mlk_status_t fat_readdir(struct fat_vol *v, const struct fat_node *dir,
			 uint32_t *cursor, struct fat_dirent *out)
{
	if (dir->type != FAT_DIRECTORY)
		return MLK_ERR_NOT_DIR;
	return fat_dir_next(v, fat_dir_cluster(v, dir), cursor, out);
}

/* The parent directory of path, which must be one; its leaf name. */
static mlk_status_t parent_dir(struct fat_vol *v, const char *path,
			       struct fat_node *dir, char leaf[FAT_NAME_SIZE])
{
	mlk_status_t st = walk(v, path, true, dir, leaf);

	if (st == MLK_OK && dir->type != FAT_DIRECTORY)
		st = MLK_ERR_NOT_DIR;
	return st;
}

/* Whether leaf is in dir: MLK_OK with d filled, or MLK_ERR_NOT_FOUND. */
static mlk_status_t find_leaf(struct fat_vol *v, const struct fat_node *dir,
			      const char *leaf, struct fat_dirent *d)
{
	return fat_dir_find(v, fat_dir_cluster(v, dir), leaf, d);
}

/* ---- create -------------------------------------------------------------- */

/* The cluster of a new directory: zeroed, with "." and ".." (the
 * parent's cluster, 0 for the root, as the specification says). */
static mlk_status_t new_dir_cluster(struct fat_vol *v, uint32_t parent,
				    const uint8_t proto[DIRENT_SIZE],
				    uint32_t *clus)
{
	uint8_t *p;
	mlk_status_t st = fat_alloc(v, 0, clus);

	for (uint32_t s = 0; st == MLK_OK && s < v->spc; s++) {
		st = fat_cache_write(v, fat_cluster_sector(v, *clus) + s,
				     CLASS_DATA, true, &p);
		if (st != MLK_OK)
			break;
		memset(p, 0, v->bps);
		if (s)
			continue;
		memcpy(p, proto, DIRENT_SIZE);
		memcpy(p, ".          ", 11);
		wr16(p + DE_CLUS_HI, (uint16_t)(*clus >> 16));
		wr16(p + DE_CLUS_LO, (uint16_t)*clus);
		memcpy(p + DIRENT_SIZE, proto, DIRENT_SIZE);
		memcpy(p + DIRENT_SIZE, "..         ", 11);
		wr16(p + DIRENT_SIZE + DE_CLUS_HI, (uint16_t)(parent >> 16));
		wr16(p + DIRENT_SIZE + DE_CLUS_LO, (uint16_t)parent);
	}
	return st;
}

static void make_proto(struct fat_vol *v, uint32_t type, uint8_t e[DIRENT_SIZE])
{
	uint16_t date, time;

	memset(e, 0, DIRENT_SIZE);
	fat_time_to_dos(fat_now(v), &date, &time);
	e[DE_ATTR] = type == FAT_DIRECTORY ? ATTR_DIRECTORY : ATTR_ARCHIVE;
	wr16(e + DE_CTIME, time);
	wr16(e + DE_CDATE, date);
	wr16(e + DE_ADATE, date);
	wr16(e + DE_MTIME, time);
	wr16(e + DE_MDATE, date);
}

mlk_status_t fat_create_at(struct fat_vol *v, const struct fat_node *dir,
			   const char *name, uint32_t type,
			   struct fat_node *out)
{
	static struct fat_dirent d;
	uint8_t proto[DIRENT_SIZE];
	uint32_t clus = 0, parent = dir->is_root ? 0 : dir->first;
	mlk_status_t st = v->opt.read_only ? MLK_ERR_READ_ONLY : MLK_OK;

	if (st == MLK_OK && dir->type != FAT_DIRECTORY)
		st = MLK_ERR_NOT_DIR;
	if (st == MLK_OK)
		st = find_leaf(v, dir, name, &d);
	if (st == MLK_OK)
		return MLK_ERR_EXISTS;
	if (st != MLK_ERR_NOT_FOUND)
		return st;
	make_proto(v, type, proto);
	st = type == FAT_DIRECTORY ? new_dir_cluster(v, parent, proto, &clus)
				   : MLK_OK;
	if (st != MLK_OK)
		return st;
	wr16(proto + DE_CLUS_HI, (uint16_t)(clus >> 16));
	wr16(proto + DE_CLUS_LO, (uint16_t)clus);
	st = fat_dir_add(v, fat_dir_cluster(v, dir), name, proto, out);
	if (st != MLK_OK && clus)
		fat_free_chain(v, clus); /* the new directory's cluster */
	return st;
}

mlk_status_t fat_create(struct fat_vol *v, const char *path, uint32_t type,
			struct fat_node *out)
{
	char leaf[FAT_NAME_SIZE];
	struct fat_node dir;
	mlk_status_t st = v->opt.read_only ? MLK_ERR_READ_ONLY : MLK_OK;

	if (st == MLK_OK)
		st = parent_dir(v, path, &dir, leaf);
	if (st == MLK_OK)
		st = fat_create_at(v, &dir, leaf, type, out);
	return st;
}

/* ---- unlink -------------------------------------------------------------- */

mlk_status_t fat_remove_at(struct fat_vol *v, const struct fat_node *n)
{
	bool empty = true;
	mlk_status_t st = v->opt.read_only ? MLK_ERR_READ_ONLY : MLK_OK;

	if (st == MLK_OK && n->is_root)
		st = MLK_ERR_BAD_NAME;
	if (st == MLK_OK && n->type == FAT_DIRECTORY)
		st = fat_dir_is_empty(v, fat_dir_cluster(v, n), &empty);
	if (st == MLK_OK && !empty)
		st = MLK_ERR_NOT_EMPTY;
	if (st == MLK_OK)
		st = fat_dir_remove(v, n);
	return st;
}

mlk_status_t fat_release(struct fat_vol *v, struct fat_node *n)
{
	mlk_status_t st = MLK_OK;

	if (n->first && !n->is_root)
		st = fat_free_chain(v, n->first);
	n->first = 0;
	return st;
}

mlk_status_t fat_unlink(struct fat_vol *v, const char *path)
{
	struct fat_node n;
	mlk_status_t st = v->opt.read_only ? MLK_ERR_READ_ONLY : MLK_OK;

	if (st == MLK_OK)
		st = fat_lookup(v, path, &n);
	if (st == MLK_OK)
		st = fat_remove_at(v, &n);
	if (st == MLK_OK)
		st = fat_release(v, &n);
	return st;
}

/* ---- rename -------------------------------------------------------------- */

/* The cluster of the parent of directory clus (its ".." entry). */
static mlk_status_t dotdot(struct fat_vol *v, uint32_t clus, uint32_t *parent)
{
	struct fat_dir_pos pos;
	uint8_t *e;
	mlk_status_t st = fat_dir_locate(v, clus, 1, &pos);

	if (st == MLK_OK)
		st = fat_cache_read(v, pos.lba, &e);
	if (st != MLK_OK)
		return st == MLK_ERR_NOT_FOUND ? fat_bad(v,
							 "directory at "
							 "cluster %u has "
							 "no ..",
							 clus)
					       : st;
	e += pos.off;
	if (memcmp(e, "..         ", 11))
		return fat_bad(v, "directory at cluster %u has no ..", clus);
	*parent =
		(v->fat_bits == 32 ? (uint32_t)rd16(e + DE_CLUS_HI) << 16 : 0) |
		rd16(e + DE_CLUS_LO);
	return MLK_OK;
}

/* Whether directory `dir` is src or lies below it (by the .. entries up
 * to the root, at most one step a cluster). */
static mlk_status_t inside(struct fat_vol *v, const struct fat_node *src,
			   const struct fat_node *dir, bool *in)
{
	uint32_t c = dir->is_root ? 0 : dir->first;
	uint32_t root = v->fat_bits == 32 ? v->root_clus : 0;
	mlk_status_t st = MLK_OK;

	*in = false;
	for (uint32_t n = 0; st == MLK_OK && c && c != root; n++) {
		if (c == src->first) {
			*in = true;
			return MLK_OK;
		}
		if (n > v->clusters)
			return fat_bad(v, "the .. entries loop");
		st = dotdot(v, c, &c);
	}
	return st;
}

static mlk_status_t may_replace(struct fat_vol *v, const struct fat_node *src,
				const struct fat_node *dst)
{
	bool empty;
	mlk_status_t st;

	if (src->type == FAT_DIRECTORY && dst->type != FAT_DIRECTORY)
		return MLK_ERR_NOT_DIR;
	if (src->type != FAT_DIRECTORY && dst->type == FAT_DIRECTORY)
		return MLK_ERR_IS_DIR;
	if (dst->type != FAT_DIRECTORY)
		return MLK_OK;
	st = fat_dir_is_empty(v, fat_dir_cluster(v, dst), &empty);
	return st == MLK_OK && !empty ? MLK_ERR_NOT_EMPTY : st;
}

/* The short entry of n, as it is on the disk. */
static mlk_status_t read_entry(struct fat_vol *v, const struct fat_node *n,
			       uint8_t e[DIRENT_SIZE])
{
	struct fat_dir_pos pos;
	uint8_t *p;
	mlk_status_t st = fat_dir_locate(v, n->dir_first, n->entry, &pos);

	if (st == MLK_OK)
		st = fat_cache_read(v, pos.lba, &p);
	if (st == MLK_OK)
		memcpy(e, p + pos.off, DIRENT_SIZE);
	return st;
}

/* A moved directory's ".." names its new parent. */
static mlk_status_t repoint_dotdot(struct fat_vol *v, uint32_t clus,
				   uint32_t parent)
{
	struct fat_dir_pos pos;
	uint8_t *p;
	mlk_status_t st = fat_dir_locate(v, clus, 1, &pos);

	if (st == MLK_OK)
		st = fat_cache_write(v, pos.lba, CLASS_DIR, false, &p);
	if (st != MLK_OK)
		return st;
	wr16(p + pos.off + DE_CLUS_HI, (uint16_t)(parent >> 16));
	wr16(p + pos.off + DE_CLUS_LO, (uint16_t)parent);
	return MLK_OK;
}

mlk_status_t fat_move_at(struct fat_vol *v, struct fat_node *src,
			 const struct fat_node *dir, const char *name,
			 const struct fat_node *dst)
{
	uint8_t e[DIRENT_SIZE];
	struct fat_node moved;
	uint32_t parent = dir->is_root ? 0 : dir->first;
	bool in = false;
	mlk_status_t st = v->opt.read_only ? MLK_ERR_READ_ONLY : MLK_OK;

	if (st == MLK_OK && src->is_root)
		st = MLK_ERR_BAD_NAME;
	if (st == MLK_OK && dir->type != FAT_DIRECTORY)
		st = MLK_ERR_NOT_DIR;
	if (st == MLK_OK && src->type == FAT_DIRECTORY)
		st = inside(v, src, dir, &in);
	if (st == MLK_OK && in)
		st = MLK_ERR_BAD_NAME; /* a directory into itself */
	if (st == MLK_OK && dst)
		st = may_replace(v, src, dst);
	if (st == MLK_OK)
		st = read_entry(v, src, e);
	if (st == MLK_OK)
		st = fat_dir_add(v, fat_dir_cluster(v, dir), name, e, &moved);
	/* The new entries on the disk before the old ones go: both are
	 * directory sectors, which the cache orders only by when each first
	 * became dirty, and the old one may have been dirty before. */
	if (st == MLK_OK)
		st = fat_cache_flush(v);
	if (st == MLK_OK && dst)
		st = fat_dir_remove(v, dst);
	if (st == MLK_OK)
		st = fat_dir_remove(v, src);
	if (st == MLK_OK && src->type == FAT_DIRECTORY &&
	    src->dir_first != moved.dir_first)
		st = repoint_dotdot(v, src->first, parent);
	if (st == MLK_OK) {
		src->dir_first = moved.dir_first;
		src->entry = moved.entry;
		src->lfn_entries = moved.lfn_entries;
	}
	return st;
}

mlk_status_t fat_rename(struct fat_vol *v, const char *from, const char *to)
{
	static struct fat_dirent d;
	char leaf[FAT_NAME_SIZE];
	struct fat_node src, dir;
	bool have_dst;
	mlk_status_t st = v->opt.read_only ? MLK_ERR_READ_ONLY : MLK_OK;

	if (st == MLK_OK)
		st = fat_lookup(v, from, &src);
	if (st == MLK_OK)
		st = parent_dir(v, to, &dir, leaf);
	if (st != MLK_OK)
		return st;
	st = find_leaf(v, &dir, leaf, &d);
	have_dst = st == MLK_OK;
	if (st != MLK_OK && st != MLK_ERR_NOT_FOUND)
		return st;
	if (have_dst && d.node.dir_first == src.dir_first &&
	    d.node.entry == src.entry) {
		if (!strcmp(d.name, leaf))
			return MLK_OK; /* the same name */
		have_dst = false;      /* a new spelling of the same name */
	}
	st = fat_move_at(v, &src, &dir, leaf, have_dst ? &d.node : NULL);
	if (st == MLK_OK && have_dst)
		st = fat_release(v, &d.node);
	return st;
}
