/* shallow.h - the merge base of two commits, as git finds it in a shallow clone too. */
#ifndef PG_SHALLOW_H
#define PG_SHALLOW_H

#include <git2.h>

enum {
	REPO_NO_BASE = 1,	  /* the two commits have no common ancestor */
	REPO_NO_BASE_SHALLOW = 2, /* none in this shallow clone: its history stops before they meet */
};

/*
 * The best common ancestor of one and two, as git sees it: in a shallow
 * clone the commits .git/shallow lists have no parents, whatever objects
 * the clone holds (libgit2 1.5 ignores that file, so its answer depended on
 * what a fetch happened to bring).  Returns 0 and sets out, REPO_NO_BASE or
 * REPO_NO_BASE_SHALLOW, or -1 and err when the repository cannot be read.
 */
int repo_merge_base(git_oid *out, git_repository *repo, const git_oid *one, const git_oid *two);

#endif
