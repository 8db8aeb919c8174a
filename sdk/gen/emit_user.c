/*
 * The user side: <mlk/sysnum.h> (the numbers) and <mlk/sys.h> (a named,
 * documented stub per call).
 */
#include <stdlib.h>
#include <string.h>

#include "gensyscalls.h"

#define GENERATED                                                              \
	"/* Generated from sdk/include/mlk/syscalls.def by "                   \
	"sdk/gen/gensyscalls;\n"                                               \
	" * do not edit. */\n"

void sc_emit_sysnum(FILE *f, const struct sc_table *t)
{
	fputs(GENERATED, f);
	fputs("/*\n"
	      " * System call numbers: what svc #0 finds in x8.  The stubs are "
	      "in\n"
	      " * <mlk/sys.h>, the reference in mlk-syscalls(2).\n"
	      " */\n"
	      "#ifndef MLK_SYSNUM_H\n#define MLK_SYSNUM_H\n\n"
	      "enum mlk_syscall_number {\n",
	      f);
	for (unsigned i = 0; i < t->ncalls; i++)
		fprintf(f, "\tMLK_SYS_%s = %u,\n", t->calls[i].name,
			t->calls[i].nr);
	fputs("};\n\n#endif\n", f);
}

static void free_all(char **v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		free(v[i]);
}

/* The doc comment every stub gets: what, rights, errors. */
static void doc_comment(FILE *f, const struct sc_table *t,
			const struct sc_call *c, const char *stub)
{
	struct sc_cause causes[32];
	unsigned n = sc_causes(t, c, causes, 32);
	char line[SC_TEXT_MAX + 64];

	fputs("\n/*\n", f);
	snprintf(line, sizeof(line), "%s (system call %u): %s", stub, c->nr,
		 c->doc);
	sc_wrap_comment(f, " * ", " * ", line);
	sc_rights_text(t, c, line, sizeof(line));
	sc_wrap_comment(f, " * Rights: ", " *   ", line);
	if (!n)
		fputs(" * Errors: none.\n", f);
	else
		fputs(" * Errors:\n", f);
	for (unsigned i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "%s: %s.", causes[i].status_name,
			 causes[i].text);
		sc_wrap_comment(f, " *   ", " *     ", line);
	}
	fputs(" */\n", f);
}

/* The prototype: "static inline mlk_status_t stub(params)" + tail. */
static void prototype(FILE *f, const struct sc_call *c, const char *stub,
		      const char *tail)
{
	char *params[SC_MAX_ARGS + SC_MAX_OUTS + 1];
	unsigned n = sc_stub_params(c, params);
	char head[128];

	snprintf(head, sizeof(head), "static inline mlk_status_t %s(", stub);
	if (strlen(head) > 48) {
		fputs("static inline mlk_status_t\n", f);
		snprintf(head, sizeof(head), "%s(", stub);
	}
	sc_wrap_list(f, head, (const char *const *)params, n, tail, SC_C);
	free_all(params, n);
}

/* The raw call a stub makes (mlk/svc.h): which svc immediate enters it. */
static const char *svc_suffix(const struct sc_call *c)
{
	if (c->kind == SC_LEAF)
		return "_leaf";
	if (c->kind == SC_SIGNAL)
		return "_signal";
	return c->kind == SC_YIELD ? "_yield" : "";
}

static void stub_body(FILE *f, const struct sc_call *c)
{
	char *items[SC_MAX_ARGS + 3];
	char head[160];
	unsigned n = 0;

	items[n++] = sc_strf("MLK_SYS_%s", c->name);
	for (unsigned i = 0; i < c->nargs; i++) {
		const struct sc_param *p = &c->args[i];
		items[n++] = sc_strf("%s%s",
				     strchr(p->type, '*') ? "(uint64_t)" : "",
				     p->name);
	}
	items[n++] = sc_strf("&r1");
	items[n++] = sc_strf("&r2");
	fputs("{\n\tuint64_t r1, r2;\n", f);
	if (c->nouts) {
		snprintf(head, sizeof(head), "\tmlk_status_t st = mlk_svc%u%s(",
			 c->nargs, svc_suffix(c));
	} else {
		fputc('\n', f);
		snprintf(head, sizeof(head), "\treturn mlk_svc%u%s(", c->nargs,
			 svc_suffix(c));
	}
	sc_wrap_list(f, head, (const char *const *)items, n, ");", SC_C);
	free_all(items, n);
	if (c->nouts)
		fputc('\n', f);
	for (unsigned i = 0; i < c->nouts; i++)
		fprintf(f, "\tif (%s)\n\t\t*%s = st == MLK_OK ? (%s)r%u : 0;\n",
			c->outs[i].name, c->outs[i].name, c->outs[i].type,
			i + 1);
	if (c->nouts)
		fputs("\treturn st;\n", f);
	fputs("}\n", f);
}

static void emit_call(FILE *f, const struct sc_table *t,
		      const struct sc_call *c)
{
	char *stub = sc_stub_name(c);

	doc_comment(f, t, c, stub);
	if (c->kind == SC_IPC) {
		/* Defined in mlk/svc.h: the compiler holds the two equal. */
		prototype(f, c, stub, ");");
	} else {
		prototype(f, c, stub, ")");
		stub_body(f, c);
	}
	free(stub);
}

void sc_emit_sys(FILE *f, const struct sc_table *t)
{
	fputs(GENERATED, f);
	fputs("/*\n"
	      " * System call stubs, one per call, each with what it does, "
	      "the\n"
	      " * rights its handles need and every status it returns besides\n"
	      " * MLK_OK.  PLAIN calls: mlk_<name>(args..., outputs...); an "
	      "output\n"
	      " * may be NULL when not wanted, and is 0 when the call fails.  "
	      "IPC\n"
	      " * calls: mlk_ipc_<name>(..., struct mlk_ipc *io), defined in\n"
	      " * <mlk/svc.h> with the raw mlk_svc* helpers; message helpers "
	      "are in\n"
	      " * <mlk/msg.h>.  The reference page is mlk-syscalls(2).\n"
	      " */\n"
	      "#ifndef MLK_SYS_H\n#define MLK_SYS_H\n\n"
	      "#include <stdint.h>\n\n"
	      "#include <mlk/handle.h>\n"
	      "#include <mlk/status.h>\n"
	      "#include <mlk/svc.h>\n"
	      "#include <mlk/syscall.h>\n"
	      "#include <mlk/sysnum.h>\n",
	      f);
	for (unsigned i = 0; i < t->ncalls; i++)
		emit_call(f, t, &t->calls[i]);
	fputs("\n#endif\n", f);
}
