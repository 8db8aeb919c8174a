/*
 * mlk-mkimage: the entries the bundle will hold.  Names are checked as
 * they are added, so a message points at the argument or manifest line
 * that brought the bad one in.
 */
#include <string.h>

#include "mkimage.h"

/* The manifest entry is added last, by pack(); nothing else may take its
 * name. */
#define MANIFEST_NAME "manifest"

void check_entry_name(const char *name, const char *where)
{
	if (!*name)
		fail(where, "empty entry name");
	if (strlen(name) >= MLK_BUNDLE_NAME_MAX)
		fail(where, "entry name '%s' too long (at most %d bytes)", name,
		     MLK_BUNDLE_NAME_MAX - 1);
}

struct input *plan_add(struct plan *plan, uint32_t kind, const char *name,
		       const char *path, const char *where)
{
	struct input *in;

	check_entry_name(name, where);
	if (kind != MLK_BUNDLE_MANIFEST && !strcmp(name, MANIFEST_NAME))
		fail(where, "entry name '%s' is reserved for the manifest",
		     name);
	for (size_t i = 0; i < plan->ninputs; i++) {
		if (!strcmp(plan->inputs[i].name, name))
			fail(where, "duplicate entry name '%s' (also %s)", name,
			     plan->inputs[i].where);
	}
	plan->inputs = xrealloc(plan->inputs, plan->ninputs + 1,
				sizeof(*plan->inputs));
	in = &plan->inputs[plan->ninputs++];
	memset(in, 0, sizeof(*in));
	memcpy(in->name, name, strlen(name));
	in->path = path ? xstrdup(path) : NULL;
	in->where = xstrdup(where);
	in->kind = kind;
	return in;
}

void plan_add_service(struct plan *plan, const struct mlk_manifest_service *svc,
		      const char *path, const char *where)
{
	plan_add(plan, MLK_BUNDLE_SERVICE, svc->name, path, where);
	plan->services = xrealloc(plan->services, plan->nservices + 1,
				  sizeof(*plan->services));
	plan->services[plan->nservices++] = *svc;
}
