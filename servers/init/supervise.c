/*
 * Starting and supervising services, after Minix 3's reincarnation
 * server: a service that faults or exits is logged and, if its manifest
 * entry asks for it, started again as the restart policy says
 * (policy.c).
 */
#include <mlk/elf.h>
#include <mlk/names.h>
#include <mlk/runtime.h>

#include <stdio.h>
#include <string.h>

#include "bootargs.h"
#include "fault_name.h"
#include "init.h"
#include "policy.h"
#include "symbols.h"

#define DEFAULT_QUOTA (32ull << 20)

void services_load(void)
{
	const struct mlk_bundle_entry *e =
		mlk_bundle_find(init.bundle, "manifest");
	const struct mlk_manifest_header *mh;

	if (!e) {
		printf("init: the bundle has no manifest: no services\n");
		return;
	}
	mh = mlk_bundle_data(init.bundle, e);
	if (mlk_manifest_check(mh, e->size) != MLK_OK) {
		printf("init: the manifest is malformed: no services\n");
		return;
	}
	const struct mlk_manifest_service *ms =
		(const void *)((const char *)mh + sizeof(*mh));
	for (uint32_t i = 0; i < mh->count; i++) {
		const struct mlk_bundle_entry *elf =
			mlk_bundle_find(init.bundle, ms[i].name);
		if (!elf || MLK_BUNDLE_KIND(elf->flags) != MLK_BUNDLE_SERVICE) {
			printf("init: %s: no such service in the bundle\n",
			       ms[i].name);
			continue;
		}
		if (!virtio_instances(&ms[i], elf) && !service_add(&ms[i], elf))
			printf("init: %s: left out: init keeps at most %u "
			       "services\n",
			       ms[i].name, MAX_SERVICES);
	}
	printf("init: %u service%s in the manifest\n", init.nservices,
	       init.nservices == 1 ? "" : "s");
}

struct service *service_add(const struct mlk_manifest_service *entry,
			    const struct mlk_bundle_entry *elf)
{
	if (init.nservices == MAX_SERVICES)
		return NULL;
	struct service *s = &init.services[init.nservices++];
	memset(s, 0, sizeof(*s));
	s->entry = entry;
	if (entry)
		s->m = *entry;
	s->elf = mlk_bundle_data(init.bundle, elf);
	s->elf_size = elf->size;
	s->badge = init.nservices; /* index + 1: never 0 */
	return s;
}

struct service *service_by_name(const char *name)
{
	for (unsigned i = 0; i < init.nservices; i++)
		if (!strcmp(init.services[i].m.name, name))
			return &init.services[i];
	return NULL;
}

struct service *service_by_badge(uint64_t badge)
{
	if (badge == 0 || badge > init.nservices)
		return NULL;
	return &init.services[badge - 1];
}

struct service *service_of_report(const struct mlk_msg *m)
{
	struct service *s =
		(m->badge & SUPERVISION_BIT)
			? service_by_badge(m->badge & ~SUPERVISION_BIT)
			: NULL;

	if (!s || !s->running || m->w[4] != s->pid) {
		printf("init: report about process %lu (badge %#lx) matches "
		       "no running service; ignored\n",
		       (unsigned long)m->w[4], (unsigned long)m->badge);
		return NULL;
	}
	return s;
}

/* ---- grants -------------------------------------------------------------- */

bool spawn_add_handle(struct mlk_spawn *sp, uint32_t kind, mlk_handle_t h,
		      uint64_t value, const char *name)
{
	if (sp->nhandles == MLK_STARTINFO_MAX_HANDLES)
		return false;
	struct mlk_start_handle *sh = &sp->handles[sp->nhandles++];
	sh->kind = kind;
	sh->handle = h;
	sh->value = value;
	strlcpy(sh->name, name ? name : "", sizeof(sh->name));
	return true;
}

/* A handle init made for the child, or TOO_BIG (and the handle closed)
 * when the start info has no room left: a grant is never dropped. */
