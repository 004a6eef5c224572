/* verdict.c - rules to outcomes, outcomes to domains and proofs, domains to the gate. */
#include "verdict/verdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "util/date.h"
#include "util/mem.h"

const char *outcome_name(enum outcome o)
{
	switch (o) {
	case OUTCOME_PASS:
		return "pass";
	case OUTCOME_FAIL:
		return "fail";
	case OUTCOME_ERROR:
		return "error";
	case OUTCOME_WAIVED:
		return "waived";
	case OUTCOME_OFF:
		return "off";
	}
	return "?";
}

int outcome_fails(enum outcome o)
{
	return o == OUTCOME_FAIL || o == OUTCOME_ERROR;
}

const char *waiver_state_name(enum waiver_state s)
{
	switch (s) {
	case WAIVER_UNUSED:
		return "unused";
	case WAIVER_USED:
		return "used";
	case WAIVER_EXPIRED:
		return "expired";
	}
	return "?";
}

const char *status_name(enum status s)
{
	switch (s) {
	case STATUS_READY:
		return "ready";
	case STATUS_READINESS_ONLY:
		return "readiness-only";
	case STATUS_BLOCKED:
		return "blocked";
	}
	return "?";
}

const char *status_label(enum status s, enum lang lang)
{
	if (lang == LANG_AR) {
		switch (s) {
		case STATUS_READY:
			return "أساس جاهز";
		case STATUS_READINESS_ONLY:
			return "جاهزية فقط";
		case STATUS_BLOCKED:
			return "محجوب حتى يكتمل الدليل أو التكامل";
		}
	}
	return status_name(s);
}

/* What one condition gathered on its way to an outcome. */
struct acc {
	enum outcome outcome;
	const struct evidence **ev;
	size_t nev, evcap;
	char **looked;
	size_t nlooked, lookedcap;
	struct miss *misses;
	size_t nmisses, missescap;
};

static void acc_ev(struct acc *a, const struct evidence *e)
{
	XGROW(a->ev, a->evcap, a->nev + 1);
	a->ev[a->nev++] = e;
}

static void acc_looked(struct acc *a, char *s)
{
	XGROW(a->looked, a->lookedcap, a->nlooked + 1);
	a->looked[a->nlooked++] = s;
}

static void acc_miss(struct acc *a, const struct evidence *at, const char *why)
{
	XGROW(a->misses, a->missescap, a->nmisses + 1);
	a->misses[a->nmisses].at = at;
	a->misses[a->nmisses++].why = why;
}

static void acc_free(struct acc *a)
{
	size_t i;
	for (i = 0; i < a->nlooked; i++)
		free(a->looked[i]);
	free(a->looked);
	free(a->ev);
	free(a->misses);
	memset(a, 0, sizeof(*a));
}

/* Moves everything from src into dst; src is empty after. */
static void acc_merge(struct acc *dst, struct acc *src, int ev, int looked)
{
	size_t i;
	if (ev)
		for (i = 0; i < src->nev; i++)
			acc_ev(dst, src->ev[i]);
	if (looked) {
		for (i = 0; i < src->nlooked; i++) {
			acc_looked(dst, src->looked[i]);
			src->looked[i] = NULL;
		}
		for (i = 0; i < src->nmisses; i++)
			acc_miss(dst, src->misses[i].at, src->misses[i].why);
	}
	acc_free(src);
}

/* The words of generated explanations, in each report language. */
struct phrases {
	const char *a_file_in, *files_in, *no_file_in, *executable, *not_executable, *lines, *matching, *not_matching,
		*date_matching, *its_pattern, *times, *within, *or, *more_places, *looked_none, *looked_none_count,
		*looked_only, *found_forbidden, *could_not, *too_old, *found, *nothing_forbidden, *and_more, *no_evidence;
};

