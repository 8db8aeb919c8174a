/*
 * The name service (protocol: mlk/proto/names.h).  Names map to endpoint
 * handles init holds; a lookup gets a copy.  A lookup of a name not yet
 * registered waits, as a saved reply, until the name appears or its
 * deadline passes.  A service's names go when it does, so that clients
 * looking again after a restart find the new endpoint.
 */
#include <mlk/names.h>
#include <mlk/runtime.h>

#include <stdio.h>
#include <string.h>

#include "init.h"

#define MAX_NAMES MLK_NAMES_MAX
#define MAX_PENDING MLK_NAMES_MAX_WAITING

struct name {
	char name[MLK_NAME_MAX + 1];
	mlk_handle_t ep;
	uint64_t owner; /* badge of the service that registered it */
};

struct pending {
	char name[MLK_NAME_MAX + 1];
	mlk_handle_t reply;
	uint64_t deadline; /* 0: none */
};

static struct name names[MAX_NAMES];
static struct pending pending[MAX_PENDING];

static struct name *find(const char *name)
{
	for (int i = 0; i < MAX_NAMES; i++)
		if (names[i].ep && !strcmp(names[i].name, name))
			return &names[i];
	return NULL;
}

static void reply_status(struct mlk_msg *m, mlk_status_t st)
{
	memset(m, 0, sizeof(*m));
	m->label = (uint32_t)st;
	mlk_msg_reply(m);
}

/* Answer a lookup with a copy of n's endpoint (through `reply` if saved). */
static void answer_lookup(const struct name *n, mlk_handle_t reply)
{
	struct mlk_msg m = {
		.label = MLK_OK,
		.nhandles = 1,
		.copy_mask = 1,
		.h = { n->ep },
	};

	if (reply)
		mlk_msg_reply_to(reply, &m);
	else
		mlk_msg_reply(&m);
}

static void answer_saved(mlk_handle_t reply, mlk_status_t st)
{
	struct mlk_msg m = { .label = (uint32_t)st };

	mlk_msg_reply_to(reply, &m);
}

void names_refuse(struct mlk_msg *m)
{
	for (unsigned i = 0; i < m->nhandles; i++)
		mlk_handle_close(m->h[i]);
	reply_status(m, MLK_ERR_NOT_SUPPORTED);
}

static void do_register(struct mlk_msg *m, const char *name)
{
	uint32_t type = 0, rights = 0;
	struct name *n;

	if (m->nhandles != 1 ||
	    mlk_handle_info(m->h[0], &type, &rights) != MLK_OK ||
	    type != MLK_OBJ_ENDPOINT ||
	    (rights & (MLK_RIGHT_SEND | MLK_RIGHT_DUPLICATE)) !=
		    (MLK_RIGHT_SEND | MLK_RIGHT_DUPLICATE)) {
		for (unsigned i = 0; i < m->nhandles; i++)
			mlk_handle_close(m->h[i]);
		reply_status(m, MLK_ERR_BAD_ARG(1));
		return;
	}
	if (find(name)) {
		mlk_handle_close(m->h[0]);
		reply_status(m, MLK_ERR_EXISTS);
		return;
	}
	n = NULL;
	for (int i = 0; !n && i < MAX_NAMES; i++)
		if (!names[i].ep)
			n = &names[i];
	if (!n) {
		mlk_handle_close(m->h[0]);
		reply_status(m, MLK_ERR_NO_RESOURCES);
		return;
	}
	strlcpy(n->name, name, sizeof(n->name));
	n->ep = m->h[0];
	n->owner = m->badge;
	reply_status(m, MLK_OK);
	/* Those who were waiting for it. */
	for (int i = 0; i < MAX_PENDING; i++)
		if (pending[i].reply && !strcmp(pending[i].name, name)) {
			answer_lookup(n, pending[i].reply);
			pending[i].reply = MLK_HANDLE_NONE;
		}
}

static void do_lookup(struct mlk_msg *m, const char *name)
{
	const struct name *n = find(name);
	uint64_t deadline =
		m->nwords > MLK_NAME_WORDS ? m->w[MLK_NAME_WORDS] : 1;

	if (n) {
		answer_lookup(n, MLK_HANDLE_NONE);
		return;
	}
	if (deadline && deadline <= mlk_clock_now()) {
		reply_status(m, MLK_ERR_NOT_FOUND);
		return;
	}
	for (int i = 0; i < MAX_PENDING; i++) {
		if (pending[i].reply)
			continue;
		if (mlk_reply_save(&pending[i].reply) != MLK_OK) {
			reply_status(m, MLK_ERR_NO_RESOURCES);
			return;
		}
		strlcpy(pending[i].name, name, sizeof(pending[i].name));
		pending[i].deadline = deadline;
		return;
	}
	reply_status(m, MLK_ERR_NO_RESOURCES);
}

static void do_unregister(struct mlk_msg *m, const char *name)
{
	struct name *n = find(name);

	if (!n) {
		reply_status(m, MLK_ERR_NOT_FOUND);
		return;
	}
	if (n->owner != m->badge) {
		reply_status(m, MLK_ERR_ACCESS_DENIED);
		return;
	}
	mlk_handle_close(n->ep);
	memset(n, 0, sizeof(*n));
	reply_status(m, MLK_OK);
}

void names_request(struct mlk_msg *m)
{
	char name[MLK_NAME_MAX + 1];

	if (m->label != MLK_NAMES_REGISTER && m->label != MLK_NAMES_LOOKUP &&
	    m->label != MLK_NAMES_UNREGISTER) {
		for (unsigned i = 0; i < m->nhandles; i++)
			mlk_handle_close(m->h[i]);
		reply_status(m, MLK_ERR_NOT_SUPPORTED);
		return;
	}
	if (!mlk_msg_get_string(m, 0, MLK_NAME_WORDS, name, sizeof(name)) ||
	    !name[0]) {
		for (unsigned i = 0; i < m->nhandles; i++)
			mlk_handle_close(m->h[i]);
		reply_status(m, MLK_ERR_BAD_ARG(1));
		return;
	}
	if (m->label == MLK_NAMES_REGISTER)
		do_register(m, name);
	else if (m->label == MLK_NAMES_LOOKUP)
		do_lookup(m, name);
	else
		do_unregister(m, name);
}

uint64_t names_expire(uint64_t now)
{
	uint64_t next = 0;

	for (int i = 0; i < MAX_PENDING; i++) {
		struct pending *p = &pending[i];
		if (!p->reply || !p->deadline)
			continue;
		if (p->deadline <= now) {
			answer_saved(p->reply, MLK_ERR_TIMED_OUT);
			p->reply = MLK_HANDLE_NONE;
		} else if (!next || p->deadline < next) {
			next = p->deadline;
		}
	}
	return next;
}

void names_forget(uint64_t badge)
{
	for (int i = 0; i < MAX_NAMES; i++)
		if (names[i].ep && names[i].owner == badge) {
			mlk_handle_close(names[i].ep);
			memset(&names[i], 0, sizeof(names[i]));
		}
}
