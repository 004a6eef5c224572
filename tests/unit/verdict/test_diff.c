/* test_diff.c - two verdicts compared, on the history fixture (each kind of change once) and on made-up ones. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "git/repo.h"
#include "model/config.h"
#include "model/ruleset.h"
#include "scan/scan.h"
#include "util/mem.h"
#include "verdict/diff.h"
#include "verdict/gate.h"
#include "verdict/verdict.h"

/* One revision of the history fixture, judged under its own policy and pack. */
struct side {
	struct repo_target t;
	struct config *cfg;
	struct rules *rs;
	struct scan_result *scan;
	struct verdict *v;
};

struct fx {
	git_repository *repo;
	struct side base, head;
	struct verdict_diff *d;
};

static void judge(struct fx *f, struct side *s, const char *rev)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct ruleset_sources src = {0, NULL, 0, NULL, f->repo, NULL};
	struct scan_opts so;
	struct verdict_policy pol;

	assert_int_equal(repo_resolve(&s->t, f->repo, rev), 0);
	assert_int_equal(config_load_commit(&s->cfg, &diags, f->repo, s->t.commit, s->t.commit_time), 0);
	src.policy = s->cfg;
	src.commit = s->t.commit;
	assert_int_equal(ruleset_load(&s->rs, &diags, &diags, &src), 0);
	assert_int_equal(diags.n, 0);
	memset(&so, 0, sizeof(so));
	so.max_file_size = SCAN_DEFAULT_MAX_FILE_SIZE;
	so.commit_time = s->t.commit_time;
	so.jobs = 1;
	git_oid_cpy(&so.commit_id, git_commit_id(s->t.commit));
	assert_int_equal(scan_run(&s->scan, f->repo, s->t.tree, s->rs, &so), 0);
	pol = verdict_policy_of(s->cfg);
	assert_int_equal(verdict_compute_policy(&s->v, s->rs, s->scan, s->t.commit_time, &pol, LANG_EN), 0);
	diag_list_clear(&diags);
}

static void side_free(struct side *s)
{
	verdict_free(s->v);
	scan_result_free(s->scan);
	rules_free(s->rs);
	config_free(s->cfg);
	repo_target_free(&s->t);
	memset(s, 0, sizeof(*s));
}

