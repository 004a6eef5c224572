/* cmd_scan.c - `proofgate scan`: repository, policy, rules, one walk, verdict, reports. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/html.h"
#include "cli/opts.h"
#include "cli/outputs.h"
#include "git/repo.h"
#include "model/ci_branch.h"
#include "model/config.h"
#include "model/ruleset.h"
#include "report/report.h"
#include "match/multi.h"
#include "scan/scan.h"
#include "store/cache.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "verdict/gate.h"
#include "verdict/verdict.h"

struct scan_args {
	const char *rev;
	char **rules;
	size_t nrules;
	int builtin;
	const struct output *format; /* standard output's */
	int format_set;
	const char *files[OUTPUT_COUNT]; /* --json FILE, --sarif FILE... by output */
	const char *branch;
	const char *policy_rev;
	enum lang lang;
	int fail_on_set;
	enum fail_on fail_on;
	int regression;	  /* --fail-on listed regression */
	const char *base; /* --base: compare with this revision (proofgate diff) */
	unsigned long long max_size;
	unsigned jobs;
	const char *cache_dir;
	int no_cache;
	int stats;
	int quiet;
	int color; /* --color: -1 auto (a terminal, and NO_COLOR not set), 0 never, 1 always */
	int help, version;
};

/* Options whose values need checking; the others go straight to their field. */
enum { O_FORMAT = 256, O_BRANCH, O_LANG, O_FAIL_ON, O_MAX_SIZE, O_JOBS, O_COLOR };

#define A struct scan_args
const struct opt cli_scan_opts[] = {
	OPT_STRING("rev", 0, "REV", "revision to scan: branch, tag, commit, HEAD~3 (default HEAD)", A, rev),
	OPT_STRINGS("rules", 0, "PATH", "add a rule pack file or folder (repeatable)", A, rules, nrules),
	OPT_CLEAR("no-builtin", 0, "do not load the built-in rule pack", A, builtin),
	OPT_CHOICE("format", O_FORMAT, "FMT",
		   "standard output format: text (default), json or github (default when GITHUB_ACTIONS=true)",
		   "text json github"),
	OPT_STRING("json", 0, "FILE", "also write the JSON report to FILE (- for standard output)", A,
		   files[OUTPUT_JSON]),
	OPT_STRING("sarif", 0, "FILE", "also write SARIF 2.1.0 (GitHub code scanning) to FILE", A, files[OUTPUT_SARIF]),
	OPT_STRING("codequality", 0, "FILE", "also write a GitLab Code Quality report to FILE", A,
		   files[OUTPUT_CODEQUALITY]),
	OPT_STRING("junit", 0, "FILE", "also write JUnit XML (one testsuite per domain) to FILE", A,
		   files[OUTPUT_JUNIT]),
	OPT_STRING("markdown", 0, "FILE", "also write the Markdown summary (under 1 MiB) to FILE", A,
		   files[OUTPUT_MARKDOWN]),
	OPT_STRING("html", 0, "FILE", "also write the readiness page (one self-contained HTML file) to FILE", A,
		   files[OUTPUT_HTML]),
	OPT_CALL("branch", O_BRANCH, "NAME",
		 "branch whose gate applies (default: the branch --rev names, else the PR/MR target or the pushed "
		 "branch from the CI's variables, else HEAD's branch)"),
	OPT_STRING("policy-rev", 0, "REV",
		   "read .proofgate.yml from REV (default: the PR/MR target branch, else the scanned commit)", A,
		   policy_rev),
	OPT_CHOICE("lang", O_LANG, "LANG", "report language: en (default) or ar", "en ar"),
	OPT_CHOICE("fail-on", O_FAIL_ON, "WHEN",
		   "gate: blocked, readiness-only or never, and/or regression (with --base): 'blocked,regression'",
		   "blocked readiness-only never regression"),
	OPT_STRING("base", 0, "REV", "compare with REV and report what got worse or better (as proofgate diff)", A,
		   base),
	OPT_CALL("max-file-size", O_MAX_SIZE, "BYTES", "skip content matching of larger blobs (default 8388608)"),
	OPT_CALL("jobs", O_JOBS, "N", "threads reading and matching files (default: the online CPUs)"),
	OPT_STRING("cache", 0, "DIR", "content cache folder (default $XDG_CACHE_HOME/proofgate or ~/.cache/proofgate)",
		   A, cache_dir),
	OPT_SET("no-cache", 0, "neither read nor write the content cache", A, no_cache),
	OPT_SET("stats", 0, "print what the scan read and what the cache answered, on standard error", A, stats),
	OPT_SET("quiet", 'q', "print only the verdict line (text: not with another format on standard output)", A,
		quiet),
	OPT_CHOICE_OPTIONAL("color", O_COLOR, "WHEN",
			    "colour the text report: auto (default: on a terminal, unless NO_COLOR is set), always "
			    "or never",
			    "auto always never"),
	OPT_SET("help", 0, "show this help and exit", A, help),
	OPT_SET("version", 0, "show the version and exit", A, version),
	OPT_END,
};
#undef A

