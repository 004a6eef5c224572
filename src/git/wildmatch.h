/* wildmatch.h - git's pattern matching for attribute files (git's wildmatch.c semantics, case-sensitive). */
#ifndef PG_WILDMATCH_H
#define PG_WILDMATCH_H

#include <stddef.h>

#define WILD_PATHNAME 1 /* '*', '?' and classes do not match '/'; "**" spans folders */

/*
 * 1 when pattern (plen bytes) matches text (tlen bytes), as git's
 * wildmatch() decides with flags (0 or WILD_PATHNAME): '?' one byte, '*'
 * any run, "[...]" a class ("!" or "^" negates, ranges, "[:name:]", a
 * backslash escapes), a backslash the next byte; with WILD_PATHNAME a
 * "**" between slashes (or at either end) matches any number of folders.
 * A NUL byte in either ends it, as in git's C strings.  Bytes, not
 * characters: no locale, no case folding (core.ignorecase is the
 * machine's, not the commit's).
 */
int wild_match(const char *pattern, size_t plen, const char *text, size_t tlen, int flags);

#endif
