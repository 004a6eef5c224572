/* test_verdict.c - outcomes, domain statuses, proofs and the gate, over made-up leaf states. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "verdict/gate.h"
#include "verdict/verdict.h"

static char DOC[] = "doc.md", XMD[] = "x.md", MISSING[] = "object 1234 is missing";

/* Domain a: one required, one expected, one advisory rule; domain b: one required. */
static const char *PACK = "domains:\n"
			  "  - {id: a, title: A, order: 2}\n"
			  "  - {id: b, title: B, order: 1}\n"
			  "proofs:\n"
			  "  - {id: p1, title: P1}\n"
			  "  - {id: p2, title: P2}\n"
			  "  - {id: empty, title: Nothing names it}\n"
			  "  - {id: claim, title: Claim, requires: [p1, p2]}\n"
			  "rules:\n"
			  "  - {id: a.req, domain: a, level: required, title: R, next_step: do req, proofs: [p1],\n"
			  "     evidence: {file: {paths: req.md}}}\n"
			  "  - {id: a.exp, domain: a, level: expected, title: E, next_step: do exp, proofs: [p1],\n"
			  "     evidence: {file: {paths: exp.md, min_files: 2}}}\n"
			  "  - {id: a.adv, domain: a, level: advisory, title: V, next_step: do adv,\n"
			  "     evidence: {no_file: {paths: .env}}}\n"
			  "  - {id: b.req, domain: b, level: required, title: B, next_step: do b, proofs: [p2],\n"
			  "     evidence: {any: [{file: {paths: x.md}}, {file: {paths: y.md}}]}}\n";

struct fx {
	struct rules *rs;
	struct scan_result scan;
	struct evidence ev;
	struct verdict *v;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	size_t i;
	f->rs = load_rules_string(PACK);
	assert_int_equal(f->rs->diags.n, 0);
	assert_int_equal(f->rs->nleaves, 5);
	f->scan.nleaves = f->rs->nleaves;
	f->scan.leaves = calloc(f->rs->nleaves, sizeof(*f->scan.leaves));
	for (i = 0; i < f->rs->nleaves; i++)
		f->scan.leaves[i].newest_day = -1;
	f->ev.path = DOC;
	f->ev.line = 3;
	strcpy(f->ev.blob, "0123456789012345678901234567890123456789");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	verdict_free(f->v);
	free(f->scan.leaves);
	rules_free(f->rs);
	free(f);
	return 0;
}

/* Marks leaf i as having n satisfying files. */
static void found(struct fx *f, size_t i, size_t n)
{
	f->scan.leaves[i].nselected = n;
	f->scan.leaves[i].nsatisfied = n;
	f->scan.leaves[i].nev = n ? 1 : 0;
	f->scan.leaves[i].ev[0] = f->ev;
}

static const struct verdict *compute(struct fx *f)
{
	verdict_free(f->v);
	f->v = NULL;
	assert_int_equal(verdict_compute(&f->v, f->rs, &f->scan, 1780318800), 0);
	return f->v;
}

static enum status status_of(const struct verdict *v, const char *id)
{
	size_t i;
	for (i = 0; i < v->ndomains; i++)
		if (!strcmp(v->domains[i].domain->id, id))
			return v->domains[i].status;
	fail_msg("no domain %s", id);
	return STATUS_BLOCKED;
}

static enum outcome outcome_of(const struct verdict *v, const char *id)
{
	size_t i;
	for (i = 0; i < v->nrules; i++)
		if (!strcmp(v->rules[i].rule->id, id))
			return v->rules[i].outcome;
	fail_msg("no rule %s", id);
	return OUTCOME_ERROR;
}

static int proven(const struct verdict *v, const char *id)
{
	size_t i;
	for (i = 0; i < v->nproofs; i++)
		if (!strcmp(v->proofs[i].proof->id, id))
			return v->proofs[i].proven;
	fail_msg("no proof %s", id);
	return 0;
}

static void test_all_pass_is_ready_and_go(void **state)
{
	struct fx *f = *state;
	const struct verdict *v;
	found(f, 0, 1);
	found(f, 1, 2);
	found(f, 4, 1);
	v = compute(f);
	assert_int_equal(outcome_of(v, "a.adv"), OUTCOME_PASS);
	assert_int_equal(outcome_of(v, "b.req"), OUTCOME_PASS);
	assert_int_equal(status_of(v, "a"), STATUS_READY);
	assert_int_equal(status_of(v, "b"), STATUS_READY);
	assert_true(v->go);
	assert_true(proven(v, "p1"));
	assert_true(proven(v, "claim"));
	assert_false(proven(v, "empty"));
	/* domains come in their order */
	assert_string_equal(v->domains[0].domain->id, "b");
}

static void test_expected_fail_is_readiness_only(void **state)
{
	struct fx *f = *state;
	const struct verdict *v;
	found(f, 0, 1);
	found(f, 1, 1); /* min_files 2 */
	found(f, 4, 1);
	v = compute(f);
	assert_int_equal(outcome_of(v, "a.exp"), OUTCOME_FAIL);
	assert_int_equal(status_of(v, "a"), STATUS_READINESS_ONLY);
	assert_string_equal(v->domains[1].next->rule->id, "a.exp");
	assert_false(v->go);
	assert_false(proven(v, "p1"));
	assert_false(proven(v, "claim"));
	assert_true(proven(v, "p2"));
}

static void test_required_fail_is_blocked_and_first_step(void **state)
{
	struct fx *f = *state;
	const struct verdict *v;
	found(f, 4, 1);
	v = compute(f);
	assert_int_equal(status_of(v, "a"), STATUS_BLOCKED);
	assert_string_equal(v->domains[1].next->rule->id, "a.req");
	assert_non_null(strstr(v->rules[0].message, "no such file in the tree"));
	assert_int_equal(v->rules[0].nlooked, 1);
}

