/* log.c - readiness over a history: entries filled from verdicts, written as text, JSON or CSV. */
#include "report/log.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/mem.h"

/* A status column is as wide as the longest status word. */
#define STATUS_WIDTH 14

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
	memset(e, 0, sizeof(*e));
}

static const char *const kind_names[] = {"domain", "proof", "rule"};

/* "backup: ready -> blocked; proof backup: proven -> unproven; backup.restore: pass -> fail" */
static void put_changes(struct buf *b, const struct log_entry *e)
{
	size_t i;
	for (i = 0; i < e->nchanges; i++) {
		const struct log_change *c = &e->changes[i];
		buf_printf(b, "%s%s%s: %s -> %s", i ? "; " : "", c->kind == LOG_PROOF ? "proof " : "", c->id, c->from,
			   c->to);
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

static void day_of(char out[64], long long t)
{
	date_format_day(out, date_day_of((int64_t)t));
}

/* The rule set that judged the commits, in one line. */
static void put_rules_line(struct buf *b, const struct log_report *l)
{
	size_t i;
	buf_puts(b, "rules: ");
	buf_puts(b, l->builtin ? "the built-in pack" : "no built-in pack");
	for (i = 0; i < l->npacks; i++) {
		buf_puts(b, ", ");
		buf_put_safe(b, l->packs[i], strlen(l->packs[i]));
	}
	if (l->rules_from_commit)
		buf_puts(b, ", and each commit's own .proofgate.yml and the packs it names (--rules-from-commit)");
	else if (l->policy_commit)
		buf_printf(b,
			   ", and .proofgate.yml of commit %.12s (%s) with the packs it names, for every commit "
			   "(--rules-from-commit: each commit's own)",
			   l->policy_commit, l->policy_from);
	if (!l->rules_from_commit && l->n)
		buf_printf(b, "; digest %s", l->entries[0].digest);
	buf_puts(b, "\nfreshness: measured from each commit's own date\n");
}

int report_log_text(FILE *f, const struct log_report *l)
{
	const struct log_entry *top = l->n ? &l->entries[0] : NULL;
	struct buf b = BUF_INIT;
	size_t i, j;
	int rc;

	buf_printf(&b, "proofgate %s log: ", l->version);
	buf_put_safe(&b, l->range, strlen(l->range));
	buf_printf(&b, ", %s, newest first, %zu commit%s\n", l->tags ? "tagged commits" : "first-parent history", l->n,
		   l->n == 1 ? "" : "s");
	put_rules_line(&b, l);
	buf_puts(&b, "\ncommit        date        verdict ");
	for (j = 0; top && j < top->ndomains; j++) {
		size_t w = strlen(top->domains[j].id);
		buf_printf(&b, " %-*s", (int)(w > STATUS_WIDTH ? w : STATUS_WIDTH), top->domains[j].id);
	}
	buf_puts(&b, "  proofs  what changed\n");
	for (i = 0; i < l->n; i++) {
		const struct log_entry *e = &l->entries[i];
		char day[64];
		day_of(day, e->time);
		buf_printf(&b, "%.12s  %s  %-7s ", e->commit, day, e->go ? "go" : "stop");
		for (j = 0; j < top->ndomains; j++) {
			const struct log_status *s = status_of(e, top->domains[j].id);
			size_t w = strlen(top->domains[j].id);
			buf_printf(&b, " %-*s", (int)(w > STATUS_WIDTH ? w : STATUS_WIDTH),
				   s ? status_name(s->status) : "-");
		}
		buf_printf(&b, "  %zu/%-4zu", e->proven, e->nproofs);
		if (e->nchanges) {
			buf_puts(&b, "  * ");
			put_changes(&b, e);
		}
		if (e->tags) {
			buf_puts(&b, "  (");
			buf_put_safe(&b, e->tags, strlen(e->tags));
			buf_puts(&b, ")");
		}
		/* trailing blanks of a line without changes */
		while (b.len && b.ptr[b.len - 1] == ' ')
			b.ptr[--b.len] = '\0';
		buf_puts(&b, "\n");
	}
	if (l->stopped)
		buf_printf(&b, "\nnote: %s\n", l->stopped);
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
		json_object_set_new(o, "verdict", json_string(e->go ? "go" : "stop"));
		json_object_set_new(o, "rules_digest", json_string(e->digest));
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
	const struct log_entry *top = l->n ? &l->entries[0] : NULL;
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
		buf_printf(&b, ",%s", e->go ? "go" : "stop");
		for (j = 0; j < top->ndomains; j++) {
			const struct log_status *s = status_of(e, top->domains[j].id);
			buf_printf(&b, ",%s", s ? status_name(s->status) : "");
		}
		buf_printf(&b, ",%zu,%zu,", e->proven, e->nproofs);
		buf_clear(&ch);
		put_changes(&ch, e);
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