static const struct phrases PH_EN = {
	"a file in ", "at least %zu files in ", "no file in ", ", executable", ", not executable", ", at least %zu lines",
	"matching", "not matching", "with a date matching", "its pattern", " at least %zu times",
	" within %ld days of the commit", " or ", " or %zu more places (see proofgate explain)",
	"looked for %s; no such file in the tree", "looked for %s; %zu file(s) found, none counts",
	"looked for %s; only %zu of %zu found", "found %zu file(s) where there must be %s", "could not check %s: %s",
	"looked for %s; the newest date found is %s at %s:%zu, %ld days before the commit (%s)", "found ",
	"nothing forbidden found", " and %zu more", "no evidence"};

static const struct phrases PH_AR = {
	"ملف في ", "%zu ملفات على الأقل في ", "لا ملف في ", "، قابل للتنفيذ", "، غير قابل للتنفيذ",
	"، من %zu أسطر على الأقل", "يطابق", "لا يطابق", "بتاريخ يطابق", "نمطها", " %zu مرات على الأقل",
	" خلال %ld يوماً من تاريخ الإيداع", " أو ", " أو %zu مواضع أخرى (انظر proofgate explain)",
	"بحثنا عن %s؛ لا يوجد ملف كهذا في الشجرة", "بحثنا عن %s؛ وُجد %zu ملف ولا يُحتسب أيٌّ منها",
	"بحثنا عن %s؛ وُجد %zu فقط من %zu", "وُجد %zu ملف حيث المطلوب %s", "تعذّر التحقق من %s: %s",
	"بحثنا عن %s؛ أحدث تاريخ وُجد هو %s في %s:%zu، قبل الإيداع بـ %ld يوماً (%s)", "وُجد ",
	"لم يُعثر على شيء محظور", " و%zu غيرها", "لا دليل"};

static const struct phrases *phrases(enum lang lang)
{
	return lang == LANG_AR ? &PH_AR : &PH_EN;
}

/* Reports name a few globs and short patterns; `proofgate explain` names them all. */
#define SHORT_GLOBS 4
#define SHORT_PATTERN 48

static void put_globs(struct buf *b, const struct phrases *ph, struct match_glob **g, size_t n, int full)
{
	size_t i, shown = full || n <= SHORT_GLOBS ? n : SHORT_GLOBS - 1;
	for (i = 0; i < shown; i++)
		buf_printf(b, "%s`%s`", i ? (i + 1 == n ? ph->or : ph == &PH_AR ? "، " : ", ") : "", g[i]->src);
	if (shown < n)
		buf_printf(b, ph->more_places, n - shown);
}

static void put_pattern(struct buf *b, const struct phrases *ph, const char *verb, const struct match_regex *re,
			int full)
{
	const char *comma = ph == &PH_AR ? "، " : ", ";
	if (full || strlen(re->src) <= SHORT_PATTERN)
		buf_printf(b, "%s%s /%s/", comma, verb, re->src);
	else
		buf_printf(b, "%s%s %s", comma, verb, ph->its_pattern);
}

char *verdict_describe_leaf(const struct leaf *l, enum lang lang, int full)
{
	const struct phrases *ph = phrases(lang);
	struct buf b = BUF_INIT;

	if (l->what.en) {
		buf_puts(&b, text_get(&l->what, lang));
		buf_puts(&b, " (");
	}
	if (l->negated)
		buf_puts(&b, ph->no_file_in);
	else if (l->min_files > 1)
		buf_printf(&b, ph->files_in, l->min_files);
	else
		buf_puts(&b, ph->a_file_in);
	put_globs(&b, ph, l->paths, l->npaths, full);
	if (l->executable == 1)
		buf_puts(&b, ph->executable);
	else if (l->executable == 0)
		buf_puts(&b, ph->not_executable);
	if (l->min_lines)
		buf_printf(&b, ph->lines, l->min_lines);
	if (l->contains) {
		put_pattern(&b, ph, ph->matching, l->contains, full);
		if (l->min_matches > 1)
			buf_printf(&b, ph->times, l->min_matches);
	}
	if (l->not_contains)
		put_pattern(&b, ph, ph->not_matching, l->not_contains, full);
	if (l->fresh) {
		put_pattern(&b, ph, ph->date_matching, l->fresh, full);
		buf_printf(&b, ph->within, l->fresh_days);
	}
	if (l->what.en)
		buf_puts(&b, ")");
	return buf_detach(&b);
}

