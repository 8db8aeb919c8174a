/*
 * Unit tests of the system call generator's checks and descriptions
 * (sdk/gen/): the real table passes, each kind of mistake in a table is
 * reported with its exact line, and the derived rights and errors read
 * as the outputs print them.
 */
#include "unit.h"

#include <mlk/handle.h>
#include <mlk/status.h>

#include "gensyscalls.h"

#define H(name)                                                                \
	{                                                                      \
		"mlk_handle_t", name, 4                                        \
	}
#define U32(name)                                                              \
	{                                                                      \
		"uint32_t", name, 4                                            \
	}
#define U64(name)                                                              \
	{                                                                      \
		"uint64_t", name, 8                                            \
	}

/* A table of two calls that is right; each test spoils a copy. */
static struct sc_call calls[2];
static struct sc_need needs[2];
static struct sc_error errors[2];
static struct sc_table table;

static void good_table(void)
{
	calls[0] = (struct sc_call){ 3,	       "ping",
				     2,	       { H("ep"), U32("flags") },
				     1,	       { U64("value") },
				     SC_PLAIN, "Ping an endpoint." };
	calls[1] = (struct sc_call){ 5,	     "talk",
				     2,	     { H("endpoint"), U64("deadline") },
				     0,	     { { 0 } },
				     SC_IPC, "Talk." };
	needs[0] = (struct sc_need){ "ping", "ep", MLK_OBJ_ENDPOINT,
				     "MLK_OBJ_ENDPOINT", MLK_RIGHT_SEND };
	needs[1] = (struct sc_need){ "talk", "endpoint", MLK_OBJ_ENDPOINT,
				     "MLK_OBJ_ENDPOINT", MLK_RIGHT_SEND };
	errors[0] = (struct sc_error){ "ping", MLK_ERR_ACCESS_DENIED,
				       "MLK_ERR_ACCESS_DENIED",
				       "the endpoint is badged" };
	errors[1] = (struct sc_error){ "ping", MLK_ERR_BAD_ARG(1),
				       "MLK_ERR_BAD_ARG(1)", "flags is odd" };
	table = (struct sc_table){ calls, 2, needs, 2, errors, 2 };
}

static char report[4096];

/* sc_check on the table; what it printed goes to report. */
static int check(void)
{
	FILE *f = fmemopen(report, sizeof(report) - 1, "w");
	int r;

	memset(report, 0, sizeof(report));
	ck_assert_ptr_nonnull(f);
	r = sc_check(&table, f);
	fclose(f);
	return r;
}

#define EXPECT_REPORT(line)                                                    \
	do {                                                                   \
		ck_assert_int_eq(check(), -1);                                 \
		ck_assert_str_eq(report, "gensyscalls: " line "\n");           \
	} while (0)

START_TEST(the_real_table_passes)
{
	sc_table_load(&table);
	ck_assert_int_eq(check(), 0);
	ck_assert_str_eq(report, "");
	ck_assert_uint_ge(table.ncalls, 40);
	for (unsigned i = 1; i < table.ncalls; i++)
		ck_assert_uint_lt(table.calls[i - 1].nr, table.calls[i].nr);
}
END_TEST

START_TEST(the_good_table_passes)
{
	good_table();
	ck_assert_int_eq(check(), 0);
	ck_assert_str_eq(report, "");
}
END_TEST

START_TEST(numbers_must_differ_and_fit)
{
	good_table();
	calls[1].nr = 3;
	EXPECT_REPORT("calls ping and talk share number 3");
	good_table();
	calls[1].nr = 128;
	EXPECT_REPORT("call talk: number 128 is not below 128");
}
END_TEST

START_TEST(names_must_differ)
{
	good_table();
	calls[1].name = "ping";
	needs[1].call = "ping";
	needs[1].arg = "ep";
	calls[1].args[0].name = "ep";
	needs[1].type = MLK_OBJ_NOTIFICATION;
	needs[1].type_name = "MLK_OBJ_NOTIFICATION";
	EXPECT_REPORT("call ping is listed twice");
}
END_TEST

