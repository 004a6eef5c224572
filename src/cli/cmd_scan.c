/* cmd_scan.c - `proofgate scan`: rules, repository, one walk, verdict, reports. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "store/cache.h"
#include "cli/cli.h"
#include "cli/html.h"
#include "model/config.h"
#include "util/err.h"
#include "util/mem.h"
#include "cli/opts.h"
#include "report/report.h"
#include "git/repo.h"
#include "scan/scan.h"
#include "verdict/verdict.h"

enum { O_REV = 256, O_RULES, O_NO_BUILTIN, O_FORMAT, O_JSON, O_LANG, O_FAIL_ON, O_MAX_SIZE, O_HELP, O_VERSION,
       O_BRANCH, O_POLICY_REV, O_SARIF, O_CODEQUALITY, O_JUNIT, O_MARKDOWN,
       O_JOBS, O_CACHE, O_NO_CACHE, O_STATS, O_HTML };

static const struct opt scan_opts[] = {
	{"rev", O_REV, "REV", "revision to scan: branch, tag, commit, HEAD~3 (default HEAD)"},
	{"rules", O_RULES, "PATH", "add a rule pack file or folder (repeatable)"},
	{"no-builtin", O_NO_BUILTIN, NULL, "do not load the built-in rule pack"},
	{"format", O_FORMAT, "FMT", "standard output format: text (default), json or github (default when GITHUB_ACTIONS=true)"},
	{"json", O_JSON, "FILE", "also write the JSON report to FILE"},
	{"sarif", O_SARIF, "FILE", "also write SARIF 2.1.0 (GitHub code scanning) to FILE"},
	{"codequality", O_CODEQUALITY, "FILE", "also write a GitLab Code Quality report to FILE"},
	{"junit", O_JUNIT, "FILE", "also write JUnit XML (one testsuite per domain) to FILE"},
	{"markdown", O_MARKDOWN, "FILE", "also write the Markdown summary (under 1 MiB) to FILE"},
	{"html", O_HTML, "FILE", "also write the readiness page (one self-contained HTML file) to FILE"},
	{"branch", O_BRANCH, "NAME", "branch whose gate applies (default: the PR/MR target, the pushed branch, or the revision's)"},
	{"policy-rev", O_POLICY_REV, "REV", "read .proofgate.yml from REV (default: the PR/MR target branch, else the scanned commit)"},
	{"lang", O_LANG, "LANG", "report language: en (default) or ar"},
	{"fail-on", O_FAIL_ON, "WHEN", "gate: blocked, readiness-only or never"},
	{"max-file-size", O_MAX_SIZE, "BYTES", "skip content matching of larger blobs (default 8388608)"},
	{"jobs", O_JOBS, "N", "threads reading and matching files (default: the online CPUs)"},
	{"cache", O_CACHE, "DIR", "content cache folder (default $XDG_CACHE_HOME/proofgate or ~/.cache/proofgate)"},
	{"no-cache", O_NO_CACHE, NULL, "neither read nor write the content cache"},
	{"stats", O_STATS, NULL, "print what the scan read and what the cache answered, on standard error"},
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
	int github_stdout;
	int format_set;
	const char *json_file;
	const char *sarif_file, *codequality_file, *junit_file, *markdown_file, *html_file;
	const char *branch;
	const char *policy_rev;
	enum lang lang;
	int fail_on_set;
	enum fail_on fail_on;
	unsigned long long max_size;
	unsigned jobs;
	const char *cache_dir;
	int no_cache;
	int stats;
	int quiet;
	int help, version;
};

/* --stats: one line a person (or a test) can read; the counts do not depend on --jobs. */
static void print_stats(const struct scan_result *r, const struct cache *c)
{
	struct cache_stats cs;
	fprintf(stderr,
		"proofgate: stats: %zu tree entries, %zu folders read, %zu folders from cache records, "
		"%zu folders pruned, %zu blobs read",
		r->entries_seen, r->trees_read, r->trees_cached, r->trees_pruned, r->blobs_read);
	if (c) {
		cache_get_stats(c, &cs);
		fprintf(stderr, "; cache: %zu segments loaded, %zu hits, %zu misses", cs.segments_loaded, cs.hits,
			cs.misses);
	} else {
		fputs("; cache: off", stderr);
	}
	fputc('\n', stderr);
}

