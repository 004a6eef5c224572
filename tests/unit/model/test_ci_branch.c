/* test_ci_branch.c - which branch a scan gates and whose policy applies: flag, CI variables, revision. */
#include "helpers.h"

#include <string.h>

#include "git/repo.h"
#include "model/ci_branch.h"
#include "util/err.h"

/* The environment of one row of the table. */
static const char *const *env_row;

static const char *fake_env(const char *name)
{
	size_t i, n = strlen(name);
	for (i = 0; env_row[i]; i++)
		if (!strncmp(env_row[i], name, n) && env_row[i][n] == '=')
			return env_row[i] + n + 1;
	return NULL;
}

static void test_branch_resolution_table(void **state)
{
	static const char *const r0[] = {NULL};
	static const char *const r1[] = {"CI_COMMIT_REF_NAME=dev", NULL};
	static const char *const r2[] = {"CI_COMMIT_REF_NAME=dev", "GITHUB_REF_NAME=gh", NULL};
	static const char *const r3[] = {"GITHUB_REF_NAME=gh", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME=mr", NULL};
	static const char *const r4[] = {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME=mr", "GITHUB_BASE_REF=base", NULL};
	static const char *const r5[] = {"GITHUB_BASE_REF=", "GITHUB_REF_NAME=release/2", NULL};
	static const char *const r6[] = {"GITHUB_BASE_REF=base", NULL};
	static const struct {
		const char *const *env;
		const char *flag, *rev_branch, *name, *source;
		int change;
	} rows[] = {
		{r0, NULL, "main", "main", "revision", 0},
		{r0, NULL, NULL, NULL, NULL, 0},
		{r1, NULL, "main", "dev", "CI_COMMIT_REF_NAME", 0},
		{r2, NULL, "main", "gh", "GITHUB_REF_NAME", 0},
		{r3, NULL, "main", "mr", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", 1},
		{r4, NULL, "main", "base", "GITHUB_BASE_REF", 1},
		{r5, NULL, "main", "release/2", "GITHUB_REF_NAME", 0},
		{r6, "hotfix/1", "main", "hotfix/1", "--branch", 0},
		{r6, "", "main", "base", "GITHUB_BASE_REF", 1},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct ci_branch b;
		env_row = rows[i].env;
		ci_branch_resolve(&b, rows[i].flag, rows[i].rev_branch, fake_env);
		if (rows[i].name)
			assert_string_equal(b.name, rows[i].name);
		else
			assert_null(b.name);
		if (rows[i].source)
			assert_string_equal(b.source, rows[i].source);
		else
			assert_null(b.source);
		assert_int_equal(b.change, rows[i].change);
		/* a pull or merge request's target is known whatever names the gate's branch */
		if (rows[i].env == r3 || rows[i].env == r4 || rows[i].env == r6)
			assert_non_null(b.target);
		else
			assert_null(b.target);
	}
}

/* origin/BRANCH, else the local branch; a missing one says what to fetch and leaves *out alone. */
static void test_target_commit(void **state)
{
	git_repository *repo = NULL;
	git_commit *c = NULL, *const sentinel = (git_commit *)&c;
	(void)state;
	assert_int_equal(repo_open(&repo, fixture_path("basic"), NULL), 0);
	assert_int_equal(ci_target_commit(&c, repo, "release/1.0", "GITHUB_BASE_REF"), 0);
	assert_non_null(c);
	git_commit_free(c);
	c = sentinel;
	assert_int_equal(ci_target_commit(&c, repo, "no-such", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"), -1);
	assert_ptr_equal(c, sentinel);
	assert_non_null(strstr(err_last(), "target branch 'no-such' (CI_MERGE_REQUEST_TARGET_BRANCH_NAME)"));
	assert_non_null(strstr(err_last(),
			       "git fetch --no-tags --depth=1 origin +refs/heads/no-such:refs/remotes/origin/no-such"));
	git_repository_free(repo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_branch_resolution_table),
		cmocka_unit_test(test_target_commit),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
