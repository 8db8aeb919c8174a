/*
 * dtb-patch: edit a device tree blob for a boot test (run-qt's DTB_PATCH).
 *
 *   dtb-patch IN OUT [OP...]
 *     cells=PATH:PROP:V[,V...]  set PROP of the node at PATH to these
 *                          32-bit cells
 *     grow=BYTES           add a BYTES-long property to the root, so the
 *                          blocks themselves grow by that much
 *     pad=BYTES            leave free space after the blocks so that the
 *                          header's totalsize is BYTES, as a loader that
 *                          edits a tree does (QEMU doubles a -dtb file)
 *
 * The operations run in order on the blob; libfdt does the editing.  cells
 * and grow leave the blob packed (no free space), so QEMU's doubling of a
 * -dtb file keeps it far below 2 MiB unless pad asks otherwise.  Runs
 * on the build machine; without libfdt the tests that need it are skipped.
 */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "dtb-patch: %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
	exit(1);
}

static void check(int err, const char *what)
{
	if (err < 0)
		die(what, fdt_strerror(err));
}

static void *load(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	void *buf;
	long n;

	if (!f)
		die(path, strerror(errno));
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET))
		die(path, "cannot size it");
	buf = malloc((size_t)n);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		die(path, "cannot read it");
	fclose(f);
	*size = (size_t)n;
	return buf;
}

/* The blob moved into a buffer of `size` bytes (totalsize = size). */
static void *resize(void *fdt, size_t size)
{
	void *out = calloc(1, size);

	if (!out)
		die("out of memory", NULL);
	check(fdt_open_into(fdt, out, (int)size), "resize");
	free(fdt);
	return out;
}

static unsigned long number(const char *s, const char *op)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (*s == 0 || *end != 0)
		die("not a number", op);
	return v;
}

static void *set_cells(void *fdt, char *arg, const char *op)
{
	char *prop = strchr(arg, ':');
	char *value = prop ? strchr(prop + 1, ':') : NULL;
	fdt32_t cells[64];
	int n = 0;

	if (!value)
		die("want cells=PATH:PROP:V[,V...]", op);
	*prop++ = 0;
	*value++ = 0;
	for (char *v = strtok(value, ","); v; v = strtok(NULL, ",")) {
		if (n == 64)
			die("more than 64 cells", op);
		cells[n++] = cpu_to_fdt32((uint32_t)number(v, op));
	}
	fdt = resize(fdt, fdt_totalsize(fdt) + 4096);
	int node = fdt_path_offset(fdt, arg);
	check(node, arg);
	check(fdt_setprop(fdt, node, prop, cells, n * 4), op);
	check(fdt_pack(fdt), "pack");
	return fdt;
}

static void *grow(void *fdt, unsigned long bytes)
{
	void *data;

	fdt = resize(fdt, fdt_totalsize(fdt) + bytes + 4096);
	check(fdt_setprop_placeholder(fdt, 0, "mlk,padding", (int)bytes, &data),
	      "grow");
	memset(data, 0, bytes);
	check(fdt_pack(fdt), "pack");
	return fdt;
}

static void *pad(void *fdt, unsigned long bytes)
{
	check(fdt_pack(fdt), "pack");
	if (bytes < fdt_totalsize(fdt))
		die("pad: smaller than the blocks", NULL);
	return resize(fdt, bytes);
}

int main(int argc, char **argv)
{
	size_t size;
	void *fdt;

	if (argc < 3)
		die("usage: dtb-patch IN OUT [OP...]", NULL);
	fdt = load(argv[1], &size);
	check(fdt_check_header(fdt), argv[1]);
	if (fdt_totalsize(fdt) > size)
		die(argv[1], "shorter than its header says");
	for (int i = 3; i < argc; i++) {
		char *op = argv[i];
		if (!strncmp(op, "cells=", 6))
			fdt = set_cells(fdt, strdup(op + 6), op);
		else if (!strncmp(op, "grow=", 5))
			fdt = grow(fdt, number(op + 5, op));
		else if (!strncmp(op, "pad=", 4))
			fdt = pad(fdt, number(op + 4, op));
		else
			die("unknown operation", op);
	}
	FILE *f = fopen(argv[2], "wb");
	if (!f || fwrite(fdt, 1, fdt_totalsize(fdt), f) != fdt_totalsize(fdt) ||
	    fclose(f))
		die(argv[2], "cannot write it");
	free(fdt);
	return 0;
}
