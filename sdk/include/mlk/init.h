/*
 * Asking init to run, end or list programs (protocol in mlk/proto/init.h).
 * Running, ending and crashing need grant=control in the caller's
 * manifest entry (MLK_ERR_ACCESS_DENIED otherwise); listing does not.
 */
#ifndef MLK_INIT_H
#define MLK_INIT_H

#include <stdint.h>

#include <mlk/bundle.h>
#include <mlk/proto/init.h>
#include <mlk/syscall.h>

struct mlk_init_service {
	char name[MLK_BUNDLE_NAME_SIZE];
	uint64_t pid;	/* 0 when not running */
	uint32_t state; /* enum mlk_init_state */
	uint32_t restarts;
	uint32_t priority;
	int64_t exit_code; /* of its last run: 0 until one ended,
			      MLK_EXIT_FAULTED, MLK_EXIT_KILLED or its own */
	uint32_t crashes;  /* in a row: 0 after a healthy run or a kill */
	uint32_t give_up;  /* crashes in a row init takes; 0: never stops */
	uint32_t flags;	   /* enum mlk_init_flags */
};

struct mlk_init_device {
	uint64_t base;	    /* the registers' physical address */
	uint64_t size;	    /* their size in bytes */
	uint32_t irq;	    /* the interrupt (GIC INTID) */
	uint32_t version;   /* virtio-mmio version: 1 legacy, 2 modern */
	uint32_t device_id; /* MLK_VIRTIO_ID_* (mlk/virtio_ids.h) */
	uint32_t vendor;
	uint64_t driver_pid;		   /* 0: its driver is not running */
	char driver[MLK_BUNDLE_NAME_SIZE]; /* "blk0"; "": no driver */
};

/* Start a program of the boot bundle as its manifest entry says, with
 * arguments (NULL or empty: the entry's). */
mlk_status_t mlk_init_run(const char *name, const char *args, uint64_t *pid);
/* End a program on request (not a crash: restarted at once if its entry
 * says restart). */
mlk_status_t mlk_init_kill(const char *name);
/* Make a program fault (fault injection for tests, see MLK_INIT_CRASH). */
mlk_status_t mlk_init_crash(const char *name);
/* Entry `index` of init's list; MLK_ERR_NOT_FOUND past the last. */
mlk_status_t mlk_init_list(uint32_t index, struct mlk_init_service *out);
/* Virtio device `index` init found (device tree order), with the service
 * that drives it; MLK_ERR_NOT_FOUND past the last. */
mlk_status_t mlk_init_device(uint32_t index, struct mlk_init_device *out);

#endif
