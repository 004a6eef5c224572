/* json.c - the JSON report (docs/report-schema.json), written through jansson. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

static json_t *rule_json(const struct report *r, const struct rule_result *rr)
{
	const struct rule *ru = rr->rule;
	json_t *o = json_object(), *a;
	size_t i;

	json_object_set_new(o, "id", json_string(ru->id));
	json_object_set_new(o, "domain", json_string(ru->domain_id));
	json_object_set_new(o, "level", json_string(level_name(ru->level)));
	json_object_set_new(o, "outcome", json_string(outcome_name(rr->outcome)));
	json_object_set_new(o, "title", report_json_text(text_get(&ru->title, r->lang)));
	json_object_set_new(o, "message", report_json_text(rr->message));
	json_object_set_new(o, "next_step", report_json_text(text_get(&ru->next_step, r->lang)));
	a = json_array();
	for (i = 0; i < ru->nproofs; i++)
		json_array_append_new(a, json_string(ru->proofs[i]));
	json_object_set_new(o, "proofs", a);
	a = json_array();
	for (i = 0; i < rr->nev; i++)
		json_array_append_new(a, report_json_evidence(rr->ev[i]));
	json_object_set_new(o, "evidence", a);
	a = json_array();
	for (i = 0; i < rr->nlooked; i++)
		json_array_append_new(a, report_json_text(rr->looked_for[i]));
	json_object_set_new(o, "looked_for", a);
	a = json_array();
	for (i = 0; i < rr->nmisses; i++) {
		json_t *m = report_json_evidence(rr->misses[i].at);
		json_object_set_new(m, "why", report_json_text(rr->misses[i].why));
		json_array_append_new(a, m);
	}
	json_object_set_new(o, "near_misses", a);
	a = json_array();
	for (i = 0; i < ru->nlinks; i++)
		json_array_append_new(a, report_json_text(ru->links[i]));
	json_object_set_new(o, "links", a);
	if (rr->waiver) {
		json_t *w = json_object();
		json_object_set_new(w, "reason", report_json_text(rr->waiver->reason));
		json_object_set_new(w, "owner", report_json_text(rr->waiver->owner));
		json_object_set_new(w, "expires", report_json_text(rr->waiver->expires));
		json_object_set_new(w, "expired", json_boolean(rr->outcome != OUTCOME_WAIVED));
		json_object_set_new(o, "waiver", w);
	}
	if (rr->declared) {
		json_t *d = json_object(), *paths = json_array(), *probs = json_array();
		for (i = 0; i < rr->declared->npaths; i++)
			json_array_append_new(paths, report_json_text(rr->declared->paths[i]));
		for (i = 0; i < rr->ndeclared_problems; i++) {
			json_t *p = json_object();
			json_object_set_new(p, "path", report_json_text(rr->declared_problems[i].path));
			json_object_set_new(p, "why", report_json_text(rr->declared_problems[i].why));
			json_array_append_new(probs, p);
		}
		json_object_set_new(d, "paths", paths);
		json_object_set_new(d, "problems", probs);
		json_object_set_new(o, "declared", d);
	}
	return o;
}

/* The policy file and commit, what each waiver did, and notes for the reader. */
static json_t *policy_json(const struct report *r)
{
	const struct verdict *v = r->verdict;
	json_t *o = json_object(), *a = json_array();
	size_t i;

	json_object_set_new(o, "file", r->policy_file ? report_json_text(r->policy_file) : json_null());
	json_object_set_new(o, "commit", r->policy_commit ? json_string(r->policy_commit) : json_null());
	for (i = 0; i < v->nwaivers; i++) {
		const struct waiver *w = v->waivers[i].waiver;
		json_t *wo = json_object();
		json_object_set_new(wo, "rule", report_json_text(w->rule));
		json_object_set_new(wo, "reason", report_json_text(w->reason));
		json_object_set_new(wo, "owner", report_json_text(w->owner));
		json_object_set_new(wo, "expires", report_json_text(w->expires));
		json_object_set_new(wo, "state", json_string(waiver_state_name(v->waivers[i].state)));
		json_object_set_new(wo, "line", json_integer(w->at.line));
		json_array_append_new(a, wo);
	}
	json_object_set_new(o, "waivers", a);
	a = json_array();
	for (i = 0; i < r->nnotes; i++)
		json_array_append_new(a, report_json_text(r->notes[i]));
	json_object_set_new(o, "notes", a);
	return o;
}

