/* diff_junit.c - JUnit of a comparison: a testsuite of what changed (a regression fails), then the head's suites. */
#include "report/diff.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static void put_case(struct buf *b, const char *classname, const char *name, const char *title, int fails,
		     const char *type, const char *msg, const char *details)
{
	buf_puts(b, "    <testcase name=\"");
	report_xml_text(b, name);
	buf_puts(b, ": ");
	report_xml_text(b, title);
	buf_puts(b, "\" classname=\"");
	report_xml_text(b, classname);
	buf_puts(b, "\" time=\"0\">\n");
	if (fails) {
		buf_printf(b, "      <failure type=\"%s\" message=\"", type);
		report_xml_text(b, msg);
		buf_puts(b, "\">");
		report_xml_text(b, details);
		buf_puts(b, "</failure>\n");
	} else {
		buf_puts(b, "      <system-out>");
		report_xml_text(b, msg);
		if (details && *details) {
			buf_puts(b, "\n");
			report_xml_text(b, details);
		}
		buf_puts(b, "</system-out>\n");
	}
	buf_puts(b, "    </testcase>\n");
}

/* The "changes" suite: every domain, proof and rule that moved; failures are what got worse. */
static void put_changes(struct buf *b, const struct diff_report *d, size_t n[4])
{
	const struct verdict_diff *v = d->diff;
	struct buf cases = BUF_INIT, msg = BUF_INIT, det = BUF_INIT;
	size_t i;

	memset(n, 0, 4 * sizeof(size_t));
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_change *dc = &v->domains[i];
		const struct domain *dom = dc->head ? dc->head->domain : dc->base->domain;
		if (dc->dir == DIFF_SAME)
			continue;
		buf_clear(&msg);
		buf_printf(&msg, "%s -> %s", dc->base ? status_name(dc->base->status) : "absent",
			   dc->head ? status_name(dc->head->status) : "absent");
		put_case(&cases, "changes.domains", dom->id, text_get(&dom->title, d->lang), dc->dir == DIFF_WORSE,
			 "regression", buf_cstr(&msg), NULL);
		n[0]++;
		n[1] += dc->dir == DIFF_WORSE;
	}
	for (i = 0; i < v->nproofs; i++) {
		const struct proof_change *pc = &v->proofs[i];
		const struct proof *p = pc->head ? pc->head->proof : pc->base->proof;
		if (pc->dir == DIFF_SAME)
			continue;
		buf_clear(&msg);
		buf_printf(&msg, "%s -> %s",
			   !pc->base	      ? "absent"
			   : pc->base->proven ? "proven"
					      : "unproven",
			   !pc->head	      ? "absent"
			   : pc->head->proven ? "proven"
					      : "unproven");
		put_case(&cases, "changes.proofs", p->id, text_get(&p->title, d->lang), pc->dir == DIFF_WORSE,
			 "regression", buf_cstr(&msg), NULL);
		n[0]++;
		n[1] += pc->dir == DIFF_WORSE;
	}
	for (i = 0; i < v->nrules; i++) {
		const struct rule_change *rc = &v->rules[i];
		const struct rule *ru = report_diff_rule(rc);
		const struct rule_result *side = rc->head ? rc->head : rc->base;
		char *cause;
		const char *path;
		size_t line;
		int in_base;
		if (rc->dir == DIFF_SAME)
			continue;
		cause = report_diff_cause(d, rc);
		path = report_diff_where(d, rc, &line, &in_base);
		buf_clear(&msg);
		buf_clear(&det);
		buf_printf(&msg, "%s -> %s", report_diff_outcome(rc->base), report_diff_outcome(rc->head));
		if (cause)
			buf_printf(&msg, ": %s", cause);
		buf_printf(&det, "at %s", path);
		if (line)
			buf_printf(&det, ":%zu", line);
		buf_printf(&det, "\n%s\nnext safe step: %s", side->message, text_get(&ru->next_step, d->lang));
		buf_clear(&msg);
		buf_printf(&msg, "%s -> %s%s%s", report_diff_outcome(rc->base), report_diff_outcome(rc->head),
			   cause ? ": " : "", cause ? cause : "");
		put_case(&cases, "changes.rules", ru->id, text_get(&ru->title, d->lang), rc->dir == DIFF_WORSE,
			 rc->gates ? "regression" : "advisory-regression", buf_cstr(&msg), buf_cstr(&det));
		n[0]++;
		n[1] += rc->dir == DIFF_WORSE;
		free(cause);
	}
	buf_puts(b, "  <testsuite name=\"");
	report_xml_text(b, d->lang == LANG_AR ? "التغييرات منذ " : "changes since ");
	buf_printf(b,
		   "%.12s\" id=\"changes\" package=\"changes\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
		   "skipped=\"0\" time=\"0\">\n",
		   d->base->target->commit_hex, n[0], n[1]);
	buf_put(b, buf_cstr(&cases), cases.len);
	buf_puts(b, "  </testsuite>\n");
	buf_free(&cases);
	buf_free(&msg);
	buf_free(&det);
}

int report_diff_junit(FILE *f, const struct diff_report *d)
{
	struct buf b = BUF_INIT, changes = BUF_INIT, suites = BUF_INIT;
	size_t c[4], h[4];
	int rc;

	put_changes(&changes, d, c);
	report_junit_suites(&suites, d->head, h);
	buf_printf(&b,
		   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"proofgate\" tests=\"%zu\" "
		   "failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"0\">\n",
		   c[0] + h[0], c[1] + h[1], c[2] + h[2], c[3] + h[3]);
	buf_put(&b, buf_cstr(&changes), changes.len);
	buf_put(&b, buf_cstr(&suites), suites.len);
	buf_puts(&b, "</testsuites>\n");
	rc = fwrite(buf_cstr(&b), 1, b.len, f) == b.len ? 0 : -1;
	buf_free(&suites);
	buf_free(&changes);
	buf_free(&b);
	return rc;
}
