/* twin.h - ASCII twins of content regexes: the same pattern without UTF and UCP, for ASCII text. */
#ifndef PG_TWIN_H
#define PG_TWIN_H

#include <stddef.h>

#include "match/regex.h"

/*
 * Content regexes are compiled with UTF and Unicode properties (regex.c).
 * On a subject that is all ASCII, the same pattern compiled without them
 * finds exactly the same matches at the same offsets: \w, \d, \s, \b, POSIX
 * classes and caseless letters agree on ASCII by PCRE2's design, and a
 * non-ASCII literal or class member matches no ASCII byte either way.  JIT
 * code without Unicode tables runs about 1.5 to 2 times faster, and most
 * source files are ASCII.  A pattern that does not compile without UTF
 * (\x{100}, say) has no twin and always runs as regex.c compiled it.
 */
struct twin;

/*
 * The twin of r (caller frees with twin_free), or NULL when r plainly has
 * none (a byte beyond ASCII in it).  r must outlive it.  The twin's pattern
 * is compiled at its first use (twin_next, twin_ready), by whichever thread
 * comes first; should that compile fail, twin_next runs r itself, which
 * finds the same matches.
 */
struct twin *twin_compile(const struct match_regex *r);
/* Compiles t now if it is not yet; 1 when it has a pattern of its own, 0 when r stands in for it.  Thread-safe. */
int twin_ready(struct twin *t);
/* 1 once t's compile was tried (twin_next or twin_ready), 0 before: the tests check twins wait for their first use. */
int twin_compiled(const struct twin *t);
/* Frees t; NULL is fine. */
void twin_free(struct twin *t);

/* 1 when the len bytes at s are all ASCII. */
int twin_is_ascii(const char *s, size_t len);

/*
 * match_regex_next() for an ASCII subject, run through r's twin t with
 * regex.c's context, limits, capture group and empty-match stepping.
 */
int twin_next(struct match_ctx *c, const struct twin *t, const char *subject, size_t len, size_t *start, size_t *mstart,
	      size_t *mend, size_t *cstart, size_t *cend);

#endif
