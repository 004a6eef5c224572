/* rules.h - rule packs: loading YAML with libyaml, strict validation, the model. */
#ifndef PG_RULES_H
#define PG_RULES_H

#include <git2.h>
#include <stddef.h>

#include "match/match.h"
#include "util/buf.h"
#include "util/diag.h"

/* A text in English, optionally Arabic; en is never NULL once loaded. */
struct text {
	char *en;
	char *ar;
};

enum lang { LANG_EN, LANG_AR };

/* The text in lang, falling back to English; owned by t. */
const char *text_get(const struct text *t, enum lang lang);

enum level { LEVEL_REQUIRED, LEVEL_EXPECTED, LEVEL_ADVISORY };
const char *level_name(enum level l);
/* Parses "required", "expected" or "advisory"; -1 when it is none. */
int level_parse(enum level *out, const char *s);

struct domain {
	char *id;
	struct text title;
	struct text next_step; /* the step once ready (keeping it so); may be empty */
	long order;
	struct where at;
};

struct proof {
	char *id;
	struct text title;
	struct text description;
	char **requires; /* other proof ids */
	size_t nrequires;
	size_t *requires_idx;
	struct where at;
	struct where *requires_at;
};

/*
 * A leaf condition: the files it selects (paths minus excludes) and what
 * each selected file must show.  A `file` leaf holds when at least min_files
 * selected files show it all; a `no_file` leaf holds when none does.
 * A `no_file` leaf forbids: the pack's excludes and linguist-generated or
 * linguist-vendored attributes do not narrow it, only its own exclude list.
 */
struct leaf {
	size_t index; /* in rules.leaves */
	int negated;  /* 1 for no_file */
	struct match_glob **paths;
	size_t npaths;
	struct match_glob **exclude; /* the leaf's, and its pack's unless negated (a forbidding leaf) */
	size_t nexclude;
	struct match_regex *contains;
	size_t min_matches; /* of contains; at least 1 */
	struct match_regex *not_contains;
	struct match_regex *fresh;
	long fresh_days;
	size_t min_lines;
	int executable; /* -1 not asked, 0 must not be, 1 must be */
	size_t min_files;
	struct text what; /* author's words for what this looks for; may be empty */
	struct where at;
};

/* 1 when the leaf must read a file's contents to decide. */
int leaf_needs_content(const struct leaf *l);

enum cond_kind { COND_ALL, COND_ANY, COND_LEAF };

struct cond {
	enum cond_kind kind;
	struct cond **kids; /* COND_ALL, COND_ANY */
	size_t nkids;
	struct leaf *leaf; /* COND_LEAF; owned here */
};

struct rule {
	char *id;
	char *domain_id;
	size_t domain; /* index in rules.domains */
	enum level level;
	struct text title;
	struct text description;
	struct text next_step;
	char **proofs;
	size_t nproofs;
	size_t *proof_idx;
	struct where *proofs_at;
	char **links;
	size_t nlinks;
	struct cond *evidence;
	struct where at;
	struct where domain_at;
};

struct rules {
	struct domain *domains;
	size_t ndomains, domains_cap;
	struct proof *proofs;
	size_t nproofs, proofs_cap;
	struct rule *rules;
	size_t nrules, rules_cap;
	struct leaf **leaves; /* every leaf of every rule, borrowed */
	size_t nleaves, leaves_cap;
	char **files; /* names of loaded packs, owned */
	size_t nfiles, files_cap;
	struct diag_list diags; /* every problem of every pack, in the order found */
	struct diag_list
		warnings;    /* patterns that may backtrack catastrophically (match/risk.h); `rules check` shows them */
	char digest[48];     /* "sha1:" + hex, set by rules_finish */
	struct buf canon;    /* what the digest covers: each pack's name and bytes */
	git_oid *pack_blobs; /* the blob id each loaded pack would have: packs are never their own evidence */
	size_t npack_blobs, pack_blobs_cap;
	/*
	 * Every glob compiled so far, by its text and case, in an open-addressed
	 * table of seen_cap slots (a power of two, or 0): packs repeat their path
	 * lists (YAML anchors, the excludes heading every file of the built-in
	 * pack), so a glob is compiled once and shared (match_glob_ref).  The
	 * table holds a reference of its own to each.
	 */
	struct match_glob **seen;
	size_t nseen, seen_cap;
};

/* An empty set; free with rules_free. */
struct rules *rules_new(void);
/* Frees the set and everything in it; NULL is fine. */
void rules_free(struct rules *rs);

/*
 * Loads one pack from memory; name is used in messages.  Problems are
 * added to rs->diags; returns -1 when this pack had any.
 */
int rules_add_buffer(struct rules *rs, const char *name, const char *data, size_t len);

/*
 * Loads a file, or every *.yml / *.yaml file of a folder in name order.
 * Returns -1 with a diag when the path cannot be read or a pack is invalid.
 */
int rules_add_path(struct rules *rs, const char *path);

/*
 * 1 when the YAML in data nests lists and mappings deeper than rule packs
 * may (libyaml slows down with the square of the depth), with where at
 * *line and *col; for any YAML proofgate reads from a repository.
 */
int rules_nesting_exceeds(const char *data, size_t len, int *line, int *col);

/* Loads the pack compiled into the binary (every .yml file under rules/). */
int rules_add_builtin(struct rules *rs);

/*
 * Resolves references between packs (domains, proofs), sorts domains by
 * order and sets the digest.  Returns -1 when any diag exists.
 */
int rules_finish(struct rules *rs);

/* 1 when oid is the blob of a loaded rule pack (scanning a repository that keeps it). */
int rules_is_pack_blob(const struct rules *rs, const git_oid *oid);

/* Index of the rule, domain or proof with that id, or -1. */
long rules_find_rule(const struct rules *rs, const char *id);
long rules_find_domain(const struct rules *rs, const char *id);
long rules_find_proof(const struct rules *rs, const char *id);

#endif
