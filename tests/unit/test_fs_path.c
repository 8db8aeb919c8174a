/*
 * Unit tests of the path rules (servers/fslib/fs_path.c) and the directory
 * tree (servers/fslib/fs_tree.c) the vfs and the file system services
 * share, on the build machine.
 */
#include "unit.h"

#include "fs_path.h"
#include "fs_tree.h"

static mlk_status_t parse(struct fs_path *p, const char *s)
{
	return fs_path_parse(p, s, strlen(s));
}

/* ---- paths --------------------------------------------------------------- */

START_TEST(path_good)
{
	struct fs_path p;
	char name[MLK_FS_NAME_SIZE + 2] = "/";

	ck_assert_int_eq(parse(&p, "/"), MLK_OK);
	ck_assert_uint_eq(p.depth, 0);
	ck_assert_str_eq(fs_path_leaf(&p), "");
	ck_assert_int_eq(parse(&p, "/etc/motd"), MLK_OK);
	ck_assert_uint_eq(p.depth, 2);
	ck_assert_str_eq(fs_path_name(&p, 0), "etc");
	ck_assert_str_eq(fs_path_leaf(&p), "motd");
	ck_assert_int_eq(parse(&p, "/a b/.x/..y/caf\xc3\xa9"), MLK_OK);
	ck_assert_uint_eq(p.depth, 4);
	ck_assert_str_eq(fs_path_name(&p, 2), "..y");
	memset(name + 1, 'n', MLK_FS_NAME_SIZE - 1);
	ck_assert_int_eq(parse(&p, name), MLK_OK);
	ck_assert_uint_eq(strlen(fs_path_leaf(&p)), MLK_FS_NAME_SIZE - 1);
}
END_TEST

START_TEST(path_bad)
{
	static const char *const bad[] = {
		"",	  "a",	   "a/b",   "//",    "/a/",
		"/a//b",  "/.",	   "/..",   "/a/..", "/a/./b",
		"/a\001", "/\177", "/a\nb", "//a",   "/a/b/",
	};
	struct fs_path p;
	char name[MLK_FS_NAME_SIZE + 2] = "/";

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(parse(&p, bad[i]) == MLK_ERR_BAD_NAME,
			      "\"%s\" passed", bad[i]);
	/* A NUL inside the length is a control character. */
	ck_assert_int_eq(fs_path_parse(&p, "/a\0b", 4), MLK_ERR_BAD_NAME);
	memset(name + 1, 'n', MLK_FS_NAME_SIZE);
	ck_assert_int_eq(parse(&p, name), MLK_ERR_BAD_NAME);
}
END_TEST

START_TEST(path_length)
{
	char s[MLK_PATH_MAX + 2];
	struct fs_path p;
	size_t n;

	for (n = 0; n + 2 <= MLK_PATH_MAX; n += 2)
		memcpy(s + n, "/a", 2);
	s[n] = '\0';
	ck_assert_uint_eq(strlen(s), MLK_PATH_MAX);
	ck_assert_int_eq(parse(&p, s), MLK_OK);
	ck_assert_uint_eq(p.depth, MLK_PATH_MAX / 2);
	strcat(s, "a");
	ck_assert_int_eq(parse(&p, s), MLK_ERR_BAD_NAME);
}
END_TEST

/* ---- URIs ---------------------------------------------------------------- */

START_TEST(uri_good)
{
	char scheme[MLK_SCHEME_SIZE];
	const char *path, *u = "tmp:///dir/file";
	size_t len;

	ck_assert_int_eq(fs_uri_split(u, strlen(u), scheme, &path, &len),
			 MLK_OK);
	ck_assert_str_eq(scheme, "tmp");
	ck_assert_ptr_eq(path, u + 6);
	ck_assert_uint_eq(len, 9);
	u = "initfs2:///";
	ck_assert_int_eq(fs_uri_split(u, strlen(u), scheme, &path, &len),
			 MLK_OK);
	ck_assert_str_eq(scheme, "initfs2");
	ck_assert_uint_eq(len, 1);
	u = "abcdefghijklmno:///x"; /* a scheme of 15 bytes */
	ck_assert_int_eq(fs_uri_split(u, strlen(u), scheme, &path, &len),
			 MLK_OK);
}
END_TEST

