/* report_text.c - the seed's summary table, proofs and failing rules, for a terminal. */
#include "report/report.h"

#include "report/page.h"
#include "verdict/verdict.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define C_RESET	 "\033[0m"
#define C_BOLD	 "\033[1m"
#define C_RED	 "\033[31m"
#define C_YELLOW "\033[33m"
#define C_GREEN	 "\033[32m"
#define C_DIM	 "\033[2m"

struct words {
	const char *signal, *next, *proofs, *proven, *failing, *looked, *miss, *evidence, *skipped, *verdict, *gate,
		*passed, *failed, *undecided, *branch, *none, *rev, *commit, *comma, *fail_on, *from, *outcome[5],
		*waiver, *owner, *expires, *would_fail, *turned_off_by, *policy, *note, *waiver_for, *no_rule,
		*no_failing_rule, *for_branch, *this_revision;
};

/* The text report's own words; the level words are the page's (page_words). */
static const struct words EN = {"signal",
				"next",
				"Proofs",
				"proven",
				"Rules not passing",
				"looked for",
				"found but does not count",
				"evidence",
				"Not scanned",
				"verdict",
				"gate",
				"passed",
				"failed",
				"undecided",
				"branch",
				"none",
				"revision",
				"commit",
				", ",
				"fail-on",
				"from",
				{"PASS", "FAIL", "ERROR", "WAIVED", "OFF"},
				"waiver",
				"owner",
				"expires",
				"would fail",
				"turned off by",
				"policy",
				"note",
				"waiver for",
				"names no loaded rule",
				"matches no failing rule",
				"for branch",
				"for this revision (no branch)"};
static const struct words AR = {"الإشارة الحالية",
				"الخطوة الآمنة التالية",
				"الإثباتات",
				"مثبت",
				"قواعد لم تنجح",
				"بحثنا عن",
				"وُجد لكنه لا يُحتسب",
				"الدليل",
				"لم يُفحص",
				"الحكم",
				"البوابة",
				"نجحت",
				"فشلت",
				"لم يُحسم",
				"الفرع",
				"لا يوجد",
				"المراجعة",
				"الإيداع",
				"، ",
				"تفشل عند",
				"من",
				{"نجحت", "فشلت", "خطأ", "معفاة", "معطّلة"},
				"الإعفاء",
				"المسؤول",
				"ينتهي في",
				"كانت ستفشل",
				"عطّلها",
				"السياسة",
				"ملاحظة",
				"الإعفاء لـ",
				"لا يسمّي قاعدة محمّلة",
				"لا يطابق أي قاعدة فاشلة",
				"للفرع",
				"لهذه المراجعة (بلا فرع)"};

static const struct words *words_of(enum lang lang)
{
	return lang == LANG_AR ? &AR : &EN;
}

/* Where a gate or a branch came from, in the reader's words ("default", "الافتراضي"); option and variable names stay.
 */
static const char *source_word(const char *source, enum lang lang)
{
	return page_source_word(source, lang);
}

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

/* "gate: fail-on never (default), branch main (from revision)", in the report's language. */
static void put_gate_line(FILE *f, const struct report *r)
{
	const struct words *w = words_of(r->lang);
	const struct verdict *v = r->verdict;
	fprintf(f, "%s: %s %s (%s", w->gate, w->fail_on, fail_on_name(v->gate.fail_on),
		source_word(v->gate.fail_on_source, r->lang));
	if (v->gate.pattern) {
		fputs(" '", f);
		put_safe(f, v->gate.pattern);
		fputc('\'', f);
	}
	fputs(")", f);
	if (v->gate.regression) {
		char *part = report_regression_part(&v->gate, r->lang);
		fprintf(f, "%s%s", w->comma, part);
		free(part);
	}
	if (v->gate.branch) {
		fprintf(f, "%s%s ", w->comma, w->branch);
		put_safe(f, v->gate.branch);
		if (v->gate.branch_source)
			fprintf(f, " (%s %s)", w->from, source_word(v->gate.branch_source, r->lang));
	}
	fputc('\n', f);
}

