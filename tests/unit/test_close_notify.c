/*
 * Unit tests of close notices (kernel/core/close_notice.c and the
 * endpoint's close hook in ipc.c): which closes queue a badge, the order
 * of the queue, notices lost for want of quota, and what is freed and let
 * go when notices stop.
 *
 * The real core runs around mock_kernel.c, as in test_ipc.c: a server
 * process with the endpoint's receive handle and a notification, clients
 * holding badged send handles, handles closed one by one, moved in
 * messages, or destroyed with a process that is killed.
 */
#include "handle_table.h"
#include "heap.h"
#include "ipc.h"
#include "notification.h"
#include "mock_kernel.h"
#include "process.h"
#include "sched.h"
#include "unit.h"

#define MIB (1024 * 1024)
#define EP_RIGHTS (MLK_RIGHT_SEND | MLK_RIGHT_RECV | MLK_RIGHTS_BASIC)
#define SEND_RIGHTS (MLK_RIGHT_SEND | MLK_RIGHTS_BASIC)
#define BITS 0x40ull

/* ---- The world: a server with notices on, a client -------------------- */

static struct process *root, *sp, *cp;
static struct endpoint *ep;
static struct notification *note;
static mlk_handle_t srv_ep; /* unbadged, send and receive */
static struct heap_stats heap_before;
static uint64_t sp_used; /* the server's quota use before any notice */
static uint32_t sp_refs, note_refs;

static mlk_handle_t give(struct process *p, struct kobj *o, uint32_t rights,
			 uint64_t badge)
{
	mlk_handle_t h = MLK_HANDLE_NONE;

	ck_assert_int_eq(handle_install(&p->handles, o, rights, badge, &h),
			 MLK_OK);
	return h;
}

/* What expect_empty and expect_off compare with. */
static void snapshot(void)
{
	sp_used = sp->used;
	heap_stats(&heap_before);
}

static void world_setup(void)
{
	mock_kernel_init();
	root = mock_process(NULL, "root", 64 * MIB);
	sp = mock_process(root, "server", 8 * MIB);
	cp = mock_process(root, "client", 4 * MIB);
	ck_assert_int_eq(endpoint_create(sp, &ep), MLK_OK);
	srv_ep = give(sp, &ep->obj, EP_RIGHTS, 0);
	kobj_put(&ep->obj); /* the handles hold it */
	ck_assert_int_eq(notification_create(sp, &note), MLK_OK);
	/* Counted before notices are on: turning them off must give back
	 * exactly this. */
	sp_refs = sp->obj.refs;
	note_refs = note->obj.refs;
	endpoint_close_notify(ep, sp, note, BITS);
	snapshot();
}

static mlk_handle_t client_handle(uint64_t badge)
{
	return give(cp, &ep->obj, SEND_RIGHTS, badge);
}

/* The notification's bits, taken as a waiter would. */
static uint64_t take_bits(void)
{
	uint64_t bits = note->bits;

	note->bits = 0;
	return bits;
}

static void expect_pop(uint64_t badge)
{
	uint64_t got = 0;

	ck_assert_int_eq(endpoint_closed(ep, &got), MLK_OK);
	ck_assert_uint_eq(got, badge);
}

static void expect_pop_status(mlk_status_t st)
{
	uint64_t got = 0x1234;

	ck_assert_int_eq(endpoint_closed(ep, &got), st);
	ck_assert_uint_eq(got, 0x1234); /* untouched */
}

/* Nothing queued, nothing charged, no heap memory left over. */
static void expect_empty(void)
{
	struct heap_stats now;

	expect_pop_status(MLK_ERR_UNAVAILABLE);
	ck_assert_uint_eq(sp->used, sp_used);
	heap_stats(&now);
	ck_assert_uint_eq(now.bytes_in_use, heap_before.bytes_in_use);
}

