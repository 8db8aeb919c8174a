/*
 * Commands about programs: ps (init's services and the kernel's
 * threads), kill and run (both asked of init, which starts, ends and
 * supervises every program).
 */
#include <mlk/runtime.h>
#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

#define NS_PER_MS 1000000ull
#define POLL_NS (20 * NS_PER_MS) /* how often run looks at its program */
/* Where initfs shows the image's programs (servers/initfs). */
#define PROGRAMS_URI "initfs:///bin/"

static const char *service_state(uint32_t state)
{
	switch (state) {
	case MLK_INIT_RUNNING:
		return "running";
	case MLK_INIT_RESTARTING:
		return "restarting";
	case MLK_INIT_STOPPED:
		return "stopped";
	case MLK_INIT_GAVE_UP:
		return "gave up";
	default:
		return "?";
	}
}

static const char *thread_state(uint32_t state)
{
	static const char *const names[] = {
		[MLK_THREAD_CREATED] = "created",
		[MLK_THREAD_READY] = "ready",
		[MLK_THREAD_RUNNING] = "running",
		[MLK_THREAD_SEND] = "send",
		[MLK_THREAD_REPLY] = "reply",
		[MLK_THREAD_RECV] = "recv",
		[MLK_THREAD_WAIT] = "wait",
		[MLK_THREAD_SLEEP] = "sleep",
		[MLK_THREAD_SUSPENDED] = "suspended",
		[MLK_THREAD_FAULTED] = "faulted",
		[MLK_THREAD_DEAD] = "dead",
	};

	return state < sizeof(names) / sizeof(names[0]) && names[state]
		       ? names[state]
		       : "?";
}

/* Crashes in a row, and out of how many init takes if it ever gives up:
 * "0", "2/5". */
static const char *crash_count(const struct mlk_init_service *s, char *buf,
			       size_t size)
{
	if (s->give_up)
		snprintf(buf, size, "%u/%u", (unsigned)s->crashes,
			 (unsigned)s->give_up);
	else
		snprintf(buf, size, "%u", (unsigned)s->crashes);
	return buf;
}

/* How its last run ended: "-" (none has), "killed", "faulted", "exit N". */
static const char *last_end(const struct mlk_init_service *s, char *buf,
			    size_t size)
{
	if (s->exit_code == MLK_EXIT_KILLED)
		return "killed";
	if (s->exit_code == MLK_EXIT_FAULTED)
		return "faulted";
	if (s->exit_code == 0 && s->restarts == 0 &&
	    s->state == MLK_INIT_RUNNING)
		return "-";
	snprintf(buf, size, "exit %ld", (long)s->exit_code);
	return buf;
}

static int show_services(void)
{
	struct mlk_init_service s;
	char crashes[24], last[32];
	mlk_status_t st;
	uint32_t i;

	printf("%-16s %6s  %-10s %4s  %8s  %7s  %s\n", "SERVICE", "PID",
	       "STATE", "PRIO", "RESTARTS", "CRASHES", "LAST END");
	for (i = 0; (st = mlk_init_list(i, &s)) == MLK_OK; i++)
		printf("%-16s %6lu  %-10s %4u  %8u  %7s  %s\n", s.name,
		       (unsigned long)s.pid, service_state(s.state),
		       (unsigned)s.priority, (unsigned)s.restarts,
		       crash_count(&s, crashes, sizeof(crashes)),
		       last_end(&s, last, sizeof(last)));
	if (st != MLK_ERR_NOT_FOUND) {
		shell_error("ps", "services", st);
		return 1;
	}
	return 0;
}

static const char *process_name(const struct mlk_process_info *p, size_t n,
				uint64_t pid)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].pid == pid)
			return p[i].name;
	return "?";
}

static int show_threads(void)
{
	struct mlk_process_info *p;
	struct mlk_thread_info *t;
	size_t np, nt;
	char cpu[32];
	mlk_status_t st =
		sysinfo_table(MLK_INFO_PROCESSES, sizeof(*p), (void **)&p, &np);

	if (st == MLK_OK) {
		st = sysinfo_table(MLK_INFO_THREADS, sizeof(*t), (void **)&t,
				   &nt);
		if (st != MLK_OK)
			free(p);
	}
	if (st != MLK_OK) {
		shell_error("ps", "threads", st);
		return 1;
	}
	printf("%6s %6s  %-16s %-16s %-10s %4s %10s\n", "TID", "PID", "PROCESS",
	       "THREAD", "STATE", "PRIO", "CPU ms");
	for (size_t i = 0; i < nt; i++) {
		format_fixed3(cpu, sizeof(cpu), t[i].cpu_ns, NS_PER_MS);
		printf("%6lu %6lu  %-16s %-16s %-10s %4u %10s\n",
		       (unsigned long)t[i].tid, (unsigned long)t[i].pid,
		       process_name(p, np, t[i].pid), t[i].name,
		       thread_state(t[i].state), (unsigned)t[i].priority, cpu);
	}
	free(t);
	free(p);
	return 0;
}

