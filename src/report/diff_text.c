/* diff_text.c - the comparison for a terminal: what got worse, better and changed, where, then the gate. */
#include "report/diff.h"

#include <stdlib.h>
#include <string.h>

#include "report/page.h"
#include "util/buf.h"

#define C_RESET	 "\033[0m"
#define C_BOLD	 "\033[1m"
#define C_RED	 "\033[31m"
#define C_YELLOW "\033[33m"
#define C_GREEN	 "\033[32m"

struct words {
	const char *diff, *base, *head, *commit, *chosen, *worse, *better, *changed, *moved, *domains, *proofs, *proven,
		*was, *at, *in_base, *next, *proof, *gate, *from, *branch, *comma, *none;
};

static const struct words EN = {"diff",
				"base",
				"head",
				"commit",
				"base chosen as",
				"Worse",
				"Better",
				"Changed",
				"Evidence that moved while the outcome stayed",
				"Domains",
				"Proofs",
				"proven",
				"was",
				"at",
				"(in the base only)",
				"next",
				"proof",
				"gate",
				"from",
				"branch",
				", ",
				"nothing"};

static const struct words AR = {"مقارنة",
				"الأساس",
				"الرأس",
				"الإيداع",
				"اختير الأساس",
				"ساء",
				"تحسّن",
				"تغيّر",
				"أدلة تغيّرت وبقيت النتيجة",
				"المجالات",
				"الإثباتات",
				"مثبتة",
				"كانت",
				"في",
				"(في الأساس فقط)",
				"الخطوة الآمنة التالية",
				"إثبات",
				"البوابة",
				"من",
				"الفرع",
				"، ",
				"لا شيء"};

static const char *col(const struct diff_report *d, const char *c)
{
	return d->color ? c : "";
}

static const char *status_color(enum status s)
{
	return s == STATUS_READY ? C_GREEN : s == STATUS_READINESS_ONLY ? C_YELLOW : C_RED;
}

static void put_side(FILE *f, const struct words *w, const char *what, const struct repo_target *t)
{
	fprintf(f, "%s ", what);
	report_fput_safe(f, t->rev);
	fprintf(f, ", %s %.12s", w->commit, t->commit_hex);
	if (t->branch) {
		fputs(" (", f);
		report_fput_safe(f, t->branch);
		fputc(')', f);
	}
}

static void put_domain(FILE *f, const struct diff_report *d, const struct domain_change *dc)
{
	const struct domain *dom = dc->head ? dc->head->domain : dc->base->domain;
	fprintf(f, "  %s%s%s  ", col(d, C_BOLD), text_get(&dom->title, d->lang), col(d, C_RESET));
	if (dc->base)
		fprintf(f, "%s -> ", status_label(dc->base->status, d->lang));
	else
		fputs("absent -> ", f);
	if (dc->head)
		fprintf(f, "%s%s%s\n", col(d, status_color(dc->head->status)), status_label(dc->head->status, d->lang),
			col(d, C_RESET));
	else
		fputs("absent\n", f);
}

static void put_proof(FILE *f, const struct diff_report *d, const struct words *w, const struct proof_change *pc)
{
	const struct proof *p = pc->head ? pc->head->proof : pc->base->proof;
	fprintf(f, "  %s %s  %s: %s -> %s\n", w->proof, p->id, text_get(&p->title, d->lang),
		!pc->base	   ? "absent"
		: pc->base->proven ? "proven"
				   : "unproven",
		!pc->head	   ? "absent"
		: pc->head->proven ? "proven"
				   : "unproven");
}

static void put_rule(FILE *f, const struct diff_report *d, const struct words *w, const struct rule_change *rc)
{
	const struct rule *ru = report_diff_rule(rc);
	const struct rule_result *side = rc->head ? rc->head : rc->base;
	const char *path;
	char *cause;
	size_t line, j;
	int in_base, fails = outcome_fails(side->outcome);

	fprintf(f, "  %s%s%s %s %s  %s  (%s -> %s)\n",
		col(d, rc->dir == DIFF_WORSE	? (rc->gates ? C_RED : C_YELLOW)
		       : rc->dir == DIFF_BETTER ? C_GREEN
						: ""),
		side->outcome == OUTCOME_ERROR	? "ERROR"
		: side->outcome == OUTCOME_FAIL ? "FAIL"
						: outcome_name(side->outcome),
		col(d, C_RESET), level_name(ru->level), ru->id, text_get(&ru->title, d->lang),
		report_diff_outcome(rc->base), report_diff_outcome(rc->head));
	path = report_diff_where(d, rc, &line, &in_base);
	/* the sentence on what changed names its paths itself */
	if ((cause = report_diff_cause(d, rc)) != NULL) {
		fprintf(f, "    %s\n", cause);
	} else {
		fprintf(f, "    %s ", w->at);
		report_fput_safe(f, path);
		if (line)
			fprintf(f, ":%zu", line);
		if (in_base)
			fprintf(f, " %s", w->in_base);
		fputc('\n', f);
	}
	free(cause);
	for (j = 0; j < rc->nev; j++) {
		char *s;
		if (&rc->ev[j] == rc->cause)
			continue;
		s = diff_describe(&rc->ev[j], d->lang);
		fprintf(f, "    %s %s\n", rc->ev[j].appeared ? "+" : "-", s);
		free(s);
	}
	if (fails) {
		fputs("    ", f);
		report_fput_safe(f, side->message);
		fprintf(f, "\n    %s: %s\n", w->next, text_get(&ru->next_step, d->lang));
	}
}

