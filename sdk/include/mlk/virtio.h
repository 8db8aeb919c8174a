/*
 * Virtio over MMIO for drivers: the transport in both versions QEMU
 * offers (1, legacy, its default; 2, modern, with
 * -global virtio-mmio.force-legacy=false), the status handshake, feature
 * negotiation and split virtqueues with interrupt-driven completion, after
 * the virtio 1.2 specification (section 2 "Basic Facilities of a Virtio
 * Device", 4.2 "Virtio Over MMIO").
 *
 * A driver is a service whose manifest entry has grant=virtio=TYPE; init
 * gives it its transport's registers and interrupt.  Its start:
 *
 *     struct mlk_virtio v;
 *     struct mlk_virtq q;
 *     mlk_virtio_open(&v, MLK_VIRTIO_ID_BLOCK);     reset, ACKNOWLEDGE, DRIVER
 *     mlk_virtio_negotiate(&v, wanted_features);   FEATURES_OK
 *     mlk_virtq_create(&v, &q, 0, 128);            queue 0
 *     mlk_virtio_irq_bind(&v, notification, bit);
 *     mlk_virtio_driver_ok(&v);                    DRIVER_OK
 *
 * then per request mlk_virtq_add + mlk_virtq_kick, and on each interrupt
 * mlk_virtio_interrupt_ack, mlk_virtq_next_used until it says no more,
 * mlk_virtio_irq_done.  Buffers are physical addresses: DMA memory comes
 * from mlk_virtio_dma_alloc (a contiguous memory object, mem_phys).
 * Only single-threaded use per device.
 */
#ifndef MLK_VIRTIO_H
#define MLK_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mlk/syscall.h>
#include <mlk/virtio_ids.h>

#define MLK_VIRTIO_MMIO_COMPATIBLE "virtio,mmio" /* its device tree node */
#define MLK_VIRTIO_MMIO_MAGIC 0x74726976u	 /* "virt" */

/* Transport registers, byte offsets (virtio 1.2, 4.2.2 and 4.2.4 for the
 * legacy ones). */
#define MLK_VIRTIO_MMIO_MAGIC_VALUE 0x000
#define MLK_VIRTIO_MMIO_VERSION 0x004
#define MLK_VIRTIO_MMIO_DEVICE_ID 0x008
#define MLK_VIRTIO_MMIO_VENDOR_ID 0x00c
#define MLK_VIRTIO_MMIO_DEVICE_FEATURES 0x010
#define MLK_VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define MLK_VIRTIO_MMIO_DRIVER_FEATURES 0x020
#define MLK_VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define MLK_VIRTIO_MMIO_GUEST_PAGE_SIZE 0x028 /* legacy */
#define MLK_VIRTIO_MMIO_QUEUE_SEL 0x030
#define MLK_VIRTIO_MMIO_QUEUE_NUM_MAX 0x034
#define MLK_VIRTIO_MMIO_QUEUE_NUM 0x038
#define MLK_VIRTIO_MMIO_QUEUE_ALIGN 0x03c /* legacy */
#define MLK_VIRTIO_MMIO_QUEUE_PFN 0x040	  /* legacy */
#define MLK_VIRTIO_MMIO_QUEUE_READY 0x044
#define MLK_VIRTIO_MMIO_QUEUE_NOTIFY 0x050
#define MLK_VIRTIO_MMIO_INTERRUPT_STATUS 0x060
#define MLK_VIRTIO_MMIO_INTERRUPT_ACK 0x064
#define MLK_VIRTIO_MMIO_STATUS 0x070
#define MLK_VIRTIO_MMIO_QUEUE_DESC_LOW 0x080
#define MLK_VIRTIO_MMIO_QUEUE_DESC_HIGH 0x084
#define MLK_VIRTIO_MMIO_QUEUE_DRIVER_LOW 0x090
#define MLK_VIRTIO_MMIO_QUEUE_DRIVER_HIGH 0x094
#define MLK_VIRTIO_MMIO_QUEUE_DEVICE_LOW 0x0a0
#define MLK_VIRTIO_MMIO_QUEUE_DEVICE_HIGH 0x0a4
#define MLK_VIRTIO_MMIO_CONFIG_GENERATION 0x0fc
#define MLK_VIRTIO_MMIO_CONFIG 0x100

