/* log.c - readiness over a history: entries filled from verdicts, written as text, JSON or CSV. */
#include "report/log.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report/page.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/mem.h"
#include "util/utf8.h"

/* The commit column: the first 12 hex digits. */
#define GIT_OID_HEXSZ_SHORT 12

static void add_change(struct log_entry *e, size_t *cap, enum log_change_kind kind, const char *id, const char *from,
		       const char *to, enum diff_dir dir)
{
	struct log_change *c;
	XGROW(e->changes, *cap, e->nchanges + 1);
	c = &e->changes[e->nchanges++];
	c->kind = kind;
	c->id = xstrdup(id);
	c->from = from;
	c->to = to;
	c->dir = dir;
}

void report_log_entry_fill(struct log_entry *e, const struct verdict *v, const struct verdict_diff *d,
			   const char *digest, enum lang lang)
{
	size_t i, cap = 0;

	e->go = v->go;
	e->ndomains = v->ndomains;
	e->domains = xcalloc(v->ndomains + 1, sizeof(*e->domains));
	for (i = 0; i < v->ndomains; i++) {
		e->domains[i].id = xstrdup(v->domains[i].domain->id);
		e->domains[i].title = xstrdup(text_get(&v->domains[i].domain->title, lang));
		e->domains[i].status = v->domains[i].status;
	}
	e->nproofs = v->nproofs;
	for (i = 0; i < v->nproofs; i++)
		e->proven += v->proofs[i].proven;
	snprintf(e->digest, sizeof(e->digest), "%s", digest);
	if (!d)
		return;
	e->compared = 1;
	for (i = 0; i < d->ndomains; i++) {
		const struct domain_change *c = &d->domains[i];
		if (c->dir != DIFF_SAME)
			add_change(e, &cap, LOG_DOMAIN, c->id, c->base ? status_name(c->base->status) : "absent",
				   c->head ? status_name(c->head->status) : "absent", c->dir);
	}
	for (i = 0; i < d->nproofs; i++) {
		const struct proof_change *c = &d->proofs[i];
		if (c->dir != DIFF_SAME)
			add_change(e, &cap, LOG_PROOF, c->id,
				   !c->base	     ? "absent"
				   : c->base->proven ? "proven"
						     : "unproven",
				   !c->head	     ? "absent"
				   : c->head->proven ? "proven"
						     : "unproven",
				   c->dir);
	}
	for (i = 0; i < d->nrules; i++) {
		const struct rule_change *c = &d->rules[i];
		if (c->dir != DIFF_SAME)
			add_change(e, &cap, LOG_RULE, c->id, c->base ? outcome_name(c->base->outcome) : "absent",
				   c->head ? outcome_name(c->head->outcome) : "absent", c->dir);
	}
}

void report_log_entry_free(struct log_entry *e)
{
	size_t i;
	if (!e)
		return;
	for (i = 0; i < e->ndomains; i++) {
		free(e->domains[i].id);
		free(e->domains[i].title);
	}
	for (i = 0; i < e->nchanges; i++)
		free(e->changes[i].id);
	free(e->domains);
	free(e->changes);
	free(e->subject);
	free(e->tags);
	free(e->error);
	memset(e, 0, sizeof(*e));
}

static const char *const kind_names[] = {"domain", "proof", "rule"};

/* The text report's words, in each language; the status and outcome words are the page's (page_words). */
struct log_words {
	const char *log, *log_end, *tagged, *first_parent, *newest_first, *rules, *builtin, *no_builtin, *comma,
		*own_policy, *one_policy, *one_policy_end, *digest, *freshness, *commit, *date, *verdict, *proofs,
		*changed, *error, *proof, *absent, *sep, *note, *from_newest, *not_judged_policy, *not_judged_tree,
		*stopped_shallow;
	/* the noun after a count: 1, 2, 3 to 10, 11 to 99, hundreds; Arabic says 1 and 2 in the noun alone */
	const char *commits[5];
};

