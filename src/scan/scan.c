/*
 * scan.c - one scan: the job its threads share, the worker threads, and
 * scan_run, which walks the tree (walk.c) while they decide the files it
 * queues (ring.c, item.c) into the result (result.c).
 */
#include "scan/internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "git/loose.h"
#include "git/pack.h"
#include "match/multi.h"
#include "match/prefilter.h"
#include "match/twin.h"
#include "util/date.h"
#include "util/err.h"
#include "util/mem.h"

/*
 * The pack indexes for the fast path (pack.h), or an empty set when
 * the options say no_fastpack: then libgit2 reads every blob, which the
 * tests use to show both paths give the same report.
 */
static struct pack_set *open_packs(git_repository *repo, int off)
{
	struct buf objdir = BUF_INIT;
	struct pack_set *ps;

	buf_printf(&objdir, "%sobjects", git_repository_commondir(repo));
	ps = pack_set_open(off ? "" : objdir.ptr);
	buf_free(&objdir);
	return ps;
}

/* Index of (src, caseless) among the n patterns of srcs and cls, or n. */
static size_t pattern_index(const char *const *srcs, const unsigned char *cls, size_t n, const char *src,
			    unsigned char caseless)
{
	size_t at;
	for (at = 0; at < n && (cls[at] != caseless || strcmp(srcs[at], src) != 0); at++)
		;
	return at;
}

/* A leaf's content patterns by TW_* (contains, not_contains, fresh), each NULL when it has none. */
static void leaf_regexes(const struct match_regex *r[TW_N], const struct leaf *l)
{
	r[TW_CONTAINS] = l->contains;
	r[TW_NOT_CONTAINS] = l->not_contains;
	r[TW_FRESH] = l->fresh;
}

int scan_patterns(struct scan_patterns *out, int *ids, const struct rules *rs)
{
	struct scan_patterns p = {NULL, NULL, 0};
	size_t i, cap = 0;

	for (i = 0; i < rs->nleaves; i++) {
		const struct match_regex *r[TW_N];
		int k;
		leaf_regexes(r, rs->leaves[i]);
		for (k = 0; k < TW_N; k++) {
			unsigned char ci;
			size_t at;
			if (ids)
				ids[i * TW_N + (size_t)k] = -1;
			if (!r[k])
				continue;
			ci = (r[k]->opts & PCRE2_CASELESS) != 0;
			at = pattern_index(p.src, p.caseless, p.n, r[k]->src, ci);
			if (at == p.n) {
				if (p.n == cap) {
					XGROW(p.src, cap, p.n + 1);
					p.caseless = xrealloc(p.caseless, cap);
				}
				p.src[p.n] = r[k]->src;
				p.caseless[p.n++] = ci;
			}
			if (ids)
				ids[i * TW_N + (size_t)k] = (int)at;
		}
	}
	*out = p;
	return 0;
}

void scan_patterns_clear(struct scan_patterns *p)
{
	if (!p)
		return;
	free(p->src);
	free(p->caseless);
	p->src = NULL;
	p->caseless = NULL;
	p->n = 0;
}

/* The classes of the built-in database (multi_builtin_class): which patterns each holds; none loaded yet. */
static void init_classes(struct scan_job *j)
{
	const size_t nb = multi_builtin_n;
	size_t c, k;

	if (!multi_builtin_nclass)
		return;
	j->ncm = multi_builtin_nclass;
	j->cm = xcalloc(j->ncm, sizeof(*j->cm));
	j->cm_local = xmalloc(j->ncm * nb * sizeof(*j->cm_local));
	for (c = 0; c < j->ncm * nb; c++)
		j->cm_local[c] = -1;
	for (c = 0; c < j->ncm; c++)
		for (k = 0; k < multi_builtin_class[c].n; k++)
			if (multi_builtin_class[c].ids[k] < nb)
				j->cm_local[c * nb + multi_builtin_class[c].ids[k]] = (int)k;
}

int scan_job_class(struct scan_job *j, size_t c)
{
	pthread_mutex_lock(&j->mm_lock);
	if (!j->cm[c] && multi_load_class(&j->cm[c], &multi_builtin_class[c]) < 0)
		j->cm[c] = NULL;
	pthread_mutex_unlock(&j->mm_lock);
	return j->cm[c] ? 0 : -1;
}

/*
 * The built-in pack's database, made at build time (multi.h), for the
 * patterns of p it holds, and one compiled now for the others (a pack's
 * own): ids of the first stay below j->mm_split, the others' are
 * j->mm_split plus their index in j->mm2.  Fails, compiling nothing, when
 * it holds none of them (or cannot be loaded): build_multi then compiles
 * them all.
 */