int cmd_ps(int argc, char **argv, const struct command_line *cl)
{
	int result = show_services();

	printf("\n");
	return show_threads() | result;
}

/* kill NAME... asks init to end each; kill -crash NAME... to make each
 * fault instead (fault injection, to test supervision). */
int cmd_kill(int argc, char **argv, const struct command_line *cl)
{
	bool crash = !strcmp(argv[1], "-crash");
	int result = 0;

	if (crash && argc == 2) {
		printf("kill: usage: kill [-crash] NAME...\n");
		return 1;
	}
	for (int i = crash ? 2 : 1; i < argc; i++) {
		mlk_status_t st = crash ? mlk_init_crash(argv[i])
					: mlk_init_kill(argv[i]);
		if (st != MLK_OK) {
			shell_error("kill", argv[i], st);
			result = 1;
		}
	}
	return result;
}

/* One byte more of out (size bytes with the NUL); false when full. */
static bool put(char *out, size_t size, size_t *len, char c)
{
	if (*len + 1 >= size)
		return false;
	out[(*len)++] = c;
	return true;
}

/* The words after the name, joined by blanks, as init passes them on;
 * words with blanks or quotes go quoted (mlk/spawn.h's rule), so that the
 * program gets them as they were typed.  False if they do not fit. */
static bool run_args(int argc, char **argv, char *out, size_t size)
{
	size_t len = 0;

	for (int i = 2; i < argc; i++) {
		bool quote = !argv[i][0] || strpbrk(argv[i], " \"\\");
		if ((i > 2 && !put(out, size, &len, ' ')) ||
		    (quote && !put(out, size, &len, '"')))
			return false;
		for (const char *c = argv[i]; *c; c++)
			if ((quote && (*c == '"' || *c == '\\') &&
			     !put(out, size, &len, '\\')) ||
			    !put(out, size, &len, *c))
				return false;
		if (quote && !put(out, size, &len, '"'))
			return false;
	}
	out[len] = '\0';
	return true;
}

/* How a program ended, when not with 0; the shell's status: 0 or 1. */
static int run_ended(const char *name, int64_t code)
{
	if (code == 0)
		return 0;
	if (code == MLK_EXIT_FAULTED)
		printf("run: %s faulted\n", name);
	else if (code == MLK_EXIT_KILLED)
		printf("run: %s was killed\n", name);
	else
		printf("run: %s exited with code %ld\n", name, (long)code);
	return 1;
}

/* A program the manifest does not name runs with init's defaults: say
 * so, since it may lack what it needs. */
static void run_tell_defaults(const char *name)
{
	struct mlk_init_service s;

	if (init_find(name, &s) == MLK_OK && !(s.flags & MLK_INIT_IN_MANIFEST))
		printf("run: %s is not in the manifest: priority %u, default "
		       "quota, log grant only\n",
		       name, (unsigned)s.priority);
}

/* Wait until the program ends; Ctrl-C ends it. */
static int run_wait(const char *name, uint64_t pid)
{
	struct mlk_init_service s;

	for (;;) {
		if (term_interrupted()) {
			term_puts("^C\n");
			mlk_init_kill(name);
			return 1;
		}
		if (init_find(name, &s) != MLK_OK)
			return 0; /* init lost it: nothing to tell */
		if (s.pid != pid || s.state != MLK_INIT_RUNNING)
			return run_ended(name, s.exit_code);
		mlk_sleep(mlk_deadline_in(POLL_NS));
	}
}

/*
 * The program run starts: a program of the boot image, by its name or as
 * initfs shows it, initfs:///bin/NAME (initfs://bin/NAME too); NULL for
 * any other path or URI, since init starts only what the image holds.
 */
static const char *program_name(const char *arg)
{
	static const char *const shown[] = { PROGRAMS_URI, "initfs://bin/" };

	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		size_t len = strlen(shown[i]);
		if (!strncmp(arg, shown[i], len))
			return arg[len] && !strchr(arg + len, '/') ? arg + len
								   : NULL;
	}
	return strchr(arg, '/') ? NULL : arg;
}

int cmd_run(int argc, char **argv, const struct command_line *cl)
{
	char args[MLK_MANIFEST_ARGS_SIZE];
	bool background = argc > 2 && !strcmp(argv[argc - 1], "&");
	const char *name = program_name(argv[1]);
	uint64_t pid;
	mlk_status_t st;

	if (background)
		argc--;
	if (!name) {
		printf("run: %s: not a program of the boot image (run NAME or "
		       "run " PROGRAMS_URI "NAME)\n",
		       argv[1]);
		return 1;
	}
	if (!run_args(argc, argv, args, sizeof(args))) {
		printf("run: %s: arguments too long (at most %d bytes)\n",
		       argv[1], MLK_MANIFEST_ARGS_SIZE - 1);
		return 1;
	}
	st = mlk_init_run(name, args, &pid);
	if (st != MLK_OK) {
		shell_error("run", argv[1], st);
		return 1;
	}
	run_tell_defaults(name);
	if (background) {
		printf("run: %s started (pid %lu)\n", name, (unsigned long)pid);
		return 0;
	}
	return run_wait(name, pid);
}
