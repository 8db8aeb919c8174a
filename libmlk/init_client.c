/*
 * Asking init to run, end and list programs (see mlk/init.h).
 */
#include <mlk/init.h>
#include <mlk/msg.h>
#include <mlk/runtime.h>

#include <string.h>

#include "libc/libc_impl.h"

/* Through the control handle if this program was granted one: without
 * it, init answers ACCESS_DENIED to all but MLK_INIT_LIST. */
static mlk_status_t init_call(struct mlk_msg *m)
{
	mlk_handle_t ep = mlk_start_handle(MLK_START_INIT_CONTROL, NULL);
	mlk_status_t st;

	if (!ep)
		ep = mlk_start_handle(MLK_START_NAMES, NULL);

	if (!ep)
		return MLK_ERR_UNAVAILABLE;
	st = mlk_msg_call(ep, m, 0);
	return st != MLK_OK ? st : (mlk_status_t)m->label;
}

static mlk_status_t name_request(struct mlk_msg *m, uint32_t label,
				 const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len >= MLK_INIT_NAME_WORDS * 8)
		return MLK_ERR_BAD_ARG(0);
	memset(m, 0, sizeof(*m));
	m->label = label;
	mlk_msg_put_string(m, 0, name, MLK_INIT_NAME_WORDS);
	m->nwords = MLK_INIT_NAME_WORDS;
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_init_run(const char *name, const char *args,
				     uint64_t *pid)
{
	struct mlk_msg m;
	mlk_status_t st = name_request(&m, MLK_INIT_RUN, name);

	if (st != MLK_OK)
		return st;
	if (args && strlen(args) >= MLK_MANIFEST_ARGS_SIZE)
		return MLK_ERR_BAD_ARG(1);
	mlk_msg_put_string(&m, MLK_INIT_NAME_WORDS, args ? args : "",
			   MLK_MANIFEST_ARGS_SIZE / 8);
	st = init_call(&m);
	if (st == MLK_OK && pid)
		*pid = m.w[0];
	return st;
}

MLK_PUBLIC mlk_status_t mlk_init_kill(const char *name)
{
	struct mlk_msg m;
	mlk_status_t st = name_request(&m, MLK_INIT_KILL, name);

	return st != MLK_OK ? st : init_call(&m);
}

MLK_PUBLIC mlk_status_t mlk_init_crash(const char *name)
{
	struct mlk_msg m;
	mlk_status_t st = name_request(&m, MLK_INIT_CRASH, name);

	return st != MLK_OK ? st : init_call(&m);
}

MLK_PUBLIC mlk_status_t mlk_init_list(uint32_t index,
				      struct mlk_init_service *out)
{
	struct mlk_msg m = { .label = MLK_INIT_LIST,
			     .nwords = 1,
			     .w = { index } };
	mlk_status_t st = init_call(&m);

	if (st != MLK_OK)
		return st;
	memset(out, 0, sizeof(*out));
	if (!mlk_msg_get_string(&m, 0, MLK_INIT_NAME_WORDS, out->name,
				sizeof(out->name)))
		return MLK_ERR_FAILED;
	out->pid = m.w[6];
	out->state = (uint32_t)m.w[7];
	out->restarts = (uint32_t)m.w[8];
	out->priority = (uint32_t)m.w[9];
	out->exit_code = m.nwords > 10 ? (int64_t)m.w[10] : 0;
	if (m.nwords > 13) {
		out->crashes = (uint32_t)m.w[11];
		out->give_up = (uint32_t)m.w[12];
		out->flags = (uint32_t)m.w[13];
	}
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_init_device(uint32_t index,
					struct mlk_init_device *out)
{
	struct mlk_msg m = { .label = MLK_INIT_DEVICES,
			     .nwords = 1,
			     .w = { index } };
	mlk_status_t st = init_call(&m);

	if (st != MLK_OK)
		return st;
	if (m.nwords < MLK_INIT_DEVICE_WORDS)
		return MLK_ERR_FAILED;
	memset(out, 0, sizeof(*out));
	out->base = m.w[0];
	out->size = m.w[1];
	out->irq = (uint32_t)m.w[2];
	out->version = (uint32_t)m.w[3];
	out->device_id = (uint32_t)m.w[4];
	out->vendor = (uint32_t)m.w[5];
	out->driver_pid = m.w[6];
	if (!mlk_msg_get_string(&m, 7, MLK_INIT_NAME_WORDS, out->driver,
				sizeof(out->driver)))
		return MLK_ERR_FAILED;
	return MLK_OK;
}

/* The date the monotonic clock started at never changes: asked once. */
MLK_PUBLIC mlk_status_t mlk_clock_realtime(uint64_t *ns)
{
	static uint64_t epoch_at_boot;
	static bool known, none; /* init answered: the date, or no clock */
	mlk_handle_t ep = mlk_start_handle(MLK_START_NAMES, NULL);
	mlk_status_t st = MLK_OK;

	*ns = 0;
	if (!known && !none) {
		struct mlk_msg m = { .label = MLK_INIT_REALTIME };

		if (!ep)
			return MLK_ERR_NOT_SUPPORTED; /* init itself */
		st = mlk_msg_call(ep, &m, 0);
		if (st == MLK_OK)
			st = (mlk_status_t)m.label;
		known = st == MLK_OK;
		none = st == MLK_ERR_NOT_SUPPORTED;
		epoch_at_boot = m.w[0];
	}
	if (none)
		return MLK_ERR_NOT_SUPPORTED;
	if (known)
		*ns = epoch_at_boot + mlk_clock_now();
	return st; /* a failed call is asked again next time */
}
