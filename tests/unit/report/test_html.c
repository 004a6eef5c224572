/* test_html.c - the readiness page: escaping, bidi isolation, links, the scan page and the org page. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/org.h"
#include "report/page.h"
#include "report/report.h"
#include "verdict/gate.h"

static char *text_of(void (*fn)(struct buf *, const char *), const char *s)
{
	struct buf b = BUF_INIT;
	fn(&b, s);
	return buf_detach(&b);
}

static void check_text(const char *in, const char *want)
{
	char *got = text_of(page_text, in);
	assert_string_equal(got, want);
	free(got);
}

static void test_text_escapes_markup_quotes_bidi_and_controls(void **state)
{
	(void)state;
	check_text("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
	check_text("a \"b\" 'c' & d", "a &quot;b&quot; &#39;c&#39; &amp; d");
	/* RLO, LRE, PDF, RLI and PDI are shown, never obeyed; RLM stays a mark */
	check_text("gpj.\xe2\x80\xae"
		   "exe",
		   "gpj.\\u202eexe");
	check_text("\xe2\x80\xaa\xe2\x80\xac\xe2\x81\xa7\xe2\x81\xa9", "\\u202a\\u202c\\u2067\\u2069");
	check_text("\xe2\x80\x8f", "\xe2\x80\x8f");
	check_text("bell\x07tab\tesc\x1b", "bell\\x07tab\\x09esc\\x1b");
	check_text("caf\xe9\xc2\x9b", "caf\\xe9\\xc2\\x9b");
	check_text("النشر والبيئات", "النشر والبيئات");
	check_text("", "");
}

static void test_rich_isolates_code_and_patterns(void **state)
{
	char *got;
	(void)state;
	got = text_of(page_rich, "a file in `docs/<x>.md`, matching /a|b/; none");
	assert_string_equal(
		got,
		"a file in <code dir=\"ltr\">docs/&lt;x&gt;.md</code>, matching <code dir=\"ltr\">/a|b/</code>; none");
	free(got);
	/* a slash in prose is no pattern */
	got = text_of(page_rich, "routes /status and /health, and/or `x");
	assert_string_equal(got, "routes /status and /health, and/or `x");
	free(got);
	got = text_of(page_rich, "يطابق /(?i:restor|استعادة)/)؛ لا");
	assert_string_equal(got, "يطابق <code dir=\"ltr\">/(?i:restor|استعادة)/</code>)؛ لا");
	free(got);
	/* a slash inside a group, a class or an escape does not close the pattern */
	got = text_of(page_rich, "يطابق /^(?![ \\t]*(?:#|//))[^\\n]*?probe\"?:/)؛ لا");
	assert_string_equal(got, "يطابق <code dir=\"ltr\">/^(?![ \\t]*(?:#|//))[^\\n]*?probe&quot;?:/</code>)؛ لا");
	free(got);
	got = text_of(page_rich, "matching /a[/) ]b\\/ c/ or /(x/ y");
	assert_string_equal(got, "matching <code dir=\"ltr\">/a[/) ]b\\/ c/</code> or <code dir=\"ltr\">/(x/</code> y");
	free(got);
}

static void test_auto_marks_untranslated_text(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;
	page_auto(&b, "Backup proof", LANG_AR, 0);
	page_auto(&b, "إثبات <b>", LANG_AR, 0);
	page_auto(&b, "Backup proof", LANG_EN, 0);
	assert_string_equal(buf_cstr(&b), "<bdi lang=\"en\" dir=\"ltr\">Backup proof</bdi><bdi>إثبات &lt;b&gt;</bdi>"
					  "<bdi>Backup proof</bdi>");
	/* an English sentence quoting Arabic code or a pattern is English */
	buf_clear(&b);
	page_auto(&b, "does not match /(?i:استعادة)/ in `نسخ.md`", LANG_AR, 1);
	assert_true(!strncmp(buf_cstr(&b), "<bdi lang=\"en\" dir=\"ltr\">does not match ", 40));
	buf_clear(&b);
	page_auto(&b, "لا يطابق /(?i:restore)/", LANG_AR, 1);
	assert_true(!strncmp(buf_cstr(&b), "<bdi>", 5));
	buf_free(&b);
}