/* Everything one scan holds, released by run_free. */
struct run {
	git_repository *repo;
	struct repo_target target;     /* the scanned revision */
	struct repo_target policy_rev; /* --policy-rev, when given */
	git_commit *target_commit;     /* a PR/MR target branch's commit, when its policy applies */
	git_commit *policy_commit;     /* borrowed: one of the above, or the scanned commit */
	const char *policy_from;       /* where the policy came from, for messages */
	struct ci_branch br;
	struct config *cfg;
	struct rules *rs;
	struct scan_result *scan;
	struct verdict *v;
	char *note; /* for the reader: the change edits the policy, or NULL */
};

static void scan_usage(FILE *f)
{
	fputs("usage: proofgate scan [options] [PATH]\n\n"
	      "Scans a revision of the git repository at PATH (default: the current folder;\n"
	      "a work tree, any folder inside one, or a bare repository) without writing\n"
	      "anything, and prints a readiness verdict per operations domain.\n\noptions:\n",
	      f);
	opts_print(f, cli_scan_opts);
	fputs("\nThe gate fails on 'blocked' for release branches (release/*, release-*,\n"
	      "releases/*, hotfix/*) and never elsewhere, unless the gates of the repository's\n"
	      ".proofgate.yml or --fail-on say otherwise.  The policy is read from the scanned\n"
	      "commit, or in a pull/merge request from its target branch (--policy-rev overrides).\n"
	      "GITHUB_STEP_SUMMARY and GITHUB_OUTPUT, when set, get the Markdown summary and outputs.\n"
	      "A report FILE of - is standard output, which then gets that report alone.\n"
	      "GIT_DIR and GIT_WORK_TREE, when set, name the repository and its work tree, as\n"
	      "for git (PATH then plays the part of git -C PATH).\n"
	      "Exit status: 0 the gate passed, 1 it did not, 2 proofgate could not decide.\n",
	      f);
}

/*
 * A whole positive number in decimal digits, nothing around it; -1 when arg
 * is not one (strtoull alone would take " 2", "+2", and "-1" as 2^64-1).
 */
static int parse_count(unsigned long long *out, const char *arg)
{
	char *end;
	unsigned long long v;
	if (!*arg || arg[strspn(arg, "0123456789")])
		return -1;
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (*end || errno || v == 0)
		return -1;
	*out = v;
	return 0;
}

static int scan_opt(int key, const char *arg, void *data)
{
	struct scan_args *a = data;
	unsigned long long n;

	switch (key) {
	case O_FORMAT:
		a->format_set = 1;
		a->format = output_for_stdout(arg);
		if (!a->format) {
			struct buf names = BUF_INIT;
			output_stdout_names(&names);
			cli_error("--format must be %s, not '%s'", buf_cstr(&names), arg);
			buf_free(&names);
			return -1;
		}
		return 0;
	case O_BRANCH:
		if (!*arg)
			return cli_error("--branch needs a branch name"), -1;
		a->branch = arg;
		return 0;
	case O_LANG:
		return cli_parse_lang(&a->lang, arg);
	case O_FAIL_ON: {
		struct fail_on_spec spec;
		if (fail_on_spec_parse(&spec, arg) < 0)
			return cli_error(
				       "--fail-on must be blocked, readiness-only or never, regression, or a level and "
				       "regression ('blocked,regression'), not '%s'",
				       arg),
			       -1;
		a->fail_on_set = spec.has_level;
		a->fail_on = spec.level;
		a->regression = spec.regression;
		return 0;
	}
	case O_MAX_SIZE:
		if (parse_count(&a->max_size, arg) < 0)
			return cli_error("--max-file-size must be a positive whole number of bytes (digits only), not "
					 "'%s'",
					 arg),
			       -1;
		return 0;
	case O_JOBS:
		if (parse_count(&n, arg) < 0 || n > SCAN_MAX_JOBS)
			return cli_error(
				       "--jobs must be a whole number of threads from 1 to %d (digits only), not '%s'",
				       SCAN_MAX_JOBS, arg),
			       -1;
		a->jobs = (unsigned)n;
		return 0;
	case O_COLOR:
		if (!arg || !strcmp(arg, "always"))
			a->color = 1;
		else if (!strcmp(arg, "never"))
			a->color = 0;
		else if (!strcmp(arg, "auto"))
			a->color = -1;
		else
			return cli_error("--color must be auto, always or never, not '%s'", arg), -1;
		return 0;
	}
	return 0;
}

