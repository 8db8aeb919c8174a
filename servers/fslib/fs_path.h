/*
 * Paths and URIs as mlk/proto/fs.h defines them: checked once, split into
 * components.  Shared by the vfs (URIs from clients) and the file system
 * services (paths from the vfs, which they check again: a service trusts
 * no sender's bytes).
 */
#ifndef MLK_FS_PATH_H
#define MLK_FS_PATH_H

#include <stddef.h>
#include <stdint.h>

#include <mlk/proto/fs.h>
#include <mlk/status.h>

/* "/a/b" has at most this many components: each takes 2 bytes or more. */
#define FS_PATH_DEPTH_MAX (MLK_PATH_MAX / 2)

struct fs_path {
	char buf[MLK_PATH_MAX + 1]; /* the components, each NUL-terminated */
	uint16_t start[FS_PATH_DEPTH_MAX];
	unsigned depth; /* 0: the root */
};

/* Check and split the absolute path s[0..len).  MLK_ERR_BAD_NAME if it
 * is not well formed. */
mlk_status_t fs_path_parse(struct fs_path *p, const char *s, size_t len);

/* Component i (0 <= i < depth). */
static inline const char *fs_path_name(const struct fs_path *p, unsigned i)
{
	return p->buf + p->start[i];
}

/* The last component; the root has none (""). */
static inline const char *fs_path_leaf(const struct fs_path *p)
{
	return p->depth ? fs_path_name(p, p->depth - 1) : "";
}

/* Check the URI u[0..len) and find its parts: the scheme (NUL-terminated
 * into `scheme`) and the path, which stays in u.  MLK_ERR_BAD_NAME if
 * either is not well formed. */
mlk_status_t fs_uri_split(const char *u, size_t len,
			  char scheme[MLK_SCHEME_SIZE], const char **path,
			  size_t *path_len);

/* A scheme name: [a-z0-9]+, shorter than MLK_SCHEME_SIZE. */
int fs_scheme_ok(const char *s, size_t len);

#endif
