/* scan.c - one walk of the tree; blobs read, matched and dropped on worker threads, merged in walk order. */
#include "scan/internal.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/date.h"
#include "store/cache.h"
#include "util/err.h"
#include "util/mem.h"
#include "git/linguist.h"
#include "git/pack.h"
#include "match/prefilter.h"
#include "scan/treerec.h"
#include "match/twin.h"

#ifndef PROOFGATE_VERSION
#define PROOFGATE_VERSION "0.0.0"
#endif

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

/*
 * The words each content pattern needs (prefilter.h), or none when
 * the options say no_prefilter: then every pattern runs on every file it
 * selects, which the tests use to show the reports are the same.
 */
static void build_prefilter(struct scan_job *j, const struct rules *rs)
{
	size_t i;
	int any = 0;

	if (j->opts->no_prefilter)
		return;
	j->pf = prefilter_new();
	j->pf_ids = xmalloc((rs->nleaves ? rs->nleaves * TW_N : 1) * sizeof(*j->pf_ids));
	j->pf_fast = xcalloc(rs->nleaves ? rs->nleaves * TW_N : 1, 1);
	for (i = 0; i < rs->nleaves; i++) {
		const struct leaf *l = rs->leaves[i];
		const struct match_regex *r[TW_N];
		int k;
		r[TW_CONTAINS] = l->contains;
		r[TW_NOT_CONTAINS] = l->not_contains;
		r[TW_FRESH] = l->fresh;
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
static void start_workers(struct walk *w, unsigned jobs)
{
	struct scan_job *j = w->job;
	struct buf objdir = BUF_INIT;
	size_t i;

	if (jobs < 2)
		return;
	buf_printf(&objdir, "%sobjects", git_repository_commondir(w->repo));
	j->workers = xcalloc(jobs - 1, sizeof(*j->workers));
	for (i = 0; i < jobs - 1; i++) {
		struct worker *wk = &j->workers[i];
		wk->job = j;
		if (git_odb_open(&wk->odb, objdir.ptr) < 0)
			break;
		wk->mc = match_ctx_new();
		wk->pk = pack_reader_new(j->packs);
		wk->pfs = j->pf ? prefilter_scratch_new(j->pf) : NULL;
		j->nworkers++;
	}
	buf_free(&objdir);
	if (j->nworkers == 0)
		return;
	ring_start(j);
}

/* Decides and merges everything still queued, then ends the workers. */
static void finish_workers(struct walk *w)
{
	struct scan_job *j = w->job;
	struct pack_set *packs;
	struct prefilter *pf;
	int *pf_ids;
	unsigned char *pf_fast;
	size_t i;

	ring_close(w);
	for (i = 0; i < j->nworkers; i++) {
		match_ctx_free(j->workers[i].mc);
		pack_reader_free(j->workers[i].pk);
		prefilter_scratch_free(j->workers[i].pfs);
		git_odb_free(j->workers[i].odb);
		buf_free(&j->workers[i].ser);
	}
	free(j->workers);
	packs = j->packs;
	pf = j->pf;
	pf_ids = j->pf_ids;
	pf_fast = j->pf_fast;
	memset(j, 0, sizeof(*j));
	/* freed by scan_run, which made them */
	j->packs = packs;
	j->pf = pf;
	j->pf_ids = pf_ids;
	j->pf_fast = pf_fast;
}

int scan_run(struct scan_result **out, git_repository *repo, git_tree *tree, const struct rules *rs,
	     const struct scan_opts *opts)
{
	struct walk w;
	struct scan_job job;
	struct worker self;
	struct scan_result *res = NULL;
	struct twin **twins = NULL;
	atomic_uchar *settled = NULL;
	size_t i;
	int rc = -1, walked;

	*out = NULL;
	memset(&w, 0, sizeof(w));
	memset(&job, 0, sizeof(job));
	memset(&self, 0, sizeof(self));
	if (git_repository_odb(&self.odb, repo) < 0) {
		err_set("cannot open the object database");
		goto done;
	}
	res = result_new(rs->nleaves);
	job.rs = rs;
	job.opts = opts;
	job.commit_day = date_day_of(opts->commit_time);
	self.job = &job;
	self.mc = match_ctx_new();
	job.packs = open_packs(repo, opts->no_fastpack);
	self.pk = pack_reader_new(job.packs);
	build_prefilter(&job, rs);
	self.pfs = job.pf ? prefilter_scratch_new(job.pf) : NULL;
	job.twins = xcalloc(rs->nleaves ? rs->nleaves * TW_N : 1, sizeof(*job.twins));
	job.settled = settled = xcalloc(rs->nleaves ? rs->nleaves : 1, sizeof(*job.settled));
	for (i = 0; i < rs->nleaves; i++) {
		const struct leaf *l = rs->leaves[i];
		job.twins[i * TW_N + TW_CONTAINS] = twin_compile(l->contains);
		job.twins[i * TW_N + TW_NOT_CONTAINS] = twin_compile(l->not_contains);
		job.twins[i * TW_N + TW_FRESH] = twin_compile(l->fresh);
	}
	walk_init(&w, repo, rs, opts, res, &job, &self);
	twins = job.twins;
	start_workers(&w, scan_jobs(opts->jobs));
	walked = walk_root(&w, git_tree_id(tree));
	finish_workers(&w);
	if (walked < 0)
		goto done;
	*out = res;
	res = NULL;
	rc = 0;
done:
	walk_free(&w);
	buf_free(&self.ser);
	for (i = 0; twins && i < rs->nleaves * TW_N; i++)
		twin_free(twins[i]);
	free(twins);
	free((void *)settled);
	match_ctx_free(self.mc);
	pack_reader_free(self.pk);
	pack_set_free(job.packs);
	prefilter_scratch_free(self.pfs);
	prefilter_free(job.pf);
	free(job.pf_ids);
	free(job.pf_fast);
	git_odb_free(self.odb);
	scan_result_free(res);
	return rc;
}
