/* diff_github.c - the comparison as GitHub workflow commands: regressions first, on the lines that changed. */
#include "report/diff.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

/* What got worse in domains and proofs, one line each, or NULL when nothing did; caller frees. */
static char *statuses_worse(const struct diff_report *d)
{
	const struct verdict_diff *v = d->diff;
	struct buf b = BUF_INIT;
	size_t i;
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_change *dc = &v->domains[i];
		if (dc->dir != DIFF_WORSE)
			continue;
		buf_printf(&b, "%s%s: %s -> %s", b.len ? "\n" : "", text_get(&dc->head->domain->title, d->lang),
			   status_label(dc->base->status, d->lang), status_label(dc->head->status, d->lang));
	}
	for (i = 0; i < v->nproofs; i++) {
		const struct proof_change *pc = &v->proofs[i];
		if (pc->dir != DIFF_WORSE)
			continue;
		buf_printf(&b, "%s%s (%s): proven -> unproven", b.len ? "\n" : "",
			   text_get(&pc->head->proof->title, d->lang), pc->head->proof->id);
	}
	return b.len ? buf_detach(&b) : NULL;
}

static void add_rule(struct report_annots *as, const struct diff_report *d, const struct rule_change *rc,
		     enum report_annot_kind kind, const char *what)
{
	const struct rule *ru = report_diff_rule(rc);
	const struct rule_result *side = rc->head ? rc->head : rc->base;
	struct buf msg = BUF_INIT;
	char *cause = report_diff_cause(d, rc);
	const char *path;
	size_t line;
	int in_base;

	path = report_diff_where(d, rc, &line, &in_base);
	buf_printf(&msg, "%s: %s -> %s", text_get(&ru->title, d->lang), report_diff_outcome(rc->base),
		   report_diff_outcome(rc->head));
	if (cause)
		buf_printf(&msg, "\n%s", cause);
	buf_printf(&msg, "\n%s", side->message);
	if (outcome_fails(side->outcome))
		buf_printf(&msg, "\n%s: %s", d->lang == LANG_AR ? "الخطوة الآمنة التالية" : "Next safe step",
			   text_get(&ru->next_step, d->lang));
	report_annot_add(as, kind, path, line ? line : 1, report_printf("proofgate %s: %s", what, ru->id),
			 buf_detach(&msg));
	free(cause);
}

static void collect(struct report_annots *as, const struct diff_report *d)
{
	const struct verdict_diff *v = d->diff;
	char *worse = statuses_worse(d);
	size_t i;

	/* what fails the regression gate first: GitHub keeps the first 10 of each kind */
	for (i = 0; i < v->nrules; i++)
		if (v->rules[i].gates)
			add_rule(as, d, &v->rules[i], REPORT_ANNOT_ERROR, "regression");
	if (worse)
		report_annot_add(as, REPORT_ANNOT_ERROR, NULL, 0, xstrdup("proofgate: readiness got worse"), worse);
	for (i = 0; i < v->nrules; i++)
		if (v->rules[i].dir == DIFF_WORSE && !v->rules[i].gates)
			add_rule(as, d, &v->rules[i], REPORT_ANNOT_WARNING, "advisory regression");
	for (i = 0; i < v->nrules; i++)
		if (v->rules[i].dir == DIFF_BETTER)
			add_rule(as, d, &v->rules[i], REPORT_ANNOT_NOTICE, "improvement");
	for (i = 0; i < v->nrules; i++)
		if (v->rules[i].dir == DIFF_OTHER)
			add_rule(as, d, &v->rules[i], REPORT_ANNOT_NOTICE, "change");
	for (i = 0; i < d->head->nnotes; i++)
		report_annot_add(as, REPORT_ANNOT_NOTICE, d->head->policy_file ? d->head->policy_file : NULL, 1,
				 xstrdup("proofgate policy"), xstrdup(d->head->notes[i]));
}

int report_diff_github(FILE *f, const struct diff_report *d)
{
	struct report_annots as = REPORT_ANNOTS_INIT;
	struct diff_report plain = *d;
	int rc;

	collect(&as, d);
	rc = report_annots_write(f, &as, d->lang,
				 d->lang == LANG_AR
					 ? "في ملخص المهمة وفي سجل هذه الخطوة (المجموعة 'proofgate diff')"
					 : "in the job summary and in this step's log (the group 'proofgate diff')");
	report_annots_free(&as);
	plain.color = 0;
	fputs("::group::proofgate diff\n", f);
	if (report_diff_text(f, &plain) < 0)
		rc = -1;
	fputs("::endgroup::\n", f);
	return report_diff_verdict_line(f, d) < 0 ? -1 : rc;
}

int report_diff_github_output(FILE *f, const struct diff_report *d, const char *const *names, const char *const *paths,
			      size_t n)
{
	const struct verdict_diff *v = d->diff;
	if (report_github_output(f, d->head, names, paths, n) < 0)
		return -1;
	fprintf(f, "regressed=%s\nworse=%zu\nbetter=%zu\nbase=%s\n", v->regressed ? "true" : "false",
		v->nrule.worse + v->ndomain.worse + v->nproof.worse,
		v->nrule.better + v->ndomain.better + v->nproof.better, d->base->target->commit_hex);
	return ferror(f) ? -1 : 0;
}
