/*
 * The entropy client (see mlk/random.h).  The service's endpoint is
 * looked up once and kept; when it stops answering (the service was
 * restarted) it is looked up again, once per call.
 */
#include <mlk/msg.h>
#include <mlk/names.h>
#include <mlk/random.h>
#include <mlk/runtime.h>

#include <stdbool.h>
#include <string.h>

#include "libc/libc_impl.h"

static mlk_handle_t rng_ep;

static mlk_status_t endpoint(mlk_handle_t *ep)
{
	mlk_handle_t h = __atomic_load_n(&rng_ep, __ATOMIC_ACQUIRE);
	mlk_handle_t none = MLK_HANDLE_NONE;
	mlk_status_t st;

	if (!h) {
		st = mlk_names_lookup(MLK_RNG_NAME,
				      mlk_deadline_in(MLK_RANDOM_WAIT_NS), &h);
		if (st != MLK_OK)
			return st;
		if (!__atomic_compare_exchange_n(&rng_ep, &none, h, false,
						 __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE)) {
			mlk_handle_close(h); /* another thread was first */
			h = none;
		}
	}
	*ep = h;
	return MLK_OK;
}

static void forget(mlk_handle_t h)
{
	if (__atomic_compare_exchange_n(&rng_ep, &h, MLK_HANDLE_NONE, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		mlk_handle_close(h);
}

/* Up to MLK_RNG_MAX bytes, one request, one retry after a restart. */
static mlk_status_t draw(uint8_t *out, size_t n)
{
	struct mlk_msg m;
	mlk_handle_t ep;
	mlk_status_t st;

	for (int tries = 0; tries < 2; tries++) {
		st = endpoint(&ep);
		if (st != MLK_OK)
			return st;
		m = (struct mlk_msg){ .label = MLK_RNG_READ,
				      .nwords = 1,
				      .w = { n } };
		st = mlk_msg_call(ep, &m, MLK_FOREVER);
		if (st != MLK_ERR_PEER_CLOSED && st != MLK_ERR_BAD_HANDLE)
			break;
		forget(ep);
	}
	if (st == MLK_OK)
		st = (mlk_status_t)m.label;
	if (st != MLK_OK)
		return st;
	if (m.w[0] != n || m.nwords < 1 + (n + 7) / 8)
		return MLK_ERR_FAILED;
	memcpy(out, &m.w[1], n);
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_random(void *buf, size_t len)
{
	uint8_t *out = buf;

	while (len) {
		size_t n = len < MLK_RNG_MAX ? len : MLK_RNG_MAX;
		mlk_status_t st = draw(out, n);
		if (st != MLK_OK)
			return st;
		out += n;
		len -= n;
	}
	return MLK_OK;
}