/* Waived and turned-off rules, waivers that did nothing, notices, and where the gate came from. */
static void put_policy(FILE *f, const struct report *r)
{
	const struct words *w = words_of(r->lang);
	const struct page_words *pw = page_words(r->lang);
	const struct verdict *v = r->verdict;
	size_t i;

	for (i = 0; i < v->nrules; i++) {
		const struct rule_result *rr = &v->rules[i];
		if (rr->outcome == OUTCOME_WAIVED) {
			fprintf(f, "\n  %s %s %s  ", w->outcome[OUTCOME_WAIVED], pw->level[rr->rule->level],
				rr->rule->id);
			put_safe(f, text_get(&rr->rule->title, r->lang));
			fputc('\n', f);
			fprintf(f, "    %s: ", w->waiver);
			put_safe(f, rr->waiver->reason);
			fprintf(f, " (%s ", w->owner);
			put_safe(f, rr->waiver->owner);
			fprintf(f, "%s%s %s)\n    %s: ", w->comma, w->expires, rr->waiver->expires, w->would_fail);
			put_safe(f, rr->message);
			fputc('\n', f);
		} else if (rr->outcome == OUTCOME_OFF) {
			fprintf(f, "\n  %s %s  %s %s\n", w->outcome[OUTCOME_OFF], rr->rule->id, w->turned_off_by,
				r->policy_file ? r->policy_file : w->policy);
		} else if (rr->declared && rr->outcome == OUTCOME_PASS) {
			/* a failing one says so among the failing rules; a passing one is said here, once */
			size_t j;
			fprintf(f, "\n  %s %s  ", w->outcome[OUTCOME_PASS], rr->rule->id);
			fprintf(f, r->lang == LANG_AR ? "على دليل معلن في %s:" : "on evidence declared in %s:",
				r->policy_file ? r->policy_file : ".proofgate.yml");
			for (j = 0; j < rr->nev && j < 3; j++) {
				fputc(' ', f);
				put_at(f, rr->ev[j]);
			}
			if (rr->nev > 3)
				fprintf(f, r->lang == LANG_AR ? " و%zu غيرها" : " and %zu more", rr->nev - 3);
			fputc('\n', f);
		}
	}
	for (i = 0; i < v->nwaivers; i++) {
		const struct waiver_result *wr = &v->waivers[i];
		if (wr->state == WAIVER_USED || (wr->rule >= 0 && v->rules[wr->rule].waiver == wr->waiver))
			continue;
		fprintf(f, "\n  %s: %s:%d: %s '%s' ", w->note, r->policy_file ? r->policy_file : ".proofgate.yml",
			wr->waiver->at.line, w->waiver_for, wr->waiver->rule);
		if (wr->state == WAIVER_EXPIRED)
			fprintf(f, r->lang == LANG_AR ? "انتهى في %s و" : "expired on %s and ", wr->waiver->expires);
		fprintf(f, "%s%s\n", wr->rule < 0 ? w->no_rule : w->no_failing_rule,
			r->lang == LANG_AR ? "؛ احذفه" : "; remove it");
	}
	for (i = 0; i < r->nnotes; i++) {
		fprintf(f, "\n  %s: ", w->note);
		put_safe(f, r->notes[i]);
		fputc('\n', f);
	}
	fputc('\n', f);
	put_gate_line(f, r);
}

int report_verdict_line(FILE *f, const struct report *r)
{
	const struct words *w = words_of(r->lang);
	const struct verdict *v = r->verdict;
	const char *gate = !v->gate.decided ? w->undecided : v->gate.passed ? w->passed : w->failed;

	fprintf(f, "%s: %s%s%s (%s %s: %s %s%s%s ", w->verdict, col(r, C_BOLD), report_verdict_word(v->go, r->lang),
		col(r, C_RESET), w->gate, gate, w->fail_on, fail_on_name(v->gate.fail_on), w->comma, w->branch);
	put_safe(f, v->gate.branch ? v->gate.branch : w->none);
	fputs(")\n", f);
	return ferror(f) ? -1 : 0;
}

