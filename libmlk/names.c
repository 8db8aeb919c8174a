/*
 * Name service client (see mlk/names.h).
 */
#include <mlk/msg.h>
#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <string.h>

#include "libc/libc_impl.h"

static mlk_handle_t names_endpoint(void)
{
	return mlk_start_handle(MLK_START_NAMES, NULL);
}

static mlk_status_t name_msg(struct mlk_msg *m, uint32_t label,
			     const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len > MLK_NAME_MAX)
		return MLK_ERR_BAD_ARG(0);
	memset(m, 0, sizeof(*m));
	m->label = label;
	mlk_msg_put_string(m, 0, name, MLK_NAME_WORDS);
	m->nwords = MLK_NAME_WORDS;
	return MLK_OK;
}

/* Call init; the reply's label is the status. */
static mlk_status_t names_call(struct mlk_msg *m)
{
	mlk_handle_t ep = names_endpoint();
	mlk_status_t st;

	if (!ep)
		return MLK_ERR_UNAVAILABLE;
	st = mlk_msg_call(ep, m, 0);
	return st != MLK_OK ? st : (mlk_status_t)m->label;
}

MLK_PUBLIC mlk_status_t mlk_names_register(const char *name, mlk_handle_t ep)
{
	struct mlk_msg m;
	mlk_status_t st = name_msg(&m, MLK_NAMES_REGISTER, name);

	if (st != MLK_OK)
		return st;
	m.nhandles = 1;
	m.h[0] = ep;
	return names_call(&m);
}

MLK_PUBLIC mlk_status_t mlk_names_publish(const char *name, mlk_handle_t ep)
{
	mlk_handle_t pub;
	mlk_status_t st = mlk_handle_duplicate(
		ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC, &pub);

	return st == MLK_OK ? mlk_names_register(name, pub) : st;
}

MLK_PUBLIC mlk_status_t mlk_names_lookup(const char *name, uint64_t deadline,
					 mlk_handle_t *ep)
{
	struct mlk_msg m;
	mlk_status_t st = name_msg(&m, MLK_NAMES_LOOKUP, name);

	if (st != MLK_OK)
		return st;
	m.nwords = MLK_NAMES_LOOKUP_WORDS;
	m.w[MLK_NAME_WORDS] = deadline;
	st = names_call(&m);
	if (st == MLK_OK && m.nhandles == 1)
		*ep = m.h[0];
	else if (st == MLK_OK)
		st = MLK_ERR_FAILED;
	return st;
}

MLK_PUBLIC mlk_status_t mlk_names_unregister(const char *name)
{
	struct mlk_msg m;
	mlk_status_t st = name_msg(&m, MLK_NAMES_UNREGISTER, name);

	return st != MLK_OK ? st : names_call(&m);
}