static const struct log_words EN = {
	.log = "proofgate ",
	.log_end = " log: ",
	.tagged = "tagged commits",
	.first_parent = "first-parent history",
	.newest_first = "newest first",
	.rules = "rules: ",
	.builtin = "the built-in pack",
	.no_builtin = "no built-in pack",
	.comma = ", ",
	.own_policy = ", and each commit's own .proofgate.yml and the packs it names (--rules-from-commit)",
	.one_policy = ", and .proofgate.yml of commit ",
	.one_policy_end = " with the packs it names, for every commit (--rules-from-commit: each commit's own)",
	.digest = "; digest ",
	.freshness = "freshness: measured from each commit's own date",
	.commit = "commit",
	.date = "date",
	.verdict = "verdict",
	.proofs = "proofs",
	.changed = "what changed",
	.error = "error",
	.proof = "proof ",
	.absent = "absent",
	.sep = "; ",
	.note = "note",
	.from_newest = LOG_FROM_NEWEST,
	.not_judged_policy = LOG_NOT_JUDGED_POLICY,
	.not_judged_tree = LOG_NOT_JUDGED_TREE,
	.stopped_shallow = LOG_STOPPED_SHALLOW,
	.commits = {"commit", "commits", "commits", "commits", "commits"},
};

/* Paths, ids, digests, options and commands stay as they are inside the Arabic text. */
static const struct log_words AR = {
	.log = "سجل proofgate ",
	.log_end = ": ",
	.tagged = "الإيداعات الموسومة",
	.first_parent = "تاريخ الأب الأول",
	.newest_first = "الأحدث أولاً",
	.rules = "القواعد: ",
	.builtin = "الحزمة المدمجة",
	.no_builtin = "بلا الحزمة المدمجة",
	.comma = "، ",
	.own_policy = "، و\u200e.proofgate.yml كل إيداع والحزم التي يسمّيها (--rules-from-commit)",
	.one_policy = "، و\u200e.proofgate.yml الإيداع ",
	.one_policy_end = " والحزم التي يسمّيها، لكل إيداع (--rules-from-commit: ملف كل إيداع)",
	.digest = "؛ البصمة ",
	.freshness = "الحداثة: تُقاس من تاريخ كل إيداع",
	.commit = "الإيداع",
	.date = "التاريخ",
	.verdict = "الحكم",
	.proofs = "الإثباتات",
	.changed = "ما الذي تغيّر",
	.error = "خطأ",
	.proof = "الإثبات ",
	.absent = "غائب",
	.sep = "؛ ",
	.note = "ملاحظة",
	.from_newest = "أحدث إيداع في القائمة",
	.not_judged_policy = "لم يُحكم عليه: في \u200e.proofgate.yml الخاص به أو في حزمة قواعد يسمّيها مشكلات (انظر "
			     "الخطأ القياسي)",
	.not_judged_tree = "لم يُحكم عليه: تعذّر المرور على شجرته (انظر الخطأ القياسي)",
	.stopped_shallow = "يتوقف التاريخ عند حدود هذا الاستنساخ السطحي؛ يسرد الأمر git fetch --unshallow الباقي",
	.commits = {"إيداع واحد", "إيداعان", "إيداعات", "إيداعاً", "إيداع"},
};

static const struct log_words *log_words(enum lang lang)
{
	return lang == LANG_AR ? &AR : &EN;
}

/* One of log.h's phrases in w's language; other text (a libgit2 message) as it is. */
static const char *phrase(const struct log_words *w, const char *s)
{
	if (!strcmp(s, LOG_FROM_NEWEST))
		return w->from_newest;
	if (!strcmp(s, LOG_NOT_JUDGED_POLICY))
		return w->not_judged_policy;
	if (!strcmp(s, LOG_NOT_JUDGED_TREE))
		return w->not_judged_tree;
	if (!strcmp(s, LOG_STOPPED_SHALLOW))
		return w->stopped_shallow;
	return s;
}

/* "17 commits", "17 إيداعاً": the Arabic noun as the number asks (one, two, 3 to 10, 11 to 99, hundreds). */
static void put_commits(struct buf *b, enum lang lang, size_t n)
{
	const struct log_words *w = log_words(lang);
	size_t last = n % 100;
	int form = n == 1 ? 0 : n == 2 ? 1 : (last >= 3 && last <= 10) ? 2 : last >= 11 ? 3 : 4;
	if (lang == LANG_AR && form < 2)
		buf_puts(b, w->commits[form]);
	else
		buf_printf(b, "%zu %s", n, w->commits[form]);
}

/* Columns a terminal gives s: one per code point, none for Arabic vowel marks. */
static size_t columns_of(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	for (; *p; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;
		/* U+064B..U+065F (harakat, shadda, sukun) and U+0670: 0xD9 0x8B..0x9F, 0xD9 0xB0 */
		if (p[0] == 0xD9 && ((p[1] >= 0x8B && p[1] <= 0x9F) || p[1] == 0xB0))
			continue;
		n++;
	}
	return n;
}

