/*
 * Bytes inline in a message (see fs_wire.h).
 */
#include "fs_wire.h"

#include <string.h>

const char *fs_wire_bytes(const struct mlk_msg *m, unsigned first, size_t off,
			  size_t len)
{
	size_t have = m->nwords > first ? (m->nwords - first) * 8 : 0;

	if (off > have || len > have - off)
		return NULL;
	return (const char *)&m->w[first] + off;
}

void fs_wire_put(struct mlk_msg *m, unsigned first, size_t off,
		 const void *bytes, size_t len)
{
	size_t end = off + len;
	unsigned words = first + (unsigned)((end + 7) / 8);

	/* Pad the last word with zeros, not stale bytes. */
	if (end % 8)
		memset((char *)&m->w[first] + end, 0, 8 - end % 8);
	memcpy((char *)&m->w[first] + off, bytes, len);
	if (m->nwords < words)
		m->nwords = words;
}

void fs_wire_drop_handles(const struct mlk_msg *m, unsigned from)
{
	for (unsigned i = from; i < m->nhandles; i++)
		mlk_handle_close(m->h[i]);
}
