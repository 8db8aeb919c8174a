/*
 * libFuzzer harness: ramfs as the vfs and its clients reach it, on any
 * sequence of requests.  The code under test is ramfs itself (ramfs.c,
 * data.c, space.c) and the file service code it is built with
 * (servers/fslib/fs_names.c, fs_files.c, fs_node.c, fs_tree.c, fs_path.c,
 * fs_wire.c); this file stands in for fs_service.c's loop and for the
 * kernel (mock/mlk/sys.h: handles, minting, memory objects, replies).
 *
 * Each input is a session: requests on names through the vfs's handle
 * (open, stat, mkdir, unlink, rename), requests on the open files through
 * their handles (attach, read, write, seek, stat, readdir, truncate,
 * close), handles closed by the client (close notices), requests with
 * raw words and stray handles.  After each request the tree must hold
 * together; at the end the client's handles are closed, the tree is
 * emptied, and then every byte of ramfs's size limit, every handle the
 * service was given and all its memory must be back.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/runtime.h>
#include <mlk/service.h>
#include <mlk/sys.h>

#include "fs_internal.h"
#include "fs_wire.h"
#include "ramfs.h"

int ramfs_main(int argc, char **argv);

/* ---- the input ----------------------------------------------------------- */

struct input {
	const uint8_t *p, *end;
};

static uint8_t byte(struct input *in)
{
	return in->p < in->end ? *in->p++ : 0;
}

/* Mostly small numbers; a first byte with the top bit set takes eight
 * more bytes, for the sizes and offsets at the edges. */
static uint64_t number(struct input *in)
{
	uint8_t b = byte(in);
	uint64_t v = 0;

	if (!(b & 0x80))
		return b | (uint64_t)byte(in) << 7;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)byte(in) << (8 * i);
	return v;
}

/* ---- the kernel, as far as the service sees it --------------------------- */

#define MAX_HANDLES 512
#define BUFFER_MAX (256 * 1024)

enum kind { FREE, FILE_HANDLE, BUFFER };

struct handle {
	enum kind kind;
	bool service_holds; /* else the client does */
	uint64_t badge;	    /* FILE_HANDLE */
	uint32_t rights;    /* BUFFER */
	uint64_t size;	    /* BUFFER */
	uint8_t *data;	    /* BUFFER */
};

static struct handle handles[MAX_HANDLES]; /* index = handle value */
static uint64_t notices[MAX_HANDLES];	   /* badges of closed file handles */
static unsigned nnotices;
static mlk_status_t reply_status; /* what the next mlk_msg_reply returns */
static bool buffer_refuses;	  /* a client whose quota is spent */

static __attribute__((noreturn)) void broken(const char *what)
{
	fprintf(stderr, "fuzz_ramfs: %s\n", what);
	abort();
}

static mlk_handle_t new_handle(enum kind kind)
{
	for (unsigned i = 1; i < MAX_HANDLES; i++) {
		if (handles[i].kind != FREE)
			continue;
		memset(&handles[i], 0, sizeof(handles[i]));
		handles[i].kind = kind;
		return i;
	}
	return MLK_HANDLE_NONE;
}

static struct handle *held(mlk_handle_t h)
{
	if (h == MLK_HANDLE_NONE || h >= MAX_HANDLES ||
	    handles[h].kind == FREE || !handles[h].service_holds)
		return NULL;
	return &handles[h];
}

static void drop(struct handle *h)
{
	free(h->data);
	memset(h, 0, sizeof(*h));
}

mlk_status_t mlk_handle_close(mlk_handle_t handle)
{
	struct handle *h = held(handle);

	if (!h)
		broken("the service closed a handle it does not hold");
	/* The last handle with a file's badge: the kernel tells the
	 * service, as endpoint_close_notify asks. */
	if (h->kind == FILE_HANDLE && nnotices < MAX_HANDLES)
		notices[nnotices++] = h->badge;
	drop(h);
	return MLK_OK;
}

