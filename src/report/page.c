/* page.c - what every HTML page shares: words, escaping, bidi isolation, links, style. */
#include "report/page.h"

#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/mem.h"

static const struct page_words EN = {
	.title = "Operations readiness",
	.org_title = "Operations readiness across repositories",
	.summary = "Readiness summary",
	.domain = "Domain",
	.status = "Status",
	.signal = "Current signal",
	.next = "Next safe step",
	.verdict = "Verdict",
	.gate = "Gate",
	.passed = "passed",
	.failed = "failed",
	.undecided = "undecided",
	.fails_on = "fails on",
	.branch = "Branch",
	.from = "from",
	.revision = "Revision",
	.commit = "Commit",
	.tree = "Tree",
	.committed = "Committed",
	.mode = "Mode",
	.mode_value = "read-only evidence scan",
	.boundary = "Boundary",
	.boundary_value = "no operations action: nothing was deployed, run, restored or changed",
	.proofs = "Proof boundary",
	.proven = "proven",
	.not_proven = "not proven",
	.of = " of ",
	.comma = ", ",
	.in = " in ",
	.rules = "Rules",
	.requires = "Requires",
	.domains = "Operations domains",
	.evidence = "Evidence",
	.looked = "Looked for and not found",
	.misses = "Found but does not count",
	.found = "Found",
	.waivers = "Waivers",
	.waived = "waived",
	.waiver_expired = "waiver expired",
	.owner = "owner",
	.expires = "expires",
	.expired_on = "expired on",
	.gaps = "Blocked gaps",
	.no_gaps = "No required or expected rule fails.",
	.rule = "Rule",
	.reason = "Reason",
	.state = "State",
	.unused_waiver = "unused waiver",
	.remove_it = "remove it",
	.turned_off = "turned off by the policy",
	.note = "Note",
	.skipped = "Not scanned",
	.and_more = "and more:",
	.read_title = "What this page read",
	.digest = "Rule pack digest",
	.packs = "Rule packs",
	.version = "proofgate version",
	.policy_file = "Policy file",
	.none = "none",
	.no_action_title = "No operations action",
	.no_action = "proofgate read this commit's objects and nothing else. It did not deploy, promote or roll back; "
		     "did not run, schedule or restore a backup; did not connect to a monitoring, alerting or paging "
		     "provider; did not open an incident or a ticket; and did not change the repository.",
	.org_no_action = "proofgate read the reports listed here and nothing else. It performed no operations action "
			 "in any repository: nothing was deployed, run, restored, opened or changed.",
	.changes = "What changed",
	.since = "since",
	.was = "was",
	.now = "now",
	.not_there = "not there",
	.no_changes = "Nothing changed.",
	.outcome = {"pass", "fail", "error", "waived", "off"},
	.level = {"required", "expected", "advisory"},
	.fail_on = {"blocked", "readiness-only", "never"},
	.repositories = "Repositories",
	.repository = "Repository",
	.proofs_proven = "Proofs proven",
	.per_domain = "Per domain",
	.unreadable = "Reports that could not be read",
	.no_repositories = "No report was merged.",
	.not_in_rules = "not in its rules",
	.status_short = {"ready", "readiness-only", "blocked"},
	.digests_differ = "These reports come from different rule packs, so their statuses do not measure the same "
			  "things:",
	.versions_differ = "These reports come from different proofgate versions:",
	.langs_differ = "Some reports are in another language; their domain titles stay in it:",
	.reports = "reports",
	.file = "File",
	.problem = "Problem",
	.read_reports = "Reports read",
	.open_failed = "cannot be opened",
	.not_json = "is not valid JSON",
	.truncated = "ends too early (truncated)",
	.bad_field = "lacks a field, or holds one of the wrong kind",
	.gates_failed = "gates failed",
	.gates_undecided = "gates undecided",
	.warning = "Warning",
};