/* 1 when a and b name the same file: the same one on disk, or the same path once its folder is resolved. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	char *ra, *rb;
	int same;
	if (!strcmp(a, b))
		return 1;
	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	ra = output_resolve(a);
	rb = output_resolve(b);
	same = ra && rb && !strcmp(ra, rb);
	free(ra);
	free(rb);
	return same;
}

/*
 * What goes where: at most one report on standard output (--format, or a
 * report FILE of -), and no two outputs in one file (nor in the CI's).
 */
static int check_outputs(struct scan_args *a)
{
	const char *ci[2] = {getenv("GITHUB_STEP_SUMMARY"), getenv("GITHUB_OUTPUT")};
	static const char *const ci_names[2] = {"GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT"};
	const char *on_stdout = a->format_set ? "--format" : NULL;
	char label[64];
	size_t i, j;

	for (i = 0; i < OUTPUT_COUNT; i++) {
		if (!a->files[i] || strcmp(a->files[i], "-"))
			continue;
		if (on_stdout)
			return cli_error("standard output takes one report, and both %s and --%s - ask for it",
					 on_stdout, outputs[i].name),
			       -1;
		snprintf(label, sizeof(label), "--%s -", outputs[i].name);
		on_stdout = label;
		a->format = &outputs[i];
		a->format_set = 1;
		a->files[i] = NULL;
	}
	if (a->quiet && a->format_set && a->format != &outputs[OUTPUT_TEXT])
		return cli_error("-q prints only the verdict line, as text: it cannot go with a %s report on standard "
				 "output (leave out -q, or write the report to a file)",
				 a->format->name),
		       -1;
	for (i = 0; i < OUTPUT_COUNT; i++) {
		if (!a->files[i])
			continue;
		for (j = i + 1; j < OUTPUT_COUNT; j++)
			if (a->files[j] && same_file(a->files[i], a->files[j]))
				return cli_error("--%s and --%s both name '%s': give each report its own file",
						 outputs[i].name, outputs[j].name, a->files[j]),
				       -1;
		for (j = 0; j < 2; j++)
			if (ci[j] && *ci[j] && same_file(a->files[i], ci[j]))
				return cli_error(
					       "--%s names '%s', which is %s, where proofgate appends on its own: give "
					       "the report another file",
					       outputs[i].name, a->files[i], ci_names[j]),
				       -1;
	}
	return 0;
}

/* Parses argv into a; 1 when the command is done already, with its exit status in *rc. */
static int parse_args(struct scan_args *a, int argc, char **argv, const char **path, int *rc)
{
	int first;

	memset(a, 0, sizeof(*a));
	a->rev = "HEAD";
	a->builtin = 1;
	a->format = &outputs[OUTPUT_TEXT];
	a->max_size = SCAN_DEFAULT_MAX_FILE_SIZE;
	a->color = -1;
	*rc = EXIT_UNDECIDED;
	if (opts_parse(argc, argv, cli_scan_opts, scan_opt, a, &first) < 0) {
		cli_usage_hint("scan [options] [PATH]", "scan");
		return 1;
	}
	if (a->help || a->version) {
		if (a->help)
			scan_usage(stdout);
		else
			printf("proofgate %s\n", PROOFGATE_VERSION);
		*rc = EXIT_PASS;
		return 1;
	}
	if (argc - first > 1) {
		cli_error("scan takes one PATH, got %d: '%s' and '%s'%s", argc - first, argv[first], argv[first + 1],
			  argc - first > 2 ? " and more" : "");
		cli_usage_hint("scan [options] [PATH]", "scan");
		return 1;
	}
	if (check_outputs(a) < 0)
		return 1;
	*path = argc - first == 1 ? argv[first] : ".";
	return 0;
}

