/*
 * init: the root task.  Starts the services of the manifest, serves
 * names, supervises (see README.md in this folder).
 */
#ifndef MLK_SERVERS_INIT_INIT_H
#define MLK_SERVERS_INIT_INIT_H

#include <stdbool.h>

#include <mlk/bundle.h>
#include <mlk/msg.h>
#include <mlk/proto/init.h>
#include <mlk/spawn.h>

#include "devtree.h"

/* Services and programs init keeps (mlk/proto/init.h). */
#define MAX_SERVICES MLK_INIT_MAX_SERVICES
_Static_assert(MAX_SERVICES >= MLK_MANIFEST_MAX_SERVICES,
	       "init keeps every service a manifest may name");
/* Virtio devices init keeps (transports with a device behind them;
 * QEMU's virt machine has 32 transports). */
#define MAX_VIRTIO 32
/* The registers every virtio-mmio transport has, config space aside. */
#define VIRTIO_MMIO_MIN_SIZE 0x100

struct service;

/* A virtio-mmio transport with a device behind it, in device tree order. */
struct virtio_dev {
	uint64_t base, size; /* its registers */
	uint32_t intid;	     /* its interrupt */
	uint32_t version;    /* 1: legacy, 2: modern */
	uint32_t device_id;  /* MLK_VIRTIO_ID_* */
	uint32_t vendor;
	struct service *driver; /* the instance that drives it, or NULL */
	char instance[MLK_BUNDLE_NAME_SIZE]; /* its name ("blk0"), or "" */
};

/* Two badge spaces on init's one endpoint: a service's names handle has
 * its index + 1, the kernel's reports about it this bit as well.  The
 * kernel alone sends fault and exit labels, and only init can point a
 * process's reports at its endpoint, so neither can pass for the other. */
#define SUPERVISION_BIT (1ull << 63)
#define SUPERVISION_BADGE(s) ((s)->badge | SUPERVISION_BIT)
/* A third space for the control handle of a service granted `control`:
 * only requests through it may run, kill or crash services. */
#define CONTROL_BIT (1ull << 62)
#define CONTROL_BADGE(s) ((s)->badge | CONTROL_BIT)

struct service {
	/* What its current (or last) run was started with: its manifest
	 * entry, or defaults for a program the manifest does not name, with
	 * the arguments of an MLK_INIT_RUN that gave some. */
	struct mlk_manifest_service m;
	/* Its manifest entry, kept as packed (in the bundle); NULL for a
	 * program the manifest does not name. */
	const struct mlk_manifest_service *entry;
	const void *elf;
	size_t elf_size;
	uint64_t badge; /* its names badge; supervision: SUPERVISION_BADGE */
	struct mlk_spawned h; /* while it runs */
	uint64_t pid;	      /* while it runs */
	unsigned restarts;
	bool running;
	bool gave_up;
	uint32_t crashes;    /* in a row (policy.h) */
	bool kill_requested; /* init is ending it on request: no crash */
	uint64_t started_ns;
	uint64_t restart_at_ns; /* 0: no restart pending */
	int64_t exit_code;	/* of its last run (0 until one ended) */
	/* An instance of a grant=virtio service: the device it drives. */
	const struct virtio_dev *virtio;
};

struct init_state {
	const struct mlk_bootinfo *boot;
	const void *bundle;
	struct devtree dt;
	mlk_handle_t ep; /* faults, exits and requests all arrive here */
	struct service services[MAX_SERVICES];
	unsigned nservices;
	struct virtio_dev virtio[MAX_VIRTIO];
	unsigned nvirtio;
};

extern struct init_state init;

/* supervise.c */
void services_load(void);
void service_start(struct service *s);
void service_faulted(const struct mlk_msg *m);
void service_exited(const struct mlk_msg *m);
/* Start services whose back-off ended; the next time one is due (0: none). */
uint64_t services_restart_due(uint64_t now);
struct service *service_by_badge(uint64_t badge);
/* The service a kernel report (fault or exit) is about: its badge and
 * process id must both match a running service; NULL otherwise. */
struct service *service_of_report(const struct mlk_msg *m);

/* A service record for a program of the bundle with its manifest entry,
 * or NULL for one the manifest does not name (the caller then fills in
 * s->m); NULL if the table is full. */
struct service *service_add(const struct mlk_manifest_service *entry,
			    const struct mlk_bundle_entry *elf);
struct service *service_by_name(const char *name);

/* Add a handle to what the child gets; false if its table is full. */
bool spawn_add_handle(struct mlk_spawn *sp, uint32_t kind, mlk_handle_t h,
		      uint64_t value, const char *name);

/* virtio.c */
/* Find the virtio-mmio transports and what sits behind each. */
void virtio_scan(void);
/* An entry with grant=virtio=TYPE: one service record per device of
 * TYPE (none if there is none); false for an entry without the grant. */
bool virtio_instances(const struct mlk_manifest_service *entry,
		      const struct mlk_bundle_entry *elf);
/* The registers and interrupt of the device instance s drives. */
mlk_status_t virtio_grant(const struct service *s, struct mlk_spawn *sp);
/* Answer MLK_INIT_DEVICES; false for another request. */
bool devices_request(struct mlk_msg *m);

/* control.c: MLK_INIT_RUN, _KILL, _CRASH, _LIST */
bool control_request(struct mlk_msg *m);

/* device.c: device ranges of the device tree. */
/* The whole pages the kernel maps around [base, base + size). */
void device_pages(uint64_t base, uint64_t size, uint64_t *page, uint64_t *span);
/* The first enabled node compatible with `compat`, its first register
 * range in *base and *size; -1 when there is none. */
int device_find(const char *compat, uint64_t *base, uint64_t *size);
/* Map [base, base + size) read-only while look(regs, ctx) reads it. */
mlk_status_t device_peek(uint64_t base, uint64_t size,
			 void (*look)(uintptr_t regs, void *ctx), void *ctx);

/* clock.c: the wall clock, from the board's RTC. */
/* Read the RTC (if the device tree has one) to date the monotonic clock. */
void clock_init(void);
/* Answer m if it is MLK_INIT_REALTIME; false if it is something else. */
bool clock_request(struct mlk_msg *m);

/* names.c */
void names_request(struct mlk_msg *m);
/* Answer a request names_request must not see: NOT_SUPPORTED. */
void names_refuse(struct mlk_msg *m);
/* Answer lookups whose deadline passed; the next deadline (0: none). */
uint64_t names_expire(uint64_t now);
/* A service went: its names go with it. */
void names_forget(uint64_t badge);

#endif
