/*
 * Names: long names as UCS-2 units (what VFAT stores) and UTF-8 (what
 * the rest of MLK speaks), short 8.3 names, their checksum, and the
 * basis name and numeric tail ("LONGNA~1.TXT") a long name gets, as the
 * Microsoft specification's section 7 describes.  Case folds for ASCII
 * only, as FAT's upper-case table does for those letters.
 */
#include <string.h>

#include "fat_internal.h"

uint8_t fat_short_checksum(const uint8_t name[11])
{
	uint8_t sum = 0;

	for (int i = 0; i < 11; i++)
		sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + name[i]);
	return sum;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* A short-name byte as a character: bytes of an OEM code page, which
 * MLK does not know, show as '_'. */
static char short_char(uint8_t b, bool low)
{
	if (b >= 0x80 || b < 0x20)
		return '_';
	return low ? lower((char)b) : (char)b;
}

void fat_short_display(const uint8_t name[11], uint8_t ntres, char out[13])
{
	int n = 0, base = 8, ext = 3;

	while (base > 0 && name[base - 1] == ' ')
		base--;
	while (ext > 0 && name[8 + ext - 1] == ' ')
		ext--;
	for (int i = 0; i < base; i++) {
		/* 0x05 stands for a first byte 0xe5, which means "free". */
		uint8_t b = i == 0 && name[0] == 0x05 ? 0xe5 : name[i];

		out[n++] = short_char(b, ntres & NTRES_LOWER_BASE);
	}
	if (ext)
		out[n++] = '.';
	for (int i = 0; i < ext; i++)
		out[n++] = short_char(name[8 + i], ntres & NTRES_LOWER_EXT);
	out[n] = '\0';
}

bool fat_name_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (upper(*a) != upper(*b))
			return false;
	return *a == *b;
}

/* Characters a long name may not hold (section 7). */
static bool long_forbidden(uint32_t c)
{
	return c < 0x20 || c == 0x7f ||
	       (c < 0x80 && strchr("\"*/:<>?\\|", (int)c));
}

/* One code point from UTF-8 at *s (BMP only, no surrogates), or -1. */
static int32_t utf8_next(const unsigned char **s)
{
	const unsigned char *p = *s;
	uint32_t c;
	int more;

	if (p[0] < 0x80) {
		*s = p + 1;
		return p[0];
	}
	if ((p[0] & 0xe0) == 0xc0) {
		c = p[0] & 0x1f;
		more = 1;
	} else if ((p[0] & 0xf0) == 0xe0) {
		c = p[0] & 0x0f;
		more = 2;
	} else {
		return -1;
	}
	for (int i = 1; i <= more; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < (more == 1 ? 0x80u : 0x800u) || (c >= 0xd800 && c < 0xe000))
		return -1; /* overlong, or a surrogate */
	*s = p + more + 1;
	return (int32_t)c;
}

mlk_status_t fat_name_units(const char *name, uint16_t *units, unsigned *count)
{
	const unsigned char *s = (const unsigned char *)name;
	unsigned n = 0;

	while (*s) {
		int32_t c = utf8_next(&s);

		if (c < 0 || long_forbidden((uint32_t)c) || n == LFN_MAX_UNITS)
			return MLK_ERR_BAD_NAME;
		units[n++] = (uint16_t)c;
	}
	/* Empty, ".", "..", or ending in a dot or space (which Windows
	 * would strip, making another name). */
	if (!n || units[n - 1] == '.' || units[n - 1] == ' ')
		return MLK_ERR_BAD_NAME;
	*count = n;
	return MLK_OK;
}

void fat_units_utf8(const uint16_t *units, unsigned count,
		    char out[FAT_NAME_SIZE])
{
	size_t n = 0;

	for (unsigned i = 0; i < count; i++) {
		uint32_t c = units[i];

		if (c >= 0xd800 && c < 0xe000)
			c = '_'; /* half a pair: MLK names are BMP only */
		if (c < 0x80) {
			out[n++] = (char)c;
		} else if (c < 0x800) {
			out[n++] = (char)(0xc0 | c >> 6);
			out[n++] = (char)(0x80 | (c & 0x3f));
		} else {
			out[n++] = (char)(0xe0 | c >> 12);
			out[n++] = (char)(0x80 | (c >> 6 & 0x3f));
			out[n++] = (char)(0x80 | (c & 0x3f));
		}
	}
	out[n] = '\0';
}

/* Whether c may stand in a short name as it is. */
static bool short_ok(uint16_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c >= 0x20 && c < 0x80 && strchr("!#$%&'()-@^_`{}~", c);
}

/* Fill `len` bytes of out from units, upper-cased; what does not fit or
 * is not allowed makes the name lossy; `lower` says whether all letters
 * were lower case, `upper_seen` whether some were upper case. */
static unsigned fill(const uint16_t *u, unsigned count, uint8_t *out,
		     unsigned len, bool *lossy, bool *low, bool *up)
{
	unsigned n = 0;

	for (unsigned i = 0; i < count; i++) {
		uint16_t c = u[i];

		if (c == ' ' || c == '.') {
			*lossy = true; /* spaces and inner dots go */
			continue;
		}
		if (c >= 'a' && c <= 'z') {
			*low = true;
			c = (uint16_t)(c - 'a' + 'A');
		} else if (c >= 'A' && c <= 'Z') {
			*up = true;
		}
		if (!short_ok(c)) {
			*lossy = true;
			c = '_';
		}
		if (n == len) {
			*lossy = true;
			break;
		}
		out[n++] = (uint8_t)c;
	}
	return n;
}

void fat_short_basis(const uint16_t *units, unsigned count, uint8_t out[11],
		     bool *lossy, uint8_t *ntres)
{
	unsigned dot = count, start = 0;
	bool blow = false, bup = false, elow = false, eup = false;

	memset(out, ' ', 11);
	*lossy = false;
	*ntres = 0;
	while (start < count && units[start] == '.') {
		start++; /* leading dots go */
		*lossy = true;
	}
	for (unsigned i = start; i < count; i++)
		if (units[i] == '.')
			dot = i;
	fill(units + start, dot - start, out, 8, lossy, &blow, &bup);
	if (dot < count)
		fill(units + dot + 1, count - dot - 1, out + 8, 3, lossy, &elow,
		     &eup);
	if (out[0] == ' ')
		out[0] = '_', *lossy = true;
	if (out[0] == 0xe5)
		out[0] = 0x05;
	/* All-lower base or extension: kept by the NT case bits, no long
	 * name needed; mixed case needs one (lossy marks that too). */
	if ((blow && bup) || (elow && eup))
		*lossy = true;
	if (blow && !bup)
		*ntres |= NTRES_LOWER_BASE;
	if (elow && !eup)
		*ntres |= NTRES_LOWER_EXT;
	if (*lossy)
		*ntres = 0; /* the long name keeps the case */
}

void fat_short_tail(uint8_t name[11], uint32_t n)
{
	char digits[8];
	int nd = 0, base = 0;

	do {
		digits[nd++] = (char)('0' + n % 10);
		n /= 10;
	} while (n && nd < 7);
	while (base < 8 && name[base] != ' ')
		base++;
	if (base > 8 - 1 - nd)
		base = 8 - 1 - nd;
	name[base++] = '~';
	while (nd)
		name[base++] = (uint8_t)digits[--nd];
	while (base < 8)
		name[base++] = ' ';
}