/* Appends s padded with blanks to width columns. */
static void put_pad(struct buf *b, const char *s, size_t width)
{
	size_t n = columns_of(s);
	buf_puts(b, s);
	for (; n < width; n++)
		buf_putc(b, ' ');
}

/* A change's from or to word (log.h's static English words) in lang. */
static const char *change_word(const struct log_change *c, const char *word, enum lang lang)
{
	const struct page_words *pw = page_words(lang);
	int i;
	if (!strcmp(word, "absent"))
		return log_words(lang)->absent;
	if (c->kind == LOG_DOMAIN) {
		for (i = STATUS_READY; i <= STATUS_BLOCKED; i++)
			if (!strcmp(word, status_name((enum status)i)))
				return pw->status_short[i];
	} else if (c->kind == LOG_RULE) {
		for (i = OUTCOME_PASS; i <= OUTCOME_OFF; i++)
			if (!strcmp(word, outcome_name((enum outcome)i)))
				return pw->outcome[i];
	} else if (lang == LANG_AR) {
		return !strcmp(word, "proven") ? pw->proven : pw->not_proven;
	}
	return word;
}

/* "backup: ready -> blocked; proof backup: proven -> unproven; backup.restore: pass -> fail" */
static void put_changes(struct buf *b, const struct log_entry *e, enum lang lang)
{
	const struct log_words *w = log_words(lang);
	size_t i;
	for (i = 0; i < e->nchanges; i++) {
		const struct log_change *c = &e->changes[i];
		buf_printf(b, "%s%s%s: %s -> %s", i ? w->sep : "", c->kind == LOG_PROOF ? w->proof : "", c->id,
			   change_word(c, c->from, lang), change_word(c, c->to, lang));
	}
}

static const struct log_status *status_of(const struct log_entry *e, const char *id)
{
	size_t i;
	for (i = 0; i < e->ndomains; i++)
		if (!strcmp(e->domains[i].id, id))
			return &e->domains[i];
	return NULL;
}

/* The entry whose domains name the columns: the newest one judged, or NULL. */
static const struct log_entry *columns(const struct log_report *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		if (!l->entries[i].error)
			return &l->entries[i];
	return NULL;
}

static void day_of(char out[64], long long t)
{
	date_format_day(out, date_day_of((int64_t)t));
}

/* The rule set that judged the commits, in one line. */
static void put_rules_line(struct buf *b, const struct log_report *l, const struct log_words *w)
{
	size_t i;
	buf_puts(b, w->rules);
	buf_puts(b, l->builtin ? w->builtin : w->no_builtin);
	for (i = 0; i < l->npacks; i++) {
		buf_puts(b, w->comma);
		buf_put_safe(b, l->packs[i], strlen(l->packs[i]));
	}
	if (l->rules_from_commit)
		buf_puts(b, w->own_policy);
	else if (l->policy_commit)
		buf_printf(b, "%s%.12s (%s)%s", w->one_policy, l->policy_commit, phrase(w, l->policy_from),
			   w->one_policy_end);
	if (!l->rules_from_commit && l->n)
		buf_printf(b, "%s%s", w->digest, l->entries[0].digest);
	buf_printf(b, "\n%s\n", w->freshness);
}

/* The widths of the verdict and status columns: their longest word in lang. */
static void column_widths(enum lang lang, size_t *verdict, size_t *status)
{
	const struct log_words *w = log_words(lang);
	const struct page_words *pw = page_words(lang);
	const char *v[] = {w->verdict, w->error, report_verdict_word(1, lang), report_verdict_word(0, lang)};
	size_t i;
	*verdict = *status = 0;
	for (i = 0; i < sizeof(v) / sizeof(*v); i++)
		if (columns_of(v[i]) > *verdict)
			*verdict = columns_of(v[i]);
	for (i = 0; i < 3; i++)
		if (columns_of(pw->status_short[i]) > *status)
			*status = columns_of(pw->status_short[i]);
}

