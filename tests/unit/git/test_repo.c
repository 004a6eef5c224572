/* test_repo.c - opening repositories and resolving revisions. */
#include "helpers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2/sys/odb_backend.h>
#include <stdint.h>

#include "util/err.h"
#include "git/pack.h"
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
	repo_target_free(&t); /* emptied: freeing again is fine */
	repo_target_free(NULL);
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
	assert_non_null(strstr(err_last(), "names a tree"));
	assert_non_null(strstr(err_last(), "not a commit"));
	assert_null(strstr(err_last(), "git_object_t"));
	assert_int_equal(repo_resolve(&t, *state, "HEAD:README.md"), -1);
	assert_non_null(strstr(err_last(), "names a blob"));
}

/* ---- repositories made for one test, in a scratch folder ------------------------- */

/* Opens name in the scratch folder and resolves rev: -1 expected; returns the message (static). */
static const char *resolve_fails(const char *name, const char *rev)
{
	static char msg[2048];
	git_repository *repo = NULL;
	struct repo_target t;
	assert_int_equal(repo_open(&repo, in_scratch(name), NULL), 0);
	assert_int_equal(repo_resolve(&t, repo, rev), -1);
	snprintf(msg, sizeof(msg), "%s", err_last());
	git_repository_free(repo);
	return msg;
}

static void test_empty_repository(void **state)
{
	const char *m;
	(void)state;
	scratch_sh("git init -q -b main empty");
	m = resolve_fails("empty", "HEAD");
	assert_non_null(strstr(m, "no commits yet"));
	m = resolve_fails("empty", "main");
	assert_non_null(strstr(m, "no commits yet"));
	assert_non_null(strstr(m, "'main'"));
	assert_null(strstr(m, "libgit2"));
}

static void test_mirror_head_names_a_branch_without_commits(void **state)
{
	const char *m;
	(void)state;
	scratch_sh("git clone -q --mirror '%s' mirror.git && git -C mirror.git symbolic-ref HEAD refs/heads/master",
		   fixture_path("basic"));
	m = resolve_fails("mirror.git", "HEAD");
	assert_null(strstr(m, "no commits yet"));
	assert_non_null(strstr(m, "HEAD names branch 'master', which has no commits"));
	assert_non_null(strstr(m, "main"));
	assert_non_null(strstr(m, "--rev"));
}

static void test_reflog_revisions(void **state)
{
	const char *m;
	(void)state;
	scratch_sh("git clone -q '%s' fresh", fixture_path("basic"));
	m = resolve_fails("fresh", "@{-1}");
	assert_non_null(strstr(m, "@{-N}"));
	assert_null(strstr(m, "libgit2"));
	assert_null(strstr(m, "shallow"));
	{
		/* libgit2 sets no error of its own here: an earlier one must not be taken for the cause */
		git_repository *repo = NULL;
		struct repo_target t;
		assert_int_equal(repo_open(&repo, in_scratch("fresh"), NULL), 0);
		git_error_set_str(GIT_ERROR_OS, "stale error from an earlier call");
		assert_int_equal(repo_resolve(&t, repo, "@{-1}"), -1);
		assert_null(strstr(err_last(), "stale"));
		assert_non_null(strstr(err_last(), "@{-N}"));
		git_repository_free(repo);
	}
}

static void test_unknown_revision_is_no_shallow_hint_unless_shallow(void **state)
{
	const char *m;
	(void)state;
	scratch_sh("git clone -q '%s' full && git clone -q --depth 1 'file://%s' shallow", fixture_path("basic"),
		   fixture_path("basic"));
	m = resolve_fails("full", "no-such-branch");
	assert_non_null(strstr(m, "unknown revision 'no-such-branch'"));
	assert_null(strstr(m, "shallow"));
	m = resolve_fails("shallow", "HEAD~1");
	assert_non_null(strstr(m, "shallow"));
}

static void test_missing_alternate(void **state)
{
	const char *m;
	(void)state;
	scratch_sh(
		"git clone -q --shared '%s' borrower && echo '%s/gone/objects' > borrower/.git/objects/info/alternates",
		fixture_path("basic"), scratch_dir);
	m = resolve_fails("borrower", "HEAD");
	assert_non_null(strstr(m, "alternates"));
	assert_non_null(strstr(m, "gone/objects"));
	assert_null(strstr(m, "shallow"));
	assert_null(strstr(m, "partial"));
}

static void test_corrupt_object(void **state)
{
	const char *m;
	(void)state;
	scratch_sh("git init -q -b main bad && cd bad && echo hi >a && git add a && git commit -qm one && "
		   "h=$(git rev-parse HEAD) && f=.git/objects/$(echo $h | cut -c1-2)/$(echo $h | cut -c3-) && "
		   "chmod u+w $f && printf garbage >$f");
	m = resolve_fails("bad", "HEAD");
	assert_non_null(strstr(m, "corrupt"));
	assert_non_null(strstr(m, "git fsck"));
	assert_null(strstr(m, "missing"));
	assert_null(strstr(m, "partial"));
}

