/* report_markdown.c - the job summary: the seed's table, the proof checklist, evidence in <details>. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* Room kept for the note that says the evidence was cut, and the closing tags. */
#define CUT_RESERVE 1024

/* Text that cannot break a table cell or start markup: safe UTF-8, Markdown and HTML escaped. */
static void md(struct buf *b, const char *s)
{
	char *safe = report_safe(s ? s : "");
	const char *p;
	for (p = safe; *p; p++) {
		if (strchr("\\`*_[]<>|~#!", *p))
			buf_putc(b, '\\');
		if (*p == '&')
			buf_puts(b, "&amp;");
		else
			buf_putc(b, *p);
	}
	free(safe);
}

static const char *mark(enum outcome o)
{
	switch (o) {
	case OUTCOME_PASS:
		return "pass";
	case OUTCOME_FAIL:
		return "**FAIL**";
	case OUTCOME_ERROR:
		return "**ERROR**";
	case OUTCOME_WAIVED:
		return "_waived_";
	case OUTCOME_OFF:
		return "off";
	}
	return "?";
}

static void put_head(struct buf *b, const struct report *r)
{
	const struct verdict *v = r->verdict;
	size_t i, nproven = 0, policy = 0;

	buf_printf(b, "## proofgate: %s\n\n", report_verdict_word(v->go, r->lang));
	buf_puts(b, "Revision ");
	md(b, r->target->rev);
	buf_printf(b, ", commit `%.12s`", r->target->commit_hex);
	buf_printf(b, "; gate **%s** (fail-on `%s`, %s",
		   !v->gate.decided ? "undecided"
		   : v->gate.passed ? "passed"
				    : "failed",
		   fail_on_name(v->gate.fail_on), v->gate.fail_on_source);
	if (v->gate.pattern) {
		buf_puts(b, " ");
		md(b, v->gate.pattern);
	}
	buf_puts(b, ")");
	if (v->gate.branch) {
		buf_puts(b, " for branch ");
		md(b, v->gate.branch);
		if (v->gate.branch_source)
			buf_printf(b, " (from %s)", v->gate.branch_source);
	}
	buf_puts(b,
		 r->lang == LANG_AR
			 ? ".\n\n| المجال | الحالة | الإشارة الحالية | الخطوة الآمنة التالية |\n| --- | --- | --- | "
			   "--- |\n"
			 : ".\n\n| Domain | Status | Current signal | Next safe step |\n| --- | --- | --- | --- |\n");
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_result *d = &v->domains[i];
		char *signal = report_signal(r, d);
		buf_puts(b, "| ");
		md(b, text_get(&d->domain->title, r->lang));
		buf_puts(b, " | ");
		buf_puts(b, d->status == STATUS_READY ? "" : "**");
		md(b, status_label(d->status, r->lang));
		buf_puts(b, d->status == STATUS_READY ? "" : "**");
		buf_puts(b, " | ");
		md(b, signal);
		buf_puts(b, " | ");
		md(b, report_next_step(r, d));
		buf_puts(b, " |\n");
		free(signal);
	}

	for (i = 0; i < v->nproofs; i++)
		nproven += v->proofs[i].proven;
	buf_printf(b, "\n### Proofs (%zu of %zu proven)\n\n", nproven, v->nproofs);
	for (i = 0; i < v->nproofs; i++) {
		buf_printf(b, "- [%s] `%s` ", v->proofs[i].proven ? "x" : " ", v->proofs[i].proof->id);
		md(b, text_get(&v->proofs[i].proof->title, r->lang));
		buf_puts(b, "\n");
	}

	for (i = 0; i < v->nrules; i++) {
		const struct rule_result *rr = &v->rules[i];
		if (rr->outcome != OUTCOME_WAIVED && !(rr->waiver && outcome_fails(rr->outcome)))
			continue;
		if (!policy++)
			buf_printf(b, "\n### Policy (%s)\n", r->policy_file ? r->policy_file : ".proofgate.yml");
		buf_printf(b, "\n- `%s` %s: ", rr->rule->id,
			   rr->outcome == OUTCOME_WAIVED ? "waived" : "waiver expired");
		md(b, rr->waiver->reason);
		buf_puts(b, " (owner ");
		md(b, rr->waiver->owner);
		buf_printf(b, ", %s %s)", rr->outcome == OUTCOME_WAIVED ? "expires" : "expired on",
			   rr->waiver->expires);
	}
	for (i = 0; i < v->nwaivers; i++) {
		const struct waiver_result *wr = &v->waivers[i];
		if (wr->state == WAIVER_USED || (wr->rule >= 0 && v->rules[wr->rule].waiver == wr->waiver))
			continue;
		if (!policy++)
			buf_printf(b, "\n### Policy (%s)\n", r->policy_file ? r->policy_file : ".proofgate.yml");
		buf_printf(b, "\n- unused waiver for `%s` (line %d of `%s`)%s%s: remove it", wr->waiver->rule,
			   wr->waiver->at.line, r->policy_file ? r->policy_file : ".proofgate.yml",
			   wr->state == WAIVER_EXPIRED ? ", expired on " : "",
			   wr->state == WAIVER_EXPIRED ? wr->waiver->expires : "");
	}
	for (i = 0; i < r->nnotes; i++) {
		if (!policy++)
			buf_printf(b, "\n### Policy (%s)\n", r->policy_file ? r->policy_file : ".proofgate.yml");
		buf_puts(b, "\n- note: ");
		md(b, r->notes[i]);
	}
	buf_puts(b, "\n\n### Evidence\n");
}

