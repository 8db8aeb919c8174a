/*
 * The history ring: the last SHELL_HISTORY lines entered, newest last.  A
 * line equal to the one before it is kept once, as bash's ignoredups;
 * blank lines are not kept.
 */
#include <string.h>

#include "shell.h"

void history_add(struct history *h, const char *line)
{
	const char *last = history_get(h, 1);

	if (!line[strspn(line, " ")] || (last && !strcmp(last, line)))
		return;
	strlcpy(h->lines[h->next], line, sizeof(h->lines[0]));
	h->next = (h->next + 1) % SHELL_HISTORY;
	if (h->count < SHELL_HISTORY)
		h->count++;
}

const char *history_get(const struct history *h, unsigned back)
{
	if (back == 0 || back > h->count)
		return NULL;
	return h->lines[(h->next + SHELL_HISTORY - back) % SHELL_HISTORY];
}