static mlk_status_t give_made(struct mlk_spawn *sp, uint32_t kind,
			      mlk_handle_t h, uint64_t value, const char *name)
{
	if (spawn_add_handle(sp, kind, h, value, name))
		return MLK_OK;
	mlk_handle_close(h);
	return MLK_ERR_TOO_BIG;
}

/* A device's registers and interrupt, found by compatible string. */
static mlk_status_t grant_device(struct mlk_spawn *sp, const char *compat)
{
	uint64_t base, size, page, span;
	int node = device_find(compat, &base, &size);
	struct dt_irq irq;
	mlk_handle_t dev, ih;
	mlk_status_t st;

	if (node < 0)
		return MLK_ERR_NOT_FOUND;
	device_pages(base, size, &page, &span);
	st = mlk_device_create(init.boot->system, page, span, &dev);
	if (st == MLK_OK)
		st = give_made(sp, MLK_START_DEVICE, dev, base, compat);
	if (st != MLK_OK)
		return st;
	uint32_t intid;
	/* dt_irq_intid refuses a number past the GIC's range rather than
	 * let it wrap into another interrupt. */
	if (dt_irq(&init.dt, node, 0, &irq) == DT_OK &&
	    dt_irq_intid(&irq, &intid) == DT_OK) {
		st = mlk_irq_create(init.boot->system, intid, &ih);
		if (st == MLK_OK)
			st = give_made(sp, MLK_START_IRQ, ih, intid, compat);
	}
	return st;
}

/* A send handle to init with the control badge: what makes its holder's
 * run, kill and crash requests count (control.c). */
static mlk_status_t grant_control(const struct service *s, struct mlk_spawn *sp)
{
	mlk_handle_t h;
	mlk_status_t st =
		mlk_endpoint_mint(init.ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC,
				  CONTROL_BADGE(s), &h);

	return st == MLK_OK ? give_made(sp, MLK_START_INIT_CONTROL, h, 0, NULL)
			    : st;
}

/* A handle of init's own (no copy made): false when there is no room. */
static mlk_status_t give_own(struct mlk_spawn *sp, uint32_t kind,
			     mlk_handle_t h, uint64_t value)
{
	return spawn_add_handle(sp, kind, h, value, NULL) ? MLK_OK
							  : MLK_ERR_TOO_BIG;
}

static mlk_status_t add_grant(struct service *s, struct mlk_spawn *sp,
			      const struct mlk_manifest_grant *g)
{
	const struct mlk_bootinfo *bi = init.boot;

	switch (g->kind) {
	case MLK_GRANT_LOG:
		return give_own(sp, MLK_START_LOG, bi->log, 0);
	case MLK_GRANT_SYSTEM:
		return give_own(sp, MLK_START_SYSTEM, bi->system, 0);
	case MLK_GRANT_BUNDLE:
		return give_own(sp, MLK_START_BUNDLE, bi->bundle,
				bi->bundle_size);
	case MLK_GRANT_DEVTREE:
		return give_own(sp, MLK_START_DEVTREE, bi->devtree,
				bi->devtree_size);
	case MLK_GRANT_CONTROL:
		return grant_control(s, sp);
	case MLK_GRANT_DEVICE:
		return grant_device(sp, g->arg);
	case MLK_GRANT_VIRTIO:
		return virtio_grant(s, sp);
	default:
		return MLK_OK;
	}
}

/* Every grant or none: a service never runs without one it was given
 * (mlk-mkimage refuses grants that need more than the start info's
 * MLK_STARTINFO_MAX_HANDLES handles; an image made otherwise is told
 * here). */
