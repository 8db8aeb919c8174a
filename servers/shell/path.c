/*
 * What the file commands take: URIs ("initfs:///etc/motd"), or bare paths
 * that name files on tmp://, the writable file system ("notes.txt" and
 * "/notes.txt" are both tmp:///notes.txt).  There is no current directory:
 * a path means the same wherever it is typed.  A trailing slash is
 * dropped.
 */
#include <stdio.h>
#include <string.h>

#include "shell.h"

#define DEFAULT_SCHEME "tmp://"

/* "tmp:///d/" is the directory tmp:///d, as "d/" is d for a POSIX shell;
 * the file systems take no trailing slash.  The root keeps its own. */
static void drop_trailing_slashes(char *uri)
{
	char *path = strstr(uri, "://");
	char *end = uri + strlen(uri);

	path = path ? path + 3 : uri;
	while (end - path > 1 && end[-1] == '/')
		*--end = '\0';
}

mlk_status_t path_to_uri(const char *arg, char *out, size_t size)
{
	int n;

	if (strstr(arg, "://"))
		n = snprintf(out, size, "%s", arg);
	else
		n = snprintf(out, size, "%s%s%s", DEFAULT_SCHEME,
			     arg[0] == '/' ? "" : "/", arg);
	if (n < 0 || (size_t)n >= size || (size_t)n > MLK_PATH_MAX)
		return MLK_ERR_TOO_BIG;
	drop_trailing_slashes(out);
	return MLK_OK;
}

void path_base(const char *uri, char *out, size_t size)
{
	const char *path = strstr(uri, "://");
	const char *end, *start;

	path = path ? path + 3 : uri;
	end = path + strlen(path);
	/* "a/b/" names b, as it does for a POSIX shell. */
	while (end > path && end[-1] == '/')
		end--;
	for (start = end; start > path && start[-1] != '/'; start--)
		;
	snprintf(out, size, "%.*s", (int)(end - start), start);
}

bool path_arg(const char *cmd, const char *arg, char *uri)
{
	mlk_status_t st = path_to_uri(arg, uri, MLK_PATH_MAX + 1);

	if (st != MLK_OK)
		shell_error(cmd, arg, st);
	return st == MLK_OK;
}

mlk_status_t path_into_dir(const char *from, char *to)
{
	struct mlk_stat st;
	char base[MLK_FS_NAME_SIZE];
	char joined[MLK_PATH_MAX + 1];
	size_t len = strlen(to);

	if (mlk_fs_stat(to, &st) != MLK_OK || st.type != MLK_FILE_DIRECTORY)
		return MLK_OK;
	path_base(from, base, sizeof(base));
	int n = snprintf(joined, sizeof(joined), "%s%s%s", to,
			 len && to[len - 1] == '/' ? "" : "/", base);
	if (n < 0 || (size_t)n >= sizeof(joined))
		return MLK_ERR_TOO_BIG;
	memcpy(to, joined, (size_t)n + 1);
	return MLK_OK;
}
