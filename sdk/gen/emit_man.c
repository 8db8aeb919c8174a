/*
 * The reference page, mlk-syscalls(2): every call with its number,
 * prototype, description, rights and errors, in man(7) markup.
 */
#include <stdlib.h>
#include <string.h>

#include "gensyscalls.h"

/* Text for a filled line: backslashes escaped, no control word at the
 * start. */
static void text(FILE *f, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s; s++)
		if (*s == '\\')
			fputs("\\e", f);
		else
			fputc(*s, f);
	fputc('\n', f);
}

static void prototype(FILE *f, const struct sc_call *c)
{
	char *params[SC_MAX_ARGS + SC_MAX_OUTS + 1];
	unsigned n = sc_stub_params(c, params);
	char *stub = sc_stub_name(c);
	char *head = sc_strf("mlk_status_t %s(", stub);

	fputs(".PP\n.nf\n.ft B\n", f);
	sc_wrap_list(f, head, (const char *const *)params, n, ");", SC_MAN);
	fputs(".ft R\n.fi\n", f);
	for (unsigned i = 0; i < n; i++)
		free(params[i]);
	free(head);
	free(stub);
}

static void entry(FILE *f, const struct sc_table *t, const struct sc_call *c)
{
	struct sc_cause causes[32];
	unsigned n = sc_causes(t, c, causes, 32);
	char *stub = sc_stub_name(c);
	char rights[SC_TEXT_MAX];

	fprintf(f, ".SS \"%s \\(em system call %u\"\n", stub, c->nr);
	prototype(f, c);
	fputs(".PP\n", f);
	text(f, c->doc);
	sc_rights_text(t, c, rights, sizeof(rights));
	fputs(".PP\n.B Rights:\n", f);
	text(f, rights);
	fputs(".PP\n.B Errors:\n", f);
	if (!n)
		fputs("none.\n", f);
	for (unsigned i = 0; i < n; i++) {
		fprintf(f, ".TP\n.B %s\n", causes[i].status_name);
		text(f, causes[i].text);
	}
	free(stub);
}

static const char description[] =
	".SH DESCRIPTION\n"
	"A program enters the kernel with\n"
	".BR \"svc #0\" :\n"
	"the number of the call in x8, its arguments in x0 to x6.\n"
	"The status comes back in x0 (\\fBMLK_OK\\fP, 0, or an error of\n"
	".IR <mlk/status.h> ),\n"
	"outputs in x1 and x2.\n"
	"Like a function call, a system call may change x8 to x18;\n"
	"x19 to x30 and sp are kept.\n"
	"\\fBcall\\fP and \\fBreply_recv\\fP may enter with\n"
	".B \"svc #1\"\n"
	"and\n"
	".B \"svc #2\"\n"
	"instead (x8 naming them still), which the kernel's IPC fast path\n"
	"answers; their stubs do.\n"
	"Calls that cannot block, switch threads or reach user memory\n"
	"(\\fBnull\\fP and \\fBclock_get\\fP) may enter with\n"
	".B \"svc #3\"\n"
	"(x8 naming them), which runs them without saving the return state;\n"
	"their stubs do, and another call made so runs as with #0.\n"
	"A number no call has returns\n"
	".BR MLK_ERR_UNKNOWN_SYSCALL .\n"
	".PP\n"
	".I <mlk/sys.h>\n"
	"has a stub for each call:\n"
	"\\fBmlk_\\fP\\fIname\\fP for plain calls, whose outputs are pointers\n"
	"that may be NULL and are set to 0 when the call fails, and\n"
	"\\fBmlk_ipc_\\fP\\fIname\\fP for the message calls, whose message\n"
	"travels in the registers of a\n"
	".B struct mlk_ipc\n"
	"(\\fI<mlk/svc.h>\\fP, \\fI<mlk/ipc.h>\\fP).\n"
	".I <mlk/sysnum.h>\n"
	"names the numbers \\fBMLK_SYS_\\fP\\fIname\\fP.\n"
	".PP\n"
	"A handle argument must be a live handle of the calling process\n"
	"(else \\fBMLK_ERR_BAD_HANDLE\\fP), name an object of the type the\n"
	"call needs (\\fBMLK_ERR_WRONG_TYPE\\fP) and carry the rights it "
	"needs\n"
	"(\\fBMLK_ERR_ACCESS_DENIED\\fP).\n"
	"An argument narrower than 64 bits (a handle, rights, flags) with a\n"
	"bit set above its width fails with "
	"\\fBMLK_ERR_BAD_ARG(\\fP\\fIi\\fP\\fB)\\fP,\n"
	"where \\fIi\\fP is the argument's index from 0.\n"
	"Deadlines are absolute, in nanoseconds of the monotonic clock\n"
	"(\\fBmlk_clock_get\\fP); 0 means none.\n"
	"Pointers are addresses in the caller's memory; one the kernel\n"
	"cannot use fails with \\fBMLK_ERR_BAD_ADDRESS\\fP.\n";

void sc_emit_man(FILE *f, const struct sc_table *t, const char *version)
{
	fputs(".\\\" Generated from sdk/include/mlk/syscalls.def by "
	      "sdk/gen/gensyscalls; do not edit.\n",
	      f);
	fprintf(f,
		".TH MLK\\-SYSCALLS 2 \"\" \"MLK %s\" \"MyLittleKernel SDK\"\n",
		version);
	fputs(".nh\n", f); /* identifiers must not be hyphenated */
	fputs(".SH NAME\n"
	      "mlk\\-syscalls \\- the system calls of MyLittleKernel and their "
	      "C stubs\n"
	      ".SH SYNOPSIS\n"
	      ".nf\n"
	      ".B #include <mlk/sys.h>\n"
	      ".fi\n",
	      f);
	fputs(description, f);
	fputs(".SH \"SYSTEM CALLS\"\n", f);
	for (unsigned i = 0; i < t->ncalls; i++)
		entry(f, t, &t->calls[i]);
	fputs(".SH \"SEE ALSO\"\n"
	      ".BR mlk\\-mkimage (1)\n",
	      f);
}