static const char *env_get(const char *name)
{
	return getenv(name);
}

/* 1 when the variable is set to something (an acceleration switch, NO_COLOR). */
static int env_set(const char *name)
{
	const char *v = getenv(name);
	return v && *v;
}

/*
 * Opens the repository and the revision, and finds the branch the gate is
 * for and the commit whose policy applies: --policy-rev, else a pull or
 * merge request's target branch (so that a change cannot waive or loosen its
 * own gate), else the scanned commit.
 */
/* 1 when an environment variable says true, as git reads GIT_DISCOVERY_ACROSS_FILESYSTEM. */
static int env_true(const char *name)
{
	const char *v = getenv(name);
	return v && (!strcmp(v, "1") || !strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcasecmp(v, "on"));
}

/*
 * A revision or a commit is not in the clone: when the clone is shallow, the
 * running CI's way to fetch more history (its own words, not another CI's).
 */
static void fetch_hint(git_repository *repo, enum lang lang)
{
	const char *ga = getenv("GITHUB_ACTIONS"), *gl = getenv("GITLAB_CI");
	if (!repo || git_repository_is_shallow(repo) != 1)
		return;
	if (ga && !strcmp(ga, "true"))
		fputs(lang == LANG_AR
			      ? "proofgate: تلميح: في GitHub Actions يجلب actions/checkout إيداعاً واحداً ما لم "
				"يُعطَ fetch-depth: 0\n"
			      : "proofgate: hint: in GitHub Actions, actions/checkout fetches one commit unless given "
				"fetch-depth: 0\n",
		      stderr);
	else if (gl && !strcmp(gl, "true"))
		fputs(lang == LANG_AR ? "proofgate: تلميح: في GitLab CI يكون الاستنساخ سطحياً (GIT_DEPTH، 20 إيداعاً "
					"افتراضياً)؛ اضبط متغير المهمة GIT_DEPTH: 0 للتاريخ كله\n"
				      : "proofgate: hint: in GitLab CI, the clone is shallow (GIT_DEPTH, 20 commits by "
					"default); set the job's variable GIT_DEPTH: 0 for the whole history\n",
		      stderr);
}

static int open_target(struct run *r, const struct scan_args *a, const char *path)
{
	struct repo_env env;

	memset(&env, 0, sizeof(env));
	env.git_dir = getenv("GIT_DIR");
	env.work_tree = getenv("GIT_WORK_TREE");
	env.ceiling_dirs = getenv("GIT_CEILING_DIRECTORIES");
	env.across_fs = env_true("GIT_DISCOVERY_ACROSS_FILESYSTEM");
	env.sudo_uid = getenv("SUDO_UID");
	if (repo_open_env(&r->repo, path, &env) < 0)
		return cli_error("%s", err_last()), -1;
	if (repo_resolve(&r->target, r->repo, a->rev) < 0) {
		cli_error("%s", err_last());
		fetch_hint(r->repo, a->lang);
		return -1;
	}
	/* an explicit revision naming a branch decides; the CI's variables describe HEAD's commit only */
	ci_branch_resolve_rev(&r->br, a->branch, r->target.branch, strcmp(a->rev, "HEAD") != 0,
			      ci_is_checkout(r->repo, r->target.commit), env_get);
	r->policy_commit = r->target.commit;
	r->policy_from = "the scanned commit";
	if (a->policy_rev) {
		if (repo_resolve(&r->policy_rev, r->repo, a->policy_rev) < 0) {
			cli_error("--policy-rev: %s", err_last());
			fetch_hint(r->repo, a->lang);
			return -1;
		}
		r->policy_commit = r->policy_rev.commit;
		r->policy_from = "--policy-rev";
	} else if (r->br.target) {
		if (ci_target_commit(&r->target_commit, r->repo, r->br.target, r->br.target_source) < 0) {
			cli_error("%s", err_last());
			fetch_hint(r->repo, a->lang);
			return -1;
		}
		r->policy_commit = r->target_commit;
		r->policy_from = r->br.target_source;
	}
	return 0;
}

