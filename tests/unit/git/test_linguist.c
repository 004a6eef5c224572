/* test_linguist.c - the attribute shortcut asks libgit2 about every path libgit2 would mark (fuzz_attrs findings). */
#define _DEFAULT_SOURCE /* mkdtemp, nftw, setenv */
#include "helpers.h"

#include <ftw.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "git/linguist.h"

struct sandbox {
	char dir[64];
	git_repository *repo;
};

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static int setup(void **state)
{
	static struct sandbox sb;
	char path[128];
	strcpy(sb.dir, "/tmp/pg-test-linguist.XXXXXX");
	assert_non_null(mkdtemp(sb.dir));
	/* the machine's attribute files stay out: HOME and XDG point into the sandbox */
	snprintf(path, sizeof(path), "%s/home", sb.dir);
	setenv("HOME", path, 1);
	setenv("XDG_CONFIG_HOME", path, 1);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, path);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, path);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, path);
	snprintf(path, sizeof(path), "%s/repo.git", sb.dir);
	assert_int_equal(git_repository_init(&sb.repo, path, 1), 0);
	*state = &sb;
	return 0;
}

static int teardown(void **state)
{
	struct sandbox *sb = *state;
	git_repository_free(sb->repo);
	nftw(sb->dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* A commit whose root .gitattributes is text; its blob id in *blob. */
static void commit_attrs(git_repository *repo, const char *text, git_oid *blob, git_oid *commit)
{
	git_treebuilder *tb = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_oid tid;
	assert_int_equal(git_blob_create_from_buffer(blob, repo, text, strlen(text)), 0);
	assert_int_equal(git_treebuilder_new(&tb, repo, NULL), 0);
	assert_int_equal(git_treebuilder_insert(NULL, tb, ".gitattributes", blob, GIT_FILEMODE_BLOB), 0);
	assert_int_equal(git_treebuilder_write(&tid, tb), 0);
	assert_int_equal(git_tree_lookup(&tree, repo, &tid), 0);
	assert_int_equal(git_signature_new(&sig, "t", "t@proofgate.invalid", 1780315200, 0), 0);
	assert_int_equal(git_commit_create(commit, repo, NULL, sig, sig, NULL, "t", tree, 0, NULL), 0);
	git_signature_free(sig);
	git_tree_free(tree);
	git_treebuilder_free(tb);
}

/* libgit2's answer, asked as the scan asks it: linguist-generated or linguist-vendored set. */
static int libgit2_marks(git_repository *repo, const git_oid *commit, const char *path)
{
	static const char *names[] = {"linguist-generated", "linguist-vendored"};
	const char *values[2] = {NULL, NULL};
	git_attr_options opts;
	memset(&opts, 0, sizeof(opts));
	opts.version = GIT_ATTR_OPTIONS_VERSION;
	opts.flags = GIT_ATTR_CHECK_INDEX_ONLY | GIT_ATTR_CHECK_NO_SYSTEM | GIT_ATTR_CHECK_INCLUDE_COMMIT;
	git_oid_cpy(&opts.attr_commit_id, commit);
	assert_int_equal(git_attr_get_many_ext(values, repo, &opts, path, 2, names), 0);
	return git_attr_value(values[0]) == GIT_ATTR_VALUE_TRUE || git_attr_value(values[1]) == GIT_ATTR_VALUE_TRUE;
}

/* The shortcut under text: 1 when it lets path through to libgit2. */
static int shortcut_asks(git_repository *repo, const char *text, const char *path, int *marked)
{
	git_oid blob, commit;
	struct linguist *lg;
	int r;
	commit_attrs(repo, text, &blob, &commit);
	lg = linguist_new(repo);
	assert_int_equal(linguist_enter(lg, repo, &blob, 0), 0);
	r = linguist_may_apply(lg, path, strlen(path));
	linguist_leave(lg, 0);
	linguist_free(lg);
	*marked = libgit2_marks(repo, &commit, path);
	git_attr_cache_flush(repo);
	return r;
}

static void test_asks_whatever_libgit2_marks(void **state)
{
	static const struct {
		const char *text, *path;
	} cases[] = {
		/* libgit2 reads a leading '!' as "every path but these" (git ignores the line) */
		{"!foo linguist-generated\n", "bar/x.c"},
		{"  !*.md linguist-vendored\n", "src/main.c"},
		/* \v, \f and \r separate a pattern from its attributes, and lead a line, as spaces do */
		{"foo\vlinguist-generated\n", "foo"},
		{"foo\flinguist-vendored\n", "a/foo"},
		{"foo\rlinguist-generated\n", "foo"},
		{"\vfoo linguist-generated\n", "foo"},
		{"\f\tgen/** linguist-generated\n", "gen/x.c"},
		/* inside a class, '\]' is a member and "[:alpha:]" one member: the text after is not a word */
		{"[\\]abc]xyz linguist-generated\n", "axyz"},
		{"[[:alpha:]xyz]q linguist-generated\n", "aq"},
		/* an escaped space is part of the pattern */
		{"my\\ file.txt linguist-generated\n", "my file.txt"},
		/* still found: plain patterns and classes */
		{"gen/** linguist-generated\n", "gen/a/b.c"},
		{"*.[jt]sx linguist-generated\n", "web/App.tsx"},
		{"[]x]abc linguist-vendored\n", "]abc"},
	};
	struct sandbox *sb = *state;
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int marked = 0, asks = shortcut_asks(sb->repo, cases[i].text, cases[i].path, &marked);
		if (!marked)
			fail_msg("case %zu: libgit2 does not mark '%s' (the case tests nothing)", i, cases[i].path);
		if (!asks)
			fail_msg("case %zu: libgit2 marks '%s', the shortcut never asks it", i, cases[i].path);
	}
}

static void test_still_rules_out_paths(void **state)
{
	struct sandbox *sb = *state;
	int marked = 1;
	/* the shortcut is worth having: a path without the pattern's word is not asked */
	assert_false(shortcut_asks(sb->repo, "gen/** linguist-generated\n", "src/main.c", &marked));
	assert_false(marked);
	assert_false(shortcut_asks(sb->repo, "[\\]abc]xyz linguist-generated\n", "src/main.c", &marked));
	assert_false(shortcut_asks(sb->repo, "  docs/*.md\tlinguist-vendored\r\n", "src/main.c", &marked));
	/* a '!' among the attributes unsets one; the pattern still has its word */
	assert_false(shortcut_asks(sb->repo, "gen/** !linguist-generated\n", "src/main.c", &marked));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_asks_whatever_libgit2_marks),
		cmocka_unit_test(test_still_rules_out_paths),
	};
	int rc;
	libgit2_group_setup(NULL);
	rc = cmocka_run_group_tests(tests, setup, teardown);
	libgit2_group_teardown(NULL);
	return rc;
}
