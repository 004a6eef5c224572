/* diff_json.c - the comparison as JSON (docs/diff-schema.json), written through jansson. */
#include "report/diff.h"

#include <stdlib.h>
#include <string.h>

static json_t *counts_json(const struct verdict_diff *v, enum diff_dir dir)
{
	const struct diff_counts *c[3] = {&v->nrule, &v->ndomain, &v->nproof};
	static const char *const keys[3] = {"rules", "domains", "proofs"};
	json_t *o = json_object();
	size_t i;
	for (i = 0; i < 3; i++)
		json_object_set_new(o, keys[i],
				    json_integer((json_int_t)(dir == DIFF_WORSE	   ? c[i]->worse
							      : dir == DIFF_BETTER ? c[i]->better
										   : c[i]->other)));
	return o;
}

static json_t *status_or_null(const struct domain_result *d)
{
	return d ? json_string(status_name(d->status)) : json_null();
}

static json_t *proven_or_null(const struct proof_result *p)
{
	return p ? json_string(p->proven ? "proven" : "unproven") : json_null();
}

static json_t *ev_json(const struct diff_report *d, const struct ev_change *c)
{
	json_t *o = report_json_evidence(c->ev);
	char *what = diff_describe(c, d->lang);
	json_object_set_new(o, "change", json_string(c->appeared ? "appeared" : "disappeared"));
	json_object_set_new(o, "kind", json_string(c->why ? "near_miss" : c->violation ? "violation" : "evidence"));
	json_object_set_new(o, "why", c->why ? report_json_text(c->why) : json_null());
	json_object_set_new(o, "path_change", json_string(path_change_name(c->fate.change)));
	json_object_set_new(o, "to", c->fate.to ? report_json_text(c->fate.to) : json_null());
	json_object_set_new(o, "description", report_json_text(what));
	free(what);
	return o;
}

static json_t *rule_json(const struct diff_report *d, const struct rule_change *rc)
{
	const struct rule *ru = report_diff_rule(rc);
	const struct rule_result *side = rc->head ? rc->head : rc->base;
	json_t *o = json_object(), *where = json_object(), *a = json_array();
	char *cause = report_diff_cause(d, rc);
	const char *path;
	size_t line, i;
	int in_base;

	json_object_set_new(o, "id", json_string(ru->id));
	json_object_set_new(o, "domain", json_string(ru->domain_id));
	json_object_set_new(o, "level", json_string(level_name(ru->level)));
	json_object_set_new(o, "title", report_json_text(text_get(&ru->title, d->lang)));
	json_object_set_new(o, "base", rc->base ? json_string(outcome_name(rc->base->outcome)) : json_null());
	json_object_set_new(o, "head", rc->head ? json_string(outcome_name(rc->head->outcome)) : json_null());
	json_object_set_new(o, "change", json_string(diff_dir_name(rc->dir)));
	json_object_set_new(o, "gates", json_boolean(rc->gates));
	json_object_set_new(o, "message", report_json_text(side->message));
	json_object_set_new(o, "next_step", report_json_text(text_get(&ru->next_step, d->lang)));
	path = report_diff_where(d, rc, &line, &in_base);
	json_object_set_new(where, "path", report_json_text(path));
	json_object_set_new(where, "line", line ? json_integer((json_int_t)line) : json_null());
	json_object_set_new(where, "in_base", json_boolean(in_base));
	json_object_set_new(where, "what", cause ? report_json_text(cause) : json_null());
	json_object_set_new(o, "where", where);
	for (i = 0; i < rc->nev; i++)
		json_array_append_new(a, ev_json(d, &rc->ev[i]));
	json_object_set_new(o, "evidence", a);
	free(cause);
	return o;
}

static json_t *side_json(const struct report *r)
{
	json_t *o = report_json_repository(r);
	json_object_set_new(o, "verdict", json_string(r->verdict->go ? "go" : "stop"));
	json_object_set_new(o, "rules_digest", json_string(r->rules->digest));
	json_object_set_new(o, "policy_commit", r->policy_commit ? json_string(r->policy_commit) : json_null());
	return o;
}

json_t *report_diff_json_build(const struct diff_report *d)
{
	const struct verdict_diff *v = d->diff;
	json_t *root = json_object(), *sum = json_object(), *a;
	size_t i;

	json_object_set_new(root, "tool", report_json_tool(d->head));
	json_object_set_new(root, "kind", json_string("diff"));
	json_object_set_new(root, "lang", json_string(d->lang == LANG_AR ? "ar" : "en"));
	json_object_set_new(root, "base", side_json(d->base));
	json_object_set_new(root, "head", side_json(d->head));
	json_object_set_new(root, "base_from", d->base_from ? report_json_text(d->base_from) : json_null());
	json_object_set_new(root, "gate", report_json_gate(&d->head->verdict->gate));
	json_object_set_new(root, "regressed", json_boolean(v->regressed));
	json_object_set_new(sum, "worse", counts_json(v, DIFF_WORSE));
	json_object_set_new(sum, "better", counts_json(v, DIFF_BETTER));
	json_object_set_new(sum, "changed", counts_json(v, DIFF_OTHER));
	json_object_set_new(sum, "evidence_moved", json_integer((json_int_t)v->nevidence));
	json_object_set_new(sum, "tree_changes", json_integer((json_int_t)v->ndeltas));
	json_object_set_new(root, "summary", sum);

	a = json_array();
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_change *dc = &v->domains[i];
		const struct domain *dom = dc->head ? dc->head->domain : dc->base->domain;
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(dom->id));
		json_object_set_new(o, "title", report_json_text(text_get(&dom->title, d->lang)));
		json_object_set_new(o, "base", status_or_null(dc->base));
		json_object_set_new(o, "head", status_or_null(dc->head));
		json_object_set_new(o, "change", json_string(diff_dir_name(dc->dir)));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "domains", a);
	a = json_array();
	for (i = 0; i < v->nproofs; i++) {
		const struct proof_change *pc = &v->proofs[i];
		const struct proof *p = pc->head ? pc->head->proof : pc->base->proof;
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(p->id));
		json_object_set_new(o, "title", report_json_text(text_get(&p->title, d->lang)));
		json_object_set_new(o, "base", proven_or_null(pc->base));
		json_object_set_new(o, "head", proven_or_null(pc->head));
		json_object_set_new(o, "change", json_string(diff_dir_name(pc->dir)));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "proofs", a);
	/* rules that moved, or whose evidence did */
	a = json_array();
	for (i = 0; i < v->nrules; i++)
		if (v->rules[i].dir != DIFF_SAME || v->rules[i].nev)
			json_array_append_new(a, rule_json(d, &v->rules[i]));
	json_object_set_new(root, "rules", a);
	a = json_array();
	for (i = 0; i < d->head->nnotes; i++)
		json_array_append_new(a, report_json_text(d->head->notes[i]));
	json_object_set_new(root, "notes", a);
	return root;
}

int report_diff_json(FILE *f, const struct diff_report *d)
{
	json_t *root = report_diff_json_build(d);
	int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF ? 0 : -1;
	json_decref(root);
	return rc;
}
