/*
 * echo-server: a service.  It makes an endpoint, registers it with init's
 * name service as "echo", and serves the protocol in echo.h with libmlk's
 * service loop: receive, dispatch by label, reply.
 */
#include <mlk/names.h>
#include <mlk/service.h>
#include <mlk/sys.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "echo.h"

static uint64_t answered;

static mlk_status_t do_upper(const struct mlk_msg *in, struct mlk_msg *out,
			     void *ctx)
{
	uint64_t len = in->w[0];
	const char *text = (const char *)&in->w[1];
	char *reply = (char *)&out->w[1];

	if (in->nwords < 1 || len > ECHO_MAX || len > (in->nwords - 1) * 8)
		return MLK_ERR_BAD_ARG(1);
	for (uint64_t i = 0; i < len; i++)
		reply[i] = (char)toupper((unsigned char)text[i]);
	out->w[0] = len;
	out->nwords = 1 + (unsigned)((len + 7) / 8);
	answered++;
	return MLK_OK;
}

static mlk_status_t do_count(const struct mlk_msg *in, struct mlk_msg *out,
			     void *ctx)
{
	out->w[0] = answered;
	out->nwords = 1;
	return MLK_OK;
}

static const struct mlk_service_op ops[] = {
	{ ECHO_UPPER, do_upper },
	{ ECHO_COUNT, do_count },
};

int main(void)
{
	mlk_handle_t ep;
	mlk_status_t st;

	st = mlk_endpoint_create(&ep);
	/* init gets a send-only copy to hand out; ep receives. */
	if (st == MLK_OK)
		st = mlk_names_publish(ECHO_NAME, ep);
	if (st != MLK_OK) {
		printf("echo-server: cannot start: %s\n", mlk_status_str(st));
		return 1;
	}
	printf("echo-server: serving \"%s\"\n", ECHO_NAME);
	struct mlk_service svc = { .ep = ep, .ops = ops, .nops = 2 };
	st = mlk_serve(&svc);
	printf("echo-server: stopped: %s\n", mlk_status_str(st));
	return 1;
}
