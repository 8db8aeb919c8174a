/*
 * Commands about devices: devices (what init found and who drives it)
 * and random (bytes from the entropy service).
 */
#include <mlk/init.h>
#include <mlk/random.h>
#include <mlk/virtio_ids.h>

#include <stdio.h>
#include <stdlib.h>

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

/* The most bytes `random` prints. */
#define RANDOM_MAX 4096
#define HEX_PER_LINE 32

/* random N: N bytes from the entropy service, in hex, 32 a line. */
int cmd_random(int argc, char **argv, const struct command_line *cl)
{
	static uint8_t buf[RANDOM_MAX];
	char *end;
	unsigned long n = strtoul(argv[1], &end, 10);
	mlk_status_t st;

	if (*end || end == argv[1] || n == 0 || n > RANDOM_MAX) {
		printf("random: %s: not a count of bytes (1..%d)\n", argv[1],
		       RANDOM_MAX);
		return 1;
	}
	st = mlk_random(buf, n);
	if (st != MLK_OK) {
		shell_error("random", MLK_RNG_NAME, st);
		return 1;
	}
	for (unsigned long i = 0; i < n; i++)
		printf("%02x%s", buf[i],
		       (i + 1) % HEX_PER_LINE == 0 || i + 1 == n ? "\n" : "");
	return 0;
}
