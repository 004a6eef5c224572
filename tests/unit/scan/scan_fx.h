/* scan_fx.h - the fixture the scan_run tests share: the `basic` repository at HEAD, one rule at a time. */
#ifndef PG_TEST_SCAN_FX_H
#define PG_TEST_SCAN_FX_H

#include "helpers.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "git/repo.h"
#include "scan/scan.h"
#include "store/cache.h"

struct fx {
	git_repository *repo;
	struct repo_target target;
	struct rules *rs;
	struct scan_result *res;
};

static inline int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	assert_int_equal(repo_open(&f->repo, fixture_path("basic"), NULL), 0);
	assert_int_equal(repo_resolve(&f->target, f->repo, "HEAD"), 0);
	*state = f;
	return 0;
}

static inline int fx_teardown(void **state)
{
	struct fx *f = *state;
	scan_result_free(f->res);
	rules_free(f->rs);
	repo_target_free(&f->target);
	git_repository_free(f->repo);
	free(f);
	return 0;
}

/* Options for a scan of the fixture's HEAD with the given size cap (every acceleration on, no cache). */
static inline struct scan_opts fx_opts(const struct fx *f, uint64_t max_size)
{
	struct scan_opts o;
	memset(&o, 0, sizeof(o));
	o.max_file_size = max_size;
	o.commit_time = f->target.commit_time;
	git_oid_cpy(&o.commit_id, git_commit_id(f->target.commit));
	return o;
}

/* Loads one rule whose evidence is `cond` (a YAML flow mapping) into f->rs. */
static inline void fx_rule(struct fx *f, const char *cond)
{
	char yaml[4096];

	snprintf(yaml, sizeof(yaml),
		 "domains: [{id: d, title: D}]\n"
		 "rules:\n"
		 "  - {id: d.r, domain: d, level: required, title: T, next_step: N, evidence: %s}\n",
		 cond);
	scan_result_free(f->res);
	rules_free(f->rs);
	f->res = NULL;
	f->rs = load_rules_string(yaml);
	if (f->rs->diags.n)
		fail_msg("rules: %s", f->rs->diags.items[0].msg);
}

/* Scans the fixture with one rule whose evidence is `cond`; its one leaf's state. */
static inline const struct leaf_state *scan_with(struct fx *f, const char *cond, uint64_t max_size)
{
	struct scan_opts o = fx_opts(f, max_size);

	fx_rule(f, cond);
	assert_int_equal(scan_run(&f->res, f->repo, f->target.tree, f->rs, &o), 0);
	assert_int_equal(f->res->nleaves, 1);
	return &f->res->leaves[0];
}

/* 1 when r lists path as skipped for a reason holding why. */
static inline int skipped(const struct scan_result *r, const char *path, const char *why)
{
	size_t i;
	for (i = 0; i < r->nskipped; i++)
		if (!strcmp(r->skipped[i].path, path) && strstr(r->skipped[i].why, why))
			return 1;
	return 0;
}

/* Scans the fixture with f->rs through the cache folder dir (opened and closed around the scan); the result. */
static inline struct scan_result *fx_scan_cached(struct fx *f, const char *dir, int no_records)
{
	struct scan_opts o = fx_opts(f, 1 << 20);
	struct scan_result *r = NULL;
	struct cache *c = NULL;

	assert_int_equal(scan_cache_open(&c, f->repo, f->rs, dir), 0);
	o.cache = c;
	o.no_records = no_records;
	assert_int_equal(scan_run(&r, f->repo, f->target.tree, f->rs, &o), 0);
	assert_int_equal(cache_close(c), 0);
	return r;
}

static inline void fx_same_evidence(const struct evidence *a, const struct evidence *b)
{
	assert_true((a->path == NULL) == (b->path == NULL));
	if (a->path)
		assert_string_equal(a->path, b->path);
	assert_int_equal(a->line, b->line);
	assert_string_equal(a->blob, b->blob);
}

/* Asserts that two results report the same (the counts of work done aside). */
static inline void fx_same_result(const struct scan_result *a, const struct scan_result *b)
{
	size_t i, k;

	assert_int_equal(a->nleaves, b->nleaves);
	for (i = 0; i < a->nleaves; i++) {
		const struct leaf_state *x = &a->leaves[i], *y = &b->leaves[i];
		assert_int_equal(x->nselected, y->nselected);
		assert_int_equal(x->nsatisfied, y->nsatisfied);
		assert_int_equal(x->nev, y->nev);
		for (k = 0; k < x->nev; k++)
			fx_same_evidence(&x->ev[k], &y->ev[k]);
		assert_int_equal(x->nnotes, y->nnotes);
		assert_int_equal(x->nnotes_total, y->nnotes_total);
		for (k = 0; k < x->nnotes; k++) {
			fx_same_evidence(&x->notes[k].at, &y->notes[k].at);
			assert_string_equal(x->notes[k].why, y->notes[k].why);
		}
		assert_true((x->error == NULL) == (y->error == NULL));
		if (x->error)
			assert_string_equal(x->error, y->error);
		assert_int_equal(x->newest_day, y->newest_day);
		fx_same_evidence(&x->newest, &y->newest);
	}
	assert_int_equal(a->nskipped, b->nskipped);
	for (i = 0; i < a->nskipped; i++) {
		assert_string_equal(a->skipped[i].path, b->skipped[i].path);
		assert_string_equal(a->skipped[i].why, b->skipped[i].why);
	}
	assert_int_equal(a->entries_seen, b->entries_seen);
	assert_int_equal(a->trees_pruned, b->trees_pruned);
}

static inline int fx_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* A fresh folder for a cache (static storage), removed with fx_rmdir. */
static inline const char *fx_tmpdir(void)
{
	static char dir[64];
	snprintf(dir, sizeof(dir), "/tmp/pg-test-scan-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static inline void fx_rmdir(const char *dir)
{
	nftw(dir, fx_rm, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
