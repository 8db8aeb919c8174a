/*
 * The block protocol's side of virtio-blk (mlk/proto/block.h): clients
 * open with their window, then read, write and flush through a handle
 * with their own badge; a close notice says when one is gone.
 */
#include <mlk/proto/block.h>
#include <mlk/sys.h>

#include <string.h>

#include "blk.h"

static void drop_handles(const struct mlk_msg *in, unsigned from)
{
	for (unsigned i = from; i < in->nhandles; i++)
		mlk_handle_close(in->h[i]);
}

static void release(struct blk_client *c)
{
	mlk_handle_close(c->mem);
	memset(c, 0, sizeof(*c));
}

void blk_client_done(struct blk *b, uint32_t client)
{
	struct blk_client *c = &b->clients[client];

	if (c->closing && c->in_flight == 0)
		release(c);
}

void blk_closed(struct blk *b)
{
	uint64_t badge;
	mlk_status_t st;

	while ((st = mlk_endpoint_closed(b->ep, &badge)) !=
	       MLK_ERR_UNAVAILABLE) {
		if (st != MLK_OK || badge == 0 || badge > MAX_CLIENTS)
			continue; /* lost notices (NO_MEMORY) or not ours */
		struct blk_client *c = &b->clients[badge - 1];
		if (!c->open)
			continue;
		c->closing = true;
		blk_client_done(b, (uint32_t)(badge - 1));
	}
}

static int free_client(const struct blk *b)
{
	for (int i = 0; i < MAX_CLIENTS; i++)
		if (!b->clients[i].open)
			return i;
	return -1;
}

/* A window is memory: a device range would let the device write into
 * another device's registers. */
static mlk_status_t window_ok(mlk_handle_t mem)
{
	uint32_t type, rights;
	mlk_status_t st = mlk_handle_info(mem, &type, &rights);

	if (st == MLK_OK && type != MLK_OBJ_MEMORY)
		st = MLK_ERR_WRONG_TYPE;
	return st;
}

static mlk_status_t do_open(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct blk *b = ctx;
	struct blk_client c = { .open = true };
	int i = free_client(b);
	mlk_status_t st;

	if (in->nhandles < 1)
		return MLK_ERR_BAD_ARG(0);
	drop_handles(in, 1);
	c.mem = in->h[0];
	st = window_ok(c.mem);
	if (st == MLK_OK)
		st = mlk_mem_phys(c.mem, &c.phys);
	if (st == MLK_OK)
		st = mlk_mem_size(c.mem, &c.size);
	if (st == MLK_OK && i < 0)
		st = MLK_ERR_NO_RESOURCES;
	if (st == MLK_OK)
		st = mlk_endpoint_mint(b->ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC,
				       (uint64_t)i + 1, &out->h[0]);
	if (st != MLK_OK) {
		mlk_handle_close(c.mem);
		return st;
	}
	b->clients[i] = c;
	out->nhandles = 1;
	return MLK_OK;
}

static mlk_status_t do_info(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	const struct blk *b = ctx;

	drop_handles(in, 0);
	out->nwords = 4;
	out->w[0] = VIRTIO_BLK_SECTOR;
	out->w[1] = b->sectors;
	out->w[2] = (b->read_only ? MLK_BLOCK_READ_ONLY : 0) |
		    (b->can_flush ? MLK_BLOCK_CAN_FLUSH : 0);
	out->w[3] = b->max_sectors;
	return MLK_OK;
}

/* The open client behind the request's badge, or -1. */
static int client_of(const struct blk *b, const struct mlk_msg *in)
{
	if (in->badge == 0 || in->badge > MAX_CLIENTS)
		return -1;
	const struct blk_client *c = &b->clients[in->badge - 1];
	return c->open && !c->closing ? (int)(in->badge - 1) : -1;
}

/* Does the request stay within the disk, a request's size and the
 * window?  Each bound is checked without overflow. */
static mlk_status_t check_range(const struct blk *b, const struct blk_client *c,
				const struct blk_request *r, uint64_t count)
{
	if (count == 0 || count > b->max_sectors)
		return MLK_ERR_BAD_ARG(1);
	if (r->sector >= b->sectors || count > b->sectors - r->sector)
		return MLK_ERR_BAD_ARG(0);
	uint64_t bytes = count * VIRTIO_BLK_SECTOR;
	if (r->offset > c->size || bytes > c->size - r->offset)
		return MLK_ERR_BAD_ARG(2);
	return MLK_OK;
}

/* Queue the request; the answer comes when the device is done. */
static mlk_status_t defer(struct blk *b, struct blk_request *r)
{
	mlk_status_t st;

	if (!blk_can_take(b))
		return MLK_ERR_NO_RESOURCES;
	st = mlk_reply_save(&r->reply);
	if (st != MLK_OK)
		return st;
	blk_queue(b, r);
	return MLK_DEFERRED;
}

static mlk_status_t do_transfer(const struct mlk_msg *in, void *ctx,
				uint32_t type)
{
	struct blk *b = ctx;
	int i = client_of(b, in);
	struct blk_request r = { .type = type };
	mlk_status_t st;

	drop_handles(in, 0);
	if (i < 0)
		return MLK_ERR_BAD_STATE;
	if (in->nwords < 3)
		return MLK_ERR_BAD_ARG(0);
	if (type == VIRTIO_BLK_T_OUT && b->read_only)
		return MLK_ERR_READ_ONLY;
	r.client = (uint32_t)i;
	r.sector = in->w[0];
	r.offset = in->w[2];
	st = check_range(b, &b->clients[i], &r, in->w[1]);
	if (st != MLK_OK)
		return st;
	r.count = (uint32_t)in->w[1];
	return defer(b, &r);
}

static mlk_status_t do_read(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	return do_transfer(in, ctx, VIRTIO_BLK_T_IN);
}

static mlk_status_t do_write(const struct mlk_msg *in, struct mlk_msg *out,
			     void *ctx)
{
	return do_transfer(in, ctx, VIRTIO_BLK_T_OUT);
}

static mlk_status_t do_flush(const struct mlk_msg *in, struct mlk_msg *out,
			     void *ctx)
{
	struct blk *b = ctx;
	int i = client_of(b, in);
	struct blk_request r = { .type = VIRTIO_BLK_T_FLUSH };

	drop_handles(in, 0);
	if (i < 0)
		return MLK_ERR_BAD_STATE;
	/* Without a write cache every completed write is durable. */
	if (!b->can_flush)
		return MLK_OK;
	r.client = (uint32_t)i;
	return defer(b, &r);
}

const struct mlk_service_op blk_ops[] = {
	{ MLK_BLOCK_OPEN, do_open },   { MLK_BLOCK_INFO, do_info },
	{ MLK_BLOCK_READ, do_read },   { MLK_BLOCK_WRITE, do_write },
	{ MLK_BLOCK_FLUSH, do_flush },
};
const unsigned blk_nops = sizeof(blk_ops) / sizeof(blk_ops[0]);