START_TEST(every_call_has_a_description)
{
	good_table();
	calls[0].doc = "";
	EXPECT_REPORT("call ping: no description");
}
END_TEST

START_TEST(parameters_are_distinct_and_not_reserved)
{
	good_table();
	calls[0].outs[0].name = "flags";
	EXPECT_REPORT("call ping: parameter flags twice");
	good_table();
	calls[0].outs[0].name = "st";
	EXPECT_REPORT("call ping: parameter name st is reserved");
}
END_TEST

START_TEST(ipc_calls_take_a_handle_and_a_deadline)
{
	good_table();
	calls[1].args[1].name = "timeout";
	EXPECT_REPORT("call talk: an IPC call takes (handle[, deadline]) only");
	good_table();
	calls[1].nouts = 1;
	calls[1].outs[0] = (struct sc_param)U64("value");
	EXPECT_REPORT("call talk: an IPC call has no outputs");
}
END_TEST

START_TEST(leaf_calls_take_no_arguments)
{
	good_table();
	calls[0].kind = SC_LEAF;
	EXPECT_REPORT("call ping: a LEAF call takes no arguments");
}
END_TEST

START_TEST(yield_calls_take_no_arguments_or_outputs)
{
	good_table();
	calls[0].kind = SC_YIELD;
	EXPECT_REPORT("call ping: a YIELD call takes no arguments or outputs");
}
END_TEST

START_TEST(signal_calls_take_two_arguments_and_no_outputs)
{
	good_table();
	calls[0].kind = SC_SIGNAL;
	EXPECT_REPORT(
		"call ping: a SIGNAL call takes two arguments and no outputs");
}
END_TEST

START_TEST(every_handle_has_its_needs)
{
	good_table();
	table.nneeds = 1;
	EXPECT_REPORT("call talk: handle endpoint has no MLK_NEEDS");
}
END_TEST

START_TEST(needs_name_a_call_and_a_handle)
{
	good_table();
	needs[1].call = "tlak";
	EXPECT_REPORT("call talk: handle endpoint has no MLK_NEEDS\n"
		      "gensyscalls: MLK_NEEDS of unknown call tlak");
	good_table();
	needs[1].arg = "deadline";
	EXPECT_REPORT("call talk: handle endpoint has no MLK_NEEDS\n"
		      "gensyscalls: MLK_NEEDS(talk, deadline): no handle "
		      "argument deadline");
}
END_TEST

START_TEST(needs_have_real_types_and_rights)
{
	good_table();
	needs[0].type = MLK_OBJ_TYPE_COUNT;
	EXPECT_REPORT("MLK_NEEDS(ping, ep): no object type 12");
	good_table();
	needs[0].rights = MLK_RIGHTS_ALL + 1;
	EXPECT_REPORT("MLK_NEEDS(ping, ep): rights beyond MLK_RIGHTS_ALL");
}
END_TEST

START_TEST(two_needs_of_one_handle_are_two_types)
{
	good_table();
	needs[1] = needs[0];
	needs[1].rights = MLK_RIGHT_RECV;
	needs[1].type = MLK_OBJ_NOTIFICATION;
	table.nneeds = 2;
	calls[1].nargs = 0;
	EXPECT_REPORT("MLK_NEEDS(ping, ep): rights differ by type");
	needs[1].rights = MLK_RIGHT_SEND;
	needs[1].type = MLK_OBJ_ENDPOINT;
	EXPECT_REPORT("MLK_NEEDS(ping, ep): type MLK_OBJ_ENDPOINT twice or "
		      "beside MLK_OBJ_NONE");
}
END_TEST

