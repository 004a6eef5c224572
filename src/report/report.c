/* report.c - what the report formats share: safe text, signals, next steps, escapes, GitHub annotations. */
#include "report/report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/page.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/utf8.h"

/* A bidi embedding, override or isolate (U+202A..U+202E, U+2066..U+2069) at p: it reorders what follows. */
static int reorders(const unsigned char *p)
{
	return p[0] == 0xe2 &&
	       ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) || (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9));
}

char *report_safe(const char *s)
{
	struct buf b = BUF_INIT, out = BUF_INIT;
	const unsigned char *p;
	buf_put_safe(&b, s, strlen(s));
	if (!b.ptr)
		return buf_detach(&b);
	/* and the bidi controls that reorder shown as \u202e, as the page does (page.c); the marks stay */
	for (p = (const unsigned char *)b.ptr; *p; p++) {
		if (p[0] == 0xe2 && p[1] && p[2] && reorders(p)) {
			buf_printf(&out, "\\u%04x", ((unsigned)(p[1] & 0x3f) << 6) | (p[2] & 0x3f) | 0x2000);
			p += 2;
		} else {
			buf_putc(&out, (char)*p);
		}
	}
	buf_free(&b);
	return buf_detach(&out);
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

const char *report_rule_location_in_tree(const struct report *r, const struct rule_result *rr, size_t *line)
{
	const char *file = report_rule_location(r, rr, line);
	git_tree_entry *e = NULL;
	/* evidence and near misses were read from the tree */
	if (rr->nev || rr->nmisses)
		return file;
	if (!r->target || !r->target->tree || git_tree_entry_bypath(&e, r->target->tree, file) < 0)
		return NULL;
	git_tree_entry_free(e);
	return file;
}

/* The first file at the top of the tree whose name starts with "readme" in any case (entries are sorted), or NULL. */
static const char *root_readme(const git_tree *tree)
{
	size_t i, n = git_tree_entrycount(tree);
	for (i = 0; i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		if (git_tree_entry_type(e) == GIT_OBJECT_BLOB && !strncasecmp(git_tree_entry_name(e), "readme", 6))
			return git_tree_entry_name(e);
	}
	return NULL;
}

const char *report_rule_anchor(const struct report *r, const struct rule_result *rr, size_t *line)
{
	const char *file = report_rule_location_in_tree(r, rr, line);
	git_tree_entry *e = NULL;
	if (file)
		return file;
	*line = 1;
	if (!r->target || !r->target->tree)
		return report_rule_location(r, rr, line);
	file = r->policy_file ? r->policy_file : ".proofgate.yml";
	if (git_tree_entry_bypath(&e, r->target->tree, file) == 0) {
		git_tree_entry_free(e);
		return file;
	}
	if ((file = root_readme(r->target->tree)))
		return file;
	/* a tree with neither: the place the rule asks for, as before */
	return report_rule_location(r, rr, line);
}

char *report_regression_part(const struct gate *g, enum lang lang)
{
	const char *state;
	if (!g->regression)
		return NULL;
	if (lang == LANG_AR) {
		state = !g->compared ? "لم يُفحص (لا أساس للمقارنة: scan --base REV أو proofgate diff)"
			: g->regressed ? "ساء شيء"
				       : "لم يسؤ شيء";
		return report_printf("شرط التراجع (%s): %s", page_source_word(g->regression_source, lang), state);
	}
	state = !g->compared   ? "not checked (no base to compare with: scan --base REV, or proofgate diff)"
		: g->regressed ? "something got worse"
			       : "nothing got worse";
	return report_printf("regression part (%s): %s", g->regression_source, state);
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

char *report_printf(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

void report_fput_safe(FILE *f, const char *s)
{
	char *safe = report_safe(s);
	fputs(safe, f);
	free(safe);
}

/* ---- JSON ------------------------------------------------------------------------ */

json_t *report_json_text(const char *s)
{
	char *safe = report_safe(s ? s : "");
	json_t *j = json_string(safe);
	free(safe);
	return j;
}

json_t *report_json_evidence(const struct evidence *e)
{
	json_t *o = json_object();
	json_object_set_new(o, "path", report_json_text(e->path));
	json_object_set_new(o, "line", e->line ? json_integer((json_int_t)e->line) : json_null());
	json_object_set_new(o, "blob", json_string(e->blob));
	return o;
}

json_t *report_json_tool(const struct report *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string("proofgate"));
	json_object_set_new(o, "version", json_string(r->version));
	return o;
}

json_t *report_json_repository(const struct report *r)
{
	const struct repo_target *t = r->target;
	json_t *o = json_object();
	json_object_set_new(o, "name", r->repo_name ? report_json_text(r->repo_name) : json_null());
	json_object_set_new(o, "name_source",
			    r->repo_name && r->repo_name_source ? json_string(r->repo_name_source) : json_null());
	json_object_set_new(o, "rev", report_json_text(t->rev));
	json_object_set_new(o, "commit", json_string(t->commit_hex));
	json_object_set_new(o, "tree", json_string(t->tree_hex));
	json_object_set_new(o, "branch", t->branch ? report_json_text(t->branch) : json_null());
	json_object_set_new(o, "commit_time", json_integer((json_int_t)t->commit_time));
	return o;
}

char *report_repo_name(const char *remote)
{
	const char *path = NULL, *p, *colon, *slash;
	size_t n;

	if (!remote || !*remote || !strncmp(remote, "file://", 7))
		return NULL;
	if ((p = strstr(remote, "://"))) {
		/* scheme://[user[:token]@]host[:port]/path */
		path = strchr(p + 3, '/');
	} else if ((colon = strchr(remote, ':')) && (!(slash = strchr(remote, '/')) || colon < slash) &&
		   colon > remote) {
		/* scp-like [user@]host:path (a local path has a slash before any colon) */
		path = colon + 1;
	}
	if (!path)
		return NULL;
	while (*path == '/')
		path++;
	n = strlen(path);
	while (n && path[n - 1] == '/')
		n--;
	if (n > 4 && !memcmp(path + n - 4, ".git", 4))
		n -= 4;
	while (n && path[n - 1] == '/')
		n--;
	if (!n)
		return NULL;
	for (p = path; p < path + n; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '?' || *p == '#')
			return NULL;
	return xstrndup(path, n);
}

json_t *report_json_gate(const struct gate *g)
{
	json_t *o = json_object();
	json_object_set_new(o, "fail_on", json_string(fail_on_name(g->fail_on)));
	json_object_set_new(o, "source", json_string(g->fail_on_source));
	json_object_set_new(o, "branch", g->branch ? report_json_text(g->branch) : json_null());
	json_object_set_new(o, "passed", json_boolean(g->passed && g->decided));
	json_object_set_new(o, "decided", json_boolean(g->decided));
	json_object_set_new(o, "branch_source", g->branch_source ? json_string(g->branch_source) : json_null());
	json_object_set_new(o, "pattern", g->pattern ? report_json_text(g->pattern) : json_null());
	if (g->regression) {
		json_t *reg = json_object();
		json_object_set_new(reg, "source", json_string(g->regression_source ? g->regression_source : "policy"));
		json_object_set_new(reg, "compared", json_boolean(g->compared));
		json_object_set_new(reg, "regressed", json_boolean(g->regressed));
		json_object_set_new(o, "regression", reg);
	}
	return o;
}

/* ---- Markdown and XML text ------------------------------------------------------- */

void report_md_text(struct buf *b, const char *s)
{
	char *safe;
	const char *p;
	if (!s)
		return;
	safe = report_safe(s);
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

size_t report_markdown_room(long have)
{
	return have > 0 && (size_t)have < REPORT_MARKDOWN_MAX / 2 ? REPORT_MARKDOWN_MAX - (size_t)have
								  : REPORT_MARKDOWN_MAX / 2;
}

void report_xml_text(struct buf *b, const char *s)
{
	char *safe;
	const char *p;
	if (!s)
		return;
	safe = report_safe(s);
	for (p = safe; *p; p++) {
		switch (*p) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&apos;");
			break;
		default:
			buf_putc(b, *p);
		}
	}
	free(safe);
}

/* ---- GitHub annotations ----------------------------------------------------------- */

static const char *const annot_cmd[] = {"error", "warning", "notice"};

void report_annot_add(struct report_annots *as, enum report_annot_kind kind, const char *file, size_t line, char *title,
		      char *msg)
{
	XGROW(as->a, as->cap, as->n + 1);
	as->a[as->n].kind = kind;
	as->a[as->n].file = file ? xstrdup(file) : NULL;
	as->a[as->n].line = line;
	as->a[as->n].title = title;
	as->a[as->n].msg = msg;
	as->n++;
}

static void put_annot(FILE *f, const struct report_annot *a)
{
	char *t = report_github_escape(a->title, 1), *m = report_github_escape(a->msg, 0);
	fprintf(f, "::%s ", annot_cmd[a->kind]);
	if (a->file) {
		char *file = report_github_escape(a->file, 1);
		fprintf(f, "file=%s,line=%zu,", file, a->line);
		free(file);
	}
	fprintf(f, "title=%s::%s\n", t, m);
	free(t);
	free(m);
}

int report_annots_write(FILE *f, const struct report_annots *as, enum lang lang, const char *rest_where)
{
	enum { NK = 3 };
	size_t count[NK] = {0, 0, 0}, sent[NK] = {0, 0, 0}, limit[NK], i, dropped = 0;

	for (i = 0; i < as->n; i++)
		count[as->a[i].kind]++;
	for (i = 0; i < NK; i++) {
		limit[i] = REPORT_GITHUB_PER_KIND;
		if (count[i] > limit[i])
			dropped += count[i] - limit[i];
	}
	/* the closing annotation is a notice: keep a place for it */
	if (dropped || count[REPORT_ANNOT_NOTICE] > REPORT_GITHUB_PER_KIND) {
		limit[REPORT_ANNOT_NOTICE] = REPORT_GITHUB_PER_KIND - 1;
		dropped = 0;
		for (i = 0; i < NK; i++)
			if (count[i] > limit[i])
				dropped += count[i] - limit[i];
	}
	for (i = 0; i < as->n; i++) {
		enum report_annot_kind k = as->a[i].kind;
		if (sent[k] >= limit[k])
			continue;
		sent[k]++;
		put_annot(f, &as->a[i]);
	}
	if (dropped) {
		size_t e = count[REPORT_ANNOT_ERROR] - sent[REPORT_ANNOT_ERROR],
		       w = count[REPORT_ANNOT_WARNING] - sent[REPORT_ANNOT_WARNING],
		       n = count[REPORT_ANNOT_NOTICE] - sent[REPORT_ANNOT_NOTICE];
		struct report_annot more = {REPORT_ANNOT_NOTICE, NULL, 0, NULL, NULL};
		/* Arabic says the counts as "errors: 3": no noun has to agree with its number */
		if (lang == LANG_AR) {
			more.title = report_printf("proofgate: ملاحظات أخرى: %zu", dropped);
			more.msg = report_printf(
				"يعرض GitHub %d ملاحظات من كل نوع في الخطوة الواحدة؛ والباقي (العدد: %zu، "
				"منها أخطاء: %zu، تحذيرات: %zu، ملاحظات: %zu) %s",
				REPORT_GITHUB_PER_KIND, dropped, e, w, n, rest_where);
		} else {
			more.title = report_printf("proofgate: %zu more finding%s", dropped, dropped == 1 ? "" : "s");
			more.msg = report_printf(
				"GitHub shows %d annotations of each kind per step; %zu more (%zu error%s, "
				"%zu warning%s, %zu notice%s) are %s",
				REPORT_GITHUB_PER_KIND, dropped, e, e == 1 ? "" : "s", w, w == 1 ? "" : "s", n,
				n == 1 ? "" : "s", rest_where);
		}
		put_annot(f, &more);
		free(more.title);
		free(more.msg);
	}
	return ferror(f) ? -1 : 0;
}

void report_annots_free(struct report_annots *as)
{
	size_t i;
	if (!as)
		return;
	for (i = 0; i < as->n; i++) {
		free(as->a[i].file);
		free(as->a[i].title);
		free(as->a[i].msg);
	}
	free(as->a);
	memset(as, 0, sizeof(*as));
}
