/*
 * virtio-blk: the disk driver (see README.md).
 */
#ifndef MLK_SERVERS_VIRTIO_BLK_BLK_H
#define MLK_SERVERS_VIRTIO_BLK_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include <mlk/msg.h>
#include <mlk/service.h>
#include <mlk/virtio.h>

/* Device facts (virtio 1.2, 5.2 "Block Device"). */
#define VIRTIO_BLK_F_SIZE_MAX (1ull << 1)
#define VIRTIO_BLK_F_RO (1ull << 5)
#define VIRTIO_BLK_F_BLK_SIZE (1ull << 6)
#define VIRTIO_BLK_F_FLUSH (1ull << 9)
#define VIRTIO_BLK_CFG_CAPACITY 0 /* le64, in 512-byte sectors */
#define VIRTIO_BLK_CFG_SIZE_MAX 8 /* le32: the largest segment */
#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2
#define VIRTIO_BLK_SECTOR 512u /* the unit of every request */

/* Descriptors a request takes: header, data, status. */
#define DESCS_PER_REQUEST 3
#define QUEUE_SIZE 128
/* Requests in flight at once (a queue of QUEUE_SIZE holds this many). */
#define MAX_SLOTS (QUEUE_SIZE / DESCS_PER_REQUEST)
/* Requests waiting for a slot; beyond that, MLK_ERR_NO_RESOURCES. */
#define MAX_PENDING 64
#define MAX_CLIENTS 32
/* The most one request moves (a client's window is usually smaller). */
#define MAX_TRANSFER (1u << 20)

#define IRQ_BIT 1u
#define CLOSED_BIT 2u

struct blk_client {
	bool open;
	bool closing;	    /* its handle closed; requests still in flight */
	mlk_handle_t mem;   /* its window, kept while it is open */
	uint64_t phys;	    /* where the window is, for the device */
	uint64_t size;	    /* the window's bytes */
	unsigned in_flight; /* requests of it the device has */
};

/* A request: what it asks, and who waits for the answer. */
struct blk_request {
	uint32_t type; /* VIRTIO_BLK_T_* */
	uint32_t client;
	uint64_t sector;
	uint32_t count;
	uint64_t offset;
	mlk_handle_t reply; /* from mlk_reply_save */
};

struct blk_slot {
	bool busy;
	uint16_t head; /* its descriptor chain */
	struct blk_request req;
};

struct blk {
	struct mlk_virtio dev;
	struct mlk_virtq q;
	mlk_handle_t ep, notification;
	uint64_t sectors;
	bool read_only, can_flush;
	uint32_t max_sectors;
	/* One page the device reads request headers from and writes
	 * status bytes into, a header and a status byte per slot. */
	uint8_t *dma;
	uint64_t dma_phys;
	struct blk_slot slots[MAX_SLOTS];
	int16_t slot_of_head[QUEUE_SIZE];
	struct blk_request pending[MAX_PENDING];
	unsigned pending_first, npending;
	struct blk_client clients[MAX_CLIENTS];
};

/* io.c: the device side */
mlk_status_t blk_queue(struct blk *b, const struct blk_request *r);
void blk_interrupt(struct blk *b);
bool blk_can_take(const struct blk *b);

/* clients.c: the protocol */
extern const struct mlk_service_op blk_ops[];
extern const unsigned blk_nops;
void blk_client_done(struct blk *b, uint32_t client);
void blk_closed(struct blk *b);

#endif
