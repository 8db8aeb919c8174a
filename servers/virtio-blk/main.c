/*
 * virtio-blk: a disk, served under the instance's name (blk0, blk1 ...)
 * through the block protocol (see README.md).
 *
 * 1. take the transport init granted and agree on the features: read-only,
 *    flush, the largest segment;
 * 2. read the capacity, set up the request queue and a page for request
 *    headers and status bytes;
 * 3. bind a notification to this thread, the interrupt and the close
 *    notices of clients' handles to it, so that all arrive in one recv;
 * 4. DRIVER_OK, register the name, serve for good.
 *
 * A failure to start is logged and ends the process with a non-zero
 * code; init restarts it if the manifest says so.
 */
#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <string.h>

#include "blk.h"

static struct blk blk;

static mlk_status_t fail(const char *what, mlk_status_t st)
{
	printf("%s: cannot %s: %s\n", mlk_program_name(), what,
	       mlk_status_str(st));
	if (blk.dev.regs)
		mlk_virtio_fail(&blk.dev);
	return st;
}

/* Steps 1 and 2. */
static mlk_status_t take_device(struct blk *b)
{
	mlk_handle_t dma;
	void *page;
	mlk_status_t st = mlk_virtio_open(&b->dev, MLK_VIRTIO_ID_BLOCK);

	if (st != MLK_OK)
		return fail("take the virtio-blk device", st);
	st = mlk_virtio_negotiate(&b->dev, VIRTIO_BLK_F_RO |
						   VIRTIO_BLK_F_FLUSH |
						   VIRTIO_BLK_F_SIZE_MAX);
	if (st != MLK_OK)
		return fail("agree on features", st);
	b->read_only = b->dev.features & VIRTIO_BLK_F_RO;
	b->can_flush = b->dev.features & VIRTIO_BLK_F_FLUSH;
	b->sectors =
		mlk_virtio_config_read(&b->dev, VIRTIO_BLK_CFG_CAPACITY, 8);
	uint64_t max = MAX_TRANSFER;
	if (b->dev.features & VIRTIO_BLK_F_SIZE_MAX) {
		uint64_t seg = mlk_virtio_config_read(
			&b->dev, VIRTIO_BLK_CFG_SIZE_MAX, 4);
		if (seg < max)
			max = seg;
	}
	b->max_sectors = (uint32_t)(max / VIRTIO_BLK_SECTOR);
	if (b->max_sectors == 0)
		return fail("use a device whose segments are under a sector",
			    MLK_ERR_NOT_SUPPORTED);
	st = mlk_virtq_create(&b->dev, &b->q, 0, QUEUE_SIZE);
	if (st != MLK_OK)
		return fail("set up the request queue", st);
	st = mlk_virtio_dma_alloc(MLK_PAGE_SIZE, &dma, &page, &b->dma_phys);
	if (st != MLK_OK)
		return fail("get memory for request headers", st);
	b->dma = page;
	for (unsigned i = 0; i < QUEUE_SIZE; i++)
		b->slot_of_head[i] = -1;
	return MLK_OK;
}

/* Step 3. */
static mlk_status_t wire_events(struct blk *b)
{
	mlk_status_t st = mlk_notification_create(&b->notification);

	if (st == MLK_OK)
		st = mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD,
						  b->notification);
	if (st == MLK_OK)
		st = mlk_virtio_irq_bind(&b->dev, b->notification, IRQ_BIT);
	if (st == MLK_OK)
		st = mlk_endpoint_create(&b->ep);
	if (st == MLK_OK)
		st = mlk_endpoint_close_notify(b->ep, b->notification,
					       CLOSED_BIT);
	return st == MLK_OK ? MLK_OK : fail("wire up its events", st);
}

/* Step 4: a send handle to our endpoint, given to init under our name. */
static mlk_status_t publish(struct blk *b)
{
	mlk_status_t st = mlk_names_publish(mlk_program_name(), b->ep);

	return st == MLK_OK ? MLK_OK : fail("register its name", st);
}

static void on_notify(uint64_t bits, void *ctx)
{
	if (bits & IRQ_BIT)
		blk_interrupt(ctx);
	if (bits & CLOSED_BIT)
		blk_closed(ctx);
}

int main(void)
{
	if (take_device(&blk) != MLK_OK || wire_events(&blk) != MLK_OK)
		return 1;
	mlk_virtio_driver_ok(&blk.dev);
	/* Said before the name is there, so it precedes any client's. */
	printf("%s: virtio-blk (%s) at %#lx: %lu sectors of %u bytes%s%s\n",
	       mlk_program_name(), blk.dev.version == 1 ? "legacy" : "modern",
	       (unsigned long)blk.dev.phys, (unsigned long)blk.sectors,
	       VIRTIO_BLK_SECTOR, blk.read_only ? ", read-only" : "",
	       blk.can_flush ? ", write cache" : "");
	if (publish(&blk) != MLK_OK)
		return 1;
	struct mlk_service svc = {
		.ep = blk.ep,
		.ops = blk_ops,
		.nops = blk_nops,
		.ctx = &blk,
		.on_notify = on_notify,
	};
	fail("serve", mlk_serve(&svc));
	return 1;
}
