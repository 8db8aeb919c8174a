/*
 * gensyscalls WHAT: write one of the files made from the system call
 * table to standard output, after checking the table.
 *   sysnum         <mlk/sysnum.h>, the numbers
 *   sys            <mlk/sys.h>, the documented stubs
 *   kernel-decls   the kernel's sys_* declarations
 *   kernel-table   the kernel's glue and dispatch table
 *   man            mlk-syscalls(2)
 */
#include <string.h>

#include <mlk/version.h>

#include "gensyscalls.h"

static int emit(const char *what, const struct sc_table *t)
{
	if (!strcmp(what, "sysnum"))
		sc_emit_sysnum(stdout, t);
	else if (!strcmp(what, "sys"))
		sc_emit_sys(stdout, t);
	else if (!strcmp(what, "kernel-decls"))
		sc_emit_kernel_decls(stdout, t);
	else if (!strcmp(what, "kernel-table"))
		sc_emit_kernel_table(stdout, t);
	else if (!strcmp(what, "man"))
		sc_emit_man(stdout, t, MLK_VERSION_STRING);
	else
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	struct sc_table t;

	if (argc != 2) {
		fputs("usage: gensyscalls sysnum|sys|kernel-decls|"
		      "kernel-table|man\n",
		      stderr);
		return 2;
	}
	sc_table_load(&t);
	if (sc_check(&t, stderr))
		return 1;
	if (emit(argv[1], &t)) {
		fprintf(stderr, "gensyscalls: unknown output %s\n", argv[1]);
		return 2;
	}
	if (fflush(stdout) || ferror(stdout)) {
		fputs("gensyscalls: cannot write the output\n", stderr);
		return 1;
	}
	return 0;
}