/* One rule's entry in its domain's <details>. */
static void put_rule(struct buf *b, const struct report *r, const struct rule_result *rr)
{
	size_t k;

	buf_printf(b, "- %s `%s` (%s) ", mark(rr->outcome), rr->rule->id, level_name(rr->rule->level));
	md(b, text_get(&rr->rule->title, r->lang));
	buf_puts(b, ": ");
	md(b, rr->message);
	buf_puts(b, "\n");
	for (k = 0; k < rr->nev; k++) {
		buf_puts(b, "  - evidence: ");
		md(b, rr->ev[k]->path);
		if (rr->ev[k]->line)
			buf_printf(b, ":%zu", rr->ev[k]->line);
		buf_puts(b, "\n");
	}
	if (!outcome_fails(rr->outcome))
		return;
	for (k = 0; k < rr->nlooked; k++) {
		if (!strcmp(rr->looked_for[k], rr->message))
			continue;
		buf_puts(b, "  - looked for: ");
		md(b, rr->looked_for[k]);
		buf_puts(b, "\n");
	}
	for (k = 0; k < rr->nmisses; k++) {
		buf_puts(b, "  - found but does not count: ");
		md(b, rr->misses[k].at->path);
		buf_puts(b, ": ");
		md(b, rr->misses[k].why);
		buf_puts(b, "\n");
	}
	buf_puts(b, "  - next safe step: ");
	md(b, text_get(&rr->rule->next_step, r->lang));
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
		md(&b, text_get(&d->domain->title, r->lang));
		buf_printf(&b, ": %s (%zu rule%s)</summary>\n\n", status_name(d->status), d->nrules,
			   d->nrules == 1 ? "" : "s");
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
	if (cut)
		buf_printf(
			&b,
			"\n_Evidence cut to stay under GitHub's %u KiB job summary limit: %zu rule%s not shown here; "
			"the JSON report (--json) and this step's log hold them all._\n",
			(unsigned)(REPORT_MARKDOWN_MAX / 1024), cut, cut == 1 ? "" : "s");
	rc = fwrite(buf_cstr(&b), 1, b.len, f) == b.len ? 0 : -1;
	buf_free(&item);
	buf_free(&b);
	return rc;
}
