/* report_markdown.c - the job summary: the seed's table, the proof checklist, evidence in <details>. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "report/org.h"
#include "report/page.h"
#include "util/buf.h"

/* Room kept for the note that says the evidence was cut, and the closing tags. */
#define CUT_RESERVE 1024

/* The Markdown's own words, in each report language; what rule packs say comes in lang already. */
struct md_words {
	const char *outcome[5], *revision, *commit, *gate, *gate_result[3], *fail_on, *for_branch, *from, *table,
		*proofs, *of, *proven, *policy, *waived, *waiver_expired, *owner, *expires, *expired_on, *unused,
		*remove_it, *note, *evidence, *rules_one, *rules_many, *evidence_item, *looked, *miss, *next, *cut,
		*cut_kib, *comma, *cut_one, *cut_many, *cut_end;
};

static const struct md_words MD_EN = {
	{"pass", "**FAIL**", "**ERROR**", "_waived_", "off"},
	"Revision ",
	", commit ",
	"; gate ",
	{"undecided", "passed", "failed"},
	" (fail-on ",
	" for branch ",
	"from ",
	"| Domain | Status | Current signal | Next safe step |\n| --- | --- | --- | --- |\n",
	"Proofs (",
	" of ",
	" proven)",
	"Policy",
	"waived",
	"waiver expired",
	" (owner ",
	"expires",
	"expired on",
	"unused waiver for ",
	": remove it",
	"note: ",
	"Evidence",
	" rule",
	" rules",
	"evidence: ",
	"", /* each looked-for line says "looked for" itself */
	"found but does not count: ",
	"next safe step: ",
	"\n_Evidence cut to stay under GitHub's ",
	" KiB job summary limit: ",
	", ",
	" rule",
	" rules",
	" not shown here; the JSON report (--json) and this step's log hold them all._\n",
};

static const struct md_words MD_AR = {
	{"نجحت", "**فشلت**", "**خطأ**", "_معفاة_", "معطّلة"},
	"المراجعة ",
	"، الإيداع ",
	"؛ البوابة ",
	{"لم تُحسم", "نجحت", "فشلت"},
	" (تفشل عند ",
	" للفرع ",
	"من ",
	"| المجال | الحالة | الإشارة الحالية | الخطوة الآمنة التالية |\n| --- | --- | --- | --- |\n",
	"الإثباتات (",
	" من ",
	" مثبتة)",
	"السياسة",
	"معفاة",
	"انتهى الإعفاء",
	" (المسؤول ",
	"ينتهي في",
	"انتهى في",
	"إعفاء غير مستخدم لـ ",
	": احذفه",
	"ملاحظة: ",
	"الأدلة",
	" قاعدة",
	" قواعد",
	"الدليل: ",
	"", /* each looked-for line says "بحثنا عن" itself */
	"وُجد لكنه لا يُحتسب: ",
	"الخطوة الآمنة التالية: ",
	"\n_اختُصرت الأدلة لتبقى دون حد ملخص المهمة في GitHub (",
	" KiB): ",
	"، ",
	" قاعدة",
	" قواعد",
	" لا تظهر هنا؛ تقرير JSON (--json) وسجل هذه الخطوة يحويانها كلها._\n",
};

static const struct md_words *words(enum lang lang)
{
	return lang == LANG_AR ? &MD_AR : &MD_EN;
}

/* The words for a gate's or a branch's source: English names them; Arabic words the ones that are not code. */
static const char *source_word(const char *source, enum lang lang)
{
	return lang == LANG_AR ? page_source_word(source, lang) : source;
}

static void put_policy_head(struct buf *b, const struct report *r, size_t *policy)
{
	if (!(*policy)++)
		buf_printf(b, "\n### %s (%s)\n", words(r->lang)->policy,
			   r->policy_file ? r->policy_file : ".proofgate.yml");
}

/* "; regression part (--fail-on): **something got worse**" when the gate has a regression part. */
static void put_regression(struct buf *b, const struct report *r)
{
	const struct gate *g = &r->verdict->gate;
	char *part = report_regression_part(g, r->lang), *colon;
	if (!part)
		return;
	colon = strrchr(part, ':');
	buf_puts(b, r->lang == LANG_AR ? "؛ " : "; ");
	if (g->compared && g->regressed && colon) {
		/* the state in bold: it is what failed the gate */
		buf_put(b, part, (size_t)(colon - part) + 2);
		buf_puts(b, "**");
		report_md_text(b, colon + 2);
		buf_puts(b, "**");
	} else {
		report_md_text(b, part);
	}
	free(part);
}

