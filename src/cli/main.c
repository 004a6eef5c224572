/* main.c - proofgate: dispatches to a command from the table and returns its exit status. */
#include <git2.h>
#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "git/repo.h"
#include "match/match.h"

static int cmd_help(int argc, char **argv);

const struct cli_command cli_commands[] = {
	{.name = "scan",
	 .fn = cmd_scan,
	 .summary = "scan a revision and give a readiness verdict per domain",
	 .opts = cli_scan_opts,
	 .operands = CLI_PATH},
	{.name = "rules",
	 .fn = cmd_rules,
	 .summary = "check rule files, or list the loaded rules",
	 .subs = cli_rules_subs},
	{.name = "explain",
	 .fn = cmd_explain,
	 .summary = "say what a rule looks for, where, and the next safe step",
	 .opts = cli_explain_opts,
	 .operands = CLI_RULE_ID},
	{.name = "merge",
	 .fn = cmd_merge,
	 .summary = "merge many repositories' JSON reports into one view",
	 .opts = cli_merge_opts,
	 .operands = CLI_JSON_FILE},
	{.name = "diff",
	 .fn = cmd_diff,
	 .summary = "compare two revisions: what got worse or better, and where",
	 .opts = cli_diff_opts,
	 .operands = CLI_REV},
	{.name = "log",
	 .fn = cmd_log,
	 .summary = "readiness commit by commit, and the commits where it changed",
	 .opts = cli_log_opts,
	 .operands = CLI_REV},
	{.name = "help",
	 .fn = cmd_help,
	 .summary = "show a command's help: proofgate help scan",
	 .operands = CLI_COMMAND},
	{.name = "completion",
	 .fn = cmd_completion,
	 .summary = "print the shell completion script for bash, zsh or fish",
	 .opts = cli_completion_opts,
	 .operands = CLI_SHELL,
	 .hidden = 1},
	{.name = NULL},
};

static void usage(FILE *f)
{
	const struct cli_command *c;
	fputs("usage: proofgate <command> [options] [args]\n\n"
	      "Read-only evidence scanner: computes per-domain operations readiness from a\n"
	      "git revision, with the evidence behind every verdict.\n\ncommands:\n",
	      f);
	for (c = cli_commands; c->name; c++)
		if (!c->hidden)
			fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs("\nRun 'proofgate help <command>' or 'proofgate <command> --help' for a command's\n"
	      "options; see proofgate(1).\n"
	      "Exit status: 0 the gate passed, 1 it did not, 2 proofgate could not decide.\n",
	      f);
}

static const struct cli_command *find_command(const char *name)
{
	const struct cli_command *c;
	for (c = cli_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static int unknown_command(const char *name)
{
	const char *names[16];
	size_t n = 0;
	const struct cli_command *c;
	for (c = cli_commands; c->name && n < 16; c++)
		if (!c->hidden)
			names[n++] = c->name;
	return cli_unknown("command", name, names, n, "'proofgate --help' lists the commands");
}

/*
 * Blocks above this come from their own mapping and go back to the system
 * when freed.  glibc's default starts at 128 KiB and rises to the largest
 * block freed so far (up to 32 MiB), after which the workers' blob-sized
 * buffers (libgit2's inflated objects and delta results) were carved from
 * per-thread arenas that kept them resident for the rest of the scan:
 * 15 MB more at --jobs 4 on the real-code corpus (docs/performance.md, Memory).
 */
#define MMAP_THRESHOLD (256 << 10)
/*
 * Smaller blocks of every thread come from one heap.  glibc gives each
 * thread an arena of its own, and memory a thread freed stays resident
 * in its arena, reusable by that thread only: at --jobs 4 three workers'
 * arenas held 21 MB beside the main heap's 23 MB at the peak, against
 * 31 MB for the one heap at --jobs 1.  One arena makes that high-water
 * mark one heap's, whatever --jobs; the CPU time stayed the same (most
 * blocks are made before the scan or are blob-sized, above the threshold).
 */
#define ARENA_MAX 1

static int run(const struct cli_command *c, int argc, char **argv)
{
	int rc;
#ifdef __GLIBC__
	mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
	mallopt(M_ARENA_MAX, ARENA_MAX);
#endif
	git_libgit2_init();
	repo_global_init();
	match_set_jit(!(getenv("PROOFGATE_NO_JIT") && *getenv("PROOFGATE_NO_JIT")));
	rc = c->fn(argc, argv);
	git_libgit2_shutdown();
	return rc;
}

/* proofgate help [COMMAND [SUBCOMMAND]]: the command's own --help. */
static int cmd_help(int argc, char **argv)
{
	static char help_opt[] = "--help"; /* argv is not const */
	const struct cli_command *c;
	char *args[4];
	int n = 0;

	if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "-h") && strcmp(argv[1], "--help"))
		return cli_error("unknown option '%s'; usage: proofgate help [COMMAND [SUBCOMMAND]]", argv[1]);
	if (argc < 2 || argv[1][0] == '-' || !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_PASS;
	}
	c = find_command(argv[1]);
	if (!c)
		return unknown_command(argv[1]);
	args[n++] = argv[1];
	if (argc > 2 && c->subs)
		args[n++] = argv[2];
	args[n++] = help_opt;
	args[n] = NULL;
	return c->fn(n, args);
}

int main(int argc, char **argv)
{
	const struct cli_command *c;

	if (argc < 2) {
		usage(stderr);
		return EXIT_UNDECIDED;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return EXIT_PASS;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("proofgate %s\n", PROOFGATE_VERSION);
		return EXIT_PASS;
	}
	if (argv[1][0] == '-') {
		cli_error("unknown option '%s' before the command; 'proofgate --help' lists the commands", argv[1]);
		return EXIT_UNDECIDED;
	}
	c = find_command(argv[1]);
	if (!c)
		return unknown_command(argv[1]);
	return run(c, argc - 1, argv + 1);
}
