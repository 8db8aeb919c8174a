/*
 * init: what the kernel starts first (see mlk/bootinfo.h).
 *
 * 1. read the boot info: the bundle, the device tree, the handles;
 * 2. start the services the bundle's manifest names, in order (its
 *    programs wait until someone asks init to run them);
 * 3. serve: fault and exit messages of the services (supervision) and
 *    name requests, all on one endpoint; restart services by policy.
 */
#include <mlk/runtime.h>

#include <stdio.h>
#include <string.h>

#include "init.h"

struct init_state init;

static uint64_t earliest(uint64_t a, uint64_t b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return a < b ? a : b;
}

static void serve(void)
{
	struct mlk_msg m;

	for (;;) {
		uint64_t now = mlk_clock_now();
		uint64_t deadline =
			earliest(services_restart_due(now), names_expire(now));
		mlk_status_t st = mlk_msg_recv(init.ep, &m, deadline);
		if (st == MLK_ERR_TIMED_OUT)
			continue;
		if (st != MLK_OK) {
			printf("init: receive failed (status %ld)\n", (long)st);
			continue;
		}
		switch (m.label) {
		case MLK_LABEL_FAULT:
			service_faulted(&m);
			break;
		case MLK_LABEL_EXIT:
			service_exited(&m);
			break;
		default:
			if (control_request(&m) || clock_request(&m) ||
			    devices_request(&m))
				break;
			/* The control handle is for control only: names
			 * are owned by the names badge (names_forget). */
			if (m.badge & CONTROL_BIT)
				names_refuse(&m);
			else
				names_request(&m);
			break;
		}
	}
}

int main(void)
{
	const struct mlk_bootinfo *bi = mlk_bootinfo();
	int err;

	if (!bi) {
		printf("init: no boot info: not started by the kernel\n");
		return 1;
	}
	init.boot = bi;
	init.bundle = (const void *)(uintptr_t)bi->bundle_addr;
	err = dt_init(&init.dt, (const void *)(uintptr_t)bi->devtree_addr,
		      (uint32_t)bi->devtree_size);
	if (err)
		printf("init: device tree: %s; no devices for services\n",
		       dt_strerror(err));
	clock_init();
	if (mlk_endpoint_create(&init.ep) != MLK_OK) {
		printf("init: cannot create its endpoint\n");
		return 1;
	}
	printf("init: %lu MiB of RAM, quota %lu MiB\n",
	       (unsigned long)(bi->ram_bytes >> 20),
	       (unsigned long)(bi->quota >> 20));
	virtio_scan();
	services_load();
	/* Programs (MLK_SVC_PROGRAM) wait for a run request. */
	for (unsigned i = 0; i < init.nservices; i++)
		if (!(init.services[i].m.flags & MLK_SVC_PROGRAM))
			service_start(&init.services[i]);
	serve();
	return 0;
}
