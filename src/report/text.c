/* report_text.c - the seed's summary table, proofs and failing rules, for a terminal. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"
#define C_GREEN "\033[32m"
#define C_DIM "\033[2m"

struct words {
	const char *signal, *next, *proofs, *proven, *failing, *looked, *miss, *evidence, *skipped, *verdict, *gate,
		*passed, *failed, *undecided, *branch, *none, *rev;
};

static const struct words EN = {"signal", "next", "Proofs", "proven", "Rules not passing", "looked for",
				"found but does not count", "evidence", "Not scanned", "verdict", "gate",
				"passed", "failed", "undecided", "branch", "none", "revision"};
static const struct words AR = {"الإشارة الحالية", "الخطوة الآمنة التالية", "الإثباتات", "مثبت",
				"قواعد لم تنجح", "بحثنا عن", "وُجد لكنه لا يُحتسب", "الدليل", "لم يُفحص",
				"الحكم", "البوابة", "نجحت", "فشلت", "لم يُحسم", "الفرع", "لا يوجد", "المراجعة"};

static const char *col(const struct report *r, const char *c)
{
	return r->color ? c : "";
}

static const char *status_color(enum status s)
{
	return s == STATUS_READY ? C_GREEN : s == STATUS_READINESS_ONLY ? C_YELLOW : C_RED;
}

static void put_safe(FILE *f, const char *s)
{
	char *safe = report_safe(s);
	fputs(safe, f);
	free(safe);
}

static void put_at(FILE *f, const struct evidence *e)
{
	put_safe(f, e->path);
	if (e->line)
		fprintf(f, ":%zu", e->line);
}

/* Waived and turned-off rules, waivers that did nothing, notices, and where the gate came from. */
static void put_policy(FILE *f, const struct report *r)
{
	const struct verdict *v = r->verdict;
	size_t i;

	for (i = 0; i < v->nrules; i++) {
		const struct rule_result *rr = &v->rules[i];
		if (rr->outcome == OUTCOME_WAIVED) {
			fprintf(f, "\n  WAIVED %s %s  %s\n", level_name(rr->rule->level), rr->rule->id,
				text_get(&rr->rule->title, r->lang));
			fputs("    waiver: ", f);
			put_safe(f, rr->waiver->reason);
			fputs(" (owner ", f);
			put_safe(f, rr->waiver->owner);
			fprintf(f, ", expires %s)\n    would fail: ", rr->waiver->expires);
			put_safe(f, rr->message);
			fputc('\n', f);
		} else if (rr->outcome == OUTCOME_OFF) {
			fprintf(f, "\n  OFF %s  turned off by %s\n", rr->rule->id, r->policy_file ? r->policy_file : "policy");
		}
	}
	for (i = 0; i < v->nwaivers; i++) {
		const struct waiver_result *wr = &v->waivers[i];
		if (wr->state == WAIVER_USED || (wr->rule >= 0 && v->rules[wr->rule].waiver == wr->waiver))
			continue;
		fprintf(f, "\n  note: %s:%d: waiver for '%s' ", r->policy_file ? r->policy_file : ".proofgate.yml",
			wr->waiver->at.line, wr->waiver->rule);
		if (wr->state == WAIVER_EXPIRED)
			fprintf(f, "expired on %s and ", wr->waiver->expires);
		fputs(wr->rule < 0 ? "names no loaded rule; remove it\n" : "matches no failing rule; remove it\n", f);
	}
	for (i = 0; i < r->nnotes; i++) {
		fputs("\n  note: ", f);
		put_safe(f, r->notes[i]);
		fputc('\n', f);
	}
	fprintf(f, "\n%s: fail-on %s (%s", "gate", fail_on_name(v->gate.fail_on), v->gate.fail_on_source);
	if (v->gate.pattern) {
		fputs(" '", f);
		put_safe(f, v->gate.pattern);
		fputc('\'', f);
	}
	fputs(")", f);
	if (v->gate.branch) {
		fputs(", branch ", f);
		put_safe(f, v->gate.branch);
		if (v->gate.branch_source)
			fprintf(f, " (from %s)", v->gate.branch_source);
	}
	fputc('\n', f);
}

