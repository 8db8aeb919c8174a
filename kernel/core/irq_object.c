/*
 * The IRQ object: a device interrupt routed to a user-space driver.  The
 * line stays masked until the driver binds a notification; each
 * interrupt masks it again and signals the notification, and the driver
 * acknowledges (irq_ack) to unmask it.  irq.c does the routing.
 */
#include "hal.h"
#include "irq.h"
#include "kobjects.h"
#include "notification.h"
#include "syscall.h"

struct irq_object {
	struct kobj obj;
	unsigned irq;
	struct notification *target;
	uint64_t bits;
};

_Static_assert(offsetof(struct irq_object, obj) == 0, "kobj_alloc: obj first");

/* Interrupt context: mask the line until the driver acknowledges it, and
 * tell the driver through its notification. */
static void irq_to_notification(unsigned irq, void *ctx)
{
	struct irq_object *io = ctx;

	if (irq >= 16)
		arch_intc_disable(irq);
	if (io->target)
		notification_signal(io->target, io->bits);
}

mlk_status_t sys_irq_create(struct thread *self, mlk_handle_t system,
			    uint32_t irq, mlk_handle_t *handle)
{
	struct kobj *sys;
	struct irq_object *io;
	mlk_status_t st =
		LOOKUP(self, system, MLK_OBJ_SYSTEM, MLK_RIGHT_MANAGE, &sys);

	if (st != MLK_OK)
		return st;
	if (irq >= IRQ_COUNT)
		return MLK_ERR_BAD_ARG(1);
	io = kobj_alloc(self->proc, sizeof(*io), MLK_OBJ_IRQ, &st);
	if (!io)
		return st;
	/* Routed, but masked until someone binds it. */
	if (irq_register(irq, irq_to_notification, io)) {
		io->irq =
			IRQ_COUNT; /* not ours: irq_destroy must leave it be */
		kobj_put(&io->obj);
		return MLK_ERR_EXISTS; /* the kernel's or another driver's */
	}
	io->irq = irq;
	arch_intc_disable(irq);
	return give_new(self, &io->obj,
			MLK_RIGHT_MANAGE | MLK_RIGHT_WAIT | MLK_RIGHTS_BASIC,
			handle);
}

mlk_status_t sys_irq_bind(struct thread *self, mlk_handle_t irq,
			  mlk_handle_t notification, uint64_t bits)
{
	struct irq_object *io;
	struct notification *n;
	mlk_status_t st = LOOKUP(self, irq, MLK_OBJ_IRQ, MLK_RIGHT_MANAGE, &io);

	if (st != MLK_OK)
		return st;
	st = LOOKUP(self, notification, MLK_OBJ_NOTIFICATION, MLK_RIGHT_SIGNAL,
		    &n);
	if (st != MLK_OK)
		return st;
	if (!bits)
		return MLK_ERR_BAD_ARG(2);
	if (io->target)
		kobj_put(&io->target->obj);
	kobj_get(&n->obj);
	io->target = n;
	io->bits = bits;
	arch_intc_enable(io->irq);
	return MLK_OK;
}

mlk_status_t sys_irq_ack(struct thread *self, mlk_handle_t irq)
{
	struct irq_object *io;
	mlk_status_t st = LOOKUP(self, irq, MLK_OBJ_IRQ, MLK_RIGHT_MANAGE, &io);

	if (st != MLK_OK)
		return st;
	if (!io->target)
		return MLK_ERR_BAD_STATE;
	arch_intc_enable(io->irq);
	return MLK_OK;
}

mlk_status_t sys_irq_raise(struct thread *self, mlk_handle_t system,
			   uint32_t irq)
{
	struct kobj *sys;
	mlk_status_t st =
		LOOKUP(self, system, MLK_OBJ_SYSTEM, MLK_RIGHT_MANAGE, &sys);

	if (st != MLK_OK)
		return st;
	if (irq > MLK_IRQ_SOFT_MAX)
		return MLK_ERR_BAD_ARG(1); /* software interrupts only */
	arch_intc_send_self_sgi(irq);
	return MLK_OK;
}

static void irq_destroy(struct kobj *o)
{
	struct irq_object *io = container_of(o, struct irq_object, obj);

	irq_unregister(io->irq);
	if (io->target)
		kobj_put(&io->target->obj);
}

const struct kobj_ops irq_ops = { .destroy = irq_destroy };