/* Failing or erroring rules that count (not advisory). */
static json_t *gaps_json(const struct verdict *v)
{
	json_t *a = json_array();
	size_t i;
	for (i = 0; i < v->nrules; i++) {
		const struct rule_result *rr = &v->rules[i];
		json_t *o;
		if (!outcome_fails(rr->outcome) || rr->rule->level == LEVEL_ADVISORY)
			continue;
		o = json_object();
		json_object_set_new(o, "rule", json_string(rr->rule->id));
		json_object_set_new(o, "domain", json_string(rr->rule->domain_id));
		json_object_set_new(o, "level", json_string(level_name(rr->rule->level)));
		json_object_set_new(o, "outcome", json_string(outcome_name(rr->outcome)));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *domains_json(const struct report *r)
{
	const struct verdict *v = r->verdict;
	json_t *a = json_array();
	size_t i, j;
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_result *d = &v->domains[i];
		json_t *o = json_object(), *ids = json_array();
		char *signal = report_signal(r, d);
		json_object_set_new(o, "id", json_string(d->domain->id));
		json_object_set_new(o, "title", report_json_text(text_get(&d->domain->title, r->lang)));
		json_object_set_new(o, "status", json_string(status_name(d->status)));
		json_object_set_new(o, "status_label", json_string(status_label(d->status, r->lang)));
		json_object_set_new(o, "signal", report_json_text(signal));
		json_object_set_new(o, "next_step", report_json_text(report_next_step(r, d)));
		for (j = 0; j < d->nrules; j++)
			json_array_append_new(ids, json_string(v->rules[d->rules[j]].rule->id));
		json_object_set_new(o, "rules", ids);
		json_array_append_new(a, o);
		free(signal);
	}
	return a;
}

static json_t *proofs_json(const struct report *r)
{
	const struct verdict *v = r->verdict;
	json_t *a = json_array();
	size_t i, j;
	for (i = 0; i < v->nproofs; i++) {
		const struct proof_result *p = &v->proofs[i];
		json_t *o = json_object(), *ids = json_array(), *req = json_array();
		json_object_set_new(o, "id", json_string(p->proof->id));
		json_object_set_new(o, "title", report_json_text(text_get(&p->proof->title, r->lang)));
		json_object_set_new(o, "status", json_string(p->proven ? "proven" : "unproven"));
		for (j = 0; j < p->nrules; j++)
			json_array_append_new(ids, json_string(v->rules[p->rules[j]].rule->id));
		json_object_set_new(o, "rules", ids);
		for (j = 0; j < p->proof->nrequires; j++)
			json_array_append_new(req, json_string(p->proof->requires[j]));
		json_object_set_new(o, "requires", req);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *skipped_json(const struct scan_result *scan)
{
	json_t *a = json_array();
	size_t i;
	for (i = 0; i < scan->nskipped; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "path", report_json_text(scan->skipped[i].path));
		json_object_set_new(o, "why", report_json_text(scan->skipped[i].why));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *report_json_build(const struct report *r)
{
	const struct verdict *v = r->verdict;
	json_t *root = json_object(), *a = json_array();
	size_t i;

	json_object_set_new(root, "tool", report_json_tool(r));
	json_object_set_new(root, "repository", report_json_repository(r->target));
	json_object_set_new(root, "rules_digest", json_string(r->rules->digest));
	json_object_set_new(root, "lang", json_string(r->lang == LANG_AR ? "ar" : "en"));
	json_object_set_new(root, "verdict", json_string(v->go ? "go" : "stop"));
	json_object_set_new(root, "gate", report_json_gate(&v->gate));
	json_object_set_new(root, "policy", policy_json(r));
	json_object_set_new(root, "gaps", gaps_json(v));
	json_object_set_new(root, "domains", domains_json(r));
	for (i = 0; i < v->nrules; i++)
		json_array_append_new(a, rule_json(r, &v->rules[i]));
	json_object_set_new(root, "rules", a);
	json_object_set_new(root, "proofs", proofs_json(r));
	json_object_set_new(root, "skipped", skipped_json(r->scan));
	return root;
}

int report_json(FILE *f, const struct report *r)
{
	json_t *root = report_json_build(r);
	int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF ? 0 : -1;
	json_decref(root);
	return rc;
}
