/*
 * probe: a service whose only work is to tell what init started it with,
 * so that inittest can check that a restart and a run give a service what
 * its manifest entry says (issue 8, finding 6), or the defaults when the
 * manifest does not name it.  Its priority and quota the kernel reports;
 * its handles and arguments it answers PROBE_REPORT with, on an endpoint
 * registered under its own name (the image holds it twice: probe, and
 * loose without a manifest entry).
 */
#include <stdio.h>
#include <string.h>

#include <mlk/names.h>
#include <mlk/sys.h>
#include <mlk/runtime.h>
#include <mlk/service.h>

#include "probe.h"

static char args[PROBE_ARGS_WORDS * 8];

static mlk_status_t report(const struct mlk_msg *in, struct mlk_msg *out,
			   void *ctx)
{
	const struct mlk_startinfo *si = mlk_startinfo();
	uint64_t kinds = 0;

	for (uint32_t i = 0; si && i < si->nhandles; i++)
		if (si->handles[i].kind < 64)
			kinds |= 1ull << si->handles[i].kind;
	out->w[0] = kinds;
	out->nwords = 1 + mlk_msg_put_string(out, 1, args, PROBE_ARGS_WORDS);
	return MLK_OK;
}

static void join_args(int argc, char **argv)
{
	size_t len = 0;

	for (int i = 1; i < argc; i++) {
		int n = snprintf(args + len, sizeof(args) - len, "%s%s",
				 i > 1 ? " " : "", argv[i]);
		if (n < 0 || (size_t)n >= sizeof(args) - len)
			break;
		len += (size_t)n;
	}
}

int main(int argc, char **argv)
{
	static const struct mlk_service_op ops[] = { { PROBE_REPORT, report } };
	struct mlk_service svc = { .ops = ops, .nops = 1 };
	mlk_handle_t pub;
	mlk_status_t st;

	join_args(argc, argv);
	st = mlk_startinfo() ? mlk_endpoint_create(&svc.ep)
			     : MLK_ERR_UNAVAILABLE;
	if (st == MLK_OK)
		st = mlk_handle_duplicate(
			svc.ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC, &pub);
	if (st == MLK_OK)
		st = mlk_names_register(mlk_startinfo()->name, pub);
	if (st != MLK_OK) {
		printf("probe: cannot serve (status %ld)\n", (long)st);
		return 1;
	}
	return (int)mlk_serve(&svc);
}