/* Device status bits (2.1). */
#define MLK_VIRTIO_STATUS_ACKNOWLEDGE 1u
#define MLK_VIRTIO_STATUS_DRIVER 2u
#define MLK_VIRTIO_STATUS_DRIVER_OK 4u
#define MLK_VIRTIO_STATUS_FEATURES_OK 8u
#define MLK_VIRTIO_STATUS_NEEDS_RESET 64u
#define MLK_VIRTIO_STATUS_FAILED 128u

/* InterruptStatus bits (4.2.2). */
#define MLK_VIRTIO_INT_USED_BUFFER 1u
#define MLK_VIRTIO_INT_CONFIG_CHANGE 2u

/* Feature bits of every device type (6 "Reserved Feature Bits"). */
#define MLK_VIRTIO_F_INDIRECT_DESC (1ull << 28)
#define MLK_VIRTIO_F_EVENT_IDX (1ull << 29)
#define MLK_VIRTIO_F_VERSION_1 (1ull << 32) /* modern devices need it */
#define MLK_VIRTIO_F_ACCESS_PLATFORM (1ull << 33)

/* Split virtqueue layout (2.7). */
#define MLK_VIRTQ_DESC_F_NEXT 1u  /* the chain goes on at `next` */
#define MLK_VIRTQ_DESC_F_WRITE 2u /* the device writes this buffer */
#define MLK_VIRTQ_MAX_SIZE 32768u
/* Where the used ring starts in the queue's memory: legacy devices need
 * it on a page boundary (QueueAlign), modern ones take it too. */
#define MLK_VIRTQ_ALIGN 4096u

struct mlk_virtq_desc {
	uint64_t addr; /* physical */
	uint32_t len;
	uint16_t flags; /* MLK_VIRTQ_DESC_F_* */
	uint16_t next;
};

struct mlk_virtq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[]; /* size entries, then used_event */
};

struct mlk_virtq_used_elem {
	uint32_t id;  /* the head of the chain the device used */
	uint32_t len; /* bytes it wrote */
};

struct mlk_virtq_used {
	uint16_t flags;
	uint16_t idx;
	struct mlk_virtq_used_elem ring[]; /* size entries, then avail_event */
};

_Static_assert(sizeof(struct mlk_virtq_desc) == 16, "virtq descriptor");
_Static_assert(sizeof(struct mlk_virtq_used_elem) == 8, "virtq used element");

/* One device: its transport, what was negotiated, its interrupt. */
struct mlk_virtio {
	volatile uint32_t *regs; /* the transport's registers, mapped */
	uint64_t phys;		 /* their physical address */
	uint32_t version;	 /* 1 legacy, 2 modern */
	uint32_t device_id;	 /* MLK_VIRTIO_ID_* */
	uint64_t features;	 /* what both sides agreed on */
	mlk_handle_t device;	 /* from the start info */
	mlk_handle_t irq;	 /* from the start info */
};

/* One split virtqueue and the driver's bookkeeping of it. */
struct mlk_virtq {
	struct mlk_virtio *dev;
	uint16_t index; /* its number on the device */
	uint16_t size;	/* descriptors */
	volatile struct mlk_virtq_desc *desc;
	volatile struct mlk_virtq_avail *avail;
	volatile struct mlk_virtq_used *used;
	uint16_t free_head; /* the free descriptors, chained by next */
	uint16_t nfree;
	uint16_t avail_idx; /* the next avail->idx this driver publishes */
	uint16_t used_idx;  /* the next used entry this driver reads */
	mlk_handle_t mem;   /* the rings' memory (contiguous) */
	uint64_t phys;
};

