/* facts.c - what one blob's contents show the leaves that read it, and what that decides for a file. */
#include "scan/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/multi.h"
#include "match/prefilter.h"
#include "match/twin.h"
#include "util/date.h"
#include "util/mem.h"

size_t scan_line_at(const char *data, size_t off)
{
	size_t line = 1;
	const char *p = data, *end = data + off;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
	}
	return line;
}

size_t scan_count_lines(const char *data, size_t len)
{
	size_t n = 0;
	const char *p = data, *end = data + len;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	if (len && data[len - 1] != '\n')
		n++;
	return n;
}

char *scan_msg(const char *f, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, f);
	buf_vprintf(&b, f, ap);
	va_end(ap);
	return buf_detach(&b);
}

static char *limit_msg(int rc, const struct match_regex *re, const char *path, uint64_t size)
{
	if (rc == MATCH_LIMIT_HIT)
		return scan_msg(
			"pattern /%s/ hit PCRE2's match limit (%u steps, depth %u) in '%s': simplify the pattern",
			re->src, MATCH_LIMIT, MATCH_DEPTH_LIMIT, path);
	if (rc == MATCH_BUDGET_HIT)
		return scan_msg("pattern /%s/ spent its budget of %lu steps on '%s' (%u, and %u per byte) without "
				"finishing: it backtracks too much on this file (nested repeats as in (a+)+, or "
				"repeats over very long lines); simplify the pattern",
				re->src, match_budget_for((size_t)size), path, MATCH_BUDGET_BASE,
				MATCH_BUDGET_PER_BYTE);
	return scan_msg("pattern /%s/ failed to run on '%s'", re->src, path);
}

static void fresh_keep(struct facts *f, long day, size_t off)
{
	size_t i, at;
	for (i = 0; i < f->nf; i++)
		if (f->f[i].day == day)
			return; /* the first occurrence of a date is the one cited */
	for (at = 0; at < f->nf && f->f[at].day > day; at++)
		;
	if (at == FRESH_KEEP) {
		f->f_more = 1;
		return;
	}
	if (f->nf == FRESH_KEEP) {
		f->f_more = 1;
		f->nf--;
	}
	memmove(&f->f[at + 1], &f->f[at], (f->nf - at) * sizeof(f->f[0]));
	f->f[at].day = day;
	f->f[at].off = off;
	f->f[at].line = 0;
	f->nf++;
}

/*
 * The worker's scratch for the whole database (j->mm), made with the
 * database itself when a blob first needs it (scan_job_whole); -1 when it
 * cannot be had.
 */
static int whole_ready(struct worker *wk)
{
	if (wk->mms)
		return 0;
	if (scan_job_whole(wk->job) < 0)
		return -1;
	wk->mms = multi_scratch_new(wk->job->mm);
	return 0;
}

/*
 * 0 when one Vectorscan pass over the blob (made at the first pattern of
 * its database) shows pattern k cannot match it.
 */
static int multi_may(struct worker *wk, size_t k, const struct subject *s)
{
	const struct scan_job *j = wk->job;
	size_t id;
	if (j->mm_ids[k] < 0)
		return 1;
	id = (size_t)j->mm_ids[k];
	if (id >= j->mm_split) {
		if (!wk->mm2_done) {
			multi_scan(j->mm2, wk->mms2, s->data, s->len, s->ascii);
			wk->mm2_done = 1;
		}
		return multi_may_match(wk->mms2, id - j->mm_split);
	}
	if (wk->mm_class >= 0) {
		size_t c = (size_t)wk->mm_class;
		if (!wk->mm_done) {
			multi_scan(j->cm[c], wk->cms[c], s->data, s->len, s->ascii);
			wk->mm_done = 1;
		}
		return multi_may_match(wk->cms[c], (size_t)j->cm_local[c * multi_builtin_n + id]);
	}
	if (whole_ready(wk) < 0)
		return 1; /* not loaded: PCRE2 decides, as without Vectorscan */
	if (!wk->mm_done) {
		multi_scan(j->mm, wk->mms, s->data, s->len, s->ascii);
		wk->mm_done = 1;
	}
	return multi_may_match(wk->mms, id);
}

/*
 * 1 when class c of the built-in database holds every pattern of the
 * leaves selecting it (only the forbidding ones when forbid_only).
 */
static int class_holds(const struct scan_job *j, size_t c, const struct item *it, int forbid_only)
{
	size_t i, k;
	for (i = 0; i < it->nsel; i++)
		for (k = 0; k < TW_N && (!forbid_only || j->rs->leaves[it->sel[i]]->negated); k++) {
			int id = j->mm_ids[it->sel[i] * TW_N + k];
			if (id >= 0 && (size_t)id < j->mm_split && j->cm_local[c * multi_builtin_n + (size_t)id] < 0)
				return 0;
		}
	return 1;
}

