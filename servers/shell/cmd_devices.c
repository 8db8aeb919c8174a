/*
 * Commands about devices: devices (what init found and who drives it)
 * and random (bytes from the entropy service).
 */
#include <mlk/init.h>
#include <mlk/virtio_ids.h>

#include <stdio.h>

#include "shell.h"

static const char *version_name(uint32_t version)
{
	return version == 1 ? "legacy" : version == 2 ? "modern" : "?";
}

static void show_device(const struct mlk_init_device *d)
{
	const char *type = mlk_virtio_id_name(d->device_id);

	printf("%#-12lx %-8s %-7s %4u  %s", (unsigned long)d->base,
	       type ? type : "?", version_name(d->version), (unsigned)d->irq,
	       d->driver[0] ? d->driver : "-");
	if (d->driver[0] && !d->driver_pid)
		printf(" (not running)");
	printf("\n");
}

/* devices: the virtio devices init found, in device tree order. */
int cmd_devices(int argc, char **argv, const struct command_line *cl)
{
	struct mlk_init_device d;
	mlk_status_t st;
	uint32_t i;

	printf("%-12s %-8s %-7s %4s  %s\n", "ADDRESS", "TYPE", "VIRTIO", "IRQ",
	       "DRIVER");
	for (i = 0; (st = mlk_init_device(i, &d)) == MLK_OK; i++) {
		show_device(&d);
	}
	if (st != MLK_ERR_NOT_FOUND) {
		shell_error("devices", "init", st);
		return 1;
	}
	return 0;
}
