/* revscan.c - one revision judged as scan judges it, for diff and log: policy, rules, walk through the cache, verdict.
 */
#include "cli/revscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/ruleset.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"

int revscan_load(struct revscan *r, git_repository *repo, const struct revscan_opts *o)
{
	struct diag_list pack_diags = DIAG_LIST_INIT, policy_diags = DIAG_LIST_INIT;
	struct ruleset_sources src = {o->builtin, o->rules, o->nrules, NULL, repo, r->policy_commit};
	int rc = config_load_commit(&r->cfg, &policy_diags, repo, r->policy_commit, r->t.commit_time);
	int packs_failed = 0;

	if (rc == 0) {
		src.policy = r->cfg;
		rc = ruleset_load(&r->rs, &pack_diags, &policy_diags, &src);
		packs_failed = rc == RULESET_EPACKS;
	}
	cli_print_diags(&pack_diags, "(rules)");
	cli_print_diags(&policy_diags, CONFIG_FILE);
	if (policy_diags.n)
		cli_error("the policy %s in commit %.12s (%s) has %zu problem%s: fix %s there", CONFIG_FILE,
			  git_oid_tostr_s(git_commit_id(r->policy_commit)), r->policy_from, policy_diags.n,
			  policy_diags.n == 1 ? "" : "s", CONFIG_FILE);
	if (packs_failed)
		cli_error("rule pack errors above: fix them, or check them with 'proofgate rules check'");
	diag_list_clear(&pack_diags);
	diag_list_clear(&policy_diags);
	return rc < 0 ? -1 : 0;
}

void revscan_share(struct revscan *r, const struct revscan *from)
{
	r->cfg = from->cfg;
	r->rs = from->rs;
	r->shared = 1;
}

/*
 * The content cache for one walk, or NULL; a cache that cannot be used is
 * mentioned when --cache asked or the folder is refused as not this user's.
 */
static struct cache *open_cache(const struct revscan_opts *o, git_repository *repo, const struct rules *rs)
{
	struct cache *c = NULL;
	char *dir;
	int rc;
	if (o->no_cache)
		return NULL;
	dir = o->cache_dir ? xstrdup(o->cache_dir) : cache_default_dir(getenv("XDG_CACHE_HOME"), getenv("HOME"));
	if (dir && (rc = scan_cache_open(&c, repo, rs, dir)) < 0 && (o->cache_dir || rc == CACHE_EREFUSED))
		fprintf(stderr, "proofgate: note: scanning without the cache: %s\n", err_last());
	cli_cache_notes(c);
	free(dir);
	return c;
}

static void print_stats(const struct revscan *r, const char *label)
{
	const struct scan_result *s = r->scan;
	fprintf(stderr,
		"proofgate: stats: %s %.12s: %zu tree entries, %zu folders read, %zu folders from cache records, "
		"%zu folders pruned, %zu blobs read",
		label, r->t.commit_hex, s->entries_seen, s->trees_read, s->trees_cached, s->trees_pruned,
		s->blobs_read);
	if (r->cached)
		fprintf(stderr, "; cache: %zu segments loaded, %zu hits, %zu misses\n", r->cstats.segments_loaded,
			r->cstats.hits, r->cstats.misses);
	else
		fputs("; cache: off\n", stderr);
}

static int env_set(const char *name)
{
	const char *v = getenv(name);
	return v && *v;
}

int revscan_run(struct revscan *r, git_repository *repo, const struct revscan_opts *o, const char *label)
{
	struct scan_opts so;
	struct verdict_policy pol = verdict_policy_of(r->cfg);
	struct cache *cache;
	int rc;

	memset(&so, 0, sizeof(so));
	so.max_file_size = o->max_size;
	so.commit_time = r->t.commit_time;
	git_oid_cpy(&so.commit_id, git_commit_id(r->t.commit));
	so.jobs = o->jobs;
	so.cache = cache = config_cache_off(r->cfg, NULL) ? NULL : open_cache(o, repo, r->rs);
	so.no_fastpack = env_set("PROOFGATE_NO_FASTPACK");
	so.no_prefilter = env_set("PROOFGATE_NO_PREFILTER");
	so.no_multi = env_set("PROOFGATE_NO_MULTI");
	so.no_classes = env_set("PROOFGATE_NO_CLASSES");
	so.no_records = env_set("PROOFGATE_NO_RECORDS");
	rc = scan_run(&r->scan, repo, r->t.tree, r->rs, &so);
	if (rc < 0) {
		cli_error("%s (%s %.12s)", err_last(), label, r->t.commit_hex);
		cache_close(cache);
		return -1;
	}
	r->cached = cache != NULL;
	if (cache)
		cache_get_stats(cache, &r->cstats);
	if (o->stats)
		print_stats(r, label);
	if (cache_close(cache) < 0 && o->cache_dir)
		fprintf(stderr, "proofgate: note: the cache was not updated: %s\n", err_last());
	verdict_compute_policy(&r->v, r->rs, r->scan, (long long)r->t.commit_time, &pol, o->lang);
	return 0;
}

void revscan_free(struct revscan *r)
{
	if (!r)
		return;
	free(r->note);
	verdict_free(r->v);
	scan_result_free(r->scan);
	if (!r->shared) {
		rules_free(r->rs);
		config_free(r->cfg);
	}
	repo_target_free(&r->t);
	memset(r, 0, sizeof(*r));
}
