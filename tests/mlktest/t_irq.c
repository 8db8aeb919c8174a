/*
 * Interrupts and devices: irq_create, irq_bind, irq_ack, irq_raise
 * (software-generated interrupts delivered through a notification), and
 * device_create.
 */
#include "mlktest.h"

/* A software-generated interrupt of the GIC nobody else uses. */
#define SGI 5
/* The kernel's timer: the EL1 virtual timer, PPI 11, on QEMU virt. */
#define TIMER_INTID 27
/* QEMU virt's PL011 (board facts; the kernel found them in the DTB). */
#define UART_PHYS 0x09000000ull

static bool irq_with_notification(uint32_t irq, mlk_handle_t *h,
				  mlk_handle_t *n, uint64_t bits)
{
	if (!CHECK_OK(mlk_irq_create(mlktest_system(), irq, h)))
		return false;
	if (CHECK_OK(mlk_notification_create(n))) {
		if (CHECK_OK(mlk_irq_bind(*h, *n, bits)))
			return true;
		mlk_handle_close(*n);
	}
	mlk_handle_close(*h);
	return false;
}

TEST(irq, raise_delivers_bits)
{
	mlk_handle_t irq, n;
	uint64_t bits = 0;
	uint32_t t, r;

	if (!irq_with_notification(SGI, &irq, &n, 0x10))
		return;
	CHECK_OK(mlk_handle_info(irq, &t, &r));
	CHECK_EQ(t, MLK_OBJ_IRQ);
	CHECK_EQ(r, MLK_RIGHT_MANAGE | MLK_RIGHT_WAIT | MLK_RIGHTS_BASIC);
	CHECK_ST(mlk_poll(n, &bits), MLK_ERR_UNAVAILABLE);
	CHECK_OK(mlk_irq_raise(mlktest_system(), SGI));
	CHECK_OK(mlk_wait(n, now_ns() + 100 * MS, &bits));
	CHECK_EQ(bits, 0x10);
	CHECK_OK(mlk_irq_ack(irq));
	/* And again, after the acknowledgement. */
	CHECK_OK(mlk_irq_raise(mlktest_system(), SGI));
	CHECK_OK(mlk_wait(n, now_ns() + 100 * MS, &bits));
	CHECK_EQ(bits, 0x10);
	CHECK_OK(mlk_irq_ack(irq));
	mlk_handle_close(n);
	mlk_handle_close(irq);
}

struct irq_waiter {
	mlk_handle_t n;
	uint64_t bits;
	mlk_status_t st;
};

static void wait_irq(void *arg)
{
	struct irq_waiter *w = arg;

	w->st = mlk_wait(w->n, now_ns() + 1000 * MS, &w->bits);
}

TEST(irq, wakes_blocked_waiter)
{
	struct irq_waiter iw = { 0 };
	struct worker w;
	mlk_handle_t irq;

	if (!irq_with_notification(SGI, &irq, &iw.n, 1ull << 40))
		return;
	if (CHECK_OK(worker_start(&w, wait_irq, &iw, mlktest_priority()))) {
		CHECK(worker_settle(&w, MLK_THREAD_WAIT));
		CHECK_OK(mlk_irq_raise(mlktest_system(), SGI));
		CHECK(worker_join(&w, 1000 * MS));
		CHECK_OK(iw.st);
		CHECK_EQ(iw.bits, 1ull << 40);
	}
	mlk_irq_ack(irq);
	mlk_handle_close(iw.n);
	mlk_handle_close(irq);
}

