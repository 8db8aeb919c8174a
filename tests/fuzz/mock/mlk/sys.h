/*
 * Stands in for the SDK's <mlk/sys.h> in fuzz_ramfs (this folder comes
 * first on its include path): the system calls the file service's code
 * makes, as plain functions fuzz_ramfs.c fakes, instead of svc stubs.
 */
#ifndef MLK_SYS_H
#define MLK_SYS_H

#include <stdint.h>

#include <mlk/syscall.h>

mlk_status_t mlk_handle_close(mlk_handle_t handle);
mlk_status_t mlk_handle_info(mlk_handle_t handle, uint32_t *type,
			     uint32_t *rights);
mlk_status_t mlk_endpoint_mint(mlk_handle_t endpoint, uint32_t rights,
			       uint64_t badge, mlk_handle_t *minted);
mlk_status_t mlk_mem_create(uint64_t size, uint32_t flags, mlk_handle_t *mem);
mlk_status_t mlk_mem_read(mlk_handle_t mem, uint64_t offset, void *buf,
			  uint64_t len);
mlk_status_t mlk_mem_write(mlk_handle_t mem, uint64_t offset, const void *buf,
			   uint64_t len);
mlk_status_t mlk_mem_size(mlk_handle_t mem, uint64_t *size);

#endif
