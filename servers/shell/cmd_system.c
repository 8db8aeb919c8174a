/*
 * Commands about the machine: mem, uptime, sleep, poweroff.  The kernel's
 * figures come through the system handle (mlk/sysinfo.h).
 */
#include <mlk/runtime.h>
#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include <stdio.h>
#include <stdlib.h>

#include "shell.h"

#define NS_PER_MS 1000000ull
#define NS_PER_S 1000000000ull
#define SLEEP_STEP_NS (20 * NS_PER_MS) /* how often sleep looks for Ctrl-C */
/* The console sends from its buffer as the UART takes the bytes: the last
 * line before the power goes needs a moment. */
#define POWEROFF_DRAIN_NS (100 * NS_PER_MS)

static unsigned long kib(uint64_t bytes)
{
	return (unsigned long)(bytes >> 10);
}

static void show_processes_memory(void)
{
	struct mlk_process_info *p;
	size_t n;
	mlk_status_t st =
		sysinfo_table(MLK_INFO_PROCESSES, sizeof(*p), (void **)&p, &n);

	if (st != MLK_OK) {
		shell_error("mem", "processes", st);
		return;
	}
	/* USED counts a process and the ones it made; LIMIT is its quota,
	 * which sets nothing aside (HACKING.md, "Memory quotas"). */
	printf("%6s  %-16s %10s %10s\n", "PID", "PROCESS", "USED KiB",
	       "LIMIT KiB");
	for (size_t i = 0; i < n; i++)
		printf("%6lu  %-16s %10lu %10lu\n", (unsigned long)p[i].pid,
		       p[i].name, kib(p[i].used), kib(p[i].quota));
	free(p);
}

int cmd_mem(int argc, char **argv, const struct command_line *cl)
{
	struct mlk_memory_info mi;
	mlk_status_t st = mlk_system_info(shell_system(), MLK_INFO_MEMORY, &mi,
					  sizeof(mi), NULL);

	if (st != MLK_OK) {
		shell_error("mem", "system info", st);
		return 1;
	}
	printf("total %10lu KiB\n", kib(mi.total_bytes));
	printf("used  %10lu KiB (kernel heap %lu KiB)\n",
	       kib(mi.total_bytes - mi.free_bytes), kib(mi.kernel_bytes));
	printf("free  %10lu KiB\n", kib(mi.free_bytes));
	show_processes_memory();
	return 0;
}

int cmd_uptime(int argc, char **argv, const struct command_line *cl)
{
	struct mlk_kernel_info ki;
	mlk_status_t st = mlk_system_info(shell_system(), MLK_INFO_KERNEL, &ki,
					  sizeof(ki), NULL);

	if (st != MLK_OK) {
		shell_error("uptime", "system info", st);
		return 1;
	}
	uint64_t s = ki.uptime_ns / NS_PER_S;
	printf("up %lu:%02lu:%02lu.%03lu, %u cpu%s, %lu context switches, "
	       "%lu interrupts, timer %lu Hz\n",
	       (unsigned long)(s / 3600), (unsigned long)(s / 60 % 60),
	       (unsigned long)(s % 60),
	       (unsigned long)(ki.uptime_ns % NS_PER_S / NS_PER_MS),
	       (unsigned)ki.cpus, ki.cpus == 1 ? "" : "s",
	       (unsigned long)ki.context_switches, (unsigned long)ki.irqs,
	       (unsigned long)ki.timer_hz);
	return 0;
}

int cmd_sleep(int argc, char **argv, const struct command_line *cl)
{
	uint64_t ns, end, now;

	if (!parse_seconds(argv[1], &ns)) {
		printf("sleep: %s: not a number of seconds\n", argv[1]);
		return 1;
	}
	end = mlk_clock_now() + ns;
	while ((now = mlk_clock_now()) < end) {
		if (term_interrupted()) {
			term_puts("^C\n");
			return 1;
		}
		mlk_sleep(mlk_deadline_in(
			end - now < SLEEP_STEP_NS ? end - now : SLEEP_STEP_NS));
	}
	return 0;
}

int cmd_poweroff(int argc, char **argv, const struct command_line *cl)
{
	printf("shell: powering off\n");
	term_flush();
	mlk_sleep(mlk_deadline_in(POWEROFF_DRAIN_NS));
	mlk_status_t st = mlk_system_poweroff(shell_system(), 0);
	/* Only a failure comes back. */
	shell_error("poweroff", "system", st);
	return 1;
}
