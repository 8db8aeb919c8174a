/*
 * echo-client: looks up "echo" (waiting for the server to register) and
 * calls it with the typed messages of ../echo-server/echo.h.
 */
#include <mlk/msg.h>
#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/service.h>

#include <stdio.h>
#include <string.h>

#include "echo.h"

/* Send `text` to be upper-cased; the answer goes to out. */
static mlk_status_t upper(mlk_handle_t ep, const char *text, char *out,
			  size_t size)
{
	struct mlk_msg m = { .label = ECHO_UPPER };
	size_t len = strlen(text);
	mlk_status_t st;

	if (len > ECHO_MAX || len >= size)
		return MLK_ERR_TOO_BIG;
	m.w[0] = len;
	memcpy(&m.w[1], text, len);
	m.nwords = 1 + (unsigned)((len + 7) / 8);
	st = mlk_msg_call(ep, &m, 0);
	if (st == MLK_OK)
		st = (mlk_status_t)m.label;
	if (st != MLK_OK)
		return st;
	memcpy(out, &m.w[1], m.w[0]);
	out[m.w[0]] = 0;
	return MLK_OK;
}

int main(int argc, char **argv)
{
	static const char *const words[] = { "hello", "capability",
					     "microkernel" };
	mlk_handle_t ep;
	char answer[ECHO_MAX + 1];
	struct mlk_msg m = { .label = ECHO_COUNT };
	mlk_status_t st = mlk_names_lookup(ECHO_NAME,
					   mlk_deadline_in(5000000000ull), &ep);

	if (st != MLK_OK) {
		printf("echo-client: no echo service: %s\n",
		       mlk_status_str(st));
		return 1;
	}
	for (unsigned i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		st = upper(ep, words[i], answer, sizeof(answer));
		if (st != MLK_OK) {
			printf("echo-client: %s: %s\n", words[i],
			       mlk_status_str(st));
			return 1;
		}
		printf("echo-client: %s -> %s\n", words[i], answer);
	}
	if (mlk_msg_call(ep, &m, 0) == MLK_OK && m.label == MLK_OK)
		printf("echo-client: the server answered %lu requests\n",
		       (unsigned long)m.w[0]);
	return 0;
}