/* The policy's problems, then what to do about them. */
static void print_policy_diags(const struct run *r, const struct diag_list *diags)
{
	cli_print_diags(diags, CONFIG_FILE);
	if (diags->n)
		cli_error("the policy %s in commit %.12s (%s) has %zu problem%s: fix %s there", CONFIG_FILE,
			  git_oid_tostr_s(git_commit_id(r->policy_commit)), r->policy_from, diags->n,
			  diags->n == 1 ? "" : "s", CONFIG_FILE);
}

/* The policy's problems in the order they are written (one file, read top to bottom); a stable insertion sort. */
static void sort_by_place(struct diag_list *l)
{
	size_t i, j;
	for (i = 1; i < l->n; i++) {
		struct diag d = l->items[i];
		for (j = i; j > 0 && (l->items[j - 1].at.line > d.at.line ||
				      (l->items[j - 1].at.line == d.at.line && l->items[j - 1].at.col > d.at.col));
		     j--)
			l->items[j] = l->items[j - 1];
		l->items[j] = d;
	}
}

/*
 * Reads the policy, then the rule set it and the options name; prints every
 * problem at once: a policy with problems is still checked against the rule
 * set (the rules it names, the packs it keeps), and never applied.
 */
static int load_policy_and_rules(struct run *r, const struct scan_args *a)
{
	struct diag_list pack_diags = DIAG_LIST_INIT, policy_diags = DIAG_LIST_INIT;
	struct ruleset_sources src = {a->builtin, a->rules, a->nrules, NULL, r->repo, r->policy_commit};
	int rc = config_read_commit(&r->cfg, &policy_diags, r->repo, r->policy_commit, r->target.commit_time);
	int packs_failed = 0;

	if (rc == 0) {
		src.policy = r->cfg;
		rc = ruleset_load(&r->rs, &pack_diags, &policy_diags, &src);
		packs_failed = rc == RULESET_EPACKS;
		if (rc == 0 && r->cfg->nproblems)
			rc = -1;
	}
	sort_by_place(&policy_diags);
	cli_print_diags(&pack_diags, "(rules)");
	print_policy_diags(r, &policy_diags);
	if (packs_failed)
		cli_error("rule pack errors above: fix them, or check them with 'proofgate rules check'");
	diag_list_clear(&pack_diags);
	diag_list_clear(&policy_diags);
	if (rc == 0 && r->policy_commit != r->target.commit &&
	    config_differs(r->repo, r->policy_commit, r->target.commit)) {
		struct buf nb = BUF_INIT;
		if (a->lang == LANG_AR)
			buf_printf(&nb,
				   "هذا التغيير يعدّل \u200e%s؛ طُبّقت بدلاً منه سياسة %s (الإيداع %.12s)، ويسري التعديل "
				   "بعد الدمج",
				   CONFIG_FILE, a->policy_rev ? a->policy_rev : r->br.target,
				   git_oid_tostr_s(git_commit_id(r->policy_commit)));
		else
			buf_printf(
				&nb,
				"this change edits %s; the policy of %s (commit %.12s) applied instead, and the edit "
				"takes effect once merged",
				CONFIG_FILE, a->policy_rev ? a->policy_rev : r->br.target,
				git_oid_tostr_s(git_commit_id(r->policy_commit)));
		r->note = buf_detach(&nb);
	}
	return rc < 0 ? -1 : 0;
}

