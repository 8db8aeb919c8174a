/*
 * kv-test: the kv service's test, a program whose exit status is its
 * verdict: 0 when every check passed, else the number of checks that
 * failed.  Packed with the `poweroff` option, it ends the machine's run
 * with that status, which mlk-run-test(1) returns.
 */
#include <mlk/msg.h>
#include <mlk/names.h>
#include <mlk/runtime.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "kv.h"

static unsigned failed;

static void check(bool ok, const char *what, mlk_status_t st)
{
	printf("kv-test: %s: %s (%s)\n", ok ? "pass" : "FAIL", what,
	       mlk_status_str(st));
	if (!ok)
		failed++;
}

static mlk_status_t put(mlk_handle_t ep, const char *key, const char *value)
{
	struct mlk_msg m = { .label = KV_PUT, .nwords = 12 };
	struct kv_put p;
	mlk_status_t st;

	memset(&p, 0, sizeof(p));
	strncpy(p.key, key, KV_KEY_MAX);
	strncpy(p.value, value, KV_VALUE_MAX);
	memcpy(m.w, &p, sizeof(p));
	st = mlk_msg_call(ep, &m, 0);
	return st == MLK_OK ? (mlk_status_t)m.label : st;
}

/* Is `key`'s value `want`?  Its status when not found. */
static mlk_status_t get_is(mlk_handle_t ep, const char *key, const char *want)
{
	struct mlk_msg m = { .label = KV_GET, .nwords = 4 };
	char value[KV_VALUE_MAX + 1];
	mlk_status_t st;

	memset(m.w, 0, 4 * 8);
	strncpy((char *)m.w, key, KV_KEY_MAX);
	st = mlk_msg_call(ep, &m, 0);
	if (st == MLK_OK)
		st = (mlk_status_t)m.label;
	if (st != MLK_OK)
		return st;
	memcpy(value, m.w, sizeof(value));
	value[KV_VALUE_MAX] = 0;
	return strcmp(value, want) ? MLK_ERR_BAD_STATE : MLK_OK;
}

int main(void)
{
	mlk_handle_t ep;
	mlk_status_t st;

	st = mlk_names_lookup(KV_NAME, mlk_deadline_in(5000000000ull), &ep);
	if (st != MLK_OK) {
		printf("kv-test: no kv service: %s\n", mlk_status_str(st));
		return 100;
	}
	st = put(ep, "kernel", "MyLittleKernel");
	check(st == MLK_OK, "put kernel", st);
	st = put(ep, "arch", "AArch64");
	check(st == MLK_OK, "put arch", st);
	st = put(ep, "board", "QEMU virt");
	check(st == MLK_OK, "put board", st);
	st = get_is(ep, "kernel", "MyLittleKernel");
	check(st == MLK_OK, "get kernel", st);
	st = get_is(ep, "board", "QEMU virt");
	check(st == MLK_OK, "get board", st);
	st = put(ep, "arch", "arm64");
	check(st == MLK_OK, "put arch again", st);
	st = get_is(ep, "arch", "arm64");
	check(st == MLK_OK, "get arch's new value", st);
	st = get_is(ep, "missing", "");
	check(st == MLK_ERR_NOT_FOUND, "get a missing key", st);
	printf("kv-test: %s: %u check%s failed\n", failed ? "FAIL" : "PASS",
	       failed, failed == 1 ? "" : "s");
	return (int)failed;
}