/* Notices off: the queue freed, the payer and notification let go. */
static void expect_off(void)
{
	struct heap_stats now;

	ck_assert_ptr_null(ep->close_note);
	ck_assert_ptr_null(ep->notice_payer);
	ck_assert(list_empty(&ep->notices));
	ck_assert_uint_eq(ep->notices_lost, 0);
	ck_assert_uint_eq(sp->obj.refs, sp_refs);
	ck_assert_uint_eq(note->obj.refs, note_refs);
	ck_assert_uint_eq(sp->used, sp_used);
	heap_stats(&now);
	ck_assert_uint_eq(now.bytes_in_use, heap_before.bytes_in_use);
}

/* ---- Which closes give a notice ---------------------------------------- */

START_TEST(closing_a_badged_handle_queues_its_badge)
{
	mlk_handle_t h = client_handle(0xc1);

	ck_assert_uint_eq(sp->obj.refs, sp_refs + 1); /* the payer is held */
	ck_assert_uint_eq(note->obj.refs, note_refs + 1);
	ck_assert_uint_eq(take_bits(), 0);
	ck_assert_int_eq(handle_close(&cp->handles, h), MLK_OK);
	ck_assert_uint_eq(take_bits(), BITS);
	/* The notice is charged to the server until it is popped. */
	ck_assert_uint_gt(sp->used, sp_used);
	expect_pop(0xc1);
	expect_empty();
}
END_TEST

START_TEST(an_unbadged_handle_gives_none)
{
	mlk_handle_t h = give(cp, &ep->obj, SEND_RIGHTS, 0);
	mlk_handle_t dup = give(sp, &ep->obj, EP_RIGHTS, 0);

	ck_assert_int_eq(handle_close(&cp->handles, h), MLK_OK);
	ck_assert_int_eq(handle_close(&sp->handles, dup), MLK_OK);
	ck_assert_uint_eq(take_bits(), 0);
	expect_empty();
}
END_TEST

START_TEST(handles_to_other_objects_give_none)
{
	struct endpoint *other;
	mlk_handle_t h;

	ck_assert_int_eq(endpoint_create(sp, &other), MLK_OK);
	h = give(cp, &other->obj, SEND_RIGHTS, 0xc1);
	kobj_put(&other->obj);
	ck_assert_int_eq(handle_close(&cp->handles, h), MLK_OK);
	ck_assert_uint_eq(take_bits(), 0);
	expect_empty();
}
END_TEST

/* A message moves a badged handle from the client to the server and the
 * server closes it afterwards: only that close counts. */
START_TEST(a_handle_moved_in_a_message_gives_none)
{
	struct thread *srv = mock_thread(sp, 10, "srv");
	struct thread *cli = mock_thread(cp, 10, "cli");
	mlk_handle_t h = give(cp, &ep->obj, SEND_RIGHTS, 0xc2);
	mlk_handle_t got;

	snapshot(); /* with the threads */
	mock_run(srv);
	ck_assert_int_eq(ipc_recv(srv, ep, 0), SYS_BLOCKED);
	mock_run(cli);
	frame_set_ret(&cli->frame, 1, MLK_MSGINFO(7, 0, 1));
	cli->ipcbuf->handles[0] = h;
	ck_assert_int_eq(ipc_send(cli, ep, 0xc2, IPC_SEND, true, 0), MLK_OK);
	ck_assert_int_eq(frame_arg(&srv->frame, 0), MLK_OK);
	got = srv->ipcbuf->handles[0];
	ck_assert_uint_eq(take_bits(), 0);
	expect_pop_status(MLK_ERR_UNAVAILABLE);
	/* Moved back the same way, to the client: still nothing. */
	frame_set_ret(&srv->frame, 1, MLK_MSGINFO(8, 0, 1));
	srv->ipcbuf->handles[0] = got;
	mock_run(cli);
	ck_assert_int_eq(ipc_recv(cli, ep, 0), SYS_BLOCKED);
	mock_run(srv);
	ck_assert_int_eq(ipc_send(srv, ep, 0, IPC_SEND, true, 0), MLK_OK);
	ck_assert_uint_eq(take_bits(), 0);
	expect_pop_status(MLK_ERR_UNAVAILABLE);
	ck_assert_int_eq(handle_close(&cp->handles, cli->ipcbuf->handles[0]),
			 MLK_OK);
	ck_assert_uint_eq(take_bits(), BITS);
	expect_pop(0xc2);
	expect_empty();
}
END_TEST

