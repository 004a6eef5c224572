/* cli.h - what the subcommands share: exit codes, rule loading, messages. */
#ifndef PG_CLI_H
#define PG_CLI_H

#include "cli/opts.h"
#include "model/rules.h"
#include "util/diag.h"

#ifndef PROOFGATE_VERSION
#define PROOFGATE_VERSION "0.1.0"
#endif

enum { EXIT_PASS = 0, EXIT_GATE = 1, EXIT_UNDECIDED = 2 };

/* What `rules` and `explain` take (cli_rules_opts; --format only rules list uses). */
struct cli_rules_args {
	char **rules; /* --rules PATH..., the caller frees the array */
	size_t nrules;
	int builtin;
	const char *format;
	enum lang lang;
	int help;
};

extern const struct opt cli_rules_opts[];
/* The handler of cli_rules_opts' checked values (opts_parse). */
int cli_rules_opt(int key, const char *arg, void *data);

/* The subcommands; each returns an exit status. */
int cmd_scan(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_log(int argc, char **argv);
/* `scan --base REV ...`: the same arguments, run as proofgate diff (cmd_diff.c). */
int cmd_diff_scan(int argc, char **argv);

/*
 * Loads the built-in pack (unless builtin is 0) and each path (ruleset_load,
 * no policy).  Returns 0 and *out, which the caller frees with rules_free;
 * or -1 after printing every problem (cli_print_diags), with their number in
 * *nproblems when that is not NULL.
 */
int cli_load_rules(struct rules **out, size_t *nproblems, int builtin, char *const *paths, size_t npaths);

/*
 * Prints each problem as "proofgate: FILE:LINE:COL: MSG" to stderr, every
 * byte that came from a file made safe to show (diag_format); fallback
 * names the file of a problem that has none.
 */
void cli_print_diags(const struct diag_list *l, const char *fallback);

/* --lang: "en" or "ar" into *out; else says so on stderr and returns -1. */
int cli_parse_lang(enum lang *out, const char *arg);

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
/* Prints "proofgate: MSG" to stderr and returns EXIT_UNDECIDED. */
int cli_error(const char *fmt, ...);

#endif
