/* report_github.c - GitHub Actions workflow commands: annotations, then one log group per domain. */
#include "report/report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

enum kind { K_ERROR, K_WARNING, K_NOTICE };
static const char *const kind_cmd[] = {"error", "warning", "notice"};

struct annot {
	enum kind kind;
	char *file; /* raw path, or NULL */
	size_t line;
	char *title;
	char *msg;
};

struct annots {
	struct annot *a;
	size_t n, cap;
};

char *report_github_escape(const char *s, int prop)
{
	struct buf b = BUF_INIT;
	char *u = report_utf8_copy(s ? s : "");
	const char *p;

	/* as the runner decodes them (actions/toolkit core: escapeData, escapeProperty) */
	for (p = u; *p; p++) {
		if (*p == '%')
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

static void add(struct annots *as, enum kind k, const char *file, size_t line, char *title, char *msg)
{
	XGROW(as->a, as->cap, as->n + 1);
	as->a[as->n].kind = k;
	as->a[as->n].file = file ? xstrdup(file) : NULL;
	as->a[as->n].line = line;
	as->a[as->n].title = title;
	as->a[as->n].msg = msg;
	as->n++;
}

static void put_cmd(FILE *f, const struct annot *a)
{
	char *t = report_github_escape(a->title, 1), *m = report_github_escape(a->msg, 0);
	fprintf(f, "::%s ", kind_cmd[a->kind]);
	if (a->file) {
		char *file = report_github_escape(a->file, 1);
		fprintf(f, "file=%s,line=%zu,", file, a->line);
		free(file);
	}
	fprintf(f, "title=%s::%s\n", t, m);
	free(t);
	free(m);
}

static char *sprintf_new(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

static char *sprintf_new(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

/* Every finding, each in its kind; order within a kind follows the report. */
static void collect(struct annots *as, const struct report *r)
{
	const struct verdict *v = r->verdict;
	size_t i, pass;

	/* required first, then expected, then notices: GitHub keeps the first 10 of each kind */
	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < v->nrules; i++) {
			const struct rule_result *rr = &v->rules[i];
			const struct rule *ru = rr->rule;
			enum kind k = ru->level == LEVEL_REQUIRED   ? K_ERROR
				      : ru->level == LEVEL_EXPECTED ? K_WARNING
								    : K_NOTICE;
			size_t line;
			const char *file;
			if (!outcome_fails(rr->outcome) || (size_t)k != pass)
				continue;
			file = report_rule_location(r, rr, &line);
			add(as, k, file, line,
			    sprintf_new("proofgate %s %s: %s", level_name(ru->level),
					rr->outcome == OUTCOME_ERROR ? "error" : "gap", ru->id),
			    sprintf_new("%s: %s\n%s: %s", text_get(&ru->title, r->lang), rr->message,
					r->lang == LANG_AR ? "الخطوة الآمنة التالية" : "Next safe step",
					text_get(&ru->next_step, r->lang)));
		}
	for (i = 0; i < v->nrules; i++) {
		const struct rule_result *rr = &v->rules[i];
		size_t line;
		const char *file;
		if (rr->outcome != OUTCOME_WAIVED)
			continue;
		file = report_rule_location(r, rr, &line);
		add(as, K_NOTICE, file, line, sprintf_new("proofgate waived: %s", rr->rule->id),
		    sprintf_new("%s is waived until %s (owner %s): %s\nWithout the waiver: %s",
				text_get(&rr->rule->title, r->lang), rr->waiver->expires, rr->waiver->owner,
				rr->waiver->reason, rr->message));
	}
	for (i = 0; i < v->nwaivers; i++) {
		const struct waiver_result *wr = &v->waivers[i];
		if (wr->state == WAIVER_USED || (wr->rule >= 0 && v->rules[wr->rule].waiver == wr->waiver))
			continue;
		add(as, K_NOTICE, r->policy_file, (size_t)wr->waiver->at.line,
		    sprintf_new("proofgate unused waiver: %s", wr->waiver->rule),
		    sprintf_new("the waiver for '%s'%s%s matches no failing rule; remove it", wr->waiver->rule,
				wr->state == WAIVER_EXPIRED ? " expired on " : "",
				wr->state == WAIVER_EXPIRED ? wr->waiver->expires : ""));
	}
	for (i = 0; i < r->nnotes; i++)
		add(as, K_NOTICE, r->policy_file, 1, xstrdup("proofgate policy"), xstrdup(r->notes[i]));
}

static void put_group(FILE *f, const struct report *r, const struct domain_result *d)
{
	const struct verdict *v = r->verdict;
	char *t = sprintf_new("%s: %s", text_get(&d->domain->title, r->lang), status_label(d->status, r->lang));
	char *et = report_github_escape(t, 0);
	size_t j, k;

	fprintf(f, "::group::%s\n", et);
	for (j = 0; j < d->nrules; j++) {
		const struct rule_result *rr = &v->rules[d->rules[j]];
		char *m = report_safe(rr->message);
		fprintf(f, "%-6s %-8s %s  %s\n", outcome_name(rr->outcome), level_name(rr->rule->level), rr->rule->id,
			m);
		free(m);
		for (k = 0; k < rr->nev && k < 5; k++) {
			char *p = report_safe(rr->ev[k]->path);
			if (rr->ev[k]->line)
				fprintf(f, "       evidence: %s:%zu\n", p, rr->ev[k]->line);
			else
				fprintf(f, "       evidence: %s\n", p);
			free(p);
		}
		if (outcome_fails(rr->outcome))
			fprintf(f, "       next: %s\n", text_get(&rr->rule->next_step, r->lang));
	}
	fputs("::endgroup::\n", f);
	free(et);
	free(t);
}

/* Which branch and which gate applied, as a plain log line. */
static void put_gate(FILE *f, const struct report *r)
{
	const struct gate *g = &r->verdict->gate;
	char *pat = g->pattern ? report_safe(g->pattern) : NULL, *br = g->branch ? report_safe(g->branch) : NULL;
	fprintf(f, "gate: fail-on %s (%s%s%s%s)", fail_on_name(g->fail_on), g->fail_on_source, pat ? " '" : "",
		pat ? pat : "", pat ? "'" : "");
	if (br)
		fprintf(f, ", branch %s (from %s)", br, g->branch_source ? g->branch_source : "revision");
	fputc('\n', f);
	free(pat);
	free(br);
}

int report_github(FILE *f, const struct report *r)
{
	struct annots as = {NULL, 0, 0};
	size_t count[3] = {0, 0, 0}, sent[3] = {0, 0, 0}, limit[3], i, dropped = 0;

	collect(&as, r);
	for (i = 0; i < as.n; i++)
		count[as.a[i].kind]++;
	for (i = 0; i < 3; i++) {
		limit[i] = REPORT_GITHUB_PER_KIND;
		if (count[i] > limit[i])
			dropped += count[i] - limit[i];
	}
	/* the closing annotation is a notice: keep a place for it */
	if (dropped || count[K_NOTICE] > REPORT_GITHUB_PER_KIND) {
		limit[K_NOTICE] = REPORT_GITHUB_PER_KIND - 1;
		dropped = 0;
		for (i = 0; i < 3; i++)
			if (count[i] > limit[i])
				dropped += count[i] - limit[i];
	}
	for (i = 0; i < as.n; i++) {
		enum kind k = as.a[i].kind;
		if (sent[k] >= limit[k])
			continue;
		sent[k]++;
		put_cmd(f, &as.a[i]);
	}
	if (dropped) {
		struct annot more = {K_NOTICE, NULL, 0, NULL, NULL};
		more.title = sprintf_new("proofgate: %zu more finding%s", dropped, dropped == 1 ? "" : "s");
		more.msg =
			sprintf_new("GitHub shows %d annotations of each kind per step; %zu more (%zu error%s, %zu "
				    "warning%s, %zu notice%s) are in the job summary and in this step's log, one group "
				    "per domain",
				    REPORT_GITHUB_PER_KIND, dropped, count[K_ERROR] - sent[K_ERROR],
				    count[K_ERROR] - sent[K_ERROR] == 1 ? "" : "s", count[K_WARNING] - sent[K_WARNING],
				    count[K_WARNING] - sent[K_WARNING] == 1 ? "" : "s",
				    count[K_NOTICE] - sent[K_NOTICE], count[K_NOTICE] - sent[K_NOTICE] == 1 ? "" : "s");
		put_cmd(f, &more);
		free(more.title);
		free(more.msg);
	}
	for (i = 0; i < as.n; i++) {
		free(as.a[i].file);
		free(as.a[i].title);
		free(as.a[i].msg);
	}
	free(as.a);

	for (i = 0; i < r->verdict->ndomains; i++)
		put_group(f, r, &r->verdict->domains[i]);
	put_gate(f, r);
	return report_verdict_line(f, r);
}
