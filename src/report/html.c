/* html.c - one repository's readiness page, laid out as the seed's: summary, proofs, a card per domain. */
#include "report/page.h"

#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/date.h"

/* Skipped entries listed by name; the JSON report holds them all. */
#define SKIPPED_SHOWN 50

static void put_title(struct buf *b, const struct text *t, enum lang lang)
{
	page_auto(b, text_get(t, lang), lang, 0);
}

static void put_outcome(struct buf *b, enum outcome o, enum lang lang)
{
	buf_printf(b, "<span class=\"outcome o-%s\">%s</span>", outcome_name(o), page_words(lang)->outcome[o]);
}

static void put_level(struct buf *b, enum level l, enum lang lang)
{
	buf_printf(b, "<span class=\"muted\">(%s)</span>", page_words(lang)->level[l]);
}

/*
 * The domain's current signal with each path isolated and linked: the same
 * words as report_signal (the unit test compares the two once tags are
 * gone), since a path inside right-to-left text must not be reordered.
 */
static void put_signal(struct buf *b, const struct report *r, const struct page *pg, const struct domain_result *d)
{
	size_t i, shown = 0, passing = 0;
	char n[32];

	for (i = 0; i < d->nrules; i++) {
		const struct rule_result *rr = &r->verdict->rules[d->rules[i]];
		if (rr->outcome != OUTCOME_PASS || rr->rule->level == LEVEL_ADVISORY)
			continue;
		passing++;
		if (shown == 4)
			continue;
		if (shown) /* one kind of semicolon: the Arabic one in Arabic, as report_signal */
			buf_puts(b, r->lang == LANG_AR ? "؛ " : "; ");
		put_title(b, &rr->rule->title, r->lang);
		if (rr->nev) {
			buf_puts(b, " (");
			page_file(b, pg, rr->ev[0]->path, 0);
			buf_puts(b, ")");
		}
		shown++;
	}
	if (passing > shown) {
		snprintf(n, sizeof(n), "%zu", passing - shown);
		if (r->lang == LANG_AR) {
			buf_puts(b, "؛ و");
			page_ltr(b, n);
			buf_puts(b, " غيرها");
		} else {
			buf_puts(b, "; and ");
			page_ltr(b, n);
			buf_puts(b, " more");
		}
	}
	if (!passing)
		buf_puts(b, r->lang == LANG_AR ? "لم يُعثر على دليل" : "no evidence found");
}

static void put_num(struct buf *b, size_t n)
{
	char s[32];
	snprintf(s, sizeof(s), "%zu", n);
	page_ltr(b, s);
}

static void put_gate_line(struct buf *b, const struct report *r)
{
	const struct page_words *w = page_words(r->lang);
	const struct gate *g = &r->verdict->gate;

	buf_printf(b, "<p class=\"lead\"><strong>%s:</strong> ", w->verdict);
	page_verdict(b, r->verdict->go, r->lang);
	buf_printf(b, " <span class=\"gate\" data-gate=\"%s\"><strong>%s:</strong> %s</span> ",
		   !g->decided ? "undecided"
		   : g->passed ? "passed"
			       : "failed",
		   w->gate,
		   !g->decided ? w->undecided
		   : g->passed ? w->passed
			       : w->failed);
	buf_printf(b, "<span class=\"muted\">(%s %s%s", w->fails_on, w->fail_on[g->fail_on], w->comma);
	page_text(b, page_source_word(g->fail_on_source, r->lang));
	buf_puts(b, ")</span></p>\n");
}

static void put_head(struct buf *b, const struct report *r)
{
	const struct page_words *w = page_words(r->lang);
	const struct gate *g = &r->verdict->gate;
	char day[64];

	put_gate_line(b, r);
	buf_puts(b, "<dl class=\"facts\">\n");
	buf_printf(b, "<dt>%s</dt><dd>", w->revision);
	page_ltr(b, r->target->rev);
	buf_puts(b, "</dd>\n");
	if (g->branch || r->target->branch) {
		buf_printf(b, "<dt>%s</dt><dd>", w->branch);
		page_ltr(b, g->branch ? g->branch : r->target->branch);
		if (g->branch && g->branch_source) {
			buf_printf(b, " <span class=\"muted\">(%s ", w->from);
			page_text(b, page_source_word(g->branch_source, r->lang));
			buf_puts(b, ")</span>");
		}
		buf_puts(b, "</dd>\n");
	}
	buf_printf(b, "<dt>%s</dt><dd>", w->commit);
	page_code(b, r->target->commit_hex);
	buf_puts(b, "</dd>\n");
	date_format_day(day, date_day_of(r->target->commit_time));
	buf_printf(b, "<dt>%s</dt><dd>", w->committed);
	page_ltr(b, day);
	buf_printf(b, "</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n</dl>\n", w->mode, w->mode_value,
		   w->boundary, w->boundary_value);
}

