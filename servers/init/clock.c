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

/* The seconds the RTC's data register holds. */
static void read_rtc(uintptr_t regs, void *seconds)
{
	*(uint32_t *)seconds = *(volatile uint32_t *)(regs + PL031_RTCDR);
}

void clock_init(void)
{
	uint64_t base, size;
	uint32_t seconds = 0;

	if (device_find(PL031_COMPATIBLE, &base, &size) < 0 ||
	    size < PL031_RTCDR + 4) {
		printf("init: no real-time clock: files get no dates\n");
		return;
	}
	device_peek(base, size, read_rtc, &seconds);
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
