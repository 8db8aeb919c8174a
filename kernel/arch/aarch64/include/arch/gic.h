/*
 * Arm Generic Interrupt Controller, versions 2 and 3 (IHI 0048, IHI 0069).
 * gic.c picks the driver the device tree describes.
 */
#ifndef MLK_ARCH_GIC_H
#define MLK_ARCH_GIC_H

#include "compiler.h"

struct dt_gic;

struct gic_ops {
	const char *name;
	int (*init)(const struct dt_gic *desc);
	void (*enable)(unsigned intid);
	void (*disable)(unsigned intid);
	unsigned (*ack)(void); /* IRQ_NONE when nothing is pending */
	void (*eoi)(unsigned intid);
	void (*send_self_sgi)(unsigned intid);
};

extern const struct gic_ops gicv2_ops;
extern const struct gic_ops gicv3_ops;

/* Default priority of every interrupt: the middle of the range. */
#define GIC_PRIO_DEFAULT 0xa0
/* Priority mask: let every priority above "lowest" through. */
#define GIC_PRIO_MASK 0xf0
#define GIC_SPURIOUS 1023

static inline uint32_t mmio_read32(const volatile void *base, uint64_t off)
{
	uint32_t v = *(const volatile uint32_t *)((uintptr_t)base + off);
	__asm__ volatile("" ::: "memory");
	return v;
}

static inline void mmio_write32(volatile void *base, uint64_t off, uint32_t v)
{
	__asm__ volatile("" ::: "memory");
	*(volatile uint32_t *)((uintptr_t)base + off) = v;
}

static inline uint64_t mmio_read64(const volatile void *base, uint64_t off)
{
	uint64_t v = *(const volatile uint64_t *)((uintptr_t)base + off);
	__asm__ volatile("" ::: "memory");
	return v;
}

static inline void mmio_write64(volatile void *base, uint64_t off, uint64_t v)
{
	__asm__ volatile("" ::: "memory");
	*(volatile uint64_t *)((uintptr_t)base + off) = v;
}

static inline void mmio_write8(volatile void *base, uint64_t off, uint8_t v)
{
	__asm__ volatile("" ::: "memory");
	*(volatile uint8_t *)((uintptr_t)base + off) = v;
}

#endif