static int load_builtin_multi(struct scan_job *j, const struct scan_patterns *p, size_t nids)
{
	const size_t nb = multi_builtin_n;
	struct scan_patterns extra = {NULL, NULL, 0};
	size_t i, nin = 0, *map;
	int rc = -1;

	if (!multi_builtin_len || !p->n)
		return -1;
	map = xmalloc(p->n * sizeof(*map));
	extra.src = xmalloc(p->n * sizeof(*extra.src));
	extra.caseless = xmalloc(p->n);
	for (i = 0; i < p->n; i++) {
		map[i] = pattern_index(multi_builtin_src, multi_builtin_caseless, nb, p->src[i], p->caseless[i]);
		if (map[i] < nb) {
			nin++;
			continue;
		}
		map[i] = nb + extra.n;
		extra.src[extra.n] = p->src[i];
		extra.caseless[extra.n++] = p->caseless[i];
	}
	/* the whole database is loaded when a blob first needs it (scan_job_whole) */
	if (nin == 0 || (extra.n && multi_build(&j->mm2, extra.src, extra.caseless, extra.n) < 0))
		goto done;
	j->mm_split = nb;
	for (i = 0; i < nids; i++)
		if (j->mm_ids[i] >= 0)
			j->mm_ids[i] = (int)map[j->mm_ids[i]];
	init_classes(j);
	rc = 0;
done:
	scan_patterns_clear(&extra);
	free(map);
	return rc;
}

/*
 * Every content pattern in one Vectorscan pass (multi.h), each distinct
 * (source, caselessness) once: the built-in pack's database, made at
 * build time, for its patterns, and one compiled now for the rest (or for
 * all, when the built-in pack is not loaded).  Returns -1 when built
 * without Vectorscan or when it cannot compile.
 */
static int build_multi(struct scan_job *j, const struct rules *rs)
{
	struct scan_patterns p;
	size_t nids = (rs->nleaves ? rs->nleaves : 1) * TW_N;
	int rc = -1;

	if (!multi_available())
		return -1;
	j->mm_ids = xmalloc(nids * sizeof(*j->mm_ids));
	scan_patterns(&p, j->mm_ids, rs);
	j->mm_split = SIZE_MAX;
	if (load_builtin_multi(j, &p, rs->nleaves * TW_N) == 0) {
		j->mm_builtin = 1;
		rc = 0;
	} else if (multi_build(&j->mm, p.src, p.caseless, p.n) == 0) {
		rc = 0;
	}
	scan_patterns_clear(&p);
	if (rc < 0) {
		free(j->mm_ids);
		j->mm_ids = NULL;
	}
	return rc;
}

int scan_job_multi(struct scan_job *j)
{
	int ok;

	pthread_mutex_lock(&j->mm_lock);
	if (!j->mm_tried) {
		j->mm_tried = 1;
		build_multi(j, j->rs);
	}
	/* read under the lock: scan_job_whole may be setting j->mm in another thread */
	ok = j->mm || j->mm_builtin;
	pthread_mutex_unlock(&j->mm_lock);
	return ok ? 0 : -1;
}

int scan_job_whole(struct scan_job *j)
{
	int ok;

	if (scan_job_multi(j) < 0)
		return -1;
	pthread_mutex_lock(&j->mm_lock);
	if (!j->mm && !j->mm_whole_tried) {
		j->mm_whole_tried = 1;
		/* leaves j->mm NULL when it fails */
		(void)multi_load(&j->mm, multi_builtin_src, multi_builtin_caseless, multi_builtin_n, multi_builtin_db,
				 multi_builtin_len);
	}
	ok = j->mm != NULL;
	pthread_mutex_unlock(&j->mm_lock);
	return ok ? 0 : -1;
}

/*
 * The words each content pattern needs (prefilter.h), built once by
 * scan_job_words: up front when they filter (build_filters), else when
 * PCRE2 first cannot finish, as one of the two proofs asked then
 * (facts.c).  pf stays NULL when no pattern needs a word.
 */
