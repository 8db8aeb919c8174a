/* abs, labs and llabs. */
#include <stdlib.h>

#include "libc_impl.h"

MLK_PUBLIC int abs(int v)
{
	return v < 0 ? -v : v;
}

MLK_PUBLIC long labs(long v)
{
	return v < 0 ? -v : v;
}

MLK_PUBLIC long long llabs(long long v)
{
	return v < 0 ? -v : v;
}
