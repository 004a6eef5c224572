/* helpers.h - what the cmocka tests share. */
#ifndef PG_TEST_HELPERS_H
#define PG_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/rules.h"

/*
 * Group setup and teardown that start and stop libgit2 once: starting and
 * stopping it per test loses its per-thread error state (a leak valgrind sees).
 */
int libgit2_group_setup(void **state);
int libgit2_group_teardown(void **state);

/* Path of a built fixture repository (build/fixtures/NAME); static storage. */
const char *fixture_path(const char *name);

/* Loads one pack from a string and finishes it; returns the rules (caller frees). */
struct rules *load_rules_string(const char *yaml);

/* 1 when some diag of rs contains needle, at the given line (0: any). */
int has_diag(const struct rules *rs, const char *needle, int line);

/*
 * A scratch folder for repositories made by one test: scratch_setup and
 * scratch_teardown are cmocka setup and teardown (the folder is removed
 * whole, read-only parts included); scratch_sh runs a shell command in it
 * with git's identity, dates and configuration fixed (the command must
 * succeed); in_scratch names a path in it (static storage).
 */
extern char scratch_dir[256];
int scratch_setup(void **state);
int scratch_teardown(void **state);
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void scratch_sh(const char *fmt, ...);
const char *in_scratch(const char *name);

#endif
