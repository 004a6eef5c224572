/* glob.h - path globs against whole paths: PCRE2 per brace alternative, or segment by segment. */
#ifndef PG_MATCH_GLOB_H
#define PG_MATCH_GLOB_H

#include <stdatomic.h>
#include <stddef.h>

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
	char *src;	   /* as written */
	pcre2_code **alts; /* one compiled pattern per brace alternative */
	size_t nalts;
	pcre2_code *all; /* every alternative in one pattern (paths), compiled at the first PCRE2 match, or NULL */
	char *all_src;	 /* the pattern all is compiled from, until it is (match_glob_ready), or NULL */
	size_t all_len;
	struct glob_fast **fast;    /* per alternative: matched without PCRE2, or NULL */
	pcre2_code *dir_all;	    /* for a glob ending in "/" and two stars: matches the folder x itself, or NULL */
	struct glob_fast *dir_fast; /* dir_all without PCRE2 (glob_fast.h), or NULL */
	int anywhere;		    /* some alternative may match below every folder (match_glob_may_descend) */
	int caseless;		    /* compiled ignoring case */
	unsigned refs;		    /* owners beyond the first (match_glob_ref); loading is single-threaded */
	atomic_uchar jitted;	    /* its patterns were given to the JIT (match_jit_once) */
	atomic_uchar ready;	    /* all is compiled, or could not be (match_glob_ready) */
};

/*
 * Compiles glob into *out (caller frees with match_glob_free).  On error
 * returns -1, sets err, and stores the byte offset in glob at *erroff;
 * *out is then untouched.
 */
int match_glob_compile(struct match_glob **out, const char *glob, int ignore_case, size_t *erroff);
/* Drops one owner; the last one frees.  NULL is fine. */
void match_glob_free(struct match_glob *g);

/* Adds an owner to g (one compiled glob shared by many conditions) and returns g. */
struct match_glob *match_glob_ref(struct match_glob *g);

/*
 * Makes g ready for PCRE2 matching, once, from any thread: compiles the
 * pattern of all its alternatives (most paths are matched segment by
 * segment and never need it, so the load does not pay for it) and gives
 * its patterns to the JIT.  Every PCRE2 match of g calls it first.
 */
void match_glob_ready(const struct match_glob *g);

/* 1 when path (len bytes, no trailing /) matches the glob, else 0. */
int match_glob_path(const struct match_glob *g, const char *path, size_t len);
/* match_glob_path through PCRE2 alone, for the tests that compare both ways. */
int match_glob_path_pcre2(const struct match_glob *g, const char *path, size_t len);

/*
 * A path split into segments once, for testing it against many globs
 * (match_glob_prepared); it points into path, which must outlive it.
 */
#define MATCH_PATH_SEGS 64
struct match_path {
	const char *s;
	size_t len;
	int ascii, utf8, split; /* split: fewer than MATCH_PATH_SEGS segments */
	/*
	 * No character of the path is one that caseless matching pairs with an
	 * ASCII letter (match_fold_ascii_unsafe): an ASCII glob ignoring case
	 * matches it byte by byte, ASCII letters folded, as PCRE2 would.
	 */
	int fold_ascii;
	size_t np;
	size_t at[MATCH_PATH_SEGS], end[MATCH_PATH_SEGS];
};
void match_path_prepare(struct match_path *mp, const char *path, size_t len);

/*
 * 1 when the UTF-8 text (len bytes) holds a character that PCRE2's caseless
 * UTF matching pairs with an ASCII letter: KELVIN SIGN (k) and LONG S (s),
 * with the Turkish dotted and dotless I for a library that pairs those with
 * i.  test_glob_fast asks PCRE2 about every code point.
 */
int match_fold_ascii_unsafe(const char *s, size_t len);
/* match_glob_path for a prepared path. */
int match_glob_prepared(const struct match_glob *g, const struct match_path *mp);

/*
 * The longest run of literal text alternative alt of g needs (folded to
 * lower case), into buf: every path it matches holds it.  Returns its
 * length, 0 when there is none or the alternative is left to PCRE2.
 * *ascii_never: the alternative matches no ASCII path at all.
 */
size_t match_glob_word(const struct match_glob *g, size_t alt, char *buf, size_t cap, int *ascii_never);

/*
 * For a folder "dir/" (with the trailing slash): 1 when some path below it
 * could match, else 0.  Uses PCRE2 partial matching.
 */
int match_glob_may_descend(const struct match_glob *g, const char *dir, size_t len);

/* 1 when every path below folder dir (no trailing slash) matches. */
int match_glob_covers_dir(const struct match_glob *g, const char *dir, size_t len);

/* match_glob_may_descend and match_glob_covers_dir through PCRE2 alone, for the tests that compare both ways. */
int match_glob_may_descend_pcre2(const struct match_glob *g, const char *dir, size_t len);
int match_glob_covers_dir_pcre2(const struct match_glob *g, const char *dir, size_t len);

/* Frees what glob matching keeps per thread; call before a worker thread ends. */
void match_thread_cleanup(void);

#endif
