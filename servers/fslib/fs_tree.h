/*
 * The name space of an in-memory file system: nodes, directories as
 * arrays of their entries, walking a path.  A file system embeds struct
 * fs_node at the start of its own node type and keeps file contents its
 * own way (initfs: in the boot bundle; ramfs: in blocks).
 */
#ifndef MLK_FS_TREE_H
#define MLK_FS_TREE_H

#include <stdbool.h>
#include <stdint.h>

#include <mlk/proto/fs.h>
#include <mlk/status.h>

#include "fs_path.h"

struct fs_node {
	char name[MLK_FS_NAME_SIZE];
	uint32_t type;		  /* MLK_FILE_REGULAR or MLK_FILE_DIRECTORY */
	struct fs_node *parent;	  /* NULL for the root and for removed nodes */
	struct fs_node **entries; /* a directory's, in the order they came */
	uint32_t nentries;
	uint32_t capacity;
	uint32_t opens;	   /* open files naming it: it outlives its removal */
	bool linked;	   /* in the tree (the root always is) */
	uint64_t size;	   /* a file's bytes */
	uint64_t modified; /* ns since 1970 (mlk_clock_realtime); 0: unknown */
	uint64_t created;
};

/* The entry `name` of directory dir, or NULL. */
struct fs_node *fs_tree_entry(const struct fs_node *dir, const char *name);

/* Make room for one more entry in dir: MLK_ERR_NO_SPACE if memory ran
 * out (nothing changed then). */
mlk_status_t fs_tree_reserve(struct fs_node *dir);

/* Add n (named already) to dir, whose room fs_tree_reserve made. */
void fs_tree_link(struct fs_node *dir, struct fs_node *n);

/* Take n out of its directory; it stays allocated. */
void fs_tree_unlink(struct fs_node *n);

/* The node of the first `depth` components of p: MLK_ERR_NOT_FOUND, or
 * MLK_ERR_NOT_DIR when a component on the way is a file. */
mlk_status_t fs_tree_walk(struct fs_node *root, const struct fs_path *p,
			  unsigned depth, struct fs_node **out);

/* Whether a is n or one of the directories above it. */
bool fs_tree_contains(const struct fs_node *a, const struct fs_node *n);

/* What stat shows as the size: bytes of a file, entries of a directory. */
uint64_t fs_tree_size(const struct fs_node *n);

/* Give back a directory's entry array (its entries are gone). */
void fs_tree_free_entries(struct fs_node *dir);

#endif