/* --stats: one line a person (or a test) can read; the counts do not depend on --jobs. */
static void print_stats(const struct scan_result *r, const struct cache *c)
{
	static const char *const filters[] = {
		[SCAN_FILTER_NONE] = "every pattern run",
		[SCAN_FILTER_WORDS] = "word prefilter",
		[SCAN_FILTER_MULTI_BUILTIN] = "one Vectorscan pass, built-in database",
		[SCAN_FILTER_MULTI_COMPILED] = "one Vectorscan pass, database compiled",
		[SCAN_FILTER_MULTI_BOTH] =
			"one Vectorscan pass, built-in database and one compiled for the other patterns",
	};
	struct cache_stats cs;
	fprintf(stderr,
		"proofgate: stats: %zu tree entries, %zu folders read, %zu folders from cache records, "
		"%zu folders pruned, %zu folders of installed packages, %zu blobs read; patterns: %s",
		r->entries_seen, r->trees_read, r->trees_cached, r->trees_pruned, r->trees_installed, r->blobs_read,
		filters[r->filter]);
	if (r->filter == SCAN_FILTER_WORDS && multi_unavailable() && !env_set("PROOFGATE_NO_MULTI"))
		fprintf(stderr, " (%s)", multi_unavailable());
	if (r->filter == SCAN_FILTER_MULTI_BUILTIN || r->filter == SCAN_FILTER_MULTI_BOTH)
		fprintf(stderr, " (%zu blobs by the smaller database of their class%s)", r->blobs_classed,
			r->whole_loaded ? "" : ", the whole one never loaded");
	if (c) {
		cache_get_stats(c, &cs);
		fprintf(stderr, "; cache: %zu segments loaded, %zu skipped, %zu hits, %zu misses", cs.segments_loaded,
			cs.segments_skipped, cs.hits, cs.misses);
	} else {
		fputs("; cache: off", stderr);
	}
	fputc('\n', stderr);
}

/* The segments the cache skipped, one line each (the cache keeps the first few reasons). */
void cli_cache_notes(const struct cache *c)
{
	const char *const *notes;
	struct cache_stats cs;
	size_t i, n = cache_notes(c, &notes);
	for (i = 0; i < n; i++)
		fprintf(stderr, "proofgate: note: cache segment skipped: %s\n", notes[i]);
	cache_get_stats(c, &cs);
	if (cs.segments_skipped > n)
		fprintf(stderr, "proofgate: note: %zu more cache segments skipped\n", cs.segments_skipped - n);
}

/*
 * The content cache for this scan, or NULL.  A cache that cannot be used
 * never fails the scan; it is mentioned only when --cache asked for it.
 */
static struct cache *open_cache(const struct scan_args *a, git_repository *repo, const struct rules *rs)
{
	struct cache *c = NULL;
	char *dir;
	int rc;
	if (a->no_cache)
		return NULL;
	dir = a->cache_dir ? xstrdup(a->cache_dir) : cache_default_dir(getenv("XDG_CACHE_HOME"), getenv("HOME"));
	/* a folder refused for its owner or mode is said even when it is the default */
	if (dir && (rc = scan_cache_open(&c, repo, rs, dir)) < 0 && (a->cache_dir || rc == CACHE_EREFUSED))
		fprintf(stderr,
			a->lang == LANG_AR ? "proofgate: ملاحظة: فحص دون ذاكرة التخزين المؤقت: %s\n"
					   : "proofgate: note: scanning without the cache: %s\n",
			err_last());
	free(dir);
	cli_cache_notes(c);
	return c;
}

/* The one walk over the tree, then the verdict and the gate for the branch. */
static int scan_and_judge(struct run *r, const struct scan_args *a)
{
	struct scan_opts so;
	struct verdict_policy pol = verdict_policy_of(r->cfg);
	struct gate_request gate = {r->br.name, r->br.source, a->fail_on_set, a->fail_on, r->cfg, a->regression};
	struct cache *cache;
	int rc;

	memset(&so, 0, sizeof(so));
	so.max_file_size = a->max_size;
	so.commit_time = r->target.commit_time;
	git_oid_cpy(&so.commit_id, git_commit_id(r->target.commit));
	so.jobs = a->jobs;
	/* the policy can tell a gate (a release branch's) to ignore what other jobs cached */
	so.cache = cache = config_cache_off(r->cfg, r->br.name) ? NULL : open_cache(a, r->repo, r->rs);
	so.no_fastpack = env_set("PROOFGATE_NO_FASTPACK");
	so.no_prefilter = env_set("PROOFGATE_NO_PREFILTER");
	so.no_multi = env_set("PROOFGATE_NO_MULTI");
	so.no_classes = env_set("PROOFGATE_NO_CLASSES");
	so.no_records = env_set("PROOFGATE_NO_RECORDS");
	rc = scan_run(&r->scan, r->repo, r->target.tree, r->rs, &so);
	if (rc < 0) {
		cli_error("%s", err_last());
		cache_close(cache);
		return -1;
	}
	if (a->stats)
		print_stats(r->scan, cache);
	if (cache_close(cache) < 0 && a->cache_dir)
		fprintf(stderr,
			a->lang == LANG_AR ? "proofgate: ملاحظة: لم تُحدَّث ذاكرة التخزين المؤقت: %s\n"
					   : "proofgate: note: the cache was not updated: %s\n",
			err_last());
	verdict_compute_policy(&r->v, r->rs, r->scan, (long long)r->target.commit_time, &pol, a->lang);
	verdict_choose_gate(r->v, &gate);
	if (r->v->gate.regression)
		fprintf(stderr,
			a->lang == LANG_AR ? "proofgate: ملاحظة: شرط التراجع في البوابة (%s) يحتاج أساساً للمقارنة: "
					     "scan --base REV أو proofgate diff؛ لم يُفحص\n"
					   : "proofgate: note: the gate's regression part (%s) needs a base to compare "
					     "with: scan --base REV, or proofgate diff; not checked\n",
			r->v->gate.regression_source);
	return 0;
}