static const struct page_words AR = {
	.title = "جاهزية الدعم والعمليات",
	.org_title = "جاهزية الدعم والعمليات عبر المستودعات",
	.summary = "ملخص جاهزية الدعم والعمليات",
	.domain = "المجال",
	.status = "الحالة",
	.signal = "الإشارة الحالية",
	.next = "الخطوة الآمنة التالية",
	.verdict = "الحكم",
	.gate = "البوابة",
	.passed = "نجحت",
	.failed = "فشلت",
	.undecided = "لم يُحسم",
	.fails_on = "تفشل عند",
	.branch = "الفرع",
	.from = "من",
	.revision = "المراجعة",
	.commit = "الإيداع",
	.tree = "الشجرة",
	.committed = "تاريخ الإيداع",
	.mode = "النمط",
	.mode_value = "قراءة فقط: فحص للأدلة",
	.boundary = "الحد",
	.boundary_value = "لا يوجد تعديل فعلي: لم يُنشر شيء ولم يُشغَّل ولم يُستعَد ولم يُغيَّر",
	.proofs = "حدود الإثبات",
	.proven = "مثبت",
	.not_proven = "غير مثبت",
	.of = " من ",
	.comma = "، ",
	.in = " في ",
	.rules = "القواعد",
	.requires = "يتطلب",
	.domains = "مجالات العمليات",
	.evidence = "الأدلة",
	.looked = "بُحث عنه ولم يوجد",
	.misses = "وُجد لكنه لا يُحتسب",
	.found = "وُجد",
	.waivers = "الإعفاءات",
	.waived = "معفاة",
	.waiver_expired = "انتهى الإعفاء",
	.owner = "المسؤول",
	.expires = "ينتهي في",
	.expired_on = "انتهى في",
	.gaps = "النواقص المحجوبة",
	.no_gaps = "لا قاعدة مطلوبة أو متوقعة فاشلة.",
	.rule = "القاعدة",
	.reason = "السبب",
	.state = "الحالة",
	.unused_waiver = "إعفاء غير مستخدم",
	.remove_it = "احذفه",
	.turned_off = "عطّلتها السياسة",
	.note = "ملاحظة",
	.skipped = "لم يُفحص",
	.and_more = "وغيرها:",
	.read_title = "ما قرأته هذه الصفحة",
	.digest = "بصمة حزم القواعد",
	.packs = "حزم القواعد",
	.version = "إصدار proofgate",
	.policy_file = "ملف السياسة",
	.none = "لا يوجد",
	.no_action_title = "لا إجراء تشغيلي",
	.no_action = "قرأ proofgate كائنات هذا الإيداع ولا شيء غيرها. لم ينشر ولم يرقِّ ولم يتراجع، ولم يشغّل نسخاً "
		     "احتياطياً ولم يجدوله ولم يستعده، ولم يتصل بمزوّد مراقبة أو تنبيه أو استدعاء، ولم يفتح حادثاً أو "
		     "تذكرة، ولم يغيّر المستودع.",
	.org_no_action = "قرأ proofgate التقارير المذكورة هنا ولا شيء غيرها، ولم يُجرِ أي إجراء تشغيلي في أي مستودع: "
			 "لم يُنشر شيء ولم يُشغَّل ولم يُستعَد ولم يُفتح ولم يُغيَّر.",
	.changes = "ما الذي تغيّر",
	.since = "منذ",
	.was = "كان",
	.now = "الآن",
	.not_there = "غير موجود",
	.no_changes = "لم يتغيّر شيء.",
	.outcome = {"نجحت", "فشلت", "خطأ", "معفاة", "معطّلة"},
	.level = {"مطلوبة", "متوقعة", "استشارية"},
	.fail_on = {"محجوب", "جاهزية فقط", "أبداً"},
	.repositories = "المستودعات",
	.repository = "المستودع",
	.proofs_proven = "الإثباتات المثبتة",
	.per_domain = "حسب المجال",
	.unreadable = "تقارير تعذّرت قراءتها",
	.no_repositories = "لم يُدمج أي تقرير.",
	.not_in_rules = "ليس في قواعده",
	.status_short = {"جاهز", "جاهزية فقط", "محجوب"},
	.digests_differ = "هذه التقارير من حزم قواعد مختلفة، فحالاتها لا تقيس الأشياء نفسها:",
	.versions_differ = "هذه التقارير من إصدارات مختلفة من proofgate:",
	.langs_differ = "بعض التقارير بلغة أخرى، وتبقى عناوين مجالاتها بها:",
	.reports = "التقارير",
	.file = "الملف",
	.problem = "المشكلة",
	.read_reports = "التقارير المقروءة",
	.open_failed = "تعذّر فتحه",
	.not_json = "ليس JSON صالحاً",
	.truncated = "ينتهي قبل أوانه (مقطوع)",
	.bad_field = "ينقصه حقل أو فيه حقل من نوع خاطئ",
	.gates_failed = "بوابات فاشلة",
	.gates_undecided = "بوابات لم تُحسم",
	.warning = "تحذير",
};

