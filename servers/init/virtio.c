/*
 * Virtio devices: init finds the virtio-mmio transports in the device
 * tree, reads what sits behind each (virtio 1.2, 4.2.2 "MMIO Device
 * Register Layout": MagicValue, Version, DeviceID, VendorID at 0x000 to
 * 0x00c), and starts one instance of the service whose manifest entry has
 * grant=virtio=TYPE for each device of that type, in device tree order:
 * blk0, blk1 ...  Each instance gets its own transport's registers and
 * interrupt (add_grants in supervise.c) and nothing else.  Listing them
 * (MLK_INIT_DEVICES) is open to every service, as MLK_INIT_LIST is.
 */
#include <mlk/init.h>
#include <mlk/runtime.h>
#include <mlk/virtio_ids.h>

#include <stdio.h>
#include <string.h>

#include "init.h"

#define VIRTIO_MMIO_COMPATIBLE "virtio,mmio"
#define VIRTIO_MMIO_MAGIC 0x74726976u /* "virt", little endian */
#define REG_MAGIC 0x000
#define REG_VERSION 0x004
#define REG_DEVICE_ID 0x008
#define REG_VENDOR_ID 0x00c

static uint32_t reg_read(uintptr_t regs, unsigned off)
{
	return *(volatile uint32_t *)(regs + off);
}

/* What a look at a transport finds. */
struct identity {
	struct virtio_dev *d;
	uint32_t magic;
};

/* Who is there: the transport's identity registers. */
static void identify(uintptr_t regs, void *ctx)
{
	struct identity *id = ctx;

	id->magic = reg_read(regs, REG_MAGIC);
	id->d->version = reg_read(regs, REG_VERSION);
	id->d->device_id = reg_read(regs, REG_DEVICE_ID);
	id->d->vendor = reg_read(regs, REG_VENDOR_ID);
}

/* Map the transport for a moment and read who is there. */
static mlk_status_t probe(struct virtio_dev *d)
{
	struct identity id = { .d = d };
	mlk_status_t st = device_peek(d->base, d->size, identify, &id);

	if (st == MLK_OK && id.magic != VIRTIO_MMIO_MAGIC)
		st = MLK_ERR_BAD_FORMAT;
	return st;
}

/* One transport's node: its registers, a probe, and the interrupt of a
 * transport with a device behind it.  Only those: QEMU's virt machine
 * has 32 transports, mostly empty, and an interrupt lookup walks the
 * tree for the interrupt parent. */
static mlk_status_t read_node(int node, struct virtio_dev *d)
{
	struct dt_irq irq;
	mlk_status_t st;

	memset(d, 0, sizeof(*d));
	if (dt_reg(&init.dt, node, 0, &d->base, &d->size) != DT_OK ||
	    d->size < VIRTIO_MMIO_MIN_SIZE)
		return MLK_ERR_BAD_FORMAT;
	st = probe(d);
	if (st != MLK_OK || d->device_id == MLK_VIRTIO_ID_NONE)
		return st;
	if (dt_irq(&init.dt, node, 0, &irq) != DT_OK ||
	    dt_irq_intid(&irq, &d->intid) != DT_OK)
		return MLK_ERR_BAD_FORMAT;
	return MLK_OK;
}

static void log_device(const struct virtio_dev *d)
{
	const char *type = mlk_virtio_id_name(d->device_id);

	printf("init: virtio: %s (device %u) at %#lx, version %u, "
	       "interrupt %u\n",
	       type ? type : "unknown", (unsigned)d->device_id,
	       (unsigned long)d->base, (unsigned)d->version,
	       (unsigned)d->intid);
}

void virtio_scan(void)
{
	unsigned transports = 0;
	struct virtio_dev d;
	mlk_status_t st;

	for (int node =
		     dt_find_compatible(&init.dt, -1, VIRTIO_MMIO_COMPATIBLE);
	     node >= 0; node = dt_find_compatible(&init.dt, node,
						  VIRTIO_MMIO_COMPATIBLE)) {
		if (!dt_is_enabled(&init.dt, node))
			continue;
		transports++;
		st = read_node(node, &d);
		if (st != MLK_OK) {
			printf("init: virtio: transport %u unusable (status "
			       "%ld); skipped\n",
			       transports - 1, (long)st);
			continue;
		}
		if (d.device_id == MLK_VIRTIO_ID_NONE)
			continue;
		if (init.nvirtio == MAX_VIRTIO) {
			printf("init: virtio: more than %d devices; the one "
			       "at %#lx is left alone\n",
			       MAX_VIRTIO, (unsigned long)d.base);
			continue;
		}
		init.virtio[init.nvirtio++] = d;
		log_device(&d);
	}
	if (transports)
		printf("init: virtio: %u transport%s, %u device%s\n",
		       transports, transports == 1 ? "" : "s", init.nvirtio,
		       init.nvirtio == 1 ? "" : "s");
}

