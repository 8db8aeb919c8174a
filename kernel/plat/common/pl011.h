#ifndef MLK_PL011_H
#define MLK_PL011_H

#include <stdint.h>

/* Take the PL011 whose registers are at physical `base` as the console. */
int pl011_start(uint64_t base);
/* Its physical register base (0 if none), for handing it to user space. */
uint64_t pl011_phys_base(void);

#endif