const struct page_words *page_words(enum lang lang)
{
	return lang == LANG_AR ? &AR : &EN;
}

const char *page_source_word(const char *source, enum lang lang)
{
	static const char *const map[][3] = {
		{"default", "default", "الافتراضي"},
		{"release branch", "release branch", "فرع إصدار"},
		{"policy", "policy", "السياسة"},
		{"revision", "revision", "المراجعة"},
	};
	size_t i;
	if (!source)
		return NULL;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(source, map[i][0]))
			return map[i][lang == LANG_AR ? 2 : 1];
	return source; /* an option or a variable name: code, the same in every language */
}

/*
 * The bidi controls that reorder what follows them (embeddings, overrides,
 * isolates): text read from a repository shows them as \u202e instead of
 * obeying them.  The marks (U+200E, U+200F, U+061C) only act as a letter
 * would, and stay.
 */
static int bidi_control(const unsigned char *p)
{
	if (p[0] != 0xe2)
		return 0;
	return (p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) || (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9);
}

static void put_escaped(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	for (; p < end; p++) {
		switch (*p) {
		case '&':
			buf_puts(b, "&amp;");
			continue;
		case '<':
			buf_puts(b, "&lt;");
			continue;
		case '>':
			buf_puts(b, "&gt;");
			continue;
		case '"':
			buf_puts(b, "&quot;");
			continue;
		case '\'':
			buf_puts(b, "&#39;");
			continue;
		}
		if (end - p >= 3 && bidi_control(p)) {
			unsigned cp = ((unsigned)(p[0] & 0x0f) << 12) | ((unsigned)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
			buf_printf(b, "\\u%04x", cp);
			p += 2;
			continue;
		}
		buf_putc(b, (char)*p);
	}
}

void page_text(struct buf *b, const char *s)
{
	char *safe;
	if (!s)
		return;
	/* invalid UTF-8 and control characters first become visible \xNN text */
	safe = report_safe(s);
	put_escaped(b, safe, strlen(safe));
	free(safe);
}

/* 1 when the byte after a closing slash at q ends a word: the end, a space, closing punctuation. */
static int slash_ends_word(const char *q)
{
	return !q[1] || strchr(" ),;:]", q[1]) || !strncmp(q + 1, "،", 2) || !strncmp(q + 1, "؛", 2);
}

/*
 * The end of a /pattern/ starting at p (after a space or '('), or NULL when
 * none: its closing slash ends a word and stands outside every group, class
 * and escape of the pattern, so /(?:#|//)x/ closes at its last slash. When
 * no slash does (an unbalanced pattern), the first that ends a word.
 */
static const char *pattern_end(const char *p)
{
	const char *q, *first = NULL;
	int depth = 0, in_class = 0;
	for (q = p + 1; *q; q++) {
		if (*q == '\\' && q[1]) {
			q++;
			continue;
		}
		if (in_class) {
			in_class = *q != ']';
			continue;
		}
		if (*q == '[') {
			in_class = 1;
			q += q[1] == '^';
			q += q[1] == ']';
			continue;
		}
		if (*q == '(' || *q == ')') {
			depth += *q == '(' ? 1 : -1;
			continue;
		}
		if (*q != '/' || q == p + 1 || !slash_ends_word(q))
			continue;
		if (!depth)
			return q + 1;
		if (!first)
			first = q + 1;
	}
	return first;
}

/* Plain text in which a /pattern/ (as explanations quote them) is isolated left to right. */
static void put_patterns(struct buf *b, const char *s, size_t len)
{
	const char *p = s, *end = s + len, *q;
	for (q = s; q < end; q++) {
		const char *close;
		if (*q != '/' || (q > s && q[-1] != ' ' && q[-1] != '(') || !(close = pattern_end(q)) || close > end)
			continue;
		put_escaped(b, p, (size_t)(q - p));
		buf_puts(b, "<code dir=\"ltr\">");
		put_escaped(b, q, (size_t)(close - q));
		buf_puts(b, "</code>");
		p = q = close;
		q--;
	}
	put_escaped(b, p, (size_t)(end - p));
}

void page_rich(struct buf *b, const char *s)
{
	char *safe;
	const char *p, *open, *close;
	if (!s)
		return;
	safe = report_safe(s);
	p = safe;
	while ((open = strchr(p, '`')) && (close = strchr(open + 1, '`'))) {
		put_patterns(b, p, (size_t)(open - p));
		buf_puts(b, "<code dir=\"ltr\">");
		put_escaped(b, open + 1, (size_t)(close - open - 1));
		buf_puts(b, "</code>");
		p = close + 1;
	}
	put_patterns(b, p, strlen(p));
	free(safe);
}

/* 1 when s holds a letter of the Arabic block (U+0600..U+06FF: lead bytes 0xd8..0xdb). */
/*
 * 1 when the prose of s holds a letter of the Arabic block (U+0600..U+06FF:
 * lead bytes 0xd8..0xdb); with rich, `code` and /patterns/ are no prose
 * (an English sentence quoting an Arabic pattern is still English).
 */
static int has_arabic(const char *s, int rich)
{
	const char *p, *close;
	for (p = s; *p; p++) {
		if (rich && *p == '`' && (close = strchr(p + 1, '`'))) {
			p = close;
			continue;
		}
		if (rich && *p == '/' && (p == s || p[-1] == ' ' || p[-1] == '(') && (close = pattern_end(p))) {
			p = close - 1;
			continue;
		}
		if ((unsigned char)*p >= 0xd8 && (unsigned char)*p <= 0xdb)
			return 1;
	}
	return 0;
}

void page_auto(struct buf *b, const char *s, enum lang lang, int rich)
{
	if (!s)
		return;
	buf_puts(b, lang == LANG_AR && !has_arabic(s, rich) ? "<bdi lang=\"en\" dir=\"ltr\">" : "<bdi>");
	if (rich)
		page_rich(b, s);
	else
		page_text(b, s);
	buf_puts(b, "</bdi>");
}

void page_ltr(struct buf *b, const char *s)
{
	buf_puts(b, "<bdi dir=\"ltr\">");
	page_text(b, s);
	buf_puts(b, "</bdi>");
}

void page_code(struct buf *b, const char *s)
{
	buf_puts(b, "<code dir=\"ltr\">");
	page_text(b, s);
	buf_puts(b, "</code>");
}

/* 1 for the bytes a URL may keep as they are (RFC 3986 unreserved, and '/'). */
static int url_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~/", c);
}

