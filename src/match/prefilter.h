/* prefilter.h - literals a regex cannot match without, found for all patterns in one pass. */
#ifndef PG_PREFILTER_H
#define PG_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

/*
 * Most content patterns run over files that cannot hold a match: a file
 * without "heartbeat" (or any of its other alternatives' words) cannot
 * match the heartbeat pattern.  For each pattern, the words every match
 * must contain are worked out from the pattern itself, as clauses: the
 * subject holds at least one word of every clause (words from positive
 * lookaheads count, since they too must be in the subject).  One
 * Aho-Corasick pass over a blob finds all words of all patterns at once;
 * a pattern whose clauses are not all met is not run at all.
 *
 * Only used on ASCII subjects (as the ASCII twins are), where caseless
 * matching is plain ASCII case folding: words are kept lower-case and the
 * pass folds the subject, so it errs only towards running a pattern.  A
 * word with non-ASCII bytes is never in an ASCII subject.  A pattern with
 * a construct the reader does not know (conditionals, backreferences,
 * extended mode, verbs, \Q...\E) simply gets no prefilter.
 */
struct prefilter;

/* An empty prefilter; never NULL, the caller frees it with prefilter_free. */
struct prefilter *prefilter_new(void);
/* Frees pf; NULL is fine. */
void prefilter_free(struct prefilter *pf);

/*
 * Adds a pattern; returns its id for prefilter_may_match, or -1 when no
 * useful clause was found (the pattern then always runs).  Call before
 * prefilter_compile.
 */
int prefilter_add(struct prefilter *pf, const char *pattern);

/*
 * Adds a clause of plain words (not patterns), any one of which the subject
 * must hold; returns its id, or -1 when a word is shorter than 3 bytes.
 */
int prefilter_add_words(struct prefilter *pf, char *const *words, size_t n);

/* Builds the automaton; after it the prefilter is read-only and shared. */
void prefilter_compile(struct prefilter *pf);

/*
 * Per-thread scratch for a compiled pf: which words were seen in the
 * current subject.  Never NULL; the caller frees it with prefilter_scratch_free.
 */
struct prefilter_scratch;
struct prefilter_scratch *prefilter_scratch_new(const struct prefilter *pf);
/* Frees s; NULL is fine. */
void prefilter_scratch_free(struct prefilter_scratch *s);

/* Finds every word in the ASCII subject; forgets the previous subject. */
void prefilter_scan(const struct prefilter *pf, struct prefilter_scratch *s, const char *data, size_t len);

/* 0 when the last scanned subject cannot hold a match of pattern id. */
int prefilter_may_match(const struct prefilter *pf, const struct prefilter_scratch *s, int id);

/* The clauses of pattern id, for tests and diagnostics: "{a|b} {c}" (static buffer). */
const char *prefilter_describe(const struct prefilter *pf, int id);

#endif
