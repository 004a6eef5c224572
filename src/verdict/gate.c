/* gate.c - the gate: which fail_on applies to the branch, and whether the verdict passes it. */
#include "verdict/gate.h"

#include <stdlib.h>

#include "git/repo.h"
#include "util/mem.h"

/* Whether the gate passes when every error outcome is taken as `as`. */
static int gate_with(const struct verdict *v, enum fail_on f, enum outcome as)
{
	size_t i, j;
	if (f == FAIL_ON_NEVER)
		return 1;
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_result *d = &v->domains[i];
		for (j = 0; j < d->nrules; j++) {
			const struct rule_result *rr = &v->rules[d->rules[j]];
			enum outcome o = rr->outcome == OUTCOME_ERROR ? as : rr->outcome;
			if (!outcome_fails(o))
				continue;
			if (rr->rule->level == LEVEL_REQUIRED)
				return 0;
			if (rr->rule->level == LEVEL_EXPECTED && f == FAIL_ON_READINESS_ONLY)
				return 0;
		}
	}
	return 1;
}

void verdict_gate(struct verdict *v, enum fail_on fail_on, const char *source, const char *branch)
{
	int pessimistic = gate_with(v, fail_on, OUTCOME_FAIL), optimistic = gate_with(v, fail_on, OUTCOME_PASS);
	free(v->gate.branch);
	free(v->gate.pattern);
	v->gate.branch_source = NULL;
	v->gate.pattern = NULL;
	v->gate.fail_on = fail_on;
	v->gate.fail_on_source = source;
	v->gate.branch = branch ? xstrdup(branch) : NULL;
	v->gate.decided = pessimistic == optimistic;
	v->gate.passed = pessimistic;
	v->gate.regression = 0;
	v->gate.regression_source = NULL;
	v->gate.compared = v->gate.regressed = 0;
}

void verdict_choose_gate(struct verdict *v, const struct gate_request *req)
{
	const struct config_gate *g = req->fail_on_set ? NULL : config_gate_for(req->policy, req->branch);
	enum fail_on fail_on = FAIL_ON_NEVER;
	const char *source = "default";

	if (req->fail_on_set) {
		fail_on = req->fail_on;
		source = "--fail-on";
	} else if (g && g->has_level) {
		fail_on = g->fail_on;
		source = "policy";
	} else if (repo_is_release_branch(req->branch)) {
		fail_on = FAIL_ON_BLOCKED;
		source = "release branch";
	}
	verdict_gate(v, fail_on, source, req->branch);
	v->gate.branch_source = req->branch_source;
	if (g && g->has_level)
		v->gate.pattern = xstrdup(g->glob);
	v->gate.regression = req->regression || (g && g->regression);
	v->gate.regression_source = !v->gate.regression ? NULL : req->regression ? "--fail-on" : "policy";
}
