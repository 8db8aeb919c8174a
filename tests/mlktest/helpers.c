/*
 * mlktest helpers: the runner's grants, time, worker threads, children,
 * kernel facts and memory (see mlktest.h).
 */
#include <mlk/bundle.h>
#include <mlk/runtime.h>

#include <stdio.h>
#include <string.h>

#include "child.h"
#include "mlktest.h"

#define WORKER_STACK (64 * 1024)
#define CHILD_QUOTA (2ull << 20)
#define CHILD_STACK (64 * 1024)
#define MAX_PROCESSES 64
#define MAX_THREADS 128

/* ---- grants -------------------------------------------------------------- */

mlk_handle_t mlktest_system(void)
{
	return mlk_start_handle(MLK_START_SYSTEM, NULL);
}

mlk_handle_t mlktest_log(void)
{
	return mlk_start_handle(MLK_START_LOG, NULL);
}

mlk_handle_t mlktest_bundle(void)
{
	return mlk_start_handle(MLK_START_BUNDLE, NULL);
}

/* ---- kernel facts -------------------------------------------------------- */

static bool find_process(bool (*match)(const struct mlk_process_info *,
				       const void *),
			 const void *key, struct mlk_process_info *out)
{
	struct mlk_process_info all[MAX_PROCESSES];
	uint64_t n = 0;

	if (mlk_system_info(mlktest_system(), MLK_INFO_PROCESSES, all,
			    sizeof(all), &n) != MLK_OK)
		return false;
	for (uint64_t i = 0; i < n && i < MAX_PROCESSES; i++)
		if (match(&all[i], key)) {
			*out = all[i];
			return true;
		}
	return false;
}

static bool pid_is(const struct mlk_process_info *pi, const void *key)
{
	return pi->pid == *(const uint64_t *)key;
}

static bool name_is(const struct mlk_process_info *pi, const void *key)
{
	return !strcmp(pi->name, key);
}

bool info_process(uint64_t pid, struct mlk_process_info *pi)
{
	return find_process(pid_is, &pid, pi);
}

bool info_process_named(const char *name, struct mlk_process_info *pi)
{
	return find_process(name_is, name, pi);
}

bool info_self(struct mlk_process_info *pi)
{
	uint64_t pid = 0;

	return mlk_object_id(MLK_HANDLE_SELF_PROCESS, &pid) == MLK_OK &&
	       info_process(pid, pi);
}

/* A thread by id, or (tid 0) by process and name. */
static bool find_thread(uint64_t tid, uint64_t pid, const char *name,
			struct mlk_thread_info *out)
{
	struct mlk_thread_info all[MAX_THREADS];
	uint64_t n = 0;

	if (mlk_system_info(mlktest_system(), MLK_INFO_THREADS, all,
			    sizeof(all), &n) != MLK_OK)
		return false;
	for (uint64_t i = 0; i < n && i < MAX_THREADS; i++)
		if (tid ? all[i].tid == tid
			: all[i].pid == pid && !strcmp(all[i].name, name)) {
			*out = all[i];
			return true;
		}
	return false;
}

bool info_thread(uint64_t tid, struct mlk_thread_info *ti)
{
	return find_thread(tid, 0, NULL, ti);
}

uint64_t info_count(uint32_t what)
{
	uint64_t n = 0;

	mlk_system_info(mlktest_system(), what, NULL, 0, &n);
	return n;
}

uint64_t info_free_bytes(void)
{
	struct mlk_memory_info mi = { 0 };
	uint64_t n;

	mlk_system_info(mlktest_system(), MLK_INFO_MEMORY, &mi, sizeof(mi), &n);
	return mi.free_bytes;
}

uint32_t mlktest_priority(void)
{
	static uint32_t prio;
	struct mlk_thread_info ti;
	uint64_t tid = 0;

	if (!prio && mlk_object_id(MLK_HANDLE_SELF_THREAD, &tid) == MLK_OK &&
	    info_thread(tid, &ti))
		prio = ti.priority;
	return prio;
}

/* ---- time ---------------------------------------------------------------- */

uint64_t now_ns(void)
{
	return mlk_clock_now();
}

void spin_ns(uint64_t ns)
{
	uint64_t end = now_ns() + ns;

	while (now_ns() < end)
		;
}

/* ---- memory -------------------------------------------------------------- */

