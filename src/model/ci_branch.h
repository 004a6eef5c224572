/*
 * ci_branch.h - which branch a scan is for (its gate) and, in a pull or merge
 * request, the target branch whose policy applies: from --branch, the CI's
 * variables (GitHub Actions, GitLab CI) and the scanned revision.
 */
#ifndef PG_CI_BRANCH_H
#define PG_CI_BRANCH_H

#include <git2.h>

/*
 * The commit of a pull or merge request's target branch, whose policy
 * applies: origin/BRANCH, else the local BRANCH.  When neither is in the
 * clone, returns -1 with err saying exactly what to fetch.  The caller frees
 * *out with git_commit_free.
 */
int ci_target_commit(git_commit **out, git_repository *repo, const char *branch, const char *source);

/* The branch a gate is chosen for, and where the name came from. */
struct ci_branch {
	const char *name;	   /* borrowed from the flag, the environment or rev_branch; may be NULL */
	const char *source;	   /* "--branch", "GITHUB_BASE_REF", ..., "revision", or NULL */
	int change;		   /* 1 when it is the target of a pull or merge request */
	const char *target;	   /* a pull or merge request's target branch, even when --branch wins; or NULL */
	const char *target_source; /* the variable that named it */
};

typedef const char *(*ci_env_fn)(const char *name);

/*
 * --branch; else GITHUB_BASE_REF, CI_MERGE_REQUEST_TARGET_BRANCH_NAME (a
 * pull or merge request's target); else GITHUB_REF_NAME, CI_COMMIT_REF_NAME;
 * else rev_branch.  Empty values count as unset.  target is set whenever a
 * pull or merge request's target is known: its policy applies.
 */
void ci_branch_resolve(struct ci_branch *out, const char *flag, const char *rev_branch, ci_env_fn env);

#endif