static void eval_leaf(struct acc *a, const struct leaf *l, const struct leaf_state *st, long commit_day,
		      enum lang lang)
{
	const struct phrases *ph = phrases(lang);
	struct buf b = BUF_INIT;
	char *desc = verdict_describe_leaf(l, lang, 0);
	size_t i;

	if (l->negated) {
		if (st->nsatisfied) {
			a->outcome = OUTCOME_FAIL;
			for (i = 0; i < st->nev; i++)
				acc_ev(a, &st->ev[i]);
			buf_printf(&b, ph->found_forbidden, st->nsatisfied, desc);
		} else if (st->error) {
			a->outcome = OUTCOME_ERROR;
			buf_printf(&b, ph->could_not, desc, st->error);
		} else {
			a->outcome = OUTCOME_PASS;
		}
		for (i = 0; i < st->nnotes && a->outcome != OUTCOME_PASS; i++)
			acc_miss(a, &st->notes[i].at, st->notes[i].why);
		goto done;
	}

	if (st->nsatisfied >= l->min_files) {
		long threshold = commit_day - l->fresh_days;
		if (l->fresh && st->newest_day < threshold) {
			char day[64], cday[64];
			date_format_day(day, st->newest_day);
			date_format_day(cday, commit_day);
			a->outcome = OUTCOME_FAIL;
			buf_printf(&b, ph->too_old, desc, day, st->newest.path, st->newest.line, commit_day - st->newest_day, cday);
			acc_miss(a, &st->newest, "too old");
		} else {
			a->outcome = OUTCOME_PASS;
			if (l->fresh)
				acc_ev(a, &st->newest);
			for (i = 0; i < st->nev; i++)
				if (!l->fresh || strcmp(st->ev[i].path, st->newest.path))
					acc_ev(a, &st->ev[i]);
		}
	} else if (st->error) {
		a->outcome = OUTCOME_ERROR;
		buf_printf(&b, ph->could_not, desc, st->error);
	} else {
		a->outcome = OUTCOME_FAIL;
		if (st->nselected == 0)
			buf_printf(&b, ph->looked_none, desc);
		else if (st->nsatisfied == 0)
			buf_printf(&b, ph->looked_none_count, desc, st->nselected);
		else
			buf_printf(&b, ph->looked_only, desc, st->nsatisfied, l->min_files);
		for (i = 0; i < st->nnotes; i++)
			acc_miss(a, &st->notes[i].at, st->notes[i].why);
	}
done:
	if (b.len)
		acc_looked(a, buf_detach(&b));
	buf_free(&b);
	free(desc);
}

static void eval_cond(struct acc *out, const struct cond *c, const struct scan_result *scan, long commit_day,
		      enum lang lang)
{
	size_t i, npass = 0, nfail = 0, nerr = 0;
	struct acc *kids;

	memset(out, 0, sizeof(*out));
	if (c->kind == COND_LEAF) {
		eval_leaf(out, c->leaf, &scan->leaves[c->leaf->index], commit_day, lang);
		return;
	}
	kids = xcalloc(c->nkids, sizeof(*kids));
	for (i = 0; i < c->nkids; i++) {
		eval_cond(&kids[i], c->kids[i], scan, commit_day, lang);
		npass += kids[i].outcome == OUTCOME_PASS;
		nfail += kids[i].outcome == OUTCOME_FAIL;
		nerr += kids[i].outcome == OUTCOME_ERROR;
	}
	if (c->kind == COND_ALL)
		out->outcome = nfail ? OUTCOME_FAIL : nerr ? OUTCOME_ERROR : OUTCOME_PASS;
	else
		out->outcome = npass ? OUTCOME_PASS : nerr ? OUTCOME_ERROR : OUTCOME_FAIL;
	for (i = 0; i < c->nkids; i++) {
		int ok = kids[i].outcome == OUTCOME_PASS;
		if (out->outcome == OUTCOME_PASS)
			acc_merge(out, &kids[i], ok, 0);
		else
			acc_merge(out, &kids[i], !ok, !ok);
	}
	free(kids);
}

