/* braces.h - a glob's {a,b} alternatives expanded into brace-free globs, and where a [...] class ends. */
#ifndef PG_MATCH_BRACES_H
#define PG_MATCH_BRACES_H

#include <stddef.h>

/* Expanding stops with an error past this many alternatives. */
#define GLOB_BRACES_MAX 256

/*
 * Expands the {a,b} groups of glob (nested ones too, not inside a class or
 * after a backslash) into *out, a list of *nout strings, first alternative
 * first; the caller frees each string and the list.  A glob without braces
 * gives itself.  On error returns -1, sets err and *erroff (an offset in
 * glob); *out and *nout are then untouched.
 */
int glob_braces_expand(char ***out, size_t *nout, const char *glob, size_t *erroff);

/*
 * When p (at a '[') opens a complete [...] class, returns its closing ']',
 * else p: a class is one unit, so braces, commas and slashes in it are
 * members.  A leading '!' or '^' negates; a ']' right after it is a member.
 */
const char *glob_class_end(const char *p);

#endif
