/* diff.c - what the diff formats share: where a change is, outcome and gate words, counts, the verdict line. */
#include "report/diff.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

const struct rule *report_diff_rule(const struct rule_change *rc)
{
	return rc->head ? rc->head->rule : rc->base->rule;
}

const char *report_diff_where(const struct diff_report *d, const struct rule_change *rc, size_t *line, int *in_base)
{
	*in_base = 0;
	if (rc->path) {
		*line = rc->line;
		*in_base = rc->in_base;
		return rc->path;
	}
	if (rc->head)
		return report_rule_location(d->head, rc->head, line);
	*in_base = 1;
	return report_rule_location(d->base, rc->base, line);
}

char *report_diff_cause(const struct diff_report *d, const struct rule_change *rc)
{
	return rc->cause ? diff_describe(rc->cause, d->lang) : NULL;
}

const char *report_diff_outcome(const struct rule_result *rr)
{
	return rr ? outcome_name(rr->outcome) : "absent";
}

void report_diff_gate_name(struct buf *b, const struct gate *g)
{
	buf_puts(b, fail_on_name(g->fail_on));
	if (g->regression)
		buf_puts(b, ",regression");
}

void report_diff_counts(struct buf *b, const struct verdict_diff *v, enum diff_dir dir, enum lang lang)
{
	static const char *const en[3][2] = {{"rule", "rules"}, {"domain", "domains"}, {"proof", "proofs"}};
	static const char *const ar[3][2] = {{"قاعدة", "قواعد"}, {"مجال", "مجالات"}, {"إثبات", "إثباتات"}};
	const struct diff_counts *c[3] = {&v->nrule, &v->ndomain, &v->nproof};
	size_t n[3], i, shown = 0, total = 0;

	for (i = 0; i < 3; i++) {
		n[i] = dir == DIFF_WORSE ? c[i]->worse : dir == DIFF_BETTER ? c[i]->better : c[i]->other;
		total += n[i] != 0;
	}
	if (!total) {
		buf_puts(b, lang == LANG_AR ? "لا شيء" : "nothing");
		return;
	}
	for (i = 0; i < 3; i++) {
		if (!n[i])
			continue;
		shown++;
		if (shown > 1)
			buf_puts(b,
				 shown == total ? (lang == LANG_AR ? " و" : " and ") : (lang == LANG_AR ? "، " : ", "));
		buf_printf(b, "%zu %s", n[i], (lang == LANG_AR ? ar : en)[i][n[i] != 1]);
	}
}

int report_diff_verdict_line(FILE *f, const struct diff_report *d)
{
	const struct gate *g = &d->head->verdict->gate;
	struct buf b = BUF_INIT;
	int ar = d->lang == LANG_AR;

	buf_puts(&b, ar ? "ساء: " : "worse: ");
	report_diff_counts(&b, d->diff, DIFF_WORSE, d->lang);
	buf_puts(&b, ar ? "؛ تحسّن: " : "; better: ");
	report_diff_counts(&b, d->diff, DIFF_BETTER, d->lang);
	buf_printf(&b, "\n%s: %s (%s %s: fail-on ", ar ? "الحكم" : "verdict",
		   report_verdict_word(d->head->verdict->go, d->lang), ar ? "البوابة" : "gate",
		   !g->decided ? (ar ? "لم تُحسم" : "undecided")
		   : g->passed ? (ar ? "نجحت" : "passed")
			       : (ar ? "فشلت" : "failed"));
	report_diff_gate_name(&b, g);
	buf_printf(&b, ", %s ", ar ? "الفرع" : "branch");
	if (g->branch)
		buf_put_safe(&b, g->branch, strlen(g->branch));
	else
		buf_puts(&b, ar ? "لا يوجد" : "none");
	buf_puts(&b, ")\n");
	fputs(buf_cstr(&b), f);
	buf_free(&b);
	return ferror(f) ? -1 : 0;
}
