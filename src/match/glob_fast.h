/* glob_fast.h - one brace-free glob alternative matched segment by segment, without PCRE2 (glob.c's fast path). */
#ifndef PG_MATCH_GLOB_FAST_H
#define PG_MATCH_GLOB_FAST_H

#include <stddef.h>

#include "match/glob.h"

struct glob_fast;

/*
 * The segment program of alt (one alternative, braces expanded), or NULL
 * when PCRE2 must match it; the caller frees it with glob_fast_free.
 */
struct glob_fast *glob_fast_new(const char *alt, int caseless);

/* Frees f; NULL is fine. */
void glob_fast_free(struct glob_fast *f);

/*
 * 1 when the path mp (split, UTF-8) matches f, 0 when not, -1 when PCRE2
 * must decide: f is NULL, or caseless and the path not ASCII.
 */
int glob_fast_match(const struct glob_fast *f, const struct match_path *mp);

/* match_glob_word() for one alternative's program f (NULL: none, 0). */
size_t glob_fast_word(const struct glob_fast *f, char *buf, size_t cap, int *ascii_never);

#endif
