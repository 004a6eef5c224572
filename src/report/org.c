/* org.c - the organisation's view as JSON and as a page. */
#include "report/org.h"

#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/mem.h"

static const char *const problem_names[] = {"unreadable", "not-json", "truncated", "not-a-report"};

/* jansson refuses invalid UTF-8: a file name goes through report_safe first. */
static json_t *jstr(const char *s)
{
	char *safe = report_safe(s ? s : "");
	json_t *j = json_string(safe);
	free(safe);
	return j;
}

static json_t *variants_json(const struct org_variant *v, size_t n)
{
	json_t *a = json_array();
	size_t i;
	for (i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "value", jstr(v[i].value));
		json_object_set_new(o, "reports", json_integer((json_int_t)v[i].count));
		json_array_append_new(a, o);
	}
	return a;
}

/* A change's side: a status or a verdict by name, or null when not there. */
static json_t *side_json(const struct org_change *c, int v)
{
	if (v < 0)
		return json_null();
	if (!c->domain)
		return json_string(v ? "go" : "stop");
	return json_string(status_name((enum status)v));
}

/* One repository: where its report came from, its verdict, gate, proofs and statuses. */
static json_t *repo_json(const struct org *o, const struct org_repo *r)
{
	json_t *obj = json_object(), *g = json_object(), *p = json_object(), *ids = json_array(), *st = json_object();
	size_t j;

	json_object_set_new(obj, "name", jstr(r->name));
	json_object_set_new(obj, "file", jstr(r->file));
	json_object_set_new(obj, "rev", jstr(r->rev));
	json_object_set_new(obj, "commit", jstr(r->commit));
	json_object_set_new(obj, "branch", r->branch ? jstr(r->branch) : json_null());
	json_object_set_new(obj, "verdict", json_string(r->go ? "go" : "stop"));
	json_object_set_new(g, "passed", json_boolean(r->gate_passed));
	json_object_set_new(g, "decided", json_boolean(r->gate_decided));
	json_object_set_new(g, "fail_on", json_string(fail_on_name(r->fail_on)));
	json_object_set_new(obj, "gate", g);
	json_object_set_new(obj, "tool_version", jstr(r->version));
	json_object_set_new(obj, "rules_digest", jstr(r->digest));
	json_object_set_new(obj, "lang", json_string(r->lang == LANG_AR ? "ar" : "en"));
	json_object_set_new(p, "proven", json_integer((json_int_t)r->nproven));
	json_object_set_new(p, "total", json_integer((json_int_t)r->nproofs));
	for (j = 0; j < r->nproven; j++)
		json_array_append_new(ids, jstr(r->proven[j]));
	json_object_set_new(p, "ids", ids);
	json_object_set_new(obj, "proofs", p);
	json_object_set_new(obj, "gaps", json_integer((json_int_t)r->ngaps));
	for (j = 0; j < o->ndomains; j++)
		if (r->status[j] >= 0)
			json_object_set_new(st, o->domains[j].id, json_string(status_name((enum status)r->status[j])));
	json_object_set_new(obj, "statuses", st);
	return obj;
}

/* The reports that could not be read, then what changed since --previous (into root). */
static void put_errors_and_changes(json_t *root, const struct org *o)
{
	json_t *a = json_array(), *obj;
	size_t i;

	for (i = 0; i < o->nerrors; i++) {
		obj = json_object();
		json_object_set_new(obj, "file", jstr(o->errors[i].file));
		json_object_set_new(obj, "problem", json_string(problem_names[o->errors[i].problem]));
		json_object_set_new(obj, "detail", jstr(o->errors[i].detail));
		json_array_append_new(a, obj);
	}
	json_object_set_new(root, "errors", a);
	json_object_set_new(root, "previous", o->previous ? jstr(o->previous) : json_null());
	a = json_array();
	for (i = 0; i < o->nchanges; i++) {
		const struct org_change *c = &o->changes[i];
		obj = json_object();
		json_object_set_new(obj, "repository", jstr(c->repo));
		json_object_set_new(obj, "domain", c->domain ? jstr(c->domain) : json_null());
		json_object_set_new(obj, "before", side_json(c, c->before));
		json_object_set_new(obj, "after", side_json(c, c->after));
		json_array_append_new(a, obj);
	}
	json_object_set_new(root, "changes", a);
}