static void put_head(struct buf *b, const struct report *r)
{
	const struct md_words *w = words(r->lang);
	const struct verdict *v = r->verdict;
	size_t i, nproven = 0, policy = 0;

	buf_printf(b, "## proofgate: %s\n\n", report_verdict_word(v->go, r->lang));
	buf_puts(b, w->revision);
	report_md_text(b, r->target->rev);
	buf_printf(b, "%s`%.12s`", w->commit, r->target->commit_hex);
	buf_printf(b, "%s**%s**%s`%s`%s%s", w->gate,
		   w->gate_result[!v->gate.decided ? 0
				  : v->gate.passed ? 1
						   : 2],
		   w->fail_on, fail_on_name(v->gate.fail_on), w->comma, source_word(v->gate.fail_on_source, r->lang));
	if (v->gate.pattern) {
		buf_puts(b, " ");
		report_md_text(b, v->gate.pattern);
	}
	put_regression(b, r);
	buf_puts(b, ")");
	if (v->gate.branch) {
		buf_puts(b, w->for_branch);
		report_md_text(b, v->gate.branch);
		if (v->gate.branch_source)
			buf_printf(b, " (%s%s)", w->from, source_word(v->gate.branch_source, r->lang));
	}
	buf_printf(b, ".\n\n%s", w->table);
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_result *d = &v->domains[i];
		char *signal = report_signal(r, d);
		buf_puts(b, "| ");
		report_md_text(b, text_get(&d->domain->title, r->lang));
		buf_puts(b, " | ");
		buf_puts(b, d->status == STATUS_READY ? "" : "**");
		report_md_text(b, status_label(d->status, r->lang));
		buf_puts(b, d->status == STATUS_READY ? "" : "**");
		buf_puts(b, " | ");
		report_md_text(b, signal);
		buf_puts(b, " | ");
		report_md_text(b, report_next_step(r, d));
		buf_puts(b, " |\n");
		free(signal);
	}

	for (i = 0; i < v->nproofs; i++)
		nproven += v->proofs[i].proven;
	buf_printf(b, "\n### %s%zu%s%zu%s\n\n", w->proofs, nproven, w->of, v->nproofs, w->proven);
	for (i = 0; i < v->nproofs; i++) {
		buf_printf(b, "- [%s] `%s` ", v->proofs[i].proven ? "x" : " ", v->proofs[i].proof->id);
		report_md_text(b, text_get(&v->proofs[i].proof->title, r->lang));
		buf_puts(b, "\n");
	}

	for (i = 0; i < v->nrules; i++) {
		const struct rule_result *rr = &v->rules[i];
		int live = rr->outcome == OUTCOME_WAIVED;
		if (!live && !(rr->waiver && outcome_fails(rr->outcome)))
			continue;
		put_policy_head(b, r, &policy);
		buf_printf(b, "\n- `%s` %s: ", rr->rule->id, live ? w->waived : w->waiver_expired);
		report_md_text(b, rr->waiver->reason);
		buf_puts(b, w->owner);
		report_md_text(b, rr->waiver->owner);
		buf_printf(b, "%s%s %s)", w->comma, live ? w->expires : w->expired_on, rr->waiver->expires);
	}
	for (i = 0; i < v->nwaivers; i++) {
		const struct waiver_result *wr = &v->waivers[i];
		if (wr->state == WAIVER_USED || (wr->rule >= 0 && v->rules[wr->rule].waiver == wr->waiver))
			continue;
		put_policy_head(b, r, &policy);
		buf_printf(b, "\n- %s`%s`", w->unused, wr->waiver->rule);
		buf_printf(b, r->lang == LANG_AR ? " (السطر %d من `%s`)" : " (line %d of `%s`)", wr->waiver->at.line,
			   r->policy_file ? r->policy_file : ".proofgate.yml");
		if (wr->state == WAIVER_EXPIRED)
			buf_printf(b, "%s%s %s", w->comma, w->expired_on, wr->waiver->expires);
		buf_puts(b, w->remove_it);
	}
	for (i = 0; i < r->nnotes; i++) {
		put_policy_head(b, r, &policy);
		buf_printf(b, "\n- %s", w->note);
		report_md_text(b, r->notes[i]);
	}
	buf_printf(b, "\n\n### %s\n", w->evidence);
}

