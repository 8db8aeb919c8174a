/*
 * Stands in for the SDK's <mlk/sys.h> in test_console (this folder comes
 * first on the include path): the system calls the console's queues make,
 * as plain functions that test_console.c fakes, instead of svc stubs.
 */
#ifndef MLK_SERVERS_CONSOLE_TEST_MLK_SYS_H
#define MLK_SERVERS_CONSOLE_TEST_MLK_SYS_H

#include <stdint.h>

#include <mlk/syscall.h>

mlk_status_t mlk_reply_save(mlk_handle_t *reply);
mlk_status_t mlk_handle_close(mlk_handle_t handle);

#endif
