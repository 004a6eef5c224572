/*
 * ci_branch.h - which branch a scan is for (its gate) and, in a pull or merge
 * request, the target branch whose policy applies: from --branch, an explicit
 * --rev naming a branch, the CI's variables (GitHub Actions, GitLab CI,
 * Jenkins, CircleCI, Buildkite, Azure Pipelines, Bitbucket Pipelines) and the
 * branch HEAD is on.
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
	const char *name;	   /* borrowed from the flag, the environment or rev_branch; NULL when none is known */
	const char *source;	   /* "--branch", "--rev", "GITHUB_BASE_REF", ..., "revision", or "none" */
	int change;		   /* 1 when it is the target of a pull or merge request */
	const char *target;	   /* a pull or merge request's target branch, even when --branch wins; or NULL */
	const char *target_source; /* the variable that named it */
};

typedef const char *(*ci_env_fn)(const char *name);

/*
 * The gate's branch, first that applies (empty values count as unset):
 * --branch (flag); the branch an explicit revision names (rev_named: 1 when
 * --rev was given, not HEAD, and named rev_branch); a pull or merge request's
 * target (GITHUB_BASE_REF, CI_MERGE_REQUEST_TARGET_BRANCH_NAME,
 * CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_NAME, Jenkins CHANGE_TARGET,
 * BUILDKITE_PULL_REQUEST_BASE_BRANCH, Azure SYSTEM_PULLREQUEST_TARGETBRANCH,
 * BITBUCKET_PR_DESTINATION_BRANCH); the pushed branch (GITHUB_REF_NAME unless
 * a tag or a pull request's ref, CI_COMMIT_BRANCH, CI_COMMIT_REF_NAME unless
 * CI_COMMIT_TAG, Jenkins BRANCH_NAME and GIT_BRANCH unless CHANGE_ID or
 * TAG_NAME, CIRCLE_BRANCH, BUILDKITE_BRANCH unless BUILDKITE_TAG, Azure
 * BUILD_SOURCEBRANCH under refs/heads/, BITBUCKET_BRANCH); rev_branch (the
 * branch HEAD is on); else none (source "none").  Jenkins' variables count
 * only with JENKINS_URL set, Azure's only with TF_BUILD.  The CI's
 * variables describe the job's checkout: they count only when ci is 1 (the
 * scanned commit is HEAD's) and no explicit revision named the branch.
 * target is set whenever they name a pull or merge request's target: its
 * policy applies, even when --branch names the gate.
 */
void ci_branch_resolve_rev(struct ci_branch *out, const char *flag, const char *rev_branch, int rev_named, int ci,
			   ci_env_fn env);

/* ci_branch_resolve_rev for a revision that is HEAD's (proofgate diff's head). */
void ci_branch_resolve(struct ci_branch *out, const char *flag, const char *rev_branch, ci_env_fn env);

/* 1 when commit is the one HEAD points to (the CI's variables describe it), else 0. */
int ci_is_checkout(git_repository *repo, const git_commit *commit);

#endif
