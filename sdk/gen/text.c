/*
 * Text for the outputs: formatted strings, and folding at 80 columns so
 * that the generated files read like the hand-written ones (tabs of 8,
 * as .clang-format says).
 */
#define _GNU_SOURCE /* vasprintf */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gensyscalls.h"

#define WIDTH 80
#define TAB 8

char *sc_strf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		fputs("gensyscalls: out of memory\n", stderr);
		exit(1);
	}
	va_end(ap);
	return s;
}

/* The column after printing s from column col. */
static unsigned advance(unsigned col, const char *s)
{
	for (; *s; s++)
		col = *s == '\t' ? (col / TAB + 1) * TAB : col + 1;
	return col;
}

void sc_wrap_comment(FILE *f, const char *first, const char *next,
		     const char *text)
{
	const char *prefix = first;
	unsigned col = advance(0, prefix);
	int empty = 1;

	fputs(prefix, f);
	while (*text) {
		size_t len = strcspn(text, " ");
		if (!empty && col + 1 + len > WIDTH) {
			fputc('\n', f);
			prefix = next;
			fputs(prefix, f);
			col = advance(0, prefix);
			empty = 1;
		}
		if (!empty) {
			fputc(' ', f);
			col++;
		}
		fwrite(text, 1, len, f);
		col += (unsigned)len;
		empty = 0;
		text += len;
		text += strspn(text, " ");
	}
	fputc('\n', f);
}

static void indent(FILE *f, unsigned col, int tabs)
{
	for (; tabs && col >= TAB; col -= TAB)
		fputc('\t', f);
	for (; col; col--)
		fputc(' ', f);
}

void sc_wrap_list(FILE *f, const char *head, const char *const *items,
		  unsigned n, const char *tail, enum sc_style style)
{
	/* A man page indents its text by 7 columns of its 80. */
	unsigned width = style == SC_C ? WIDTH : WIDTH - 8;
	int tabs = style == SC_C;
	unsigned col = advance(0, head), align = col, lead = 0;
	int fresh = 1; /* nothing printed on this line after its indent */

	for (const char *s = head; *s == '\t'; s++)
		lead += TAB;
	/* Too far right to align on the parenthesis: one step in. */
	if (align > width / 2 + TAB)
		align = lead + TAB;
	fputs(head, f);
	for (unsigned i = 0; i < n; i++) {
		const char *end = i + 1 < n ? "," : tail;
		unsigned need = (unsigned)(strlen(items[i]) + strlen(end));
		if (!fresh && col + 1 + need > width) {
			fputc('\n', f);
			indent(f, align, tabs);
			col = align;
			fresh = 1;
		}
		if (!fresh) {
			fputc(' ', f);
			col++;
		}
		fputs(items[i], f);
		fputs(end, f);
		col += need;
		fresh = 0;
	}
	if (!n)
		fputs(tail, f);
	fputc('\n', f);
}
