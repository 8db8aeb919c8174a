/*
 * The schemes the vfs knows: a name and the endpoint of the service that
 * serves it.  A scheme stays with its service until that service is
 * gone; then the next service to mount it (the same one restarted, as a
 * rule) takes it over.
 */
#include <stdio.h>
#include <string.h>

#include "fs_path.h"
#include "fs_wire.h"
#include "vfs.h"

struct scheme {
	char name[MLK_SCHEME_SIZE];
	mlk_handle_t ep; /* 0: a free slot */
};

static struct scheme schemes[MLK_VFS_SCHEMES_MAX];

static struct scheme *find(const char *name)
{
	for (unsigned i = 0; i < MLK_VFS_SCHEMES_MAX; i++)
		if (schemes[i].ep && !strcmp(schemes[i].name, name))
			return &schemes[i];
	return NULL;
}

mlk_handle_t vfs_scheme_find(const char *name)
{
	struct scheme *s = find(name);

	return s ? s->ep : MLK_HANDLE_NONE;
}

/* A service that is gone refuses even a message that would not wait. */
static bool service_alive(mlk_handle_t ep)
{
	struct mlk_msg ping = { .label = MLK_FS_PING };

	return mlk_msg_nbsend(ep, &ping) != MLK_ERR_PEER_CLOSED;
}

/* Whether h is an endpoint we may send on. */
static mlk_status_t check_endpoint(mlk_handle_t h)
{
	uint32_t type = 0, rights = 0;
	mlk_status_t st = mlk_handle_info(h, &type, &rights);

	if (st == MLK_OK && type != MLK_OBJ_ENDPOINT)
		st = MLK_ERR_WRONG_TYPE;
	if (st == MLK_OK && !(rights & MLK_RIGHT_SEND))
		st = MLK_ERR_ACCESS_DENIED;
	return st;
}

static mlk_status_t mount(const char *name, mlk_handle_t ep)
{
	struct scheme *s = find(name);

	if (s && service_alive(s->ep))
		return MLK_ERR_EXISTS;
	if (s) {
		mlk_handle_close(s->ep);
		s->ep = ep;
		printf("vfs: %s:// taken over by a new service\n", name);
		return MLK_OK;
	}
	for (unsigned i = 0; i < MLK_VFS_SCHEMES_MAX; i++) {
		if (schemes[i].ep)
			continue;
		/* NUL-padded: MLK_VFS_SCHEMES sends all of it. */
		strncpy(schemes[i].name, name, sizeof(schemes[i].name));
		schemes[i].ep = ep;
		printf("vfs: mounted %s://\n", name);
		return MLK_OK;
	}
	return MLK_ERR_NO_RESOURCES;
}

/* w0..1 the scheme, handle 0 the service's endpoint. */
mlk_status_t vfs_do_mount(const struct mlk_msg *in, struct mlk_msg *out,
			  void *ctx)
{
	char name[MLK_SCHEME_SIZE];
	mlk_status_t st;

	if (in->nhandles < 1)
		return MLK_ERR_BAD_HANDLE;
	fs_wire_drop_handles(in, 1);
	st = check_endpoint(in->h[0]);
	if (st == MLK_OK &&
	    (!mlk_msg_get_string(in, 0, 2, name, sizeof(name)) ||
	     !fs_scheme_ok(name, strlen(name))))
		st = MLK_ERR_BAD_NAME;
	if (st == MLK_OK)
		st = mount(name, in->h[0]);
	if (st != MLK_OK)
		mlk_handle_close(in->h[0]);
	return st;
}

/* Reply: w0 the count, the names from w1, two words each. */
mlk_status_t vfs_do_schemes(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	unsigned n = 0;

	fs_wire_drop_handles(in, 0);
	for (unsigned i = 0; i < MLK_VFS_SCHEMES_MAX; i++) {
		if (!schemes[i].ep)
			continue;
		memcpy(&out->w[1 + 2 * n], schemes[i].name, MLK_SCHEME_SIZE);
		n++;
	}
	out->w[0] = n;
	out->nwords = 1 + 2 * n;
	return MLK_OK;
}