static void rule_message(struct rule_result *rr, enum lang lang)
{
	const struct phrases *ph = phrases(lang);
	struct buf b = BUF_INIT;
	size_t i;

	if (rr->outcome == OUTCOME_PASS) {
		if (rr->nev == 0)
			buf_puts(&b, ph->nothing_forbidden);
		else
			buf_puts(&b, ph->found);
		for (i = 0; i < rr->nev && i < 3; i++) {
			buf_printf(&b, "%s", i ? ", " : "");
			buf_put_safe(&b, rr->ev[i]->path, strlen(rr->ev[i]->path));
			if (rr->ev[i]->line)
				buf_printf(&b, ":%zu", rr->ev[i]->line);
		}
		if (rr->nev > 3)
			buf_printf(&b, ph->and_more, rr->nev - 3);
	} else if (rr->nlooked) {
		buf_put_safe(&b, rr->looked_for[0], strlen(rr->looked_for[0]));
	} else {
		buf_puts(&b, ph->no_evidence);
	}
	rr->message = buf_detach(&b);
}

static int proof_eval(struct verdict *v, const struct rules *rs, size_t p, signed char *memo)
{
	struct proof_result *pr = &v->proofs[p];
	size_t i;
	int ok;

	if (memo[p] >= 0)
		return memo[p];
	ok = pr->nrules > 0 || rs->proofs[p].nrequires > 0;
	for (i = 0; i < pr->nrules; i++)
		if (v->rules[pr->rules[i]].outcome != OUTCOME_PASS)
			ok = 0;
	for (i = 0; i < rs->proofs[p].nrequires; i++)
		if (!proof_eval(v, rs, rs->proofs[p].requires_idx[i], memo))
			ok = 0;
	memo[p] = (signed char)ok;
	pr->proven = ok;
	return ok;
}

static int is_off(const struct verdict_policy *pol, const char *id)
{
	size_t i;
	for (i = 0; pol && i < pol->noff; i++)
		if (!strcmp(pol->off[i], id))
			return 1;
	return 0;
}

/* Waives or marks expired; one waiver per rule (the first that applies). */
static void apply_waivers(struct verdict *v, const struct rules *rs, const struct verdict_policy *pol, long commit_day)
{
	size_t i;

	v->nwaivers = pol ? pol->nwaivers : 0;
	v->waivers = xcalloc(v->nwaivers ? v->nwaivers : 1, sizeof(*v->waivers));
	for (i = 0; i < v->nwaivers; i++) {
		const struct waiver *w = &pol->waivers[i];
		struct waiver_result *wr = &v->waivers[i];
		struct rule_result *rr;
		struct buf b = BUF_INIT;

		wr->waiver = w;
		wr->rule = rules_find_rule(rs, w->rule);
		wr->state = WAIVER_UNUSED;
		if (w->expires_day < commit_day)
			wr->state = WAIVER_EXPIRED;
		if (wr->rule < 0)
			continue;
		rr = &v->rules[wr->rule];
		if (!outcome_fails(rr->outcome) || rr->waiver)
			continue;
		rr->waiver = w;
		if (wr->state == WAIVER_EXPIRED) {
			buf_printf(&b, "the waiver for this rule expired on %s (owner %s: %s); %s", w->expires, w->owner,
				   w->reason, rr->message);
			free(rr->message);
			rr->message = buf_detach(&b);
			continue;
		}
		wr->state = WAIVER_USED;
		rr->outcome = OUTCOME_WAIVED;
	}
}

struct verdict_policy verdict_policy_of(const struct config *cfg)
{
	struct verdict_policy p;
	memset(&p, 0, sizeof(p));
	if (!cfg)
		return p;
	p.off = cfg->off;
	p.noff = cfg->noff;
	p.waivers = cfg->waivers;
	p.nwaivers = cfg->nwaivers;
	return p;
}

int verdict_compute(struct verdict **out, const struct rules *rs, const struct scan_result *scan, long long commit_time)
{
	return verdict_compute_policy(out, rs, scan, commit_time, NULL, LANG_EN);
}

