/* report_github.c - GitHub Actions workflow commands: annotations, then one log group per domain. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "report/page.h"
#include "util/buf.h"
#include "util/mem.h"

char *report_github_escape(const char *s, int prop)
{
	struct buf b = BUF_INIT;
	char *u = report_utf8_copy(s ? s : "");
	const char *p;

	/* as the runner decodes them (actions/toolkit core: escapeData, escapeProperty) */
	for (p = u; *p; p++) {
		unsigned char c = (unsigned char)*p;
		/* other controls (a log shows ESC's colours), C1 controls and bidi reorderings: shown, not obeyed */
		if ((c < 0x20 && c != '\r' && c != '\n') || c == 0x7f ||
		    (c == 0xc2 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] < 0xa0)) {
			char one[3] = {*p, c == 0xc2 ? p[1] : '\0', '\0'};
			char *shown = report_safe(one);
			buf_puts(&b, shown);
			free(shown);
			p += c == 0xc2;
		} else if (c == 0xe2 && p[1] && p[2]) {
			char three[4] = {p[0], p[1], p[2], '\0'};
			char *shown = report_safe(three);
			buf_puts(&b, shown);
			free(shown);
			p += 2;
		} else if (*p == '%')
			buf_puts(&b, "%25");
		else if (*p == '\r')
			buf_puts(&b, "%0D");
		else if (*p == '\n')
			buf_puts(&b, "%0A");
		else if (prop && *p == ':')
			buf_puts(&b, "%3A");
		else if (prop && *p == ',')
			buf_puts(&b, "%2C");
		else
			buf_putc(&b, *p);
	}
	free(u);
	return buf_detach(&b);
}

/* The annotations' own words, in each report language; what rule packs say comes in lang already. */
struct gh_words {
	const char *gap, *error, *next, *expired_on, *policy_title, *evidence, *next_short, *gate, *fail_on, *branch,
		*from, *revision, *comma;
};

static const struct gh_words GH_EN = {
	"gap",	"error",   "Next safe step", " expired on ", "proofgate policy", "evidence", "next",
	"gate", "fail-on", "branch",	     "from",	     "revision",	 ", ",
};

static const struct gh_words GH_AR = {
	"فجوة",
	"خطأ",
	"الخطوة الآمنة التالية",
	" انتهى في ",
	"proofgate السياسة",
	"الدليل",
	"التالي",
	"البوابة",
	"تفشل عند",
	"الفرع",
	"من",
	"المراجعة",
	"، ",
};

static const struct gh_words *gh_words(enum lang lang)
{
	return lang == LANG_AR ? &GH_AR : &GH_EN;
}

/* Every finding, each in its kind; order within a kind follows the report. */
static void collect(struct report_annots *as, const struct report *r)
{
	const struct gh_words *w = gh_words(r->lang);
	const struct page_words *pw = page_words(r->lang);
	const struct verdict *v = r->verdict;
	size_t i, pass;

	/* required first, then expected, then notices: GitHub keeps the first 10 of each kind */
	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < v->nrules; i++) {
			const struct rule_result *rr = &v->rules[i];
			const struct rule *ru = rr->rule;
			enum report_annot_kind k = ru->level == LEVEL_REQUIRED	 ? REPORT_ANNOT_ERROR
						   : ru->level == LEVEL_EXPECTED ? REPORT_ANNOT_WARNING
										 : REPORT_ANNOT_NOTICE;
			size_t line;
			const char *file;
			if (!outcome_fails(rr->outcome) || (size_t)k != pass)
				continue;
			file = report_rule_location_in_tree(r, rr, &line);
			/* Arabic puts the level after the noun, in brackets so that no gender has to agree */
			report_annot_add(as, k, file, line,
					 r->lang == LANG_AR
						 ? report_printf("proofgate %s (%s): %s",
								 rr->outcome == OUTCOME_ERROR ? w->error : w->gap,
								 pw->level[ru->level], ru->id)
						 : report_printf("proofgate %s %s: %s", pw->level[ru->level],
								 rr->outcome == OUTCOME_ERROR ? w->error : w->gap,
								 ru->id),
					 report_printf("%s: %s\n%s: %s", text_get(&ru->title, r->lang), rr->message,
						       w->next, text_get(&ru->next_step, r->lang)));
		}
	for (i = 0; i < v->nrules; i++) {
		const struct rule_result *rr = &v->rules[i];
		size_t line;
		const char *file;
		if (rr->outcome != OUTCOME_WAIVED)
			continue;
		file = report_rule_location_in_tree(r, rr, &line);
		report_annot_add(as, REPORT_ANNOT_NOTICE, file, line,
				 report_printf(r->lang == LANG_AR ? "proofgate معفاة: %s" : "proofgate waived: %s",
					       rr->rule->id),
				 report_printf(r->lang == LANG_AR
						       ? "%s معفاة حتى %s (المسؤول %s): %s\nدون الإعفاء: %s"
						       : "%s is waived until %s (owner %s): %s\nWithout the waiver: %s",
					       text_get(&rr->rule->title, r->lang), rr->waiver->expires,
					       rr->waiver->owner, rr->waiver->reason, rr->message));
	}
	for (i = 0; i < v->nwaivers; i++) {
		const struct waiver_result *wr = &v->waivers[i];
		struct buf expired = BUF_INIT;
		if (wr->state == WAIVER_USED || (wr->rule >= 0 && v->rules[wr->rule].waiver == wr->waiver))
			continue;
		if (wr->state == WAIVER_EXPIRED)
			buf_printf(&expired, "%s%s", w->expired_on, wr->waiver->expires);
		report_annot_add(as, REPORT_ANNOT_NOTICE, r->policy_file, (size_t)wr->waiver->at.line,
				 report_printf(r->lang == LANG_AR ? "proofgate إعفاء غير مستخدم: %s"
								  : "proofgate unused waiver: %s",
					       wr->waiver->rule),
				 report_printf(r->lang == LANG_AR
						       ? "الإعفاء لـ '%s'%s لا يطابق أي قاعدة فاشلة؛ احذفه"
						       : "the waiver for '%s'%s matches no failing rule; remove it",
					       wr->waiver->rule, buf_cstr(&expired)));
		buf_free(&expired);
	}
	for (i = 0; i < r->nnotes; i++)
		report_annot_add(as, REPORT_ANNOT_NOTICE, r->policy_file, 1, xstrdup(w->policy_title),
				 xstrdup(r->notes[i]));
}

