/*
 * Character classes, ASCII only (see <ctype.h>).  Each test is a range
 * check on the value, so EOF and bytes above 127 fall outside every class.
 */
#include <ctype.h>

#include "libc_impl.h"

static int in(int c, int lo, int hi)
{
	return c >= lo && c <= hi;
}

MLK_PUBLIC int isdigit(int c)
{
	return in(c, '0', '9');
}

MLK_PUBLIC int isupper(int c)
{
	return in(c, 'A', 'Z');
}

MLK_PUBLIC int islower(int c)
{
	return in(c, 'a', 'z');
}

MLK_PUBLIC int isalpha(int c)
{
	return isupper(c) || islower(c);
}

MLK_PUBLIC int isalnum(int c)
{
	return isalpha(c) || isdigit(c);
}

MLK_PUBLIC int isxdigit(int c)
{
	return isdigit(c) || in(c, 'a', 'f') || in(c, 'A', 'F');
}

MLK_PUBLIC int isspace(int c)
{
	return c == ' ' || in(c, '\t', '\r'); /* \t \n \v \f \r */
}

MLK_PUBLIC int isprint(int c)
{
	return in(c, 0x20, 0x7e);
}

MLK_PUBLIC int isgraph(int c)
{
	return in(c, 0x21, 0x7e);
}

MLK_PUBLIC int iscntrl(int c)
{
	return in(c, 0x00, 0x1f) || c == 0x7f;
}

MLK_PUBLIC int ispunct(int c)
{
	return isgraph(c) && !isalnum(c);
}

MLK_PUBLIC int toupper(int c)
{
	return islower(c) ? c - 'a' + 'A' : c;
}

MLK_PUBLIC int tolower(int c)
{
	return isupper(c) ? c - 'A' + 'a' : c;
}