START_TEST(errors_name_a_call_a_status_and_a_reason)
{
	good_table();
	errors[0].call = "pong";
	EXPECT_REPORT("MLK_ERROR of unknown call pong");
	good_table();
	errors[0].status = MLK_OK;
	errors[0].status_name = "MLK_OK";
	EXPECT_REPORT("MLK_ERROR(ping, MLK_OK): not an error status");
	good_table();
	errors[1].status = MLK_ERR_BAD_ARG(2);
	errors[1].status_name = "MLK_ERR_BAD_ARG(2)";
	EXPECT_REPORT("MLK_ERROR(ping, MLK_ERR_BAD_ARG(2)): the call has 2 "
		      "arguments");
	good_table();
	errors[0].when = "";
	EXPECT_REPORT(
		"MLK_ERROR(ping, MLK_ERR_ACCESS_DENIED): no reason given");
}
END_TEST

START_TEST(an_ipc_error_may_name_the_message_register)
{
	good_table();
	errors[1].call = "talk";
	calls[1].nargs = 1;
	ck_assert_int_eq(check(), 0);
}
END_TEST

START_TEST(causes_are_derived_merged_and_sorted)
{
	struct sc_cause c[16];
	unsigned n;

	good_table();
	n = sc_causes(&table, &calls[0], c, 16);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(c[0].status_name, "MLK_ERR_BAD_HANDLE");
	ck_assert_str_eq(c[0].text, "ep is not a live handle of the caller");
	ck_assert_str_eq(c[1].status_name, "MLK_ERR_WRONG_TYPE");
	ck_assert_str_eq(c[1].text, "ep names no MLK_OBJ_ENDPOINT");
	ck_assert_str_eq(c[2].status_name, "MLK_ERR_ACCESS_DENIED");
	ck_assert_str_eq(c[2].text,
			 "ep lacks MLK_RIGHT_SEND; the endpoint is badged");
	ck_assert_str_eq(c[3].status_name, "MLK_ERR_BAD_ARG(0)");
	ck_assert_str_eq(c[3].text, "ep has bits above bit 31");
	ck_assert_str_eq(c[4].status_name, "MLK_ERR_BAD_ARG(1)");
	ck_assert_str_eq(c[4].text,
			 "flags has bits above bit 31; flags is odd");
}
END_TEST

START_TEST(rights_text_names_types_and_rights)
{
	char buf[256];

	good_table();
	needs[1] = needs[0];
	needs[1].type = MLK_OBJ_DEVICE;
	needs[1].type_name = "MLK_OBJ_DEVICE";
	needs[0].rights = needs[1].rights = MLK_RIGHT_MAP | MLK_RIGHT_READ;
	sc_rights_text(&table, &calls[0], buf, sizeof(buf));
	ck_assert_str_eq(buf, "ep: a MLK_OBJ_ENDPOINT or MLK_OBJ_DEVICE "
			      "handle with MLK_RIGHT_READ and MLK_RIGHT_MAP.");
	needs[0].type = MLK_OBJ_NONE;
	needs[0].rights = 0;
	table.nneeds = 1;
	sc_rights_text(&table, &calls[0], buf, sizeof(buf));
	ck_assert_str_eq(buf, "ep: a handle to any object, no rights needed.");
	sc_rights_text(&table, &calls[1], buf, sizeof(buf));
	ck_assert_str_eq(buf, "none.");
}
END_TEST

START_TEST(pointers_are_whole_registers)
{
	struct sc_param p = { "const char *", "name", 4 };
	struct sc_param h = H("h");

	/* Whatever the build machine's pointer size, a user address is 64
	 * bits, never checked as narrow. */
	ck_assert_uint_eq(sc_width_bits(&p), 64);
	ck_assert_uint_eq(sc_width_bits(&h), 32);
	ck_assert(sc_is_handle(&h));
	ck_assert(!sc_is_handle(&p));
}
END_TEST

/* What sc_wrap_list printed for head, items and tail. */
static const char *wrapped(const char *head, const char *const *items,
			   unsigned n, enum sc_style style)
{
	static char out[1024];
	FILE *f = fmemopen(out, sizeof(out) - 1, "w");

	memset(out, 0, sizeof(out));
	sc_wrap_list(f, head, items, n, ");", style);
	fclose(f);
	return out;
}

