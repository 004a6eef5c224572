/* cmd_scan.c - `proofgate scan`: rules, repository, one walk, verdict, reports. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"
#include "mem.h"
#include "opts.h"
#include "report.h"
#include "repo.h"
#include "scan.h"
#include "verdict.h"

enum { O_REV = 256, O_RULES, O_NO_BUILTIN, O_FORMAT, O_JSON, O_LANG, O_FAIL_ON, O_MAX_SIZE, O_HELP, O_VERSION };

static const struct opt scan_opts[] = {
	{"rev", O_REV, "REV", "revision to scan: branch, tag, commit, HEAD~3 (default HEAD)"},
	{"rules", O_RULES, "PATH", "add a rule pack file or folder (repeatable)"},
	{"no-builtin", O_NO_BUILTIN, NULL, "do not load the built-in rule pack"},
	{"format", O_FORMAT, "FMT", "standard output format: text (default) or json"},
	{"json", O_JSON, "FILE", "also write the JSON report to FILE"},
	{"lang", O_LANG, "LANG", "report language: en (default) or ar"},
	{"fail-on", O_FAIL_ON, "WHEN", "gate: blocked, readiness-only or never"},
	{"max-file-size", O_MAX_SIZE, "BYTES", "skip content matching of larger blobs (default 8388608)"},
	{"quiet", 'q', NULL, "print only the verdict line"},
	{"help", O_HELP, NULL, "show this help and exit"},
	{"version", O_VERSION, NULL, "show the version and exit"},
	{0, 0, 0, 0},
};

struct scan_args {
	const char *rev;
	char **rules;
	size_t nrules;
	int builtin;
	int json_stdout;
	const char *json_file;
	enum lang lang;
	int fail_on_set;
	enum fail_on fail_on;
	unsigned long long max_size;
	int quiet;
	int help, version;
};

static void scan_usage(FILE *f)
{
	fputs("usage: proofgate scan [options] [PATH]\n\n"
	      "Scans a revision of the git repository at PATH (default: the current folder;\n"
	      "a work tree, any folder inside one, or a bare repository) without writing\n"
	      "anything, and prints a readiness verdict per operations domain.\n\noptions:\n",
	      f);
	opts_print(f, scan_opts);
	fputs("\nThe gate fails on 'blocked' for release branches (release/*, release-*,\n"
	      "releases/*, hotfix/*) and never elsewhere, unless --fail-on says otherwise.\n"
	      "Exit status: 0 the gate passed, 1 it did not, 2 proofgate could not decide.\n",
	      f);
}

static int scan_opt(int key, const char *arg, void *data)
{
	struct scan_args *a = data;
	char *end;

	switch (key) {
	case O_REV:
		a->rev = arg;
		break;
	case O_RULES:
		a->rules = xrealloc(a->rules, (a->nrules + 1) * sizeof(*a->rules));
		a->rules[a->nrules++] = (char *)arg;
		break;
	case O_NO_BUILTIN:
		a->builtin = 0;
		break;
	case O_FORMAT:
		if (!strcmp(arg, "text"))
			a->json_stdout = 0;
		else if (!strcmp(arg, "json"))
			a->json_stdout = 1;
		else
			return cli_error("--format must be text or json, not '%s'", arg), -1;
		break;
	case O_JSON:
		a->json_file = arg;
		break;
	case O_LANG:
		if (!strcmp(arg, "en"))
			a->lang = LANG_EN;
		else if (!strcmp(arg, "ar"))
			a->lang = LANG_AR;
		else
			return cli_error("--lang must be en or ar, not '%s'", arg), -1;
		break;
	case O_FAIL_ON:
		if (fail_on_parse(&a->fail_on, arg) < 0)
			return cli_error("--fail-on must be blocked, readiness-only or never, not '%s'", arg), -1;
		a->fail_on_set = 1;
		break;
	case O_MAX_SIZE:
		errno = 0;
		a->max_size = strtoull(arg, &end, 10);
		if (!*arg || *end || errno || arg[0] == '-' || a->max_size == 0)
			return cli_error("--max-file-size must be a positive number of bytes, not '%s'", arg), -1;
		break;
	case 'q':
		a->quiet = 1;
		break;
	case O_HELP:
		a->help = 1;
		break;
	case O_VERSION:
		a->version = 1;
		break;
	}
	return 0;
}

static int write_json_file(const char *path, const struct report *r)
{
	FILE *f = fopen(path, "w");
	int rc;
	if (!f)
		return cli_error("cannot write JSON report '%s': %s", path, strerror(errno)), -1;
	rc = report_json(f, r);
	if (fclose(f) != 0 || rc < 0)
		return cli_error("cannot write JSON report '%s': %s", path, strerror(errno)), -1;
	return 0;
}

int cmd_scan(int argc, char **argv)
{
	struct scan_args a;
	struct rules *rs = NULL;
	git_repository *repo = NULL;
	struct repo_target target;
	struct scan_result *scan = NULL;
	struct verdict *v = NULL;
	struct scan_opts so;
	struct report rep;
	const char *path = ".", *nc, *source;
	enum fail_on fail_on;
	int first, rc = EXIT_UNDECIDED;

	memset(&a, 0, sizeof(a));
	memset(&target, 0, sizeof(target));
	a.rev = "HEAD";
	a.builtin = 1;
	a.max_size = SCAN_DEFAULT_MAX_FILE_SIZE;
	if (opts_parse(argc, argv, scan_opts, scan_opt, &a, &first) < 0) {
		scan_usage(stderr);
		goto done;
	}
	if (a.help) {
		scan_usage(stdout);
		rc = EXIT_PASS;
		goto done;
	}
	if (a.version) {
		printf("proofgate %s\n", PROOFGATE_VERSION);
		rc = EXIT_PASS;
		goto done;
	}
	if (argc - first > 1) {
		cli_error("scan takes one PATH, got %d", argc - first);
		scan_usage(stderr);
		goto done;
	}
	if (argc - first == 1)
		path = argv[first];

	if (cli_load_rules(&rs, a.builtin, a.rules, a.nrules) < 0) {
		cli_error("rule pack errors above: fix them, or check them with 'proofgate rules check'");
		goto done;
	}
	if (repo_open(&repo, path) < 0 || repo_resolve(&target, repo, a.rev) < 0) {
		cli_error("%s", err_last());
		goto done;
	}
	so.max_file_size = a.max_size;
	so.commit_time = target.commit_time;
	git_oid_cpy(&so.commit_id, git_commit_id(target.commit));
	if (scan_run(&scan, repo, target.tree, rs, &so) < 0) {
		cli_error("%s", err_last());
		goto done;
	}
	verdict_compute(&v, rs, scan, (long long)target.commit_time);
	if (a.fail_on_set) {
		fail_on = a.fail_on;
		source = "--fail-on";
	} else if (repo_is_release_branch(target.branch)) {
		fail_on = FAIL_ON_BLOCKED;
		source = "release branch";
	} else {
		fail_on = FAIL_ON_NEVER;
		source = "default";
	}
	verdict_gate(v, fail_on, source, target.branch);

	memset(&rep, 0, sizeof(rep));
	rep.version = PROOFGATE_VERSION;
	rep.target = &target;
	rep.rules = rs;
	rep.scan = scan;
	rep.verdict = v;
	rep.lang = a.lang;
	nc = getenv("NO_COLOR");
	rep.color = !a.json_stdout && isatty(STDOUT_FILENO) && !(nc && *nc);

	if (a.json_file && write_json_file(a.json_file, &rep) < 0)
		goto done;
	if (a.quiet)
		report_verdict_line(stdout, &rep);
	else if (a.json_stdout)
		report_json(stdout, &rep);
	else
		report_text(stdout, &rep);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the report to standard output: %s", strerror(errno));
		goto done;
	}
	if (!v->gate.decided) {
		cli_error("could not decide: a rule whose evidence could not be read (see 'error' outcomes) "
			  "could change the gate; fix the cause and scan again");
		rc = EXIT_UNDECIDED;
	} else {
		rc = v->gate.passed ? EXIT_PASS : EXIT_GATE;
	}
done:
	verdict_free(v);
	scan_result_free(scan);
	repo_target_free(&target);
	git_repository_free(repo);
	rules_free(rs);
	free(a.rules);
	return rc;
}