/* The rules, domains and proofs that moved in dir, under a heading with their counts. */
static void put_section(FILE *f, const struct diff_report *d, const struct words *w, enum diff_dir dir)
{
	const struct verdict_diff *v = d->diff;
	struct buf counts = BUF_INIT;
	size_t i;

	report_diff_counts(&counts, v, dir, d->lang);
	fprintf(f, "%s: %s\n",
		dir == DIFF_WORSE    ? w->worse
		: dir == DIFF_BETTER ? w->better
				     : w->changed,
		buf_cstr(&counts));
	buf_free(&counts);
	for (i = 0; i < v->ndomains; i++)
		if (v->domains[i].dir == dir)
			put_domain(f, d, &v->domains[i]);
	for (i = 0; i < v->nproofs; i++)
		if (v->proofs[i].dir == dir)
			put_proof(f, d, w, &v->proofs[i]);
	for (i = 0; i < v->nrules; i++)
		if (v->rules[i].dir == dir)
			put_rule(f, d, w, &v->rules[i]);
	fputc('\n', f);
}

static void put_moved(FILE *f, const struct diff_report *d, const struct words *w)
{
	const struct verdict_diff *v = d->diff;
	size_t i, j;

	if (!v->nevidence)
		return;
	fprintf(f, "%s: %zu\n", w->moved, v->nevidence);
	for (i = 0; i < v->nrules; i++) {
		const struct rule_change *rc = &v->rules[i];
		if (rc->dir != DIFF_SAME)
			continue;
		for (j = 0; j < rc->nev; j++) {
			char *s = diff_describe(&rc->ev[j], d->lang);
			fprintf(f, "  %s %s: %s\n", rc->ev[j].appeared ? "+" : "-", rc->id, s);
			free(s);
		}
	}
	fputc('\n', f);
}

static void put_gate(FILE *f, const struct diff_report *d, const struct words *w)
{
	const struct gate *g = &d->head->verdict->gate;
	const struct report *h = d->head;
	size_t i, proven = 0, was = 0;
	char *regression;

	fprintf(f, "%s (%s)\n", w->domains, w->head);
	for (i = 0; i < h->verdict->ndomains; i++) {
		const struct domain_result *dr = &h->verdict->domains[i];
		fprintf(f, "  %s  %s%s%s\n", text_get(&dr->domain->title, d->lang), col(d, status_color(dr->status)),
			status_label(dr->status, d->lang), col(d, C_RESET));
	}
	for (i = 0; i < h->verdict->nproofs; i++)
		proven += h->verdict->proofs[i].proven;
	for (i = 0; i < d->base->verdict->nproofs; i++)
		was += d->base->verdict->proofs[i].proven;
	fprintf(f, "%s: %zu/%zu %s (%s %zu/%zu)\n", w->proofs, proven, h->verdict->nproofs, w->proven, w->was, was,
		d->base->verdict->nproofs);
	for (i = 0; i < h->nnotes; i++) {
		fputs("\n  note: ", f);
		report_fput_safe(f, h->notes[i]);
		fputc('\n', f);
	}
	regression = report_regression_part(g, d->lang);
	fprintf(f, "\n%s: fail-on %s (%s", w->gate, fail_on_name(g->fail_on),
		page_source_word(g->fail_on_source, d->lang));
	if (g->pattern) {
		fputs(" '", f);
		report_fput_safe(f, g->pattern);
		fputc('\'', f);
	}
	fputc(')', f);
	if (regression)
		fprintf(f, "%s%s", w->comma, regression);
	free(regression);
	if (g->branch) {
		fprintf(f, "%s%s ", w->comma, w->branch);
		report_fput_safe(f, g->branch);
		if (g->branch_source)
			fprintf(f, " (%s %s)", w->from, page_source_word(g->branch_source, d->lang));
	}
	fputs("\n\n", f);
}

int report_diff_text(FILE *f, const struct diff_report *d)
{
	const struct words *w = d->lang == LANG_AR ? &AR : &EN;

	fprintf(f, "proofgate %s %s: ", d->head->version, w->diff);
	put_side(f, w, w->base, d->base->target);
	fputs(" -> ", f);
	put_side(f, w, w->head, d->head->target);
	fputc('\n', f);
	if (d->base_from) {
		fprintf(f, "%s ", w->chosen);
		report_fput_safe(f, d->base_from);
		fputc('\n', f);
	}
	fputc('\n', f);
	put_section(f, d, w, DIFF_WORSE);
	put_section(f, d, w, DIFF_BETTER);
	if (d->diff->nrule.other || d->diff->ndomain.other || d->diff->nproof.other)
		put_section(f, d, w, DIFF_OTHER);
	put_moved(f, d, w);
	put_gate(f, d, w);
	return report_diff_verdict_line(f, d);
}
