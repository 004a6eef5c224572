/* multi.h - every content pattern in one Vectorscan database: one pass over a blob says which may match. */
#ifndef PG_MULTI_H
#define PG_MULTI_H

#include <stddef.h>

/*
 * PCRE2 stays the meaning of every pattern: this only says which patterns
 * cannot match a subject, so PCRE2 need not run them.  It errs only
 * towards "may match".
 *
 * Each pattern is rewritten into expressions Vectorscan (Hyperscan's
 * portable fork) takes, in two databases:
 *   - one for ASCII subjects, the patterns as written (on ASCII text PCRE2's
 *     UTF and Unicode-property modes change nothing);
 *   - one for other valid UTF-8 subjects, made a superset of PCRE2's UCP
 *     meaning: \w \d \s \h \v also match any character beyond ASCII, \b
 *     and \B are dropped, repeats above 16 lose their upper bound.
 * A top-level positive lookahead (the document patterns'
 * \A(?=[\s\S]*?X)(?=[\s\S]*?Y)) becomes an expression of its own, and so
 * do the parts around a long window (A[\s\S]{0,2500}?B: A and B; each
 * alternative of an alternation holding windows is a term of its own):
 * the pattern may match when every expression of one of its terms
 * matched somewhere.
 * An expression Vectorscan refuses as written is compiled in its
 * prefilter mode (look-arounds and back-references widened); one it
 * refuses even then makes its pattern always run on that kind of subject.
 * Subjects that are not valid UTF-8 run every pattern, and so do subjects
 * holding a CR for patterns with ^, $ or \Z (PCRE2 sees CR and CRLF as
 * line ends; Vectorscan only LF).
 */
struct multi;

/*
 * 1 when proofgate was built with Vectorscan or Hyperscan and the library
 * passes its self-test (a match Vectorscan 5.4.9 misses at some memory
 * alignments); 0 then scans filter with the word prefilter (multi_build
 * still compiles, for tests).  Any thread may ask.
 */
int multi_available(void);

/* Why multi_available() is 0, in words for --stats; NULL when it is 1. */
const char *multi_unavailable(void);

/*
 * Vectorscan's version string, or "none" without it: what a cached
 * result depends on (a pattern PCRE2 cannot finish is decided by its
 * proof where it gives one).
 */
const char *multi_engine(void);

/*
 * Compiles the n patterns (sources as PCRE2 takes them, caseless[i] for
 * PCRE2_CASELESS) into *out (caller frees with multi_free).  A pattern's
 * id is its index.  Fails (-1, err set) without Vectorscan or when it
 * cannot compile anything at all.
 */
int multi_build(struct multi **out, const char *const *src, const unsigned char *caseless, size_t n);

/*
 * Serializes m into *out (caller frees with free), *len bytes: a header
 * with the key of the pattern list and Vectorscan's version (multi_key),
 * then each database with its patterns' modes, then a CRC-32 of all
 * that (libdeflate's).
 */
int multi_serialize(unsigned char **out, size_t *len, const struct multi *m);

/*
 * Loads what multi_serialize wrote for the same n patterns into *out
 * (caller frees with multi_free).  Returns -1 (err set), *out untouched,
 * when the bytes are for other patterns, another Vectorscan version, or
 * damaged (checksum, sizes, Vectorscan's own checks): rebuild then.
 */
int multi_load(struct multi **out, const char *const *src, const unsigned char *caseless, size_t n,
	       const unsigned char *data, size_t len);

/*
 * The built-in pack's patterns and their database, made at build time by
 * tools/mkmultidb.c (multi_serialize; multi_builtin_len 0 when built
 * without Vectorscan or when it could not compile): a scan whose patterns
 * are all among them loads it with multi_load instead of compiling.
 */
extern const char *const multi_builtin_src[];
extern const unsigned char multi_builtin_caseless[];
extern const size_t multi_builtin_n;
extern const unsigned char multi_builtin_db[];
extern const size_t multi_builtin_len;

/*
 * Classes of the built-in patterns, each with a database of its own, made
 * at build time too: the patterns the leaves selecting a common kind of
 * file need (code, documents, data).  ids[] are indexes in
 * multi_builtin_src, ascending; db and len what multi_serialize wrote for
 * those patterns in that order.  A blob whose patterns are all in a class
 * is scanned with the smaller database.
 */
struct multi_class {
	const size_t *ids;
	size_t n;
	const unsigned char *db;
	size_t len;
};
extern const struct multi_class multi_builtin_class[];
extern const size_t multi_builtin_nclass;

/*
 * Loads class c's database into *out (caller frees with multi_free): its
 * pattern k is built-in pattern c->ids[k].  Fails as multi_load does.
 */
int multi_load_class(struct multi **out, const struct multi_class *c);

/* Frees m; NULL is fine. */
void multi_free(struct multi *m);

/*
 * Per-thread scratch: which patterns may match the last scanned subject.
 * Never NULL; the caller frees it with multi_scratch_free.
 */
struct multi_scratch;
struct multi_scratch *multi_scratch_new(const struct multi *m);
/* Frees s; NULL is fine. */
void multi_scratch_free(struct multi_scratch *s);

/* Scans the subject once for every pattern; forgets the previous subject. ascii: it is all ASCII. */
void multi_scan(const struct multi *m, struct multi_scratch *s, const char *data, size_t len, int ascii);

/* 0 when the last scanned subject cannot hold a match of pattern id. */
int multi_may_match(const struct multi_scratch *s, size_t id);

/*
 * How pattern id is handled, for tests and diagnostics (static buffer):
 * "ascii: 2 exact, 1 prefilter; utf8: always", say.
 */
const char *multi_describe(const struct multi *m, size_t id);

#endif
