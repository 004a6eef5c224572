/* test_config.c - .proofgate.yml: validation with line and column, waivers, gates. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/config.h"
#include "util/mem.h"
#include "git/repo.h"
#include "scan/scan.h"
#include "verdict/gate.h"
#include "verdict/verdict.h"

/* 2026-06-01T12:00:00Z, the date of every fixture commit */
#define COMMIT_TIME 1780315200LL

static const char *const PACK = "domains:\n"
				"  - id: d\n"
				"    title: D\n"
				"rules:\n"
				"  - id: d.a\n"
				"    domain: d\n"
				"    level: required\n"
				"    title: A\n"
				"    next_step: do a\n"
				"    evidence: {file: {paths: a.md}}\n"
				"  - id: d.b\n"
				"    domain: d\n"
				"    level: required\n"
				"    title: B\n"
				"    next_step: do b\n"
				"    evidence: {file: {paths: b.md}}\n"
				"  - id: d.c\n"
				"    domain: d\n"
				"    level: expected\n"
				"    title: C\n"
				"    next_step: do c\n"
				"    evidence: {file: {paths: c.md}}\n"
				"  - id: d.none\n"
				"    domain: d\n"
				"    level: required\n"
				"    title: No secrets\n"
				"    next_step: remove it\n"
				"    evidence: {no_file: {paths: secret.pem}}\n";

struct fx {
	struct config *cfg;
	struct diag_list diags;
	struct rules *rs;
	struct verdict *v;
	struct scan_result scan;
};

static int setup(void **state)
{
	*state = xcalloc(1, sizeof(struct fx));
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	verdict_free(f->v);
	free(f->scan.leaves);
	rules_free(f->rs);
	config_free(f->cfg);
	diag_list_clear(&f->diags);
	free(f);
	return 0;
}

static int load(struct fx *f, const char *yaml)
{
	config_free(f->cfg);
	f->cfg = NULL;
	diag_list_clear(&f->diags);
	return config_load_buffer(&f->cfg, &f->diags, ".proofgate.yml", yaml, strlen(yaml), COMMIT_TIME);
}

/* 1 when a diag holds needle at line:col (0 = any). */
static int diag_at(const struct fx *f, const char *needle, int line, int col)
{
	size_t i;
	for (i = 0; i < f->diags.n; i++)
		if (strstr(f->diags.items[i].msg, needle) && (!line || f->diags.items[i].at.line == line) &&
		    (!col || f->diags.items[i].at.col == col))
			return 1;
	return 0;
}

static void test_valid_policy(void **state)
{
	struct fx *f = *state;
	assert_int_equal(load(f, "version: 1\n"
				 "rules: [ops/rules, extra.yml]\n"
				 "off: d.c\n"
				 "levels: {d.b: advisory}\n"
				 "gates:\n"
				 "  \"release/**\": blocked\n"
				 "  main: readiness-only\n"
				 "max_waiver_days: 30\n"
				 "waivers:\n"
				 "  - rule: d.a\n"
				 "    reason: \"moving: OPS-1, 50%\"\n"
				 "    owner: ops@example.com\n"
				 "    expires: 2026-06-20\n"),
			 0);
	assert_int_equal(f->diags.n, 0);
	assert_int_equal(f->cfg->present, 1);
	assert_int_equal(f->cfg->npacks, 2);
	assert_string_equal(f->cfg->packs[1], "extra.yml");
	assert_int_equal(f->cfg->noff, 1);
	assert_string_equal(f->cfg->off[0], "d.c");
	assert_int_equal(f->cfg->nlevels, 1);
	assert_int_equal(f->cfg->levels[0].level, LEVEL_ADVISORY);
	assert_int_equal(f->cfg->ngates, 2);
	assert_int_equal(f->cfg->gates[1].fail_on, FAIL_ON_READINESS_ONLY);
	assert_int_equal(f->cfg->max_waiver_days, 30);
	assert_int_equal(f->cfg->nwaivers, 1);
	assert_string_equal(f->cfg->waivers[0].reason, "moving: OPS-1, 50%");
	assert_string_equal(f->cfg->waivers[0].expires, "2026-06-20");
	assert_int_equal(f->cfg->waivers[0].at.line, 10);
	assert_int_equal(f->cfg->waivers[0].at.col, 5);
}

