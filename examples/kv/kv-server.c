/*
 * kv-server: a key-value store as a service.  It registers "kv" with
 * init's name service and serves kv.h's PUT and GET.  --max-keys=N
 * (manifest: args=--max-keys=N) bounds the store; the default is 16.
 */
#include <mlk/names.h>
#include <mlk/service.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kv.h"

#define KV_KEYS_MAX 16

static struct kv_put store[KV_KEYS_MAX];
static unsigned nkeys, max_keys = KV_KEYS_MAX;

static struct kv_put *find(const char *key)
{
	for (unsigned i = 0; i < nkeys; i++)
		if (!strcmp(store[i].key, key))
			return &store[i];
	return NULL;
}

static mlk_status_t do_put(const struct mlk_msg *in, struct mlk_msg *out,
			   void *ctx)
{
	struct kv_put p;
	struct kv_put *slot;

	if (in->nwords < sizeof(p) / 8)
		return MLK_ERR_BAD_ARG(1);
	memcpy(&p, in->w, sizeof(p));
	p.key[KV_KEY_MAX] = 0;
	p.value[KV_VALUE_MAX] = 0;
	slot = find(p.key);
	if (!slot) {
		if (nkeys == max_keys)
			return MLK_ERR_NO_RESOURCES;
		slot = &store[nkeys++];
	}
	*slot = p;
	return MLK_OK;
}

static mlk_status_t do_get(const struct mlk_msg *in, struct mlk_msg *out,
			   void *ctx)
{
	char key[KV_KEY_MAX + 1];
	const struct kv_put *slot;

	if (in->nwords < sizeof(key) / 8)
		return MLK_ERR_BAD_ARG(1);
	memcpy(key, in->w, sizeof(key));
	key[KV_KEY_MAX] = 0;
	slot = find(key);
	if (!slot)
		return MLK_ERR_NOT_FOUND;
	memcpy(out->w, slot->value, sizeof(slot->value));
	out->nwords = sizeof(slot->value) / 8;
	return MLK_OK;
}

static const struct mlk_service_op ops[] = {
	{ KV_PUT, do_put },
	{ KV_GET, do_get },
};

int main(int argc, char **argv)
{
	mlk_handle_t ep;
	mlk_status_t st;

	for (int i = 1; i < argc; i++)
		if (!strncmp(argv[i], "--max-keys=", 11))
			max_keys = (unsigned)atoi(argv[i] + 11);
	if (max_keys > KV_KEYS_MAX) {
		printf("kv-server: --max-keys: at most %d\n", KV_KEYS_MAX);
		return 2;
	}
	st = mlk_endpoint_create(&ep);
	/* init gets a send-only copy to hand out; ep receives. */
	if (st == MLK_OK)
		st = mlk_names_publish(KV_NAME, ep);
	if (st != MLK_OK) {
		printf("kv-server: cannot start: %s\n", mlk_status_str(st));
		return 1;
	}
	printf("kv-server: serving \"%s\", at most %u keys\n", KV_NAME,
	       max_keys);
	struct mlk_service svc = { .ep = ep, .ops = ops, .nops = 2 };
	st = mlk_serve(&svc);
	printf("kv-server: stopped: %s\n", mlk_status_str(st));
	return 1;
}