/* One rule's entry in its domain's <details>. */
static void put_rule(struct buf *b, const struct report *r, const struct rule_result *rr)
{
	const struct md_words *w = words(r->lang);
	size_t k;

	buf_printf(b, "- %s `%s` (%s) ", w->outcome[rr->outcome], rr->rule->id,
		   page_words(r->lang)->level[rr->rule->level]);
	report_md_text(b, text_get(&rr->rule->title, r->lang));
	buf_puts(b, ": ");
	report_md_text(b, rr->message);
	buf_puts(b, "\n");
	for (k = 0; k < rr->nev; k++) {
		buf_printf(b, "  - %s", w->evidence_item);
		report_md_text(b, rr->ev[k]->path);
		if (rr->ev[k]->line)
			buf_printf(b, ":%zu", rr->ev[k]->line);
		buf_puts(b, "\n");
	}
	if (!outcome_fails(rr->outcome))
		return;
	for (k = 0; k < rr->nlooked; k++) {
		if (!strcmp(rr->looked_for[k], rr->message))
			continue;
		buf_printf(b, "  - %s", w->looked);
		report_md_text(b, rr->looked_for[k]);
		buf_puts(b, "\n");
	}
	for (k = 0; k < rr->nmisses; k++) {
		buf_printf(b, "  - %s", w->miss);
		report_md_text(b, rr->misses[k].at->path);
		buf_puts(b, ": ");
		report_md_text(b, rr->misses[k].why);
		buf_puts(b, "\n");
	}
	buf_printf(b, "  - %s", w->next);
	report_md_text(b, text_get(&rr->rule->next_step, r->lang));
	buf_puts(b, "\n");
}

int report_markdown(FILE *f, const struct report *r, size_t max)
{
	const struct verdict *v = r->verdict;
	struct buf b = BUF_INIT, item = BUF_INIT;
	size_t i, j, cut = 0;
	int rc;

	put_head(&b, r);
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_result *d = &v->domains[i];
		if (cut) {
			cut += d->nrules;
			continue;
		}
		buf_puts(&b, "\n<details><summary>");
		report_md_text(&b, text_get(&d->domain->title, r->lang));
		buf_printf(&b, ": %s (%zu%s)</summary>\n\n",
			   r->lang == LANG_AR ? status_label(d->status, r->lang) : status_name(d->status), d->nrules,
			   d->nrules == 1 ? words(r->lang)->rules_one : words(r->lang)->rules_many);
		for (j = 0; j < d->nrules; j++) {
			buf_clear(&item);
			put_rule(&item, r, &v->rules[d->rules[j]]);
			/* the table and checklist are never cut; evidence lists are */
			if (b.len + item.len + CUT_RESERVE > max) {
				cut = d->nrules - j;
				break;
			}
			buf_put(&b, item.ptr, item.len);
		}
		buf_puts(&b, "\n</details>\n");
	}
	if (cut) {
		const struct md_words *w = words(r->lang);
		buf_printf(&b, "%s%u%s%zu%s%s", w->cut, (unsigned)(REPORT_MARKDOWN_MAX / 1024), w->cut_kib, cut,
			   cut == 1 ? w->cut_one : w->cut_many, w->cut_end);
	}
	rc = fwrite(buf_cstr(&b), 1, b.len, f) == b.len ? 0 : -1;
	buf_free(&item);
	buf_free(&b);
	return rc;
}

/* ---- the organisation's view --------------------------------------------------- */

static void put_org_variants(struct buf *b, const char *what, const struct org_variant *v, size_t n, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	size_t i;
	buf_printf(b, "> **%s:** %s\n", w->warning, what);
	for (i = 0; i < n; i++) {
		buf_puts(b, "> - `");
		report_md_text(b, v[i].value);
		buf_printf(b, "` (%s: %zu)\n", w->reports, v[i].count);
	}
	buf_puts(b, "\n");
}

static const char *org_side(const struct org_change *c, int v, enum lang lang)
{
	if (v < 0)
		return page_words(lang)->not_there;
	if (!c->domain)
		return report_verdict_word(v, lang);
	return page_words(lang)->status_short[v];
}

