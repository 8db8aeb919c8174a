/*
 * String to integer: strtol, strtoul, strtoll, strtoull, atoi, atol and
 * atoll.  One parser reads the magnitude against the limit of the result
 * type; the wrappers apply the sign and the overflow value.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

#include "libc_impl.h"

struct parsed {
	unsigned long long magnitude;
	bool negative;
	bool overflow; /* magnitude is then the limit */
};

/* A digit's value in bases up to 36; 36 or more for anything else. */
static unsigned digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'z')
		return (unsigned)(c - 'a' + 10);
	if (c >= 'A' && c <= 'Z')
		return (unsigned)(c - 'A' + 10);
	return 36;
}

/*
 * Skip a 0x prefix where the base allows it and settle base 0.  "0x" with
 * no hex digit after it is the number 0 followed by 'x', so the prefix
 * counts only if a digit follows.
 */
static const char *read_prefix(const char *s, int *base)
{
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
		   digit_value(s[2]) < 16;

	if (hex && (*base == 0 || *base == 16)) {
		*base = 16;
		return s + 2;
	}
	if (*base == 0)
		*base = s[0] == '0' ? 8 : 10;
	return s;
}

/*
 * Parse s into r, allowing magnitudes up to max_pos after no sign or '+'
 * and up to max_neg after '-'.  Sets *end as the strto* functions do.
 */
static void parse(const char *s, char **end, int base,
		  unsigned long long max_pos, unsigned long long max_neg,
		  struct parsed *r)
{
	const char *p = s, *digits;
	unsigned long long max;

	*r = (struct parsed){ 0 };
	if (end)
		*end = (char *)s;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		return;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		r->negative = *p++ == '-';
	max = r->negative ? max_neg : max_pos;
	digits = p = read_prefix(p, &base);
	for (unsigned d; (d = digit_value(*p)) < (unsigned)base; p++) {
		if (r->magnitude > (max - d) / (unsigned)base)
			r->overflow = true;
		else
			r->magnitude = r->magnitude * (unsigned)base + d;
	}
	if (p == digits)
		return; /* no number: 0, and *end stays at s */
	if (r->overflow) {
		r->magnitude = max;
		errno = ERANGE;
	}
	if (end)
		*end = (char *)p;
}

/* -magnitude as a signed value; magnitude may be one more than the max. */
static long long negate(unsigned long long magnitude)
{
	return magnitude ? -(long long)(magnitude - 1) - 1 : 0;
}

MLK_PUBLIC long long strtoll(const char *s, char **end, int base)
{
	struct parsed r;

	parse(s, end, base, LLONG_MAX, (unsigned long long)LLONG_MAX + 1, &r);
	return r.negative ? negate(r.magnitude) : (long long)r.magnitude;
}

MLK_PUBLIC long strtol(const char *s, char **end, int base)
{
	struct parsed r;

	parse(s, end, base, LONG_MAX, (unsigned long)LONG_MAX + 1, &r);
	return r.negative ? (long)negate(r.magnitude) : (long)r.magnitude;
}

/* ISO C: "-1" is ULLONG_MAX; only a magnitude beyond the type overflows. */
MLK_PUBLIC unsigned long long strtoull(const char *s, char **end, int base)
{
	struct parsed r;

	parse(s, end, base, ULLONG_MAX, ULLONG_MAX, &r);
	if (r.overflow)
		return ULLONG_MAX;
	return r.negative ? -r.magnitude : r.magnitude;
}

MLK_PUBLIC unsigned long strtoul(const char *s, char **end, int base)
{
	struct parsed r;

	parse(s, end, base, ULONG_MAX, ULONG_MAX, &r);
	if (r.overflow)
		return ULONG_MAX;
	return r.negative ? -(unsigned long)r.magnitude
			  : (unsigned long)r.magnitude;
}

MLK_PUBLIC int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

MLK_PUBLIC long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

MLK_PUBLIC long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
