/*
 * diff_sarif.c - SARIF of a comparison: the head's run as scan writes it,
 * each result with its baselineState, and what the base had and the head no
 * longer has as absent results.
 */
#include "report/diff.h"

#include <string.h>

/* The change of the rule whose id a result names, or NULL. */
static const struct rule_change *change_of(const struct verdict_diff *v, const char *id)
{
	size_t i;
	for (i = 0; i < v->nrules; i++)
		if (!strcmp(v->rules[i].id, id))
			return &v->rules[i];
	return NULL;
}

/* A rule result SARIF lists: failing, erring or waived. */
static int listed(const struct rule_result *rr)
{
	return rr && (outcome_fails(rr->outcome) || rr->outcome == OUTCOME_WAIVED);
}

/*
 * new: the base did not list it; unchanged: the same outcome at the same
 * place; updated: listed on both sides, its outcome, place or evidence moved.
 */
static const char *baseline_state(const struct diff_report *d, const struct rule_change *rc)
{
	size_t bl, hl;
	const char *bp, *hp;
	if (!rc || !listed(rc->base))
		return "new";
	if (rc->base->outcome != rc->head->outcome || rc->nev)
		return "updated";
	bp = report_rule_location(d->base, rc->base, &bl);
	hp = report_rule_location(d->head, rc->head, &hl);
	return strcmp(bp, hp) || bl != hl ? "updated" : "unchanged";
}

json_t *report_diff_sarif_build(const struct diff_report *d)
{
	const struct verdict_diff *v = d->diff;
	json_t *root = report_sarif_build(d->head), *run = json_array_get(json_object_get(root, "runs"), 0),
	       *results = json_object_get(run, "results"), *props = json_object_get(run, "properties"), *r;
	size_t i;

	json_array_foreach(results, i, r)
	{
		const struct rule_change *rc = change_of(v, json_string_value(json_object_get(r, "ruleId")));
		json_object_set_new(r, "baselineState", json_string(baseline_state(d, rc)));
	}
	/* gone from the head: the rule passes now (or is no longer loaded); its index is the base's own */
	for (i = 0; i < v->nrules; i++) {
		const struct rule_change *rc = &v->rules[i];
		json_t *gone, *rp;
		long bi;
		if (!listed(rc->base) || listed(rc->head))
			continue;
		bi = rules_find_rule(d->base->rules, rc->id);
		gone = report_sarif_result(d->base, rc->base, bi < 0 ? 0 : (size_t)bi);
		/* ruleIndex points into the head's rules; a rule the head does not load has none */
		if (!rc->head)
			json_object_del(gone, "ruleIndex");
		else
			json_object_set_new(gone, "ruleIndex",
					    json_integer((json_int_t)(rc->head - d->head->verdict->rules)));
		json_object_set_new(gone, "kind", json_string("pass"));
		json_object_set_new(gone, "level", json_string("none"));
		json_object_del(gone, "suppressions");
		json_object_set_new(gone, "baselineState", json_string("absent"));
		rp = json_object_get(gone, "properties");
		json_object_set_new(rp, "outcome", json_string(report_diff_outcome(rc->head)));
		json_object_set_new(rp, "baseOutcome", json_string(outcome_name(rc->base->outcome)));
		json_array_append_new(results, gone);
	}
	json_object_set_new(props, "baseCommit", json_string(d->base->target->commit_hex));
	json_object_set_new(props, "regressed", json_boolean(v->regressed));
	return root;
}

int report_diff_sarif(FILE *f, const struct diff_report *d)
{
	json_t *root = report_diff_sarif_build(d);
	int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF ? 0 : -1;
	json_decref(root);
	return rc;
}