static void put_pct(struct buf *b, const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c && url_plain(c))
			buf_putc(b, (char)c);
		else
			buf_printf(b, "%%%02X", c);
	}
}

static int is_http(const char *url)
{
	return !strncmp(url, "https://", 8) || !strncmp(url, "http://", 7);
}

int page_url(struct buf *b, const char *url)
{
	const unsigned char *p;
	if (!url || !is_http(url))
		return -1;
	for (p = (const unsigned char *)url; *p; p++)
		if (*p <= ' ' || *p >= 0x7f)
			return -1;
	put_escaped(b, url, strlen(url));
	return 0;
}

void page_file(struct buf *b, const struct page *pg, const char *path, size_t line)
{
	if (pg->link_base) {
		buf_puts(b, "<a href=\"");
		put_escaped(b, pg->link_base, strlen(pg->link_base));
		put_pct(b, path, strlen(path));
		if (line)
			buf_printf(b, "#L%zu", line);
		buf_puts(b, "\">");
	}
	buf_puts(b, "<bdi dir=\"ltr\" class=\"path\">");
	page_text(b, path);
	if (line)
		buf_printf(b, ":%zu", line);
	buf_puts(b, "</bdi>");
	if (pg->link_base)
		buf_puts(b, "</a>");
}

static const char *status_class(enum status s)
{
	return s == STATUS_READY ? "s-ready" : s == STATUS_READINESS_ONLY ? "s-ro" : "s-blocked";
}

