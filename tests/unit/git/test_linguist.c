/*
 * test_linguist.c - the attributes of a path from the commit's
 * .gitattributes, as git decides them: each case states its answer, and
 * git check-attr (in a work tree whose HOME, XDG_CONFIG_HOME and system
 * file point nowhere) is asked the same, so that the cases cannot drift
 * from git.
 */
#define _DEFAULT_SOURCE /* mkdtemp, nftw */
#include "helpers.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "git/linguist.h"

struct tcase {
	const char *root, *sub; /* .gitattributes at the root and in sub/ (NULL: none) */
	const char *path;
	int marked;
};

static const struct tcase cases[] = {
	{"*.js linguist-generated\n", NULL, "a/b.js", 1},
	{"*.js linguist-generated\n", NULL, "a/b.jsx", 0},
	{"*.js linguist-generated\n*.js -linguist-generated\n", NULL, "b.js", 0},
	{"*.js -linguist-generated\n*.js linguist-generated\n", NULL, "b.js", 1},
	{"gen/** linguist-vendored\n", NULL, "gen/a/b.c", 1},
	{"gen/** linguist-vendored\n", NULL, "x/gen/a.c", 0},
	{"**/gen/** linguist-generated\n", NULL, "a/b/gen/c/d.js", 1},
	{"a/*.c linguist-generated\n", NULL, "a/b/x.c", 0},
	{"a/**/x.c linguist-generated\n", NULL, "a/x.c", 1},
	{"*.c linguist-generated\n", NULL, "a/b/c.c", 1},
	/* a leading '!' is ignored by git (libgit2 negated it) */
	{"!foo linguist-generated\n", NULL, "bar/x", 0},
	{"!foo linguist-generated\n", NULL, "foo", 0},
	/* \v and \f are not blanks for git: the line is one pattern without attributes */
	{"foo\vlinguist-generated\n", NULL, "foo", 0},
	{"foo\flinguist-vendored\n", NULL, "foo", 0},
	{"   *.c\tlinguist-generated\n", NULL, "x.c", 1},
	{"*.c linguist-generated\r\n", NULL, "x.c", 1},
	{"#*.c linguist-generated\n", NULL, "x.c", 0},
	{"\xef\xbb\xbf*.c linguist-generated\n", NULL, "x.c", 1},
	/* values */
	{"*.c linguist-generated=true\n", NULL, "x.c", 1},
	{"*.c linguist-generated=false\n", NULL, "x.c", 0},
	/* "name=" sets the empty string (git check-attr prints it), not true; libgit2 reads true */
	{"*.c linguist-generated=\n", NULL, "x.c", 0},
	/* "-name=value" unsets, as git check-attr says; libgit2 sets the value */
	{"*.c -linguist-generated=true\n", NULL, "x.c", 0},
	{"*.c linguist-generated\n*.c -linguist-vendored=true\n", NULL, "x.c", 1},
	{"*.c linguist-vendored=yes\n", NULL, "x.c", 0},
	{"*.c linguist-generated\n*.c !linguist-generated\n", NULL, "x.c", 0},
	{"*.c linguist-generated -linguist-generated\n", NULL, "x.c", 0},
	{"*.c -linguist-generated linguist-generated\n", NULL, "x.c", 1},
	/* an invalid attribute name drops the whole line */
	{"*.js linguist-generated bad/name\n", NULL, "x.js", 0},
	/* case matters (core.ignorecase is the machine's) */
	{"*.JS linguist-generated\n", NULL, "a.js", 0},
	/* folders: a folder's attributes are not its files' */
	{"docs/ linguist-vendored\n", NULL, "docs/a.md", 0},
	{"docs linguist-vendored\n", NULL, "docs/a.md", 0},
	/* quoting and escapes */
	{"\"my file.txt\" linguist-generated\n", NULL, "my file.txt", 1},
	{"\"tab\\there\" linguist-generated\n", NULL, "tab\there", 1},
	{"my\\ file.txt linguist-generated\n", NULL, "my file.txt", 0},
	{"[\\]abc]xyz linguist-generated\n", NULL, "axyz", 1},
	{"[[:alpha:]xyz]q linguist-generated\n", NULL, "aq", 1},
	{"[!a]q linguist-generated\n", NULL, "aq", 0},
	{"[^a]q linguist-generated\n", NULL, "bq", 1},
	{"x[a-c]y linguist-generated\n", NULL, "xby", 1},
	{"x?y linguist-generated\n", NULL, "x/y", 0},
	/* macros: from the root file only, expanded where set, the last definition wins */
	{"[attr]gen linguist-generated\n*.min.js gen\n", NULL, "x.min.js", 1},
	{"*.min.js gen\n[attr]gen linguist-generated\n", NULL, "x.min.js", 1},
	{"[attr]gen linguist-generated\n*.js gen\n*.js -gen\n", NULL, "x.js", 0},
	{"[attr]a b\n[attr]b linguist-vendored\n*.c a\n", NULL, "x.c", 1},
	{"[attr]g linguist-vendored\n[attr]g -linguist-vendored\n*.c g\n", NULL, "x.c", 0},
	{"[attr]gen -linguist-generated\n*.c gen linguist-generated\n", NULL, "x.c", 1},
	{"[attr]gen -linguist-generated\n*.c linguist-generated gen\n", NULL, "x.c", 0},
	{"*.bin binary\n", NULL, "x.bin", 0},
	{"[attr]binary linguist-generated\n*.bin binary\n", NULL, "x.bin", 1},
	{"*.js gen\n", "[attr]gen linguist-generated\n", "sub/x.js", 0},
	/* a deeper file decides first; its patterns are relative to its folder */
	{"*.txt linguist-vendored\n", "*.txt -linguist-vendored\n", "sub/a.txt", 0},
	{"*.txt linguist-vendored\n", "*.txt -linguist-vendored\n", "a.txt", 1},
	{NULL, "/x.txt linguist-vendored\n", "sub/x.txt", 1},
	{NULL, "/x.txt linguist-vendored\n", "sub/y/x.txt", 0},
	{NULL, "x/*.c linguist-generated\n", "sub/x/a.c", 1},
	{NULL, "sub/*.c linguist-generated\n", "sub/a.c", 0},
	{"sub/*.c linguist-generated\n", "*.c !linguist-generated\n", "sub/a.c", 0},
};