mlk_status_t mlk_handle_info(mlk_handle_t handle, uint32_t *type,
			     uint32_t *rights)
{
	struct handle *h = held(handle);

	if (!h)
		return MLK_ERR_BAD_HANDLE;
	*type = h->kind == BUFFER ? MLK_OBJ_MEMORY : MLK_OBJ_ENDPOINT;
	*rights = h->kind == BUFFER ? h->rights : MLK_RIGHT_SEND;
	return MLK_OK;
}

mlk_status_t mlk_endpoint_mint(mlk_handle_t endpoint, uint32_t rights,
			       uint64_t badge, mlk_handle_t *minted)
{
	mlk_handle_t h = new_handle(FILE_HANDLE);

	if (!h)
		return MLK_ERR_NO_RESOURCES;
	handles[h].service_holds = true;
	handles[h].badge = badge;
	*minted = h;
	return MLK_OK;
}

/* ramfs asks once, at start, whether its quota holds its limit: no
 * start info here, so no quota to lower it. */
const struct mlk_startinfo *mlk_startinfo(void)
{
	return NULL;
}

static struct handle *buffer(mlk_handle_t mem, uint64_t offset, uint64_t len)
{
	struct handle *h = held(mem);

	if (!h || h->kind != BUFFER)
		broken("the service copied through a handle that is no buffer");
	if (offset > h->size || len > h->size - offset)
		broken("the service copied outside the buffer it checked");
	return h;
}

mlk_status_t mlk_mem_read(mlk_handle_t mem, uint64_t offset, void *buf,
			  uint64_t len)
{
	struct handle *h = buffer(mem, offset, len);

	memcpy(buf, h->data + offset, len);
	return MLK_OK;
}

mlk_status_t mlk_mem_write(mlk_handle_t mem, uint64_t offset, const void *buf,
			   uint64_t len)
{
	struct handle *h = buffer(mem, offset, len);

	if (buffer_refuses)
		return MLK_ERR_NO_MEMORY;
	memcpy(h->data + offset, buf, len);
	return MLK_OK;
}

mlk_status_t mlk_mem_size(mlk_handle_t mem, uint64_t *size)
{
	struct handle *h = held(mem);

	if (!h || h->kind != BUFFER)
		return MLK_ERR_WRONG_TYPE;
	*size = h->size;
	return MLK_OK;
}

/* An open's reply moves the file's handle to the client, or fails. */
mlk_status_t mlk_msg_reply(const struct mlk_msg *msg)
{
	if (reply_status != MLK_OK)
		return reply_status;
	for (uint32_t i = 0; i < msg->nhandles; i++) {
		struct handle *h = held(msg->h[i]);

		if (!h)
			broken("a reply moved a handle the service lacks");
		h->service_holds = false;
	}
	return MLK_OK;
}

/* The date libmlkfs puts on nodes: init's answer stands in as a clock a
 * second later at each call (the harness checks no dates). */
mlk_status_t mlk_clock_realtime(uint64_t *ns)
{
	static uint64_t now = 1767225600ull * 1000000000; /* 2026-01-01 */

	now += 1000000000;
	*ns = now;
	return MLK_OK;
}

/* ---- the service ----------------------------------------------------------
 */

static struct fs *served;
static uint64_t room_at_start; /* of the limit, with the root made */

/* How much of the limit is free: the most ramfs_space_take grants. */
static uint64_t room(void)
{
	uint64_t lo = 0, hi = ramfs_space_limit();

	while (lo < hi) {
		uint64_t mid = hi - (hi - lo) / 2;

		if (ramfs_space_take(mid)) {
			ramfs_space_give(mid);
			lo = mid;
		} else {
			hi = mid - 1;
		}
	}
	return lo;
}

/* ramfs's main ends here, once its tree and limit are set up. */
int fs_service_run(struct fs *fs)
{
	served = fs;
	fs_files_init();
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* A small limit, so that filling it is within reach. */
	char *args[] = { "ramfs", "--max-bytes=256K", NULL };

	if (ramfs_main(2, args) != 0 || !served)
		broken("ramfs did not start");
	room_at_start = room();
	return 0;
}

static void deliver_notices(void)
{
	for (unsigned i = 0; i < nnotices; i++)
		fs_files_handle_closed(served, notices[i]);
	nnotices = 0;
}

