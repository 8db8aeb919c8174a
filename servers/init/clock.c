/*
 * The wall clock.  The kernel keeps only the monotonic clock; the date
 * comes from the board's real-time clock, read once here at start.  On
 * QEMU's virt board that is a PL031 ("arm,pl031"), whose data register
 * (RTCDR, offset 0) counts seconds since 1970-01-01 UTC, set from the
 * host when the machine starts.  init keeps the date the monotonic clock
 * started at and tells it to anyone who asks (MLK_INIT_REALTIME);
 * mlk_clock_realtime adds the monotonic clock to it.
 */
#include <stdio.h>

#include <mlk/proto/init.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include "init.h"

#define PL031_COMPATIBLE "arm,pl031"
#define PL031_RTCDR 0x000

#define NS_PER_S 1000000000ull

/* ns since 1970 when the monotonic clock read 0; 0: no clock found. */
static uint64_t epoch_at_boot_ns;

/* Seconds the RTC at `base` holds, or 0 when it cannot be read. */
static uint32_t read_rtc(uint64_t base)
{
	uint64_t page = MLK_PAGE_DOWN(base), addr = 0;
	uint32_t seconds = 0;
	mlk_handle_t dev;

	if (mlk_device_create(init.boot->system, page, MLK_PAGE_SIZE, &dev) !=
	    MLK_OK)
		return 0;
	if (mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, dev, 0, 0, MLK_PAGE_SIZE,
			   MLK_MAP_READ, &addr) == MLK_OK) {
		seconds =
			*(volatile uint32_t *)(uintptr_t)(addr + (base - page) +
							  PL031_RTCDR);
		mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, addr, MLK_PAGE_SIZE);
	}
	mlk_handle_close(dev);
	return seconds;
}

void clock_init(void)
{
	int node = -1;
	uint64_t base, size;
	uint32_t seconds;

	do
		node = dt_find_compatible(&init.dt, node, PL031_COMPATIBLE);
	while (node >= 0 && !dt_is_enabled(&init.dt, node));
	if (node < 0 || dt_reg(&init.dt, node, 0, &base, &size) ||
	    size < PL031_RTCDR + 4) {
		printf("init: no real-time clock: files get no dates\n");
		return;
	}
	seconds = read_rtc(base);
	if (!seconds) {
		printf("init: the real-time clock at %#lx cannot be read\n",
		       (unsigned long)base);
		return;
	}
	epoch_at_boot_ns = seconds * NS_PER_S - mlk_clock_now();
}

bool clock_request(struct mlk_msg *m)
{
	if (m->label != MLK_INIT_REALTIME)
		return false;
	for (unsigned i = 0; i < m->nhandles; i++)
		mlk_handle_close(m->h[i]);
	m->label = epoch_at_boot_ns ? MLK_OK : MLK_ERR_NOT_SUPPORTED;
	m->w[0] = epoch_at_boot_ns;
	m->nwords = 1;
	m->nhandles = 0;
	mlk_msg_reply(m);
	return true;
}
