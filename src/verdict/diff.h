/*
 * diff.h - two verdicts compared: per rule, domain and proof what got worse
 * or better, the evidence that appeared or disappeared, and where the change
 * is, from libgit2's diff of the two trees (renames, deletions, mode changes,
 * symbolic links, submodules).
 */
#ifndef PG_DIFF_H
#define PG_DIFF_H

#include <git2.h>
#include <stddef.h>

#include "verdict/verdict.h"

/* Which way a rule, domain or proof moved from the base to the head. */
enum diff_dir {
	DIFF_SAME,   /* the same outcome, status or proof state */
	DIFF_WORSE,  /* pass -> fail/error, ready -> readiness-only/blocked, proven -> unproven */
	DIFF_BETTER, /* the reverse */
	DIFF_OTHER /* changed without getting worse or better: fail <-> error, pass <-> waived or off, on one side only
		    */
};

/* "same", "worse", "better" or "changed". */
const char *diff_dir_name(enum diff_dir d);

/* What the tree diff says happened to a path between the base and the head. */
enum path_change {
	PATH_SAME,	   /* not in the tree diff */
	PATH_ADDED,	   /* new in the head */
	PATH_DELETED,	   /* gone from the head */
	PATH_MODIFIED,	   /* its contents changed */
	PATH_RENAMED,	   /* moved (to), contents perhaps changed too */
	PATH_MODE,	   /* its executable bit changed (old_mode, new_mode) */
	PATH_TO_LINK,	   /* a file that is now a symbolic link */
	PATH_TO_SUBMODULE, /* it, or a folder above it (at), is now a submodule */
	PATH_TYPE	   /* another change of kind: a file where a folder was (at), a link that is now a file */
};

/* "same", "added", "deleted", "modified", "renamed", "mode", "symlink", "submodule" or "type". */
const char *path_change_name(enum path_change c);

/* What happened to one path; the strings belong to the diff. */
struct path_fate {
	enum path_change change;
	char *to;		     /* PATH_RENAMED: the path in the head; else NULL */
	char *at;		     /* PATH_TO_SUBMODULE, PATH_TYPE: the entry that replaced it; else NULL */
	unsigned old_mode, new_mode; /* git file modes, 0 when the path is missing on that side */
};

/* One entry of evidence (or of found-but-not-counting) on one side only. */
struct ev_change {
	int appeared;		   /* 1: in the head only; 0: in the base only */
	const struct evidence *ev; /* borrowed from that side's scan result */
	const char *why;	   /* a near miss: why the file does not count (borrowed); NULL for evidence */
	int violation;		   /* evidence of a failing rule: something found where nothing may be */
	struct path_fate fate;	   /* what the tree diff says of its path (PATH_SAME without trees) */
};

/* One rule, by id, on either side. */
struct rule_change {
	const char *id;
	const struct rule_result *base, *head; /* NULL on the side that does not load the rule */
	enum diff_dir dir;
	int gates;	      /* 1 when it got worse and counts for --fail-on regression (required or expected) */
	struct ev_change *ev; /* evidence and near misses that appeared or disappeared */
	size_t nev;
	/*
	 * Where the change is, when the evidence tells: a near miss or a
	 * violation that appeared (its line), or what became of evidence that
	 * disappeared (renamed, deleted, mode, link, submodule).  path is NULL
	 * when nothing points anywhere; in_base is 1 when path exists only in
	 * the base (a deleted file); cause is the entry the sentence is about.
	 */
	const char *path;
	size_t line;
	int in_base;
	const struct ev_change *cause;
};

struct domain_change {
	const char *id;
	const struct domain_result *base, *head;
	enum diff_dir dir;
};

struct proof_change {
	const char *id;
	const struct proof_result *base, *head;
	enum diff_dir dir;
};

/* How many rules, domains or proofs moved each way. */
struct diff_counts {
	size_t worse, better, other;
};

struct verdict_diff {
	struct rule_change *rules; /* every rule of the head in its order, then those of the base only */
	size_t nrules;
	struct domain_change *domains; /* likewise */
	size_t ndomains;
	struct proof_change *proofs;
	size_t nproofs;
	struct diff_counts nrule, ndomain, nproof;
	size_t nevidence; /* rules whose outcome stayed while their evidence changed */
	int regressed;	  /* something that counts for --fail-on regression got worse */
	size_t ndeltas;	  /* entries in the tree diff (0 without trees) */
};

/*
 * Compares base with head.  With repo and both trees, evidence that
 * disappeared is explained from libgit2's diff of the trees (renames found
 * by similarity).  Worse counts for the gate when it is a domain's status,
 * a proof, or a required or expected rule (an advisory rule moves no
 * status or gate).  Returns 0 and *out, which the caller frees with
 * verdict_diff_free; or -1 with err when the trees cannot be compared.
 * *out borrows from both verdicts: free it first.
 */
int verdict_diff_compute(struct verdict_diff **out, const struct verdict *base, const struct verdict *head,
			 git_repository *repo, git_tree *base_tree, git_tree *head_tree);

/*
 * Applies the regression part of head's gate (head->gate.regression): the
 * gate fails, decided, when d regressed.  Records that a base was compared.
 */
void verdict_diff_gate(struct verdict *head, const struct verdict_diff *d);

/*
 * One sentence, in lang, saying what became of a path or a near miss
 * ("renamed to docs/x.md", "lost its executable bit (100755 -> 100644)",
 * "now matches a placeholder: ..."); the caller frees it.
 */
char *diff_describe(const struct ev_change *c, enum lang lang);

/* Frees the comparison (nothing it borrows); NULL is fine. */
void verdict_diff_free(struct verdict_diff *d);

#endif
