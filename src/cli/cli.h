/* cli.h - what the subcommands share: exit codes, rule loading, messages. */
#ifndef PG_CLI_H
#define PG_CLI_H

#include "model/rules.h"

#ifndef PROOFGATE_VERSION
#define PROOFGATE_VERSION "0.1.0"
#endif

enum { EXIT_PASS = 0, EXIT_GATE = 1, EXIT_UNDECIDED = 2 };

/* The subcommands; each returns an exit status. */
int cmd_scan(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_merge(int argc, char **argv);

/*
 * Adds the built-in pack (unless builtin is 0) and each path to rs, without
 * finishing it; -1 when any failed (the problems are in rs->diags).
 */
int cli_add_rules(struct rules *rs, int builtin, char *const *paths, size_t npaths);

/*
 * Loads the built-in pack (unless builtin is 0) and each path, prints every
 * problem as "proofgate: FILE:LINE:COL: MSG" to stderr, and returns -1 when
 * there was any.  *out is the caller's to free with rules_free, even on error.
 */
int cli_load_rules(struct rules **out, int builtin, char *const *paths, size_t npaths);

/* Prints the rule pack problems of rs to stderr. */
void cli_print_diags(const struct rules *rs);

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
/* Prints "proofgate: MSG" to stderr and returns EXIT_UNDECIDED. */
int cli_error(const char *fmt, ...);

#endif
