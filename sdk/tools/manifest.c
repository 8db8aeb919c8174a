/*
 * mlk-mkimage: the text manifest.
 *
 *   # the services init starts, in order, and files for initfs
 *   include standard
 *   service console prio=50 restart grant=log grant=device=arm,pl011
 *   service shell args="-l initfs:///etc/profile"
 *   program hello args=world
 *   file etc/motd motd.txt
 *
 * Words are separated by blanks; a double-quoted part of a word may hold
 * blanks, \" and \\.  A word that starts with # starts a comment.  A
 * service's ELF is services_dir/NAME; a file's relative PATH is relative
 * to the manifest's directory.  A program is packed like a service, but
 * init starts it only when asked (the shell's run).  "include standard"
 * reads the standard manifest at that point, so a manifest can extend
 * the standard system.  mlk-mkimage.1 documents the format.
 *
 * The text is parsed from memory (mkimage_parse_manifest), with no file
 * looked at, so a fuzz harness runs the very parser; manifest_read then
 * checks that the services the lines named exist.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mkimage.h"

struct words {
	char **word;
	size_t count;
};

static void words_free(struct words *w)
{
	for (size_t i = 0; i < w->count; i++)
		free(w->word[i]);
	free(w->word);
	w->word = NULL;
	w->count = 0;
}

/* One word from *p (which is at a non-blank), quotes removed; NULL on
 * error. */
static char *next_word(const char **p, const char *where,
		       struct mkimage_error *err)
{
	const char *s = *p;
	char *word = xmalloc(strlen(s) + 1), *out = word;

	while (*s && *s != ' ' && *s != '\t') {
		if (*s != '"') {
			*out++ = *s++;
			continue;
		}
		for (s++; *s && *s != '"'; s++) {
			if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
				s++;
			*out++ = *s;
		}
		if (!*s) {
			free(word);
			mkimage_fail(err, where, "unterminated quote");
			return NULL;
		}
		s++;
	}
	*out = '\0';
	*p = s;
	return word;
}

static int split_words(const char *line, struct words *w, const char *where,
		       struct mkimage_error *err)
{
	const char *p = line;
	char *word;

	for (;;) {
		p += strspn(p, " \t");
		if (!*p || *p == '#')
			return 0;
		word = next_word(&p, where, err);
		if (!word) {
			words_free(w);
			return -1;
		}
		w->word = xrealloc(w->word, w->count + 1, sizeof(*w->word));
		w->word[w->count++] = word;
	}
}

/* "service NAME [OPTIONS]" or "program NAME [OPTIONS]" */
static int read_service(struct plan *plan, const struct words *w,
			const char *where, struct mkimage_error *err)
{
	struct mlk_manifest_service svc;
	const char *keyword = w->word[0];
	const char *name = w->count > 1 ? w->word[1] : "";
	char *path;
	int st;

	if (w->count < 2 || strchr(name, '='))
		return mkimage_fail(err, where,
				    "%s: missing name (want '%s NAME "
				    "[OPTIONS]')",
				    keyword, keyword);
	if (check_service_name(name, where, err) < 0)
		return -1;
	service_init(&svc, name);
	if (!strcmp(keyword, "program"))
		svc.flags = MLK_SVC_PROGRAM;
	for (size_t i = 2; i < w->count; i++) {
		if (service_option(&svc, w->word[i], where, err) < 0)
			return -1;
	}
	path = path_join(plan->services_dir, name);
	st = plan_add_service(plan, &svc, path, where, err);
	free(path);
	return st;
}

static int read_file_line(struct plan *plan, const struct words *w,
			  const char *dir, const char *where,
			  struct mkimage_error *err)
{
	char *path;
	struct input *in;

	if (w->count != 3)
		return mkimage_fail(err, where, "file: want 'file NAME PATH'");
	path = path_join(dir, w->word[2]);
	in = plan_add(plan, MLK_BUNDLE_FILE, w->word[1], path, where, err);
	free(path);
	if (!in)
		return -1;
	in->from_manifest = 1;
	return 0;
}

