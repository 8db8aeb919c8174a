/*
 * Checked access to user memory (see uaccess.h).
 */
#include "uaccess.h"

#include <mlk/syscall.h>

static bool user_range(uint64_t addr, uint64_t len)
{
	return addr + len >= addr && addr >= MLK_USER_BASE &&
	       addr + len <= MLK_USER_END;
}

mlk_status_t copy_from_user(void *dst, uint64_t usrc, uint64_t len)
{
	if (len == 0)
		return MLK_OK;
	if (!user_range(usrc, len) || arch_copy_from_user(dst, usrc, len))
		return MLK_ERR_BAD_ADDRESS;
	return MLK_OK;
}

mlk_status_t copy_to_user(uint64_t udst, const void *src, uint64_t len)
{
	if (len == 0)
		return MLK_OK;
	if (!user_range(udst, len) || arch_copy_to_user(udst, src, len))
		return MLK_ERR_BAD_ADDRESS;
	return MLK_OK;
}

mlk_status_t copy_name_from_user(char *dst, uint64_t usrc, uint64_t len,
				 uint64_t max, int argi)
{
	if (len >= max)
		return MLK_ERR_TOO_BIG;
	mlk_status_t st = copy_from_user(dst, usrc, len);
	if (st != MLK_OK)
		return st;
	dst[len] = 0;
	for (uint64_t i = 0; i < len; i++)
		if ((unsigned char)dst[i] < 0x20 || dst[i] == 0x7f)
			return MLK_ERR_BAD_ARG(argi); /* names are printable */
	return MLK_OK;
}
