/* main.c - proofgate: dispatches to a subcommand and returns its exit status. */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "git/repo.h"
#include "match/match.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"scan", cmd_scan, "scan a revision and give a readiness verdict per domain"},
	{"rules", cmd_rules, "check rule files, or list the loaded rules"},
	{"explain", cmd_explain, "say what a rule looks for, where, and the next safe step"},
	{"merge", cmd_merge, "merge many repositories' JSON reports into one view"},
	{"diff", cmd_diff, "compare two revisions: what got worse or better, and where"},
	{"log", cmd_log, "readiness commit by commit, and the commits where it changed"},
};

static void usage(FILE *f)
{
	size_t i;
	fputs("usage: proofgate <command> [options] [args]\n\n"
	      "Read-only evidence scanner: computes per-domain operations readiness from a\n"
	      "git revision, with the evidence behind every verdict.\n\ncommands:\n",
	      f);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'proofgate <command> --help' for a command's options; see proofgate(1).\n"
	      "Exit status: 0 the gate passed, 1 it did not, 2 proofgate could not decide.\n",
	      f);
}

int main(int argc, char **argv)
{
	size_t i;
	int rc;

	if (argc < 2) {
		usage(stderr);
		return EXIT_UNDECIDED;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_PASS;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("proofgate %s\n", PROOFGATE_VERSION);
		return EXIT_PASS;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		git_libgit2_init();
		repo_global_init();
		match_set_jit(!(getenv("PROOFGATE_NO_JIT") && *getenv("PROOFGATE_NO_JIT")));
		rc = commands[i].fn(argc - 1, argv + 1);
		git_libgit2_shutdown();
		return rc;
	}
	fprintf(stderr, "proofgate: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return EXIT_UNDECIDED;
}