int report_verdict_line(FILE *f, const struct report *r)
{
	const struct words *w = r->lang == LANG_AR ? &AR : &EN;
	const struct verdict *v = r->verdict;
	const char *gate = !v->gate.decided ? w->undecided : v->gate.passed ? w->passed : w->failed;

	fprintf(f, "%s: %s%s%s (%s %s: fail-on %s, %s %s)\n", w->verdict, col(r, C_BOLD),
		report_verdict_word(v->go, r->lang), col(r, C_RESET), w->gate, gate, fail_on_name(v->gate.fail_on),
		w->branch, v->gate.branch ? v->gate.branch : w->none);
	return ferror(f) ? -1 : 0;
}

int report_text(FILE *f, const struct report *r)
{
	const struct words *w = r->lang == LANG_AR ? &AR : &EN;
	const struct verdict *v = r->verdict;
	size_t i, j, nproven = 0, nfailing = 0;

	fprintf(f, "proofgate %s: %s %s, commit %.12s", r->version, w->rev, r->target->rev, r->target->commit_hex);
	if (r->target->branch) {
		fputs(" (", f);
		put_safe(f, r->target->branch);
		fputs(")", f);
	}
	fputs("\n\n", f);

	for (i = 0; i < v->ndomains; i++) {
		const struct domain_result *d = &v->domains[i];
		char *signal = report_signal(r, d);
		fprintf(f, "%s%s%s  %s%s%s\n", col(r, C_BOLD), text_get(&d->domain->title, r->lang), col(r, C_RESET),
			col(r, status_color(d->status)), status_label(d->status, r->lang), col(r, C_RESET));
		fprintf(f, "  %s: %s\n", w->signal, signal);
		fprintf(f, "  %s: %s\n\n", w->next, report_next_step(r, d));
		free(signal);
	}

	for (i = 0; i < v->nproofs; i++)
		nproven += v->proofs[i].proven;
	fprintf(f, "%s: %zu/%zu %s\n", w->proofs, nproven, v->nproofs, w->proven);
	for (i = 0; i < v->nproofs; i++)
		fprintf(f, "  [%s] %s  %s\n", v->proofs[i].proven ? "x" : " ", v->proofs[i].proof->id,
			text_get(&v->proofs[i].proof->title, r->lang));

	for (i = 0; i < v->nrules; i++)
		nfailing += outcome_fails(v->rules[i].outcome);
	if (nfailing)
		fprintf(f, "\n%s: %zu\n", w->failing, nfailing);
	for (i = 0; i < v->nrules; i++) {
		const struct rule_result *rr = &v->rules[i];
		if (!outcome_fails(rr->outcome))
			continue;
		fprintf(f, "\n  %s%s%s %s %s  %s\n", col(r, rr->outcome == OUTCOME_ERROR || rr->rule->level == LEVEL_REQUIRED
								  ? C_RED
								  : C_YELLOW),
			rr->outcome == OUTCOME_ERROR ? "ERROR" : "FAIL", col(r, C_RESET), level_name(rr->rule->level),
			rr->rule->id, text_get(&rr->rule->title, r->lang));
		for (j = 0; j < rr->nlooked; j++) {
			fputs("    ", f);
			put_safe(f, rr->looked_for[j]);
			fputc('\n', f);
		}
		for (j = 0; j < rr->nev; j++) {
			fprintf(f, "    %s: ", w->evidence);
			put_at(f, rr->ev[j]);
			fputc('\n', f);
		}
		for (j = 0; j < rr->nmisses; j++) {
			fprintf(f, "    %s%s%s: ", col(r, C_DIM), w->miss, col(r, C_RESET));
			put_at(f, rr->misses[j].at);
			fputs(": ", f);
			put_safe(f, rr->misses[j].why);
			fputc('\n', f);
		}
		fprintf(f, "    %s: %s\n", w->next, text_get(&rr->rule->next_step, r->lang));
	}

	put_policy(f, r);

	if (r->scan->nskipped) {
		fprintf(f, "\n%s: %zu\n", w->skipped, r->scan->nskipped);
		for (i = 0; i < r->scan->nskipped && i < 20; i++) {
			fputs("  ", f);
			put_safe(f, r->scan->skipped[i].path);
			fprintf(f, ": %s\n", r->scan->skipped[i].why);
		}
		if (r->scan->nskipped > 20)
			fprintf(f, "  ... and %zu more (see the JSON report)\n", r->scan->nskipped - 20);
	}
	fputc('\n', f);
	return report_verdict_line(f, r);
}
