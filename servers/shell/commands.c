/*
 * The command table and its dispatcher: the one place that knows every
 * command's name, usage and word counts, so that each command checks
 * only what is particular to it.
 */
#include <mlk/service.h>

#include <stdio.h>
#include <string.h>

#include "shell.h"

const struct shell_command shell_commands[] = {
	{ "help", "help", 0, 0, false, cmd_help },
	{ "echo", "echo [-n] [WORD]... [> FILE | >> FILE]", 0, -1, true,
	  cmd_echo },
	{ "cat", "cat FILE...", 1, -1, false, cmd_cat },
	{ "ls", "ls [DIR]...", 0, -1, false, cmd_ls },
	{ "stat", "stat PATH...", 1, -1, false, cmd_stat },
	{ "mkdir", "mkdir DIR...", 1, -1, false, cmd_mkdir },
	{ "rm", "rm PATH...", 1, -1, false, cmd_rm },
	{ "mv", "mv FROM TO", 2, 2, false, cmd_mv },
	{ "cp", "cp FROM TO", 2, 2, false, cmd_cp },
	{ "hexdump", "hexdump FILE", 1, 1, false, cmd_hexdump },
	{ "mount", "mount", 0, 0, false, cmd_mount },
	{ "df", "df", 0, 0, false, cmd_df },
	{ "sync", "sync [PATH]...", 0, -1, false, cmd_sync },
	{ "ps", "ps", 0, 0, false, cmd_ps },
	{ "kill", "kill [-crash] NAME...", 1, -1, false, cmd_kill },
	{ "run", "run NAME [ARG]... [&]", 1, -1, false, cmd_run },
	{ "mem", "mem", 0, 0, false, cmd_mem },
	{ "devices", "devices", 0, 0, false, cmd_devices },
	{ "random", "random N", 1, 1, false, cmd_random },
	{ "ifconfig", "ifconfig", 0, 0, false, cmd_ifconfig },
	{ "ping", "ping HOST [COUNT]", 1, 2, false, cmd_ping },
	{ "resolve", "resolve NAME", 1, 1, false, cmd_resolve },
	{ "fetch", "fetch http://HOST[:PORT]/PATH", 1, 1, false, cmd_fetch },
	{ "netstat", "netstat", 0, 0, false, cmd_netstat },
	{ "uptime", "uptime", 0, 0, false, cmd_uptime },
	{ "sleep", "sleep SECONDS", 1, 1, false, cmd_sleep },
	{ "bench", "bench", 0, 0, false, cmd_bench },
	{ "poweroff", "poweroff", 0, 0, false, cmd_poweroff },
};

const size_t shell_ncommands =
	sizeof(shell_commands) / sizeof(shell_commands[0]);

void shell_error(const char *cmd, const char *what, mlk_status_t st)
{
	printf("%s: %s: %s\n", cmd, what, mlk_status_str(st));
}

static const struct shell_command *command_find(const char *name)
{
	for (size_t i = 0; i < shell_ncommands; i++)
		if (!strcmp(shell_commands[i].name, name))
			return &shell_commands[i];
	return NULL;
}

int command_run(struct command_line *cl)
{
	const struct shell_command *c = command_find(cl->argv[0]);
	int nargs = cl->argc - 1;

	if (!c) {
		printf("shell: %s: unknown command (help lists them)\n",
		       cl->argv[0]);
		return 1;
	}
	if (nargs < c->min_args || (c->max_args >= 0 && nargs > c->max_args)) {
		printf("%s: usage: %s\n", c->name, c->usage);
		return 1;
	}
	if (cl->redirect && !c->redirect) {
		printf("%s: > and >> are for echo only\n", c->name);
		return 1;
	}
	return c->run(cl->argc, cl->argv, cl);
}