TEST(irq, rebind)
{
	mlk_handle_t irq, n1, n2;
	uint64_t bits = 0;

	if (!irq_with_notification(SGI, &irq, &n1, 1))
		return;
	if (CHECK_OK(mlk_notification_create(&n2))) {
		CHECK_OK(mlk_irq_bind(irq, n2, 2));
		CHECK_OK(mlk_irq_raise(mlktest_system(), SGI));
		CHECK_OK(mlk_wait(n2, now_ns() + 100 * MS, &bits));
		CHECK_EQ(bits, 2);
		CHECK_ST(mlk_poll(n1, &bits), MLK_ERR_UNAVAILABLE);
		mlk_irq_ack(irq);
		/* The binding holds the notification, not our handle. */
		mlk_handle_close(n2);
		CHECK_OK(mlk_irq_raise(mlktest_system(), SGI));
		mlk_sleep(now_ns() + MS);
		CHECK_OK(mlk_irq_ack(irq));
	}
	mlk_handle_close(n1);
	mlk_handle_close(irq);
}

TEST(irq, taken_once)
{
	mlk_handle_t a, b;

	CHECK_ST(mlk_irq_create(mlktest_system(), TIMER_INTID, &a),
		 MLK_ERR_EXISTS);
	if (!CHECK_OK(mlk_irq_create(mlktest_system(), SGI, &a)))
		return;
	CHECK_ST(mlk_irq_create(mlktest_system(), SGI, &b), MLK_ERR_EXISTS);
	mlk_handle_close(a);
	/* Free again once its handle went. */
	if (CHECK_OK(mlk_irq_create(mlktest_system(), SGI, &b)))
		mlk_handle_close(b);
}

TEST(irq, errors)
{
	mlk_handle_t irq, n, wait_only, weak;
	uint64_t r1, r2;

	CHECK_ST(mlk_irq_create(mlktest_system(), MLK_IRQ_MAX + 1, &irq),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_irq_create(mlktest_system(), 0xffffffffu, &irq),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_svc(MLK_SYS_irq_create, mlktest_system(), (1ull << 32) | 5,
			 0, 0, 0, 0, 0, &r1, &r2),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_irq_raise(mlktest_system(), MLK_IRQ_SOFT_MAX + 1),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_irq_raise(mlktest_system(), 1000), MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_irq_create(0, SGI, &irq), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_irq_create(MLK_HANDLE_SELF_PROCESS, SGI, &irq),
		 MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_irq_raise(mlktest_log(), SGI), MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_irq_ack(0), MLK_ERR_BAD_HANDLE);
	if (!CHECK_OK(mlk_irq_create(mlktest_system(), SGI, &irq)))
		return;
	CHECK_ST(mlk_irq_ack(irq), MLK_ERR_BAD_STATE); /* not bound */
	if (CHECK_OK(mlk_notification_create(&n))) {
		CHECK_ST(mlk_irq_bind(irq, n, 0), MLK_ERR_BAD_ARG(2));
		CHECK_OK(mlk_handle_duplicate(n, MLK_RIGHT_WAIT, &wait_only));
		CHECK_ST(mlk_irq_bind(irq, wait_only, 1),
			 MLK_ERR_ACCESS_DENIED);
		CHECK_ST(mlk_irq_bind(irq, irq, 1), MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_irq_bind(n, n, 1), MLK_ERR_WRONG_TYPE);
		CHECK_OK(mlk_handle_duplicate(irq, MLK_RIGHT_WAIT, &weak));
		CHECK_ST(mlk_irq_bind(weak, n, 1), MLK_ERR_ACCESS_DENIED);
		CHECK_ST(mlk_irq_ack(weak), MLK_ERR_ACCESS_DENIED);
		mlk_handle_close(weak);
		mlk_handle_close(wait_only);
		mlk_handle_close(n);
	}
	mlk_handle_close(irq);
}

/* Raised with nobody listening: nothing happens, and the line still works
 * for whoever takes it afterwards. */
TEST(irq, raise_unclaimed)
{
	mlk_handle_t irq, n;
	uint64_t bits = 0;

	CHECK_OK(mlk_irq_raise(mlktest_system(), SGI + 1));
	mlk_sleep(now_ns() + MS);
	if (!irq_with_notification(SGI + 1, &irq, &n, 4))
		return;
	CHECK_ST(mlk_poll(n, &bits), MLK_ERR_UNAVAILABLE);
	CHECK_OK(mlk_irq_raise(mlktest_system(), SGI + 1));
	CHECK_OK(mlk_wait(n, now_ns() + 100 * MS, &bits));
	CHECK_EQ(bits, 4);
	mlk_irq_ack(irq);
	mlk_handle_close(n);
	mlk_handle_close(irq);
}

