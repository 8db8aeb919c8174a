/*
 * mlk-mkimage: the entries the bundle will hold.  Names are checked as
 * they are added, so a message points at the argument or manifest line
 * that brought the bad one in.
 */
#include <stdlib.h>
#include <string.h>

#include <mlk/syscall.h>

#include "mkimage.h"

/* The manifest entry is added last, by mkimage_pack(); nothing else may
 * take its name. */
#define MANIFEST_NAME "manifest"
/* initfs serves every program of the image as bin/NAME (what the shell's
 * run starts), so no file may be there. */
#define PROGRAMS_DIR "bin"

int check_entry_name(const char *name, const char *where,
		     struct mkimage_error *err)
{
	int c = control_char(name);

	if (!*name)
		return mkimage_fail(err, where, "empty entry name");
	if (strlen(name) >= MLK_BUNDLE_NAME_SIZE)
		return mkimage_fail(
			err, where,
			"entry name '%s' too long (at most %d bytes)", name,
			MLK_BUNDLE_NAME_SIZE - 1);
	/* Names are printed one a line (--list, init's log, ps). */
	if (c)
		return mkimage_fail(
			err, where,
			"entry name '%s' has control character 0x%02x", name,
			c);
	return 0;
}

/*
 * On a manifest line a word with '=' is an option ("service prio=3" has
 * no name), so --list could not print such a service name back.
 */
int check_service_name(const char *name, const char *where,
		       struct mkimage_error *err)
{
	if (check_entry_name(name, where, err) < 0)
		return -1;
	/* The kernel names the process after it. */
	if (strlen(name) > MLK_NAME_MAX)
		return mkimage_fail(err, where,
				    "service name '%s' too long (at most %d "
				    "bytes: it names the process)",
				    name, MLK_NAME_MAX);
	if (strchr(name, '='))
		return mkimage_fail(
			err, where,
			"service name '%s' has '=' (a manifest would "
			"read it as an option)",
			name);
	return 0;
}

struct input *plan_add(struct plan *plan, uint32_t kind, const char *name,
		       const char *path, const char *where,
		       struct mkimage_error *err)
{
	struct input *in;

	if (check_entry_name(name, where, err) < 0)
		return NULL;
	if (kind == MLK_BUNDLE_FILE &&
	    !strncmp(name, PROGRAMS_DIR "/", strlen(PROGRAMS_DIR "/"))) {
		mkimage_fail(err, where,
			     "file name '%s' is in " PROGRAMS_DIR
			     "/, where initfs shows the image's programs",
			     name);
		return NULL;
	}
	if (kind != MLK_BUNDLE_MANIFEST && !strcmp(name, MANIFEST_NAME)) {
		mkimage_fail(err, where,
			     "entry name '%s' is reserved for the manifest",
			     name);
		return NULL;
	}
	for (size_t i = 0; i < plan->ninputs; i++) {
		if (!strcmp(plan->inputs[i].name, name)) {
			mkimage_fail(err, where,
				     "duplicate entry name '%s' (also %s)",
				     name, plan->inputs[i].where);
			return NULL;
		}
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

int plan_add_service(struct plan *plan, const struct mlk_manifest_service *svc,
		     const char *path, const char *where,
		     struct mkimage_error *err)
{
	if (plan->nservices == MLK_MANIFEST_MAX_SERVICES)
		return mkimage_fail(err, where,
				    "too many services and programs (at most "
				    "%d)",
				    MLK_MANIFEST_MAX_SERVICES);
	if (service_check_program(svc, where, err) < 0 ||
	    !plan_add(plan, MLK_BUNDLE_SERVICE, svc->name, path, where, err))
		return -1;
	plan->services = xrealloc(plan->services, plan->nservices + 1,
				  sizeof(*plan->services));
	plan->services[plan->nservices++] = *svc;
	return 0;
}

/* The service's name: the file's, without its directory and ".elf". */
static char *service_name_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t len = strlen(base);

	if (len >= 4 && !strcmp(base + len - 4, ".elf"))
		len -= 4;
	return xasprintf("%.*s", (int)len, base);
}

static int add_command_line(struct plan *plan, const char *arg, uint32_t flags,
			    struct mkimage_error *err)
{
	struct mlk_manifest_service svc;
	size_t path_len = strcspn(arg, ":");
	char *path = xasprintf("%.*s", (int)path_len, arg);
	char *name = service_name_of(path);
	int st = check_service_name(name, arg, err);

	if (st == 0) {
		service_init(&svc, name);
		svc.flags = flags;
		if (arg[path_len] == ':')
			st = service_option_list(&svc, arg + path_len + 1, arg,
						 err);
	}
	if (st == 0)
		st = plan_add_service(plan, &svc, path, arg, err);
	free(name);
	free(path);
	return st;
}

int plan_add_command_line_service(struct plan *plan, const char *arg,
				  struct mkimage_error *err)
{
	return add_command_line(plan, arg, 0, err);
}

int plan_add_command_line_program(struct plan *plan, const char *arg,
				  struct mkimage_error *err)
{
	return add_command_line(plan, arg, MLK_SVC_PROGRAM, err);
}

int plan_add_command_line_file(struct plan *plan, const char *arg,
			       struct mkimage_error *err)
{
	const char *eq = strchr(arg, '=');
	char *name;
	struct input *in;

	if (!eq || !eq[1])
		return mkimage_fail(err, arg, "-f wants NAME=PATH");
	name = xasprintf("%.*s", (int)(eq - arg), arg);
	in = plan_add(plan, MLK_BUNDLE_FILE, name, eq + 1, arg, err);
	free(name);
	return in ? 0 : -1;
}

void plan_free(struct plan *plan)
{
	for (size_t i = 0; i < plan->ninputs; i++) {
		free(plan->inputs[i].path);
		free(plan->inputs[i].where);
	}
	free(plan->inputs);
	free(plan->services);
	plan->inputs = NULL;
	plan->services = NULL;
	plan->ninputs = plan->nservices = 0;
}
