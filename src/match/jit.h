/* jit.h - PCRE2's JIT for the whole layer: on or off, and each pattern JIT-compiled once, at its first use. */
#ifndef PG_MATCH_JIT_H
#define PG_MATCH_JIT_H

#include <stdatomic.h>
#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/*
 * Turns PCRE2's JIT on (the default) or off for patterns compiled after the
 * call; reports are the same either way.  Call before any scan starts.
 */
void match_set_jit(int enabled);

/*
 * JIT-compiles codes (n of them, NULLs skipped) once, at their first use:
 * a scan pays only for the patterns it runs (JIT compiling every pattern
 * of the built-in pack takes about 70 ms, a tenth of an incremental scan).
 * *done is set after; safe from any thread.  Complete matches only: a
 * partial match of these codes runs in the interpreter (the code for it
 * would triple their JIT memory).
 */
void match_jit_once(atomic_uchar *done, pcre2_code *const *codes, size_t n);

/*
 * match_jit_once for codes held in two arrays (a glob's alternatives, then
 * its combined patterns), with code for partial matching too (PCRE2_PARTIAL_SOFT,
 * the folder test).
 */
void match_jit_once_two(atomic_uchar *done, pcre2_code *const *a, size_t na, pcre2_code *const *b, size_t nb);

#endif