/* "include standard": the standard manifest's lines, here. */
static int read_include(struct plan *plan, const struct words *w,
			const char *where, struct mkimage_error *err)
{
	int st;

	if (w->count != 2 || strcmp(w->word[1], "standard"))
		return mkimage_fail(err, where,
				    "include: want 'include standard'");
	if (plan->including)
		return mkimage_fail(err, where,
				    "include standard: the standard manifest "
				    "cannot include itself");
	if (!plan->standard_manifest)
		return mkimage_fail(err, where,
				    "include standard: no standard manifest "
				    "(--no-standard, or the SDK has none)");
	plan->including = 1;
	st = manifest_read(plan, plan->standard_manifest, err);
	plan->including = 0;
	return st;
}

static int read_line(struct plan *plan, const char *line, const char *dir,
		     const char *where, struct mkimage_error *err)
{
	struct words w = { 0 };
	int st = 0;

	if (split_words(line, &w, where, err) < 0)
		return -1;
	if (w.count == 0)
		return 0;
	if (!strcmp(w.word[0], "service") || !strcmp(w.word[0], "program"))
		st = read_service(plan, &w, where, err);
	else if (!strcmp(w.word[0], "file"))
		st = read_file_line(plan, &w, dir, where, err);
	else if (!strcmp(w.word[0], "include"))
		st = read_include(plan, &w, where, err);
	else
		st = mkimage_fail(err, where,
				  "unknown keyword '%s' (want service, "
				  "program, file or include)",
				  w.word[0]);
	words_free(&w);
	return st;
}

/* The line [text, end) without its line end (a DOS CR too), as a new
 * string. */
static int one_line(const char *text, const char *end, char **line,
		    const char *where, struct mkimage_error *err)
{
	size_t len = (size_t)(end - text);

	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	if (memchr(text, '\0', len))
		return mkimage_fail(err, where, "NUL byte in the line");
	*line = xmalloc(len + 1);
	memcpy(*line, text, len);
	(*line)[len] = '\0';
	return 0;
}

int mkimage_parse_manifest(struct plan *plan, const char *text, size_t len,
			   const char *name, struct mkimage_error *err)
{
	const char *p = text, *end = text + len;
	char *dir = dir_name(name);
	unsigned lineno = 0;
	int st = 0;

	while (p < end && st == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		char *where = xasprintf("%s:%u", name, ++lineno), *line = NULL;

		st = one_line(p, next, &line, where, err);
		if (st == 0) {
			st = read_line(plan, line, dir, where, err);
			free(line);
		}
		free(where);
		p = next;
	}
	free(dir);
	return st;
}

/* The services the manifest brought in, inputs[first..]: are they there? */
static int check_services_exist(const struct plan *plan, size_t first,
				struct mkimage_error *err)
{
	struct stat st;

	for (size_t i = first; i < plan->ninputs; i++) {
		const struct input *in = &plan->inputs[i];

		if (in->kind == MLK_BUNDLE_SERVICE && stat(in->path, &st) < 0)
			return mkimage_fail(err, in->where,
					    "service '%s' not found (%s: %s)",
					    in->name, in->path,
					    strerror(errno));
	}
	return 0;
}

int manifest_read(struct plan *plan, const char *path,
		  struct mkimage_error *err)
{
	FILE *f = fopen(path, "r");
	size_t len, first = plan->ninputs;
	char *text;
	int st;

	if (!f)
		return mkimage_fail(err, path, "%s", strerror(errno));
	text = read_stream(f, path, &len, err);
	fclose(f);
	if (!text)
		return -1;
	st = mkimage_parse_manifest(plan, text, len, path, err);
	free(text);
	if (st == 0)
		st = check_services_exist(plan, first, err);
	return st;
}