static void scan_usage(FILE *f)
{
	fputs("usage: proofgate scan [options] [PATH]\n\n"
	      "Scans a revision of the git repository at PATH (default: the current folder;\n"
	      "a work tree, any folder inside one, or a bare repository) without writing\n"
	      "anything, and prints a readiness verdict per operations domain.\n\noptions:\n",
	      f);
	opts_print(f, scan_opts);
	fputs("\nThe gate fails on 'blocked' for release branches (release/*, release-*,\n"
	      "releases/*, hotfix/*) and never elsewhere, unless the gates of the repository's\n"
	      ".proofgate.yml or --fail-on say otherwise.  The policy is read from the scanned\n"
	      "commit, or in a pull/merge request from its target branch (--policy-rev overrides).\n"
	      "GITHUB_STEP_SUMMARY and GITHUB_OUTPUT, when set, get the Markdown summary and outputs.\n"
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
		a->format_set = 1;
		a->json_stdout = !strcmp(arg, "json");
		a->github_stdout = !strcmp(arg, "github");
		if (strcmp(arg, "text") && !a->json_stdout && !a->github_stdout)
			return cli_error("--format must be text, json or github, not '%s'", arg), -1;
		break;
	case O_JSON:
		a->json_file = arg;
		break;
	case O_SARIF:
		a->sarif_file = arg;
		break;
	case O_CODEQUALITY:
		a->codequality_file = arg;
		break;
	case O_JUNIT:
		a->junit_file = arg;
		break;
	case O_MARKDOWN:
		a->markdown_file = arg;
		break;
	case O_HTML:
		a->html_file = arg;
		break;
	case O_BRANCH:
		if (!*arg)
			return cli_error("--branch needs a branch name"), -1;
		a->branch = arg;
		break;
	case O_POLICY_REV:
		a->policy_rev = arg;
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
	case O_JOBS:
		errno = 0;
		a->jobs = (unsigned)strtoul(arg, &end, 10);
		if (!*arg || *end || errno || arg[0] == '-' || a->jobs == 0 || a->jobs > SCAN_MAX_JOBS)
			return cli_error("--jobs must be a number of threads from 1 to %d, not '%s'", SCAN_MAX_JOBS, arg), -1;
		break;
	case O_CACHE:
		a->cache_dir = arg;
		break;
	case O_NO_CACHE:
		a->no_cache = 1;
		break;
	case O_STATS:
		a->stats = 1;
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

/*
 * The content cache for this scan, or NULL.  A cache that cannot be used
 * never fails the scan; it is mentioned only when --cache asked for it.
 */
static struct cache *open_cache(const struct scan_args *a, git_repository *repo, const struct rules *rs)
{
	struct cache *c = NULL;
	char *dir;
	if (a->no_cache)
		return NULL;
	dir = a->cache_dir ? xstrdup(a->cache_dir) : cache_default_dir(getenv("XDG_CACHE_HOME"), getenv("HOME"));
	if (dir && scan_cache_open(&c, repo, rs, dir) < 0 && a->cache_dir)
		fprintf(stderr, "proofgate: note: scanning without the cache: %s\n", err_last());
	free(dir);
	return c;
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

static int md_1mib(FILE *f, const struct report *r)
{
	return report_markdown(f, r, REPORT_MARKDOWN_MAX);
}

/* Writes (mode "w") or appends (mode "a") one report; prints why it could not. */
static int write_report(const char *path, const char *mode, const char *what, int (*fn)(FILE *, const struct report *),
			const struct report *r)
{
	FILE *f = fopen(path, mode);
	int rc;
	if (!f)
		return cli_error("cannot write %s '%s': %s", what, path, strerror(errno)), -1;
	rc = fn(f, r);
	if (fclose(f) != 0 || rc < 0)
		return cli_error("cannot write %s '%s': %s", what, path, strerror(errno ? errno : EIO)), -1;
	return 0;
}

/* Appends the job summary, leaving room for what this step's summary already holds. */
static int write_step_summary(const char *path, const struct report *r)
{
	FILE *f = fopen(path, "a");
	long have;
	size_t room;
	int rc;
	if (!f)
		return cli_error("cannot append the job summary to GITHUB_STEP_SUMMARY '%s': %s", path, strerror(errno)), -1;
	have = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : 0;
	room = have > 0 && (size_t)have < REPORT_MARKDOWN_MAX / 2 ? REPORT_MARKDOWN_MAX - (size_t)have
								   : REPORT_MARKDOWN_MAX / 2;
	rc = report_markdown(f, r, room);
	if (fclose(f) != 0 || rc < 0)
		return cli_error("cannot append the job summary to GITHUB_STEP_SUMMARY '%s': %s", path,
				 strerror(errno ? errno : EIO)), -1;
	return 0;
}

static const char *env_get(const char *name)
{
	return getenv(name);
}

/* 1 when the variable is set to something (an acceleration switch). */
static int env_set(const char *name)
{
	const char *v = getenv(name);
	return v && *v;
}

static void print_config_diags(const struct config *cfg, const char *from)
{
	size_t i;
	for (i = 0; i < cfg->ndiags; i++) {
		const struct rules_diag *d = &cfg->diags[i];
		char *file = report_safe(d->at.file ? d->at.file : CONFIG_FILE);
		char *msg = report_safe(d->msg);
		if (d->at.line > 0)
			fprintf(stderr, "proofgate: %s:%d:%d: %s\n", file, d->at.line, d->at.col, msg);
		else
			fprintf(stderr, "proofgate: %s: %s\n", file, msg);
		free(file);
		free(msg);
	}
	if (cfg->ndiags)
		cli_error("the policy %s in commit %.12s (%s) has %zu problem%s: fix %s there", CONFIG_FILE, cfg->commit_hex,
			  from, cfg->ndiags, cfg->ndiags == 1 ? "" : "s", CONFIG_FILE);
}

/* The built-in pack, --rules and the policy's packs, finished; prints every problem. */
static int load_rules(struct rules **out, const struct scan_args *a, struct config *cfg, git_repository *repo,
		      git_commit *policy_commit)
{
	struct rules *rs = rules_new();
	int rc;

	*out = rs;
	rc = cli_add_rules(rs, a->builtin, a->rules, a->nrules);
	if (config_load_packs(cfg, rs, repo, policy_commit) < 0)
		rc = -1;
	if (rules_finish(rs) < 0)
		rc = -1;
	if (rc < 0)
		cli_print_diags(rs);
	return rc;
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
	struct cache *cache = NULL;
	struct report rep;
	const char *path = ".", *nc, *source;
	enum fail_on fail_on;
	int first, rc = EXIT_UNDECIDED;
	struct config *cfg = NULL;
	struct config_branch br;
	const struct config_gate *cgate;
	struct verdict_policy pol;
	git_commit *policy_commit = NULL;
	struct repo_target ptarget;
	const char *policy_from = "the scanned commit", *ga;
	char *notes[1] = {NULL};
	const char *out_names[6], *out_paths[6];
	size_t nout = 0;

	memset(&a, 0, sizeof(a));
	memset(&target, 0, sizeof(target));
	memset(&ptarget, 0, sizeof(ptarget));
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

	if (repo_open(&repo, path, getenv("SUDO_UID")) < 0 || repo_resolve(&target, repo, a.rev) < 0) {
		cli_error("%s", err_last());
		goto done;
	}
	/*
	 * The policy of a pull or merge request comes from its target branch, so
	 * that a change cannot waive or loosen its own gate.
	 */
	config_branch_resolve(&br, a.branch, target.branch, env_get);
	if (a.policy_rev) {
		if (repo_resolve(&ptarget, repo, a.policy_rev) < 0) {
			cli_error("--policy-rev: %s", err_last());
			goto done;
		}
		policy_commit = ptarget.commit;
		policy_from = "--policy-rev";
	} else if (br.target) {
		if (config_target_commit(&policy_commit, repo, br.target, br.target_source) < 0) {
			cli_error("%s", err_last());
			goto done;
		}
		policy_from = br.target_source;
	}
	if (config_load_commit(&cfg, repo, policy_commit ? policy_commit : target.commit, target.commit_time) < 0) {
		print_config_diags(cfg, policy_from);
		goto done;
	}
	if (load_rules(&rs, &a, cfg, repo, policy_commit ? policy_commit : target.commit) < 0 || cfg->ndiags) {
		print_config_diags(cfg, policy_from);
		cli_error("rule pack errors above: fix them, or check them with 'proofgate rules check'");
		goto done;
	}
	if (config_apply(cfg, rs) < 0) {
		print_config_diags(cfg, policy_from);
		goto done;
	}
	if (policy_commit && config_differs(repo, policy_commit, target.commit)) {
		struct buf nb = BUF_INIT;
		buf_printf(&nb,
			   "this change edits %s; the policy of %s (commit %.12s) applied instead, and the edit takes "
			   "effect once merged",
			   CONFIG_FILE, a.policy_rev ? a.policy_rev : br.target,
			   git_oid_tostr_s(git_commit_id(policy_commit)));
		notes[0] = buf_detach(&nb);
	}
	memset(&so, 0, sizeof(so));
	so.max_file_size = a.max_size;
	so.commit_time = target.commit_time;
	git_oid_cpy(&so.commit_id, git_commit_id(target.commit));
	so.jobs = a.jobs;
	so.cache = cache = open_cache(&a, repo, rs);
	so.no_fastpack = env_set("PROOFGATE_NO_FASTPACK");
	so.no_prefilter = env_set("PROOFGATE_NO_PREFILTER");
	so.no_records = env_set("PROOFGATE_NO_RECORDS");
	if (scan_run(&scan, repo, target.tree, rs, &so) < 0) {
		cli_error("%s", err_last());
		goto done;
	}
	if (a.stats)
		print_stats(scan, cache);
	if (cache_close(cache) < 0 && a.cache_dir)
		fprintf(stderr, "proofgate: note: the cache was not updated: %s\n", err_last());
	cache = NULL;
	pol = config_policy(cfg);
	verdict_compute_policy(&v, rs, scan, (long long)target.commit_time, &pol, a.lang);
	cgate = config_gate_for(cfg, br.name);
	if (a.fail_on_set) {
		fail_on = a.fail_on;
		source = "--fail-on";
	} else if (cgate) {
		fail_on = cgate->fail_on;
		source = "policy";
	} else if (repo_is_release_branch(br.name)) {
		fail_on = FAIL_ON_BLOCKED;
		source = "release branch";
	} else {
		fail_on = FAIL_ON_NEVER;
		source = "default";
	}
	verdict_gate(v, fail_on, source, br.name);
	v->gate.branch_source = br.source;
	if (cgate && !a.fail_on_set)
		v->gate.pattern = xstrdup(cgate->glob);

	memset(&rep, 0, sizeof(rep));
	rep.version = PROOFGATE_VERSION;
	rep.target = &target;
	rep.rules = rs;
	rep.scan = scan;
	rep.verdict = v;
	rep.lang = a.lang;
	nc = getenv("NO_COLOR");
	ga = getenv("GITHUB_ACTIONS");
	if (!a.format_set && ga && !strcmp(ga, "true"))
		a.github_stdout = 1;
	rep.color = !a.json_stdout && !a.github_stdout && isatty(STDOUT_FILENO) && !(nc && *nc);
	if (cfg->present) {
		rep.policy_file = CONFIG_FILE;
		rep.policy_commit = cfg->commit_hex;
	}
	rep.notes = notes;
	rep.nnotes = notes[0] ? 1 : 0;

	if (a.json_file && write_json_file(a.json_file, &rep) < 0)
		goto done;
	if (a.json_file)
		out_names[nout] = "json", out_paths[nout++] = a.json_file;
	if (a.sarif_file && write_report(a.sarif_file, "w", "SARIF report", report_sarif, &rep) < 0)
		goto done;
	if (a.sarif_file)
		out_names[nout] = "sarif", out_paths[nout++] = a.sarif_file;
	if (a.codequality_file && write_report(a.codequality_file, "w", "Code Quality report", report_codequality, &rep) < 0)
		goto done;
	if (a.codequality_file)
		out_names[nout] = "codequality", out_paths[nout++] = a.codequality_file;
	if (a.junit_file && write_report(a.junit_file, "w", "JUnit report", report_junit, &rep) < 0)
		goto done;
	if (a.junit_file)
		out_names[nout] = "junit", out_paths[nout++] = a.junit_file;
	if (a.markdown_file && write_report(a.markdown_file, "w", "Markdown report", md_1mib, &rep) < 0)
		goto done;
	if (a.markdown_file)
		out_names[nout] = "markdown", out_paths[nout++] = a.markdown_file;
	if (a.html_file && cli_write_html(a.html_file, &rep, repo) < 0)
		goto done;
	if (a.html_file)
		out_names[nout] = "html", out_paths[nout++] = a.html_file;
	nc = getenv("GITHUB_STEP_SUMMARY");
	if (nc && *nc && write_step_summary(nc, &rep) < 0)
		goto done;
	nc = getenv("GITHUB_OUTPUT");
	if (nc && *nc) {
		FILE *gf = fopen(nc, "a");
		int grc = gf ? report_github_output(gf, &rep, out_names, out_paths, nout) : -1;
		if (!gf || fclose(gf) != 0 || grc < 0) {
			cli_error("cannot append outputs to GITHUB_OUTPUT '%s': %s", nc, strerror(errno ? errno : EIO));
			goto done;
		}
	}
	if (a.quiet)
		report_verdict_line(stdout, &rep);
	else if (a.json_stdout)
		report_json(stdout, &rep);
	else if (a.github_stdout)
		report_github(stdout, &rep);
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
	cache_close(cache);
	free(notes[0]);
	config_free(cfg);
	if (policy_commit != ptarget.commit)
		git_commit_free(policy_commit);
	repo_target_free(&ptarget);
	verdict_free(v);
	scan_result_free(scan);
	repo_target_free(&target);
	git_repository_free(repo);
	rules_free(rs);
	free(a.rules);
	return rc;
}