int verdict_compute_policy(struct verdict **out, const struct rules *rs, const struct scan_result *scan,
			   long long commit_time, const struct verdict_policy *pol, enum lang lang)
{
	struct verdict *v = xcalloc(1, sizeof(*v));
	long commit_day = date_day_of(commit_time);
	signed char *memo;
	size_t i, j;

	v->nrules = rs->nrules;
	v->rules = xcalloc(rs->nrules ? rs->nrules : 1, sizeof(*v->rules));
	for (i = 0; i < rs->nrules; i++) {
		struct rule_result *rr = &v->rules[i];
		struct acc a;
		eval_cond(&a, rs->rules[i].evidence, scan, commit_day, lang);
		rr->rule = &rs->rules[i];
		rr->outcome = a.outcome;
		rr->ev = a.ev;
		rr->nev = a.nev;
		rr->looked_for = a.looked;
		rr->nlooked = a.nlooked;
		rr->misses = a.misses;
		rr->nmisses = a.nmisses;
		rr->found = a.outcome;
		rule_message(rr, lang);
		if (is_off(pol, rr->rule->id))
			rr->outcome = OUTCOME_OFF;
	}
	apply_waivers(v, rs, pol, commit_day);

	v->ndomains = rs->ndomains;
	v->domains = xcalloc(rs->ndomains ? rs->ndomains : 1, sizeof(*v->domains));
	v->go = 1;
	for (i = 0; i < rs->ndomains; i++) {
		struct domain_result *d = &v->domains[i];
		const struct rule_result *first_req = NULL, *first_exp = NULL;
		d->domain = &rs->domains[i];
		d->rules = xcalloc(rs->nrules ? rs->nrules : 1, sizeof(size_t));
		for (j = 0; j < rs->nrules; j++) {
			const struct rule_result *rr = &v->rules[j];
			if (rs->rules[j].domain != i || rr->outcome == OUTCOME_OFF)
				continue;
			d->rules[d->nrules++] = j;
			if (!outcome_fails(rr->outcome))
				continue;
			if (rs->rules[j].level == LEVEL_REQUIRED && !first_req)
				first_req = rr;
			else if (rs->rules[j].level == LEVEL_EXPECTED && !first_exp)
				first_exp = rr;
		}
		d->status = first_req ? STATUS_BLOCKED : first_exp ? STATUS_READINESS_ONLY : STATUS_READY;
		d->next = first_req ? first_req : first_exp;
		if (d->status != STATUS_READY)
			v->go = 0;
	}

	v->nproofs = rs->nproofs;
	v->proofs = xcalloc(rs->nproofs ? rs->nproofs : 1, sizeof(*v->proofs));
	memo = xmalloc(rs->nproofs ? rs->nproofs : 1);
	for (i = 0; i < rs->nproofs; i++) {
		struct proof_result *pr = &v->proofs[i];
		pr->proof = &rs->proofs[i];
		pr->rules = xcalloc(rs->nrules ? rs->nrules : 1, sizeof(size_t));
		for (j = 0; j < rs->nrules; j++) {
			size_t k;
			if (v->rules[j].outcome == OUTCOME_OFF)
				continue;
			for (k = 0; k < rs->rules[j].nproofs; k++)
				if (rs->rules[j].proof_idx[k] == i) {
					pr->rules[pr->nrules++] = j;
					break;
				}
		}
		memo[i] = -1;
	}
	for (i = 0; i < rs->nproofs; i++)
		proof_eval(v, rs, i, memo);
	free(memo);
	*out = v;
	return 0;
}

void verdict_free(struct verdict *v)
{
	size_t i, j;
	if (!v)
		return;
	for (i = 0; i < v->nrules; i++) {
		struct rule_result *rr = &v->rules[i];
		free(rr->message);
		free(rr->ev);
		for (j = 0; j < rr->nlooked; j++)
			free(rr->looked_for[j]);
		free(rr->looked_for);
		free(rr->misses);
	}
	for (i = 0; i < v->ndomains; i++)
		free(v->domains[i].rules);
	for (i = 0; i < v->nproofs; i++)
		free(v->proofs[i].rules);
	free(v->rules);
	free(v->domains);
	free(v->proofs);
	free(v->gate.branch);
	free(v->gate.pattern);
	free(v->waivers);
	free(v);
}
