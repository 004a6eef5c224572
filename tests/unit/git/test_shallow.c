/* test_shallow.c - the merge base in a shallow clone is the one git would find, whatever objects are there. */
#include "helpers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "git/shallow.h"
#include "util/err.h"

static git_oid rev(git_repository *repo, const char *spec)
{
	git_object *o = NULL;
	git_oid id;
	assert_int_equal(git_revparse_single(&o, repo, spec), 0);
	git_oid_cpy(&id, git_object_id(o));
	git_object_free(o);
	return id;
}

/* main: a <- b; feature: b <- c.  Every object is in the repository. */
static git_repository *history(void)
{
	git_repository *repo = NULL;
	char path[512];
	scratch_sh("git init -q -b main r && cd r && git commit -q --allow-empty -m a && git commit -q --allow-empty "
		   "-m b && "
		   "git checkout -q -b feature && git commit -q --allow-empty -m c");
	snprintf(path, sizeof(path), "%s/r", scratch_dir);
	assert_int_equal(git_repository_open(&repo, path), 0);
	return repo;
}

static void test_full_clone(void **state)
{
	git_repository *repo;
	git_oid base, b, c;
	(void)state;
	repo = history();
	b = rev(repo, "main");
	c = rev(repo, "feature");
	assert_int_equal(repo_merge_base(&base, repo, &c, &b), 0);
	assert_true(git_oid_equal(&base, &b));
	git_repository_free(repo);
}

/*
 * A clone of depth 1 whose fetch of the target brought its tip: c and b are
 * on the edge, so c has no parent and there is no merge base, as git says,
 * though libgit2 alone finds b through the parent c's object names.
 */
static void test_edge_hides_the_base(void **state)
{
	git_repository *repo;
	git_oid base, b, c;
	char line[2 * GIT_OID_HEXSZ + 4];
	(void)state;
	repo = history();
	b = rev(repo, "main");
	c = rev(repo, "feature");
	snprintf(line, sizeof(line), "%s\n", git_oid_tostr_s(&c));
	scratch_sh("cd r && printf '%s' >.git/shallow && git rev-parse main >>.git/shallow", line);
	assert_int_equal(repo_merge_base(&base, repo, &c, &b), REPO_NO_BASE_SHALLOW);
	git_repository_free(repo);
}

/* An edge further back than the base changes nothing. */
static void test_edge_behind_the_base(void **state)
{
	git_repository *repo;
	git_oid base, b, c;
	(void)state;
	repo = history();
	b = rev(repo, "main");
	c = rev(repo, "feature");
	scratch_sh("cd r && git rev-parse main~1 >.git/shallow");
	assert_int_equal(repo_merge_base(&base, repo, &c, &b), 0);
	assert_true(git_oid_equal(&base, &b));
	git_repository_free(repo);
}

/* Two histories that never meet, in a full clone. */
static void test_unrelated(void **state)
{
	git_repository *repo;
	git_oid base, b, o;
	(void)state;
	repo = history();
	scratch_sh("cd r && git checkout -q --orphan other && git commit -q --allow-empty -m o");
	b = rev(repo, "main");
	o = rev(repo, "other");
	assert_int_equal(repo_merge_base(&base, repo, &o, &b), REPO_NO_BASE);
	git_repository_free(repo);
}

/* A damaged record of the edge is an error that says so, not a guess. */
static void test_damaged_edge(void **state)
{
	git_repository *repo;
	git_oid base, b, c;
	(void)state;
	repo = history();
	b = rev(repo, "main");
	c = rev(repo, "feature");
	scratch_sh("cd r && echo 'not an id' >.git/shallow");
	assert_int_equal(repo_merge_base(&base, repo, &c, &b), -1);
	assert_non_null(strstr(err_last(), "record of its edge is damaged"));
	git_repository_free(repo);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_full_clone), T(test_edge_hides_the_base), T(test_edge_behind_the_base),
		T(test_unrelated),  T(test_damaged_edge),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