/* The client closes its handle to a file. */
static void client_close(mlk_handle_t h)
{
	if (nnotices < MAX_HANDLES)
		notices[nnotices++] = handles[h].badge;
	drop(&handles[h]);
	deliver_notices();
}

/* ---- requests ------------------------------------------------------------ */

static const char *const names[] = {
	"a",
	"b",
	"dir",
	"file.txt",
	".",
	"..",
	"",
	"a/b",
	"x\x01y",
	"0123456789012345678901234567890123456789012345678901234567890123",
};

/* A path: mostly from components that collide, else raw bytes. */
static size_t path(struct input *in, char *out, size_t max)
{
	uint8_t mode = byte(in);
	size_t len = 0;

	if (mode >= 224) {
		len = byte(in) + (mode & 1 ? 256u : 0u);
		len = len < max ? len : max;
		for (size_t i = 0; i < len; i++)
			out[i] = (char)byte(in);
		return len;
	}
	for (unsigned n = mode % 5; n > 0; n--) {
		const char *c =
			names[byte(in) % (sizeof(names) / sizeof(*names))];
		size_t clen = strlen(c);

		if (len + 1 + clen > max)
			break;
		out[len++] = '/';
		memcpy(out + len, c, clen);
		len += clen;
	}
	if (len == 0 || mode % 7 == 6)
		out[len++] = '/'; /* "/" alone, or a trailing slash */
	return len < max ? len : max;
}

/* The badge a request comes with: the vfs's, or one of a client file's
 * handles (live or not), or any number. */
static uint64_t file_badge(struct input *in)
{
	uint8_t pick = byte(in);
	unsigned seen = 0;

	if (pick == 0xff)
		return FS_BADGE_VFS;
	if (pick == 0xfe)
		return number(in);
	for (unsigned i = 1; i < MAX_HANDLES; i++)
		if (handles[i].kind == FILE_HANDLE && seen++ == pick % 8)
			return handles[i].badge;
	return (uint64_t)pick << 16 | pick % FS_MAX_OPEN; /* stale or none */
}

/* Handles a request brings along: buffers, given to the service. */
static void add_buffer(struct input *in, struct mlk_msg *m)
{
	mlk_handle_t h = new_handle(BUFFER);
	uint64_t size = number(in) % (BUFFER_MAX + 1);

	if (!h || m->nhandles == MLK_MSG_MAX_HANDLES)
		return;
	handles[h].service_holds = true;
	handles[h].size = size;
	handles[h].rights = byte(in) & 7;
	handles[h].data = calloc(1, size ? size : 1);
	m->h[m->nhandles++] = h;
}

static mlk_status_t name_request(struct input *in, uint8_t op,
				 struct mlk_msg *m)
{
	static const mlk_service_fn fns[] = {
		fs_do_open, fs_do_stat, fs_do_mkdir, fs_do_unlink, fs_do_rename,
	};
	/* A path a little too long is allowed for, as is a rename's pair
	 * that fills the message. */
	char a[MLK_RENAME_MAX], b[MLK_RENAME_MAX];
	size_t alen = path(in, a, op == 4 ? MLK_RENAME_MAX : MLK_PATH_MAX + 8);
	size_t blen;
	struct mlk_msg out = { 0 };

	m->badge = byte(in) == 0x42 ? file_badge(in) : FS_BADGE_VFS;
	if (op == 4) {
		blen = path(in, b, MLK_RENAME_MAX - alen);
		m->w[0] = alen;
		m->w[1] = blen;
		fs_wire_put(m, 2, 0, a, alen);
		fs_wire_put(m, 2, alen, b, blen);
	} else {
		m->w[0] = op == 0 ? byte(in) : 0; /* open flags */
		m->w[1] = alen;
		fs_wire_put(m, 2, 0, a, alen);
	}
	if (op == 0)
		reply_status = byte(in) == 0x13 ? MLK_ERR_NO_RESOURCES : MLK_OK;
	return fns[op](m, &out, served);
}

static mlk_status_t file_request(struct input *in, uint8_t op,
				 struct mlk_msg *m)
{
	struct mlk_msg out = { 0 };

