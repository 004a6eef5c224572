/*
 * revscan.h - one revision judged as `scan` judges it: the policy that
 * applies, the rule set, one walk through the content cache, the verdict.
 * What `diff` (two revisions) and `log` (many) share.
 */
#ifndef PG_REVSCAN_H
#define PG_REVSCAN_H

#include <git2.h>

#include "git/repo.h"
#include "model/config.h"
#include "model/rules.h"
#include "scan/scan.h"
#include "store/cache.h"
#include "verdict/verdict.h"

/* What applies to every revision; all borrowed. */
struct revscan_opts {
	int builtin;
	char *const *rules; /* --rules */
	size_t nrules;
	unsigned long long max_size;
	unsigned jobs;
	const char *cache_dir; /* --cache, or NULL for the default folder */
	int no_cache;
	int stats; /* print what each walk read and what the cache answered */
	enum lang lang;
};

/* One revision and everything judged of it; revscan_free releases it. */
struct revscan {
	struct repo_target t;
	git_commit *policy_commit; /* borrowed: the commit the policy is read from */
	const char *policy_from;   /* where that commit came from, for messages */
	struct config *cfg;
	struct rules *rs;
	int shared; /* cfg and rs are another revision's (revscan_share): not freed here */
	struct scan_result *scan;
	struct verdict *v;
	char *note;		   /* for the reader: the change edits the policy that did not apply, or NULL */
	struct cache_stats cstats; /* what the cache answered during the walk */
	int cached;		   /* the cache was used */
};

/*
 * Reads r's policy (.proofgate.yml of r->policy_commit, which the caller
 * set) and assembles its rule set, printing every problem.  Returns 0, or
 * -1 after printing.
 */
int revscan_load(struct revscan *r, git_repository *repo, const struct revscan_opts *o);

/* Makes r use from's policy and rule set (borrowed: from must outlive r). */
void revscan_share(struct revscan *r, const struct revscan *from);

/*
 * Walks r's tree through the content cache (opened and closed around the
 * walk, so that the next revision finds what this one stored) and computes
 * its verdict under its policy, freshness from its own commit date.  label
 * names the revision in --stats lines.  Returns 0, or -1 after printing why.
 */
int revscan_run(struct revscan *r, git_repository *repo, const struct revscan_opts *o, const char *label);

/* Frees everything r owns and leaves it empty; NULL is fine. */
void revscan_free(struct revscan *r);

#endif
