/*
 * <ctype.h> for MLK services (libmlk): ASCII only, as the "C" locale is
 * the only one.  Arguments are an unsigned char value or EOF; bytes above
 * 127 belong to no class.  These are functions, not macros.
 */
#ifndef MLK_LIBC_CTYPE_H
#define MLK_LIBC_CTYPE_H

int isdigit(int c);  /* 0-9 */
int isxdigit(int c); /* 0-9 a-f A-F */
int isalpha(int c);  /* a-z A-Z */
int isalnum(int c);  /* isalpha or isdigit */
int isspace(int c);  /* space \t \n \v \f \r */
int isupper(int c);  /* A-Z */
int islower(int c);  /* a-z */
int isprint(int c);  /* 0x20 (space) to 0x7e */
int isgraph(int c);  /* isprint but not space */
int iscntrl(int c);  /* 0x00 to 0x1f and 0x7f */
int ispunct(int c);  /* isgraph but not isalnum */
int toupper(int c);  /* a-z to A-Z, anything else unchanged */
int tolower(int c);  /* A-Z to a-z, anything else unchanged */

#endif
