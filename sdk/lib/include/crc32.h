/*
 * The two ways bundle.c computes mlk_crc32 (sdk/lib/README.md): by table,
 * everywhere, and with the ARMv8 CRC32 instructions, on an AArch64 CPU
 * that has them, which the program says through mlk_cpu_has_crc32.
 */
#ifndef MLK_SDK_LIB_CRC32_H
#define MLK_SDK_LIB_CRC32_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* mlk_crc32 by the table alone, whatever the CPU: what the selftests
 * compare the instructions with. */
uint32_t crc32_by_table(uint32_t crc, const void *data, size_t len);

/*
 * Does this CPU have the CRC32 instructions (ID_AA64ISAR0_EL1.CRC32, Arm
 * ARM D19.2.62)?  They are optional before ARMv8.1 and only EL1 can read
 * the register, so the program that can tell defines this (the kernel
 * does, in arch/); it is weak in bundle.c, and a program that leaves it
 * undefined (user space, the build machine's tools) gets the table.
 */
bool mlk_cpu_has_crc32(void);

#endif