json_t *report_org_json_build(const struct org *o, const char *version, enum lang lang)
{
	json_t *root = json_object(), *obj, *a;
	size_t i;

	obj = json_object();
	json_object_set_new(obj, "name", json_string("proofgate"));
	json_object_set_new(obj, "version", json_string(version));
	json_object_set_new(root, "tool", obj);
	json_object_set_new(root, "kind", json_string("org"));
	json_object_set_new(root, "lang", json_string(lang == LANG_AR ? "ar" : "en"));

	obj = json_object();
	json_object_set_new(obj, "repositories", json_integer((json_int_t)o->nrepos));
	json_object_set_new(obj, "go", json_integer((json_int_t)o->ngo));
	json_object_set_new(obj, "stop", json_integer((json_int_t)(o->nrepos - o->ngo)));
	json_object_set_new(obj, "gates_failed", json_integer((json_int_t)o->ngate_failed));
	json_object_set_new(obj, "gates_undecided", json_integer((json_int_t)o->nundecided));
	json_object_set_new(obj, "unreadable", json_integer((json_int_t)o->nerrors));
	json_object_set_new(root, "summary", obj);

	a = json_array();
	for (i = 0; i < o->ndomains; i++) {
		const struct org_domain *d = &o->domains[i];
		obj = json_object();
		json_object_set_new(obj, "id", jstr(d->id));
		json_object_set_new(obj, "title", jstr(d->title));
		json_object_set_new(obj, "repositories", json_integer((json_int_t)d->present));
		json_object_set_new(obj, "ready", json_integer((json_int_t)d->count[STATUS_READY]));
		json_object_set_new(obj, "readiness-only", json_integer((json_int_t)d->count[STATUS_READINESS_ONLY]));
		json_object_set_new(obj, "blocked", json_integer((json_int_t)d->count[STATUS_BLOCKED]));
		json_array_append_new(a, obj);
	}
	json_object_set_new(root, "domains", a);

	a = json_array();
	for (i = 0; i < o->nrepos; i++)
		json_array_append_new(a, repo_json(o, &o->repos[i]));
	json_object_set_new(root, "repositories", a);

	json_object_set_new(root, "rules_digests", variants_json(o->digests, o->ndigests));
	json_object_set_new(root, "tool_versions", variants_json(o->versions, o->nversions));

	put_errors_and_changes(root, o);
	return root;
}

int report_org_json(FILE *f, const struct org *o, const char *version, enum lang lang)
{
	json_t *root = report_org_json_build(o, version, lang);
	int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF ? 0 : -1;
	json_decref(root);
	return rc;
}

/* ---- the page ---------------------------------------------------------------- */

static void put_num(struct buf *b, size_t n)
{
	char s[32];
	snprintf(s, sizeof(s), "%zu", n);
	page_ltr(b, s);
}

/* "blocked in 14 of 40", the status in words. */
static void put_share(struct buf *b, enum status s, size_t n, size_t of, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	buf_printf(b, "<span class=\"share\" data-status=\"%s\" data-count=\"%zu\">", status_name(s), n);
	page_status(b, s, lang, 1);
	buf_puts(b, w->in);
	put_num(b, n);
	buf_puts(b, w->of);
	put_num(b, of);
	buf_puts(b, "</span>");
}

static void put_variants(struct buf *b, const char *what, const struct org_variant *v, size_t n, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	size_t i;
	buf_printf(b, "<div class=\"banner\" role=\"note\"><strong>%s:</strong> %s<ul>\n", w->warning, what);
	for (i = 0; i < n; i++) {
		buf_puts(b, "<li>");
		page_code(b, v[i].value);
		buf_printf(b, " (%s: ", w->reports);
		put_num(b, v[i].count);
		buf_puts(b, ")</li>\n");
	}
	buf_puts(b, "</ul></div>\n");
}

static void put_warnings(struct buf *b, const struct org *o, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	if (o->ndigests > 1)
		put_variants(b, w->digests_differ, o->digests, o->ndigests, lang);
	if (o->nversions > 1)
		put_variants(b, w->versions_differ, o->versions, o->nversions, lang);
	if (o->nlangs > 1)
		put_variants(b, w->langs_differ, o->langs, o->nlangs, lang);
}

