/*
 * Device ranges of the device tree, as init hands them out or looks at
 * them itself: the node of a compatible string, the whole pages the
 * kernel maps around a register range, and a short read-only look at
 * one (the virtio transports' IDs, the real-time clock).
 */
#include <mlk/bootinfo.h>
#include <mlk/sys.h>

#include "init.h"

void device_pages(uint64_t base, uint64_t size, uint64_t *page, uint64_t *span)
{
	*page = MLK_PAGE_DOWN(base);
	*span = MLK_PAGE_UP(base + size) - *page;
}

int device_find(const char *compat, uint64_t *base, uint64_t *size)
{
	int node = -1;

	do
		node = dt_find_compatible(&init.dt, node, compat);
	while (node >= 0 && !dt_is_enabled(&init.dt, node));
	if (node < 0 || dt_reg(&init.dt, node, 0, base, size))
		return -1;
	return node;
}

mlk_status_t device_peek(uint64_t base, uint64_t size,
			 void (*look)(uintptr_t regs, void *ctx), void *ctx)
{
	uint64_t page, span, addr;
	mlk_handle_t dev;
	mlk_status_t st;

	device_pages(base, size, &page, &span);
	st = mlk_device_create(init.boot->system, page, span, &dev);
	if (st != MLK_OK)
		return st;
	st = mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, dev, 0, 0, span,
			    MLK_MAP_READ, &addr);
	if (st == MLK_OK) {
		look((uintptr_t)(addr + (base - page)), ctx);
		mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, addr, span);
	}
	mlk_handle_close(dev);
	return st;
}