void *map_new(uint64_t size, uint32_t mem_flags, mlk_handle_t *mem)
{
	mlk_handle_t h;
	uint64_t addr;
	mlk_status_t st = mlk_mem_create(size, mem_flags, &h);

	if (st != MLK_OK)
		return NULL;
	st = mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, h, 0, 0, size,
			    MLK_MAP_READ | MLK_MAP_WRITE, &addr);
	if (st != MLK_OK || !mem)
		mlk_handle_close(h);
	else
		*mem = h;
	return st == MLK_OK ? (void *)(uintptr_t)addr : NULL;
}

mlk_status_t unmap(void *addr, uint64_t size)
{
	return mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, (uint64_t)addr, size);
}

const void *bundle_entry(const char *name, uint64_t *size)
{
	static const void *bundle;
	const struct mlk_bundle_entry *e;

	if (!bundle) {
		uint64_t bytes, addr;
		if (mlk_mem_size(mlktest_bundle(), &bytes) != MLK_OK ||
		    mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, mlktest_bundle(), 0,
				   0, bytes, MLK_MAP_READ, &addr) != MLK_OK)
			return NULL;
		bundle = (const void *)(uintptr_t)addr;
	}
	e = mlk_bundle_find(bundle, name);
	if (!e)
		return NULL;
	*size = e->size;
	return mlk_bundle_data(bundle, e);
}

/* ---- worker threads ------------------------------------------------------ */

/* Who jumps here: the kernel, starting a worker; x0 = its struct worker. */
static void worker_main(uint64_t arg)
{
	struct worker *w = (struct worker *)arg;

	w->fn(w->arg);
	mlk_signal(w->done, 1);
	mlk_thread_exit(0);
}

static void worker_free(struct worker *w)
{
	if (w->thread)
		mlk_handle_close(w->thread);
	if (w->done)
		mlk_handle_close(w->done);
	if (w->stack)
		unmap(w->stack, WORKER_STACK);
	memset(w, 0, sizeof(*w));
}

mlk_status_t worker_create(struct worker *w, void (*fn)(void *), void *arg,
			   uint32_t priority)
{
	static unsigned serial;
	mlk_status_t st;

	memset(w, 0, sizeof(*w));
	w->fn = fn;
	w->arg = arg;
	snprintf(w->name, sizeof(w->name), "worker%u", ++serial);
	w->stack = map_new(WORKER_STACK, 0, NULL);
	if (!w->stack)
		return MLK_ERR_NO_MEMORY;
	st = mlk_notification_create(&w->done);
	if (st == MLK_OK)
		st = mlk_thread_create(
			MLK_HANDLE_SELF_PROCESS, (uint64_t)worker_main,
			(uint64_t)w->stack + WORKER_STACK, (uint64_t)w,
			priority, w->name, strlen(w->name), &w->thread);
	if (st != MLK_OK)
		worker_free(w);
	return st;
}

mlk_status_t worker_start(struct worker *w, void (*fn)(void *), void *arg,
			  uint32_t priority)
{
	mlk_status_t st = worker_create(w, fn, arg, priority);

	if (st == MLK_OK) {
		st = mlk_thread_start(w->thread);
		if (st != MLK_OK)
			worker_free(w);
	}
	return st;
}

bool worker_info(const struct worker *w, struct mlk_thread_info *ti)
{
	struct mlk_process_info me;

	return info_self(&me) && find_thread(0, me.pid, w->name, ti);
}

bool worker_gone(const struct worker *w)
{
	struct mlk_thread_info ti;

	return !worker_info(w, &ti);
}

/* Poll the thread (by id, or by process and name) until it is in `state`. */
static bool thread_settle(uint64_t tid, uint64_t pid, const char *name,
			  uint32_t state)
{
	uint64_t until = now_ns() + SETTLE_NS;
	struct mlk_thread_info ti;

	while (find_thread(tid, pid, name, &ti)) {
		if (ti.state == state)
			return true;
		if (now_ns() > until)
			return false;
		mlk_sleep(now_ns() + SETTLE_POLL_NS);
	}
	return false; /* it ended */
}

bool worker_settle(const struct worker *w, uint32_t state)
{
	struct mlk_process_info me;

	return info_self(&me) && thread_settle(0, me.pid, w->name, state);
}