/* The smallest class holding the patterns of the leaves selecting it (forbid_only: see class_holds). */
static void pick_class(struct worker *wk, const struct item *it, int forbid_only)
{
	struct scan_job *j = wk->job;
	size_t c, best = SIZE_MAX;

	wk->mm_class = -1;
	if (!j->mm_use || !j->ncm || !it->content || j->opts->no_classes)
		return;
	for (c = 0; c < j->ncm; c++)
		if ((best == SIZE_MAX || multi_builtin_class[c].n < multi_builtin_class[best].n) &&
		    class_holds(j, c, it, forbid_only))
			best = c;
	if (best == SIZE_MAX)
		return;
	if (!wk->cms)
		wk->cms = xcalloc(j->ncm, sizeof(*wk->cms));
	/* the worker's scratch for a class says it is loaded: the lock is taken once per worker and class */
	if (!wk->cms[best]) {
		if (scan_job_class(j, best) < 0)
			return;
		wk->cms[best] = multi_scratch_new(j->cm[best]);
	}
	wk->mm_class = (int)best;
}

void facts_next_blob(struct worker *wk, const struct item *it)
{
	wk->pf_done = 0;
	wk->mm_done = 0;
	wk->mm2_done = 0;
	/* every first search kept is the previous blob's; at the wrap, clear them */
	if (++wk->blob_gen == 0) {
		memset(wk->first_gen, 0, (wk->job->npat ? wk->job->npat : 1) * sizeof(*wk->first_gen));
		wk->blob_gen = 1;
	}
	pick_class(wk, it, 0);
}

void facts_generated_blob(struct worker *wk, const struct item *it)
{
	if (!wk->mm_done && !wk->mm2_done)
		pick_class(wk, it, 1);
}

/* 0 when the words of an ASCII blob (looked for at its first pattern) show pattern k cannot match it. */
static int words_may(struct worker *wk, size_t k, const struct subject *s)
{
	const struct scan_job *j = wk->job;
	if (!s->ascii)
		return 1;
	if (!wk->pf_asked) { /* built up front (pf_use), or now: a pattern could not finish */
		wk->pf_asked = 1;
		if (scan_job_words(wk->job) == 0)
			wk->pfs = prefilter_scratch_new(j->pf);
	}
	if (!j->pf || j->pf_ids[k] < 0)
		return 1;
	if (!wk->pf_done) {
		prefilter_scan(j->pf, wk->pfs, s->data, s->len);
		wk->pf_done = 1;
	}
	return prefilter_may_match(j->pf, wk->pfs, j->pf_ids[k]);
}

/*
 * A pattern PCRE2 could not finish on the blob (its budget or limits) has
 * no match none the less when a filter proves the blob cannot hold one:
 * both filters are asked, whichever one the scan uses up front, so the
 * outcome is the same with every acceleration switched off.  The database
 * is built or loaded here if the scan did not use it (scan_job_whole).
 */
static int proven_absent(struct worker *wk, size_t k, const struct subject *s)
{
	if (!words_may(wk, k, s))
		return 1;
	if (whole_ready(wk) < 0)
		return 0;
	if (wk->job->mm2 && !wk->mms2)
		wk->mms2 = multi_scratch_new(wk->job->mm2);
	return !multi_may(wk, k, s);
}

/* match_regex_next(), through the regex's ASCII twin when the subject allows it. */
static int next_match(struct worker *wk, const struct match_regex *r, size_t leaf, int which, const struct subject *s,
		      size_t *start, size_t *ms, size_t *me, size_t *cs, size_t *ce)
{
	const struct scan_job *j = wk->job;
	const struct twin *t = s->ascii ? j->twins[leaf * TW_N + which] : NULL;
	size_t k = leaf * TW_N + (size_t)which;
	int rc;

	/* one Vectorscan pass says which patterns cannot match the blob */
	if (j->mm_use && !multi_may(wk, k, s))
		return MATCH_NONE;
	/* else, on ASCII text, a pattern whose necessary words are absent cannot match: not run */
	if (j->pf_use && (wk->pf_done || wk->pf_wanted || !j->pf_fast[k]) && !words_may(wk, k, s))
		return MATCH_NONE;
	if (t)
		rc = twin_next(wk->mc, t, s->data, s->len, start, ms, me, cs, ce);
	else
		rc = match_regex_next(wk->mc, r, s->data, s->len, start, ms, me, cs, ce);
	if ((rc == MATCH_LIMIT_HIT || rc == MATCH_BUDGET_HIT) && proven_absent(wk, k, s))
		rc = MATCH_NONE;
	return rc;
}