static void test_url_only_http(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;
	assert_int_equal(page_url(&b, "javascript:alert(1)"), -1);
	assert_int_equal(page_url(&b, "data:text/html,x"), -1);
	assert_int_equal(page_url(&b, "https://example.invalid/a b"), -1);
	assert_int_equal(b.len, 0);
	assert_int_equal(page_url(&b, "https://example.invalid/x?a=1&b=\"2\""), 0);
	assert_string_equal(buf_cstr(&b), "https://example.invalid/x?a=1&amp;b=&quot;2&quot;");
	buf_free(&b);
}

#define C "c1719bcba2b8a968566982969018c273d92cd978"

static void check_base(const struct page_where *w, const char *want)
{
	char *got = page_link_base(w, C);
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_link_base_from_remote_and_ci(void **state)
{
	struct page_where w;
	(void)state;
	memset(&w, 0, sizeof(w));
	check_base(&w, NULL);
	w.remote = "https://x-access-token:secret@github.com/acme/api.git";
	check_base(&w, "https://github.com/acme/api/blob/" C "/");
	w.remote = "git@github.com:acme/api.git";
	check_base(&w, "https://github.com/acme/api/blob/" C "/");
	w.remote = "ssh://git@gitlab.com/group/sub/proj.git/";
	check_base(&w, "https://gitlab.com/group/sub/proj/-/blob/" C "/");
	/* a self-hosted GitLab: the CI's own server says how its pages are reached */
	w.remote = "https://gitlab-ci-token:xyz@git.example.com:8443/ops/api.git";
	w.gitlab_server = "http://git.example.com:8080";
	check_base(&w, "http://git.example.com:8080/ops/api/-/blob/" C "/");
	/* a host named gitlab is taken for one, on https */
	w.gitlab_server = NULL;
	w.remote = "git@gitlab.internal:ops/api.git";
	check_base(&w, "https://gitlab.internal/ops/api/-/blob/" C "/");
	/* GitHub Enterprise: the server URL names the host */
	w.remote = "git@ghe.example.com:ops/api.git";
	w.github_server = "https://ghe.example.com";
	check_base(&w, "https://ghe.example.com/ops/api/blob/" C "/");
	/* an unknown forge: plain paths, whatever the CI variables say */
	w.remote = "https://example.org/ops/api.git";
	w.github_repo = "acme/other";
	check_base(&w, NULL);
	/* no remote: the CI variables */
	w.remote = NULL;
	w.github_server = "https://github.com";
	check_base(&w, "https://github.com/acme/other/blob/" C "/");
	w.github_repo = NULL;
	w.gitlab_project = "https://gitlab.com/g/p/";
	check_base(&w, "https://gitlab.com/g/p/-/blob/" C "/");
	/* markup in a remote is percent-encoded; a non-web CI variable is refused */
	w.remote = "https://github.com/o/\"><script>x</script>.git";
	check_base(&w, "https://github.com/o/%22%3E%3Cscript%3Ex%3C/script%3E/blob/" C "/");
	w.remote = NULL;
	w.gitlab_project = "javascript:alert(1)//";
	check_base(&w, NULL);
}

static void test_file_links_percent_encoded(void **state)
{
	struct page pg;
	struct buf b = BUF_INIT;
	(void)state;
	memset(&pg, 0, sizeof(pg));
	page_file(&b, &pg, "docs/a b.md", 3);
	assert_string_equal(buf_cstr(&b), "<bdi dir=\"ltr\" class=\"path\">docs/a b.md:3</bdi>");
	buf_clear(&b);
	pg.link_base = "https://github.com/o/r/blob/" C "/";
	page_file(&b, &pg, "docs/#1 \"x\".md", 0);
	assert_string_equal(buf_cstr(&b), "<a href=\"https://github.com/o/r/blob/" C "/docs/%231%20%22x%22.md\">"
					  "<bdi dir=\"ltr\" class=\"path\">docs/#1 &quot;x&quot;.md</bdi></a>");
	buf_free(&b);
}

/* ---- the scan page, over a pack and made-up leaf states ----------------------- */

static const char *PACK =
	"domains:\n"
	"  - {id: deploy, order: 1, title: {en: 'Deploy <script>x()</script>', ar: 'النشر <script>'}}\n"
	"  - {id: backup, order: 2, title: {en: Backup, ar: النسخ الاحتياطي}}\n"
	"proofs:\n"
	"  - {id: p1, title: {en: Deploy proof, ar: إثبات النشر}, description: {en: Deploys are shown}}\n"
	"rules:\n"
	"  - {id: deploy.runbook, domain: deploy, level: required, proofs: [p1],\n"
	"     title: {en: Runbook, ar: دليل التشغيل}, next_step: {en: Write it, ar: اكتبه},\n"
	"     evidence: {file: {paths: docs/deploy.md}}}\n"
	"  - {id: deploy.ci, domain: deploy, level: required, title: {en: CI, ar: التكامل المستمر},\n"
	"     next_step: {en: Add CI, ar: أضف التكامل المستمر}, evidence: {file: {paths: ci.yml}}}\n"
	"  - {id: deploy.a, domain: deploy, level: expected, title: A, next_step: a, evidence: {file: {paths: a}}}\n"
	"  - {id: deploy.b, domain: deploy, level: expected, title: B, next_step: b, evidence: {file: {paths: b}}}\n"
	"  - {id: deploy.c, domain: deploy, level: expected, title: C, next_step: c, evidence: {file: {paths: c}}}\n"
	"  - {id: deploy.d, domain: deploy, level: expected, title: D, next_step: d, evidence: {file: {paths: d}}}\n"
	"  - {id: deploy.e, domain: deploy, level: expected, title: E, next_step: e, evidence: {file: {paths: e}}}\n"
	"  - {id: backup.script, domain: backup, level: required, title: {en: Backup script, ar: سكربت},\n"
	"     links: ['javascript:alert(1)', 'https://example.invalid/runbook'],\n"
	"     next_step: {en: Add one, ar: أضف واحداً}, evidence: {file: {paths: backup.sh}}}\n";

struct fx {
	struct rules *rs;
	struct scan_result scan;
	struct verdict *v;
	struct repo_target t;
	struct report r;
	char path[64];
	char plain[6][2];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->rs = load_rules_string(PACK);
	assert_int_equal(f->rs->diags.n, 0);
	f->scan.nleaves = f->rs->nleaves;
	f->scan.leaves = calloc(f->rs->nleaves, sizeof(*f->scan.leaves));
	for (size_t i = 0; i < f->rs->nleaves; i++)
		f->scan.leaves[i].newest_day = -1;
	/* deploy.runbook passes on a path made of markup and an override */
	strcpy(f->path, "docs/<img src=x onerror=y>\xe2\x80\xae.md");
	f->scan.leaves[0].nselected = f->scan.leaves[0].nsatisfied = 1;
	f->scan.leaves[0].nev = 1;
	f->scan.leaves[0].ev[0].path = f->path;
	f->scan.leaves[0].ev[0].line = 7;
	strcpy(f->scan.leaves[0].ev[0].blob, "0123456789012345678901234567890123456789");
	/* six more pass on plain paths: the signal names four and says how many more */
	for (size_t i = 0; i < 6; i++) {
		struct leaf_state *st = &f->scan.leaves[1 + i];
		f->plain[i][0] = (char)('a' + i);
		st->nselected = st->nsatisfied = st->nev = 1;
		st->ev[0].path = f->plain[i];
		strcpy(st->ev[0].blob, "0123456789012345678901234567890123456789");
	}
	assert_int_equal(verdict_compute(&f->v, f->rs, &f->scan, 1780318800), 0);
	verdict_gate(f->v, FAIL_ON_NEVER, "default", "main");
	strcpy(f->t.commit_hex, C);
	strcpy(f->t.tree_hex, "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
	f->t.rev = (char *)"HEAD";
	f->t.branch = (char *)"main";
	f->t.commit_time = 1780318800;
	f->r.version = "0.1.0";
	f->r.target = &f->t;
	f->r.rules = f->rs;
	f->r.scan = &f->scan;
	f->r.verdict = f->v;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	verdict_free(f->v);
	free(f->scan.leaves);
	rules_free(f->rs);
	free(f);
	return 0;
}

static char *page_of(struct fx *f, enum lang lang, const char *base)
{
	struct page pg;
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	memset(&pg, 0, sizeof(pg));
	pg.link_base = base;
	f->r.lang = lang;
	assert_int_equal(report_html(m, &f->r, &pg), 0);
	fclose(m);
	return out;
}

/* The text from marker to end as a browser shows it: tags dropped, entities and \u escapes read back. */
static char *cell_text(const char *html, const char *marker, const char *end)
{
	static const char *const ent[][2] = {{"&lt;", "<"},    {"&gt;", ">"},  {"&amp;", "&"},
					     {"&quot;", "\""}, {"&#39;", "'"}, {"\\u202e", "\xe2\x80\xae"}};
	const char *p = strstr(html, marker), *e;
	struct buf b = BUF_INIT;
	int in_tag = 0;
	size_t k;
	assert_non_null(p);
	p = strchr(p, '>') + 1;
	e = strstr(p, end);
	assert_non_null(e);
	for (; p < e; p++) {
		if (*p == '<') {
			in_tag = 1;
		} else if (*p == '>') {
			in_tag = 0;
		} else if (!in_tag) {
			for (k = 0; k < sizeof(ent) / sizeof(ent[0]); k++)
				if (!strncmp(p, ent[k][0], strlen(ent[k][0])))
					break;
			if (k < sizeof(ent) / sizeof(ent[0])) {
				buf_puts(&b, ent[k][1]);
				p += strlen(ent[k][0]) - 1;
			} else {
				buf_putc(&b, *p);
			}
		}
	}
	return buf_detach(&b);
}

/* The summary's signal cell of domain i says what report_signal says. */
static void check_signal(struct fx *f, const char *html, size_t i)
{
	struct buf marker = BUF_INIT;
	char *got, *want, *cell;
	buf_printf(&marker, "<tr data-domain=\"%s\">", f->v->domains[i].domain->id);
	cell = strstr(html, buf_cstr(&marker));
	assert_non_null(cell);
	got = cell_text(cell, "<td class=\"c-signal\">", "</td>");
	want = report_signal(&f->r, &f->v->domains[i]);
	assert_string_equal(got, want);
	free(got);
	free(want);
	buf_free(&marker);
}

static void test_scan_page_escapes_everything_read(void **state)
{
	struct fx *f = *state;
	char *en = page_of(f, LANG_EN, NULL), *ar = page_of(f, LANG_AR, NULL);
	(void)state;
	/* the page's only elements are its own: nothing read becomes markup */
	assert_null(strstr(en, "<script"));
	assert_null(strstr(en, "<img"));
	assert_null(strstr(ar, "<script"));
	assert_non_null(strstr(en, "Deploy &lt;script&gt;x()&lt;/script&gt;"));
	assert_non_null(strstr(en, "docs/&lt;img src=x onerror=y&gt;\\u202e.md:7"));
	assert_null(strstr(en, "\xe2\x80\xae"));
	/* a link only where it is a web address */
	assert_null(strstr(en, "href=\"javascript"));
	assert_non_null(strstr(en, "<a href=\"https://example.invalid/runbook\">"));
	assert_non_null(strstr(en, "Content-Security-Policy"));
	free(en);
	free(ar);
}

static void test_scan_page_layout_and_languages(void **state)
{
	struct fx *f = *state;
	char *en = page_of(f, LANG_EN, "https://github.com/o/r/blob/" C "/"), *ar = page_of(f, LANG_AR, NULL), *sig,
	     *want;
	assert_non_null(strstr(en, "<html lang=\"en\" dir=\"ltr\">"));
	assert_non_null(strstr(ar, "<html lang=\"ar\" dir=\"rtl\">"));
	/* statuses in words, in their cells, and a card per domain in order */
	assert_non_null(strstr(en, "<tr data-domain=\"deploy\">"));
	assert_non_null(strstr(en, "<td class=\"c-status\"><span class=\"status s-ready\" data-status=\"ready\">"));
	assert_non_null(strstr(en, "data-status=\"blocked\"><span aria-hidden=\"true\">✗</span> blocked</span>"));
	assert_non_null(strstr(ar, "محجوب حتى يكتمل الدليل أو التكامل"));
	assert_true(strstr(en, "id=\"domain-1\"") < strstr(en, "id=\"domain-2\""));
	/* evidence linked at its line below the commit */
	assert_non_null(strstr(en, "<a href=\"https://github.com/o/r/blob/" C
				   "/docs/%3Cimg%20src%3Dx%20onerror%3Dy%3E%E2%80%AE.md#L7\">"));
	/* the signal says what report_signal says, each path isolated */
	assert_non_null(strstr(en, "(<a href=\"https://github.com/o/r/blob/" C
				   "/a\"><bdi dir=\"ltr\" class=\"path\">a</bdi></a>)"));
	f->r.lang = LANG_EN;
	check_signal(f, en, 0);
	check_signal(f, en, 1);
	sig = cell_text(en, "<tr data-domain=\"deploy\">", "</tr>");
	assert_non_null(strstr(sig, "; and 3 more"));
	free(sig);
	f->r.lang = LANG_AR;
	check_signal(f, ar, 0);
	check_signal(f, ar, 1);
	(void)want;
	/* the boundary: what was read, and no operations action */
	assert_non_null(strstr(en, "4b825dc642cb6eb9a060e54bf8d69288fbee4904"));
	assert_non_null(strstr(en, f->rs->digest));
	assert_non_null(strstr(en, "did not deploy"));
	assert_non_null(strstr(ar, "لا إجراء تشغيلي"));
	/* a proof description only in the page's language */
	assert_non_null(strstr(en, "Deploys are shown"));
	assert_null(strstr(ar, "Deploys are shown"));
	/* no English label left on the Arabic page */
	assert_null(strstr(ar, ">Evidence<"));
	assert_null(strstr(ar, "proven"));
	assert_null(strstr(ar, "Readiness summary"));
	free(en);
	free(ar);
}

static void test_changes_section(void **state)
{
	struct page pg;
	struct page_change ch[2] = {{"api", "Backup", STATUS_BLOCKED, STATUS_READY}, {"web", NULL, -1, 0}};
	struct buf b = BUF_INIT;
	(void)state;
	memset(&pg, 0, sizeof(pg));
	page_changes(&b, &pg);
	assert_int_equal(b.len, 0);
	pg.changes = ch;
	pg.nchanges = 2;
	pg.since = "org-<prev>.json";
	page_changes(&b, &pg);
	assert_non_null(strstr(buf_cstr(&b), "since <bdi dir=\"ltr\">org-&lt;prev&gt;.json</bdi>"));
	assert_non_null(strstr(buf_cstr(&b), "<th scope=\"col\">Repository</th>"));
	assert_non_null(strstr(buf_cstr(&b), "data-status=\"blocked\""));
	assert_non_null(strstr(buf_cstr(&b), "not there"));
	assert_non_null(strstr(buf_cstr(&b), "data-verdict=\"stop\""));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_escapes_markup_quotes_bidi_and_controls),
		cmocka_unit_test(test_rich_isolates_code_and_patterns),
		cmocka_unit_test(test_auto_marks_untranslated_text),
		cmocka_unit_test(test_url_only_http),
		cmocka_unit_test(test_link_base_from_remote_and_ci),
		cmocka_unit_test(test_file_links_percent_encoded),
		cmocka_unit_test_setup_teardown(test_scan_page_escapes_everything_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_page_layout_and_languages, setup, teardown),
		cmocka_unit_test(test_changes_section),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