/* ---- device registers ---------------------------------------------------- */

TEST(irq, device_create_checks)
{
	mlk_handle_t d, ram;
	uint64_t phys = 0;

	CHECK_ST(mlk_device_create(mlktest_system(), UART_PHYS + 8,
				   MLK_PAGE_SIZE, &d),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_device_create(mlktest_system(), UART_PHYS, 0, &d),
		 MLK_ERR_BAD_ARG(2));
	CHECK_ST(mlk_device_create(mlktest_system(), UART_PHYS, 100, &d),
		 MLK_ERR_BAD_ARG(2));
	CHECK_ST(mlk_device_create(mlktest_system(), 0xfffffffffffff000ull,
				   0x2000, &d),
		 MLK_ERR_BAD_ARG(2));
	CHECK_ST(mlk_device_create(MLK_HANDLE_SELF_PROCESS, UART_PHYS,
				   MLK_PAGE_SIZE, &d),
		 MLK_ERR_WRONG_TYPE);
	/* RAM is the kernel's to hand out, not a device. */
	if (CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, MLK_MEM_CONTIGUOUS, &ram))) {
		CHECK_OK(mlk_mem_phys(ram, &phys));
		CHECK_ST(mlk_device_create(mlktest_system(), phys,
					   MLK_PAGE_SIZE, &d),
			 MLK_ERR_ACCESS_DENIED);
		/* A range that only ends in RAM. */
		CHECK_ST(mlk_device_create(mlktest_system(), phys - 0x10000,
					   0x11000, &d),
			 MLK_ERR_ACCESS_DENIED);
		mlk_handle_close(ram);
	}
}

TEST(irq, device_map_and_read)
{
	mlk_handle_t d;
	uint64_t v = 0, addr;
	uint32_t t, r;

	if (!CHECK_OK(mlk_device_create(mlktest_system(), UART_PHYS,
					MLK_PAGE_SIZE, &d)))
		return;
	CHECK_OK(mlk_handle_info(d, &t, &r));
	CHECK_EQ(t, MLK_OBJ_DEVICE);
	CHECK_EQ(r, MLK_RIGHT_READ | MLK_RIGHT_WRITE | MLK_RIGHT_MAP |
			    MLK_RIGHT_PHYS | MLK_RIGHTS_BASIC);
	CHECK_OK(mlk_mem_size(d, &v));
	CHECK_EQ(v, MLK_PAGE_SIZE);
	CHECK_OK(mlk_mem_phys(d, &v));
	CHECK_EQ(v, UART_PHYS);
	/* Registers are no memory object: map them, do not copy them. */
	CHECK_ST(mlk_mem_read(d, 0, &v, 4), MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, d, 0, 0, MLK_PAGE_SIZE,
				MLK_MAP_READ | MLK_MAP_EXEC, &addr),
		 MLK_ERR_ACCESS_DENIED);
	if (CHECK_OK(mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, d, 0, 0,
				    MLK_PAGE_SIZE, MLK_MAP_READ, &addr))) {
		/* The PrimeCell identification registers of the PL011. */
		volatile const uint32_t *id =
			(volatile const uint32_t *)(addr + 0xfe0);
		CHECK_EQ(id[0] & 0xff, 0x11);
		CHECK_EQ(id[4] & 0xff, 0x0d);
		CHECK_EQ(id[5] & 0xff, 0xf0);
		CHECK_EQ(id[6] & 0xff, 0x05);
		CHECK_EQ(id[7] & 0xff, 0xb1);
		CHECK_OK(mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, addr,
					  MLK_PAGE_SIZE));
	}
	mlk_handle_close(d);
}
