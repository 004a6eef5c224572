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
		{r0, NULL, NULL, NULL, "none", 0},
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

/* One row: an environment (NULL-ended "NAME=value"s) and what it decides. */
struct ci_row {
	const char *env[6];
	const char *flag, *rev_branch;
	int rev_named, ci;
	const char *name, *source, *target;
};

static void check_rows(const struct ci_row *rows, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		struct ci_branch b;
		env_row = rows[i].env;
		ci_branch_resolve_rev(&b, rows[i].flag, rows[i].rev_branch, rows[i].rev_named, rows[i].ci, fake_env);
		if (!rows[i].name != !b.name || (b.name && strcmp(b.name, rows[i].name)))
			fail_msg("row %zu: branch '%s', expected '%s'", i, b.name ? b.name : "(none)",
				 rows[i].name ? rows[i].name : "(none)");
		if (strcmp(b.source, rows[i].source))
			fail_msg("row %zu: source '%s', expected '%s'", i, b.source, rows[i].source);
		if (!rows[i].target != !b.target || (b.target && strcmp(b.target, rows[i].target)))
			fail_msg("row %zu: target '%s', expected '%s'", i, b.target ? b.target : "(none)",
				 rows[i].target ? rows[i].target : "(none)");
		assert_int_equal(b.change, rows[i].target && !rows[i].flag && b.name == b.target);
	}
}

/* An explicit --rev naming a branch decides over the CI's variables; they describe HEAD's commit only. */
static void test_explicit_rev_over_ci(void **state)
{
	static const struct ci_row rows[] = {
		/* the case: a GitHub job on main scanning release/1.0 */
		{{"GITHUB_REF_NAME=main", NULL}, NULL, "release/1.0", 1, 1, "release/1.0", "--rev", NULL},
		{{"GITHUB_REF_NAME=main", NULL}, NULL, "release/1.0", 1, 0, "release/1.0", "--rev", NULL},
		/* ... and in a pull request: the target's policy is for the change, not for release/1.0 */
		{{"GITHUB_BASE_REF=main", NULL}, NULL, "release/1.0", 1, 1, "release/1.0", "--rev", NULL},
		/* --branch still wins */
		{{"GITHUB_REF_NAME=main", NULL}, "hotfix/2", "release/1.0", 1, 1, "hotfix/2", "--branch", NULL},
		/* HEAD (rev_named 0): the CI's variables, then HEAD's branch */
		{{"GITHUB_REF_NAME=main", NULL}, NULL, "feature", 0, 1, "main", "GITHUB_REF_NAME", NULL},
		{{NULL}, NULL, "feature", 0, 1, "feature", "revision", NULL},
		/* a tag or a commit other than HEAD's: the CI's variables are not about it */
		{{"GITHUB_REF_NAME=main", "GITHUB_BASE_REF=main", NULL}, NULL, NULL, 1, 0, NULL, "none", NULL},
		/* the same commit as HEAD (--rev $GITHUB_SHA): they are */
		{{"GITHUB_REF_NAME=main", NULL}, NULL, NULL, 1, 1, "main", "GITHUB_REF_NAME", NULL},
		{{NULL}, NULL, NULL, 0, 1, NULL, "none", NULL},
	};
	(void)state;
	check_rows(rows, sizeof(rows) / sizeof(rows[0]));
}