	m->badge = file_badge(in);
	m->nwords = 2;
	m->w[0] = number(in);
	m->w[1] = byte(in) % 4; /* a seek's origin, and one bad one */
	if (fs_file_ops[op].label == MLK_FILE_ATTACH)
		add_buffer(in, m);
	buffer_refuses = byte(in) == 0x77;
	mlk_status_t st = fs_file_ops[op].fn(m, &out, served);
	buffer_refuses = false;
	return st;
}

/* Any words and handles, to any request. */
static mlk_status_t raw_request(struct input *in, struct mlk_msg *m)
{
	static const mlk_service_fn fns[] = {
		fs_do_open, fs_do_stat, fs_do_mkdir, fs_do_unlink, fs_do_rename,
	};
	uint8_t pick = byte(in);
	struct mlk_msg out = { 0 };

	m->badge = file_badge(in);
	m->nwords = byte(in) % (MLK_MSG_MAX_WORDS + 1);
	for (uint32_t i = 0; i < m->nwords; i++)
		m->w[i] = number(in);
	for (unsigned n = byte(in) % 4; n > 0; n--)
		add_buffer(in, m);
	reply_status = MLK_OK;
	if (pick & 0x80)
		return fs_file_ops[pick % FS_FILE_NOPS].fn(m, &out, served);
	return fns[pick % 5](m, &out, served);
}

static void request(struct input *in)
{
	uint8_t op = byte(in);
	struct mlk_msg m = { 0 };
	unsigned pick;

	switch (op % 16) {
	case 0:
	case 1:
	case 2:
	case 3:
	case 4:
		name_request(in, op % 16, &m);
		break;
	case 13:
		pick = byte(in);
		for (unsigned i = 1, seen = 0; i < MAX_HANDLES; i++)
			if (handles[i].kind == FILE_HANDLE &&
			    !handles[i].service_holds && seen++ == pick % 8) {
				client_close(i);
				break;
			}
		break;
	case 14:
	case 15:
		raw_request(in, &m);
		break;
	default:
		file_request(in, op % 16 - 5, &m);
		break;
	}
	deliver_notices();
}

/* ---- the checks ------------------------------------------------------------
 */

static unsigned check_dir(const struct fs_node *dir, unsigned depth)
{
	unsigned count = 1;

	if (depth > FS_PATH_DEPTH_MAX + 1)
		broken("a tree deeper than a path can reach");
	if (dir->nentries > dir->capacity)
		broken("a directory with more entries than room");
	for (uint32_t i = 0; i < dir->nentries; i++) {
		const struct fs_node *e = dir->entries[i];

		if (e->parent != dir || !e->linked)
			broken("an entry that does not know its directory");
		if (!e->name[0] ||
		    strnlen(e->name, MLK_FS_NAME_SIZE) == MLK_FS_NAME_SIZE)
			broken("an entry with a bad name");
		for (uint32_t j = 0; j < i; j++)
			if (!strcmp(dir->entries[j]->name, e->name))
				broken("two entries with one name");
		if (e->type == MLK_FILE_DIRECTORY)
			count += check_dir(e, depth + 1);
		else if (e->nentries)
			broken("a file with entries");
	}
	return count;
}

/* Take the tree down, leaves first, as unlink would. */
static void empty(struct fs_node *dir)
{
	while (dir->nentries) {
		struct fs_node *e = dir->entries[dir->nentries - 1];

		if (e->type == MLK_FILE_DIRECTORY)
			empty(e);
		fs_node_remove(served, e);
	}
}

static void end_session(void)
{
	for (unsigned i = 1; i < MAX_HANDLES; i++)
		if (handles[i].kind == FILE_HANDLE && !handles[i].service_holds)
			client_close(i);
	empty(served->root);
	for (unsigned i = 1; i < MAX_HANDLES; i++)
		if (handles[i].kind != FREE)
			broken("the service kept a handle after every file "
			       "was closed");
	if (room() != room_at_start)
		broken("ramfs's limit did not come back whole");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, data + size };

	while (in.p < in.end) {
		request(&in);
		check_dir(served->root, 0);
	}
	end_session();
	return 0;
}