static void test_object_problem_partial_clone(void **state)
{
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	git_oid id;
	char *m;
	(void)state;
	scratch_sh("cp -a '%s' promisor && git -C promisor config uploadpack.allowFilter true && "
		   "git clone -q --bare --filter=blob:none 'file://%s/promisor' partial.git",
		   fixture_path("basic"), scratch_dir);
	assert_int_equal(repo_open(&repo, in_scratch("partial.git"), NULL), 0);
	assert_int_equal(git_repository_odb(&odb, repo), 0);
	/* README.md's blob in fixtures/basic */
	assert_int_equal(git_oid_fromstr(&id, "b09cec9c4ad2130185e35843555be09af5d4959e"), 0);
	assert_true(git_odb_read(&obj, odb, &id) < 0);
	m = repo_object_problem(repo, &id, "'docs/runbooks/deploy.md'");
	assert_non_null(strstr(m, "b09cec9c4ad2130185e35843555be09af5d4959e"));
	assert_non_null(strstr(m, "partial clone"));
	free(m);
	git_odb_free(odb);
	git_repository_free(repo);
}

static void test_sha256_repository(void **state)
{
	git_repository *repo = NULL;
	(void)state;
	scratch_sh("git init -q --object-format=sha256 s256");
	assert_int_equal(repo_open(&repo, in_scratch("s256"), NULL), -1);
	assert_non_null(strstr(err_last(), "SHA-256"));
	assert_non_null(strstr(err_last(), "libgit2 1.5"));
	assert_non_null(strstr(err_last(), "extensions.objectFormat"));
	assert_non_null(strstr(err_last(), "fast-export"));
}

static void test_git_dir_and_work_tree(void **state)
{
	git_repository *repo = NULL;
	struct repo_env env;
	char gitdir[600];
	(void)state;
	scratch_sh("git init -q -b main other && git clone -q '%s' named", fixture_path("basic"));
	memset(&env, 0, sizeof(env));
	/* from inside another repository, GIT_DIR names the one to open (relative to path, as git -C) */
	env.git_dir = "../named/.git";
	assert_int_equal(repo_open_env(&repo, in_scratch("other"), &env), 0);
	snprintf(gitdir, sizeof(gitdir), "%s/", in_scratch("named/.git"));
	assert_non_null(strstr(git_repository_path(repo), "named/.git"));
	git_repository_free(repo);
	/* GIT_DIR names the git folder itself: a work tree is not one */
	env.git_dir = in_scratch("named");
	assert_int_equal(repo_open_env(&repo, scratch_dir, &env), -1);
	assert_non_null(strstr(err_last(), "GIT_DIR names"));
	/* GIT_WORK_TREE, relative to path */
	env.git_dir = gitdir;
	env.work_tree = "other";
	assert_int_equal(repo_open_env(&repo, scratch_dir, &env), 0);
	assert_non_null(strstr(git_repository_workdir(repo), "/other/"));
	git_repository_free(repo);
	/* without GIT_DIR, the search from path; GIT_CEILING_DIRECTORIES stops it */
	memset(&env, 0, sizeof(env));
	env.ceiling_dirs = scratch_dir;
	scratch_sh("mkdir -p plain/sub");
	assert_int_equal(repo_open_env(&repo, in_scratch("plain/sub"), &env), -1);
	assert_non_null(strstr(err_last(), "is not a git repository"));
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

/* After repo_global_init (the group setup), libgit2's large blocks start at a PACK_DATA_ALIGN boundary. */
static void test_large_blocks_aligned(void **state)
{
	size_t sizes[] = {REPO_BIG_ALLOC, REPO_BIG_ALLOC + 1, REPO_BIG_ALLOC + 17, (size_t)5 << 20};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *p = git_odb_backend_data_alloc(NULL, sizes[i]);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % PACK_DATA_ALIGN, 0);
		memset(p, 'x', sizes[i]);
		git_odb_backend_data_free(NULL, p);
	}
}

/* A blob libgit2 reads whole (here a loose one) comes aligned, so the Vectorscan pass need not copy it. */
static void test_large_blob_read_aligned(void **state)
{
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	git_oid id;
	(void)state;
	scratch_sh("git init -q big && head -c 600000 /dev/zero | tr '\\0' a > big/big.txt && "
		   "git -C big hash-object -w big.txt > big/id");
	assert_int_equal(repo_open(&repo, in_scratch("big"), NULL), 0);
	assert_int_equal(git_repository_odb(&odb, repo), 0);
	assert_int_equal(git_oid_fromstr(&id, "b1b3379509358d69e86d2e2d32472e3c44be213e"), 0);
	if (git_odb_read(&obj, odb, &id) == 0) {
		assert_int_equal(git_odb_object_size(obj), 600000);
		assert_int_equal((uintptr_t)git_odb_object_data(obj) % PACK_DATA_ALIGN, 0);
	}
	assert_non_null(obj);
	git_odb_object_free(obj);
	git_odb_free(odb);
	git_repository_free(repo);
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
		cmocka_unit_test_setup_teardown(test_empty_repository, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_mirror_head_names_a_branch_without_commits, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_reflog_revisions, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_revision_is_no_shallow_hint_unless_shallow, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_missing_alternate, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_object, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_object_problem_partial_clone, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_sha256_repository, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_git_dir_and_work_tree, scratch_setup, scratch_teardown),
		cmocka_unit_test(test_large_blocks_aligned),
		cmocka_unit_test_setup_teardown(test_large_blob_read_aligned, scratch_setup, scratch_teardown),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
