/* config.h - the scanned repository's own policy, .proofgate.yml, read from a commit's tree. */
#ifndef PG_CONFIG_H
#define PG_CONFIG_H

#include <git2.h>
#include <stddef.h>

#include "match/match.h"
#include "model/rules.h"

#define CONFIG_FILE ".proofgate.yml"
/* A waiver may run at most this many days past the scanned commit unless max_waiver_days says otherwise. */
#define CONFIG_DEFAULT_WAIVER_DAYS 90
#define CONFIG_MAX_BYTES	   (256u * 1024u)

/* When the gate fails: on blocked domains, on anything short of ready, or never. */
enum fail_on { FAIL_ON_BLOCKED, FAIL_ON_READINESS_ONLY, FAIL_ON_NEVER };

const char *fail_on_name(enum fail_on f);
/* Parses "blocked", "readiness-only" or "never"; -1 when it is none. */
int fail_on_parse(enum fail_on *out, const char *s);

/* A gate as written: a level, "regression" (fail when anything got worse than a base), or both. */
struct fail_on_spec {
	int has_level;
	enum fail_on level;
	int regression;
};

/*
 * Parses a comma-separated list of at most one level and "regression"
 * ("blocked,regression"; blanks around items are fine) into *out, which is
 * written only on success; -1 when it is not one.
 */
int fail_on_spec_parse(struct fail_on_spec *out, const char *s);

/* A waiver: a failing rule counts as passing until it expires; all strings set, expires is YYYY-MM-DD. */
struct waiver {
	char *rule;
	char *reason;
	char *owner;
	char *expires;
	long expires_day; /* days since 1970-01-01 */
	struct where at;  /* where it is written */
};

/* A gate for branches matching a glob (first match wins). */
struct config_gate {
	char *glob;
	struct match_glob *match; /* the glob anchored at the start of the branch name */
	enum fail_on fail_on;
	int has_level;	/* 0: the gate lists only regression; the level is what applies without the policy */
	int regression; /* also fail when anything got worse than the base */
	struct where at;
};

struct config_level {
	char *rule;
	enum level level;
	struct where at;
};

/*
 * Evidence the policy declares for a rule (evidence: {rule-id: [path or
 * glob, ...]}): the rule's file conditions look at these files only, each
 * path or glob from the root of the tree, with the rule's own checks.
 */
struct config_evidence {
	char *rule;
	char **paths;		   /* as written */
	struct match_glob **globs; /* each anchored at the root of the tree */
	struct where *paths_at;
	size_t npaths;
	struct where at; /* the rule id */
};

/* 1 when the declared path p has no glob characters: it names one file. */
int config_evidence_literal(const char *p);

struct config {
	int present;			    /* 0: the commit has no .proofgate.yml */
	char *name;			    /* for messages */
	char commit_hex[GIT_OID_HEXSZ + 1]; /* the commit it was read from ("" for a buffer) */
	char **packs;			    /* rule packs kept in the repository: paths in the tree */
	struct where *packs_at;
	size_t npacks;
	char **off; /* rule ids turned off */
	struct where *off_at;
	size_t noff;
	struct config_level *levels;
	size_t nlevels;
	struct config_gate *gates;
	size_t ngates;
	struct waiver *waivers;
	size_t nwaivers;
	long max_waiver_days;
	struct config_evidence *evidence; /* in the order written */
	size_t nevidence;
	int cache_off;		/* cache: off */
	char **cache_off_globs; /* cache: {off: [...]}: branches whose gates ignore the cache */
	struct match_glob **cache_off_match;
	size_t ncache_off;
	size_t nproblems; /* problems found while reading it (config_read_commit); 0 when valid */
};

/*
 * Parses and validates a policy held in memory; name is used in messages and
 * commit_time (the scanned commit's committer date) bounds waiver expiry.
 * Returns 0 and *out, which the caller frees with config_free, or -1 with
 * every problem appended to diags (*out untouched).
 */
int config_load_buffer(struct config **out, struct diag_list *diags, const char *name, const char *data, size_t len,
		       long long commit_time);

/*
 * Reads .proofgate.yml from commit's tree (never the work tree) and parses it
 * as config_load_buffer does.  A commit without one gives a policy with
 * present = 0.  An unreadable blob is a problem in diags.
 */
int config_load_commit(struct config **out, struct diag_list *diags, git_repository *repo, git_commit *commit,
		       long long commit_time);

/*
 * As config_load_commit, but a policy with problems is handed back too (its
 * problems in diags, their number in nproblems), so that the rule ids and
 * packs it names can still be checked against the rule set and every
 * problem listed at once.  Returns 0 and *out (the caller frees it with
 * config_free, and must not apply a policy whose nproblems is not 0); -1
 * with a problem in diags only when there is nothing to check: the blob
 * cannot be read, is not a file, or is not YAML.
 */
int config_read_commit(struct config **out, struct diag_list *diags, git_repository *repo, git_commit *commit,
		       long long commit_time);

/*
 * Loads the policy's rule packs from commit's tree into rs (before
 * rules_finish): a file, or every *.yml / *.yaml file of a folder in name
 * order.  A pack the policy names wrongly is a problem in diags, a pack's
 * own problems go to rs->diags; returns -1 when there were any.
 */
int config_load_packs(const struct config *cfg, struct diag_list *diags, struct rules *rs, git_repository *repo,
		      git_commit *commit);

/*
 * Checks that every rule the policy names is loaded and applies its level
 * overrides and its declared evidence to rs: each `file` condition of a
 * rule with declared evidence selects the declared paths instead of its own
 * paths and excludes (its content, line, executable and freshness checks
 * stay), and the rule set's digest changes with them (cached folder records
 * depend on what the conditions select).  Returns -1 with problems in diags
 * when a rule is unknown.
 */
int config_apply(const struct config *cfg, struct diag_list *diags, struct rules *rs);

/* 1 when the policy tells the gate of branch (NULL: unknown) to ignore the content cache (cache: off). */
int config_cache_off(const struct config *cfg, const char *branch);

/* The first gate whose glob matches branch, or NULL. */
const struct config_gate *config_gate_for(const struct config *cfg, const char *branch);

/* 1 when the blob ids of .proofgate.yml in the two commits differ (added, removed or edited). */
int config_differs(git_repository *repo, git_commit *a, git_commit *b);

/* Frees the policy; NULL is fine. */
void config_free(struct config *cfg);

#endif
