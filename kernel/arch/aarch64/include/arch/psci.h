#ifndef MLK_ARCH_PSCI_H
#define MLK_ARCH_PSCI_H

#include <stdint.h>

/* PSCI version (major << 16 | minor), or a negative PSCI error. */
uint32_t psci_version(void);

#endif