static void test_empty_policy_changes_nothing(void **state)
{
	struct fx *f = *state;
	assert_int_equal(load(f, ""), 0);
	assert_int_equal(f->cfg->ngates + f->cfg->nwaivers + f->cfg->noff, 0);
	assert_int_equal(f->cfg->max_waiver_days, CONFIG_DEFAULT_WAIVER_DAYS);
}

static void test_unknown_keys_and_types(void **state)
{
	struct fx *f = *state;
	assert_int_equal(load(f, "gate: {}\nwaivers: {a: 1}\noff: [x, [y]]\n"), -1);
	assert_null(f->cfg); /* *out is set only on success */
	assert_int_equal(f->diags.n, 3);
	assert_string_equal(f->diags.items[0].at.file, ".proofgate.yml");
	assert_true(diag_at(f, "policy: unknown key 'gate'", 1, 1));
	assert_true(diag_at(f, "waivers must be a list of mappings", 2, 10));
	assert_true(diag_at(f, "off must be a string, found a list", 3, 10));
	assert_int_equal(load(f, "a: 1\n---\nb: 2\n"), -1);
	assert_true(diag_at(f, "a policy holds one YAML document", 0, 0));
	assert_int_equal(load(f, "gates: {main: {blocked: 1}}\n"), -1);
	assert_true(diag_at(f, "gates: 'main' must be blocked, readiness-only or never", 1, 15));
}

static void test_waiver_needs_all_four(void **state)
{
	struct fx *f = *state;
	assert_int_equal(load(f, "waivers:\n  - rule: d.a\n    owner: o\n    expires: 2026-06-10\n"), -1);
	assert_true(diag_at(f, "missing required key 'reason'", 2, 5));
	assert_int_equal(load(f, "waivers: [{rule: d.a, reason: '  ', owner: o, expires: 2026-06-10}]\n"), -1);
	assert_true(diag_at(f, "reason must not be empty", 1, 31));
	assert_int_equal(load(f, "waivers: [{rule: d.a, reason: r, owner: o, expires: 2026-6-10}]\n"), -1);
	assert_true(diag_at(f, "expires must be a date YYYY-MM-DD, found '2026-6-10'", 1, 53));
}

static void test_waiver_lists_every_problem(void **state)
{
	struct fx *f = *state;
	/* an empty reason, an empty owner, a date that is none and an unknown key: four problems, not one */
	assert_int_equal(load(f, "waivers:\n"
				 "  - rule: d.a\n"
				 "    reason: ''\n"
				 "    owner: ' '\n"
				 "    expires: soon\n"
				 "    ticket: OPS-1\n"),
			 -1);
	assert_int_equal(f->diags.n, 4);
	assert_true(diag_at(f, "reason must not be empty", 3, 13));
	assert_true(diag_at(f, "owner must not be empty", 4, 12));
	assert_true(diag_at(f, "expires must be a date YYYY-MM-DD, found 'soon'", 5, 14));
	assert_true(diag_at(f, "unknown key 'ticket'", 6, 5));
	/* two keys missing: both named */
	assert_int_equal(load(f, "waivers: [{rule: d.a}]\n"), -1);
	assert_true(diag_at(f, "missing required key 'reason'", 1, 11));
	assert_true(diag_at(f, "missing required key 'owner'", 1, 11));
	assert_true(diag_at(f, "missing required key 'expires'", 1, 11));
}

static void test_keys_that_contradict_each_other(void **state)
{
	struct fx *f = *state;
	assert_int_equal(load(f, "off: [d.a, d.b, d.a]\n"
				 "levels: {d.b: advisory}\n"
				 "waivers:\n"
				 "  - {rule: d.c, reason: r, owner: o, expires: 2026-06-10}\n"
				 "  - {rule: d.c, reason: s, owner: p, expires: 2026-06-11}\n"
				 "  - {rule: d.a, reason: t, owner: q, expires: 2026-06-12}\n"),
			 -1);
	assert_int_equal(f->diags.n, 4);
	assert_true(diag_at(f, "off: 'd.a' is listed twice (first at line 1)", 1, 17));
	assert_true(diag_at(f, "levels: 'd.b' is also turned off (off, line 1)", 2, 10));
	assert_true(diag_at(f, "a second waiver for 'd.c' (the first at line 4)", 5, 5));
	assert_true(diag_at(f, "waivers: 'd.a' is also turned off (off, line 1)", 6, 5));
}