/* One buffer of a request: physical address, length, and whether the
 * device writes it (else reads it). */
struct mlk_virtq_buf {
	uint64_t phys;
	uint32_t len;
	bool device_writes;
};

/* Take the transport init granted (grant=virtio=TYPE): map it, check the
 * magic, a version of 1 or 2 and that the device is `device_id`, reset
 * it and set ACKNOWLEDGE and DRIVER.  MLK_ERR_NOT_FOUND without the
 * grant, MLK_ERR_BAD_FORMAT for another device or version. */
mlk_status_t mlk_virtio_open(struct mlk_virtio *v, uint32_t device_id);
/* Agree on the features the device offers and `wanted` has (plus
 * MLK_VIRTIO_F_VERSION_1 on a modern device, which must offer it) and set
 * FEATURES_OK; MLK_ERR_NOT_SUPPORTED if the device refuses them.  The
 * result is in v->features. */
mlk_status_t mlk_virtio_negotiate(struct mlk_virtio *v, uint64_t wanted);
/* Set up queue `index` with at most `max_size` descriptors (a power of
 * two no larger than the device's maximum) in a new contiguous memory
 * object; MLK_ERR_NOT_FOUND if the device has no such queue. */
mlk_status_t mlk_virtq_create(struct mlk_virtio *v, struct mlk_virtq *q,
			      uint16_t index, uint16_t max_size);
/* Deliver the device's interrupt as `bits` on `notification`. */
mlk_status_t mlk_virtio_irq_bind(struct mlk_virtio *v,
				 mlk_handle_t notification, uint64_t bits);
/* Set DRIVER_OK: the device may start using the queues. */
void mlk_virtio_driver_ok(struct mlk_virtio *v);
/* Set FAILED: the driver gave up on the device. */
void mlk_virtio_fail(struct mlk_virtio *v);
/* The device status register (MLK_VIRTIO_STATUS_*). */
uint32_t mlk_virtio_status(const struct mlk_virtio *v);

/* Read `size` bytes (1, 2, 4 or 8) at `offset` of the device-specific
 * configuration space, consistently (retried while the configuration
 * generation changes, on a modern device). */
uint64_t mlk_virtio_config_read(const struct mlk_virtio *v, uint32_t offset,
				unsigned size);

/* Read InterruptStatus and acknowledge what it says (MLK_VIRTIO_INT_*
 * bits); call it first on each interrupt. */
uint32_t mlk_virtio_interrupt_ack(struct mlk_virtio *v);
/* Unmask the interrupt again (irq_ack): call it last on each interrupt. */
mlk_status_t mlk_virtio_irq_done(struct mlk_virtio *v);

/* Chain `n` buffers into free descriptors and make the chain available
 * (the device sees it at the next mlk_virtq_kick); *head names it in
 * mlk_virtq_next_used.  MLK_ERR_NO_RESOURCES if too few descriptors are
 * free, MLK_ERR_BAD_ARG(2) for n of 0. */
mlk_status_t mlk_virtq_add(struct mlk_virtq *q,
			   const struct mlk_virtq_buf *bufs, unsigned n,
			   uint16_t *head);
/* Publish the chains added since the last kick and notify the device. */
void mlk_virtq_kick(struct mlk_virtq *q);
/* The next chain the device is done with: its head and the bytes the
 * device wrote; its descriptors are free again.  false when none is. */
bool mlk_virtq_next_used(struct mlk_virtq *q, uint16_t *head, uint32_t *len);
/* Free descriptors of the queue. */
unsigned mlk_virtq_free_count(const struct mlk_virtq *q);

/* `size` bytes of zeroed memory a device may read and write: a contiguous
 * memory object (*mem), mapped at *addr, at physical address *phys. */
mlk_status_t mlk_virtio_dma_alloc(size_t size, mlk_handle_t *mem, void **addr,
				  uint64_t *phys);

#endif
