/*
 * Run queues: a FIFO per priority and a bitmap of the non-empty ones (see
 * sched.h).  Pure data structure, unit-tested on the build machine.
 */
#include "sched.h"

#include "panic.h"

void runqueue_init(struct runqueue *rq)
{
	rq->bitmap = 0;
	for (int p = 0; p < SCHED_PRIOS; p++)
		list_init(&rq->queues[p]);
}

void runqueue_push(struct runqueue *rq, struct thread *t)
{
	BUG_ON(list_linked(&t->link));
	list_push_back(&rq->queues[t->prio], &t->link);
	rq->bitmap |= 1ULL << t->prio;
}

void runqueue_push_front(struct runqueue *rq, struct thread *t)
{
	BUG_ON(list_linked(&t->link));
	list_push_front(&rq->queues[t->prio], &t->link);
	rq->bitmap |= 1ULL << t->prio;
}

void runqueue_remove(struct runqueue *rq, struct thread *t)
{
	list_remove(&t->link);
	if (list_empty(&rq->queues[t->prio]))
		rq->bitmap &= ~(1ULL << t->prio);
}

int runqueue_top_prio(const struct runqueue *rq)
{
	return rq->bitmap ? 63 - __builtin_clzll(rq->bitmap) : -1;
}

struct thread *runqueue_peek(const struct runqueue *rq)
{
	int p = runqueue_top_prio(rq);

	if (p < 0)
		return NULL;
	return list_entry(rq->queues[p].next, struct thread, link);
}