/* Judges both revisions and compares them, the trees too. */
static void compare(struct fx *f, const char *base, const char *head)
{
	verdict_diff_free(f->d);
	f->d = NULL;
	side_free(&f->base);
	side_free(&f->head);
	judge(f, &f->base, base);
	judge(f, &f->head, head);
	assert_int_equal(verdict_diff_compute(&f->d, f->base.v, f->head.v, f->repo, f->base.t.tree, f->head.t.tree), 0);
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	assert_int_equal(repo_open(&f->repo, fixture_path("history"), NULL), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	verdict_diff_free(f->d);
	side_free(&f->base);
	side_free(&f->head);
	git_repository_free(f->repo);
	free(f);
	return 0;
}

static const struct rule_change *rule(const struct verdict_diff *d, const char *id)
{
	size_t i;
	for (i = 0; i < d->nrules; i++)
		if (!strcmp(d->rules[i].id, id))
			return &d->rules[i];
	fail_msg("no rule %s", id);
	return NULL;
}

static enum diff_dir domain(const struct verdict_diff *d, const char *id)
{
	size_t i;
	for (i = 0; i < d->ndomains; i++)
		if (!strcmp(d->domains[i].id, id))
			return d->domains[i].dir;
	fail_msg("no domain %s", id);
	return DIFF_SAME;
}

static enum diff_dir proof(const struct verdict_diff *d, const char *id)
{
	size_t i;
	for (i = 0; i < d->nproofs; i++)
		if (!strcmp(d->proofs[i].id, id))
			return d->proofs[i].dir;
	fail_msg("no proof %s", id);
	return DIFF_SAME;
}

/* The sentence for where a rule's change is; it must contain want. */
static void cause_says(const struct rule_change *rc, const char *want)
{
	char *s;
	assert_non_null(rc->cause);
	s = diff_describe(rc->cause, LANG_EN);
	if (!strstr(s, want))
		fail_msg("'%s' lacks '%s'", s, want);
	free(s);
}

/* Exactly these rules moved, each way; nothing else did. */
static void only(const struct verdict_diff *d, size_t worse, size_t better)
{
	assert_int_equal(d->nrule.worse, worse);
	assert_int_equal(d->nrule.better, better);
}

/* 06-02: the restore runbook renamed out of the folder the rule reads; 06-03 back. */
static void test_rename(void **state)
{
	struct fx *f = *state;
	const struct rule_change *rc;

	compare(f, "v1.0", "v1.0~0^{commit}"); /* a revision against itself: nothing moved */
	only(f->d, 0, 0);
	assert_false(f->d->regressed);
	assert_int_equal(f->d->ndeltas, 0);

	compare(f, "main~16", "main~15");
	only(f->d, 1, 0);
	rc = rule(f->d, "restore.runbook");
	assert_int_equal(rc->dir, DIFF_WORSE);
	assert_true(rc->gates);
	assert_int_equal(rc->cause->fate.change, PATH_RENAMED);
	assert_string_equal(rc->cause->fate.to, "docs/restore-notes.md");
	/* the change is where the file went, in the head */
	assert_string_equal(rc->path, "docs/restore-notes.md");
	assert_false(rc->in_base);
	cause_says(rc, "docs/runbooks/restore.md was renamed to docs/restore-notes.md");
	assert_int_equal(domain(f->d, "restore"), DIFF_WORSE);
	assert_int_equal(domain(f->d, "deploy"), DIFF_SAME);
	assert_int_equal(proof(f->d, "backup-proof"), DIFF_WORSE);
	assert_int_equal(f->d->ndomain.worse, 1);
	assert_int_equal(f->d->nproof.worse, 1);
	assert_true(f->d->regressed);
	assert_int_equal(rule(f->d, "deploy.runbook")->dir, DIFF_SAME);

	compare(f, "main~15", "main~14");
	only(f->d, 0, 1);
	rc = rule(f->d, "restore.runbook");
	assert_int_equal(rc->dir, DIFF_BETTER);
	assert_false(rc->gates);
	assert_string_equal(rc->path, "docs/runbooks/restore.md");
	cause_says(rc, "docs/runbooks/restore.md (renamed from docs/restore-notes.md)");
	assert_int_equal(domain(f->d, "restore"), DIFF_BETTER);
	assert_int_equal(proof(f->d, "backup-proof"), DIFF_BETTER);
	assert_false(f->d->regressed);
}

/* 06-04: scripts/deploy.sh loses its executable bit. */
static void test_mode(void **state)
{
	struct fx *f = *state;
	const struct rule_change *rc;

	compare(f, "main~14", "main~13");
	only(f->d, 1, 0);
	rc = rule(f->d, "deploy.script");
	assert_int_equal(rc->dir, DIFF_WORSE);
	assert_string_equal(rc->path, "scripts/deploy.sh");
	assert_int_equal(rc->cause->fate.change, PATH_MODE);
	assert_int_equal(rc->cause->fate.old_mode, 0100755);
	assert_int_equal(rc->cause->fate.new_mode, 0100644);
	cause_says(rc, "scripts/deploy.sh lost its executable bit (100755 -> 100644)");
	assert_int_equal(proof(f->d, "deploy-proof"), DIFF_WORSE);
}

/* 06-06: scripts/backup.sh becomes a symbolic link (links are never read). */
static void test_symlink(void **state)
{
	struct fx *f = *state;
	const struct rule_change *rc;

	compare(f, "main~12", "main~11");
	only(f->d, 1, 0);
	rc = rule(f->d, "restore.script");
	assert_int_equal(rc->dir, DIFF_WORSE);
	assert_string_equal(rc->path, "scripts/backup.sh");
	assert_false(rc->in_base);
	assert_int_equal(rc->cause->fate.change, PATH_TO_LINK);
	assert_string_equal(rc->cause->fate.to, "tools/backup.sh");
	cause_says(rc, "scripts/backup.sh is now a symbolic link, which is never read as evidence (its contents moved "
		       "to tools/backup.sh)");
}

/* 06-08: docs/runbooks becomes a submodule: two rules lose their evidence. */
static void test_submodule(void **state)
{
	struct fx *f = *state;
	const struct rule_change *rc;

	compare(f, "main~10", "main~9");
	only(f->d, 2, 0);
	rc = rule(f->d, "deploy.runbook");
	assert_int_equal(rc->cause->fate.change, PATH_TO_SUBMODULE);
	assert_string_equal(rc->cause->fate.at, "docs/runbooks");
	assert_string_equal(rc->path, "docs/runbooks");
	cause_says(rc, "docs/runbooks/deploy.md is gone: its folder docs/runbooks is now a submodule");
	rc = rule(f->d, "restore.runbook");
	assert_int_equal(rc->cause->fate.change, PATH_TO_SUBMODULE);
	assert_int_equal(domain(f->d, "deploy"), DIFF_WORSE);
	assert_int_equal(domain(f->d, "restore"), DIFF_WORSE);

	compare(f, "main~9", "main~8");
	only(f->d, 0, 2);
	assert_int_equal(rule(f->d, "deploy.runbook")->cause->fate.change, PATH_ADDED);
}

/* 06-10: the backup script becomes a placeholder; the line that says so is the place. */
static void test_placeholder_line(void **state)
{
	struct fx *f = *state;
	const struct rule_change *rc;

	compare(f, "main~8", "main~7");
	only(f->d, 1, 0);
	rc = rule(f->d, "restore.script");
	assert_non_null(rc->cause->why);
	assert_true(rc->cause->appeared);
	assert_string_equal(rc->path, "scripts/backup.sh");
	assert_int_equal(rc->line, 4);
	cause_says(rc, "scripts/backup.sh:4 does not count: ");
}

/* 06-12: a private key is committed: the violation appeared, at its line. */
static void test_violation_appeared(void **state)
{
	struct fx *f = *state;
	const struct rule_change *rc;

	compare(f, "main~6", "main~5");
	only(f->d, 1, 0);
	rc = rule(f->d, "deploy.no-keys");
	assert_int_equal(rc->dir, DIFF_WORSE);
	assert_true(rc->cause->violation);
	assert_int_equal(rc->cause->fate.change, PATH_ADDED);
	assert_string_equal(rc->path, "config/deploy-key.pem");
	assert_int_equal(rc->line, 1);
	cause_says(rc, "config/deploy-key.pem:1: found");
	/* no proof names the rule */
	assert_int_equal(f->d->nproof.worse, 0);

	compare(f, "main~5", "main~4");
	rc = rule(f->d, "deploy.no-keys");
	assert_int_equal(rc->dir, DIFF_BETTER);
	assert_false(rc->cause->appeared);
	assert_true(rc->in_base);
	cause_says(rc, "config/deploy-key.pem was deleted");
}

/* 06-14: an advisory rule fails: reported as worse, but it moves no status and no gate. */
static void test_advisory_does_not_gate(void **state)
{
	struct fx *f = *state;
	const struct rule_change *rc;

	compare(f, "main~4", "main~3");
	rc = rule(f->d, "alerting.on-call");
	assert_int_equal(rc->dir, DIFF_WORSE);
	assert_false(rc->gates);
	assert_int_equal(f->d->ndomain.worse, 0);
	assert_false(f->d->regressed);
}

/* 06-15: the merge commit brings the dashboards: better, with the evidence that appeared. */
static void test_merge_commit(void **state)
{
	struct fx *f = *state;
	const struct rule_change *rc;

	compare(f, "main~3", "main~2");
	only(f->d, 0, 1);
	rc = rule(f->d, "alerting.dashboards");
	assert_string_equal(rc->path, "ops/dashboards/api.json");
	cause_says(rc, "ops/dashboards/api.json: new file");
	assert_int_equal(domain(f->d, "alerting"), DIFF_BETTER);
}

/* 06-25: nothing about backups changed, but the drill is now too old for this commit's date. */
static void test_freshness_from_each_commit(void **state)
{
	struct fx *f = *state;
	const struct rule_change *rc;

	compare(f, "main~2", "main~1");
	only(f->d, 1, 0);
	rc = rule(f->d, "restore.drill");
	assert_int_equal(rc->dir, DIFF_WORSE);
	assert_true(rc->gates);
	assert_string_equal(rc->path, "docs/drills/2026-05-20.md");
	assert_int_equal(rc->cause->fate.change, PATH_SAME);
	assert_int_equal(domain(f->d, "restore"), DIFF_WORSE);
	assert_int_equal(proof(f->d, "drill-proof"), DIFF_WORSE);
}

/* 06-26: the head's own policy waives the stale drill: fail -> waived is better, the proof stays unproven. */
static void test_waiver(void **state)
{
	struct fx *f = *state;

	compare(f, "main~1", "main");
	assert_int_equal(rule(f->d, "restore.drill")->dir, DIFF_BETTER);
	assert_int_equal(rule(f->d, "restore.drill")->head->outcome, OUTCOME_WAIVED);
	assert_int_equal(domain(f->d, "restore"), DIFF_BETTER);
	assert_int_equal(proof(f->d, "drill-proof"), DIFF_SAME);
}

/* The gate: the regression part fails it, decided, even where the level part is undecided. */
static void test_gate(void **state)
{
	struct fx *f = *state;
	struct gate_request req;

	compare(f, "main~16", "main~15");
	memset(&req, 0, sizeof(req));
	req.branch = "feature/x";
	verdict_choose_gate(f->head.v, &req);
	verdict_diff_gate(f->head.v, f->d);
	assert_true(f->head.v->gate.compared);
	assert_true(f->head.v->gate.regressed);
	assert_true(f->head.v->gate.passed); /* no regression part asked for */
	req.regression = 1;
	verdict_choose_gate(f->head.v, &req);
	f->head.v->gate.decided = 0;
	verdict_diff_gate(f->head.v, f->d);
	assert_false(f->head.v->gate.passed);
	assert_true(f->head.v->gate.decided);
	/* an improvement passes it */
	compare(f, "main~15", "main~14");
	verdict_choose_gate(f->head.v, &req);
	verdict_diff_gate(f->head.v, f->d);
	assert_true(f->head.v->gate.passed);
	assert_false(f->head.v->gate.regressed);
}

/* ---- made-up verdicts: what the fixture cannot show ----------------------------------- */

static const char *const PACK = "domains:\n"
				"  - {id: d, title: D}\n"
				"proofs:\n"
				"  - {id: p, title: P}\n"
				"rules:\n"
				"  - {id: d.a, domain: d, level: required, title: A, next_step: a, proofs: [p],\n"
				"     evidence: {file: {paths: a.md}}}\n"
				"  - {id: d.b, domain: d, level: expected, title: B, next_step: b,\n"
				"     evidence: {file: {paths: b.md}}}\n";

static const char *const PACK2 = "domains:\n"
				 "  - {id: d, title: D}\n"
				 "  - {id: e, title: E}\n"
				 "rules:\n"
				 "  - {id: d.b, domain: d, level: expected, title: B, next_step: b,\n"
				 "     evidence: {file: {paths: b.md}}}\n"
				 "  - {id: e.c, domain: e, level: required, title: C, next_step: c,\n"
				 "     evidence: {file: {paths: c.md}}}\n";

/* A verdict over an empty scan whose leaves pass, fail or err as asked (by leaf index). */
static struct verdict *made_up(struct rules *rs, struct scan_result *scan, const char *states)
{
	static struct evidence ev = {(char *)"x.md", 0, "0000000000000000000000000000000000000000"};
	struct verdict *v = NULL;
	size_t i;
	scan->nleaves = rs->nleaves;
	scan->leaves = xcalloc(rs->nleaves, sizeof(*scan->leaves));
	for (i = 0; i < rs->nleaves; i++) {
		scan->leaves[i].newest_day = -1;
		if (states[i] == 'p') {
			scan->leaves[i].nselected = scan->leaves[i].nsatisfied = 1;
			scan->leaves[i].ev[0] = ev;
			scan->leaves[i].nev = 1;
		} else if (states[i] == 'e') {
			scan->leaves[i].error = (char *)"object missing";
		}
	}
	assert_int_equal(verdict_compute(&v, rs, scan, 1780315200LL), 0);
	return v;
}

static void test_error_and_one_sided_rules(void **state)
{
	struct rules *rs = load_rules_string(PACK), *rs2 = load_rules_string(PACK2);
	struct scan_result s1, s2, s3;
	struct verdict *b, *h, *h2, *h3;
	struct verdict_diff *d = NULL;
	(void)state;

	memset(&s1, 0, sizeof(s1));
	memset(&s2, 0, sizeof(s2));
	memset(&s3, 0, sizeof(s3));
	assert_int_equal(rs->diags.n + rs2->diags.n, 0);
	b = made_up(rs, &s1, "pp");
	h = made_up(rs, &s2, "ef");
	/* pass -> error is worse; no trees: no tree diff, nothing to point at */
	assert_int_equal(verdict_diff_compute(&d, b, h, NULL, NULL, NULL), 0);
	assert_int_equal(d->rules[0].dir, DIFF_WORSE);
	assert_true(d->rules[0].gates);
	assert_int_equal(d->rules[1].dir, DIFF_WORSE);
	assert_int_equal(d->ndomain.worse, 1);
	assert_int_equal(d->nproof.worse, 1);
	assert_int_equal(d->ndeltas, 0);
	assert_string_equal(d->rules[1].path, "x.md");
	/* evidence that disappeared without trees: still listed, its path's fate unknown */
	assert_int_equal(d->rules[1].nev, 1);
	assert_int_equal(d->rules[1].ev[0].fate.change, PATH_SAME);
	assert_true(d->regressed);
	verdict_diff_free(d);
	d = NULL;

	/* error -> fail changes without getting better or worse */
	h3 = made_up(rs, &s3, "ff");
	assert_int_equal(verdict_diff_compute(&d, h, h3, NULL, NULL, NULL), 0);
	assert_int_equal(d->rules[0].dir, DIFF_OTHER);
	assert_int_equal(d->nrule.other, 1);
	verdict_diff_free(d);
	d = NULL;
	verdict_free(h3);
	free(s3.leaves);

	/* rules by id: d.a only in the base, e.c only in the head (failing: worse), domain e new */
	h2 = made_up(rs2, &s3, "pf");
	assert_int_equal(verdict_diff_compute(&d, b, h2, NULL, NULL, NULL), 0);
	assert_int_equal(d->nrules, 3);
	assert_string_equal(d->rules[0].id, "d.b");
	assert_non_null(d->rules[0].base);
	assert_int_equal(d->rules[0].dir, DIFF_SAME);
	assert_string_equal(d->rules[1].id, "e.c");
	assert_null(d->rules[1].base);
	assert_int_equal(d->rules[1].dir, DIFF_WORSE);
	assert_string_equal(d->rules[2].id, "d.a");
	assert_null(d->rules[2].head);
	assert_int_equal(d->rules[2].dir, DIFF_OTHER);
	assert_int_equal(d->ndomains, 2);
	assert_int_equal(d->domains[1].dir, DIFF_OTHER);
	assert_int_equal(d->nproofs, 1);
	assert_null(d->proofs[0].head);
	verdict_diff_free(d);
	verdict_diff_free(NULL);

	verdict_free(h2);
	verdict_free(h);
	verdict_free(b);
	free(s1.leaves);
	free(s2.leaves);
	free(s3.leaves);
	rules_free(rs);
	rules_free(rs2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rename, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_submodule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_placeholder_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_violation_appeared, setup, teardown),
		cmocka_unit_test_setup_teardown(test_advisory_does_not_gate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_freshness_from_each_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_waiver, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gate, setup, teardown),
		cmocka_unit_test(test_error_and_one_sided_rules),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
