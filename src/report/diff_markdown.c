/* diff_markdown.c - the job summary of a comparison: what changed first, then the head's own summary. */
#include "report/diff.h"

#include <stdlib.h>
#include <string.h>

#include "report/page.h"
#include "util/buf.h"

/* Room kept for the head's summary table and proof list, which follow what changed. */
#define HEAD_RESERVE (64u * 1024u)

struct md_words {
	const char *title, *no_change, *base, *head, *gate, *result[3], *fail_on, *regression, *worse, *better,
		*changed, *moved, *what, *was, *now, *where, *domain, *proof, *rule, *cut;
};

static const struct md_words EN = {
	"proofgate diff",
	"nothing got worse or better",
	"Base ",
	" → head ",
	"; gate ",
	{"undecided", "passed", "failed"},
	"fail-on ",
	", ",
	"Worse",
	"Better",
	"Changed",
	"Evidence that moved while the outcome stayed",
	"What",
	"Was",
	"Now",
	"Where",
	"Domain",
	"Proof",
	"Rule",
	"\n_More changes than fit in the job summary; the JSON comparison (--json) holds them all._\n",
};

static const struct md_words AR = {
	"مقارنة proofgate",
	"لم يسؤ شيء ولم يتحسّن شيء",
	"الأساس ",
	" → الرأس ",
	"؛ البوابة ",
	{"لم تُحسم", "نجحت", "فشلت"},
	"تفشل عند ",
	"، ",
	"ساء",
	"تحسّن",
	"تغيّر",
	"أدلة تغيّرت وبقيت النتيجة",
	"ما تغيّر",
	"كان",
	"صار",
	"أين",
	"المجال",
	"الإثبات",
	"القاعدة",
	"\n_تغييرات أكثر مما يتسع له ملخص المهمة؛ مقارنة JSON (--json) تحويها كلها._\n",
};

static void put_side(struct buf *b, const struct repo_target *t)
{
	buf_printf(b, "`%.12s` (", t->commit_hex);
	report_md_text(b, t->rev);
	buf_puts(b, ")");
}

static void put_rule_row(struct buf *b, const struct diff_report *d, const struct md_words *w,
			 const struct rule_change *rc)
{
	const struct rule *ru = report_diff_rule(rc);
	char *cause = report_diff_cause(d, rc);
	const char *path;
	size_t line;
	int in_base;

	path = report_diff_where(d, rc, &line, &in_base);
	buf_printf(b, "| %s `%s` ", w->rule, ru->id);
	report_md_text(b, text_get(&ru->title, d->lang));
	buf_printf(b, " (%s) | %s | %s%s%s | ", page_words(d->lang)->level[ru->level], report_diff_outcome(rc->base),
		   rc->dir == DIFF_WORSE ? "**" : "", report_diff_outcome(rc->head), rc->dir == DIFF_WORSE ? "**" : "");
	/* the sentence on what changed names its paths itself */
	if (cause) {
		report_md_text(b, cause);
	} else {
		report_md_text(b, path);
		if (line)
			buf_printf(b, ":%zu", line);
	}
	buf_puts(b, " |\n");
	free(cause);
}

