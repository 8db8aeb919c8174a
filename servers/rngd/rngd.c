/*
 * rngd: the entropy service, a virtio-rng driver (virtio 1.2, 5.4
 * "Entropy Device": one queue, the driver offers buffers, the device
 * fills them with random bytes).
 *
 * 1. take the transport init granted (grant=virtio=rng); no features;
 * 2. queue 0, one DMA page, the interrupt on a notification of its own
 *    that a request waits on (one request at a time: entropy is small);
 * 3. DRIVER_OK, register the instance's name (rng0) and "rng", the name
 *    mlk_random looks up, and serve.
 */
#include <mlk/names.h>
#include <mlk/proto/rng.h>
#include <mlk/runtime.h>
#include <mlk/service.h>
#include <mlk/sys.h>
#include <mlk/virtio.h>

#include <stdio.h>
#include <string.h>

#define IRQ_BIT 1u
#define QUEUE_SIZE 8
/* How long the device may take to fill a buffer before the request gets
 * MLK_ERR_TIMED_OUT. */
#define ANSWER_NS 2000000000ull

static struct {
	struct mlk_virtio dev;
	struct mlk_virtq q;
	mlk_handle_t ep, notification;
	uint8_t *buf;
	uint64_t buf_phys;
	bool outstanding; /* a buffer the device has not given back */
} rng;

static mlk_status_t fail(const char *what, mlk_status_t st)
{
	printf("%s: cannot %s: %s\n", mlk_program_name(), what,
	       mlk_status_str(st));
	if (rng.dev.regs)
		mlk_virtio_fail(&rng.dev);
	return st;
}

/* Wait for the buffer to come back: the bytes the device wrote. */
static mlk_status_t wait_used(uint32_t *len)
{
	uint64_t deadline = mlk_deadline_in(ANSWER_NS), bits;
	uint16_t head;

	for (;;) {
		if (mlk_virtq_next_used(&rng.q, &head, len)) {
			rng.outstanding = false;
			return MLK_OK;
		}
		mlk_status_t st = mlk_wait(rng.notification, deadline, &bits);
		if (st != MLK_OK)
			return st;
		mlk_virtio_interrupt_ack(&rng.dev);
		mlk_virtio_irq_done(&rng.dev);
	}
}

/* Up to `want` random bytes into rng.buf; *got how many came. */
static mlk_status_t draw(uint32_t want, uint32_t *got)
{
	struct mlk_virtq_buf b = { rng.buf_phys, want, true };
	uint16_t head;
	mlk_status_t st;

	/* A buffer an earlier request gave up on comes back first. */
	if (rng.outstanding && (st = wait_used(got)) != MLK_OK)
		return st;
	st = mlk_virtq_add(&rng.q, &b, 1, &head);
	if (st != MLK_OK)
		return st;
	rng.outstanding = true;
	mlk_virtq_kick(&rng.q);
	st = wait_used(got);
	if (st == MLK_OK && *got > want)
		return MLK_ERR_IO;
	return st;
}

static mlk_status_t do_read(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	uint64_t want = in->nwords ? in->w[0] : 0;
	uint32_t have = 0, got;

	for (unsigned i = 0; i < in->nhandles; i++)
		mlk_handle_close(in->h[i]);
	if (want == 0 || want > MLK_RNG_MAX)
		return MLK_ERR_BAD_ARG(0);
	memset(&out->w[1], 0, (want + 7) / 8 * 8);
	while (have < want) {
		mlk_status_t st = draw((uint32_t)(want - have), &got);
		if (st != MLK_OK)
			return st;
		memcpy((uint8_t *)&out->w[1] + have, rng.buf, got);
		have += got;
	}
	out->w[0] = want;
	out->nwords = 1 + (uint32_t)((want + 7) / 8);
	return MLK_OK;
}

static const struct mlk_service_op ops[] = { { MLK_RNG_READ, do_read } };

static mlk_status_t take_device(void)
{
	mlk_handle_t dma;
	void *page;
	mlk_status_t st = mlk_virtio_open(&rng.dev, MLK_VIRTIO_ID_RNG);

	if (st != MLK_OK)
		return fail("take the virtio-rng device", st);
	st = mlk_virtio_negotiate(&rng.dev, 0);
	if (st != MLK_OK)
		return fail("agree on features", st);
	st = mlk_virtq_create(&rng.dev, &rng.q, 0, QUEUE_SIZE);
	if (st != MLK_OK)
		return fail("set up the queue", st);
	st = mlk_virtio_dma_alloc(MLK_RNG_MAX, &dma, &page, &rng.buf_phys);
	if (st != MLK_OK)
		return fail("get a buffer", st);
	rng.buf = page;
	st = mlk_notification_create(&rng.notification);
	if (st == MLK_OK)
		st = mlk_virtio_irq_bind(&rng.dev, rng.notification, IRQ_BIT);
	if (st != MLK_OK)
		return fail("bind the interrupt", st);
	mlk_virtio_driver_ok(&rng.dev);
	return MLK_OK;
}

static mlk_status_t register_as(const char *name)
{
	return mlk_names_publish(name, rng.ep);
}

int main(void)
{
	mlk_status_t st;

	if (take_device() != MLK_OK)
		return 1;
	st = mlk_endpoint_create(&rng.ep);
	if (st == MLK_OK)
		st = register_as(mlk_program_name());
	if (st != MLK_OK)
		return fail("register its name", st), 1;
	/* The first device is the system's entropy; a second one serves
	 * under its own name only. */
	st = register_as(MLK_RNG_NAME);
	printf("%s: virtio-rng (%s) at %#lx%s\n", mlk_program_name(),
	       rng.dev.version == 1 ? "legacy" : "modern",
	       (unsigned long)rng.dev.phys,
	       st == MLK_OK ? ": serving " MLK_RNG_NAME : "");
	struct mlk_service svc = { .ep = rng.ep, .ops = ops, .nops = 1 };
	fail("serve", mlk_serve(&svc));
	return 1;
}
