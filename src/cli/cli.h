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

/* What `rules check`, `rules list` and `explain` take (each from its own table). */
struct cli_rules_args {
	char **rules; /* --rules PATH..., the caller frees the array */
	size_t nrules;
	int builtin;
	const char *format;
	enum lang lang;
	int help;
};

/* The handler of the checked values of the rules and explain tables (opts_parse). */
int cli_rules_opt(int key, const char *arg, void *data);

/* What a command's operands are, for the completions. */
/* what a command's operands are, for the shell completions (CLI_REV: git revisions, as refs) */
enum cli_operand { CLI_NONE, CLI_PATH, CLI_FILE, CLI_JSON_FILE, CLI_RULE_ID, CLI_COMMAND, CLI_SHELL, CLI_REV };

/* A subcommand (rules check): its table, for --help and the completions. */
struct cli_sub {
	const char *name;
	const char *summary;
	const struct opt *opts;
	enum cli_operand operands;
};

/*
 * A command of proofgate: main.c dispatches from a table of these, and the
 * completions are generated from it; a hidden command is left out of both
 * the usage and the completions' list of commands.
 */
struct cli_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const struct opt *opts; /* NULL when it has subcommands */
	enum cli_operand operands;
	const struct cli_sub *subs; /* ended by a row without a name, or NULL */
	int hidden;
};

/* Every command, ended by a row without a name (main.c). */
extern const struct cli_command cli_commands[];

/* The option tables, for --help and the completions. */
extern const struct opt cli_scan_opts[], cli_explain_opts[], cli_merge_opts[], cli_completion_opts[], cli_diff_opts[],
	cli_log_opts[];
extern const struct cli_sub cli_rules_subs[];

/* The commands; each returns an exit status. */
int cmd_scan(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_completion(int argc, char **argv);

/*
 * "proofgate: unknown WHAT 'word' (did you mean 'x'?)" on stderr, naming the
 * nearest of names (n of them) when one is near; then where to look.
 * Returns EXIT_UNDECIDED.
 */
int cli_unknown(const char *what, const char *word, const char *const *names, size_t n, const char *see);

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

/*
 * After a misuse, on stderr: "usage: proofgate SYNOPSIS" and where the
 * options are ('proofgate COMMAND --help'), instead of the whole help.
 */
void cli_usage_hint(const char *synopsis, const char *command);

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
/* Prints "proofgate: MSG" to stderr and returns EXIT_UNDECIDED. */
int cli_error(const char *fmt, ...);

struct verdict;
/*
 * The exit status a verdict's gate gives: EXIT_PASS, EXIT_GATE, or
 * EXIT_UNDECIDED when an unreadable rule could change the answer (said on
 * stderr, ending "fix the cause and AGAIN again": "scan", "run").
 */
int cli_gate_exit(const struct verdict *v, const char *again);

struct cache;
/* Prints, on standard error, why the cache skipped segments (NULL is fine: nothing). */
void cli_cache_notes(const struct cache *c);

#endif
