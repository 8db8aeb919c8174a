/*
 * The call table: every call of mlk/syscalls.def, with the kind of each
 * argument read from its name and type there, so a call added to the
 * table is fuzzed with fitting arguments without a change here.
 */
#include <string.h>

#include "calls.h"

struct call_desc call_table[CALLS_MAX];
unsigned call_count;
const struct call_desc *call_by_nr[MLK_SYSCALL_LIMIT];

static const struct {
	const char *text;
	const char *args;
	uint32_t nr;
	uint8_t nargs;
	bool ipc;
} defs[] = {
#define IS_IPC_PLAIN false
#define IS_IPC_LEAF false
#define IS_IPC_YIELD false
#define IS_IPC_SIGNAL false
#define IS_IPC_IPC true
#define MLK_SYSCALL(nr, name, nargs, args, nouts, outs, kind, doc)             \
	{ #name, #args, nr, nargs, IS_IPC_##kind },
/* Rights and errors are the documentation's; the names of the arguments
 * tell the fuzzer enough. */
#define MLK_NEEDS(call, arg, type, rights)
#define MLK_ERROR(call, status, when)
#include <mlk/syscalls.def>
#undef MLK_SYSCALL
#undef MLK_NEEDS
#undef MLK_ERROR
};

/* Argument names that say which object a handle should name. */
static const struct {
	const char *name;
	uint32_t type;
} handle_names[] = {
	{ "process", MLK_OBJ_PROCESS },
	{ "thread", MLK_OBJ_THREAD },
	{ "aspace", MLK_OBJ_ASPACE },
	{ "endpoint", MLK_OBJ_ENDPOINT },
	{ "notification", MLK_OBJ_NOTIFICATION },
	{ "mem", MLK_OBJ_MEMORY },
	{ "irq", MLK_OBJ_IRQ },
	{ "system", MLK_OBJ_SYSTEM },
	{ "log", MLK_OBJ_LOG },
};

static const struct {
	const char *name;
	enum arg_kind kind;
} value_names[] = {
	{ "buf", A_PTR },	    { "name", A_NAME },
	{ "len", A_LEN },	    { "name_len", A_LEN },
	{ "size", A_SIZE },	    { "offset", A_OFFSET },
	{ "vaddr", A_ADDR },	    { "phys", A_ADDR },
	{ "deadline", A_DEADLINE }, { "rights", A_RIGHTS },
	{ "flags", A_FLAGS },	    { "priority", A_PRIO },
	{ "quota", A_QUOTA },	    { "entry", A_ENTRY },
	{ "stack", A_STACK },	    { "what", A_SMALL },
	{ "irq", A_SMALL },
};

/* Copy the next comma-separated item of a "(t0, a0, t1, a1)" list. */
static const char *next_item(const char *p, char *out, size_t max)
{
	size_t n = 0;
	int depth = 0;

	while (*p == ' ' || *p == '(' || *p == ',')
		p++;
	for (; *p && !(depth == 0 && (*p == ',' || *p == ')')); p++) {
		depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		if (n + 1 < max)
			out[n++] = *p;
	}
	out[n] = 0;
	return p;
}

static void classify(struct call_desc *c, unsigned i, const char *type,
		     const char *name)
{
	c->kind[i] = A_VALUE;
	c->want[i] = MLK_OBJ_NONE;
	if (!strcmp(type, "mlk_handle_t")) {
		c->kind[i] = A_HANDLE;
		for (size_t k = 0;
		     k < sizeof(handle_names) / sizeof(*handle_names); k++)
			if (!strcmp(name, handle_names[k].name))
				c->want[i] = handle_names[k].type;
		return;
	}
	for (size_t k = 0; k < sizeof(value_names) / sizeof(*value_names); k++)
		if (!strcmp(name, value_names[k].name))
			c->kind[i] = value_names[k].kind;
}

void calls_init(void)
{
	char type[48], name[32];

	for (size_t d = 0; d < sizeof(defs) / sizeof(*defs) && d < CALLS_MAX;
	     d++) {
		struct call_desc *c = &call_table[call_count++];
		const char *p = defs[d].args;

		c->name = defs[d].text;
		c->nr = defs[d].nr;
		c->nargs = defs[d].nargs;
		c->ipc = defs[d].ipc;
		for (unsigned i = 0; i < c->nargs && i < 7; i++) {
			p = next_item(p, type, sizeof(type));
			p = next_item(p, name, sizeof(name));
			classify(c, i, type, name);
		}
		if (c->nr < MLK_SYSCALL_LIMIT)
			call_by_nr[c->nr] = c;
	}
}
