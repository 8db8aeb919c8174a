/*
 * What the outputs say about a call: the rights its handles need and every
 * status it returns, the derived ones (narrow arguments, handle lookups)
 * first, then its MLK_ERROR lines.
 */
#include <stdarg.h>
#include <string.h>

#include <mlk/handle.h>
#include <mlk/status.h>

#include "gensyscalls.h"

static const struct {
	uint32_t bit;
	const char *name;
} right_names[] = {
	{ MLK_RIGHT_READ, "MLK_RIGHT_READ" },
	{ MLK_RIGHT_WRITE, "MLK_RIGHT_WRITE" },
	{ MLK_RIGHT_EXEC, "MLK_RIGHT_EXEC" },
	{ MLK_RIGHT_MAP, "MLK_RIGHT_MAP" },
	{ MLK_RIGHT_SEND, "MLK_RIGHT_SEND" },
	{ MLK_RIGHT_RECV, "MLK_RIGHT_RECV" },
	{ MLK_RIGHT_SIGNAL, "MLK_RIGHT_SIGNAL" },
	{ MLK_RIGHT_WAIT, "MLK_RIGHT_WAIT" },
	{ MLK_RIGHT_DUPLICATE, "MLK_RIGHT_DUPLICATE" },
	{ MLK_RIGHT_TRANSFER, "MLK_RIGHT_TRANSFER" },
	{ MLK_RIGHT_MANAGE, "MLK_RIGHT_MANAGE" },
	{ MLK_RIGHT_PHYS, "MLK_RIGHT_PHYS" },
};

/* A right added to mlk/handle.h needs its name above. */
_Static_assert((MLK_RIGHT_READ | MLK_RIGHT_WRITE | MLK_RIGHT_EXEC |
		MLK_RIGHT_MAP | MLK_RIGHT_SEND | MLK_RIGHT_RECV |
		MLK_RIGHT_SIGNAL | MLK_RIGHT_WAIT | MLK_RIGHT_DUPLICATE |
		MLK_RIGHT_TRANSFER | MLK_RIGHT_MANAGE | MLK_RIGHT_PHYS) ==
		       MLK_RIGHTS_ALL,
	       "every right has a name");

/* Append to buf (NUL-terminated, size bytes), cutting what does not fit. */
static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

int sc_is_handle(const struct sc_param *p)
{
	return !strcmp(p->type, "mlk_handle_t");
}

unsigned sc_width_bits(const struct sc_param *p)
{
	/* A pointer is a user address: a whole register, whatever the
	 * build machine's pointers are. */
	return strchr(p->type, '*') ? 64 : p->size * 8;
}

/* "type name", or "type *name" for an output; pointers stay tight. */
static char *param(const struct sc_param *p, int out)
{
	int tight = p->type[strlen(p->type) - 1] == '*';

	return sc_strf("%s%s%s%s", p->type, tight ? "" : " ", out ? "*" : "",
		       p->name);
}

unsigned sc_stub_params(const struct sc_call *c, char **out)
{
	unsigned n = 0;

	for (unsigned i = 0; i < c->nargs; i++)
		out[n++] = param(&c->args[i], 0);
	for (unsigned i = 0; i < c->nouts; i++)
		out[n++] = param(&c->outs[i], 1);
	if (c->kind == SC_IPC)
		out[n++] = sc_strf("struct mlk_ipc *io");
	if (!n)
		out[n++] = sc_strf("void");
	return n;
}

char *sc_stub_name(const struct sc_call *c)
{
	return sc_strf("mlk_%s%s", c->kind == SC_IPC ? "ipc_" : "", c->name);
}

unsigned sc_needs_of(const struct sc_table *t, const char *call,
		     const char *arg, const struct sc_need **out, unsigned max)
{
	unsigned n = 0;

	for (unsigned i = 0; i < t->nneeds && n < max; i++)
		if (!strcmp(t->needs[i].call, call) &&
		    !strcmp(t->needs[i].arg, arg))
			out[n++] = &t->needs[i];
	return n;
}

static void rights_list(char *buf, size_t size, uint32_t rights,
			const char *joint)
{
	const char *sep = "";

	for (unsigned i = 0; i < sizeof(right_names) / sizeof(right_names[0]);
	     i++) {
		if (!(rights & right_names[i].bit))
			continue;
		append(buf, size, "%s%s", sep, right_names[i].name);
		sep = joint;
	}
}