void page_status(struct buf *b, enum status s, enum lang lang, int short_words)
{
	const struct page_words *w = page_words(lang);
	/* the shape says it too, for readers who do not see the colour */
	static const char *const sign[] = {"✓", "◐", "✗"};
	buf_printf(b, "<span class=\"status %s\" data-status=\"%s\"><span aria-hidden=\"true\">%s</span> ",
		   status_class(s), status_name(s), sign[s]);
	buf_puts(b, short_words ? w->status_short[s] : status_label(s, lang));
	buf_puts(b, "</span>");
}

void page_verdict(struct buf *b, int go, enum lang lang)
{
	buf_printf(b, "<span class=\"status %s\" data-verdict=\"%s\"><span aria-hidden=\"true\">%s</span> %s</span>",
		   go ? "s-ready" : "s-blocked", go ? "go" : "stop", go ? "✓" : "✗", report_verdict_word(go, lang));
}

/*
 * One style for every page: no web font, no image, no script.  Colours meet
 * WCAG AA contrast (4.5:1 and more); each status also says itself in words
 * and in a sign.  Cards are never split across printed pages; long paths
 * wrap instead of widening a phone's screen.
 */
static const char STYLE[] =
	":root{--ink:#1f2328;--muted:#505a64;--line:#c8d1da;--soft:#f3f5f7;--link:#0b55b8;"
	"--ok:#0f5323;--ok-bg:#dcf5e1;--ro:#6a4200;--ro-bg:#fdf0c4;--bad:#8c0d20;--bad-bg:#fde2df}"
	"*{box-sizing:border-box}"
	"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}"
	"body{margin:0 auto;max-width:75rem;padding:1rem 1.25rem 3rem;color:var(--ink);background:#fff;"
	"font:16px/1.55 system-ui,\"Noto Sans\",\"DejaVu Sans\",sans-serif;overflow-wrap:break-word}"
	"html[lang=ar] body{font-family:\"Noto Naskh Arabic\",\"Noto Sans Arabic\",\"DejaVu Sans\",sans-serif;"
	"line-height:1.75}"
	"bdi,[dir]{unicode-bidi:isolate}"
	"code,.path{font-family:\"DejaVu Sans Mono\",\"Noto Sans Mono\",monospace;font-size:.88em;"
	"overflow-wrap:anywhere}"
	"code{background:var(--soft);border-radius:.2rem;padding:0 .2rem}"
	"a{color:var(--link)}"
	"h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}"
	"h2{font-size:1.35rem;margin:2.25rem 0 .75rem;padding-bottom:.3rem;border-bottom:2px solid var(--line)}"
	"h3{font-size:1.15rem;margin:0 0 .5rem}"
	"h4{font-size:1rem;margin:1rem 0 .35rem}"
	"p,ul,dl{margin:.4rem 0}"
	"ul{padding-inline-start:1.4rem}"
	"li{margin:.2rem 0}"
	".muted{color:var(--muted)}"
	".lead{font-size:1.1rem;margin:.5rem 0 1rem}"
	"dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem}"
	"dl.facts dt{font-weight:600}"
	"dl.facts dd{margin:0}"
	"table{border-collapse:collapse;width:100%;margin:.5rem 0}"
	"table.fixed{table-layout:fixed}"
	"th,td{border:1px solid var(--line);padding:.45rem .55rem;vertical-align:top;text-align:start}"
	"thead th{background:var(--soft)}"
	"tbody th{font-weight:600}"
	".status{display:inline-block;padding:.05rem .55rem;border:1px solid;border-radius:1rem;font-weight:600;"
	"white-space:nowrap}"
	"td .status,h3 .status{white-space:normal}"
	".s-ready{color:var(--ok);background:var(--ok-bg)}"
	".s-ro{color:var(--ro);background:var(--ro-bg)}"
	".s-blocked{color:var(--bad);background:var(--bad-bg)}"
	".card{border:1px solid var(--line);border-inline-start:.45rem solid var(--line);border-radius:.4rem;"
	"padding:.8rem 1rem;margin:1rem 0;break-inside:avoid;page-break-inside:avoid}"
	".card.s-ready{border-inline-start-color:var(--ok);background:#fff}"
	".card.s-ro{border-inline-start-color:var(--ro);background:#fff}"
	".card.s-blocked{border-inline-start-color:var(--bad);background:#fff}"
	".card-head{display:flex;flex-wrap:wrap;gap:.35rem 1rem;align-items:baseline;justify-content:space-between}"
	".card-head>*{min-width:0}"
	".outcome{font-weight:600}"
	".o-fail,.o-error{color:var(--bad)}"
	".o-pass{color:var(--ok)}"
	".o-waived,.o-off{color:var(--muted)}"
	".banner{border:1px solid var(--ro);background:var(--ro-bg);color:var(--ink);border-radius:.4rem;"
	"padding:.6rem .9rem;margin:1rem 0}"
	".matrix td,.matrix th{text-align:center}"
	".matrix tbody th,.matrix td.name{text-align:start}"
	".narrow{display:none}"
	".summary .c-domain{width:20%}"
	".summary .c-status{width:17%}"
	".summary .c-signal{width:33%}"
	".summary .c-next{width:30%}"
	"footer{margin-top:2.5rem;border-top:2px solid var(--line);padding-top:.5rem}"
	"@media (max-width:45rem){"
	"body{padding:.75rem .75rem 2rem;font-size:15px}"
	"h1{font-size:1.4rem}"
	"dl.facts{grid-template-columns:minmax(0,1fr)}"
	"dl.facts dd{margin-inline-start:.75rem}"
	"th,td{padding:.35rem .4rem}"
	".wide{display:none}"
	".narrow{display:block}"
	"table{table-layout:fixed}"
	/* a phone's summary names each domain and its status; its card below holds the rest */
	".summary .c-signal,.summary .c-next{display:none}"
	".summary .c-domain,.summary .c-status{width:auto}}"
	"@media print{"
	"body{max-width:none;padding:0;font-size:10.5pt}"
	"a{color:inherit;text-decoration:none}"
	".wide{display:table}"
	".narrow{display:none}"
	".summary .c-domain{width:20%}"
	".summary .c-status{width:17%}"
	".summary .c-signal{width:33%}"
	".summary .c-next{width:30%}"
	"h2,h3,h4{break-after:avoid;page-break-after:avoid}"
	"tr,li{break-inside:avoid;page-break-inside:avoid}}";