START_TEST(uri_bad)
{
	static const char *const bad[] = {
		"",
		"tmp",
		"tmp:",
		"tmp://",
		"tmp:/x",
		"tmp::///x",
		":///x",
		"Tmp:///x",
		"t-p:///x",
		"t p:///x",
		"tmp://x",
		"tmp:///x/",
		"tmp:///../x",
		"tmp:////x",
		"abcdefghijklmnop:///x",
	};
	char scheme[MLK_SCHEME_SIZE];
	const char *path;
	size_t len;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(fs_uri_split(bad[i], strlen(bad[i]), scheme,
					   &path, &len) == MLK_ERR_BAD_NAME,
			      "\"%s\" passed", bad[i]);
	ck_assert(!fs_scheme_ok("", 0));
	ck_assert(fs_scheme_ok("a0", 2));
}
END_TEST

/* ---- the tree ------------------------------------------------------------ */

static struct fs_node *node(const char *name, uint32_t type)
{
	struct fs_node *n = calloc(1, sizeof(*n));

	strcpy(n->name, name);
	n->type = type;
	return n;
}

static struct fs_node *add(struct fs_node *dir, const char *name, uint32_t type)
{
	struct fs_node *n = node(name, type);

	ck_assert_int_eq(fs_tree_reserve(dir), MLK_OK);
	fs_tree_link(dir, n);
	return n;
}

START_TEST(tree_walk)
{
	struct fs_node *root = node("", MLK_FILE_DIRECTORY), *got;
	struct fs_node *etc = add(root, "etc", MLK_FILE_DIRECTORY);
	struct fs_node *motd = add(etc, "motd", MLK_FILE_REGULAR);
	struct fs_path p;

	ck_assert_int_eq(parse(&p, "/etc/motd"), MLK_OK);
	ck_assert_int_eq(fs_tree_walk(root, &p, 2, &got), MLK_OK);
	ck_assert_ptr_eq(got, motd);
	ck_assert_int_eq(fs_tree_walk(root, &p, 1, &got), MLK_OK);
	ck_assert_ptr_eq(got, etc);
	ck_assert_int_eq(parse(&p, "/etc/motd/x"), MLK_OK);
	ck_assert_int_eq(fs_tree_walk(root, &p, 3, &got), MLK_ERR_NOT_DIR);
	ck_assert_int_eq(parse(&p, "/etc/nothing"), MLK_OK);
	ck_assert_int_eq(fs_tree_walk(root, &p, 2, &got), MLK_ERR_NOT_FOUND);
	ck_assert(fs_tree_contains(etc, motd));
	ck_assert(fs_tree_contains(root, motd));
	ck_assert(!fs_tree_contains(motd, etc));
	ck_assert_uint_eq(fs_tree_size(etc), 1);
	fs_tree_unlink(motd);
	ck_assert(!motd->linked && !motd->parent);
	ck_assert_uint_eq(fs_tree_size(etc), 0);
}
END_TEST

/* Entries keep their order; a directory that empties gives memory back. */
START_TEST(tree_grow_shrink)
{
	struct fs_node *root = node("", MLK_FILE_DIRECTORY);
	struct fs_node *n[100];
	char name[8];

	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		n[i] = add(root, name, MLK_FILE_REGULAR);
	}
	ck_assert_uint_eq(root->nentries, 100);
	ck_assert_uint_ge(root->capacity, 100);
	ck_assert_ptr_eq(fs_tree_entry(root, "f57"), n[57]);
	ck_assert_ptr_eq(root->entries[42], n[42]);
	for (int i = 0; i < 98; i++)
		fs_tree_unlink(n[i]);
	ck_assert_uint_eq(root->nentries, 2);
	ck_assert_ptr_eq(root->entries[0], n[98]);
	ck_assert_uint_le(root->capacity, 16);
	ck_assert_ptr_null(fs_tree_entry(root, "f3"));
}
END_TEST

static Suite *fs_path_suite(void)
{
	Suite *s = suite_create("fs_path");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, path_good);
	tcase_add_test(tc, path_bad);
	tcase_add_test(tc, path_length);
	tcase_add_test(tc, uri_good);
	tcase_add_test(tc, uri_bad);
	tcase_add_test(tc, tree_walk);
	tcase_add_test(tc, tree_grow_shrink);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run("fs_path", fs_path_suite());
}