/* Every report asked for: files, the CI's summary and outputs, then standard output. */
static int write_reports(const struct run *r, const struct scan_args *a)
{
	const struct output *out = a->format;
	struct report rep;
	const char *ga = getenv("GITHUB_ACTIONS"), *summary = getenv("GITHUB_STEP_SUMMARY"),
		   *vars = getenv("GITHUB_OUTPUT");
	char *link_base = NULL, *repo_name;
	size_t i;
	int rc = -1;

	if (!a->format_set && ga && !strcmp(ga, "true"))
		out = &outputs[OUTPUT_GITHUB];
	memset(&rep, 0, sizeof(rep));
	rep.version = PROOFGATE_VERSION;
	rep.target = &r->target;
	rep.rules = r->rs;
	rep.scan = r->scan;
	rep.verdict = r->v;
	rep.lang = a->lang;
	rep.repo_name = repo_name = cli_repo_name(r->repo, &rep.repo_name_source);
	/* --color=always wins over NO_COLOR, as an explicit flag does (no-color.org) */
	rep.color = (out->flags & OUTPUT_COLOR) &&
		    (a->color == 1 || (a->color == -1 && isatty(STDOUT_FILENO) && !env_set("NO_COLOR")));
	if (r->cfg->present) {
		rep.policy_file = CONFIG_FILE;
		rep.policy_commit = r->cfg->commit_hex;
	}
	rep.notes = &r->note;
	rep.nnotes = r->note ? 1 : 0;
	if (a->files[OUTPUT_HTML] || out == &outputs[OUTPUT_HTML])
		rep.link_base = link_base = cli_link_base(r->repo, r->target.commit_hex);

	for (i = 0; i < OUTPUT_COUNT; i++)
		if (a->files[i] && output_write_file(&outputs[i], a->files[i], &rep) < 0)
			goto done;
	/* the CI's own files: a warning when they cannot be written, never the end of the report */
	if (summary && *summary)
		output_step_summary(summary, &rep);
	if (vars && *vars)
		output_github_vars(vars, &rep, a->files);
	if (a->quiet)
		report_verdict_line(stdout, &rep);
	else
		out->write(stdout, &rep);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the report to standard output: %s", err_os(errno));
		goto done;
	}
	rc = 0;
done:
	free(link_base);
	free(repo_name);
	return rc;
}

static void run_free(struct run *r)
{
	free(r->note);
	verdict_free(r->v);
	scan_result_free(r->scan);
	rules_free(r->rs);
	config_free(r->cfg);
	git_commit_free(r->target_commit);
	repo_target_free(&r->policy_rev);
	repo_target_free(&r->target);
	git_repository_free(r->repo);
}

int cmd_scan(int argc, char **argv)
{
	struct scan_args a;
	struct run r;
	const char *path = ".";
	int rc;

	memset(&r, 0, sizeof(r));
	if (parse_args(&a, argc, argv, &path, &rc) == 0) {
		if (a.base)
			rc = cmd_diff_scan(argc, argv); /* scan --base is proofgate diff */
		else if (open_target(&r, &a, path) < 0 || load_policy_and_rules(&r, &a) < 0 ||
			 scan_and_judge(&r, &a) < 0 || write_reports(&r, &a) < 0)
			rc = EXIT_UNDECIDED;
		else
			rc = cli_gate_exit(r.v, "scan");
	}
	run_free(&r);
	free(a.rules);
	return rc;
}