static mlk_status_t add_grants(struct service *s, struct mlk_spawn *sp)
{
	for (uint32_t i = 0; i < s->m.ngrants; i++) {
		const struct mlk_manifest_grant *g = &s->m.grants[i];
		mlk_status_t st = add_grant(s, sp, g);

		if (st == MLK_ERR_TOO_BIG)
			printf("init: %s: its grants need more than %u "
			       "handles\n",
			       s->m.name, MLK_STARTINFO_MAX_HANDLES);
		else if (st != MLK_OK && g->kind == MLK_GRANT_DEVICE)
			printf("init: %s: no device '%s' (status %ld)\n",
			       s->m.name, g->arg, (long)st);
		else if (st != MLK_OK && g->kind == MLK_GRANT_VIRTIO)
			printf("init: %s: cannot grant its virtio device "
			       "(status %ld)\n",
			       s->m.name, (long)st);
		if (st != MLK_OK)
			return st;
	}
	return MLK_OK;
}

/* Handles init made only for the child (devices, IRQs): the child has
 * its copies now, so that they go with the child when it goes. */
static void drop_made_handles(const struct mlk_spawn *sp)
{
	for (uint32_t i = 0; i < sp->nhandles; i++)
		if (sp->handles[i].kind == MLK_START_DEVICE ||
		    sp->handles[i].kind == MLK_START_IRQ ||
		    sp->handles[i].kind == MLK_START_NAMES ||
		    sp->handles[i].kind == MLK_START_INIT_CONTROL)
			mlk_handle_close(sp->handles[i].handle);
}

/* ---- starting ------------------------------------------------------------ */

static void schedule_restart(struct service *s, bool requested, uint64_t now);

/* Not a program: no second try can help.  Anything else (no memory for
 * it just now, say) may pass, so a service init restarts tries again as
 * after a crash, with the same back-off and its manifest's give-up. */
static void start_failed(struct service *s, mlk_status_t st)
{
	if (st == MLK_ERR_BAD_FORMAT) {
		printf("init: %s: not a program: %s\n", s->m.name,
		       mlk_elf_strerror(s->h.elf_error));
		s->gave_up = true;
		return;
	}
	printf("init: %s: cannot start (status %ld)\n", s->m.name, (long)st);
	s->started_ns = mlk_clock_now();
	if (s->m.flags & MLK_SVC_RESTART)
		schedule_restart(s, false, s->started_ns);
	else
		s->gave_up = true;
}

/* Its arguments, and then those the boot arguments give it
 * (bootargs.h); without the latter, and saying so, if they do not fit. */
static void start_args(const struct service *s, char *args, size_t size)
{
	if (!bootargs_for_service(s->m.name, s->m.args, init.boot->cmdline,
				  args, size))
		printf("init: %s: its boot arguments left out: with its own "
		       "they need more than %zu bytes\n",
		       s->m.name, size - 1);
}

void service_start(struct service *s)
{
	char args[MLK_STARTINFO_ARGS_SIZE];
	struct mlk_spawn sp = {
		.name = s->m.name,
		.elf = s->elf,
		.elf_size = s->elf_size,
		.priority = s->m.priority,
		.quota = s->m.quota ? s->m.quota : DEFAULT_QUOTA,
		.args = args,
	};
	mlk_handle_t names;
	mlk_status_t st;

	start_args(s, args, sizeof(args));
	s->restart_at_ns = 0;
	/* Its names handle says who asks; its reports come from the kernel
	 * with the supervision badge and its process id. */
	st = mlk_endpoint_mint(init.ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC,
			       s->badge, &names);
	if (st == MLK_OK) {
		spawn_add_handle(&sp, MLK_START_NAMES, names, 0, NULL);
		sp.supervisor = init.ep;
		sp.supervisor_badge = SUPERVISION_BADGE(s);
		st = add_grants(s, &sp);
	}
	if (st == MLK_OK)
		st = mlk_spawn(&sp, &s->h);
	drop_made_handles(&sp);
	if (st != MLK_OK) {
		start_failed(s, st);
		return;
	}
	s->running = true;
	s->gave_up = false;
	s->started_ns = mlk_clock_now();
	mlk_object_id(s->h.process, &s->pid);
	printf("init: started %s (priority %u)\n", s->m.name, s->m.priority);
}

