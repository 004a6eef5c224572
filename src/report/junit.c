/* report_junit.c - JUnit XML: one testsuite per domain, one testcase per rule (GitLab, Jenkins). */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static void put_details(struct buf *b, const struct report *r, const struct rule_result *rr)
{
	size_t k;
	report_xml_text(b, rr->message);
	for (k = 0; k < rr->nlooked; k++) {
		if (!strcmp(rr->looked_for[k], rr->message))
			continue;
		buf_puts(b, "\nlooked for: ");
		report_xml_text(b, rr->looked_for[k]);
	}
	for (k = 0; k < rr->nev; k++) {
		buf_puts(b, "\nevidence: ");
		report_xml_text(b, rr->ev[k]->path);
		if (rr->ev[k]->line)
			buf_printf(b, ":%zu", rr->ev[k]->line);
	}
	for (k = 0; k < rr->nmisses; k++) {
		buf_puts(b, "\nfound but does not count: ");
		report_xml_text(b, rr->misses[k].at->path);
		buf_puts(b, ": ");
		report_xml_text(b, rr->misses[k].why);
	}
	buf_puts(b, "\nnext safe step: ");
	report_xml_text(b, text_get(&rr->rule->next_step, r->lang));
}

static void put_case(struct buf *b, const struct report *r, const struct rule_result *rr)
{
	const struct rule *ru = rr->rule;

	buf_puts(b, "    <testcase name=\"");
	report_xml_text(b, ru->id);
	buf_puts(b, ": ");
	report_xml_text(b, text_get(&ru->title, r->lang));
	buf_puts(b, "\" classname=\"");
	report_xml_text(b, ru->domain_id);
	buf_puts(b, "\" time=\"0\">\n");
	if (outcome_fails(rr->outcome) && (rr->outcome == OUTCOME_FAIL || ru->level == LEVEL_ADVISORY)) {
		buf_printf(b, "      <failure type=\"%s\" message=\"", level_name(ru->level));
		report_xml_text(b, rr->message);
		buf_puts(b, " | next safe step: ");
		report_xml_text(b, text_get(&ru->next_step, r->lang));
		buf_puts(b, "\">");
		put_details(b, r, rr);
		buf_puts(b, "</failure>\n");
	} else if (rr->outcome == OUTCOME_ERROR) {
		buf_printf(b, "      <error type=\"%s\" message=\"", level_name(ru->level));
		report_xml_text(b, rr->message);
		buf_puts(b, "\">");
		put_details(b, r, rr);
		buf_puts(b, "</error>\n");
	} else if (rr->outcome == OUTCOME_WAIVED) {
		buf_puts(b, "      <skipped message=\"waived until ");
		report_xml_text(b, rr->waiver->expires);
		buf_puts(b, " by ");
		report_xml_text(b, rr->waiver->owner);
		buf_puts(b, ": ");
		report_xml_text(b, rr->waiver->reason);
		buf_puts(b, "\"/>\n      <system-out>");
		put_details(b, r, rr);
		buf_puts(b, "</system-out>\n");
	} else if (rr->outcome == OUTCOME_OFF) {
		buf_puts(b, "      <skipped message=\"turned off by the repository policy\"/>\n");
	} else if (rr->nev) {
		size_t k;
		buf_puts(b, "      <system-out>");
		for (k = 0; k < rr->nev; k++) {
			buf_puts(b, k ? "\n" : "");
			buf_puts(b, "evidence: ");
			report_xml_text(b, rr->ev[k]->path);
			if (rr->ev[k]->line)
				buf_printf(b, ":%zu", rr->ev[k]->line);
		}
		buf_puts(b, "</system-out>\n");
	}
	buf_puts(b, "    </testcase>\n");
}

/* Counts for one domain's rules, or every rule (d NULL; off rules are in no domain). */
static void count(const struct report *r, const struct domain_result *d, size_t n[4])
{
	const struct verdict *v = r->verdict;
	size_t i, total = d ? d->nrules : v->nrules;
	memset(n, 0, 4 * sizeof(size_t));
	for (i = 0; i < total; i++) {
		const struct rule_result *rr = &v->rules[d ? d->rules[i] : i];
		n[0]++;
		if (rr->outcome == OUTCOME_FAIL || (rr->outcome == OUTCOME_ERROR && rr->rule->level == LEVEL_ADVISORY))
			n[1]++;
		else if (rr->outcome == OUTCOME_ERROR)
			n[2]++;
		else if (rr->outcome == OUTCOME_WAIVED || rr->outcome == OUTCOME_OFF)
			n[3]++;
	}
}

void report_junit_suites(struct buf *b, const struct report *r, size_t totals[4])
{
	const struct verdict *v = r->verdict;
	size_t i, j, n[4];

	count(r, NULL, totals);
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_result *d = &v->domains[i];
		count(r, d, n);
		buf_puts(b, "  <testsuite name=\"");
		report_xml_text(b, text_get(&d->domain->title, r->lang));
		buf_printf(b, "\" id=\"%zu\" package=\"", i);
		report_xml_text(b, d->domain->id);
		buf_printf(b, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"0\">\n", n[0],
			   n[1], n[2], n[3]);
		buf_printf(b, "    <properties>\n      <property name=\"status\" value=\"%s\"/>\n    </properties>\n",
			   status_name(d->status));
		for (j = 0; j < d->nrules; j++)
			put_case(b, r, &v->rules[d->rules[j]]);
		buf_puts(b, "  </testsuite>\n");
	}
	/* rules turned off belong to no domain's status; list them so that nothing vanishes silently */
	for (i = 0, j = 0; i < v->nrules; i++)
		j += v->rules[i].outcome == OUTCOME_OFF;
	if (j) {
		buf_printf(b,
			   "  <testsuite name=\"turned off by policy\" tests=\"%zu\" failures=\"0\" errors=\"0\" "
			   "skipped=\"%zu\" time=\"0\">\n",
			   j, j);
		for (i = 0; i < v->nrules; i++)
			if (v->rules[i].outcome == OUTCOME_OFF)
				put_case(b, r, &v->rules[i]);
		buf_puts(b, "  </testsuite>\n");
	}
}

int report_junit(FILE *f, const struct report *r)
{
	struct buf b = BUF_INIT, body = BUF_INIT;
	size_t n[4];
	int rc;

	report_junit_suites(&body, r, n);
	buf_printf(&b,
		   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"proofgate\" tests=\"%zu\" "
		   "failures=\"%zu\" "
		   "errors=\"%zu\" skipped=\"%zu\" time=\"0\">\n",
		   n[0], n[1], n[2], n[3]);
	buf_put(&b, buf_cstr(&body), body.len);
	buf_puts(&b, "</testsuites>\n");
	rc = fwrite(buf_cstr(&b), 1, b.len, f) == b.len ? 0 : -1;
	buf_free(&body);
	buf_free(&b);
	return rc;
}