bool worker_join(struct worker *w, uint64_t timeout_ns)
{
	uint64_t deadline = now_ns() + timeout_ns, bits;

	if (!w->thread)
		return false;
	if (mlk_wait(w->done, deadline, &bits) != MLK_OK)
		return false;
	/* It signalled on its way out; let it get there. */
	while (!worker_gone(w)) {
		if (now_ns() > deadline)
			return false;
		mlk_sleep(now_ns() + MS);
	}
	worker_free(w);
	return true;
}

/* ---- children ------------------------------------------------------------ */

static mlk_status_t add_start_handle(struct mlk_spawn *sp, uint32_t kind,
				     mlk_handle_t h)
{
	if (sp->nhandles == MLK_STARTINFO_MAX_HANDLES)
		return MLK_ERR_TOO_BIG;
	sp->handles[sp->nhandles].kind = kind;
	sp->handles[sp->nhandles].handle = h;
	sp->nhandles++;
	return MLK_OK;
}

mlk_status_t child_spawn(struct child *c, const char *args,
			 const struct child_opts *o)
{
	static const struct child_opts none;
	struct mlk_spawn sp = { .name = CHILD_PROGRAM, .args = args };
	mlk_handle_t ctrl = 0;
	uint64_t elf_size = 0;
	mlk_status_t st;

	o = o ? o : &none;
	memset(c, 0, sizeof(*c));
	sp.elf = bundle_entry(CHILD_PROGRAM, &elf_size);
	sp.elf_size = elf_size;
	if (!sp.elf)
		return MLK_ERR_NOT_FOUND;
	sp.priority = o->priority ? o->priority : mlktest_priority();
	sp.quota = o->quota ? o->quota : CHILD_QUOTA;
	sp.stack_size = CHILD_STACK;
	st = mlk_endpoint_create(&c->sup);
	if (st != MLK_OK)
		return st;
	if (!o->unsupervised)
		sp.supervisor = c->sup;
	/* A send-only copy: the child may report, not receive. */
	st = mlk_handle_duplicate(c->sup, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC,
				  &ctrl);
	if (st == MLK_OK)
		st = add_start_handle(&sp, CHILD_H_CTRL, ctrl);
	for (uint32_t i = 0; i < o->nhandles && st == MLK_OK; i++)
		st = add_start_handle(&sp, o->kinds[i], o->handles[i]);
	if (st == MLK_OK)
		st = mlk_spawn(&sp, &c->h);
	if (ctrl)
		mlk_handle_close(ctrl);
	if (st != MLK_OK) {
		mlk_handle_close(c->sup);
		memset(c, 0, sizeof(*c));
	}
	return st;
}

mlk_status_t child_recv(struct child *c, struct mlk_msg *m, uint64_t timeout_ns)
{
	mlk_status_t st = mlk_msg_recv(c->sup, m, now_ns() + timeout_ns);

	if (st != MLK_OK)
		return st;
	if (m->label == MLK_LABEL_FAULT || m->label == MLK_LABEL_EXIT)
		c->pid = m->w[4];
	if (m->label == MLK_LABEL_EXIT) {
		c->dead = true;
		c->code = (int64_t)m->w[0];
	}
	return MLK_OK;
}

mlk_status_t child_wait_exit(struct child *c, uint64_t timeout_ns,
			     int64_t *code)
{
	uint64_t deadline = now_ns() + timeout_ns;
	struct mlk_msg m;

	while (!c->dead) {
		uint64_t left = deadline > now_ns() ? deadline - now_ns() : 0;
		mlk_status_t st = child_recv(c, &m, left ? left : 1);
		if (st != MLK_OK)
			return st;
		if (m.label == MLK_LABEL_FAULT)
			return MLK_ERR_BAD_STATE; /* it will not end by itself
						   */
	}
	if (code)
		*code = c->code;
	return MLK_OK;
}

bool child_settle(const struct child *c, uint32_t state)
{
	uint64_t tid = 0;

	return mlk_object_id(c->h.thread, &tid) == MLK_OK &&
	       thread_settle(tid, 0, NULL, state);
}

void child_cleanup(struct child *c)
{
	if (!c->sup)
		return;
	if (!c->dead &&
	    mlk_process_kill(c->h.process, MLK_EXIT_KILLED) == MLK_OK)
		child_wait_exit(c, 1000 * MS, NULL);
	if (c->h.thread)
		mlk_handle_close(c->h.thread);
	if (c->h.aspace)
		mlk_handle_close(c->h.aspace);
	if (c->h.process)
		mlk_handle_close(c->h.process);
	mlk_handle_close(c->sup);
	memset(c, 0, sizeof(*c));
}