static void build_prefilter(struct scan_job *j, const struct rules *rs)
{
	size_t i;
	int any = 0;

	j->pf = prefilter_new();
	j->pf_ids = xmalloc((rs->nleaves ? rs->nleaves * TW_N : 1) * sizeof(*j->pf_ids));
	j->pf_fast = xcalloc(rs->nleaves ? rs->nleaves * TW_N : 1, 1);
	for (i = 0; i < rs->nleaves; i++) {
		const struct match_regex *r[TW_N];
		int k;
		leaf_regexes(r, rs->leaves[i]);
		for (k = 0; k < TW_N; k++) {
			int id = r[k] ? prefilter_add(j->pf, r[k]->src) : -1;
			j->pf_ids[i * TW_N + (size_t)k] = id;
			j->pf_fast[i * TW_N + (size_t)k] = (unsigned char)(r[k] && match_regex_fast_start(r[k]));
			any |= id >= 0;
		}
	}
	if (!any) {
		prefilter_free(j->pf);
		free(j->pf_ids);
		free(j->pf_fast);
		j->pf = NULL;
		j->pf_ids = NULL;
		j->pf_fast = NULL;
		return;
	}
	prefilter_compile(j->pf);
}

int scan_job_words(struct scan_job *j)
{
	pthread_mutex_lock(&j->mm_lock);
	if (!j->pf_tried) {
		j->pf_tried = 1;
		build_prefilter(j, j->rs);
	}
	pthread_mutex_unlock(&j->mm_lock);
	return j->pf ? 0 : -1;
}

/*
 * Which filter rules out patterns before PCRE2 runs them: one Vectorscan
 * pass, else the words, else none (the switches in opts).  Both are built,
 * whatever the scan filters with, once a pattern cannot finish (facts.c,
 * proven_absent): a filter's proof that a blob holds no match
 * then decides, whichever filter the scan uses, so that the report never
 * depends on it.
 */
static void build_filters(struct scan_job *j)
{
	pthread_mutex_init(&j->mm_lock, NULL);
	pthread_mutex_init(&j->big_lock, NULL);
	if (!j->opts->no_prefilter && !j->opts->no_multi && scan_job_multi(j) == 0) {
		/* the words wait until a pattern cannot finish (scan_job_words): most scans never need them */
		j->mm_use = 1;
		j->filter = !j->mm_builtin ? SCAN_FILTER_MULTI_COMPILED
			    : j->mm2	   ? SCAN_FILTER_MULTI_BOTH
					   : SCAN_FILTER_MULTI_BUILTIN;
	} else if (scan_job_words(j) == 0 && !j->opts->no_prefilter) {
		j->pf_use = 1;
		j->filter = SCAN_FILTER_WORDS;
	}
}

/* j->pat_ids and j->npat: each leaf's patterns among the distinct ones (facts.c, first_match). */
static void index_patterns(struct scan_job *j, const struct rules *rs)
{
	struct scan_patterns p;
	j->pat_ids = xmalloc((rs->nleaves ? rs->nleaves * TW_N : 1) * sizeof(*j->pat_ids));
	scan_patterns(&p, j->pat_ids, rs);
	j->npat = p.n;
	scan_patterns_clear(&p);
}

/* The job of a scan of repo with rs: the pack indexes, the content patterns' words and twins, no leaf settled. */
static void job_init(struct scan_job *j, git_repository *repo, const struct rules *rs, const struct scan_opts *opts)
{
	size_t i;

	memset(j, 0, sizeof(*j));
	j->repo = repo;
	j->rs = rs;
	j->opts = opts;
	j->commit_day = date_day_of(opts->commit_time);
	j->packs = open_packs(repo, opts->no_fastpack);
	build_filters(j);
	index_patterns(j, rs);
	j->twins = xcalloc(rs->nleaves ? rs->nleaves * TW_N : 1, sizeof(*j->twins));
	j->settled = xcalloc(rs->nleaves ? rs->nleaves : 1, sizeof(*j->settled));
	for (i = 0; i < rs->nleaves; i++) {
		const struct leaf *l = rs->leaves[i];
		j->twins[i * TW_N + TW_CONTAINS] = twin_compile(l->contains);
		j->twins[i * TW_N + TW_NOT_CONTAINS] = twin_compile(l->not_contains);
		j->twins[i * TW_N + TW_FRESH] = twin_compile(l->fresh);
	}
}

/* Frees what job_init made (the workers and the ring are gone by then); NULL is fine. */
static void job_free(struct scan_job *j)
{
	size_t i;

	if (!j)
		return;
	for (i = 0; j->twins && i < j->rs->nleaves * TW_N; i++)
		twin_free(j->twins[i]);
	free(j->twins);
	free((void *)j->settled);
	pack_set_free(j->packs);
	multi_free(j->mm);
	multi_free(j->mm2);
	for (i = 0; i < j->ncm; i++)
		multi_free(j->cm[i]);
	free(j->cm);
	free(j->cm_local);
	free(j->mm_ids);
	free(j->pat_ids);
	if (j->rs) { /* job_init ran: the locks exist */
		pthread_mutex_destroy(&j->mm_lock);
		pthread_mutex_destroy(&j->big_lock);
	}
	prefilter_free(j->pf);
	free(j->pf_ids);
	free(j->pf_fast);
	memset(j, 0, sizeof(*j));
}