static const struct mlk_manifest_grant *
virtio_grant_of(const struct mlk_manifest_service *entry)
{
	for (uint32_t i = 0; i < entry->ngrants; i++)
		if (entry->grants[i].kind == MLK_GRANT_VIRTIO)
			return &entry->grants[i];
	return NULL;
}

/* Instance `k` of the entry, for device d: named TYPE and k ("blk0"). */
static void add_instance(const struct mlk_manifest_service *entry,
			 const struct mlk_bundle_entry *elf,
			 struct virtio_dev *d, const char *type, unsigned k)
{
	struct service *s = service_add(entry, elf);

	if (!s) {
		printf("init: %s: no room for instance %s%u\n", entry->name,
		       type, k);
		return;
	}
	snprintf(d->instance, sizeof(d->instance), "%s%u", type, k);
	strlcpy(s->m.name, d->instance, sizeof(s->m.name));
	s->virtio = d;
	d->driver = s;
}

bool virtio_instances(const struct mlk_manifest_service *entry,
		      const struct mlk_bundle_entry *elf)
{
	const struct mlk_manifest_grant *g = virtio_grant_of(entry);
	unsigned k = 0;

	if (!g)
		return false;
	uint32_t id = mlk_virtio_id_by_name(g->arg);
	for (unsigned i = 0; i < init.nvirtio; i++) {
		struct virtio_dev *d = &init.virtio[i];
		if (d->device_id != id || d->driver)
			continue;
		add_instance(entry, elf, d, g->arg, k++);
	}
	if (k == 0)
		printf("init: %s: no virtio %s device; not started\n",
		       entry->name, g->arg);
	return true;
}

mlk_status_t virtio_grant(const struct service *s, struct mlk_spawn *sp)
{
	const struct virtio_dev *d = s->virtio;
	uint64_t page, span;
	mlk_handle_t dev, irq;
	mlk_status_t st;

	if (!d)
		return MLK_ERR_NOT_FOUND;
	device_pages(d->base, d->size, &page, &span);
	st = mlk_device_create(init.boot->system, page, span, &dev);
	if (st != MLK_OK)
		return st;
	if (!spawn_add_handle(sp, MLK_START_DEVICE, dev, d->base,
			      VIRTIO_MMIO_COMPATIBLE)) {
		mlk_handle_close(dev);
		return MLK_ERR_TOO_BIG;
	}
	st = mlk_irq_create(init.boot->system, d->intid, &irq);
	if (st != MLK_OK)
		return st;
	if (!spawn_add_handle(sp, MLK_START_IRQ, irq, d->intid,
			      VIRTIO_MMIO_COMPATIBLE)) {
		mlk_handle_close(irq);
		return MLK_ERR_TOO_BIG;
	}
	return MLK_OK;
}

/* MLK_INIT_DEVICES: entry w0 of the device table. */
bool devices_request(struct mlk_msg *m)
{
	if (m->label != MLK_INIT_DEVICES)
		return false;
	for (unsigned i = 0; i < m->nhandles; i++)
		mlk_handle_close(m->h[i]);
	m->nhandles = 0;
	if (m->nwords < 1 || m->w[0] >= init.nvirtio) {
		m->label = MLK_ERR_NOT_FOUND;
		m->nwords = 0;
		mlk_msg_reply(m);
		return true;
	}
	const struct virtio_dev *d = &init.virtio[m->w[0]];
	memset(m->w, 0, MLK_INIT_DEVICE_WORDS * sizeof(m->w[0]));
	m->w[0] = d->base;
	m->w[1] = d->size;
	m->w[2] = d->intid;
	m->w[3] = d->version;
	m->w[4] = d->device_id;
	m->w[5] = d->vendor;
	m->w[6] = d->driver && d->driver->running ? d->driver->pid : 0;
	strlcpy((char *)&m->w[7], d->instance, MLK_INIT_NAME_WORDS * 8);
	m->label = MLK_OK;
	m->nwords = MLK_INIT_DEVICE_WORDS;
	mlk_msg_reply(m);
	return true;
}