static void put_summary(struct buf *b, const struct report *r, const struct page *pg)
{
	const struct page_words *w = page_words(r->lang);
	const struct verdict *v = r->verdict;
	size_t i;

	buf_printf(b,
		   "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">%s</h2>\n"
		   "<table class=\"fixed summary\">\n<thead><tr><th scope=\"col\" class=\"c-domain\">%s</th>"
		   "<th scope=\"col\" class=\"c-status\">%s</th><th scope=\"col\" class=\"c-signal\">%s</th>"
		   "<th scope=\"col\" class=\"c-next\">%s</th></tr></thead>\n<tbody>\n",
		   w->summary, w->domain, w->status, w->signal, w->next);
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_result *d = &v->domains[i];
		buf_puts(b, "<tr data-domain=\"");
		page_text(b, d->domain->id);
		buf_printf(b, "\"><th scope=\"row\" class=\"c-domain\"><a href=\"#domain-%zu\">", i + 1);
		put_title(b, &d->domain->title, r->lang);
		buf_puts(b, "</a></th><td class=\"c-status\">");
		page_status(b, d->status, r->lang, 0);
		buf_puts(b, "</td><td class=\"c-signal\">");
		put_signal(b, r, pg, d);
		buf_puts(b, "</td><td class=\"c-next\">");
		page_auto(b, report_next_step(r, d), r->lang, 1);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void put_proofs(struct buf *b, const struct report *r)
{
	const struct page_words *w = page_words(r->lang);
	const struct verdict *v = r->verdict;
	size_t i, j, nproven = 0;

	for (i = 0; i < v->nproofs; i++)
		nproven += v->proofs[i].proven;
	buf_printf(b, "<section aria-labelledby=\"proofs\">\n<h2 id=\"proofs\">%s</h2>\n<p class=\"count\">",
		   w->proofs);
	if (r->lang == LANG_AR) {
		buf_printf(b, "%s: ", w->proven);
		put_num(b, nproven);
		buf_puts(b, w->of);
		put_num(b, v->nproofs);
	} else {
		put_num(b, nproven);
		buf_puts(b, w->of);
		put_num(b, v->nproofs);
		buf_printf(b, " %s", w->proven);
	}
	buf_puts(b, "</p>\n<ul class=\"proofs\">\n");
	for (i = 0; i < v->nproofs; i++) {
		const struct proof_result *p = &v->proofs[i];
		/* a description only in the page's language: one the pack left untranslated is left out */
		const char *desc = r->lang == LANG_AR ? p->proof->description.ar : p->proof->description.en;
		buf_puts(b, "<li data-proof=\"");
		page_text(b, p->proof->id);
		buf_printf(b, "\"><span class=\"status %s\"><span aria-hidden=\"true\">%s</span> %s</span> <strong>",
			   p->proven ? "s-ready" : "s-blocked", p->proven ? "✓" : "✗",
			   p->proven ? w->proven : w->not_proven);
		put_title(b, &p->proof->title, r->lang);
		buf_puts(b, "</strong> ");
		page_code(b, p->proof->id);
		if (desc && *desc) {
			buf_puts(b, "<br>");
			page_auto(b, desc, r->lang, 1);
		}
		if (p->nrules) {
			buf_printf(b, "<br><span class=\"muted\">%s:</span> ", w->rules);
			for (j = 0; j < p->nrules; j++) {
				const struct rule_result *rr = &v->rules[p->rules[j]];
				buf_puts(b, j ? w->comma : "");
				page_code(b, rr->rule->id);
				buf_puts(b, " ");
				put_outcome(b, rr->outcome, r->lang);
			}
		}
		if (p->proof->nrequires) {
			buf_printf(b, "<br><span class=\"muted\">%s:</span> ", w->requires);
			for (j = 0; j < p->proof->nrequires; j++) {
				buf_puts(b, j ? " " : "");
				page_code(b, p->proof->requires[j]);
			}
		}
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n</section>\n");
}

static void put_rule_head(struct buf *b, const struct report *r, const struct rule_result *rr)
{
	put_outcome(b, rr->outcome, r->lang);
	buf_puts(b, " ");
	put_level(b, rr->rule->level, r->lang);
	buf_puts(b, " <strong>");
	put_title(b, &rr->rule->title, r->lang);
	buf_puts(b, "</strong> ");
	page_code(b, rr->rule->id);
}

static void put_waiver(struct buf *b, const struct report *r, const struct rule_result *rr)
{
	const struct page_words *w = page_words(r->lang);
	int live = rr->outcome == OUTCOME_WAIVED;
	buf_printf(b, "<li class=\"waiver\"><strong>%s</strong>: ", live ? w->waived : w->waiver_expired);
	buf_puts(b, "<bdi>");
	page_text(b, rr->waiver->reason);
	buf_printf(b, "</bdi> <span class=\"muted\">(%s: <bdi>", w->owner);
	page_text(b, rr->waiver->owner);
	buf_printf(b, "</bdi>%s%s ", w->comma, live ? w->expires : w->expired_on);
	page_ltr(b, rr->waiver->expires);
	buf_puts(b, ")</span></li>\n");
}

static void put_links(struct buf *b, const struct rule *ru)
{
	size_t i;
	struct buf url = BUF_INIT;
	for (i = 0; i < ru->nlinks; i++) {
		buf_clear(&url);
		buf_puts(b, " ");
		/* what is not a web address is shown, never linked */
		if (page_url(&url, ru->links[i]) == 0)
			buf_printf(b, "<a href=\"%s\">", buf_cstr(&url));
		page_ltr(b, ru->links[i]);
		if (url.len)
			buf_puts(b, "</a>");
	}
	buf_free(&url);
}

/* The card's heading, its status, the current signal and the next safe step. */
static void put_card_head(struct buf *b, const struct report *r, const struct page *pg, size_t idx)
{
	const struct page_words *w = page_words(r->lang);
	const struct domain_result *d = &r->verdict->domains[idx];
	static const char *const cls[] = {"s-ready", "s-ro", "s-blocked"};

	buf_printf(b, "<article class=\"card %s\" id=\"domain-%zu\" aria-labelledby=\"domain-%zu-h\" data-domain=\"",
		   cls[d->status], idx + 1, idx + 1);
	page_text(b, d->domain->id);
	buf_printf(b, "\">\n<div class=\"card-head\"><h3 id=\"domain-%zu-h\">", idx + 1);
	put_title(b, &d->domain->title, r->lang);
	buf_puts(b, "</h3>");
	page_status(b, d->status, r->lang, 0);
	buf_printf(b, "</div>\n<dl class=\"facts\">\n<dt>%s</dt><dd>", w->signal);
	put_signal(b, r, pg, d);
	buf_printf(b, "</dd>\n<dt>%s</dt><dd>", w->next);
	page_auto(b, report_next_step(r, d), r->lang, 1);
	buf_puts(b, "</dd>\n</dl>\n");
}

/* The passing rules' evidence (nev: how many passing rules have some). */
static void put_card_evidence(struct buf *b, const struct report *r, const struct page *pg,
			      const struct domain_result *d, size_t nev)
{
	const struct page_words *w = page_words(r->lang);
	size_t j, k;

	buf_printf(b, "<h4>%s</h4>\n", w->evidence);
	if (!nev) {
		buf_printf(b, "<p class=\"muted\">%s</p>\n", w->none);
		return;
	}
	buf_puts(b, "<ul class=\"evidence\">\n");
	for (j = 0; j < d->nrules; j++) {
		const struct rule_result *rr = &r->verdict->rules[d->rules[j]];
		if (rr->outcome != OUTCOME_PASS || !rr->nev)
			continue;
		buf_puts(b, "<li>");
		put_rule_head(b, r, rr);
		buf_puts(b, ": ");
		for (k = 0; k < rr->nev; k++) {
			buf_puts(b, k ? " " : "");
			page_file(b, pg, rr->ev[k]->path, rr->ev[k]->line);
		}
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n");
}

/* One failing rule: what was looked for, found, missed, its waiver and next step. */
static void put_failing_rule(struct buf *b, const struct report *r, const struct page *pg, const struct rule_result *rr)
{
	const struct page_words *w = page_words(r->lang);
	size_t k;

	buf_printf(b, "<li data-rule=\"");
	page_text(b, rr->rule->id);
	buf_puts(b, "\">");
	put_rule_head(b, r, rr);
	put_links(b, rr->rule);
	buf_puts(b, "\n<ul>\n<li>");
	page_auto(b, rr->message, r->lang, 1);
	buf_puts(b, "</li>\n");
	for (k = 0; k < rr->nlooked; k++) {
		if (!strcmp(rr->looked_for[k], rr->message))
			continue;
		buf_puts(b, "<li>");
		page_auto(b, rr->looked_for[k], r->lang, 1);
		buf_puts(b, "</li>\n");
	}
	for (k = 0; k < rr->nev; k++) {
		buf_printf(b, "<li>%s: ", w->found);
		page_file(b, pg, rr->ev[k]->path, rr->ev[k]->line);
		buf_puts(b, "</li>\n");
	}
	for (k = 0; k < rr->nmisses; k++) {
		buf_printf(b, "<li>%s: ", w->misses);
		page_file(b, pg, rr->misses[k].at->path, rr->misses[k].at->line);
		/* the verdict says why in the page's language; a wording it does not know stays
		 * English, marked so */
		buf_puts(b, " ");
		page_auto(b, rr->misses[k].why, r->lang, 1);
		buf_puts(b, "</li>\n");
	}
	if (rr->waiver)
		put_waiver(b, r, rr);
	buf_printf(b, "<li><strong>%s:</strong> ", w->next);
	page_auto(b, text_get(&rr->rule->next_step, r->lang), r->lang, 1);
	buf_puts(b, "</li>\n</ul>\n</li>\n");
}

/* Waived and turned-off rules, under one heading when there are any. */
static void put_card_waivers(struct buf *b, const struct report *r, const struct domain_result *d)
{
	const struct page_words *w = page_words(r->lang);
	size_t j;
	int any = 0;

	for (j = 0; j < d->nrules; j++) {
		const struct rule_result *rr = &r->verdict->rules[d->rules[j]];
		if (rr->outcome != OUTCOME_WAIVED && rr->outcome != OUTCOME_OFF)
			continue;
		if (!any++)
			buf_printf(b, "<h4>%s</h4>\n<ul class=\"waivers\">\n", w->waivers);
		buf_puts(b, "<li>");
		put_rule_head(b, r, rr);
		if (rr->outcome == OUTCOME_OFF) {
			buf_printf(b, ": %s</li>\n", w->turned_off);
			continue;
		}
		buf_puts(b, "<ul>\n<li>");
		page_auto(b, rr->message, r->lang, 1);
		buf_puts(b, "</li>\n");
		put_waiver(b, r, rr);
		buf_puts(b, "</ul>\n</li>\n");
	}
	if (any)
		buf_puts(b, "</ul>\n");
}

static void put_card(struct buf *b, const struct report *r, const struct page *pg, size_t idx)
{
	const struct page_words *w = page_words(r->lang);
	const struct verdict *v = r->verdict;
	const struct domain_result *d = &v->domains[idx];
	size_t j, nev = 0, nfail = 0, nwaived = 0, noff = 0;

	for (j = 0; j < d->nrules; j++) {
		const struct rule_result *rr = &v->rules[d->rules[j]];
		nev += rr->outcome == OUTCOME_PASS && rr->nev;
		nfail += outcome_fails(rr->outcome);
		nwaived += rr->waiver != NULL;
		noff += rr->outcome == OUTCOME_OFF;
	}
	put_card_head(b, r, pg, idx);
	put_card_evidence(b, r, pg, d, nev);
	if (nfail) {
		buf_printf(b, "<h4>%s</h4>\n<ul class=\"looked\">\n", w->looked);
		for (j = 0; j < d->nrules; j++)
			if (outcome_fails(v->rules[d->rules[j]].outcome))
				put_failing_rule(b, r, pg, &v->rules[d->rules[j]]);
		buf_puts(b, "</ul>\n");
	}
	if (nwaived > 0 || noff > 0)
		put_card_waivers(b, r, d);
	buf_puts(b, "</article>\n");
}

static void put_gaps(struct buf *b, const struct report *r)
{
	const struct page_words *w = page_words(r->lang);
	const struct verdict *v = r->verdict;
	size_t i, j;
	int any = 0;

	buf_printf(b, "<section aria-labelledby=\"gaps\">\n<h2 id=\"gaps\">%s</h2>\n", w->gaps);
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_result *d = &v->domains[i];
		for (j = 0; j < d->nrules; j++) {
			const struct rule_result *rr = &v->rules[d->rules[j]];
			if (!outcome_fails(rr->outcome) || rr->rule->level == LEVEL_ADVISORY)
				continue;
			if (!any++)
				buf_puts(b, "<ul class=\"gaps\">\n");
			buf_puts(b, "<li><strong>");
			put_title(b, &d->domain->title, r->lang);
			buf_puts(b, ":</strong> ");
			put_title(b, &rr->rule->title, r->lang);
			buf_puts(b, " ");
			page_code(b, rr->rule->id);
			buf_puts(b, " ");
			put_level(b, rr->rule->level, r->lang);
			buf_puts(b, " ");
			put_outcome(b, rr->outcome, r->lang);
			buf_puts(b, "</li>\n");
		}
	}
	if (any)
		buf_puts(b, "</ul>\n");
	else
		buf_printf(b, "<p>%s</p>\n", w->no_gaps);
	buf_puts(b, "</section>\n");
}

static void put_policy(struct buf *b, const struct report *r)
{
	const struct page_words *w = page_words(r->lang);
	const struct verdict *v = r->verdict;
	const struct gate *g = &v->gate;
	size_t i;

	buf_printf(b, "<section aria-labelledby=\"gate\">\n<h2 id=\"gate\">%s</h2>\n<dl class=\"facts\">\n", w->gate);
	buf_printf(b, "<dt>%s</dt><dd>%s</dd>\n", w->gate,
		   !g->decided ? w->undecided
		   : g->passed ? w->passed
			       : w->failed);
	buf_printf(b, "<dt>%s</dt><dd>%s <span class=\"muted\">(", w->fails_on, w->fail_on[g->fail_on]);
	page_text(b, page_source_word(g->fail_on_source, r->lang));
	if (g->pattern) {
		buf_puts(b, " ");
		page_code(b, g->pattern);
	}
	buf_puts(b, ")</span></dd>\n");
	buf_printf(b, "<dt>%s</dt><dd>", w->branch);
	if (g->branch)
		page_ltr(b, g->branch);
	else
		buf_puts(b, w->none);
	buf_puts(b, "</dd>\n");
	if (r->policy_file) {
		buf_printf(b, "<dt>%s</dt><dd>", w->policy_file);
		page_code(b, r->policy_file);
		if (r->policy_commit) {
			buf_printf(b, " <span class=\"muted\">(%s ", w->commit);
			page_code(b, r->policy_commit);
			buf_puts(b, ")</span>");
		}
		buf_puts(b, "</dd>\n");
	}
	buf_puts(b, "</dl>\n");

	if (v->nwaivers) {
		buf_printf(b,
			   "<h3>%s</h3>\n<table class=\"waivers\">\n<thead><tr><th scope=\"col\">%s</th>"
			   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			   "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			   w->waivers, w->rule, w->reason, w->owner, w->expires, w->state);
		for (i = 0; i < v->nwaivers; i++) {
			const struct waiver_result *wr = &v->waivers[i];
			const char *state = wr->state == WAIVER_USED	  ? w->waived
					    : wr->state == WAIVER_EXPIRED ? w->waiver_expired
									  : w->unused_waiver;
			buf_puts(b, "<tr><td>");
			page_code(b, wr->waiver->rule);
			buf_puts(b, "</td><td><bdi>");
			page_text(b, wr->waiver->reason);
			buf_puts(b, "</bdi></td><td><bdi>");
			page_text(b, wr->waiver->owner);
			buf_puts(b, "</bdi></td><td>");
			page_ltr(b, wr->waiver->expires);
			buf_printf(b, "</td><td>%s", state);
			if (wr->state != WAIVER_USED && !(wr->rule >= 0 && v->rules[wr->rule].waiver == wr->waiver))
				buf_printf(b, ": %s", w->remove_it);
			buf_puts(b, "</td></tr>\n");
		}
		buf_puts(b, "</tbody>\n</table>\n");
	}
	for (i = 0; i < r->nnotes; i++) {
		/* notices are worded by the command line, in English */
		buf_printf(b, "<p><strong>%s:</strong> ", w->note);
		page_auto(b, r->notes[i], r->lang, 1);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</section>\n");
}

static void put_skipped(struct buf *b, const struct report *r)
{
	const struct page_words *w = page_words(r->lang);
	size_t i;

	if (!r->scan->nskipped)
		return;
	buf_printf(b, "<section aria-labelledby=\"skipped\">\n<h2 id=\"skipped\">%s: ", w->skipped);
	put_num(b, r->scan->nskipped);
	buf_puts(b, "</h2>\n<ul>\n");
	for (i = 0; i < r->scan->nskipped && i < SKIPPED_SHOWN; i++) {
		buf_puts(b, "<li>");
		page_ltr(b, r->scan->skipped[i].path);
		buf_puts(b, ": ");
		{
			char *why = verdict_reason(NULL, r->scan->skipped[i].why, r->lang);
			page_auto(b, why, r->lang, 0);
			free(why);
		}
		buf_puts(b, "</li>\n");
	}
	if (r->scan->nskipped > SKIPPED_SHOWN) {
		buf_printf(b, "<li>%s ", w->and_more);
		put_num(b, r->scan->nskipped - SKIPPED_SHOWN);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n</section>\n");
}

static void put_read(struct buf *b, const struct report *r)
{
	const struct page_words *w = page_words(r->lang);
	size_t i;

	buf_printf(b, "<footer aria-labelledby=\"read\">\n<h2 id=\"read\">%s</h2>\n<dl class=\"facts\">\n",
		   w->read_title);
	buf_printf(b, "<dt>%s</dt><dd>", w->commit);
	page_code(b, r->target->commit_hex);
	buf_printf(b, "</dd>\n<dt>%s</dt><dd>", w->tree);
	page_code(b, r->target->tree_hex);
	buf_printf(b, "</dd>\n<dt>%s</dt><dd>", w->digest);
	page_code(b, r->rules->digest);
	buf_printf(b, "</dd>\n<dt>%s</dt><dd>", w->packs);
	for (i = 0; i < r->rules->nfiles; i++) {
		buf_puts(b, i ? " " : "");
		page_code(b, r->rules->files[i]);
	}
	buf_printf(b, "</dd>\n<dt>%s</dt><dd>", w->version);
	page_ltr(b, r->version);
	buf_printf(b, "</dd>\n</dl>\n<h3>%s</h3>\n<p class=\"no-action\">%s</p>\n</footer>\n", w->no_action_title,
		   w->no_action);
}

int report_html(FILE *f, const struct report *r, const struct page *pg)
{
	const struct page_words *w = page_words(r->lang);
	struct page p = *pg;
	struct buf b = BUF_INIT, title = BUF_INIT;
	size_t i;
	int rc;

	/* the report's language rules the page's */
	p.lang = r->lang;
	buf_puts(&title, r->target->branch ? r->target->branch : r->target->rev);
	buf_printf(&title, " %.12s", r->target->commit_hex);
	page_begin(&b, &p, w->title, buf_cstr(&title));
	put_head(&b, r);
	put_summary(&b, r, &p);
	page_changes(&b, &p);
	put_proofs(&b, r);
	buf_printf(&b, "<section aria-labelledby=\"domains\">\n<h2 id=\"domains\">%s</h2>\n", w->domains);
	for (i = 0; i < r->verdict->ndomains; i++)
		put_card(&b, r, &p, i);
	buf_puts(&b, "</section>\n");
	put_gaps(&b, r);
	put_policy(&b, r);
	put_skipped(&b, r);
	put_read(&b, r);
	page_end(&b);
	rc = page_write(f, &b);
	buf_free(&title);
	buf_free(&b);
	return rc;
}
