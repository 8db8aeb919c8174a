/*
 * Run queues: a FIFO per priority and a bitmap of the non-empty ones (see
 * sched.h, where the operations are inline).
 */
#include "sched.h"

void runqueue_init(struct runqueue *rq)
{
	rq->bitmap = 0;
	for (int p = 0; p < SCHED_PRIOS; p++)
		list_init(&rq->queues[p]);
}
