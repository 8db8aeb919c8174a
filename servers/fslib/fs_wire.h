/*
 * Bytes inline in a message (paths and URIs in mlk/proto/fs.h): they
 * start at a word and run on through the words after it.
 */
#ifndef MLK_FS_WIRE_H
#define MLK_FS_WIRE_H

#include <stddef.h>

#include <mlk/msg.h>

/* Bytes [off, off + len) of the data that starts at word `first`, or NULL
 * when the message does not carry that many words. */
const char *fs_wire_bytes(const struct mlk_msg *m, unsigned first, size_t off,
			  size_t len);

/* Put len bytes at byte `off` of the data that starts at word `first`,
 * and count the words in m->nwords.  The caller checked that they fit. */
void fs_wire_put(struct mlk_msg *m, unsigned first, size_t off,
		 const void *bytes, size_t len);

/* Close the handles a request brought from index `from` on: the ones the
 * handler does not keep. */
void fs_wire_drop_handles(const struct mlk_msg *m, unsigned from);

#endif
