/*
 * URIs the vfs refuses (MLK_ERR_BAD_NAME), schemes it does not know
 * (MLK_ERR_NOT_FOUND), and the same checks made by the vfs itself on
 * requests the client would not send.
 */
#include <string.h>

#include <mlk/names.h>
#include <mlk/runtime.h>

#include "fstest.h"

static const char *const bad[] = {
	"",
	"tmp",
	"tmp:",
	"tmp://",
	"tmp:/x",
	"tmp:x",
	"tmp//x",
	"://x",
	"TMP:///x",
	"t_p:///x",
	"abcdefghijklmnop:///x", /* a scheme of 16 bytes */
	"tmp://x",
	"tmp:///x/",
	"tmp:////x",
	"tmp:///x//y",
	"tmp:///..",
	"tmp:///x/../y",
	"tmp:///.",
	"tmp:///x/./y",
	"tmp:///x\001y",
	"tmp:///x\177",
	"tmp:///x\ny",
};

static void refused(const char *uri)
{
	struct mlk_stat st;
	struct mlk_file f;

	if (!CHECK_ST(mlk_fs_stat(uri, &st), MLK_ERR_BAD_NAME))
		return;
	CHECK_ST(mlk_fs_open(uri, MLK_O_READ | MLK_O_WRITE | MLK_O_CREATE, &f),
		 MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_mkdir(uri), MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_unlink(uri), MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_rename(uri, "tmp:///x"), MLK_ERR_BAD_NAME);
	CHECK_ST(mlk_fs_rename("tmp:///x", uri), MLK_ERR_BAD_NAME);
}

/* Every malformed URI of bad[], and schemes nobody serves. */
TEST(bad_names, refused)
{
	struct mlk_stat st;
	struct mlk_file f;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		refused(bad[i]);
	CHECK_ST(mlk_fs_stat(NULL, &st), MLK_ERR_BAD_ARG(0));
	CHECK_ST(mlk_fs_stat("nosuch:///", &st), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_open("nosuch:///x", MLK_O_READ, &f), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_mkdir("nosuch:///x"), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_unlink("nosuch:///x"), MLK_ERR_NOT_FOUND);
	CHECK_ST(mlk_fs_rename("nosuch:///x", "nosuch:///y"),
		 MLK_ERR_NOT_FOUND);
}

/* Names at and past the limits: a component of 63 bytes is fine, 64 is
 * not; a URI of MLK_PATH_MAX bytes is fine, one more is not. */
TEST(bad_names, lengths)
{
	char uri[MLK_PATH_MAX + 2] = "tmp:///";
	struct mlk_stat st;
	struct mlk_msg m;
	size_t n = strlen(uri);

	memset(uri + n, 'n', MLK_FS_NAME_SIZE - 1);
	uri[n + MLK_FS_NAME_SIZE - 1] = '\0';
	CHECK_ST(mlk_fs_mkdir(uri), MLK_OK);
	CHECK_ST(mlk_fs_unlink(uri), MLK_OK);
	strcat(uri, "n");
	CHECK_ST(mlk_fs_mkdir(uri), MLK_ERR_BAD_NAME);
	/* "tmp:///a/a/a/...": MLK_PATH_MAX bytes, then one more. */
	for (n = 6; n + 2 <= MLK_PATH_MAX; n += 2)
		memcpy(uri + n, "/a", 2);
	uri[n] = '\0';
	CHECK(strlen(uri) == MLK_PATH_MAX);
	CHECK_ST(mlk_fs_stat(uri, &st), MLK_ERR_NOT_FOUND);
	strcat(uri, "a");
	CHECK_ST(mlk_fs_stat(uri, &st), MLK_ERR_BAD_NAME);
	/* The vfs's own checks: a length past MLK_PATH_MAX, a length longer
	 * than the message, bytes that are not all there. */
	CHECK_ST(raw_vfs(MLK_VFS_STAT, 0, uri, MLK_PATH_MAX + 1, &m),
		 MLK_ERR_BAD_NAME);
	CHECK_ST(raw_vfs(MLK_VFS_STAT, 0, "tmp:///", 400, &m),
		 MLK_ERR_BAD_NAME);
	CHECK_ST(raw_vfs(MLK_VFS_STAT, 0, "tmp:///\0x", 9, &m),
		 MLK_ERR_BAD_NAME);
	CHECK_ST(raw_vfs(MLK_VFS_STAT, 0, "tmp:///", 7, &m), MLK_OK);
	CHECK_ST(raw_vfs(MLK_VFS_RENAME, 300, "tmp:///", 7, &m),
		 MLK_ERR_BAD_NAME);
}

/* A request whose length says more bytes than its words hold, and one
 * without the length. */
TEST(bad_names, short_requests)
{
	struct mlk_msg m = { .label = MLK_VFS_STAT, .nwords = 3 };
	mlk_handle_t vfs;

	if (!CHECK_ST(mlk_names_lookup(MLK_VFS_NAME, mlk_deadline_in(0), &vfs),
		      MLK_OK))
		return;
	m.w[1] = 20;
	memcpy(&m.w[2], "tmp:///x", 8);
	CHECK_ST(raw_call(vfs, &m), MLK_ERR_BAD_NAME);
	m = (struct mlk_msg){ .label = MLK_VFS_OPEN, .nwords = 1 };
	CHECK_ST(raw_call(vfs, &m), MLK_ERR_BAD_NAME);
	m = (struct mlk_msg){ .label = MLK_VFS_RENAME, .nwords = 1 };
	CHECK_ST(raw_call(vfs, &m), MLK_ERR_BAD_NAME);
	m = (struct mlk_msg){ .label = 0x5646ffff };
	CHECK_ST(raw_call(vfs, &m), MLK_ERR_NOT_SUPPORTED);
	mlk_handle_close(vfs);
}

/* Two URIs that do not fit one message together. */
TEST(bad_names, long_rename)
{
	char a[MLK_PATH_MAX + 1], b[MLK_PATH_MAX + 1];
	size_t n;

	strcpy(a, "tmp:///");
	for (n = 7; n + 2 <= MLK_PATH_MAX; n += 2)
		memcpy(a + n, "a/", 2);
	a[n - 1] = '\0';
	strcpy(b, a);
	CHECK_ST(mlk_fs_rename(a, b), MLK_ERR_BAD_NAME);
}