/* A worker of job j reading through odb (which it takes): its own match state and pack reader. */
static void worker_init(struct worker *wk, struct scan_job *j, git_odb *odb)
{
	memset(wk, 0, sizeof(*wk));
	wk->job = j;
	wk->odb = odb;
	wk->mc = match_ctx_new();
	wk->pk = pack_reader_new(j->packs);
	wk->mms = j->mm ? multi_scratch_new(j->mm) : NULL;
	wk->mms2 = j->mm2 ? multi_scratch_new(j->mm2) : NULL;
	wk->first = xmalloc((j->npat ? j->npat : 1) * sizeof(*wk->first));
	wk->first_gen = xcalloc(j->npat ? j->npat : 1, sizeof(*wk->first_gen));
}

/* Frees what a worker holds (its thread has ended); NULL is fine. */
static void worker_release(struct worker *wk)
{
	size_t i;

	if (!wk)
		return;
	match_ctx_free(wk->mc);
	pack_reader_free(wk->pk);
	prefilter_scratch_free(wk->pfs);
	multi_scratch_free(wk->mms);
	multi_scratch_free(wk->mms2);
	for (i = 0; wk->cms && i < wk->job->ncm; i++)
		multi_scratch_free(wk->cms[i]);
	free(wk->cms);
	free(wk->first);
	free(wk->first_gen);
	git_odb_free(wk->odb);
	buf_free(&wk->ser);
	memset(wk, 0, sizeof(*wk));
}

unsigned scan_jobs(unsigned jobs)
{
	if (jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n > 0 ? (unsigned)n : 1;
	}
	return jobs > SCAN_MAX_JOBS ? SCAN_MAX_JOBS : jobs;
}

/*
 * Starts jobs - 1 worker threads (the walking thread is the last one), each
 * with its own object database: libgit2 objects are not shared between
 * threads.  Falls back to fewer threads, never fails.
 */
static void start_workers(struct scan_job *j, git_repository *repo, unsigned jobs)
{
	struct buf objdir = BUF_INIT;
	size_t i;

	if (jobs < 2)
		return;
	buf_printf(&objdir, "%sobjects", git_repository_commondir(repo));
	j->workers = xcalloc(jobs - 1, sizeof(*j->workers));
	for (i = 0; i < jobs - 1; i++) {
		git_odb *odb;
		if (git_odb_open(&odb, objdir.ptr) < 0)
			break;
		/* hostile loose objects go to the bounded reader on every thread, not to libgit2's */
		if (loose_attach_odb(odb, buf_cstr(&objdir)) < 0) {
			git_odb_free(odb);
			break;
		}
		worker_init(&j->workers[i], j, odb);
		j->nworkers++;
	}
	buf_free(&objdir);
	if (j->nworkers > 0)
		ring_start(j);
}

/* Decides and merges everything still queued, then ends the worker threads and frees them. */
static void finish_workers(struct walk *w)
{
	struct scan_job *j = w->job;
	size_t i;

	ring_close(w);
	for (i = 0; i < j->nworkers; i++)
		worker_release(&j->workers[i]);
	free(j->workers);
	j->workers = NULL;
	j->nworkers = 0;
}

int scan_run(struct scan_result **out, git_repository *repo, git_tree *tree, const struct rules *rs,
	     const struct scan_opts *opts)
{
	struct scan_job job;
	struct worker self; /* the walking thread's */
	struct walk w;
	struct scan_result *res = NULL;
	git_odb *odb;
	int rc = -1;

	memset(&job, 0, sizeof(job));
	memset(&self, 0, sizeof(self));
	memset(&w, 0, sizeof(w));
	if (git_repository_odb(&odb, repo) < 0) {
		err_set("cannot open the object database");
		goto done;
	}
	res = result_new(rs->nleaves);
	job_init(&job, repo, rs, opts);
	worker_init(&self, &job, odb);
	walk_init(&w, repo, rs, opts, res, &job, &self);
	res->filter = job.filter;
	start_workers(&job, repo, scan_jobs(opts->jobs));
	rc = walk_root(&w, git_tree_id(tree));
	finish_workers(&w);
	res->big_reads = job.big_reads;
	res->words_built = job.pf_tried;
	res->whole_loaded = job.mm_builtin && job.mm;
	if (rc < 0)
		goto done;
	*out = res;
	res = NULL;
done:
	walk_free(&w);
	worker_release(&self);
	job_free(&job);
	scan_result_free(res);
	return rc;
}