/*
 * The first match of a leaf's pattern in the blob (from offset 0, with a
 * budget of its own), its start into *ms: what next_match returns then
 * depends only on the pattern (its source and caselessness: the same
 * filters, the same twin) and the blob, so a pattern several leaves share
 * is searched for once a blob.
 */
static int first_match(struct worker *wk, const struct match_regex *r, size_t leaf, int which, const struct subject *s,
		       size_t *ms)
{
	const struct scan_job *j = wk->job;
	int id = j->pat_ids ? j->pat_ids[leaf * TW_N + (size_t)which] : -1;
	size_t start = 0, me, cs, ce;
	int rc;

	if (id >= 0 && wk->first_gen[id] == wk->blob_gen) {
		*ms = wk->first[id].ms;
		return wk->first[id].rc;
	}
	match_budget_reset(wk->mc);
	rc = next_match(wk, r, leaf, which, s, &start, ms, &me, &cs, &ce);
	if (id >= 0) {
		wk->first[id].rc = rc;
		wk->first[id].ms = *ms;
		wk->first_gen[id] = wk->blob_gen;
	}
	return rc;
}

void facts_compute(struct worker *wk, const struct leaf *l, const struct subject *sj, size_t nlines, long cutoff,
		   struct facts *f)
{
	const char *data = sj->data;
	size_t start, ms, me, cs, ce, i;
	int rc;

	memset(f, 0, sizeof(*f));
	f->leaf = l->index;
	if (l->min_lines && nlines < l->min_lines)
		return;
	if (sj->generated && !l->negated)
		return; /* facts_decide says why from the blob's marks */
	if (l->not_contains) {
		/* each pattern's search of the blob has a budget of its own */
		rc = first_match(wk, l->not_contains, l->index, TW_NOT_CONTAINS, sj, &ms);
		f->have |= HAVE_NC;
		f->nc_rc = rc;
		if (rc == MATCH_OK)
			f->nc_line = scan_line_at(data, ms);
		if (rc != MATCH_NONE)
			return;
	}
	if (l->contains) {
		size_t count = 0, first = 0;
		if (l->min_matches == 1) { /* one match is enough: a search other leaves may share */
			rc = first_match(wk, l->contains, l->index, TW_CONTAINS, sj, &first);
			count = rc == MATCH_OK;
		} else {
			rc = MATCH_OK;
			start = 0;
			match_budget_reset(wk->mc);
			while (count < l->min_matches && (rc = next_match(wk, l->contains, l->index, TW_CONTAINS, sj,
									  &start, &ms, &me, &cs, &ce)) == MATCH_OK) {
				if (count++ == 0)
					first = ms;
			}
		}
		f->have |= HAVE_C;
		f->c_count = count;
		f->c_rc = count < l->min_matches ? rc : MATCH_OK;
		f->c_line = count ? scan_line_at(data, first) : 0;
		if (count < l->min_matches)
			return;
	}
	if (l->fresh) {
		start = 0;
		match_budget_reset(wk->mc);
		while ((rc = next_match(wk, l->fresh, l->index, TW_FRESH, sj, &start, &ms, &me, &cs, &ce)) ==
		       MATCH_OK) {
			long d = date_parse_day(data + cs, ce - cs);
			if (d < 0)
				continue;
			if (d > cutoff) {
				f->f_later = 1; /* a date after the commit proves nothing yet */
				continue;
			}
			fresh_keep(f, d, cs);
		}
		f->have |= HAVE_F;
		f->f_rc = rc;
		for (i = 0; i < f->nf; i++)
			f->f[i].line = scan_line_at(data, f->f[i].off);
	}
}

/*
 * The newest date at or before cutoff and whether a later one exists.
 * Returns 0 when the kept dates cannot tell (all after the cutoff, older
 * ones dropped): the contents must be read again with the cutoff.
 */
static int fresh_pick(const struct facts *f, long cutoff, long *best, size_t *line, int *later)
{
	size_t i;
	*best = -1;
	*line = 0;
	*later = f->f_later;
	for (i = 0; i < f->nf; i++) {
		if (f->f[i].day > cutoff) {
			*later = 1;
			continue;
		}
		*best = f->f[i].day;
		*line = f->f[i].line;
		return 1;
	}
	return !f->f_more;
}

const struct facts *facts_find(const struct blob_facts *bf, size_t leaf)
{
	size_t i;
	for (i = 0; i < bf->nlf; i++)
		if (bf->lf[i].leaf == leaf)
			return &bf->lf[i];
	return NULL;
}

