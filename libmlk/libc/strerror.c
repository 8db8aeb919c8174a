/* strerror: a message for each value <errno.h> defines. */
#include <errno.h>
#include <string.h>

#include "libc_impl.h"

MLK_PUBLIC char *strerror(int errnum)
{
	switch (errnum) {
	case 0:
		return "No error";
	case ENOMEM:
		return "Out of memory";
	case EINVAL:
		return "Invalid argument";
	case EDOM:
		return "Argument out of domain";
	case ERANGE:
		return "Result out of range";
	case EOVERFLOW:
		return "Value too large for its type";
	case EILSEQ:
		return "Invalid byte sequence";
	default:
		return "Unknown error";
	}
}