void page_begin(struct buf *b, const struct page *pg, const char *title, const char *what)
{
	int ar = pg->lang == LANG_AR;
	buf_printf(b,
		   "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		   /* no script, no network: even a page some text escaped badly could not run or fetch anything */
		   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
		   "'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		   "<meta name=\"generator\" content=\"proofgate\">\n"
		   "<link rel=\"icon\" href=\"data:,\">\n<title>",
		   ar ? "ar" : "en", ar ? "rtl" : "ltr");
	page_text(b, title);
	if (what) {
		buf_puts(b, ": ");
		page_text(b, what);
	}
	buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<h1>", STYLE);
	page_text(b, title);
	if (what) {
		buf_puts(b, ": ");
		page_ltr(b, what);
	}
	buf_puts(b, "</h1>\n");
}

void page_end(struct buf *b)
{
	buf_puts(b, "</main>\n</body>\n</html>\n");
}

static void put_change_side(struct buf *b, const struct page_change *c, int v, enum lang lang)
{
	const struct page_words *w = page_words(lang);
	if (v < 0)
		buf_printf(b, "<span class=\"muted\">%s</span>", w->not_there);
	else if (!c->domain)
		page_verdict(b, v, lang);
	else
		page_status(b, (enum status)v, lang, 1);
}