void blob_facts_free(struct blob_facts *bf)
{
	if (!bf)
		return;
	free(bf->lf);
	memset(bf, 0, sizeof(*bf));
}

struct facts *facts_add(struct blob_facts *bf)
{
	XGROW(bf->lf, bf->lf_cap, bf->nlf + 1);
	memset(&bf->lf[bf->nlf], 0, sizeof(bf->lf[0]));
	return &bf->lf[bf->nlf++];
}

/* A pattern as reports quote it: long ones are named, `proofgate explain` shows them. */
static const char *quoted(const struct match_regex *r, char tmp[80])
{
	if (strlen(r->src) > 48)
		return "the pattern it looks for";
	snprintf(tmp, 80, "/%s/", r->src);
	return tmp;
}

char *facts_why(const struct leaf *l, const struct why *w)
{
	size_t n = w->n;
	char tmp[80];
	switch (w->kind) {
	case WHY_EXEC_NOT:
		return xstrdup("is not executable");
	case WHY_EXEC_IS:
		return xstrdup("is executable");
	case WHY_LINES:
		return scan_msg("has %zu line%s, fewer than the %zu needed to hold real steps", n, n == 1 ? "" : "s",
				l->min_lines);
	case WHY_NC_MATCH:
		/* what disqualified the file is the point: always quoted whole */
		return scan_msg("matches /%s/ at line %zu", l->not_contains->src, n);
	case WHY_UNREADABLE:
		return xstrdup("could not be read");
	case WHY_NO_MATCH:
		return scan_msg("does not match %s", quoted(l->contains, tmp));
	case WHY_FEW:
		return scan_msg("matches %s %zu time%s, fewer than %zu", quoted(l->contains, tmp), n, n == 1 ? "" : "s",
				l->min_matches);
	case WHY_LATER:
		return scan_msg("dates matching %s are all after the scanned commit", quoted(l->fresh, tmp));
	case WHY_NO_DATE:
		return scan_msg("holds no date (YYYY-MM-DD) matching %s", quoted(l->fresh, tmp));
	case WHY_GENERATED:
		if (n & MARK_SOURCE_MAP)
			return xstrdup("is a source map (by its contents): not evidence");
		if (n & MARK_GEN_HEADER)
			return xstrdup("is generated (a header line says so and \"DO NOT EDIT\"): not evidence");
		return xstrdup("is minified (its lines average over 110 characters): not evidence");
	case WHY_NONE:
		break;
	}
	return NULL;
}

static int say(struct why *w, enum why_kind kind, size_t n)
{
	w->kind = kind;
	w->n = n;
	return 1;
}

int facts_decide(const struct leaf *l, const struct facts *f, const struct blob_facts *bf, int exec, const char *path,
		 long commit_day, struct why *why, size_t *line, long *day, char **err)
{
	why->kind = WHY_NONE;
	why->n = 0;
	*line = 0;
	*day = -1;
	*err = NULL;
	if (exec_mismatch(l, exec))
		return say(why, l->executable ? WHY_EXEC_NOT : WHY_EXEC_IS, 0);
	if (!leaf_needs_content(l))
		return 1;
	if (!l->negated && scan_generated(path, bf->marks))
		return say(why, WHY_GENERATED, bf->marks);
	if (l->min_lines && bf->nlines < l->min_lines)
		return say(why, WHY_LINES, bf->nlines);
	if (l->not_contains) {
		if (f->nc_rc == MATCH_OK) {
			*line = f->nc_line;
			return say(why, WHY_NC_MATCH, *line);
		}
		if (f->nc_rc != MATCH_NONE) {
			*err = limit_msg(f->nc_rc, l->not_contains, path, bf->size);
			return say(why, WHY_UNREADABLE, 0);
		}
	}
	if (l->contains) {
		size_t count = f->c_count;
		if (count < l->min_matches && f->c_rc != MATCH_NONE) {
			*err = limit_msg(f->c_rc, l->contains, path, bf->size);
			return say(why, WHY_UNREADABLE, 0);
		}
		if (count == 0)
			return say(why, WHY_NO_MATCH, 0);
		if (count < l->min_matches)
			return say(why, WHY_FEW, count);
		*line = f->c_line;
	}
	if (l->fresh) {
		long best;
		size_t bline;
		int later;
		if (f->f_rc != MATCH_NONE) {
			*err = limit_msg(f->f_rc, l->fresh, path, bf->size);
			return say(why, WHY_UNREADABLE, 0);
		}
		if (!fresh_pick(f, commit_day + 1, &best, &bline, &later))
			return 0;
		if (best < 0)
			return say(why, later ? WHY_LATER : WHY_NO_DATE, 0);
		*day = best;
		*line = bline;
	}
	return 1;
}