static void put_group(FILE *f, const struct report *r, const struct domain_result *d)
{
	const struct gh_words *w = gh_words(r->lang);
	const struct page_words *pw = page_words(r->lang);
	const struct verdict *v = r->verdict;
	char *t = report_printf("%s: %s", text_get(&d->domain->title, r->lang), status_label(d->status, r->lang));
	char *et = report_github_escape(t, 0);
	size_t j, k;

	fprintf(f, "::group::%s\n", et);
	for (j = 0; j < d->nrules; j++) {
		const struct rule_result *rr = &v->rules[d->rules[j]];
		char *m = report_safe(rr->message);
		/* columns for English; Arabic words are not as wide as their bytes, so no padding there */
		if (r->lang == LANG_AR)
			fprintf(f, "%s %s %s  %s\n", pw->outcome[rr->outcome], pw->level[rr->rule->level], rr->rule->id,
				m);
		else
			fprintf(f, "%-6s %-8s %s  %s\n", outcome_name(rr->outcome), level_name(rr->rule->level),
				rr->rule->id, m);
		free(m);
		for (k = 0; k < rr->nev && k < 5; k++) {
			char *p = report_safe(rr->ev[k]->path);
			if (rr->ev[k]->line)
				fprintf(f, "       %s: %s:%zu\n", w->evidence, p, rr->ev[k]->line);
			else
				fprintf(f, "       %s: %s\n", w->evidence, p);
			free(p);
		}
		if (outcome_fails(rr->outcome)) {
			char *next = report_safe(text_get(&rr->rule->next_step, r->lang));
			fprintf(f, "       %s: %s\n", w->next_short, next);
			free(next);
		}
	}
	fputs("::endgroup::\n", f);
	free(et);
	free(t);
}

/* Which branch and which gate applied, as a plain log line. */
static void put_gate(FILE *f, const struct report *r)
{
	const struct gh_words *w = gh_words(r->lang);
	const struct gate *g = &r->verdict->gate;
	char *pat = g->pattern ? report_safe(g->pattern) : NULL, *br = g->branch ? report_safe(g->branch) : NULL;
	fprintf(f, "%s: %s %s (%s%s%s%s)", w->gate, w->fail_on, fail_on_name(g->fail_on),
		page_source_word(g->fail_on_source, r->lang), pat ? " '" : "", pat ? pat : "", pat ? "'" : "");
	if (br)
		fprintf(f, "%s%s %s (%s %s)", w->comma, w->branch, br, w->from,
			g->branch_source ? page_source_word(g->branch_source, r->lang) : w->revision);
	fputc('\n', f);
	free(pat);
	free(br);
}

int report_github(FILE *f, const struct report *r)
{
	struct report_annots as = REPORT_ANNOTS_INIT;
	size_t i;

	collect(&as, r);
	report_annots_write(f, &as, r->lang,
			    r->lang == LANG_AR ? "في ملخص المهمة وفي سجل هذه الخطوة، مجموعة لكل مجال"
					       : "in the job summary and in this step's log, one group per domain");
	report_annots_free(&as);

	for (i = 0; i < r->verdict->ndomains; i++)
		put_group(f, r, &r->verdict->domains[i]);
	put_gate(f, r);
	if (report_verdict_line(f, r) < 0)
		return -1;
	return report_verdict_note(f, r);
}
