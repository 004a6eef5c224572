/* risk.h - content patterns that invite catastrophic backtracking, found from their syntax for `rules check`. */
#ifndef PG_RISK_H
#define PG_RISK_H

#include <stddef.h>

/*
 * A heuristic over PCRE2 syntax: 1 when pattern repeats without bound
 * (*, +, {n,}) a group with an alternative made only of unbounded repeats
 * and optional parts, as in (a+)+, (a*)* or (\w+\s?)+, or a group of
 * alternatives of which one is a prefix of another, as in (a|a)* or
 * (a|ab)+: the shapes that make PCRE2 try every way of splitting a run of
 * text.  Possessive and atomic forms ((a++)+, (?>a+)+) and a repeat with
 * something each round must match besides ((?:\.\d+)*) do not count.
 * *off is set to the offset of the repeated group.  It can miss a slow
 * pattern and flag a harmless one; the scan's budget (regex.h) bounds
 * every pattern anyway.
 */
int match_pattern_risky(const char *pattern, size_t *off);

#endif