static void put_totals(struct buf *b, const struct org *o, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	size_t i;

	buf_printf(b, "<dl class=\"facts counts\">\n<dt>%s</dt><dd data-count=\"repositories\">", w->repositories);
	put_num(b, o->nrepos);
	buf_printf(b, "</dd>\n<dt>%s</dt><dd data-count=\"go\">", report_verdict_word(1, lang));
	put_num(b, o->ngo);
	buf_printf(b, "</dd>\n<dt>%s</dt><dd data-count=\"stop\">", report_verdict_word(0, lang));
	put_num(b, o->nrepos - o->ngo);
	buf_printf(b, "</dd>\n<dt>%s</dt><dd data-count=\"gates-failed\">", w->gates_failed);
	put_num(b, o->ngate_failed);
	buf_puts(b, "</dd>\n");
	if (o->nundecided) {
		buf_printf(b, "<dt>%s</dt><dd data-count=\"gates-undecided\">", w->gates_undecided);
		put_num(b, o->nundecided);
		buf_puts(b, "</dd>\n");
	}
	if (o->nerrors) {
		buf_printf(b, "<dt>%s</dt><dd data-count=\"unreadable\"><a href=\"#unreadable\">", w->unreadable);
		put_num(b, o->nerrors);
		buf_puts(b, "</a></dd>\n");
	}
	buf_puts(b, "</dl>\n");

	buf_printf(b,
		   "<section aria-labelledby=\"per-domain\">\n<h2 id=\"per-domain\">%s</h2>\n<table class=\"totals\">\n"
		   "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		   "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		   w->per_domain, w->domain, w->status_short[STATUS_BLOCKED], w->status_short[STATUS_READINESS_ONLY],
		   w->status_short[STATUS_READY]);
	for (i = 0; i < o->ndomains; i++) {
		const struct org_domain *d = &o->domains[i];
		static const enum status order[] = {STATUS_BLOCKED, STATUS_READINESS_ONLY, STATUS_READY};
		size_t k;
		buf_puts(b, "<tr data-domain=\"");
		page_text(b, d->id);
		buf_puts(b, "\"><th scope=\"row\"><bdi>");
		page_text(b, d->title);
		buf_puts(b, "</bdi></th>");
		for (k = 0; k < 3; k++) {
			buf_puts(b, "<td>");
			put_share(b, order[k], d->count[order[k]], d->present, lang);
			buf_puts(b, "</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void put_gate(struct buf *b, const struct org_repo *r, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	buf_printf(b, "<span data-gate=\"%s\">%s</span>",
		   !r->gate_decided ? "undecided"
		   : r->gate_passed ? "passed"
				    : "failed",
		   !r->gate_decided ? w->undecided
		   : r->gate_passed ? w->passed
				    : w->failed);
}

static void put_proven(struct buf *b, const struct org_repo *r, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	put_num(b, r->nproven);
	buf_puts(b, w->of);
	put_num(b, r->nproofs);
}

/* The table for wide screens and print: one row per repository, one column per domain. */
static void put_matrix(struct buf *b, const struct org *o, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	size_t i, j;

	buf_printf(b,
		   "<table class=\"matrix wide\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
		   w->repository, w->verdict, w->gate, w->proofs_proven);
	for (j = 0; j < o->ndomains; j++) {
		buf_puts(b, "<th scope=\"col\" data-domain=\"");
		page_text(b, o->domains[j].id);
		buf_puts(b, "\"><bdi>");
		page_text(b, o->domains[j].title);
		buf_puts(b, "</bdi></th>");
	}
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < o->nrepos; i++) {
		const struct org_repo *r = &o->repos[i];
		buf_puts(b, "<tr data-repo=\"");
		page_text(b, r->name);
		buf_puts(b, "\"><th scope=\"row\">");
		page_ltr(b, r->name);
		buf_puts(b, "</th><td>");
		page_verdict(b, r->go, lang);
		buf_puts(b, "</td><td>");
		put_gate(b, r, lang);
		buf_puts(b, "</td><td>");
		put_proven(b, r, lang);
		buf_puts(b, "</td>");
		for (j = 0; j < o->ndomains; j++) {
			buf_puts(b, "<td data-domain=\"");
			page_text(b, o->domains[j].id);
			buf_puts(b, "\">");
			if (r->status[j] < 0)
				buf_printf(b, "<span class=\"muted\">%s</span>", w->not_in_rules);
			else
				page_status(b, (enum status)r->status[j], lang, 1);
			buf_puts(b, "</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

/* The same for a phone: one small card per repository (shown instead of the table below 45rem). */
static void put_list(struct buf *b, const struct org *o, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	size_t i, j;

	buf_puts(b, "<div class=\"narrow\">\n");
	for (i = 0; i < o->nrepos; i++) {
		const struct org_repo *r = &o->repos[i];
		buf_printf(b, "<article class=\"card %s\" data-repo=\"", r->go ? "s-ready" : "s-blocked");
		page_text(b, r->name);
		buf_puts(b, "\">\n<div class=\"card-head\"><h3>");
		page_ltr(b, r->name);
		buf_puts(b, "</h3>");
		page_verdict(b, r->go, lang);
		buf_printf(b, "</div>\n<dl class=\"facts\">\n<dt>%s</dt><dd>", w->gate);
		put_gate(b, r, lang);
		buf_printf(b, "</dd>\n<dt>%s</dt><dd>", w->proofs_proven);
		put_proven(b, r, lang);
		buf_puts(b, "</dd>\n");
		for (j = 0; j < o->ndomains; j++) {
			buf_puts(b, "<dt><bdi>");
			page_text(b, o->domains[j].title);
			buf_puts(b, "</bdi></dt><dd>");
			if (r->status[j] < 0)
				buf_printf(b, "<span class=\"muted\">%s</span>", w->not_in_rules);
			else
				page_status(b, (enum status)r->status[j], lang, 1);
			buf_puts(b, "</dd>\n");
		}
		buf_puts(b, "</dl>\n</article>\n");
	}
	buf_puts(b, "</div>\n");
}

static void put_errors(struct buf *b, const struct org *o, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	const char *words[] = {w->open_failed, w->not_json, w->truncated, w->bad_field};
	size_t i;

	if (!o->nerrors)
		return;
	buf_printf(b,
		   "<section aria-labelledby=\"unreadable\">\n<h2 id=\"unreadable\">%s</h2>\n<table class=\"errors\">\n"
		   "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		   w->unreadable, w->file, w->problem);
	for (i = 0; i < o->nerrors; i++) {
		const struct org_error *e = &o->errors[i];
		buf_puts(b, "<tr><td>");
		page_ltr(b, e->file);
		buf_printf(b, "</td><td data-problem=\"%s\">%s: ", problem_names[e->problem], words[e->problem]);
		/* a field's name, a place in the file, or the system's own words: code, not prose */
		page_code(b, e->detail);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void put_read(struct buf *b, const struct org *o, enum lang lang, const char *version)
{
	const struct page_words *w = page_words(lang);
	size_t i;

	buf_printf(b, "<footer aria-labelledby=\"read\">\n<h2 id=\"read\">%s</h2>\n<dl class=\"facts\">\n",
		   w->read_title);
	buf_printf(b, "<dt>%s</dt><dd>", w->read_reports);
	put_num(b, o->nrepos + o->nerrors);
	buf_printf(b, "</dd>\n<dt>%s</dt><dd>", w->digest);
	for (i = 0; i < o->ndigests; i++) {
		buf_puts(b, i ? " " : "");
		page_code(b, o->digests[i].value);
	}
	if (!o->ndigests)
		buf_puts(b, w->none);
	buf_printf(b, "</dd>\n<dt>%s</dt><dd>", w->version);
	page_ltr(b, version);
	buf_printf(b, "</dd>\n</dl>\n<h3>%s</h3>\n<p class=\"no-action\">%s</p>\n</footer>\n", w->no_action_title,
		   w->org_no_action);
}

int report_org_html(FILE *f, const struct org *o, const struct page *pg, const char *version)
{
	const struct page_words *w = page_words(pg->lang);
	struct page p = *pg;
	struct page_change *ch = xcalloc(o->nchanges + 1, sizeof(*ch));
	struct buf b = BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < o->nchanges; i++) {
		ch[i].repo = o->changes[i].repo;
		ch[i].domain = o->changes[i].domain ? (o->changes[i].domain_title ? o->changes[i].domain_title
										  : o->changes[i].domain)
						    : NULL;
		ch[i].before = o->changes[i].before;
		ch[i].after = o->changes[i].after;
	}
	p.changes = ch;
	p.nchanges = o->nchanges;
	p.since = o->previous;
	page_begin(&b, &p, w->org_title, NULL);
	put_warnings(&b, o, p.lang);
	put_totals(&b, o, p.lang);
	buf_printf(&b, "<section aria-labelledby=\"repositories\">\n<h2 id=\"repositories\">%s</h2>\n",
		   w->repositories);
	if (!o->nrepos) {
		buf_printf(&b, "<p>%s</p>\n", w->no_repositories);
	} else {
		put_matrix(&b, o, p.lang);
		put_list(&b, o, p.lang);
	}
	buf_puts(&b, "</section>\n");
	page_changes(&b, &p);
	put_errors(&b, o, p.lang);
	put_read(&b, o, p.lang, version);
	page_end(&b);
	rc = page_write(f, &b);
	buf_free(&b);
	free(ch);
	return rc;
}
