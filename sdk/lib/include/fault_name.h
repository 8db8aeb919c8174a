/*
 * The words for a fault kind (MLK_FAULT_* of <mlk/ipc.h>): the kernel
 * prints them when it kills an unsupervised process, init when it reports
 * a supervised one, so both logs name a fault the same way.
 */
#ifndef MLK_SDK_LIB_FAULT_NAME_H
#define MLK_SDK_LIB_FAULT_NAME_H

#include <stdint.h>

/* "read fault", "undefined instruction", ...; "fault" for an unknown kind. */
const char *fault_kind_name(uint64_t kind);

#endif