START_TEST(a_process_that_dies_leaves_a_notice_per_handle)
{
	client_handle(0xa);
	give(cp, &ep->obj, SEND_RIGHTS, 0); /* unbadged: none */
	client_handle(0xb);
	client_handle(0xa); /* two handles with one badge: two closes */
	process_kill(cp, MLK_EXIT_KILLED);
	ck_assert_uint_eq(take_bits(), BITS);
	/* The table is destroyed slot by slot, in slot order. */
	expect_pop(0xa);
	expect_pop(0xb);
	expect_pop(0xa);
	expect_pop_status(MLK_ERR_UNAVAILABLE);
	ck_assert_uint_eq(sp->used, sp_used); /* the heap lost cp's table */
}
END_TEST

START_TEST(notices_come_oldest_first)
{
	mlk_handle_t h1 = client_handle(1), h2 = client_handle(2),
		     h3 = client_handle(3);

	ck_assert_int_eq(handle_close(&cp->handles, h3), MLK_OK);
	ck_assert_int_eq(handle_close(&cp->handles, h1), MLK_OK);
	expect_pop(3);
	ck_assert_int_eq(handle_close(&cp->handles, h2), MLK_OK);
	expect_pop(1);
	expect_pop(2);
	expect_empty();
}
END_TEST

START_TEST(popping_with_notices_off)
{
	endpoint_close_notify(ep, NULL, NULL, 0);
	expect_pop_status(MLK_ERR_BAD_STATE);
	expect_off();
}
END_TEST

/* The server waits in recv with the notification bound: a close is a
 * MLK_LABEL_NOTIFY message, as the service loop gets it. */
START_TEST(a_bound_server_wakes_from_recv)
{
	struct thread *srv = mock_thread(sp, 10, "srv");
	mlk_handle_t h = client_handle(0xd);

	ck_assert_int_eq(notification_bind(srv, note), MLK_OK);
	mock_run(srv);
	ck_assert_int_eq(ipc_recv(srv, ep, 0), SYS_BLOCKED);
	ck_assert_int_eq(handle_close(&cp->handles, h), MLK_OK);
	ck_assert_int_eq(srv->state, MLK_THREAD_READY);
	ck_assert_uint_eq(frame_arg(&srv->frame, 1),
			  MLK_MSGINFO(MLK_LABEL_NOTIFY, 1, 0));
	ck_assert_uint_eq(frame_arg(&srv->frame, 3), BITS);
	expect_pop(0xd);
	ck_assert_int_eq(notification_bind(srv, NULL), MLK_OK);
}
END_TEST

/* ---- Lost notices ------------------------------------------------------ */

START_TEST(notices_beyond_the_quota_are_lost)
{
	mlk_handle_t a = client_handle(0xa), b = client_handle(0xb),
		     c = client_handle(0xc), d = client_handle(0xd);
	uint64_t quota = sp->quota;

	ck_assert_int_eq(handle_close(&cp->handles, a), MLK_OK);
	take_bits();
	sp->quota = sp->used; /* not one byte more */
	ck_assert_int_eq(handle_close(&cp->handles, b), MLK_OK);
	ck_assert_int_eq(handle_close(&cp->handles, c), MLK_OK);
	/* Signalled all the same: the server must look. */
	ck_assert_uint_eq(take_bits(), BITS);
	ck_assert_uint_eq(ep->notices_lost, 2);
	sp->quota = quota;
	ck_assert_int_eq(handle_close(&cp->handles, d), MLK_OK);
	/* Once, however many were lost; then what was queued. */
	expect_pop_status(MLK_ERR_NO_MEMORY);
	expect_pop(0xa);
	expect_pop(0xd);
	expect_empty();
}
END_TEST