int report_verdict_note(FILE *f, const struct report *r)
{
	const struct words *w = words_of(r->lang);
	const struct gate *g = &r->verdict->gate;
	struct buf br = BUF_INIT;
	const char *src;

	/* a newcomer reads "stop" and exit status 0 as a contradiction: say why they agree */
	if (r->verdict->go || !g->decided || !g->passed)
		return 0;
	if (g->fail_on != FAIL_ON_NEVER && g->fail_on != FAIL_ON_BLOCKED)
		return 0;
	if (g->branch) {
		char *b = report_safe(g->branch);
		buf_printf(&br, "%s %s", w->for_branch, b);
		free(b);
	} else {
		buf_puts(&br, w->this_revision);
	}
	src = source_word(g->fail_on_source, r->lang);
	if (r->lang == LANG_AR && g->fail_on == FAIL_ON_NEVER)
		fprintf(f,
			"رمز الخروج 0: «توقف» يعني أن بعض المجالات ليست جاهزة، والبوابة %s (تفشل عند never، %s) تكتفي "
			"بالإبلاغ؛ فروع الإصدار أو \u200e--fail-on blocked أو بوابة في \u200e.proofgate.yml تجعلها "
			"تُفشل "
			"المهمة\n",
			buf_cstr(&br), src);
	else if (r->lang == LANG_AR)
		fprintf(f,
			"رمز الخروج 0: «توقف» يعني أن بعض المجالات ليست جاهزة، والبوابة %s (تفشل عند blocked، %s) لا "
			"تُفشل المهمة إلا إذا كان مجال محجوباً، ولا مجال محجوب\n",
			buf_cstr(&br), src);
	else if (g->fail_on == FAIL_ON_NEVER)
		fprintf(f,
			"exit status 0: 'stop' means not every domain is ready, and the gate %s (fail-on never, %s) "
			"only "
			"reports it; release branches, --fail-on blocked or a gate in .proofgate.yml make it fail the "
			"job\n",
			buf_cstr(&br), src);
	else
		fprintf(f,
			"exit status 0: 'stop' means not every domain is ready, and the gate %s (fail-on blocked, %s) "
			"fails the job only while a domain is blocked, and none is\n",
			buf_cstr(&br), src);
	buf_free(&br);
	return ferror(f) ? -1 : 0;
}

/* Near misses a failing rule shows; the rest are in the JSON report. */
#define TEXT_MISSES 3
/* What a failing rule looked for, shown; the rest: proofgate explain and the JSON report. */
#define TEXT_LOOKED 4

/* 1 when an earlier near miss of rr names the same file (it is shown once, with its first reason). */
static int miss_seen(const struct rule_result *rr, size_t j)
{
	size_t k;
	for (k = 0; k < j; k++)
		if (!strcmp(rr->misses[k].at->path, rr->misses[j].at->path))
			return 1;
	return 0;
}

/*
 * A failing rule's near misses: each file once, at most TEXT_MISSES of
 * them, then how many more the JSON report lists.  What was missing is said
 * first, in the looked-for lines; the near misses are examples, those
 * disqualified at a line (a placeholder on line 4) first: they came closest.
 */
static void put_misses(FILE *f, const struct report *r, const struct rule_result *rr)
{
	const struct words *w = words_of(r->lang);
	size_t j, shown = 0, more = 0;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (j = 0; j < rr->nmisses; j++) {
			if ((rr->misses[j].at->line > 0) != (pass == 0) || miss_seen(rr, j))
				continue;
			if (shown == TEXT_MISSES) {
				more++;
				continue;
			}
			fprintf(f, "    %s%s%s: ", col(r, C_DIM), w->miss, col(r, C_RESET));
			put_at(f, rr->misses[j].at);
			fputs(": ", f);
			put_safe(f, rr->misses[j].why);
			fputc('\n', f);
			shown++;
		}
	if (more)
		fprintf(f,
			r->lang == LANG_AR
				? "    %s... و%zu غيرها لا تُحتسب (انظر تقرير JSON)%s\n"
				: "    %s... and %zu more file(s) that do not count (see the JSON report)%s\n",
			col(r, C_DIM), more, col(r, C_RESET));
}

/* The first line: the revision, its commit and branch (or that the gate knows no branch). */
static void put_header(FILE *f, const struct report *r, const struct words *w)
{
	fprintf(f, "proofgate %s: %s ", r->version, w->rev);
	put_safe(f, r->target->rev);
	fprintf(f, "%s%s %.12s", w->comma, w->commit, r->target->commit_hex);
	if (r->target->branch) {
		fputs(" (", f);
		put_safe(f, r->target->branch);
		fputs(")", f);
	} else if (!r->verdict->gate.branch) {
		/* the gate then applies to no branch: the reader must know it first */
		fputs(r->lang == LANG_AR
			      ? " (لا فرع معروف: لا المراجعة ولا متغير CI يسمّي فرعاً؛ استعمل \u200e--branch NAME)"
			      : " (no branch known: neither the revision nor a CI variable names one; give --branch "
				"NAME)",
		      f);
	}
	fputs("\n\n", f);
}

/* One block per domain: its status, its signal and the next safe step. */
static void put_domains(FILE *f, const struct report *r, const struct words *w)
{
	const struct verdict *v = r->verdict;
	size_t i;

	for (i = 0; i < v->ndomains; i++) {
		const struct domain_result *d = &v->domains[i];
		char *signal = report_signal(r, d);
		/* a rule pack's words can come from the scanned repository: shown safe, as paths are */
		fputs(col(r, C_BOLD), f);
		put_safe(f, text_get(&d->domain->title, r->lang));
		fprintf(f, "%s  %s%s%s\n", col(r, C_RESET), col(r, status_color(d->status)),
			status_label(d->status, r->lang), col(r, C_RESET));
		fprintf(f, "  %s: ", w->signal);
		put_safe(f, signal);
		fprintf(f, "\n  %s: ", w->next);
		put_safe(f, report_next_step(r, d));
		fputs("\n\n", f);
		free(signal);
	}
}

