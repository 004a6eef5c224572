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
	char *branch;	     /* branch the revision names (or HEAD points to), or NULL */
	char *rev;	     /* as given */
};

/*
 * Opens the repository that holds path (searching upwards, as git does), or a
 * bare repository.  Nothing is written.  On failure returns -1 and sets err,
 * including the exact safe.directory setting when the owner check refuses it,
 * and what to do with a SHA-256 repository (which libgit2 1.5 cannot read).
 * The caller frees *out with git_repository_free.  sudo_uid is $SUDO_UID
 * (or NULL): as git does, root working through sudo may open the invoking
 * user's repository.  Call repo_global_init once before.
 */
int repo_open(git_repository **out, const char *path, const char *sudo_uid);

/* What the environment says about where the repository is, as git reads it; NULL or 0 for unset. */
struct repo_env {
	const char *git_dir;	  /* GIT_DIR: the repository itself, no search; relative to path when relative */
	const char *work_tree;	  /* GIT_WORK_TREE: its work tree; relative to path when relative */
	const char *ceiling_dirs; /* GIT_CEILING_DIRECTORIES: where the search upwards stops */
	int across_fs;		  /* GIT_DISCOVERY_ACROSS_FILESYSTEM is true: the search may cross file systems */
	const char *sudo_uid;	  /* SUDO_UID */
};

/*
 * repo_open, honouring env as git does: with GIT_DIR the repository is that
 * folder (path plays the part of `git -C path`) and, as in git, the owner
 * check of a discovered repository does not apply; GIT_WORK_TREE sets the
 * work tree (in memory only).  env may be NULL.  The caller frees *out with
 * git_repository_free.
 */
int repo_open_env(git_repository **out, const char *path, const struct repo_env *env);

/*
 * Why object id could not be read, in words a person can act on: corrupt
 * (git fsck), unreadable (the system's reason), behind an alternate that is
 * gone, missing from a partial clone, or missing past a shallow clone's edge
 * (which only a shallow clone is told).  what names the object for the
 * reader ("commit 'HEAD'", "'docs/x.md'").  Call right after the libgit2
 * call that failed: it reads git_error_last().  The caller frees.
 */
char *repo_object_problem(git_repository *repo, const git_oid *id, const char *what);

/*
 * libgit2 allocates blocks of this many bytes or more (the blobs it
 * inflates) at a multiple of PACK_DATA_ALIGN, once repo_global_init ran.
 */
#define REPO_BIG_ALLOC ((size_t)256 << 10)

/*
 * Sets libgit2's process-wide options the way proofgate reads repositories
 * (small pack windows, no re-hashing, the owner check done by repo_open,
 * large blocks aligned for Vectorscan: REPO_BIG_ALLOC).
 * Call once, after git_libgit2_init and before any repository is opened.
 */
void repo_global_init(void);

/* Resolves rev (anything git rev-parse takes) to a commit; -1 and err on failure. */
int repo_resolve(struct repo_target *out, git_repository *repo, const char *rev);

/* Frees what t holds (not t itself) and leaves it empty; NULL is fine. */
void repo_target_free(struct repo_target *t);

/* 1 when branch is a release branch: release/x, release-x, releases/x, hotfix/x. */
int repo_is_release_branch(const char *branch);

#endif