/* ---- faults and exits ---------------------------------------------------- */

/* Which function faulted, from the program's symbols in the bundle. */
static void log_fault_function(const struct service *s, uint64_t pc)
{
	char line[256];

	symbol_describe(line, sizeof(line), s->m.name,
			s->entry ? s->entry->name : s->m.name, s->elf,
			s->elf_size, pc);
	printf("%s\n", line);
}

void service_faulted(const struct mlk_msg *m)
{
	struct service *s = service_of_report(m);

	if (!s)
		return;
	printf("init: %s faulted at pc=%#lx addr=%#lx (%s)\n", s->m.name,
	       (unsigned long)m->w[2], (unsigned long)m->w[1],
	       fault_kind_name(m->w[0]));
	log_fault_function(s, m->w[2]);
	/* Its exit message follows and decides what comes next. */
	mlk_process_kill(s->h.process, MLK_EXIT_FAULTED);
}

static void forget_process(struct service *s)
{
	mlk_handle_close(s->h.thread);
	mlk_handle_close(s->h.aspace);
	mlk_handle_close(s->h.process);
	memset(&s->h, 0, sizeof(s->h));
	s->running = false;
	s->pid = 0;
}

/* Did the run that just ended with `code` end because init was asked to
 * end it?  Only init's own word counts: a service that exits with
 * MLK_EXIT_KILLED by itself has crashed like any other. */
static bool end_requested(struct service *s, int64_t code)
{
	bool requested = s->kill_requested && code == MLK_EXIT_KILLED;

	s->kill_requested = false;
	return requested;
}

static void log_end(const struct service *s, int64_t code, bool requested)
{
	if (requested)
		printf("init: %s ended on request\n", s->m.name);
	else if (code == MLK_EXIT_FAULTED)
		printf("init: %s ended after a fault\n", s->m.name);
	else
		printf("init: %s exited with code %ld\n", s->m.name,
		       (long)code);
}

/* The run ended (on request or not): restart the service if its entry
 * says so, when the policy says. */
static void schedule_restart(struct service *s, bool requested, uint64_t now)
{
	uint64_t delay;

	if (!(s->m.flags & MLK_SVC_RESTART))
		return;
	if (!policy_restart(&s->crashes, s->m.give_up, requested,
			    now - s->started_ns, &delay)) {
		printf("init: %s crashed %u times in a row; giving up on it\n",
		       s->m.name, (unsigned)s->crashes);
		s->gave_up = true;
		return;
	}
	s->restart_at_ns = now + delay;
	s->restarts++;
	if (requested)
		printf("init: restarting %s now\n", s->m.name);
	else
		printf("init: restarting %s in %lu ms (crash %u in a row)\n",
		       s->m.name, (unsigned long)(delay / 1000000),
		       (unsigned)s->crashes);
}

void service_exited(const struct mlk_msg *m)
{
	struct service *s = service_of_report(m);
	int64_t code = (int64_t)m->w[0];

	if (!s)
		return;
	forget_process(s);
	names_forget(s->badge);
	s->exit_code = code;
	bool requested = end_requested(s, code);
	log_end(s, code, requested);
	if (s->m.flags & MLK_SVC_POWEROFF) {
		uint32_t status = policy_poweroff_status(code);
		printf("init: %s was the system's purpose; powering off with "
		       "status %u\n",
		       s->m.name, (unsigned)status);
		mlk_system_poweroff(init.boot->system, status);
	}
	schedule_restart(s, requested, mlk_clock_now());
}

uint64_t services_restart_due(uint64_t now)
{
	uint64_t next = 0;

	for (unsigned i = 0; i < init.nservices; i++) {
		struct service *s = &init.services[i];
		if (!s->restart_at_ns || s->gave_up)
			continue;
		if (s->restart_at_ns <= now)
			service_start(s);
		else if (!next || s->restart_at_ns < next)
			next = s->restart_at_ns;
	}
	return next;
}