/* The heading, the warnings about mixed reports, the counts and the per-domain totals. */
static void put_org_totals(struct buf *b, const struct org *o, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	size_t i;

	buf_printf(b, "## proofgate: %s\n\n", w->org_title);
	if (o->ndigests > 1)
		put_org_variants(b, w->digests_differ, o->digests, o->ndigests, lang);
	if (o->nversions > 1)
		put_org_variants(b, w->versions_differ, o->versions, o->nversions, lang);
	if (o->nlangs > 1)
		put_org_variants(b, w->langs_differ, o->langs, o->nlangs, lang);
	buf_printf(b, "%s: %zu; %s: %zu; %s: %zu; %s: %zu", w->repositories, o->nrepos, report_verdict_word(1, lang),
		   o->ngo, report_verdict_word(0, lang), o->nrepos - o->ngo, w->gates_failed, o->ngate_failed);
	if (o->nundecided)
		buf_printf(b, "; %s: %zu", w->gates_undecided, o->nundecided);
	if (o->nerrors)
		buf_printf(b, "; %s: %zu", w->unreadable, o->nerrors);
	buf_printf(b, "\n\n### %s\n\n| %s | %s | %s | %s |\n| --- | --- | --- | --- |\n", w->per_domain, w->domain,
		   w->status_short[STATUS_BLOCKED], w->status_short[STATUS_READINESS_ONLY],
		   w->status_short[STATUS_READY]);
	for (i = 0; i < o->ndomains; i++) {
		const struct org_domain *d = &o->domains[i];
		buf_puts(b, "| ");
		report_md_text(b, d->title);
		buf_printf(b, " | %s%s%zu%s%zu | %s%s%zu%s%zu | %s%s%zu%s%zu |\n", w->status_short[STATUS_BLOCKED],
			   w->in, d->count[STATUS_BLOCKED], w->of, d->present, w->status_short[STATUS_READINESS_ONLY],
			   w->in, d->count[STATUS_READINESS_ONLY], w->of, d->present, w->status_short[STATUS_READY],
			   w->in, d->count[STATUS_READY], w->of, d->present);
	}
}

/* The table of repositories by domain. */
static void put_org_repos(struct buf *b, const struct org *o, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	size_t i, j;

	buf_printf(b, "\n### %s\n\n", w->repositories);
	if (!o->nrepos) {
		buf_printf(b, "%s\n", w->no_repositories);
		return;
	}
	buf_printf(b, "| %s | %s | %s | %s |", w->repository, w->verdict, w->gate, w->proofs_proven);
	for (j = 0; j < o->ndomains; j++) {
		buf_puts(b, " ");
		report_md_text(b, o->domains[j].title);
		buf_puts(b, " |");
	}
	buf_puts(b, "\n|");
	for (j = 0; j < o->ndomains + 4; j++)
		buf_puts(b, " --- |");
	buf_puts(b, "\n");
	for (i = 0; i < o->nrepos; i++) {
		const struct org_repo *r = &o->repos[i];
		buf_puts(b, "| ");
		report_md_text(b, r->name);
		buf_printf(b, " | %s%s%s | %s | %zu%s%zu |", r->go ? "" : "**", report_verdict_word(r->go, lang),
			   r->go ? "" : "**",
			   !r->gate_decided ? w->undecided
			   : r->gate_passed ? w->passed
					    : w->failed,
			   r->nproven, w->of, r->nproofs);
		for (j = 0; j < o->ndomains; j++) {
			if (r->status[j] < 0)
				buf_printf(b, " _%s_ |", w->not_in_rules);
			else
				buf_printf(b, " %s%s%s |", r->status[j] == STATUS_READY ? "" : "**",
					   w->status_short[r->status[j]], r->status[j] == STATUS_READY ? "" : "**");
		}
		buf_puts(b, "\n");
	}
}

/* What changed since --previous, then the reports that could not be read. */
static void put_org_changes(struct buf *b, const struct org *o, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	const char *problems[] = {w->open_failed, w->not_json, w->truncated, w->bad_field};
	size_t i;

	if (o->previous) {
		buf_printf(b, "\n### %s (%s `", w->changes, w->since);
		report_md_text(b, o->previous);
		buf_puts(b, "`)\n\n");
		if (!o->nchanges)
			buf_printf(b, "%s\n", w->no_changes);
	}
	for (i = 0; i < o->nchanges; i++) {
		const struct org_change *c = &o->changes[i];
		buf_puts(b, "- ");
		report_md_text(b, c->repo);
		buf_puts(b, ", ");
		if (c->domain)
			report_md_text(b, c->domain_title ? c->domain_title : c->domain);
		else
			buf_puts(b, w->verdict);
		buf_printf(b, ": %s %s, %s %s\n", w->was, org_side(c, c->before, lang), w->now,
			   org_side(c, c->after, lang));
	}
	if (o->nerrors)
		buf_printf(b, "\n### %s\n\n", w->unreadable);
	for (i = 0; i < o->nerrors; i++) {
		buf_puts(b, "- `");
		report_md_text(b, o->errors[i].file);
		buf_printf(b, "`: %s: `", problems[o->errors[i].problem]);
		report_md_text(b, o->errors[i].detail);
		buf_puts(b, "`\n");
	}
}

int report_org_markdown(FILE *f, const struct org *o, enum lang lang)
{
	struct buf b = BUF_INIT;
	int rc;

	put_org_totals(&b, o, lang);
	put_org_repos(&b, o, lang);
	put_org_changes(&b, o, lang);
	rc = fwrite(buf_cstr(&b), 1, b.len, f) == b.len ? 0 : -1;
	buf_free(&b);
	return rc;
}
