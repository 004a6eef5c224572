/* regex.h - content regexes (PCRE2: UTF, Unicode properties, multiline, CRLF-aware) and the state that runs them. */
#ifndef PG_MATCH_REGEX_H
#define PG_MATCH_REGEX_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "match/jit.h"

/*
 * A content regex: UTF, Unicode properties and multiline on, CRLF-aware.
 * Compiled plainly when loaded (which checks it and gives what the scan
 * asks of it up front: options, groups, how it starts); compiled for
 * running, with the budget's callouts, at its first search
 * (match_regex_ready): a scan runs few of a pack's patterns on most
 * repositories, and the two compiles that takes were a sixth of an empty
 * repository's scan.
 */
struct match_regex {
	char *src;	       /* the pattern as written */
	uint32_t opts;	       /* its compile options (PCRE2_INFO_ARGOPTIONS) */
	uint32_t newline;      /* its newline convention (PCRE2_INFO_NEWLINE) */
	uint32_t ncaptures;    /* its capture groups */
	int group;	       /* the group matches report: the one named "date", else 1, else 0 */
	int fast_start;	       /* match_regex_fast_start, read off the plain compile */
	size_t plain_callouts; /* the callouts (?C) written in it */
	/* set once, by match_regex_ready, before state turns MATCH_REGEX_READY */
	char *run_src;	     /* as compiled into code: src with the budget's callouts (regex.h), or src */
	pcre2_code *code;    /* NULL if even that compile failed (searches then say MATCH_FAILED) */
	atomic_uchar state;  /* MATCH_REGEX_NEW until its first search */
	atomic_uchar jitted; /* match_jit_once */
};

enum { MATCH_REGEX_NEW, MATCH_REGEX_READY };

/*
 * Compiles r for running (code and run_src), once, whichever thread asks
 * first; safe from any thread.  Returns r->code (NULL only when PCRE2
 * could not compile it again: out of memory).
 */
const pcre2_code *match_regex_ready(const struct match_regex *r);

/* 1 once match_regex_ready has run for r (for tests). */
int match_regex_is_ready(const struct match_regex *r);

#define MATCH_CASELESS 1u

/*
 * 1 when PCRE2 finds where a match of r may start by itself, fast: the
 * pattern begins with one known byte, or with one of at most
 * MATCH_FAST_START_BYTES bytes.  Such a pattern gains nothing from a
 * prefilter (prefilter.h), whose pass over the text costs more than it.
 */
#define MATCH_FAST_START_BYTES 8
int match_regex_fast_start(const struct match_regex *r);

/*
 * Compiles pattern into *out (caller frees with match_regex_free).  On
 * error returns -1, sets err and *erroff (offset in pattern); *out is then
 * untouched.
 */
int match_regex_compile(struct match_regex **out, const char *pattern, unsigned flags, size_t *erroff);
/* Frees r; NULL is fine. */
void match_regex_free(struct match_regex *r);

/* Per-thread matching state: match data and limits.  Never NULL; the caller frees it with match_ctx_free. */
struct match_ctx;
struct match_ctx *match_ctx_new(void);
/* Frees c; NULL is fine. */
void match_ctx_free(struct match_ctx *c);

/* Limits that stop a catastrophic pattern (pcre2_set_match_limit / depth_limit), per start position. */
#define MATCH_LIMIT	  10000000u
#define MATCH_DEPTH_LIMIT 100000u

/*
 * PCRE2's limits count per start position: `(a+)+$` on 20,000 lines of
 * `aaaa...a!` stays under them at every start and still runs for minutes.
 * Every content regex is compiled with a callout `(?C)` wherever PCRE2
 * could backtrack into a choice (after quantifiers and groups, at each
 * alternative; regex.c), and each callout PCRE2 reaches (the same count
 * with JIT or without) is one step of a budget shared by all the calls
 * that match one pattern against one subject: past MATCH_BUDGET_BASE steps plus
 * MATCH_BUDGET_PER_BYTE for each byte of the subject, the search ends with
 * MATCH_BUDGET_HIT.  The count depends only on the pattern, the subject
 * and PCRE2's version, never on the machine or on time.  Ordinary
 * patterns take one or two steps per byte of text.
 */
#define MATCH_BUDGET_BASE     10000000u
#define MATCH_BUDGET_PER_BYTE 8u

/* The budget of one pattern against a subject of len bytes. */
unsigned long match_budget_for(size_t len);

enum {
	MATCH_OK = 0,
	MATCH_NONE = 1,
	MATCH_LIMIT_HIT = -2, /* the match or depth limit was reached */
	MATCH_BAD_UTF = -3,   /* subject is not valid UTF-8 */
	MATCH_FAILED = -4,
	MATCH_BUDGET_HIT = -5 /* the pattern's MATCH_BUDGET for this subject is spent */
};

/*
 * Starts a new budget (match_budget_for) for the calls that follow (one
 * pattern against one subject).  match_code_next also starts one by itself
 * whenever the code, the subject or its length differ from the last call's.
 */
void match_budget_reset(struct match_ctx *c);

/* Steps of the current budget spent so far (for tests). */
unsigned long match_budget_spent(const struct match_ctx *c);

/* Sets the budget's size for c, whatever the subject (0: match_budget_for, the default; for tests). */
void match_budget_set(struct match_ctx *c, unsigned long steps);

/*
 * Finds the next match of r in subject at or after *start.  On MATCH_OK sets
 * *mstart and *mend and advances *start past the match (never looping on an
 * empty match).  With a capture group, *cstart and *cend give group 1 (or the
 * group named "date"), else they equal the whole match.
 */
int match_regex_next(struct match_ctx *c, const struct match_regex *r, const char *subject, size_t len, size_t *start,
		     size_t *mstart, size_t *mend, size_t *cstart, size_t *cend);

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
