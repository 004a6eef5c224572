/* test_repo.c - opening repositories and resolving revisions. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "git/repo.h"

static int setup(void **state)
{
	git_repository *repo = NULL;
	assert_int_equal(repo_open(&repo, fixture_path("basic"), NULL), 0);
	*state = repo;
	return 0;
}

static int teardown(void **state)
{
	git_repository_free(*state);
	return 0;
}

static void test_resolve_head_names_branch(void **state)
{
	struct repo_target t;
	assert_int_equal(repo_resolve(&t, *state, "HEAD"), 0);
	assert_string_equal(t.commit_hex, "8694d6f79162e16f5e9c3926219a44d317a8aa52");
	assert_string_equal(t.branch, "main");
	assert_string_equal(t.rev, "HEAD");
	/* 2026-06-01T13:00:00Z, the fixture's fixed committer date */
	assert_int_equal(t.commit_time, 1780318800);
	assert_non_null(t.tree);
	repo_target_free(&t);
}

static void test_resolve_forms(void **state)
{
	struct repo_target t;
	assert_int_equal(repo_resolve(&t, *state, "release/1.0"), 0);
	assert_string_equal(t.branch, "release/1.0");
	repo_target_free(&t);

	assert_int_equal(repo_resolve(&t, *state, "v1.0"), 0);
	assert_null(t.branch);
	assert_string_equal(t.commit_hex, "8694d6f79162e16f5e9c3926219a44d317a8aa52");
	repo_target_free(&t);

	assert_int_equal(repo_resolve(&t, *state, "feature/x~1"), 0);
	assert_string_equal(t.commit_hex, "8694d6f79162e16f5e9c3926219a44d317a8aa52");
	assert_null(t.branch);
	repo_target_free(&t);

	assert_int_equal(repo_resolve(&t, *state, "8694d6f"), 0);
	assert_null(t.branch);
	repo_target_free(&t);
}

static void test_resolve_unknown(void **state)
{
	struct repo_target t;
	assert_int_equal(repo_resolve(&t, *state, "no-such-thing"), -1);
	assert_non_null(strstr(err_last(), "unknown revision 'no-such-thing'"));
	assert_null(t.commit);
	assert_null(t.rev);
}

static void test_resolve_tree_is_not_a_commit(void **state)
{
	struct repo_target t;
	assert_int_equal(repo_resolve(&t, *state, "HEAD^{tree}"), -1);
	assert_non_null(strstr(err_last(), "does not name a commit"));
}

static void test_open_not_a_repository(void **state)
{
	git_repository *repo = NULL;
	(void)state;
	assert_int_equal(repo_open(&repo, "/", NULL), -1);
	assert_null(repo);
	assert_non_null(strstr(err_last(), "is not a git repository"));
}

static void test_open_from_subfolder(void **state)
{
	git_repository *repo = NULL;
	char path[4096];
	(void)state;
	snprintf(path, sizeof(path), "%s/docs/runbooks", fixture_path("basic"));
	assert_int_equal(repo_open(&repo, path, NULL), 0);
	git_repository_free(repo);
}

static void test_release_branches(void **state)
{
	(void)state;
	assert_true(repo_is_release_branch("release/1.2"));
	assert_true(repo_is_release_branch("release-2026.06"));
	assert_true(repo_is_release_branch("releases/v3"));
	assert_true(repo_is_release_branch("hotfix/login"));
	assert_false(repo_is_release_branch("release/"));
	assert_false(repo_is_release_branch("release"));
	assert_false(repo_is_release_branch("main"));
	assert_false(repo_is_release_branch("feature/release/1"));
	assert_false(repo_is_release_branch("hotfixes/x"));
	assert_false(repo_is_release_branch(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_resolve_head_names_branch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_tree_is_not_a_commit, setup, teardown),
		cmocka_unit_test(test_open_not_a_repository),
		cmocka_unit_test(test_open_from_subfolder),
		cmocka_unit_test(test_release_branches),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