void page_changes(struct buf *b, const struct page *pg)
{
	const struct page_words *w = page_words(pg->lang);
	size_t i;
	int repos = 0;

	if (!pg->nchanges && !pg->since)
		return;
	for (i = 0; i < pg->nchanges; i++)
		repos |= pg->changes[i].repo != NULL;
	buf_printf(b, "<section aria-labelledby=\"changes\">\n<h2 id=\"changes\">%s", w->changes);
	if (pg->since) {
		buf_printf(b, " <span class=\"muted\">%s ", w->since);
		page_ltr(b, pg->since);
		buf_puts(b, "</span>");
	}
	buf_puts(b, "</h2>\n");
	if (!pg->nchanges) {
		buf_printf(b, "<p>%s</p>\n</section>\n", w->no_changes);
		return;
	}
	buf_puts(b, "<table class=\"changes\">\n<thead><tr>");
	if (repos)
		buf_printf(b, "<th scope=\"col\">%s</th>", w->repository);
	buf_printf(
		b,
		"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		w->domain, w->was, w->now);
	for (i = 0; i < pg->nchanges; i++) {
		const struct page_change *c = &pg->changes[i];
		buf_puts(b, "<tr>");
		if (repos) {
			buf_puts(b, "<td>");
			page_ltr(b, c->repo ? c->repo : "");
			buf_puts(b, "</td>");
		}
		buf_puts(b, "<td>");
		if (c->domain) {
			buf_puts(b, "<bdi>");
			page_text(b, c->domain);
			buf_puts(b, "</bdi>");
		} else {
			buf_puts(b, w->verdict);
		}
		buf_puts(b, "</td><td>");
		put_change_side(b, c, c->before, pg->lang);
		buf_puts(b, "</td><td>");
		put_change_side(b, c, c->after, pg->lang);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

int page_write(FILE *f, const struct buf *b)
{
	return fwrite(buf_cstr(b), 1, b->len, f) == b->len && !ferror(f) ? 0 : -1;
}

/* ---- where a repository lives ---------------------------------------------- */

enum forge { FORGE_NONE, FORGE_GITHUB, FORGE_GITLAB };

/* The host (with any port) of an http(s) URL, as a length at *host; 0 when it is not one. */
static size_t url_host(const char *url, const char **host)
{
	const char *p;
	if (!url || !is_http(url))
		return 0;
	p = strstr(url, "://") + 3;
	*host = p;
	return strcspn(p, "/?#");
}

static int same_host(const char *a, size_t alen, const char *url)
{
	const char *h;
	size_t hlen = url_host(url, &h), i;
	/* the web server's port is not the ssh remote's: compare names only */
	size_t an = strcspn(a, ":"), hn;
	if (an > alen)
		an = alen;
	if (!hlen)
		return 0;
	hn = strcspn(h, ":/?#");
	if (hn > hlen)
		hn = hlen;
	if (an != hn)
		return 0;
	for (i = 0; i < an; i++)
		if ((a[i] | 0x20) != (h[i] | 0x20))
			return 0;
	return 1;
}

static int host_has(const char *h, size_t n, const char *word)
{
	size_t wl = strlen(word), i, k;
	for (i = 0; i + wl <= n; i++) {
		for (k = 0; k < wl && (h[i + k] | 0x20) == word[k]; k++)
			;
		if (k == wl)
			return 1;
	}
	return 0;
}

/* The web address of a repository from its remote URL (https, ssh, scp-like), or NULL; caller frees. */
static char *remote_web(const struct page_where *w, enum forge *forge)
{
	const char *u = w->remote, *host, *path, *at, *p;
	size_t hlen, plen;
	struct buf b = BUF_INIT;
	const char *server = NULL;

	if (!u || !*u)
		return NULL;
	if (is_http(u) || !strncmp(u, "ssh://", 6) || !strncmp(u, "git://", 6)) {
		const char *hend, *cred = NULL;
		host = strstr(u, "://") + 3;
		hend = host + strcspn(host, "/");
		/* credentials (user:token@) never reach the page */
		for (p = host; p < hend; p++)
			if (*p == '@')
				cred = p;
		if (cred)
			host = cred + 1;
		hlen = (size_t)(hend - host);
		path = host + hlen;
		if (*path == '/')
			path++;
		/* an ssh port is no part of the web address */
		if (!is_http(u))
			hlen = strcspn(host, ":/");
	} else if ((at = strchr(u, ':')) && (!(p = strchr(u, '/')) || at < p)) {
		/* scp-like: [user@]host:path */
		host = u;
		if ((p = memchr(u, '@', (size_t)(at - u))))
			host = p + 1;
		hlen = (size_t)(at - host);
		path = at + 1;
	} else {
		return NULL;
	}
	plen = strlen(path);
	while (plen && path[plen - 1] == '/')
		plen--;
	if (plen > 4 && !memcmp(path + plen - 4, ".git", 4))
		plen -= 4;
	if (!hlen || !plen)
		return NULL;
	for (p = host; p < host + hlen; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      strchr(".-:", *p)))
			return NULL;

	if ((hlen == 10 && !strncmp(host, "github.com", 10)) || same_host(host, hlen, w->github_server)) {
		*forge = FORGE_GITHUB;
		if (same_host(host, hlen, w->github_server))
			server = w->github_server;
	} else if ((hlen == 10 && !strncmp(host, "gitlab.com", 10)) || same_host(host, hlen, w->gitlab_server) ||
		   host_has(host, hlen, "gitlab")) {
		*forge = FORGE_GITLAB;
		if (same_host(host, hlen, w->gitlab_server))
			server = w->gitlab_server;
	} else {
		return NULL;
	}
	if (server) {
		/* the CI's own server says how its web pages are reached (scheme, port) */
		const char *h = server;
		size_t n = url_host(server, &h);
		buf_put(&b, server, (size_t)(h - server) + n);
	} else {
		buf_puts(&b, "https://");
		buf_put(&b, host, strcspn(host, ":") < hlen ? strcspn(host, ":") : hlen);
	}
	buf_putc(&b, '/');
	put_pct(&b, path, plen);
	return buf_detach(&b);
}

char *page_link_base(const struct page_where *w, const char *commit)
{
	enum forge forge = FORGE_NONE;
	char *web = remote_web(w, &forge);
	struct buf b = BUF_INIT;
	const char *p;

	/* a remote elsewhere is another repository than the CI's own: no link beats a wrong one */
	if (web || (w->remote && *w->remote))
		;
	else if (w->github_server && w->github_repo && *w->github_repo && is_http(w->github_server)) {
		struct buf g = BUF_INIT;
		size_t n = strlen(w->github_server);
		while (n && w->github_server[n - 1] == '/')
			n--;
		buf_put(&g, w->github_server, n);
		buf_putc(&g, '/');
		put_pct(&g, w->github_repo, strlen(w->github_repo));
		web = buf_detach(&g);
		forge = FORGE_GITHUB;
	} else if (w->gitlab_project && is_http(w->gitlab_project)) {
		size_t n = strlen(w->gitlab_project);
		while (n && w->gitlab_project[n - 1] == '/')
			n--;
		web = xstrndup(w->gitlab_project, n);
		forge = FORGE_GITLAB;
	}
	if (!web)
		return NULL;
	for (p = commit; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			break;
	if (*p || p == commit) {
		free(web);
		return NULL;
	}
	buf_puts(&b, web);
	buf_puts(&b, forge == FORGE_GITLAB ? "/-/blob/" : "/blob/");
	buf_puts(&b, commit);
	buf_putc(&b, '/');
	free(web);
	/* what came from the environment must still be a plain URL */
	for (p = buf_cstr(&b); *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || strchr("\"'<>\\`", *p)) {
			buf_free(&b);
			return NULL;
		}
	return buf_detach(&b);
}
