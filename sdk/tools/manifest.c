/*
 * mlk-mkimage: the text manifest.
 *
 *   # the services init starts, in order, and files for initfs
 *   service console prio=50 restart grant=log grant=device=arm,pl011
 *   service shell args="-l initfs:///etc/profile"
 *   file etc/motd motd.txt
 *
 * Words are separated by blanks; a double-quoted part of a word may hold
 * blanks, \" and \\.  A word that starts with # starts a comment.  A
 * service's ELF is services_dir/NAME; a file's relative PATH is relative
 * to the manifest's directory.  mlk-mkimage.1 documents the format.
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

/* One word from *p (which is at a non-blank), quotes removed. */
static char *next_word(const char **p, const char *where)
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
		if (!*s)
			fail(where, "unterminated quote");
		s++;
	}
	*out = '\0';
	*p = s;
	return word;
}

static struct words split_words(const char *line, const char *where)
{
	struct words w = { 0 };
	const char *p = line;

	for (;;) {
		p += strspn(p, " \t");
		if (!*p || *p == '#')
			return w;
		w.word = xrealloc(w.word, w.count + 1, sizeof(*w.word));
		w.word[w.count++] = next_word(&p, where);
	}
}

static void read_service(struct plan *plan, const struct words *w,
			 const char *where)
{
	struct mlk_manifest_service svc;
	const char *name = w->count > 1 ? w->word[1] : "";
	struct stat st;
	char *path;

	if (w->count < 2 || strchr(name, '='))
		fail(where, "service: missing name (want 'service NAME "
			    "[OPTIONS]')");
	check_entry_name(name, where);
	path = path_join(plan->services_dir, name);
	if (stat(path, &st) < 0)
		fail(where, "service '%s' not found (%s: %s)", name, path,
		     strerror(errno));
	service_init(&svc, name);
	for (size_t i = 2; i < w->count; i++)
		service_option(&svc, w->word[i], where);
	plan_add_service(plan, &svc, path, where);
	free(path);
}

static void read_file_line(struct plan *plan, const struct words *w,
			   const char *dir, const char *where)
{
	char *path;

	if (w->count != 3)
		fail(where, "file: want 'file NAME PATH'");
	path = path_join(dir, w->word[2]);
	plan_add(plan, MLK_BUNDLE_FILE, w->word[1], path, where);
	free(path);
}

static void read_line(struct plan *plan, const char *line, const char *dir,
		      const char *where)
{
	struct words w = split_words(line, where);

	if (w.count == 0)
		return;
	if (!strcmp(w.word[0], "service"))
		read_service(plan, &w, where);
	else if (!strcmp(w.word[0], "file"))
		read_file_line(plan, &w, dir, where);
	else
		fail(where, "unknown keyword '%s' (want service or file)",
		     w.word[0]);
	words_free(&w);
}

void manifest_read(struct plan *plan, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *dir = dir_name(path);
	size_t cap = 0;
	unsigned lineno = 0;
	ssize_t len;

	if (!f)
		fail(path, "%s", strerror(errno));
	while ((len = getline(&line, &cap, f)) >= 0) {
		char *where = xasprintf("%s:%u", path, ++lineno);

		while (len > 0 &&
		       (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (strlen(line) != (size_t)len)
			fail(where, "NUL byte in the line");
		read_line(plan, line, dir, where);
		free(where);
	}
	if (ferror(f))
		fail(path, "%s", strerror(errno));
	fclose(f);
	free(line);
	free(dir);
}