/* The header: what was listed, the rules, and the columns' names. */
static void put_head(struct buf *b, const struct log_report *l, const struct log_entry *top, size_t vw, size_t sw)
{
	const struct log_words *w = log_words(l->lang);
	size_t j;

	buf_printf(b, "%s%s%s", w->log, l->version, w->log_end);
	buf_put_safe(b, l->range, strlen(l->range));
	buf_printf(b, "%s%s%s%s%s", w->comma, l->tags ? w->tagged : w->first_parent, w->comma, w->newest_first,
		   w->comma);
	put_commits(b, l->lang, l->n);
	buf_puts(b, "\n");
	put_rules_line(b, l, w);
	buf_puts(b, "\n");
	put_pad(b, w->commit, GIT_OID_HEXSZ_SHORT);
	buf_puts(b, "  ");
	put_pad(b, w->date, 10);
	buf_puts(b, "  ");
	put_pad(b, w->verdict, vw);
	buf_puts(b, " ");
	for (j = 0; top && j < top->ndomains; j++) {
		size_t idw = columns_of(top->domains[j].id);
		buf_puts(b, " ");
		put_pad(b, top->domains[j].id, idw > sw ? idw : sw);
	}
	buf_puts(b, "  ");
	put_pad(b, w->proofs, 0);
	buf_printf(b, "  %s\n", w->changed);
}

/* One commit's line. */
static void put_entry(struct buf *b, const struct log_report *l, const struct log_entry *e, const struct log_entry *top,
		      size_t vw, size_t sw)
{
	const struct log_words *w = log_words(l->lang);
	const struct page_words *pw = page_words(l->lang);
	char day[64], proofs[64];
	size_t j;

	day_of(day, e->time);
	buf_printf(b, "%.12s  %s  ", e->commit, day);
	if (e->error) {
		put_pad(b, w->error, vw);
		buf_printf(b, "  %s\n", phrase(w, e->error));
		return;
	}
	put_pad(b, report_verdict_word(e->go, l->lang), vw);
	buf_puts(b, " ");
	for (j = 0; top && j < top->ndomains; j++) {
		const struct log_status *s = status_of(e, top->domains[j].id);
		size_t idw = columns_of(top->domains[j].id);
		buf_puts(b, " ");
		put_pad(b, s ? pw->status_short[s->status] : "-", idw > sw ? idw : sw);
	}
	snprintf(proofs, sizeof(proofs), "%zu/%-4zu", e->proven, e->nproofs);
	buf_puts(b, "  ");
	put_pad(b, proofs, columns_of(w->proofs));
	if (e->nchanges) {
		buf_puts(b, "  * ");
		put_changes(b, e, l->lang);
	}
	if (e->tags) {
		buf_puts(b, "  (");
		buf_put_safe(b, e->tags, strlen(e->tags));
		buf_puts(b, ")");
	}
	/* trailing blanks of a line without changes */
	while (b->len && b->ptr[b->len - 1] == ' ')
		b->ptr[--b->len] = '\0';
	buf_puts(b, "\n");
}

int report_log_text(FILE *f, const struct log_report *l)
{
	const struct log_entry *top = columns(l);
	const struct log_words *w = log_words(l->lang);
	struct buf b = BUF_INIT;
	size_t i, vw, sw;
	int rc;

	column_widths(l->lang, &vw, &sw);
	put_head(&b, l, top, vw, sw);
	for (i = 0; i < l->n; i++)
		put_entry(&b, l, &l->entries[i], top, vw, sw);
	if (l->stopped)
		buf_printf(&b, "\n%s: %s\n", w->note, phrase(w, l->stopped));
	rc = fwrite(buf_cstr(&b), 1, b.len, f) == b.len ? 0 : -1;
	buf_free(&b);
	return rc;
}