static void types_list(char *buf, size_t size, const struct sc_need **n,
		       unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		append(buf, size, "%s%s", i ? " or " : "", n[i]->type_name);
}

void sc_rights_text(const struct sc_table *t, const struct sc_call *c,
		    char *buf, size_t size)
{
	buf[0] = 0;
	for (unsigned a = 0; a < c->nargs; a++) {
		const struct sc_need *n[4];
		unsigned count = sc_needs_of(t, c->name, c->args[a].name, n, 4);
		if (!count)
			continue;
		append(buf, size, "%s%s: ", buf[0] ? "; " : "",
		       c->args[a].name);
		if (n[0]->type == MLK_OBJ_NONE)
			append(buf, size, "a handle to any object");
		else {
			append(buf, size, "a ");
			types_list(buf, size, n, count);
			append(buf, size, " handle");
		}
		if (n[0]->rights) {
			append(buf, size, " with ");
			rights_list(buf, size, n[0]->rights, " and ");
		} else {
			append(buf, size, ", no rights needed");
		}
	}
	append(buf, size, buf[0] ? "." : "none.");
}

struct causes {
	struct sc_cause *v;
	unsigned n, max;
};

static struct sc_cause *cause_for(struct causes *cs, int64_t status,
				  const char *name)
{
	for (unsigned i = 0; i < cs->n; i++)
		if (cs->v[i].status == status)
			return &cs->v[i];
	if (cs->n == cs->max)
		return NULL;
	struct sc_cause *c = &cs->v[cs->n++];
	c->status = status;
	snprintf(c->status_name, sizeof(c->status_name), "%s", name);
	c->text[0] = 0;
	return c;
}

static void add(struct causes *cs, int64_t status, const char *name,
		const char *fmt, ...)
{
	struct sc_cause *c = cause_for(cs, status, name);
	size_t len;
	va_list ap;

	if (!c)
		return;
	if (c->text[0])
		append(c->text, sizeof(c->text), "; ");
	len = strlen(c->text);
	va_start(ap, fmt);
	vsnprintf(c->text + len, sizeof(c->text) - len, fmt, ap);
	va_end(ap);
}

static void add_derived(struct causes *cs, const struct sc_table *t,
			const struct sc_call *c, unsigned a)
{
	const struct sc_param *p = &c->args[a];
	const struct sc_need *n[4];
	unsigned count = sc_needs_of(t, c->name, p->name, n, 4);
	unsigned bits = sc_width_bits(p);
	char name[32], list[256] = "";

	if (bits < 64) {
		snprintf(name, sizeof(name), "MLK_ERR_BAD_ARG(%u)", a);
		add(cs, MLK_ERR_BAD_ARG(a), name, "%s has bits above bit %u",
		    p->name, bits - 1);
	}
	if (!count)
		return;
	add(cs, MLK_ERR_BAD_HANDLE, "MLK_ERR_BAD_HANDLE",
	    "%s is not a live handle of the caller", p->name);
	if (n[0]->type != MLK_OBJ_NONE) {
		types_list(list, sizeof(list), n, count);
		add(cs, MLK_ERR_WRONG_TYPE, "MLK_ERR_WRONG_TYPE",
		    "%s names no %s", p->name, list);
	}
	if (n[0]->rights) {
		list[0] = 0;
		rights_list(list, sizeof(list), n[0]->rights, " or ");
		add(cs, MLK_ERR_ACCESS_DENIED, "MLK_ERR_ACCESS_DENIED",
		    "%s lacks %s", p->name, list);
	}
}

unsigned sc_causes(const struct sc_table *t, const struct sc_call *c,
		   struct sc_cause *out, unsigned max)
{
	struct causes cs = { out, 0, max };

	for (unsigned a = 0; a < c->nargs; a++)
		add_derived(&cs, t, c, a);
	for (unsigned i = 0; i < t->nerrors; i++)
		if (!strcmp(t->errors[i].call, c->name))
			add(&cs, t->errors[i].status, t->errors[i].status_name,
			    "%s", t->errors[i].when);
	/* Insertion sort: stable, and the lists are short. */
	for (unsigned i = 1; i < cs.n; i++) {
		struct sc_cause tmp = out[i];
		unsigned j = i;
		for (; j > 0 && out[j - 1].status > tmp.status; j--)
			out[j] = out[j - 1];
		out[j] = tmp;
	}
	return cs.n;
}
