/* ac.h - Aho-Corasick: which of a fixed set of words a text holds, found in one pass, ASCII letters in either case. */
#ifndef PG_MATCH_AC_H
#define PG_MATCH_AC_H

#include <stddef.h>

struct ac;

/*
 * The automaton for words[0..n): distinct, lower-case strings.  A text
 * holds a word when the word's bytes appear in it, an ASCII letter in
 * either case; a word with a byte outside ASCII, or an empty one, is never
 * found.  The automaton keeps no pointer to words.  Never NULL; the caller
 * frees it with ac_free.
 */
struct ac *ac_new(char *const *words, size_t n);

/* Frees a; NULL is fine. */
void ac_free(struct ac *a);

/* One thread's scratch for scanning with a: the words seen in the last text.  Freed with ac_scratch_free. */
struct ac_scratch;
struct ac_scratch *ac_scratch_new(const struct ac *a);

/* Frees s; NULL is fine. */
void ac_scratch_free(struct ac_scratch *s);

/* Told of each word a text holds: word is its index in ac_new's list. */
typedef void ac_found_fn(void *arg, size_t word);

/*
 * Finds every word in the len bytes at text, forgetting the previous text
 * scanned with s.  found (or NULL) is called once per word found, when the
 * scan first meets its end, with arg.
 */
void ac_scan(const struct ac *a, struct ac_scratch *s, const char *text, size_t len, ac_found_fn *found, void *arg);

/* 1 when the last text scanned with s holds word (its index in ac_new's list), else 0. */
int ac_seen(const struct ac *a, const struct ac_scratch *s, size_t word);

#endif
