/* report_ci.c - what the CI formats share: where a finding belongs, UTF-8 checks, GITHUB_OUTPUT. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

/* 1 when s is valid UTF-8 (controls allowed). */
int report_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t len, i;
		unsigned long cp;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			len = 2, cp = *p & 0x1f;
		else if (*p >= 0xe0 && *p <= 0xef)
			len = 3, cp = *p & 0x0f;
		else if (*p >= 0xf0 && *p <= 0xf4)
			len = 4, cp = *p & 0x07;
		else
			return 0;
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		p += len;
	}
	return 1;
}

char *report_utf8_copy(const char *s)
{
	return report_utf8_valid(s ? s : "") ? xstrdup(s ? s : "") : report_safe(s);
}

static const struct leaf *first_leaf(const struct cond *c)
{
	size_t i;
	if (!c)
		return NULL;
	if (c->kind == COND_LEAF)
		return c->leaf;
	for (i = 0; i < c->nkids; i++) {
		const struct leaf *l = first_leaf(c->kids[i]);
		if (l)
			return l;
	}
	return NULL;
}

const char *report_rule_location(const struct report *r, const struct rule_result *rr, size_t *line)
{
	const struct leaf *l;

	*line = 1;
	if (rr->nev) {
		*line = rr->ev[0]->line ? rr->ev[0]->line : 1;
		return rr->ev[0]->path;
	}
	if (rr->nmisses) {
		*line = rr->misses[0].at->line ? rr->misses[0].at->line : 1;
		return rr->misses[0].at->path;
	}
	/* nothing found: the file the rule asks for when it names one exactly, else the policy file */
	l = first_leaf(rr->rule->evidence);
	if (l && l->npaths && !strpbrk(l->paths[0]->src, "*?[]{}\\")) {
		const char *p = l->paths[0]->src;
		while (*p == '/')
			p++;
		if (*p && p[strlen(p) - 1] != '/')
			return p;
	}
	return r->policy_file ? r->policy_file : ".proofgate.yml";
}

/* An output name: letters, digits, - and _ only. */
static void put_name(struct buf *b, const char *prefix, const char *id)
{
	buf_puts(b, prefix);
	for (; *id; id++) {
		unsigned char ch = (unsigned char)*id;
		buf_putc(b, (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
					    ch == '_' || ch == '-'
				    ? (char)ch
				    : '-');
	}
}

/* name=value, or the heredoc form when value holds a line break (as the runner reads GITHUB_OUTPUT). */
static void put_output(struct buf *b, const char *name, const char *value)
{
	if (!strpbrk(value, "\r\n")) {
		buf_printf(b, "%s=%s\n", name, value);
		return;
	}
	{
		const char *delim = "proofgate_EOF_f3b1c9";
		char alt[64];
		int n = 0;
		while (strstr(value, delim)) {
			snprintf(alt, sizeof(alt), "proofgate_EOF_f3b1c9_%d", ++n);
			delim = alt;
		}
		buf_printf(b, "%s<<%s\n%s\n%s\n", name, delim, value, delim);
	}
}

int report_github_output(FILE *f, const struct report *r, const char *const *names, const char *const *paths, size_t n)
{
	const struct verdict *v = r->verdict;
	struct buf b = BUF_INIT, name = BUF_INIT;
	json_t *statuses = json_object();
	char *js;
	size_t i;
	int rc;

	put_output(&b, "verdict", v->go ? "go" : "stop");
	put_output(&b, "gate", !v->gate.decided ? "undecided" : v->gate.passed ? "passed" : "failed");
	put_output(&b, "fail-on", fail_on_name(v->gate.fail_on));
	for (i = 0; i < v->ndomains; i++) {
		const struct domain_result *d = &v->domains[i];
		buf_clear(&name);
		put_name(&name, "status-", d->domain->id);
		put_output(&b, buf_cstr(&name), status_name(d->status));
		json_object_set_new(statuses, d->domain->id, json_string(status_name(d->status)));
	}
	js = json_dumps(statuses, JSON_COMPACT | JSON_PRESERVE_ORDER);
	put_output(&b, "statuses", js ? js : "{}");
	free(js);
	json_decref(statuses);
	for (i = 0; i < n; i++) {
		char *p = report_utf8_copy(paths[i]);
		put_output(&b, names[i], p);
		free(p);
	}
	rc = fwrite(b.ptr ? b.ptr : "", 1, b.len, f) == b.len ? 0 : -1;
	buf_free(&name);
	buf_free(&b);
	return rc;
}