/* A dead payer is charged nothing more (close_notice.c), while the
 * notices it paid for stay until popped. */
START_TEST(a_dead_payer_pays_for_no_more)
{
	struct process *rp = mock_process(root, "receiver", MIB);
	mlk_handle_t a = client_handle(0xa), b = client_handle(0xb);
	mlk_handle_t rh = give(rp, &ep->obj, MLK_RIGHT_RECV, 0);
	uint64_t got = 0;

	ck_assert_int_eq(handle_close(&cp->handles, a), MLK_OK);
	process_kill(sp, MLK_EXIT_KILLED);
	ck_assert_ptr_eq(ep->close_note, note); /* rp can still receive */
	/* Popping gives back a notice's worth, which must not be reused. */
	ck_assert_int_eq(endpoint_closed(ep, &got), MLK_OK);
	ck_assert_uint_eq(got, 0xa);
	ck_assert_uint_lt(sp->used, sp->quota);
	ck_assert_int_eq(handle_close(&cp->handles, b), MLK_OK);
	ck_assert_int_eq(endpoint_closed(ep, &got), MLK_ERR_NO_MEMORY);
	ck_assert_int_eq(endpoint_closed(ep, &got), MLK_ERR_UNAVAILABLE);
	ck_assert_int_eq(handle_close(&rp->handles, rh), MLK_OK);
	ck_assert_ptr_null(ep->close_note);
}
END_TEST

/* ---- Turning off, endpoints going -------------------------------------- */

START_TEST(turning_off_frees_the_queue)
{
	mlk_handle_t a = client_handle(0xa), b = client_handle(0xb),
		     c = client_handle(0xc);

	ck_assert_int_eq(handle_close(&cp->handles, a), MLK_OK);
	ck_assert_int_eq(handle_close(&cp->handles, b), MLK_OK);
	ck_assert_uint_gt(sp->used, sp_used);
	endpoint_close_notify(ep, NULL, NULL, 0);
	expect_off();
	take_bits();
	/* Closes after that are nobody's business. */
	ck_assert_int_eq(handle_close(&cp->handles, c), MLK_OK);
	ck_assert_uint_eq(take_bits(), 0);
	expect_pop_status(MLK_ERR_BAD_STATE);
	/* Turning off twice is harmless; on again starts afresh. */
	endpoint_close_notify(ep, NULL, NULL, 0);
	endpoint_close_notify(ep, sp, note, BITS);
	expect_pop_status(MLK_ERR_UNAVAILABLE);
	endpoint_close_notify(ep, NULL, NULL, 0);
	expect_off();
}
END_TEST

START_TEST(turning_on_again_keeps_the_queue)
{
	struct notification *n2;
	mlk_handle_t a = client_handle(0xa);

	ck_assert_int_eq(notification_create(sp, &n2), MLK_OK);
	ck_assert_int_eq(handle_close(&cp->handles, a), MLK_OK);
	take_bits();
	endpoint_close_notify(ep, sp, n2, 0x3);
	/* The new notification learns of what is queued at once; the old
	 * one is let go. */
	ck_assert_uint_eq(n2->bits, 0x3);
	ck_assert_uint_eq(note->obj.refs, note_refs);
	ck_assert_uint_eq(n2->obj.refs, 2);
	/* Held once for the notices (and once as n2's payer). */
	ck_assert_uint_eq(sp->obj.refs, sp_refs + 2);
	expect_pop(0xa);
	endpoint_close_notify(ep, NULL, NULL, 0);
	ck_assert_uint_eq(n2->obj.refs, 1);
	kobj_put(&n2->obj);
	expect_off();
}
END_TEST

