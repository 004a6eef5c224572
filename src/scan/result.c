/* result.c - the scan result: each decided file applied to its leaves' states in walk order, and when a leaf is
 * settled. */
#include "scan/internal.h"

#include <stdlib.h>
#include <string.h>

#include "git/repo.h"
#include "util/mem.h"

struct scan_result *result_new(size_t nleaves)
{
	struct scan_result *r = xcalloc(1, sizeof(*r));
	size_t i;

	r->nleaves = nleaves;
	r->leaves = xcalloc(nleaves ? nleaves : 1, sizeof(*r->leaves));
	for (i = 0; i < nleaves; i++)
		r->leaves[i].newest_day = -1;
	return r;
}

static void set_evidence(struct evidence *e, const char *path, size_t line, const git_oid *oid)
{
	free(e->path);
	e->path = xstrdup(path);
	e->line = line;
	git_oid_tostr(e->blob, sizeof(e->blob), oid);
}

static void add_evidence(struct leaf_state *st, const char *path, size_t line, const git_oid *oid)
{
	st->nsatisfied++;
	if (st->nev < SCAN_EVIDENCE_MAX)
		set_evidence(&st->ev[st->nev++], path, line, oid);
}

static void add_note(struct leaf_state *st, const char *path, size_t line, const git_oid *oid, char *why)
{
	st->nnotes_total++;
	if (st->nnotes < SCAN_NOTES_MAX) {
		set_evidence(&st->notes[st->nnotes].at, path, line, oid);
		st->notes[st->nnotes++].why = why;
	} else {
		free(why);
	}
}

static void set_error(struct leaf_state *st, char *msg)
{
	if (!st->error)
		st->error = msg;
	else
		free(msg);
}

static void add_skipped(struct scan_result *r, const char *path, const char *why)
{
	/* one entry per path, whatever number of leaves selected it */
	if (r->nskipped && !strcmp(r->skipped[r->nskipped - 1].path, path))
		return;
	XGROW(r->skipped, r->skipped_cap, r->nskipped + 1);
	r->skipped[r->nskipped].path = xstrdup(path);
	r->skipped[r->nskipped].why = xstrdup(why);
	r->nskipped++;
}

/*
 * A `file` leaf without freshness is settled once it has min_files files
 * and a full list of evidence: it passes whatever comes later, and its
 * evidence is the first files in walk order, which it already has.  Later
 * files are not matched against it (nor read, when no other leaf needs
 * them), and are not counted.  `no_file` leaves report how many files
 * violate them and fresh leaves want the newest date, so they never settle.
 */
static int settles(const struct leaf *l, const struct leaf_state *st)
{
	return !l->negated && !l->fresh && st->nsatisfied >= l->min_files && st->nev == SCAN_EVIDENCE_MAX;
}

/*
 * Why the item's blob could not be read, in repo_object_problem's words:
 * on the walking thread, which alone may use the repository, with the
 * error the worker met set again as libgit2's last.
 */
static char *problem_text(const struct scan_job *j, const struct item *it)
{
	struct buf what = BUF_INIT;
	char *msg;
	buf_printf(&what, "'%s'", it->path);
	git_error_set_str(it->problem_class, it->problem);
	if (j->repo) {
		msg = repo_object_problem(j->repo, &it->oid, buf_cstr(&what));
	} else {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &it->oid);
		msg = scan_msg("object %s (%s) cannot be read: %s", hex, buf_cstr(&what), it->problem);
	}
	git_error_clear();
	buf_free(&what);
	return msg;
}

void result_merge(struct scan_result *r, struct scan_job *j, struct item *it)
{
	const struct rules *rs = j->rs;
	size_t i;
	int live = it->nsel == 0; /* a symbolic link or submodule is always reported */
	char *problem = NULL;

	if (it->read)
		r->blobs_read++;
	if (it->read && it->classed)
		r->blobs_classed++;
	/*
	 * Whether a worker saw a leaf settled or not, the merge decides from the
	 * state in walk order, so the result never depends on timing.
	 */
	for (i = 0; i < it->nsel; i++)
		if (leaf_needs_content(rs->leaves[it->outs[i].leaf]) && !is_settled(j, it->outs[i].leaf))
			live = 1;
	/* not content-matched, and it mattered: some leaf that would have read it is not settled */
	if (it->skipped && live)
		add_skipped(r, it->path, it->skipped);
	for (i = 0; i < it->nsel; i++) {
		struct leaf_out *o = &it->outs[i];
		struct leaf_state *st = &r->leaves[o->leaf];
		if (is_settled(j, o->leaf))
			continue;
		st->nselected++;
		switch (o->kind) {
		case OUT_NONE:
			break;
		case OUT_EVIDENCE:
			add_evidence(st, it->path, o->line, &it->oid);
			if (o->day >= 0 && o->day > st->newest_day) {
				st->newest_day = o->day;
				set_evidence(&st->newest, it->path, o->line, &it->oid);
			}
			break;
		case OUT_NOTE:
			/* words only for the notes the leaf keeps */
			if (!o->text && st->nnotes < SCAN_NOTES_MAX)
				o->text = facts_why(rs->leaves[o->leaf], &o->why);
			add_note(st, it->path, o->line, &it->oid, o->text);
			o->text = NULL;
			break;
		case OUT_ERROR:
			if (!o->text && it->problem) {
				if (!problem)
					problem = problem_text(j, it);
				o->text = xstrdup(problem);
			}
			set_error(st, o->text ? o->text : xstrdup("could not be read"));
			o->text = NULL;
			break;
		}
		if (settles(rs->leaves[o->leaf], st))
			atomic_store_explicit(&j->settled[o->leaf], 1, memory_order_relaxed);
	}
	free(problem);
	item_free(it);
}

static void evidence_free(struct evidence *e)
{
	free(e->path);
	e->path = NULL;
}

void scan_result_free(struct scan_result *r)
{
	size_t i, j;

	if (!r)
		return;
	for (i = 0; i < r->nleaves; i++) {
		struct leaf_state *st = &r->leaves[i];
		for (j = 0; j < st->nev; j++)
			evidence_free(&st->ev[j]);
		for (j = 0; j < st->nnotes; j++) {
			evidence_free(&st->notes[j].at);
			free(st->notes[j].why);
		}
		evidence_free(&st->newest);
		free(st->error);
	}
	for (i = 0; i < r->nskipped; i++) {
		free(r->skipped[i].path);
		free(r->skipped[i].why);
	}
	free(r->skipped);
	free(r->leaves);
	free(r);
}
