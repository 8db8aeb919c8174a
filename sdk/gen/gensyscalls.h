/*
 * gensyscalls: reads the system call table (sdk/include/mlk/syscalls.def,
 * compiled in by table.c) and writes what the build makes of it: the user
 * headers, the kernel's declarations and dispatch table, the reference
 * page.  Runs on the build machine; nothing of it is installed.
 */
#ifndef MLK_GEN_GENSYSCALLS_H
#define MLK_GEN_GENSYSCALLS_H

#include <stdint.h>
#include <stdio.h>

#define SC_MAX_ARGS 7 /* x0..x6 */
#define SC_MAX_OUTS 2 /* x1, x2 */
#define SC_TEXT_MAX 1024

/* SC_LEAF: a PLAIN call entered by svc #3, SC_YIELD one entered by svc #4,
 * SC_SIGNAL one entered by svc #5 (see syscalls.def). */
enum sc_kind { SC_PLAIN, SC_LEAF, SC_IPC, SC_YIELD, SC_SIGNAL };

struct sc_param {
	const char *type;
	const char *name;
	unsigned size; /* sizeof(type) on the build machine */
};

struct sc_call {
	unsigned nr;
	const char *name;
	unsigned nargs;
	struct sc_param args[SC_MAX_ARGS];
	unsigned nouts;
	struct sc_param outs[SC_MAX_OUTS];
	enum sc_kind kind;
	const char *doc;
};

/* MLK_NEEDS: a handle argument's object type and rights. */
struct sc_need {
	const char *call;
	const char *arg;
	unsigned type;
	const char *type_name;
	uint32_t rights;
};

/* MLK_ERROR: a status a call returns, and when. */
struct sc_error {
	const char *call;
	int64_t status;
	const char *status_name;
	const char *when;
};

struct sc_table {
	const struct sc_call *calls;
	unsigned ncalls;
	const struct sc_need *needs;
	unsigned nneeds;
	const struct sc_error *errors;
	unsigned nerrors;
};

/* One status of a call with every reason for it, "; "-separated. */
struct sc_cause {
	int64_t status;
	char status_name[32];
	char text[SC_TEXT_MAX];
};

/* table.c: the table syscalls.def makes, calls sorted by number. */
void sc_table_load(struct sc_table *t);

/* check.c: 0 if the table is consistent, else -1 after one line per
 * problem on err ("gensyscalls: ..."). */
int sc_check(const struct sc_table *t, FILE *err);

/* describe.c: what the outputs say about a call. */
int sc_is_handle(const struct sc_param *p);
unsigned sc_width_bits(const struct sc_param *p);
/* The user stub's name (mlk_<name>, mlk_ipc_<name> for IPC) and its
 * parameters as C text, at most SC_MAX_ARGS + SC_MAX_OUTS + 1 (new
 * memory each); returns how many. */
char *sc_stub_name(const struct sc_call *c);
unsigned sc_stub_params(const struct sc_call *c, char **out);
/* The MLK_NEEDS lines of call's argument arg, at most max into out. */
unsigned sc_needs_of(const struct sc_table *t, const char *call,
		     const char *arg, const struct sc_need **out, unsigned max);
/* "handle needs MLK_RIGHT_X on a MLK_OBJ_Y" sentences, or "none". */
void sc_rights_text(const struct sc_table *t, const struct sc_call *c,
		    char *buf, size_t size);
/* The call's statuses in ascending order; returns how many. */
unsigned sc_causes(const struct sc_table *t, const struct sc_call *c,
		   struct sc_cause *out, unsigned max);

/* text.c: a formatted string in new memory (exits if there is none);
 * text and C declarations folded at 80 columns. */
char *sc_strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sc_wrap_comment(FILE *f, const char *first, const char *next,
		     const char *text);
/* head, the items joined by ", ", tail; continuation lines aligned after
 * head: with tabs as clang-format does (SC_C), or spaces (SC_MAN). */
enum sc_style { SC_C, SC_MAN };
void sc_wrap_list(FILE *f, const char *head, const char *const *items,
		  unsigned n, const char *tail, enum sc_style style);

/* emit_user.c, emit_kernel.c, emit_man.c */
void sc_emit_sysnum(FILE *f, const struct sc_table *t);
void sc_emit_sys(FILE *f, const struct sc_table *t);
void sc_emit_kernel_decls(FILE *f, const struct sc_table *t);
void sc_emit_kernel_table(FILE *f, const struct sc_table *t);
void sc_emit_man(FILE *f, const struct sc_table *t, const char *version);

#endif
