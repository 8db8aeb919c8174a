/*
 * Program start and end, and the runtime hooks of the C library: where
 * output goes and where the heap's memory comes from.
 */
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libc/runtime_hooks.h"

int main(int argc, char **argv);

static const struct mlk_startinfo *start;
static const struct mlk_bootinfo *boot;
static mlk_handle_t log_handle;
/* Where stdout goes: a function the program chose, or the kernel log if
 * it chose that (mlk_set_output(NULL)); by default the console service
 * while it can be reached and the kernel log when not. */
static size_t (*output)(const char *buf, size_t len);
static bool output_log_only;

MLK_PUBLIC const struct mlk_startinfo *mlk_startinfo(void)
{
	return start;
}

MLK_PUBLIC const struct mlk_bootinfo *mlk_bootinfo(void)
{
	return boot;
}

MLK_PUBLIC const char *mlk_program_name(void)
{
	return start ? start->name : boot ? "init" : "?";
}

MLK_PUBLIC mlk_handle_t mlk_start_handle(unsigned kind, const char *name)
{
	if (!start)
		return MLK_HANDLE_NONE;
	for (uint32_t i = 0; i < start->nhandles; i++) {
		const struct mlk_start_handle *h = &start->handles[i];
		if (h->kind == kind && (!name || !strcmp(h->name, name)))
			return h->handle;
	}
	return MLK_HANDLE_NONE;
}

MLK_PUBLIC mlk_handle_t mlk_log_handle(void)
{
	return log_handle;
}

MLK_PUBLIC void mlk_set_output(size_t (*write)(const char *buf, size_t len))
{
	__mlk_stdio_flush();
	output = write;
	output_log_only = !write;
}

/* The kernel console takes at most MLK_DEBUG_WRITE_MAX bytes a call. */
static size_t write_log(const char *buf, size_t len)
{
	size_t done = 0;

	while (log_handle && done < len) {
		size_t n = len - done < MLK_DEBUG_WRITE_MAX
				   ? len - done
				   : MLK_DEBUG_WRITE_MAX;
		if (mlk_debug_write(log_handle, buf + done, n) != MLK_OK)
			break;
		done += n;
	}
	return len;
}

/* console_client.c: what of buf the console service took. */
MLK_HIDDEN size_t __mlk_console_stdout(const char *buf, size_t len);

size_t __mlk_stdout_write(const char *buf, size_t len)
{
	size_t done = 0;

	if (output)
		return output(buf, len);
	/* The console itself pins its output to the log: it must never
	 * wait for itself. */
	if (!output_log_only)
		done = __mlk_console_stdout(buf, len);
	if (done < len)
		write_log(buf + done, len - done);
	return len;
}

MLK_PUBLIC void *mlk_map_anonymous(size_t size)
{
	mlk_handle_t mem;
	uint64_t addr;

	size = MLK_PAGE_UP(size);
	if (mlk_mem_create(size, 0, &mem) != MLK_OK)
		return NULL;
	mlk_status_t st =
		mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, mem, 0, 0, size,
			       MLK_MAP_READ | MLK_MAP_WRITE, &addr);
	/* The mapping keeps the memory; the handle is not needed. */
	mlk_handle_close(mem);
	return st == MLK_OK ? (void *)(uintptr_t)addr : NULL;
}

int __mlk_heap_grow(size_t min_bytes, void **base, size_t *got)
{
	/* Grow in steps of at least 256 KiB to keep mappings few. */
	size_t size = min_bytes < 256 * 1024 ? 256 * 1024 : min_bytes;
	void *p = mlk_map_anonymous(size);

	if (!p)
		return -1;
	*base = p;
	*got = MLK_PAGE_UP(size);
	return 0;
}

MLK_PUBLIC uint64_t mlk_clock_now(void)
{
	uint64_t ns = 0;

	mlk_clock_get(&ns);
	return ns;
}

MLK_PUBLIC uint64_t mlk_deadline_in(uint64_t ns)
{
	uint64_t now = mlk_clock_now();

	return ns > UINT64_MAX - now ? UINT64_MAX : now + ns;
}

MLK_PUBLIC __attribute__((noreturn)) void mlk_exit(int code)
{
	__mlk_stdio_flush();
	mlk_process_exit(code);
	for (;;)
		__builtin_trap();
}

MLK_PUBLIC __attribute__((noreturn)) void exit(int code)
{
	mlk_exit(code);
}

MLK_PUBLIC __attribute__((noreturn)) void abort(void)
{
	fputs("abort() called\n", stderr);
	mlk_exit(134); /* as a shell shows SIGABRT */
}

/*
 * How many of the start info's argc strings lie within its args: all of
 * them in a start info mlk_spawn made (which refuses arguments that do
 * not fit rather than cut them); the count is never trusted past args.
 */
static uint32_t start_argc(void)
{
	const char *p = start ? start->args : NULL;
	const char *end = p ? p + sizeof(start->args) : NULL;
	uint32_t n = 0;

	while (p && n < start->argc) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		if (!nul)
			break;
		p = nul + 1;
		n++;
	}
	return n;
}

/* argv[0] the program's name, then every argument, then NULL. */
static void make_argv(char **argv, uint32_t nargs)
{
	const char *p = start ? start->args : "";

	argv[0] = (char *)mlk_program_name();
	for (uint32_t i = 0; i < nargs; i++) {
		argv[i + 1] = (char *)p;
		p += strlen(p) + 1;
	}
	argv[nargs + 1] = NULL;
}

/* argv lives in this frame, which lasts as long as the program: it holds
 * every argument (at most MLK_STARTINFO_ARGS_SIZE, as each takes its
 * NUL), so none is ever left out.  A function of its own, called once the
 * stack guard is set, since the array makes its frame a guarded one. */
static __attribute__((noinline, noreturn)) void run_main(void)
{
	uint32_t nargs = start_argc();
	char *argv[nargs + 2];

	make_argv(argv, nargs);
	exit(main((int)nargs + 1, argv));
}

void __mlk_stack_guard_init(void);

/* Where crt0 jumps, x0 = the start info (or init's boot info). */
void __mlk_start(uintptr_t arg)
{
	const uint64_t *magic = (const uint64_t *)arg;

	if (magic && *magic == MLK_BOOTINFO_MAGIC) {
		boot = (const struct mlk_bootinfo *)arg;
		log_handle = boot->log;
	} else if (magic && *magic == MLK_STARTINFO_MAGIC) {
		start = (const struct mlk_startinfo *)arg;
		log_handle = mlk_start_handle(MLK_START_LOG, NULL);
	}
	__mlk_stack_guard_init();
	run_main();
}
