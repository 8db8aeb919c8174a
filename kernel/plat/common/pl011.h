#ifndef MLK_PL011_H
#define MLK_PL011_H

#include <stdint.h>

struct devtree;

/* Take the PL011 at device tree node `node` as the kernel console. */
int pl011_probe(const struct devtree *dt, int node);
/* Its physical register base (0 if none), for handing it to user space. */
uint64_t pl011_phys_base(void);

#endif
