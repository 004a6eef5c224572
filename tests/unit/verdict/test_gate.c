/* test_gate.c - choosing the gate: --fail-on, then the policy's gates, then release branches, then never. */
#include "helpers.h"

#include <string.h>

#include "model/config.h"
#include "util/mem.h"
#include "verdict/gate.h"

/* 2026-06-01T12:00:00Z */
#define COMMIT_TIME 1780315200LL

static const char *const POLICY = "gates:\n  \"release/*\": readiness-only\n  main: blocked\n";

/* An empty verdict (no rules): every gate passes, so the choice itself is what shows. */
static struct verdict *empty_verdict(void)
{
	return xcalloc(1, sizeof(struct verdict));
}

static struct config *policy(void)
{
	struct config *cfg = NULL;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(config_load_buffer(&cfg, &d, ".proofgate.yml", POLICY, strlen(POLICY), COMMIT_TIME), 0);
	diag_list_clear(&d);
	return cfg;
}

static void test_choice_order(void **state)
{
	static const struct {
		const char *branch;
		int flag_set;
		enum fail_on flag;
		int with_policy;
		enum fail_on want;
		const char *source, *pattern;
	} rows[] = {
		/* the flag wins over a matching policy gate, and no pattern is claimed */
		{"main", 1, FAIL_ON_NEVER, 1, FAIL_ON_NEVER, "--fail-on", NULL},
		/* a policy gate wins over the release-branch default */
		{"release/1", 0, 0, 1, FAIL_ON_READINESS_ONLY, "policy", "release/*"},
		{"main", 0, 0, 1, FAIL_ON_BLOCKED, "policy", "main"},
		/* no gate matches: a release branch blocks, anything else never fails */
		{"hotfix/2", 0, 0, 1, FAIL_ON_BLOCKED, "release branch", NULL},
		{"release/1", 0, 0, 0, FAIL_ON_BLOCKED, "release branch", NULL},
		{"feature/x", 0, 0, 1, FAIL_ON_NEVER, "default", NULL},
		{NULL, 0, 0, 1, FAIL_ON_NEVER, "default", NULL},
	};
	struct config *cfg = policy();
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct verdict *v = empty_verdict();
		struct gate_request req;
		memset(&req, 0, sizeof(req));
		req.branch = rows[i].branch;
		req.branch_source = rows[i].branch ? "GITHUB_BASE_REF" : NULL;
		req.fail_on_set = rows[i].flag_set;
		req.fail_on = rows[i].flag;
		req.policy = rows[i].with_policy ? cfg : NULL;
		verdict_choose_gate(v, &req);
		assert_int_equal(v->gate.fail_on, rows[i].want);
		assert_string_equal(v->gate.fail_on_source, rows[i].source);
		if (rows[i].pattern)
			assert_string_equal(v->gate.pattern, rows[i].pattern);
		else
			assert_null(v->gate.pattern);
		if (rows[i].branch) {
			assert_string_equal(v->gate.branch, rows[i].branch);
			assert_string_equal(v->gate.branch_source, "GITHUB_BASE_REF");
		} else {
			assert_null(v->gate.branch);
			assert_null(v->gate.branch_source);
		}
		assert_true(v->gate.passed);
		assert_true(v->gate.decided);
		/* applying a gate again starts afresh */
		verdict_gate(v, FAIL_ON_NEVER, "test", NULL);
		assert_null(v->gate.pattern);
		assert_null(v->gate.branch_source);
		verdict_free(v);
	}
	config_free(cfg);
}

/* --fail-on regression and policy gates that list it: the regression part beside the level. */
static void test_regression_part(void **state)
{
	static const char *const pol = "gates:\n  \"release/**\": [blocked, regression]\n  main: regression\n";
	static const struct {
		const char *branch;
		int flag_set;
		enum fail_on flag;
		int flag_regression;
		enum fail_on want;
		const char *source;
		int regression;
		const char *regression_source;
	} rows[] = {
		/* the policy lists both */
		{"release/1", 0, 0, 0, FAIL_ON_BLOCKED, "policy", 1, "policy"},
		/* the policy lists only regression: the level is what applies without it */
		{"main", 0, 0, 0, FAIL_ON_NEVER, "default", 1, "policy"},
		/* --fail-on regression alone adds to the level that applies */
		{"feature/x", 0, 0, 1, FAIL_ON_NEVER, "default", 1, "--fail-on"},
		{"hotfix/1", 0, 0, 1, FAIL_ON_BLOCKED, "release branch", 1, "--fail-on"},
		/* --fail-on naming a level decides alone, as before */
		{"release/1", 1, FAIL_ON_NEVER, 0, FAIL_ON_NEVER, "--fail-on", 0, NULL},
		{"main", 1, FAIL_ON_BLOCKED, 1, FAIL_ON_BLOCKED, "--fail-on", 1, "--fail-on"},
	};
	struct config *cfg = NULL;
	struct diag_list d = DIAG_LIST_INIT;
	size_t i;
	(void)state;

	assert_int_equal(config_load_buffer(&cfg, &d, ".proofgate.yml", pol, strlen(pol), COMMIT_TIME), 0);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct verdict *v = empty_verdict();
		struct gate_request req;
		memset(&req, 0, sizeof(req));
		req.branch = rows[i].branch;
		req.fail_on_set = rows[i].flag_set;
		req.fail_on = rows[i].flag;
		req.regression = rows[i].flag_regression;
		req.policy = cfg;
		verdict_choose_gate(v, &req);
		assert_int_equal(v->gate.fail_on, rows[i].want);
		assert_string_equal(v->gate.fail_on_source, rows[i].source);
		assert_int_equal(v->gate.regression, rows[i].regression);
		if (rows[i].regression_source)
			assert_string_equal(v->gate.regression_source, rows[i].regression_source);
		else
			assert_null(v->gate.regression_source);
		/* nothing compared yet: the regression part cannot fail the gate */
		assert_false(v->gate.compared);
		assert_true(v->gate.passed);
		verdict_free(v);
	}
	config_free(cfg);
	diag_list_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_choice_order),
		cmocka_unit_test(test_regression_part),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