/* The nine mistakes of one policy, every one reported in one run. */
static const char *const NINE =
	"version: 2\n"						    /* 1: not 1 */
	"off: [d.a, d.a]\n"					    /* 2: listed twice */
	"levels: {d.b: sometimes, d.a: advisory, d.zz: required}\n" /* 3: no level; off and re-levelled; no rule */
	"gates: {main: maybe}\n"				    /* 4: not a gate */
	"waivers:\n"
	"  - {rule: d.c, reason: r, owner: o, expires: 2026-06-10}\n"
	"  - {rule: d.c, reason: '', owner: o, expires: someday}\n" /* 7: empty reason; not a date */
	"colour: red\n";					    /* 8: unknown key */

static void test_nine_mistakes_at_once(void **state)
{
	struct fx *f = *state;
	assert_int_equal(load(f, NINE), -1);
	assert_null(f->cfg);
	assert_int_equal(f->diags.n, 8);
	assert_true(diag_at(f, "version must be 1", 1, 0));
	assert_true(diag_at(f, "listed twice", 2, 0));
	assert_true(diag_at(f, "must be required, expected or advisory", 3, 0));
	assert_true(diag_at(f, "'d.a' is also turned off", 3, 0));
	assert_true(diag_at(f, "must be blocked, readiness-only or never", 4, 0));
	assert_true(diag_at(f, "reason must not be empty", 7, 0));
	assert_true(diag_at(f, "expires must be a date", 7, 0));
	assert_true(diag_at(f, "unknown key 'colour'", 8, 0));
}