START_TEST(lists_fold_at_80_columns_aligned_after_the_head)
{
	static const char *const items[] = { "mlk_handle_t endpoint",
					     "uint64_t deadline",
					     "struct mlk_ipc *io" };

	ck_assert_str_eq(wrapped("f(", items, 3, SC_C),
			 "f(mlk_handle_t endpoint, uint64_t deadline, "
			 "struct mlk_ipc *io);\n");
	ck_assert_str_eq(
		wrapped("\tmlk_status_t st = mlk_ipc_reply_recv_something(",
			items, 3, SC_C),
		"\tmlk_status_t st = mlk_ipc_reply_recv_something(mlk_handle_t "
		"endpoint,\n"
		"\t\tuint64_t deadline, struct mlk_ipc *io);\n");
	ck_assert_str_eq(wrapped("static inline mlk_status_t mlk_ipc_call(",
				 items, 3, SC_C),
			 "static inline mlk_status_t mlk_ipc_call(mlk_handle_t "
			 "endpoint,\n"
			 "\t\t\t\t\tuint64_t deadline, struct mlk_ipc *io);\n");
	ck_assert_str_eq(
		wrapped("mlk_status_t mlk_ipc_reply_recv(", items, 3, SC_MAN),
		"mlk_status_t mlk_ipc_reply_recv(mlk_handle_t "
		"endpoint,\n"
		"                                uint64_t deadline, "
		"struct mlk_ipc *io);\n");
}
END_TEST

START_TEST(comments_fold_between_words)
{
	static char out[512];
	FILE *f = fmemopen(out, sizeof(out) - 1, "w");

	memset(out, 0, sizeof(out));
	sc_wrap_comment(
		f, " * Rights: ", " *   ",
		"endpoint: a MLK_OBJ_ENDPOINT handle with MLK_RIGHT_RECV; "
		"notification: a MLK_OBJ_NOTIFICATION handle with "
		"MLK_RIGHT_SIGNAL.");
	fclose(f);
	/* " notification:" would end in column 81. */
	ck_assert_str_eq(
		out, " * Rights: endpoint: a MLK_OBJ_ENDPOINT handle with "
		     "MLK_RIGHT_RECV;\n"
		     " *   notification: a MLK_OBJ_NOTIFICATION handle with "
		     "MLK_RIGHT_SIGNAL.\n");
}
END_TEST

static Suite *gensyscalls_suite(void)
{
	Suite *s = suite_create("gensyscalls");
	TCase *chk = tcase_create("check");
	TCase *txt = tcase_create("describe");

	tcase_add_test(chk, the_real_table_passes);
	tcase_add_test(chk, the_good_table_passes);
	tcase_add_test(chk, numbers_must_differ_and_fit);
	tcase_add_test(chk, names_must_differ);
	tcase_add_test(chk, every_call_has_a_description);
	tcase_add_test(chk, parameters_are_distinct_and_not_reserved);
	tcase_add_test(chk, ipc_calls_take_a_handle_and_a_deadline);
	tcase_add_test(chk, leaf_calls_take_no_arguments);
	tcase_add_test(chk, yield_calls_take_no_arguments_or_outputs);
	tcase_add_test(chk, signal_calls_take_two_arguments_and_no_outputs);
	tcase_add_test(chk, every_handle_has_its_needs);
	tcase_add_test(chk, needs_name_a_call_and_a_handle);
	tcase_add_test(chk, needs_have_real_types_and_rights);
	tcase_add_test(chk, two_needs_of_one_handle_are_two_types);
	tcase_add_test(chk, errors_name_a_call_a_status_and_a_reason);
	tcase_add_test(chk, an_ipc_error_may_name_the_message_register);
	suite_add_tcase(s, chk);

	tcase_add_test(txt, causes_are_derived_merged_and_sorted);
	tcase_add_test(txt, rights_text_names_types_and_rights);
	tcase_add_test(txt, pointers_are_whole_registers);
	tcase_add_test(txt, lists_fold_at_80_columns_aligned_after_the_head);
	tcase_add_test(txt, comments_fold_between_words);
	suite_add_tcase(s, txt);
	return s;
}

int main(void)
{
	return unit_run("gensyscalls", gensyscalls_suite());
}