/* A detached HEAD in each CI: the documented variables, pull request targets first, tags and PR refs not branches. */
static void test_each_ci(void **state)
{
	static const struct ci_row rows[] = {
		/* GitHub: a tag push, a pull request's ref */
		{{"GITHUB_REF_NAME=v1.0", "GITHUB_REF_TYPE=tag", NULL}, NULL, NULL, 0, 1, NULL, "none", NULL},
		{{"GITHUB_REF_NAME=12/merge", "GITHUB_REF=refs/pull/12/merge", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 NULL,
		 "none",
		 NULL},
		{{"GITHUB_REF_NAME=rel/x", "GITHUB_REF=refs/heads/rel/x", "GITHUB_REF_TYPE=branch", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "rel/x",
		 "GITHUB_REF_NAME",
		 NULL},
		{{"GITHUB_BASE_REF=release/2", "GITHUB_HEAD_REF=feature", "GITHUB_REF_NAME=3/merge", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "release/2",
		 "GITHUB_BASE_REF",
		 "release/2"},
		/* GitLab: a tag pipeline, a branch pipeline, merge request and external pull request pipelines */
		{{"CI_COMMIT_REF_NAME=v2", "CI_COMMIT_TAG=v2", NULL}, NULL, NULL, 0, 1, NULL, "none", NULL},
		{{"CI_COMMIT_BRANCH=dev", "CI_COMMIT_REF_NAME=dev", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "dev",
		 "CI_COMMIT_BRANCH",
		 NULL},
		{{"CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=f", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "main",
		 "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
		 "main"},
		{{"CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_NAME=release/3", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "release/3",
		 "CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_NAME",
		 "release/3"},
		/* Jenkins: only with JENKINS_URL; PR-24 is not a branch; GIT_BRANCH without its remote */
		{{"BRANCH_NAME=main", NULL}, NULL, NULL, 0, 1, NULL, "none", NULL},
		{{"JENKINS_URL=http://j/", "BRANCH_NAME=main", NULL}, NULL, NULL, 0, 1, "main", "BRANCH_NAME", NULL},
		{{"JENKINS_URL=http://j/", "BRANCH_NAME=PR-24", "CHANGE_ID=24", "CHANGE_TARGET=release/1", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "release/1",
		 "CHANGE_TARGET",
		 "release/1"},
		{{"JENKINS_URL=http://j/", "BRANCH_NAME=PR-24", "CHANGE_ID=24", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 NULL,
		 "none",
		 NULL},
		{{"JENKINS_URL=http://j/", "BRANCH_NAME=v1", "TAG_NAME=v1", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 NULL,
		 "none",
		 NULL},
		{{"JENKINS_URL=http://j/", "GIT_BRANCH=origin/release/4", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "release/4",
		 "GIT_BRANCH",
		 NULL},
		/* CircleCI: the branch (a pull request's source: CircleCI names no target), not a tag */
		{{"CIRCLE_BRANCH=feature/a", NULL}, NULL, NULL, 0, 1, "feature/a", "CIRCLE_BRANCH", NULL},
		{{"CIRCLE_BRANCH=x", "CIRCLE_TAG=v1", NULL}, NULL, NULL, 0, 1, NULL, "none", NULL},
		/* Buildkite */
		{{"BUILDKITE_BRANCH=f", "BUILDKITE_PULL_REQUEST=7", "BUILDKITE_PULL_REQUEST_BASE_BRANCH=release/5",
		  NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "release/5",
		 "BUILDKITE_PULL_REQUEST_BASE_BRANCH",
		 "release/5"},
		{{"BUILDKITE_BRANCH=main", "BUILDKITE_PULL_REQUEST=false", "BUILDKITE_PULL_REQUEST_BASE_BRANCH=", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "main",
		 "BUILDKITE_BRANCH",
		 NULL},
		{{"BUILDKITE_BRANCH=v3", "BUILDKITE_TAG=v3", NULL}, NULL, NULL, 0, 1, NULL, "none", NULL},
		/* Azure Pipelines: only with TF_BUILD; full refs (SOURCEBRANCHNAME keeps the last part only) */
		{{"BUILD_SOURCEBRANCH=refs/heads/release/6", NULL}, NULL, NULL, 0, 1, NULL, "none", NULL},
		{{"TF_BUILD=True", "BUILD_SOURCEBRANCH=refs/heads/release/6", "BUILD_SOURCEBRANCHNAME=6", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "release/6",
		 "BUILD_SOURCEBRANCH",
		 NULL},
		{{"TF_BUILD=True", "BUILD_SOURCEBRANCH=refs/tags/v6", NULL}, NULL, NULL, 0, 1, NULL, "none", NULL},
		{{"TF_BUILD=True", "BUILD_SOURCEBRANCH=refs/pull/9/merge",
		  "SYSTEM_PULLREQUEST_TARGETBRANCH=refs/heads/main", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "main",
		 "SYSTEM_PULLREQUEST_TARGETBRANCH",
		 "main"},
		{{"TF_BUILD=True", "SYSTEM_PULLREQUEST_TARGETBRANCH=release/7", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "release/7",
		 "SYSTEM_PULLREQUEST_TARGETBRANCH",
		 "release/7"},
		/* Bitbucket Pipelines */
		{{"BITBUCKET_BRANCH=f", "BITBUCKET_PR_DESTINATION_BRANCH=release/8", NULL},
		 NULL,
		 NULL,
		 0,
		 1,
		 "release/8",
		 "BITBUCKET_PR_DESTINATION_BRANCH",
		 "release/8"},
		{{"BITBUCKET_BRANCH=main", NULL}, NULL, NULL, 0, 1, "main", "BITBUCKET_BRANCH", NULL},
		{{"BITBUCKET_TAG=v8", NULL}, NULL, NULL, 0, 1, NULL, "none", NULL},
	};
	(void)state;
	check_rows(rows, sizeof(rows) / sizeof(rows[0]));
}

/* HEAD's commit and another: the CI's variables describe the first only. */
static void test_is_checkout(void **state)
{
	git_repository *repo = NULL;
	git_object *head = NULL, *other = NULL;
	(void)state;
	assert_int_equal(repo_open(&repo, fixture_path("basic"), NULL), 0);
	assert_int_equal(git_revparse_single(&head, repo, "HEAD^{commit}"), 0);
	assert_true(ci_is_checkout(repo, (git_commit *)head));
	assert_int_equal(git_revparse_single(&other, repo, "HEAD~1^{commit}"), 0);
	assert_false(ci_is_checkout(repo, (git_commit *)other));
	git_object_free(other);
	git_object_free(head);
	git_repository_free(repo);
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
		cmocka_unit_test(test_explicit_rev_over_ci),
		cmocka_unit_test(test_each_ci),
		cmocka_unit_test(test_is_checkout),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