/* config_read_commit hands a policy with problems back, so the rules it names are checked too: the ninth. */
static void test_read_commit_keeps_a_policy_with_problems(void **state)
{
	struct fx *f = *state;
	git_repository *repo = NULL;
	struct repo_target t;
	char dir[256], cmd[1024];
	FILE *pf;

	snprintf(dir, sizeof(dir), "%s/pg-test-config.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "%s/.proofgate.yml", dir);
	pf = fopen(cmd, "w");
	assert_non_null(pf);
	fputs(NINE, pf);
	fclose(pf);
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && git init -q -b main && git add .proofgate.yml && GIT_CONFIG_NOSYSTEM=1 "
		 "GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t "
		 "GIT_COMMITTER_EMAIL=t@t GIT_COMMITTER_DATE=2026-06-01T12:00:00Z git commit -qm policy",
		 dir);
	assert_int_equal(system(cmd), 0);

	git_libgit2_init();
	assert_int_equal(repo_open(&repo, dir, NULL), 0);
	assert_int_equal(repo_resolve(&t, repo, "HEAD"), 0);
	/* the strict reader refuses it, *out untouched */
	assert_int_equal(config_load_commit(&f->cfg, &f->diags, repo, t.commit, t.commit_time), -1);
	assert_null(f->cfg);
	diag_list_clear(&f->diags);
	/* the reader that lists everything hands it back, its problems counted */
	assert_int_equal(config_read_commit(&f->cfg, &f->diags, repo, t.commit, t.commit_time), 0);
	assert_int_equal(f->cfg->present, 1);
	assert_int_equal(f->cfg->nproblems, 8);
	assert_int_equal(f->diags.n, 8);
	f->rs = load_rules_string(PACK);
	assert_int_equal(config_apply(f->cfg, &f->diags, f->rs), -1);
	assert_int_equal(f->diags.n, 9);
	assert_true(diag_at(f, "levels names rule 'd.zz', which no loaded rule pack defines", 3, 0));
	repo_target_free(&t);
	git_repository_free(repo);
	git_libgit2_shutdown();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_expiry_limit_counts_from_the_commit(void **state)
{
	struct fx *f = *state;
	/* 90 days after 2026-06-01 is 2026-08-30 */
	assert_int_equal(load(f, "waivers: [{rule: d.a, reason: r, owner: o, expires: 2026-08-30}]\n"), 0);
	assert_int_equal(load(f, "waivers: [{rule: d.a, reason: r, owner: o, expires: 2026-08-31}]\n"), -1);
	assert_true(diag_at(f, "expires on 2026-08-31, 91 days after the scanned commit (2026-06-01)", 1, 11));
	assert_int_equal(
		load(f, "max_waiver_days: 10\nwaivers: [{rule: d.a, reason: r, owner: o, expires: 2026-06-12}]\n"), -1);
	assert_true(diag_at(f, "at most 10 days", 2, 11));
	/* already expired is not a policy error: the rule fails instead */
	assert_int_equal(load(f, "waivers: [{rule: d.a, reason: r, owner: o, expires: 2020-01-01}]\n"), 0);
	assert_int_equal(load(f, "max_waiver_days: 0\n"), -1);
	assert_true(diag_at(f, "max_waiver_days must be a whole number of days from 1 to 3650", 1, 18));
}

static void test_gates_anchor_and_first_match(void **state)
{
	struct fx *f = *state;
	const struct config_gate *g;
	assert_int_equal(load(f, "gates:\n  \"release/*\": blocked\n  \"release/**\": never\n  main: readiness-only\n"),
			 0);
	g = config_gate_for(f->cfg, "release/1.0");
	assert_non_null(g);
	assert_string_equal(g->glob, "release/*");
	g = config_gate_for(f->cfg, "release/1.0/rc");
	assert_non_null(g);
	assert_string_equal(g->glob, "release/**");
	assert_non_null(config_gate_for(f->cfg, "main"));
	assert_null(config_gate_for(f->cfg, "feature/main"));
	assert_null(config_gate_for(f->cfg, "mainline"));
	assert_null(config_gate_for(f->cfg, NULL));
	assert_int_equal(load(f, "gates:\n  main: never\n  main: blocked\n"), -1);
	assert_true(diag_at(f, "gates: duplicate glob 'main' (first at line 2)", 3, 3));
	assert_int_equal(load(f, "gates: {\"[\": blocked}\n"), -1);
	assert_true(diag_at(f, "gates: invalid glob '['", 1, 9));
}

static void test_gate_regression_forms(void **state)
{
	struct fx *f = *state;
	struct fail_on_spec spec;
	const struct config_gate *g;

	/* a level, regression, or both, as a string or a list; regression alone leaves the level open */
	assert_int_equal(load(f, "gates:\n  \"release/**\": [blocked, regression]\n  main: \"readiness-only, "
				 "regression\"\n  \"**\": regression\n"),
			 0);
	g = config_gate_for(f->cfg, "release/1.0");
	assert_true(g->has_level && g->fail_on == FAIL_ON_BLOCKED && g->regression);
	g = config_gate_for(f->cfg, "main");
	assert_true(g->has_level && g->fail_on == FAIL_ON_READINESS_ONLY && g->regression);
	g = config_gate_for(f->cfg, "feature/x");
	assert_true(!g->has_level && g->regression);
	assert_int_equal(load(f, "gates: {main: blocked}\n"), 0);
	g = config_gate_for(f->cfg, "main");
	assert_true(g->has_level && !g->regression);
	/* two levels, an unknown word, an empty item, a nested list */
	assert_int_equal(load(f, "gates:\n  a: [blocked, never]\n  b: \"blocked,,regression\"\n  c: [blocked, "
				 "[regression]]\n  d: [regression, regression]\n  e: []\n"),
			 -1);
	assert_true(diag_at(f, "gates: 'a' must be blocked, readiness-only or never, regression", 2, 6));
	assert_true(diag_at(f, "gates: 'b'", 3, 6));
	assert_true(diag_at(f, "gates: 'c'", 4, 6));
	assert_true(diag_at(f, "gates: 'd'", 5, 6));
	assert_true(diag_at(f, "gates: 'e'", 6, 6));

	assert_int_equal(fail_on_spec_parse(&spec, " regression , never "), 0);
	assert_true(spec.has_level && spec.level == FAIL_ON_NEVER && spec.regression);
	assert_int_equal(fail_on_spec_parse(&spec, "regression"), 0);
	assert_true(!spec.has_level && spec.regression);
	spec.regression = 7;
	assert_int_equal(fail_on_spec_parse(&spec, "blocked,"), -1);
	assert_int_equal(fail_on_spec_parse(&spec, ""), -1);
	assert_int_equal(fail_on_spec_parse(&spec, "sometimes"), -1);
	/* written only on success */
	assert_int_equal(spec.regression, 7);
}

/* An empty scan: every `file` leaf finds nothing, every `no_file` leaf passes. */
static void compute(struct fx *f)
{
	struct verdict_policy pol = verdict_policy_of(f->cfg);
	f->scan.nleaves = f->rs->nleaves;
	f->scan.leaves = xcalloc(f->rs->nleaves, sizeof(*f->scan.leaves));
	assert_int_equal(config_apply(f->cfg, &f->diags, f->rs), 0);
	assert_int_equal(verdict_compute_policy(&f->v, f->rs, &f->scan, COMMIT_TIME, &pol, LANG_EN), 0);
}

static const struct rule_result *rr(const struct fx *f, const char *id)
{
	long i = rules_find_rule(f->rs, id);
	assert_true(i >= 0);
	return &f->v->rules[i];
}

static void test_waived_expired_off_and_unused(void **state)
{
	struct fx *f = *state;
	f->rs = load_rules_string(PACK);
	assert_int_equal(f->rs->diags.n, 0);
	assert_int_equal(load(f, "off: [d.c]\n"
				 "waivers:\n"
				 "  - {rule: d.a, reason: later, owner: o, expires: 2026-06-01}\n"
				 "  - {rule: d.b, reason: old, owner: p, expires: 2026-05-31}\n"
				 "  - {rule: d.none, reason: unused, owner: q, expires: 2026-06-10}\n"),
			 0);
	compute(f);
	assert_int_equal(rr(f, "d.a")->outcome, OUTCOME_WAIVED);
	assert_int_equal(rr(f, "d.a")->found, OUTCOME_FAIL);
	assert_string_equal(rr(f, "d.a")->waiver->owner, "o");
	assert_int_equal(rr(f, "d.b")->outcome, OUTCOME_FAIL);
	assert_non_null(strstr(rr(f, "d.b")->message, "the waiver for this rule expired on 2026-05-31 (owner p: old)"));
	assert_int_equal(rr(f, "d.c")->outcome, OUTCOME_OFF);
	assert_int_equal(rr(f, "d.none")->outcome, OUTCOME_PASS);
	assert_int_equal(f->v->nwaivers, 3);
	assert_int_equal(f->v->waivers[0].state, WAIVER_USED);
	assert_int_equal(f->v->waivers[1].state, WAIVER_EXPIRED);
	assert_int_equal(f->v->waivers[2].state, WAIVER_UNUSED);
	/* d.b still fails: blocked; the off rule is in no domain */
	assert_int_equal(f->v->domains[0].status, STATUS_BLOCKED);
	assert_int_equal(f->v->domains[0].nrules, 3);
	verdict_gate(f->v, FAIL_ON_BLOCKED, "test", NULL);
	assert_false(f->v->gate.passed);
}

static void test_waiver_lets_the_gate_pass(void **state)
{
	struct fx *f = *state;
	f->rs = load_rules_string(PACK);
	assert_int_equal(load(f, "levels: {d.c: advisory}\n"
				 "waivers:\n"
				 "  - {rule: d.a, reason: r, owner: o, expires: 2026-07-01}\n"
				 "  - {rule: d.b, reason: r, owner: o, expires: 2026-07-01}\n"),
			 0);
	compute(f);
	assert_int_equal(f->rs->rules[rules_find_rule(f->rs, "d.c")].level, LEVEL_ADVISORY);
	assert_int_equal(f->v->domains[0].status, STATUS_READY);
	verdict_gate(f->v, FAIL_ON_READINESS_ONLY, "test", NULL);
	assert_true(f->v->gate.passed);
	/* a waived rule is not proof */
	assert_int_equal(f->v->go, 1);
}

static void test_unknown_rule_in_policy(void **state)
{
	struct fx *f = *state;
	f->rs = load_rules_string(PACK);
	assert_int_equal(load(f, "off: [d.zz]\nlevels: {d.yy: expected}\n"), 0);
	assert_int_equal(config_apply(f->cfg, &f->diags, f->rs), -1);
	assert_true(diag_at(f, "off names rule 'd.zz', which no loaded rule pack defines", 1, 7));
	assert_true(diag_at(f, "levels names rule 'd.yy'", 2, 10));
}

/* evidence: rule id -> a path or a list of paths and globs, each from the root of the tree. */
static void test_evidence_parsed(void **state)
{
	struct fx *f = *state;
	assert_int_equal(load(f, "evidence:\n"
				 "  d.a: [ops/db/nightly.sh, 'ops/**/restore*.md']\n"
				 "  d.b: docs/b.txt\n"),
			 0);
	assert_int_equal(f->cfg->nevidence, 2);
	assert_string_equal(f->cfg->evidence[0].rule, "d.a");
	assert_int_equal(f->cfg->evidence[0].npaths, 2);
	assert_string_equal(f->cfg->evidence[0].paths[1], "ops/**/restore*.md");
	assert_int_equal(f->cfg->evidence[0].at.line, 2);
	assert_int_equal(f->cfg->evidence[0].at.col, 3);
	assert_int_equal(f->cfg->evidence[1].npaths, 1);
	/* anchored at the root: the root's file, not one of that name deeper down */
	assert_true(match_glob_path(f->cfg->evidence[1].globs[0], "docs/b.txt", 10));
	assert_false(match_glob_path(f->cfg->evidence[1].globs[0], "x/docs/b.txt", 12));
	assert_true(match_glob_path(f->cfg->evidence[0].globs[1], "ops/a/b/restore-db.md", 21));
	assert_true(config_evidence_literal("ops/db/nightly.sh"));
	assert_false(config_evidence_literal("ops/**/restore*.md"));
}

static void test_evidence_problems(void **state)
{
	struct fx *f = *state;
	assert_int_equal(load(f, "evidence: [a]\n"), -1);
	assert_true(diag_at(f, "evidence must be a mapping of rule id to a path or a list of paths", 1, 11));
	assert_int_equal(load(f, "off: [d.a]\n"
				 "evidence:\n"
				 "  d.a: x.md\n"
				 "  d.b: [/abs.md, ../up.md, ops/, 'a//b', 'docs/[x', y.md, y.md]\n"
				 "  d.c: []\n"
				 "  d.b: z.md\n"),
			 -1);
	assert_true(diag_at(f, "evidence: 'd.a' is also turned off (off, line 1)", 3, 3));
	assert_true(diag_at(f, "evidence: '/abs.md' is absolute", 4, 9));
	assert_true(diag_at(f, "evidence: '../up.md' leaves the repository", 4, 18));
	assert_true(diag_at(f, "evidence: 'ops/' names a folder", 4, 28));
	assert_true(diag_at(f, "evidence: 'a//b' has an empty or '.' segment", 4, 34));
	assert_true(diag_at(f, "evidence: invalid glob 'docs/[x'", 4, 42));
	assert_true(diag_at(f, "evidence: 'd.b' lists 'y.md' twice (first at line 4)", 4, 59));
	assert_true(diag_at(f, "evidence: 'd.c' declares no path", 5, 8));
	assert_true(diag_at(f, "evidence: duplicate rule 'd.b' (first at line 4)", 6, 3));
	assert_int_equal(f->diags.n, 9);
}

static void test_evidence_unknown_rule(void **state)
{
	struct fx *f = *state;
	f->rs = load_rules_string(PACK);
	assert_int_equal(load(f, "evidence:\n  d.zz: x.md\n"), 0);
	assert_int_equal(config_apply(f->cfg, &f->diags, f->rs), -1);
	assert_true(diag_at(f, "evidence names rule 'd.zz', which no loaded rule pack defines", 2, 3));
}

/* config_apply points the rule's file conditions at the declared paths, drops their excludes, changes the digest. */
static void test_evidence_applied(void **state)
{
	struct fx *f = *state;
	char before[sizeof(f->rs->digest)];
	const struct leaf *l, *none;
	f->rs = load_rules_string(PACK);
	memcpy(before, f->rs->digest, sizeof(before));
	assert_int_equal(load(f, "evidence:\n  d.a: [ops/a.sh, 'ops/**/*.md']\n  d.none: x.pem\n"), 0);
	assert_int_equal(config_apply(f->cfg, &f->diags, f->rs), 0);
	l = f->rs->rules[rules_find_rule(f->rs, "d.a")].evidence->leaf;
	assert_int_equal(l->npaths, 2);
	assert_int_equal(l->nexclude, 0);
	assert_true(match_glob_path(l->paths[0], "ops/a.sh", 8));
	assert_false(match_glob_path(l->paths[0], "a.md", 4));
	/* what a rule forbids stays where the pack looks */
	none = f->rs->rules[rules_find_rule(f->rs, "d.none")].evidence->leaf;
	assert_true(match_glob_path(none->paths[0], "secret.pem", 10));
	assert_false(match_glob_path(none->paths[0], "x.pem", 5));
	assert_string_not_equal(before, f->rs->digest);
}

/* The verdict on declared evidence: each path must name a file that counts; a missing one fails the rule. */
static void test_evidence_verdict(void **state)
{
	struct fx *f = *state;
	struct verdict_policy pol;
	struct leaf_state *st;
	const struct rule_result *r;
	long a;
	f->rs = load_rules_string(PACK);
	assert_int_equal(load(f, "evidence:\n  d.a: [ops/a.sh, ops/gone.sh, 'docs/**/*.md']\n  d.b: ops/b.sh\n"), 0);
	assert_int_equal(config_apply(f->cfg, &f->diags, f->rs), 0);
	pol = verdict_policy_of(f->cfg);
	f->scan.nleaves = f->rs->nleaves;
	f->scan.leaves = xcalloc(f->rs->nleaves, sizeof(*f->scan.leaves));
	a = rules_find_rule(f->rs, "d.a");
	st = &f->scan.leaves[f->rs->rules[a].evidence->leaf->index];
	st->nselected = 3;
	st->nsatisfied = 1;
	st->nev = 1;
	st->ev[0].path = (char *)"ops/a.sh";
	st->ev[0].line = 2;
	st->nnotes = st->nnotes_total = 1;
	st->notes[0].at.path = (char *)"docs/x/stub.md";
	st->notes[0].why = (char *)"has 1 line, fewer than the 5 needed to hold real steps";
	st = &f->scan.leaves[f->rs->rules[rules_find_rule(f->rs, "d.b")].evidence->leaf->index];
	st->nselected = st->nsatisfied = st->nev = 1;
	st->ev[0].path = (char *)"ops/b.sh";
	st->ev[0].line = 1;
	assert_int_equal(verdict_compute_policy(&f->v, f->rs, &f->scan, COMMIT_TIME, &pol, LANG_EN), 0);
	r = rr(f, "d.a");
	assert_int_equal(r->outcome, OUTCOME_FAIL);
	assert_ptr_equal(r->declared, &f->cfg->evidence[0]);
	assert_int_equal(r->ndeclared_problems, 2);
	assert_string_equal(r->declared_problems[0].path, "ops/gone.sh");
	assert_non_null(strstr(r->declared_problems[0].why, "is not in the scanned commit"));
	assert_string_equal(r->declared_problems[1].why,
			    "docs/x/stub.md: has 1 line, fewer than the 5 needed to hold real steps");
	assert_non_null(strstr(r->looked_for[0], "evidence declared in .proofgate.yml: 'ops/gone.sh'"));
	assert_string_equal(r->message, r->looked_for[0]);
	r = rr(f, "d.b");
	assert_int_equal(r->outcome, OUTCOME_PASS);
	assert_int_equal(r->ndeclared_problems, 0);
	assert_string_equal(r->message, "found (evidence declared in .proofgate.yml): ops/b.sh:1");
	/* the scan's strings are borrowed: not freed by teardown */
	memset(f->scan.leaves, 0, f->rs->nleaves * sizeof(*f->scan.leaves));
}

static void test_commit_without_policy(void **state)
{
	struct fx *f = *state;
	git_repository *repo = NULL;
	struct repo_target t;
	git_libgit2_init();
	assert_int_equal(repo_open(&repo, fixture_path("basic"), NULL), 0);
	assert_int_equal(repo_resolve(&t, repo, "HEAD"), 0);
	assert_int_equal(config_load_commit(&f->cfg, &f->diags, repo, t.commit, t.commit_time), 0);
	assert_int_equal(f->cfg->present, 0);
	assert_string_equal(f->cfg->commit_hex, t.commit_hex);
	assert_int_equal(config_differs(repo, t.commit, t.commit), 0);
	repo_target_free(&t);
	git_repository_free(repo);
	git_libgit2_shutdown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_valid_policy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_policy_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_keys_and_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_waiver_needs_all_four, setup, teardown),
		cmocka_unit_test_setup_teardown(test_waiver_lists_every_problem, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keys_that_contradict_each_other, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nine_mistakes_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_commit_keeps_a_policy_with_problems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expiry_limit_counts_from_the_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gates_anchor_and_first_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gate_regression_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_waived_expired_off_and_unused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_waiver_lets_the_gate_pass, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_rule_in_policy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_without_policy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_parsed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_problems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_unknown_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_applied, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_verdict, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
