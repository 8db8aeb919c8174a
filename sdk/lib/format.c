/*
 * The printf formatter, shared by the kernel (kprintf.c) and libmlk
 * (stdio): one implementation writing through a sink callback, so either
 * side decides where characters go without a fixed-size buffer.
 */
#include "format.h"

#include <stdbool.h>
#include <stdint.h>

#include "kstring.h"

struct spec {
	bool left, zero, plus, space, alt;
	int width;
	int prec; /* -1: none */
};

static void emit(struct format_sink *s, char c)
{
	s->put(s, c);
	s->len++;
}

static void pad(struct format_sink *s, char c, int n)
{
	while (n-- > 0)
		emit(s, c);
}

static void emit_str(struct format_sink *s, const struct spec *sp,
		     const char *str)
{
	size_t n = str ? strnlen(str,
				 sp->prec >= 0 ? (size_t)sp->prec : (size_t)-1)
		       : 6;
	int fill = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!str)
		str = "(null)";
	if (!sp->left)
		pad(s, ' ', fill);
	for (size_t i = 0; i < n; i++)
		emit(s, str[i]);
	if (sp->left)
		pad(s, ' ', fill);
}

static void emit_num(struct format_sink *s, const struct spec *sp, uint64_t v,
		     bool neg, unsigned base, bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	if (v == 0 && sp->prec == 0)
		n = 0; /* "%.0d" of zero prints nothing */
	else
		do {
			tmp[n++] = digits[v % base];
			v /= base;
		} while (v);

	char sign = neg ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
	int plen = (int)strlen(prefix) + (sign ? 1 : 0);
	int zeros = sp->prec > n ? sp->prec - n : 0;
	if (sp->zero && !sp->left && sp->prec < 0 && sp->width > n + plen)
		zeros = sp->width - n - plen;
	int fill = sp->width - n - zeros - plen;

	if (!sp->left)
		pad(s, ' ', fill);
	if (sign)
		emit(s, sign);
	while (*prefix)
		emit(s, *prefix++);
	pad(s, '0', zeros);
	while (n)
		emit(s, tmp[--n]);
	if (sp->left)
		pad(s, ' ', fill);
}

/*
 * Do the digits of "%o" already begin with a 0 (a zero value, or zeros
 * from the precision)?  Then '#' adds none (C11 7.21.6.1p6).
 */
static bool octal_starts_with_0(const struct spec *sp, uint64_t v)
{
	int digits = 1;

	for (uint64_t rest = v >> 3; rest; rest >>= 3)
		digits++;
	return (v == 0 && sp->prec != 0) || sp->prec > digits;
}

/* Read flags, width and precision; return the position after them. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else if (*f == '+')
			sp->plus = true;
		else if (*f == ' ')
			sp->space = true;
		else if (*f == '#')
			sp->alt = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	} else
		while (*f >= '0' && *f <= '9')
			sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
			f++;
		} else
			while (*f >= '0' && *f <= '9')
				sp->prec = sp->prec * 10 + (*f++ - '0');
	}
	return f;
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static const char *parse_length(const char *f, enum length *len)
{
	*len = LEN_INT;
	if (f[0] == 'h' && f[1] == 'h')
		*len = LEN_CHAR, f += 2;
	else if (f[0] == 'h')
		*len = LEN_SHORT, f++;
	else if (f[0] == 'l' && f[1] == 'l')
		*len = LEN_LLONG, f += 2;
	else if (f[0] == 'l')
		*len = LEN_LONG, f++;
	else if (f[0] == 'z' || f[0] == 't' || f[0] == 'j')
		*len = LEN_SIZE, f++;
	return f;
}

static int64_t signed_arg(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR:
		return (signed char)va_arg(*ap, int);
	case LEN_SHORT:
		return (short)va_arg(*ap, int);
	case LEN_INT:
		return va_arg(*ap, int);
	default:
		return va_arg(*ap, int64_t);
	}
}

static uint64_t unsigned_arg(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_CHAR:
		return (unsigned char)va_arg(*ap, unsigned);
	case LEN_SHORT:
		return (unsigned short)va_arg(*ap, unsigned);
	case LEN_INT:
		return va_arg(*ap, unsigned);
	default:
		return va_arg(*ap, uint64_t);
	}
}

void format_to_sink(struct format_sink *s, const char *f, va_list ap0)
{
	va_list ap;
	struct spec sp;
	enum length len;

	va_copy(ap, ap0);
	for (; *f; f++) {
		if (*f != '%') {
			emit(s, *f);
			continue;
		}
		f = parse_length(parse_spec(f + 1, &sp, &ap), &len);
		switch (*f) {
		case 'd':
		case 'i': {
			int64_t v = signed_arg(len, &ap);
			emit_num(s, &sp, v < 0 ? -(uint64_t)v : (uint64_t)v,
				 v < 0, 10, false, "");
			break;
		}
		case 'u':
			emit_num(s, &sp, unsigned_arg(len, &ap), false, 10,
				 false, "");
			break;
		case 'x':
		case 'X': {
			uint64_t v = unsigned_arg(len, &ap);
			const char *pre =
				(sp.alt && v) ? (*f == 'x' ? "0x" : "0X") : "";
			emit_num(s, &sp, v, false, 16, *f == 'X', pre);
			break;
		}
		case 'o': {
			uint64_t v = unsigned_arg(len, &ap);
			bool lead0 = octal_starts_with_0(&sp, v);
			emit_num(s, &sp, v, false, 8, false,
				 sp.alt && !lead0 ? "0" : "");
			break;
		}
		case 'p':
			sp.alt = false;
			emit_num(s, &sp, (uintptr_t)va_arg(ap, void *), false,
				 16, false, "0x");
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);
			if (!sp.left)
				pad(s, ' ', sp.width - 1);
			emit(s, c);
			if (sp.left)
				pad(s, ' ', sp.width - 1);
			break;
		}
		case 's':
			emit_str(s, &sp, va_arg(ap, const char *));
			break;
		case '%':
			emit(s, '%');
			break;
		case '\0':
			f--; /* a lone '%' at the end */
			break;
		default:
			/* Unknown conversion: show it rather than guess. */
			emit(s, '%');
			emit(s, *f);
			break;
		}
	}
	va_end(ap);
}