START_TEST(the_last_receive_handle_turns_notices_off)
{
	mlk_handle_t a = client_handle(0xa), b = client_handle(0xb);

	ck_assert_int_eq(handle_close(&cp->handles, a), MLK_OK);
	/* The server closes its handle: nobody could pop any more. */
	ck_assert_int_eq(handle_close(&sp->handles, srv_ep), MLK_OK);
	expect_off();
	ck_assert_int_eq(handle_close(&cp->handles, b), MLK_OK);
	ck_assert(list_empty(&ep->notices));
}
END_TEST

START_TEST(a_dying_server_lets_go)
{
	mlk_handle_t a = client_handle(0xa);

	client_handle(0xb);
	ck_assert_int_eq(handle_close(&cp->handles, a), MLK_OK);
	process_kill(sp, MLK_EXIT_KILLED);
	ck_assert_ptr_null(ep->close_note);
	ck_assert_ptr_null(ep->notice_payer);
	ck_assert_uint_eq(note->obj.refs, note_refs);
	ck_assert(list_empty(&ep->notices));
	/* The client's handle keeps the endpoint; its close is nothing,
	 * and the endpoint goes with it. */
	ck_assert_int_eq(heap_check(ep), HEAP_PTR_OK);
	process_kill(cp, MLK_EXIT_KILLED);
	ck_assert_int_eq(heap_check(ep), HEAP_PTR_FREE);
}
END_TEST

/* An endpoint destroyed with notices on (only the kernel can leave it so:
 * a receive handle would have turned them off first) frees them too. */
START_TEST(a_destroyed_endpoint_frees_its_notices)
{
	struct endpoint *e2;

	endpoint_close_notify(ep, NULL, NULL, 0);
	ck_assert_int_eq(endpoint_create(sp, &e2), MLK_OK);
	endpoint_close_notify(e2, sp, note, BITS);
	close_notice_post(e2, 0x77);
	close_notice_post(e2, 0x78);
	ck_assert_uint_gt(sp->used, sp_used + sizeof(*e2));
	ck_assert_uint_eq(note->obj.refs, note_refs + 1);
	kobj_put(&e2->obj);
	expect_off();
}
END_TEST

static Suite *close_notify_suite(void)
{
	Suite *s = suite_create("close_notify");
	TCase *which = tcase_create("which_closes");
	TCase *lost = tcase_create("lost");
	TCase *off = tcase_create("off");

	tcase_add_checked_fixture(which, world_setup, NULL);
	tcase_add_test(which, closing_a_badged_handle_queues_its_badge);
	tcase_add_test(which, an_unbadged_handle_gives_none);
	tcase_add_test(which, handles_to_other_objects_give_none);
	tcase_add_test(which, a_handle_moved_in_a_message_gives_none);
	tcase_add_test(which, a_process_that_dies_leaves_a_notice_per_handle);
	tcase_add_test(which, notices_come_oldest_first);
	tcase_add_test(which, popping_with_notices_off);
	tcase_add_test(which, a_bound_server_wakes_from_recv);
	suite_add_tcase(s, which);

	tcase_add_checked_fixture(lost, world_setup, NULL);
	tcase_add_test(lost, notices_beyond_the_quota_are_lost);
	tcase_add_test(lost, a_dead_payer_pays_for_no_more);
	suite_add_tcase(s, lost);

	tcase_add_checked_fixture(off, world_setup, NULL);
	tcase_add_test(off, turning_off_frees_the_queue);
	tcase_add_test(off, turning_on_again_keeps_the_queue);
	tcase_add_test(off, the_last_receive_handle_turns_notices_off);
	tcase_add_test(off, a_dying_server_lets_go);
	tcase_add_test(off, a_destroyed_endpoint_frees_its_notices);
	suite_add_tcase(s, off);
	return s;
}

int main(void)
{
	return unit_run("close_notify", close_notify_suite());
}