/* One table of what moved in dir; a row per domain, proof and rule. */
static void put_table(struct buf *b, const struct diff_report *d, const struct md_words *w, enum diff_dir dir,
		      size_t max)
{
	const struct verdict_diff *v = d->diff;
	const struct diff_counts *c[3] = {&v->ndomain, &v->nproof, &v->nrule};
	struct buf row = BUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < 3; i++)
		n += dir == DIFF_WORSE ? c[i]->worse : dir == DIFF_BETTER ? c[i]->better : c[i]->other;
	if (!n)
		return;
	buf_printf(b, "\n### %s: ", dir == DIFF_WORSE ? w->worse : dir == DIFF_BETTER ? w->better : w->changed);
	report_diff_counts(b, v, dir, d->lang);
	buf_printf(b, "\n\n| %s | %s | %s | %s |\n| --- | --- | --- | --- |\n", w->what, w->was, w->now, w->where);
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_change *dc = &v->domains[i];
		const struct domain *dom = dc->head ? dc->head->domain : dc->base->domain;
		if (dc->dir != dir)
			continue;
		buf_printf(b, "| %s ", w->domain);
		report_md_text(b, text_get(&dom->title, d->lang));
		buf_printf(b, " | %s | %s%s%s | |\n", dc->base ? status_label(dc->base->status, d->lang) : "absent",
			   dir == DIFF_WORSE ? "**" : "", dc->head ? status_label(dc->head->status, d->lang) : "absent",
			   dir == DIFF_WORSE ? "**" : "");
	}
	for (i = 0; i < v->nproofs; i++) {
		const struct proof_change *pc = &v->proofs[i];
		const struct proof *p = pc->head ? pc->head->proof : pc->base->proof;
		if (pc->dir != dir)
			continue;
		buf_printf(b, "| %s `%s` ", w->proof, p->id);
		report_md_text(b, text_get(&p->title, d->lang));
		buf_printf(b, " | %s | %s%s%s | |\n",
			   !pc->base	      ? "absent"
			   : pc->base->proven ? "proven"
					      : "unproven",
			   dir == DIFF_WORSE ? "**" : "",
			   !pc->head	      ? "absent"
			   : pc->head->proven ? "proven"
					      : "unproven",
			   dir == DIFF_WORSE ? "**" : "");
	}
	for (i = 0; i < v->nrules; i++) {
		if (v->rules[i].dir != dir)
			continue;
		buf_clear(&row);
		put_rule_row(&row, d, w, &v->rules[i]);
		if (b->len + row.len + HEAD_RESERVE > max) {
			buf_puts(b, w->cut);
			break;
		}
		buf_put(b, row.ptr, row.len);
	}
	buf_free(&row);
}

int report_diff_markdown(FILE *f, const struct diff_report *d, size_t max)
{
	const struct md_words *w = d->lang == LANG_AR ? &AR : &EN;
	const struct verdict_diff *v = d->diff;
	const struct gate *g = &d->head->verdict->gate;
	struct buf b = BUF_INIT;
	size_t n;
	int rc;

	buf_printf(&b, "## %s: ", w->title);
	if (v->nrule.worse + v->ndomain.worse + v->nproof.worse + v->nrule.better + v->ndomain.better +
		    v->nproof.better ==
	    0) {
		buf_puts(&b, w->no_change);
	} else {
		buf_puts(&b, d->lang == LANG_AR ? "ساء " : "worse ");
		report_diff_counts(&b, v, DIFF_WORSE, d->lang);
		buf_puts(&b, d->lang == LANG_AR ? "، تحسّن " : ", better ");
		report_diff_counts(&b, v, DIFF_BETTER, d->lang);
	}
	buf_printf(&b, "\n\n%s", w->base);
	put_side(&b, d->base->target);
	buf_puts(&b, w->head);
	put_side(&b, d->head->target);
	buf_printf(&b, "%s**%s** (%s`%s`", w->gate,
		   w->result[!g->decided ? 0
			     : g->passed ? 1
					 : 2],
		   w->fail_on, fail_on_name(g->fail_on));
	if (g->regression) {
		char *part = report_regression_part(g, d->lang);
		buf_puts(&b, w->regression);
		report_md_text(&b, part);
		free(part);
	}
	buf_puts(&b, ")");
	if (d->base_from) {
		buf_puts(&b, "; ");
		report_md_text(&b, d->base_from);
	}
	buf_puts(&b, ".\n");
	put_table(&b, d, w, DIFF_WORSE, max);
	put_table(&b, d, w, DIFF_BETTER, max);
	put_table(&b, d, w, DIFF_OTHER, max);
	if (v->nevidence)
		buf_printf(&b, "\n_%s: %zu (--json)._\n", w->moved, v->nevidence);
	buf_puts(&b, "\n");
	n = b.len;
	rc = fwrite(buf_cstr(&b), 1, b.len, f) == b.len ? 0 : -1;
	buf_free(&b);
	/* then the head as scan summarises it, in what room is left */
	if (rc == 0)
		rc = report_markdown(f, d->head, max > n + 1024 ? max - n : 1024);
	return rc;
}
