/* json.c - the JSON report (docs/report-schema.json), written through jansson. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

/* jansson refuses invalid UTF-8: every path goes through report_safe first. */
static json_t *jstr(const char *s)
{
	char *safe = report_safe(s ? s : "");
	json_t *j = json_string(safe);
	free(safe);
	return j;
}

static json_t *jev(const struct evidence *e)
{
	json_t *o = json_object();
	json_object_set_new(o, "path", jstr(e->path));
	json_object_set_new(o, "line", e->line ? json_integer((json_int_t)e->line) : json_null());
	json_object_set_new(o, "blob", json_string(e->blob));
	return o;
}

static json_t *rule_json(const struct report *r, const struct rule_result *rr)
{
	const struct rule *ru = rr->rule;
	json_t *o = json_object(), *a;
	size_t i;

	json_object_set_new(o, "id", json_string(ru->id));
	json_object_set_new(o, "domain", json_string(ru->domain_id));
	json_object_set_new(o, "level", json_string(level_name(ru->level)));
	json_object_set_new(o, "outcome", json_string(outcome_name(rr->outcome)));
	json_object_set_new(o, "title", jstr(text_get(&ru->title, r->lang)));
	json_object_set_new(o, "message", jstr(rr->message));
	json_object_set_new(o, "next_step", jstr(text_get(&ru->next_step, r->lang)));
	a = json_array();
	for (i = 0; i < ru->nproofs; i++)
		json_array_append_new(a, json_string(ru->proofs[i]));
	json_object_set_new(o, "proofs", a);
	a = json_array();
	for (i = 0; i < rr->nev; i++)
		json_array_append_new(a, jev(rr->ev[i]));
	json_object_set_new(o, "evidence", a);
	a = json_array();
	for (i = 0; i < rr->nlooked; i++)
		json_array_append_new(a, jstr(rr->looked_for[i]));
	json_object_set_new(o, "looked_for", a);
	a = json_array();
	for (i = 0; i < rr->nmisses; i++) {
		json_t *m = jev(rr->misses[i].at);
		json_object_set_new(m, "why", jstr(rr->misses[i].why));
		json_array_append_new(a, m);
	}
	json_object_set_new(o, "near_misses", a);
	a = json_array();
	for (i = 0; i < ru->nlinks; i++)
		json_array_append_new(a, jstr(ru->links[i]));
	json_object_set_new(o, "links", a);
	if (rr->waiver) {
		json_t *w = json_object();
		json_object_set_new(w, "reason", jstr(rr->waiver->reason));
		json_object_set_new(w, "owner", jstr(rr->waiver->owner));
		json_object_set_new(w, "expires", jstr(rr->waiver->expires));
		json_object_set_new(w, "expired", json_boolean(rr->outcome != OUTCOME_WAIVED));
		json_object_set_new(o, "waiver", w);
	}
	return o;
}

static json_t *tool_json(const struct report *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string("proofgate"));
	json_object_set_new(o, "version", json_string(r->version));
	return o;
}

static json_t *repository_json(const struct repo_target *t)
{
	json_t *o = json_object();
	json_object_set_new(o, "rev", jstr(t->rev));
	json_object_set_new(o, "commit", json_string(t->commit_hex));
	json_object_set_new(o, "tree", json_string(t->tree_hex));
	json_object_set_new(o, "branch", t->branch ? jstr(t->branch) : json_null());
	json_object_set_new(o, "commit_time", json_integer((json_int_t)t->commit_time));
	return o;
}

static json_t *gate_json(const struct gate *g)
{
	json_t *o = json_object();
	json_object_set_new(o, "fail_on", json_string(fail_on_name(g->fail_on)));
	json_object_set_new(o, "source", json_string(g->fail_on_source));
	json_object_set_new(o, "branch", g->branch ? jstr(g->branch) : json_null());
	json_object_set_new(o, "passed", json_boolean(g->passed && g->decided));
	json_object_set_new(o, "decided", json_boolean(g->decided));
	json_object_set_new(o, "branch_source", g->branch_source ? json_string(g->branch_source) : json_null());
	json_object_set_new(o, "pattern", g->pattern ? jstr(g->pattern) : json_null());
	return o;
}

/* The policy file and commit, what each waiver did, and notes for the reader. */
static json_t *policy_json(const struct report *r)
{
	const struct verdict *v = r->verdict;
	json_t *o = json_object(), *a = json_array();
	size_t i;

	json_object_set_new(o, "file", r->policy_file ? jstr(r->policy_file) : json_null());
	json_object_set_new(o, "commit", r->policy_commit ? json_string(r->policy_commit) : json_null());
	for (i = 0; i < v->nwaivers; i++) {
		const struct waiver *w = v->waivers[i].waiver;
		json_t *wo = json_object();
		json_object_set_new(wo, "rule", jstr(w->rule));
		json_object_set_new(wo, "reason", jstr(w->reason));
		json_object_set_new(wo, "owner", jstr(w->owner));
		json_object_set_new(wo, "expires", jstr(w->expires));
		json_object_set_new(wo, "state", json_string(waiver_state_name(v->waivers[i].state)));
		json_object_set_new(wo, "line", json_integer(w->at.line));
		json_array_append_new(a, wo);
	}
	json_object_set_new(o, "waivers", a);
	a = json_array();
	for (i = 0; i < r->nnotes; i++)
		json_array_append_new(a, jstr(r->notes[i]));
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
		json_object_set_new(o, "title", jstr(text_get(&d->domain->title, r->lang)));
		json_object_set_new(o, "status", json_string(status_name(d->status)));
		json_object_set_new(o, "status_label", json_string(status_label(d->status, r->lang)));
		json_object_set_new(o, "signal", jstr(signal));
		json_object_set_new(o, "next_step", jstr(report_next_step(r, d)));
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
		json_object_set_new(o, "title", jstr(text_get(&p->proof->title, r->lang)));
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
		json_object_set_new(o, "path", jstr(scan->skipped[i].path));
		json_object_set_new(o, "why", jstr(scan->skipped[i].why));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *report_json_build(const struct report *r)
{
	const struct verdict *v = r->verdict;
	json_t *root = json_object(), *a = json_array();
	size_t i;

	json_object_set_new(root, "tool", tool_json(r));
	json_object_set_new(root, "repository", repository_json(r->target));
	json_object_set_new(root, "rules_digest", json_string(r->rules->digest));
	json_object_set_new(root, "lang", json_string(r->lang == LANG_AR ? "ar" : "en"));
	json_object_set_new(root, "verdict", json_string(v->go ? "go" : "stop"));
	json_object_set_new(root, "gate", gate_json(&v->gate));
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
