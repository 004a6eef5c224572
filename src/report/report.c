/* report.c - what every report format shares: safe text, signals, next steps. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

char *report_safe(const char *s)
{
	struct buf b = BUF_INIT;
	buf_put_safe(&b, s, strlen(s));
	return buf_detach(&b);
}

char *report_signal(const struct report *r, const struct domain_result *d)
{
	struct buf b = BUF_INIT;
	size_t i, shown = 0, passing = 0;

	for (i = 0; i < d->nrules; i++) {
		const struct rule_result *rr = &r->verdict->rules[d->rules[i]];
		if (rr->outcome != OUTCOME_PASS || rr->rule->level == LEVEL_ADVISORY)
			continue;
		passing++;
		if (shown == 4)
			continue;
		buf_printf(&b, "%s%s", shown ? (r->lang == LANG_AR ? "؛ " : "; ") : "",
			   text_get(&rr->rule->title, r->lang));
		if (rr->nev) {
			buf_puts(&b, " (");
			buf_put_safe(&b, rr->ev[0]->path, strlen(rr->ev[0]->path));
			buf_puts(&b, ")");
		}
		shown++;
	}
	if (passing > shown)
		buf_printf(&b, r->lang == LANG_AR ? "؛ و%zu غيرها" : "; and %zu more", passing - shown);
	if (!passing)
		buf_puts(&b, r->lang == LANG_AR ? "لم يُعثر على دليل" : "no evidence found");
	return buf_detach(&b);
}

const char *report_next_step(const struct report *r, const struct domain_result *d)
{
	if (d->next)
		return text_get(&d->next->rule->next_step, r->lang);
	if (d->domain->next_step.en)
		return text_get(&d->domain->next_step, r->lang);
	return r->lang == LANG_AR ? "حافظ على الدليل محدّثاً ومربوطاً بسجلات التدقيق"
				  : "Keep the evidence current and linked to audit logs";
}

const char *report_verdict_word(int go, enum lang lang)
{
	if (lang == LANG_AR)
		return go ? "انطلاق" : "توقف/إعادة تخطيط";
	return go ? "go" : "stop";
}
