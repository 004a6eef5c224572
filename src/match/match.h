/* match.h - path globs and content regexes, both compiled by PCRE2 (JIT). */
#ifndef PG_MATCH_H
#define PG_MATCH_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "match/jit.h"

/*
 * A glob, matched against a whole path from the repository root.
 * Syntax: `*` (not across /), `**` (any depth), `?`, `[...]` classes and
 * `{a,b}` alternatives.  A glob with no `/` matches at any depth (as in
 * .gitignore); a leading `/` anchors it to the root.  Braces are expanded
 * here; every alternative is converted by pcre2_pattern_convert().
 */
struct glob_fast;

struct match_glob {
	char *src;          /* as written */
	pcre2_code **alts;  /* one compiled pattern per brace alternative */
	size_t nalts;
	pcre2_code *all;    /* every alternative in one pattern (paths), or NULL */
	struct glob_fast **fast; /* per alternative: matched without PCRE2, or NULL */
	pcre2_code *dir_all; /* for a glob ending in "/" and two stars: matches the folder x itself, or NULL */
	unsigned refs;       /* owners beyond the first (match_glob_ref); loading is single-threaded */
	atomic_uchar jitted; /* its patterns were given to the JIT (match_jit_once) */
};

/*
 * Compiles glob into *out (caller frees with match_glob_free).  On error
 * returns -1, sets err, and stores the byte offset in glob at *erroff.
 */
int match_glob_compile(struct match_glob **out, const char *glob, int ignore_case, size_t *erroff);
/* Drops one owner; the last one frees.  Accepts NULL. */
void match_glob_free(struct match_glob *g);

/* Adds an owner to g (one compiled glob shared by many conditions) and returns g. */
struct match_glob *match_glob_ref(struct match_glob *g);

/* 1 when path (len bytes, no trailing /) matches the glob, else 0. */
int match_glob_path(const struct match_glob *g, const char *path, size_t len);
/*
 * A path split into segments once, for testing it against many globs
 * (match_glob_prepared); it points into path, which must outlive it.
 */
#define MATCH_PATH_SEGS 64
struct match_path {
	const char *s;
	size_t len;
	int ascii, utf8, split; /* split: fewer than MATCH_PATH_SEGS segments */
	size_t np;
	size_t at[MATCH_PATH_SEGS], end[MATCH_PATH_SEGS];
};
void match_path_prepare(struct match_path *mp, const char *path, size_t len);
int match_glob_prepared(const struct match_glob *g, const struct match_path *mp);
/*
 * The longest run of literal text alternative alt of g needs (folded to
 * lower case), into buf: every path it matches holds it.  Returns its
 * length, 0 when there is none or the alternative is left to PCRE2.
 * *ascii_never: the alternative matches no ASCII path at all.
 */
size_t match_glob_word(const struct match_glob *g, size_t alt, char *buf, size_t cap, int *ascii_never);
/* The same through PCRE2 alone, for the tests that compare both ways. */
int match_glob_path_pcre2(const struct match_glob *g, const char *path, size_t len);

/*
 * For a folder "dir/" (with the trailing slash): 1 when some path below it
 * could match, else 0.  Uses PCRE2 partial matching.
 */
int match_glob_may_descend(const struct match_glob *g, const char *dir, size_t len);

/* 1 when every path below folder dir (no trailing slash) matches. */
int match_glob_covers_dir(const struct match_glob *g, const char *dir, size_t len);

/* Frees what glob matching keeps per thread; call before a worker thread ends. */
void match_thread_cleanup(void);

/* A content regex: UTF, Unicode properties and multiline on, CRLF-aware. */
struct match_regex {
	char *src;
	pcre2_code *code;
	uint32_t ncaptures;
	int group; /* the group matches report: the one named "date", else 1, else 0 */
	atomic_uchar jitted; /* match_jit_once */
};

#define MATCH_CASELESS 1u

/*
 * 1 when PCRE2 finds where a match of r may start by itself, fast: the
 * pattern begins with one known byte, or with one of at most
 * MATCH_FAST_START_BYTES bytes.  Such a pattern gains nothing from a
 * prefilter (prefilter.h), whose pass over the text costs more than it.
 */
#define MATCH_FAST_START_BYTES 8
int match_regex_fast_start(const struct match_regex *r);

/* Compiles; on error returns -1, sets err and *erroff (offset in pattern). */
int match_regex_compile(struct match_regex **out, const char *pattern, unsigned flags, size_t *erroff);
void match_regex_free(struct match_regex *r);

/* Per-thread matching state: match data and limits.  match_ctx_free frees. */
struct match_ctx;
struct match_ctx *match_ctx_new(void);
void match_ctx_free(struct match_ctx *c);

/* Limits that stop a catastrophic pattern (pcre2_set_match_limit / depth_limit). */
#define MATCH_LIMIT 10000000u
#define MATCH_DEPTH_LIMIT 100000u

enum {
	MATCH_OK = 0,
	MATCH_NONE = 1,
	MATCH_LIMIT_HIT = -2, /* the match or depth limit was reached */
	MATCH_BAD_UTF = -3,   /* subject is not valid UTF-8 */
	MATCH_FAILED = -4
};

/*
 * Finds the next match of r in subject at or after *start.  On MATCH_OK sets
 * *mstart and *mend and advances *start past the match (never looping on an
 * empty match).  With a capture group, *cstart and *cend give group 1 (or the
 * group named "date"), else they equal the whole match.
 */
int match_regex_next(struct match_ctx *c, const struct match_regex *r, const char *subject, size_t len,
		     size_t *start, size_t *mstart, size_t *mend, size_t *cstart, size_t *cend);

/* The group a match reports for code: the one named "date", else 1 with groups, else 0. */
int match_report_group(const pcre2_code *code, uint32_t ncaptures);

/*
 * match_regex_next() for any compiled code (an ASCII twin, say), reporting
 * capture group `group`: the same limits, return codes and empty-match
 * stepping (a whole UTF-8 character, a whole CRLF).
 */
int match_code_next(struct match_ctx *c, const pcre2_code *code, int group, const char *subject, size_t len,
		    size_t *start, size_t *mstart, size_t *mend, size_t *cstart, size_t *cend);

#endif
