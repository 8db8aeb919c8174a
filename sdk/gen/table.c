/*
 * The system call table, compiled from syscalls.def: the C compiler
 * parses the file, so a misspelt type, right or status does not build.
 */
#include <stdlib.h>

#include <mlk/handle.h>
#include <mlk/status.h>

#include "gensyscalls.h"

/* A (type, name) pair of the .def as a struct sc_param. */
#define P(t, a) { #t, #a, sizeof(t) },
#define PARAMS_0()
#define PARAMS_1(t0, a0) P(t0, a0)
#define PARAMS_2(t0, a0, t1, a1) P(t0, a0) P(t1, a1)
#define PARAMS_3(t0, a0, t1, a1, t2, a2) PARAMS_2(t0, a0, t1, a1) P(t2, a2)
#define PARAMS_4(t0, a0, t1, a1, t2, a2, t3, a3)                               \
	PARAMS_3(t0, a0, t1, a1, t2, a2) P(t3, a3)
#define PARAMS_5(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4)                       \
	PARAMS_4(t0, a0, t1, a1, t2, a2, t3, a3) P(t4, a4)
#define PARAMS_6(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)               \
	PARAMS_5(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4) P(t5, a5)
#define PARAMS_7(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6)       \
	PARAMS_6(t0, a0, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) P(t6, a6)

#define MLK_SYSCALL(nr, name, nargs, args, nouts, outs, kind, doc)             \
	{ nr,	     #name,                                                    \
	  nargs,     { PARAMS_##nargs args },                                  \
	  nouts,     { PARAMS_##nouts outs },                                  \
	  SC_##kind, doc },
#define MLK_NEEDS(call, arg, type, rights)
#define MLK_ERROR(call, status, when)
static struct sc_call calls[] = {
#include <mlk/syscalls.def>
};
#undef MLK_SYSCALL
#undef MLK_NEEDS
#undef MLK_ERROR

#define MLK_SYSCALL(nr, name, nargs, args, nouts, outs, kind, doc)
#define MLK_NEEDS(call, arg, type, rights) { #call, #arg, type, #type, rights },
#define MLK_ERROR(call, status, when)
static const struct sc_need needs[] = {
#include <mlk/syscalls.def>
};
#undef MLK_SYSCALL
#undef MLK_NEEDS
#undef MLK_ERROR

#define MLK_SYSCALL(nr, name, nargs, args, nouts, outs, kind, doc)
#define MLK_NEEDS(call, arg, type, rights)
#define MLK_ERROR(call, status, when) { #call, status, #status, when },
static const struct sc_error errors[] = {
#include <mlk/syscalls.def>
};
#undef MLK_SYSCALL
#undef MLK_NEEDS
#undef MLK_ERROR

static int by_number(const void *a, const void *b)
{
	const struct sc_call *x = a, *y = b;

	return (x->nr > y->nr) - (x->nr < y->nr);
}

void sc_table_load(struct sc_table *t)
{
	qsort(calls, sizeof(calls) / sizeof(calls[0]), sizeof(calls[0]),
	      by_number);
	t->calls = calls;
	t->ncalls = sizeof(calls) / sizeof(calls[0]);
	t->needs = needs;
	t->nneeds = sizeof(needs) / sizeof(needs[0]);
	t->errors = errors;
	t->nerrors = sizeof(errors) / sizeof(errors[0]);
}
