/* test_ruleset.c - one call assembles the rule set: packs, the policy's packs and levels, every problem listed. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "git/repo.h"
#include "model/ruleset.h"

/* 2026-06-01T12:00:00Z */
#define COMMIT_TIME 1780315200LL

static const char *const PACK =
	"domains: [{id: d, title: D}]\n"
	"rules:\n"
	"  - {id: d.a, domain: d, level: required, title: A, next_step: N, evidence: {file: {paths: a}}}\n";

struct fx {
	char dir[64];
	char *paths[2];
	struct rules *rs;
	struct config *cfg;
	struct diag_list packs, policy;
	git_repository *repo;
	struct repo_target t;
};

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	char path[128];
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/pg-ruleset-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(path, sizeof(path), "%s/good.yml", f->dir);
	write_file(path, PACK);
	f->paths[0] = strdup(path);
	snprintf(path, sizeof(path), "%s/bad.yml", f->dir);
	write_file(path,
		   "rules:\n  - {id: d.b, domain: nope, level: required, title: B, next_step: N, evidence: {file: "
		   "{paths: b}}}\n");
	f->paths[1] = strdup(path);
	if (repo_open(&f->repo, fixture_path("basic"), NULL) < 0 || repo_resolve(&f->t, f->repo, "HEAD") < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	size_t i;
	rules_free(f->rs);
	config_free(f->cfg);
	diag_list_clear(&f->packs);
	diag_list_clear(&f->policy);
	repo_target_free(&f->t);
	git_repository_free(f->repo);
	for (i = 0; i < 2; i++) {
		remove(f->paths[i]);
		free(f->paths[i]);
	}
	remove(f->dir);
	free(f);
	return 0;
}

static void load_policy(struct fx *f, const char *yaml)
{
	assert_int_equal(config_load_buffer(&f->cfg, &f->policy, ".proofgate.yml", yaml, strlen(yaml), COMMIT_TIME), 0);
}

static int has(const struct diag_list *l, const char *needle)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		if (strstr(l->items[i].msg, needle))
			return 1;
	return 0;
}

static void test_packs_only(void **state)
{
	struct fx *f = *state;
	struct ruleset_sources src = {0, f->paths, 1, NULL, NULL, NULL};
	assert_int_equal(ruleset_load(&f->rs, &f->packs, NULL, &src), 0);
	assert_int_equal(f->rs->nrules, 1);
	assert_int_equal(strncmp(f->rs->digest, "sha1:", 5), 0);
	assert_int_equal(f->packs.n, 0);
}

static void test_every_problem_and_no_result(void **state)
{
	struct fx *f = *state;
	struct rules *const sentinel = (struct rules *)f;
	struct ruleset_sources src = {0, f->paths, 2, NULL, NULL, NULL};
	f->rs = sentinel;
	/* the second pack names an unknown domain: a problem found only when packs are resolved */
	assert_int_equal(ruleset_load(&f->rs, &f->packs, NULL, &src), RULESET_EPACKS);
	assert_ptr_equal(f->rs, sentinel);
	f->rs = NULL;
	assert_int_equal(f->packs.n, 1);
	assert_true(has(&f->packs, "rule 'd.b' names unknown domain 'nope'"));
	assert_non_null(strstr(f->packs.items[0].at.file, "bad.yml")); /* still valid: the list owns it */
}

static void test_policy_levels_apply(void **state)
{
	struct fx *f = *state;
	struct ruleset_sources src = {0, f->paths, 1, NULL, f->repo, f->t.commit};
	load_policy(f, "levels: {d.a: advisory}\n");
	src.policy = f->cfg;
	assert_int_equal(ruleset_load(&f->rs, &f->packs, &f->policy, &src), 0);
	assert_int_equal(f->rs->rules[0].level, LEVEL_ADVISORY);
}

static void test_policy_names_unknown_rule(void **state)
{
	struct fx *f = *state;
	struct ruleset_sources src = {0, f->paths, 1, NULL, f->repo, f->t.commit};
	load_policy(f, "off: [d.zz]\n");
	src.policy = f->cfg;
	assert_int_equal(ruleset_load(&f->rs, &f->packs, &f->policy, &src), RULESET_EPOLICY);
	assert_null(f->rs);
	assert_int_equal(f->packs.n, 0);
	assert_true(has(&f->policy, "off names rule 'd.zz'"));
}

static void test_policy_pack_missing_from_commit(void **state)
{
	struct fx *f = *state;
	struct ruleset_sources src = {0, f->paths, 1, NULL, f->repo, f->t.commit};
	load_policy(f, "rules: [ops/none.yml]\nlevels: {d.zz: advisory}\n");
	src.policy = f->cfg;
	/* the pack is a problem of the policy; levels are not checked against a set that failed to load */
	assert_int_equal(ruleset_load(&f->rs, &f->packs, &f->policy, &src), RULESET_EPACKS);
	assert_null(f->rs);
	assert_int_equal(f->policy.n, 1);
	assert_true(has(&f->policy, "rules: no file or folder 'ops/none.yml' in commit"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_packs_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_problem_and_no_result, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_levels_apply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_names_unknown_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_pack_missing_from_commit, setup, teardown),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