/* The proof checklist. */
static void put_proofs(FILE *f, const struct report *r, const struct words *w)
{
	const struct verdict *v = r->verdict;
	size_t i, nproven = 0;

	for (i = 0; i < v->nproofs; i++)
		nproven += v->proofs[i].proven;
	fprintf(f, "%s: %zu/%zu %s\n", w->proofs, nproven, v->nproofs, w->proven);
	for (i = 0; i < v->nproofs; i++) {
		fprintf(f, "  [%s] %s  ", v->proofs[i].proven ? "x" : " ", v->proofs[i].proof->id);
		put_safe(f, text_get(&v->proofs[i].proof->title, r->lang));
		fputc('\n', f);
	}
}

/* One failing rule: what it looked for (at most TEXT_LOOKED lines), its evidence, near misses, the next step. */
static void put_failing(FILE *f, const struct report *r, const struct words *w, const struct rule_result *rr)
{
	const struct page_words *pw = page_words(r->lang);
	size_t j;

	fprintf(f, "\n  %s%s%s %s %s  ",
		col(r, rr->outcome == OUTCOME_ERROR || rr->rule->level == LEVEL_REQUIRED ? C_RED : C_YELLOW),
		w->outcome[rr->outcome], col(r, C_RESET), pw->level[rr->rule->level], rr->rule->id);
	put_safe(f, text_get(&rr->rule->title, r->lang));
	fputc('\n', f);
	for (j = 0; j < rr->nlooked && j < TEXT_LOOKED; j++) {
		fputs("    ", f);
		put_safe(f, rr->looked_for[j]);
		fputc('\n', f);
	}
	if (rr->nlooked > TEXT_LOOKED)
		fprintf(f,
			r->lang == LANG_AR ? "    %s... و%zu غيرها (proofgate explain %s يعرضها كلها)%s\n"
					   : "    %s... and %zu other kind(s) of evidence looked for "
					     "(proofgate explain %s shows "
					     "them all)%s\n",
			col(r, C_DIM), rr->nlooked - TEXT_LOOKED, rr->rule->id, col(r, C_RESET));
	for (j = 0; j < rr->nev; j++) {
		fprintf(f, "    %s: ", w->evidence);
		put_at(f, rr->ev[j]);
		fputc('\n', f);
	}
	put_misses(f, r, rr);
	fprintf(f, "    %s: ", w->next);
	put_safe(f, text_get(&rr->rule->next_step, r->lang));
	fputc('\n', f);
}

/* The files whose contents were not matched, and why (at most 20; the JSON report has them all). */
static void put_skipped(FILE *f, const struct report *r, const struct words *w)
{
	size_t i;

	if (!r->scan->nskipped)
		return;
	fprintf(f, "\n%s: %zu\n", w->skipped, r->scan->nskipped);
	for (i = 0; i < r->scan->nskipped && i < 20; i++) {
		char *why = verdict_reason(NULL, r->scan->skipped[i].why, r->lang);
		fputs("  ", f);
		put_safe(f, r->scan->skipped[i].path);
		fprintf(f, ": %s\n", why);
		free(why);
	}
	if (r->scan->nskipped > 20)
		fprintf(f,
			r->lang == LANG_AR ? "  ... و%zu غيرها (انظر تقرير JSON)\n"
					   : "  ... and %zu more (see the JSON report)\n",
			r->scan->nskipped - 20);
}

int report_text(FILE *f, const struct report *r)
{
	const struct words *w = words_of(r->lang);
	const struct verdict *v = r->verdict;
	size_t i, nfailing = 0;

	put_header(f, r, w);
	put_domains(f, r, w);
	put_proofs(f, r, w);
	for (i = 0; i < v->nrules; i++)
		nfailing += outcome_fails(v->rules[i].outcome);
	if (nfailing)
		fprintf(f, "\n%s: %zu\n", w->failing, nfailing);
	for (i = 0; i < v->nrules; i++)
		if (outcome_fails(v->rules[i].outcome))
			put_failing(f, r, w, &v->rules[i]);
	put_policy(f, r);
	put_skipped(f, r, w);
	fputc('\n', f);
	if (report_verdict_line(f, r) < 0)
		return -1;
	return report_verdict_note(f, r);
}
