/*
 * Starting a program from an ELF image in memory: a new process with its
 * segments, a stack, a start info page and the handles it is given.
 * (init starts every service this way.)
 */
#ifndef MLK_SPAWN_H
#define MLK_SPAWN_H

#include <stddef.h>
#include <stdint.h>

#include <mlk/startinfo.h>
#include <mlk/syscall.h>

#define MLK_SPAWN_STACK_DEFAULT (256 * 1024)

struct mlk_spawn {
	const char *name; /* process and first thread name */
	const void *elf;  /* the executable, in this process's memory */
	size_t elf_size;
	uint32_t priority; /* at most the caller's */
	uint64_t quota;	   /* bytes it may use: a limit within ours */
	size_t stack_size; /* 0: MLK_SPAWN_STACK_DEFAULT; at most
			      MLK_STACK_MAX (mlk/layout.h) */
	/* Where its faults and exit are reported (mlk_process_set_supervisor):
	 * an endpoint we receive on (RECV), or 0 for none; the reports carry
	 * supervisor_badge. */
	mlk_handle_t supervisor;
	uint64_t supervisor_badge;
	const char *args; /* its arguments, blank-separated ("" quote
			     blanks, \" and \\ in them), or NULL; packed
			     they must fit MLK_STARTINFO_ARGS_SIZE bytes
			     (each word and its NUL) */
	/* Handles of ours to give it (kinds as in mlk/startinfo.h): copies
	 * with our rights minus DUPLICATE and TRANSFER. */
	uint32_t nhandles;
	struct mlk_start_handle handles[MLK_STARTINFO_MAX_HANDLES];
};

struct mlk_spawned {
	mlk_handle_t process;
	mlk_handle_t aspace;
	mlk_handle_t thread;
	uint32_t elf_error; /* enum mlk_elf_error, also set on failure */
};

/*
 * Start the program.  Errors: MLK_ERR_BAD_FORMAT for an executable
 * mlk_elf_check refuses (the reason in out->elf_error), MLK_ERR_TOO_BIG
 * for a stack_size over MLK_STACK_MAX, more than MLK_STARTINFO_MAX_HANDLES
 * handles or arguments that do not fit the start info
 * (MLK_STARTINFO_ARGS_SIZE), MLK_ERR_BAD_ARG(0) for arguments
 * with an unterminated quote, or the failing system call's status;
 * nothing is left behind on failure, and arguments are never cut.
 */
mlk_status_t mlk_spawn(const struct mlk_spawn *s, struct mlk_spawned *out);

#endif