static void test_advisory_never_changes_status(void **state)
{
	struct fx *f = *state;
	const struct verdict *v;
	found(f, 0, 1);
	found(f, 1, 2);
	found(f, 2, 1); /* a committed .env: the no_file leaf is violated */
	found(f, 4, 1);
	v = compute(f);
	assert_int_equal(outcome_of(v, "a.adv"), OUTCOME_FAIL);
	assert_int_equal(v->rules[2].nev, 1);
	assert_int_equal(status_of(v, "a"), STATUS_READY);
	assert_true(v->go);
}

static void test_error_blocks_and_undecides_gate(void **state)
{
	struct fx *f = *state;
	struct verdict *v;
	found(f, 1, 2);
	found(f, 4, 1);
	f->scan.leaves[0].error = MISSING;
	v = (struct verdict *)compute(f);
	assert_int_equal(outcome_of(v, "a.req"), OUTCOME_ERROR);
	assert_int_equal(status_of(v, "a"), STATUS_BLOCKED);
	verdict_gate(v, FAIL_ON_BLOCKED, "test", "release/1");
	assert_false(v->gate.decided);
	verdict_gate(v, FAIL_ON_NEVER, "test", NULL);
	assert_true(v->gate.decided);
	assert_true(v->gate.passed);
	/* a definite failure elsewhere decides the gate whatever the error hides */
	f->scan.leaves[4].nsatisfied = 0;
	v = (struct verdict *)compute(f);
	verdict_gate(v, FAIL_ON_BLOCKED, "test", "release/1");
	assert_true(v->gate.decided);
	assert_false(v->gate.passed);
	f->scan.leaves[0].error = NULL;
}

static void test_any_passes_with_one(void **state)
{
	struct fx *f = *state;
	const struct verdict *v;
	found(f, 4, 1);
	v = compute(f);
	assert_int_equal(outcome_of(v, "b.req"), OUTCOME_PASS);
	assert_int_equal(v->rules[3].nlooked, 0);
	f->scan.leaves[4].nsatisfied = 0;
	f->scan.leaves[4].nev = 0;
	v = compute(f);
	assert_int_equal(outcome_of(v, "b.req"), OUTCOME_FAIL);
	assert_int_equal(v->rules[3].nlooked, 2);
}

static void test_gate_levels(void **state)
{
	struct fx *f = *state;
	struct verdict *v;
	found(f, 0, 1);
	found(f, 1, 1);
	found(f, 4, 1);
	v = (struct verdict *)compute(f);
	verdict_gate(v, FAIL_ON_BLOCKED, "test", NULL);
	assert_true(v->gate.passed);
	verdict_gate(v, FAIL_ON_READINESS_ONLY, "test", NULL);
	assert_false(v->gate.passed);
	assert_true(v->gate.decided);
	verdict_gate(v, FAIL_ON_NEVER, "test", NULL);
	assert_true(v->gate.passed);
}

static void test_names(void **state)
{
	enum fail_on fo;
	(void)state;
	assert_string_equal(status_label(STATUS_READY, LANG_AR), "أساس جاهز");
	assert_string_equal(status_label(STATUS_READINESS_ONLY, LANG_AR), "جاهزية فقط");
	assert_string_equal(status_label(STATUS_BLOCKED, LANG_AR), "محجوب حتى يكتمل الدليل أو التكامل");
	assert_string_equal(status_label(STATUS_BLOCKED, LANG_EN), "blocked");
	assert_int_equal(fail_on_parse(&fo, "readiness-only"), 0);
	assert_int_equal(fo, FAIL_ON_READINESS_ONLY);
	assert_int_equal(fail_on_parse(&fo, "sometimes"), -1);
}

static void test_fresh_threshold(void **state)
{
	static const char *fresh =
		"domains: [{id: d, title: D}]\n"
		"rules:\n"
		"  - {id: d.f, domain: d, level: required, title: F, next_step: N,\n"
		"     evidence: {file: {paths: x.md, fresh: {pattern: '(\\d{4}-\\d{2}-\\d{2})', days: 90}}}}\n";
	struct rules *rs = load_rules_string(fresh);
	struct scan_result scan;
	struct leaf_state st;
	struct verdict *v = NULL;
	(void)state;
	memset(&scan, 0, sizeof(scan));
	memset(&st, 0, sizeof(st));
	scan.leaves = &st;
	scan.nleaves = 1;
	st.nsatisfied = 1;
	st.newest.path = XMD;
	st.newest.line = 2;
	/* the commit's day is 20605 (2026-06-01): 90 days back is 20515 */
	st.newest_day = 20515;
	assert_int_equal(verdict_compute(&v, rs, &scan, 1780318800), 0);
	assert_int_equal(v->rules[0].outcome, OUTCOME_PASS);
	verdict_free(v);
	st.newest_day = 20514;
	assert_int_equal(verdict_compute(&v, rs, &scan, 1780318800), 0);
	assert_int_equal(v->rules[0].outcome, OUTCOME_FAIL);
	assert_non_null(strstr(v->rules[0].message, "91 days before the commit (2026-06-01)"));
	verdict_free(v);
	rules_free(rs);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_all_pass_is_ready_and_go),
		T(test_expected_fail_is_readiness_only),
		T(test_required_fail_is_blocked_and_first_step),
		T(test_advisory_never_changes_status),
		T(test_error_blocks_and_undecides_gate),
		T(test_any_passes_with_one),
		T(test_gate_levels),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_fresh_threshold),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
