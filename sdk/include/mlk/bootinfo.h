/*
 * What the kernel hands init, the root task: x0 at init's entry points to
 * this structure, on a read-only page of init's address space.
 */
#ifndef MLK_BOOTINFO_H
#define MLK_BOOTINFO_H

#include <stdint.h>

#include <mlk/handle.h>

#define MLK_BOOTINFO_MAGIC 0x4f464e49544f4f42ull /* "BOOTINFO" */
#define MLK_BOOTINFO_VERSION 1
#define MLK_CMDLINE_SIZE 256

struct mlk_bootinfo {
	uint64_t magic;
	uint32_t version;
	uint32_t size;	     /* of this structure */
	mlk_handle_t system; /* root authority: IRQs, devices, info, power */
	mlk_handle_t log;    /* the kernel debug console */
	mlk_handle_t bundle; /* the boot bundle, read-only memory object */
	mlk_handle_t
		devtree; /* the device tree blob, read-only memory object */
	uint64_t bundle_addr; /* where the bundle is mapped in init */
	uint64_t bundle_size;
	uint64_t devtree_addr; /* where the device tree is mapped in init */
	uint64_t devtree_size;
	uint64_t quota;			/* init's memory quota, bytes */
	uint64_t ram_bytes;		/* RAM the kernel manages */
	char cmdline[MLK_CMDLINE_SIZE]; /* the kernel's boot arguments */
};

#endif