int report_log_json(FILE *f, const struct log_report *l)
{
	json_t *root = json_object(), *tool = json_object(), *rules = json_object(), *commits = json_array(), *a;
	size_t i, j;
	int rc;

	json_object_set_new(tool, "name", json_string("proofgate"));
	json_object_set_new(tool, "version", json_string(l->version));
	json_object_set_new(root, "tool", tool);
	json_object_set_new(root, "kind", json_string("log"));
	json_object_set_new(root, "range", report_json_text(l->range));
	json_object_set_new(root, "history", json_string(l->tags ? "tags" : "first-parent"));
	json_object_set_new(rules, "from", json_string(l->rules_from_commit ? "each commit" : "one policy"));
	json_object_set_new(rules, "policy_commit", l->policy_commit ? json_string(l->policy_commit) : json_null());
	json_object_set_new(rules, "builtin", json_boolean(l->builtin));
	a = json_array();
	for (i = 0; i < l->npacks; i++)
		json_array_append_new(a, report_json_text(l->packs[i]));
	json_object_set_new(rules, "packs", a);
	json_object_set_new(root, "rules", rules);
	json_object_set_new(root, "stopped", l->stopped ? report_json_text(l->stopped) : json_null());
	for (i = 0; i < l->n; i++) {
		const struct log_entry *e = &l->entries[i];
		json_t *o = json_object(), *doms = json_object(), *proofs = json_object(), *ch = json_array();
		char day[64];
		day_of(day, e->time);
		json_object_set_new(o, "commit", json_string(e->commit));
		json_object_set_new(o, "date", json_string(day));
		json_object_set_new(o, "time", json_integer((json_int_t)e->time));
		json_object_set_new(o, "subject", report_json_text(e->subject));
		a = json_array();
		if (e->tags) {
			const char *p = e->tags;
			while (*p) {
				const char *end = strstr(p, ", ");
				size_t n = end ? (size_t)(end - p) : strlen(p);
				char *t = xstrndup(p, n);
				json_array_append_new(a, report_json_text(t));
				free(t);
				p += n + (end ? 2 : 0);
			}
		}
		json_object_set_new(o, "tags", a);
		json_object_set_new(o, "verdict", json_string(e->error ? "error" : e->go ? "go" : "stop"));
		json_object_set_new(o, "error", e->error ? json_string(e->error) : json_null());
		json_object_set_new(o, "rules_digest", e->error ? json_null() : json_string(e->digest));
		for (j = 0; j < e->ndomains; j++)
			json_object_set_new(doms, e->domains[j].id, json_string(status_name(e->domains[j].status)));
		json_object_set_new(o, "domains", doms);
		json_object_set_new(proofs, "proven", json_integer((json_int_t)e->proven));
		json_object_set_new(proofs, "total", json_integer((json_int_t)e->nproofs));
		json_object_set_new(o, "proofs", proofs);
		json_object_set_new(o, "compared", json_boolean(e->compared));
		for (j = 0; j < e->nchanges; j++) {
			const struct log_change *c = &e->changes[j];
			json_t *co = json_object();
			json_object_set_new(co, "kind", json_string(kind_names[c->kind]));
			json_object_set_new(co, "id", json_string(c->id));
			json_object_set_new(co, "from", json_string(c->from));
			json_object_set_new(co, "to", json_string(c->to));
			json_object_set_new(co, "change", json_string(diff_dir_name(c->dir)));
			json_array_append_new(ch, co);
		}
		json_object_set_new(o, "changed", ch);
		json_array_append_new(commits, o);
	}
	json_object_set_new(root, "commits", commits);
	rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF ? 0 : -1;
	json_decref(root);
	return rc;
}

/* A CSV field (RFC 4180): quoted when it holds a comma, quote or line break; made safe to show first. */
static void csv(struct buf *b, const char *s)
{
	char *safe = report_safe(s ? s : "");
	const char *p;
	if (!strpbrk(safe, ",\"\r\n")) {
		buf_puts(b, safe);
	} else {
		buf_putc(b, '"');
		for (p = safe; *p; p++) {
			if (*p == '"')
				buf_putc(b, '"');
			buf_putc(b, *p);
		}
		buf_putc(b, '"');
	}
	free(safe);
}

int report_log_csv(FILE *f, const struct log_report *l)
{
	const struct log_entry *top = columns(l);
	struct buf b = BUF_INIT, ch = BUF_INIT;
	size_t i, j;
	int rc;

	buf_puts(&b, "commit,date,tags,verdict");
	for (j = 0; top && j < top->ndomains; j++) {
		buf_putc(&b, ',');
		csv(&b, top->domains[j].id);
	}
	buf_puts(&b, ",proofs_proven,proofs,changed,subject\r\n");
	for (i = 0; i < l->n; i++) {
		const struct log_entry *e = &l->entries[i];
		char day[64];
		day_of(day, e->time);
		buf_printf(&b, "%s,%s,", e->commit, day);
		csv(&b, e->tags);
		buf_printf(&b, ",%s", e->error ? "error" : e->go ? "go" : "stop");
		for (j = 0; top && j < top->ndomains; j++) {
			const struct log_status *s = status_of(e, top->domains[j].id);
			buf_printf(&b, ",%s", s ? status_name(s->status) : "");
		}
		buf_printf(&b, ",%zu,%zu,", e->proven, e->nproofs);
		buf_clear(&ch);
		if (e->error)
			buf_puts(&ch, e->error);
		put_changes(&ch, e, LANG_EN); /* CSV is for machines: the English words, as JSON */
		csv(&b, buf_cstr(&ch));
		buf_putc(&b, ',');
		csv(&b, e->subject);
		buf_puts(&b, "\r\n");
	}
	rc = fwrite(buf_cstr(&b), 1, b.len, f) == b.len ? 0 : -1;
	buf_free(&ch);
	buf_free(&b);
	return rc;
}
