/* repo.h - read-only access to the scanned repository through libgit2. */
#ifndef PG_REPO_H
#define PG_REPO_H

#include <git2.h>
#include <stdint.h>

/* What a revision resolved to; repo_target_free releases it. */
struct repo_target {
	git_commit *commit;
	git_tree *tree;
	char commit_hex[GIT_OID_HEXSZ + 1];
	char tree_hex[GIT_OID_HEXSZ + 1];
	int64_t commit_time; /* committer date, seconds since the epoch */
	char *branch;        /* branch the revision names (or HEAD points to), or NULL */
	char *rev;           /* as given */
};

/*
 * Opens the repository that holds path (searching upwards, as git does), or a
 * bare repository.  Nothing is written.  On failure returns -1 and sets err,
 * including the exact safe.directory setting when the owner check refuses it.
 * The caller frees *out with git_repository_free.  sudo_uid is $SUDO_UID
 * (or NULL): as git does, root working through sudo may open the invoking
 * user's repository.  Call repo_global_init once before.
 */
int repo_open(git_repository **out, const char *path, const char *sudo_uid);

/*
 * Sets libgit2's process-wide options the way proofgate reads repositories
 * (small pack windows, no re-hashing, the owner check done by repo_open).
 * Call once, after git_libgit2_init and before any repository is opened.
 */
void repo_global_init(void);

/* Resolves rev (anything git rev-parse takes) to a commit; -1 and err on failure. */
int repo_resolve(struct repo_target *out, git_repository *repo, const char *rev);

void repo_target_free(struct repo_target *t);

/* 1 when branch is a release branch: release/x, release-x, releases/x, hotfix/x. */
int repo_is_release_branch(const char *branch);

#endif
