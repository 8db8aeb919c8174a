/*
 * Consistency of the system call table: what the C compiler cannot see
 * in syscalls.def.  Every problem is one line, "gensyscalls: ...".
 */
#include <stdarg.h>
#include <string.h>

#include <mlk/handle.h>
#include <mlk/status.h>
#include <mlk/syscall.h>

#include "gensyscalls.h"

struct checker {
	const struct sc_table *t;
	FILE *err;
	int failed;
};

static void problem(struct checker *k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("gensyscalls: ", k->err);
	vfprintf(k->err, fmt, ap);
	fputc('\n', k->err);
	va_end(ap);
	k->failed = 1;
}

static const struct sc_call *find_call(const struct sc_table *t,
				       const char *name)
{
	for (unsigned i = 0; i < t->ncalls; i++)
		if (!strcmp(t->calls[i].name, name))
			return &t->calls[i];
	return NULL;
}

static const struct sc_param *find_arg(const struct sc_call *c,
				       const char *name)
{
	for (unsigned i = 0; i < c->nargs; i++)
		if (!strcmp(c->args[i].name, name))
			return &c->args[i];
	return NULL;
}

/* Names the generated code uses itself must not be parameters. */
static int reserved(const char *name)
{
	static const char *const words[] = { "self", "tf", "st",
					     "r1",   "r2", "io" };

	for (unsigned i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(name, words[i]))
			return 1;
	return 0;
}

static void check_params(struct checker *k, const struct sc_call *c)
{
	for (unsigned i = 0; i < c->nargs + c->nouts; i++) {
		const struct sc_param *p =
			i < c->nargs ? &c->args[i] : &c->outs[i - c->nargs];
		if (reserved(p->name))
			problem(k, "call %s: parameter name %s is reserved",
				c->name, p->name);
		for (unsigned j = 0; j < i; j++) {
			const struct sc_param *q =
				j < c->nargs ? &c->args[j]
					     : &c->outs[j - c->nargs];
			if (!strcmp(p->name, q->name))
				problem(k, "call %s: parameter %s twice",
					c->name, p->name);
		}
	}
}

/* IPC stubs take (handle in x0[, deadline in x2], io); nothing comes
 * back but the message. */
static void check_ipc(struct checker *k, const struct sc_call *c)
{
	if (c->nouts)
		problem(k, "call %s: an IPC call has no outputs", c->name);
	if (c->nargs > 2 || (c->nargs >= 1 && !sc_is_handle(&c->args[0])) ||
	    (c->nargs == 2 && strcmp(c->args[1].name, "deadline")))
		problem(k,
			"call %s: an IPC call takes (handle[, deadline]) only",
			c->name);
}

static void check_call(struct checker *k, unsigned i)
{
	const struct sc_call *c = &k->t->calls[i];

	if (c->nr >= MLK_SYSCALL_LIMIT)
		problem(k, "call %s: number %u is not below %u", c->name, c->nr,
			(unsigned)MLK_SYSCALL_LIMIT);
	if (!c->doc[0])
		problem(k, "call %s: no description", c->name);
	for (unsigned j = 0; j < i; j++) {
		if (c->nr == k->t->calls[j].nr)
			problem(k, "calls %s and %s share number %u",
				k->t->calls[j].name, c->name, c->nr);
		if (!strcmp(c->name, k->t->calls[j].name))
			problem(k, "call %s is listed twice", c->name);
	}
	check_params(k, c);
	if (c->kind == SC_IPC)
		check_ipc(k, c);
	if (c->kind == SC_LEAF && c->nargs)
		problem(k, "call %s: a LEAF call takes no arguments", c->name);
	if (c->kind == SC_YIELD && (c->nargs || c->nouts))
		problem(k,
			"call %s: a YIELD call takes no arguments or outputs",
			c->name);
	if (c->kind == SC_SIGNAL && (c->nargs != 2 || c->nouts))
		problem(k,
			"call %s: a SIGNAL call takes two arguments and no "
			"outputs",
			c->name);
	for (unsigned a = 0; a < c->nargs; a++) {
		const struct sc_need *n;
		if (sc_is_handle(&c->args[a]) &&
		    !sc_needs_of(k->t, c->name, c->args[a].name, &n, 1))
			problem(k, "call %s: handle %s has no MLK_NEEDS",
				c->name, c->args[a].name);
	}
}

static void check_need(struct checker *k, const struct sc_need *n)
{
	const struct sc_call *c = find_call(k->t, n->call);
	const struct sc_param *p = c ? find_arg(c, n->arg) : NULL;

	if (!c) {
		problem(k, "MLK_NEEDS of unknown call %s", n->call);
		return;
	}
	if (!p || !sc_is_handle(p))
		problem(k, "MLK_NEEDS(%s, %s): no handle argument %s", n->call,
			n->arg, n->arg);
	if (n->type >= MLK_OBJ_TYPE_COUNT)
		problem(k, "MLK_NEEDS(%s, %s): no object type %u", n->call,
			n->arg, n->type);
	if (n->rights & ~MLK_RIGHTS_ALL)
		problem(k, "MLK_NEEDS(%s, %s): rights beyond MLK_RIGHTS_ALL",
			n->call, n->arg);
	for (const struct sc_need *m = k->t->needs; m < n; m++) {
		if (strcmp(m->call, n->call) || strcmp(m->arg, n->arg))
			continue;
		if (m->rights != n->rights)
			problem(k, "MLK_NEEDS(%s, %s): rights differ by type",
				n->call, n->arg);
		if (m->type == n->type || m->type == MLK_OBJ_NONE ||
		    n->type == MLK_OBJ_NONE)
			problem(k,
				"MLK_NEEDS(%s, %s): type %s twice or "
				"beside MLK_OBJ_NONE",
				n->call, n->arg, n->type_name);
	}
}

static void check_error(struct checker *k, const struct sc_error *e)
{
	const struct sc_call *c = find_call(k->t, e->call);
	int arg = mlk_status_bad_arg_index(e->status);

	if (!c) {
		problem(k, "MLK_ERROR of unknown call %s", e->call);
		return;
	}
	if (e->status < 100 || e->status >= 300)
		problem(k, "MLK_ERROR(%s, %s): not an error status", e->call,
			e->status_name);
	/* An IPC call's x1 is the message info, not in its arguments. */
	if (arg >= 0 && c->kind != SC_IPC && (unsigned)arg >= c->nargs)
		problem(k, "MLK_ERROR(%s, %s): the call has %u arguments",
			e->call, e->status_name, c->nargs);
	if (!e->when[0])
		problem(k, "MLK_ERROR(%s, %s): no reason given", e->call,
			e->status_name);
}

int sc_check(const struct sc_table *t, FILE *err)
{
	struct checker k = { t, err, 0 };

	if (!t->ncalls)
		problem(&k, "the table has no calls");
	for (unsigned i = 0; i < t->ncalls; i++)
		check_call(&k, i);
	for (unsigned i = 0; i < t->nneeds; i++)
		check_need(&k, &t->needs[i]);
	for (unsigned i = 0; i < t->nerrors; i++)
		check_error(&k, &t->errors[i]);
	return k.failed ? -1 : 0;
}
