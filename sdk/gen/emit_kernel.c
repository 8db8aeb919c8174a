/*
 * The kernel side: the declarations of the sys_* implementations and the
 * dispatch table with its glue, which unpacks x0..x6 for PLAIN calls,
 * refuses bits beyond a narrow argument's type (MLK_ERR_BAD_ARG(i)) and
 * puts the outputs in x1 and x2 on success.
 */
#include <stdlib.h>
#include <string.h>

#include "gensyscalls.h"

#define GENERATED                                                              \
	"/* Generated from sdk/include/mlk/syscalls.def by "                   \
	"sdk/gen/gensyscalls;\n"                                               \
	" * do not edit. */\n"

/* A parameter as the kernel sees it: user pointers are uaddr_t. */
static char *kparam(const struct sc_param *p, int out)
{
	const char *type = strchr(p->type, '*') ? "uaddr_t" : p->type;

	return sc_strf("%s %s%s", type, out ? "*" : "", p->name);
}

static void declare(FILE *f, const struct sc_call *c, const char *tail)
{
	char *params[1 + SC_MAX_ARGS + SC_MAX_OUTS];
	unsigned n = 0;
	char *head = sc_strf("mlk_status_t sys_%s(", c->name);

	params[n++] = sc_strf("struct thread *self");
	for (unsigned i = 0; c->kind != SC_IPC && i < c->nargs; i++)
		params[n++] = kparam(&c->args[i], 0);
	for (unsigned i = 0; c->kind != SC_IPC && i < c->nouts; i++)
		params[n++] = kparam(&c->outs[i], 1);
	sc_wrap_list(f, head, (const char *const *)params, n, tail, SC_C);
	for (unsigned i = 0; i < n; i++)
		free(params[i]);
	free(head);
}

void sc_emit_kernel_decls(FILE *f, const struct sc_table *t)
{
	fputs(GENERATED, f);
	fputs("/*\n"
	      " * The system calls the kernel implements (core/sys_*.c): "
	      "PLAIN\n"
	      " * calls take their arguments unpacked and their outputs as\n"
	      " * pointers, IPC calls read the thread's registers themselves.\n"
	      " */\n"
	      "#ifndef MLK_GENERATED_SYSCALLS_H\n"
	      "#define MLK_GENERATED_SYSCALLS_H\n\n",
	      f);
	for (unsigned i = 0; i < t->ncalls; i++)
		declare(f, &t->calls[i], ");");
	fputs("\n#endif\n", f);
}

static void glue_checks(FILE *f, const struct sc_call *c)
{
	for (unsigned i = 0; i < c->nargs; i++) {
		unsigned bits = sc_width_bits(&c->args[i]);
		if (bits < 64)
			fprintf(f,
				"\tif (frame_arg(tf, %u) >> %u)\n"
				"\t\treturn MLK_ERR_BAD_ARG(%u);\n",
				i, bits, i);
	}
}

static void glue_call(FILE *f, const struct sc_call *c, const char *head)
{
	char *items[1 + SC_MAX_ARGS + SC_MAX_OUTS];
	unsigned n = 0;

	items[n++] = sc_strf("self");
	for (unsigned i = 0; i < c->nargs; i++)
		items[n++] =
			sc_strf("(%s)frame_arg(tf, %u)",
				strchr(c->args[i].type, '*') ? "uaddr_t"
							     : c->args[i].type,
				i);
	for (unsigned i = 0; i < c->nouts; i++)
		items[n++] = sc_strf("&%s", c->outs[i].name);
	sc_wrap_list(f, head, (const char *const *)items, n, ");", SC_C);
	for (unsigned i = 0; i < n; i++)
		free(items[i]);
}

/* Checks, then the outputs' variables and the call, in the order the
 * kernel's code was measured with (make bench). */
static void glue_body(FILE *f, const struct sc_call *c)
{
	char *call =
		sc_strf("\t%s sys_%s(",
			c->nouts ? "mlk_status_t st =" : "return", c->name);

	glue_checks(f, c);
	for (unsigned i = 0; i < c->nouts; i++)
		fprintf(f, "\t%s %s = 0;\n", c->outs[i].type, c->outs[i].name);
	glue_call(f, c, call);
	free(call);
	if (!c->nouts)
		return;
	fputs(c->nouts > 1 ? "\tif (st == MLK_OK) {\n"
			   : "\tif (st == MLK_OK)\n",
	      f);
	for (unsigned i = 0; i < c->nouts; i++)
		fprintf(f, "\t\tframe_set_ret(tf, %u, (uint64_t)%s);\n", i + 1,
			c->outs[i].name);
	fputs(c->nouts > 1 ? "\t}\n\treturn st;\n" : "\treturn st;\n", f);
}

static void glue(FILE *f, const struct sc_call *c)
{
	static const char *const params[] = { "struct thread *self",
					      "struct trap_frame *tf" };
	char *fn = sc_strf("static mlk_status_t glue_%s(", c->name);

	fputc('\n', f);
	sc_wrap_list(f, fn, params, 2, ")", SC_C);
	free(fn);
	fputs("{\n", f);
	if (c->kind == SC_IPC)
		fprintf(f, "\treturn sys_%s(self);\n", c->name);
	else
		glue_body(f, c);
	fputs("}\n", f);
}

void sc_emit_kernel_table(FILE *f, const struct sc_table *t)
{
	fputs(GENERATED, f);
	fputs("/*\n"
	      " * The dispatch table: a glue function per call, which names "
	      "its\n"
	      " * sys_ implementation (a call without one does not link).\n"
	      " */\n"
	      "#include \"syscall.h\"\n\n"
	      "#include \"thread.h\"\n",
	      f);
	for (unsigned i = 0; i < t->ncalls; i++)
		glue(f, &t->calls[i]);
	fputs("\nconst syscall_glue_fn syscall_table[MLK_SYSCALL_LIMIT] = {\n",
	      f);
	for (unsigned i = 0; i < t->ncalls; i++)
		fprintf(f, "\t[MLK_SYS_%s] = glue_%s,\n", t->calls[i].name,
			t->calls[i].name);
	fputs("};\n\n/* The LEAF calls, which svc #3 runs without a switch. "
	      "*/\n"
	      "const syscall_glue_fn syscall_leaf_table[MLK_SYSCALL_LIMIT] = "
	      "{\n",
	      f);
	for (unsigned i = 0; i < t->ncalls; i++)
		if (t->calls[i].kind == SC_LEAF)
			fprintf(f, "\t[MLK_SYS_%s] = glue_%s,\n",
				t->calls[i].name, t->calls[i].name);
	fputs("};\n", f);
}