/* The case's lines in a linguist stack, as the walk enters them: 1 when it marks the path. */
static int ours(const struct tcase *c)
{
	struct linguist *lg = linguist_new();
	int r;
	linguist_enter_text(lg, c->root ? c->root : "", c->root ? strlen(c->root) : 0, "", 0, 0);
	if (!strncmp(c->path, "sub/", 4))
		linguist_enter_text(lg, c->sub ? c->sub : "", c->sub ? strlen(c->sub) : 0, "sub/", 4, 1);
	r = linguist_marks(lg, c->path, strlen(c->path));
	linguist_free(lg);
	return r;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

/* git check-attr's answer for the case: 1 when either attribute is set or "true"; -1 without git. */
static int gits(const struct tcase *c)
{
	char dir[64], path[256], cmd[512], out[4096];
	FILE *p;
	size_t n, i;
	int marked = 0, field = 0;

	strcpy(dir, "/tmp/pg-test-linguist.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_COMMON_DIR; cd %s && git init -q . 2>/dev/null && "
		 "mkdir home sub",
		 dir);
	if (system(cmd) != 0)
		return -1;
	if (c->root) {
		snprintf(path, sizeof(path), "%s/.gitattributes", dir);
		write_file(path, c->root);
	}
	if (c->sub) {
		snprintf(path, sizeof(path), "%s/sub/.gitattributes", dir);
		write_file(path, c->sub);
	}
	snprintf(cmd, sizeof(cmd),
		 "unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_COMMON_DIR; cd %s && HOME=%s/home "
		 "XDG_CONFIG_HOME=%s/home GIT_CONFIG_NOSYSTEM=1 GIT_ATTR_NOSYSTEM=1 "
		 "git -c core.ignorecase=false check-attr -z --stdin linguist-generated linguist-vendored 2>/dev/null",
		 dir, dir, dir);
	snprintf(path, sizeof(path), "%s/paths", dir);
	write_file(path, c->path);
	strncat(cmd, " <paths", sizeof(cmd) - strlen(cmd) - 1);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	pclose(p);
	/* path NUL attribute NUL value NUL, twice */
	for (i = 0; i < n; i += strlen(out + i) + 1, field++)
		if (field % 3 == 2 && (!strcmp(out + i, "set") || !strcmp(out + i, "true")))
			marked = 1;
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	if (field != 6)
		fail_msg("git check-attr answered %d fields for '%s', not 6", field, c->path);
	return marked;
}

static void test_cases_as_git_decides(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int got = ours(&cases[i]), g = gits(&cases[i]);
		if (got != cases[i].marked)
			fail_msg("case %zu (%s): marked %d, expected %d", i, cases[i].path, got, cases[i].marked);
		if (g < 0)
			fail_msg("case %zu: no git to ask", i);
		if (g != cases[i].marked)
			fail_msg("case %zu (%s): git check-attr says %d, the case %d", i, cases[i].path, g,
				 cases[i].marked);
	}
}

static void test_leave_forgets_a_folder(void **state)
{
	struct linguist *lg = linguist_new();
	(void)state;
	linguist_enter_text(lg, "", 0, "", 0, 0);
	linguist_enter_text(lg, "*.c linguist-generated\n", 23, "a/", 2, 1);
	assert_true(linguist_marks(lg, "a/x.c", 5));
	linguist_leave(lg, 1);
	linguist_enter_text(lg, "", 0, "b/", 2, 1);
	assert_false(linguist_marks(lg, "b/x.c", 5));
	linguist_leave(lg, 0);
	linguist_free(lg);
	linguist_free(NULL);
}

static void test_overlong_line_is_ignored(void **state)
{
	char text[2100];
	struct linguist *lg = linguist_new();
	(void)state;
	memset(text, ' ', sizeof(text));
	memcpy(text, "*.c linguist-generated", 22);
	text[sizeof(text) - 1] = '\n';
	linguist_enter_text(lg, text, sizeof(text), "", 0, 0);
	assert_false(linguist_marks(lg, "x.c", 3)); /* git: "ignoring overly long attributes line" */
	linguist_leave(lg, 0);
	linguist_enter_text(lg, text, 2047, "", 0, 0);
	assert_true(linguist_marks(lg, "x.c", 3));
	linguist_free(lg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases_as_git_decides),
		cmocka_unit_test(test_leave_forgets_a_folder),
		cmocka_unit_test(test_overlong_line_is_ignored),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
