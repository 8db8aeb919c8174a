/*
 * Starting user space: the root task (init) from the boot bundle.
 */
#ifndef MLK_KERNEL_ROOT_TASK_H
#define MLK_KERNEL_ROOT_TASK_H

#include "compiler.h"
#include "devtree.h"

/*
 * Find the boot bundle and keep it out of the PMM (before mm_init).
 * Returns false if the image carries none.
 */
bool root_task_reserve_bundle(void);
/* Check the bundle and start init; false if there is no bundle. */
bool root_task_start(const struct devtree *dt, const void *dtb,
		     uint32_t dtb_size);

#endif
