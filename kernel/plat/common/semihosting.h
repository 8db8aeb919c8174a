/*
 * Arm semihosting (the "Semihosting for AArch32 and AArch64" specification,
 * release 2.0): calls a debugger or an emulator serves for the program it
 * runs.  The kernel uses one, the exit call, so that QEMU started with
 * -semihosting-config enable=on exits with the status of a test run.
 */
#ifndef MLK_KERNEL_PLAT_COMMON_SEMIHOSTING_H
#define MLK_KERNEL_PLAT_COMMON_SEMIHOSTING_H

#include <stdint.h>

/*
 * Stop the program with an exit status.  Returns only if nothing served
 * the call; where nothing is there to serve it, the trap instruction is
 * undefined and the CPU takes an exception instead.
 */
void semihosting_exit(uint32_t status);

#endif
