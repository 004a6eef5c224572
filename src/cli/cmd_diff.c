/* cmd_diff.c - `proofgate diff BASE [HEAD]` and `scan --base`: both revisions judged, compared, gated, reported. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/html.h"
#include "cli/opts.h"
#include "cli/outputs.h"
#include "cli/revscan.h"
#include "git/repo.h"
#include "git/shallow.h"
#include "model/ci_branch.h"
#include "model/config.h"
#include "report/diff.h"
#include "report/page.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "verdict/diff.h"
#include "verdict/gate.h"

/* The diff formats, in the order files are written and named in GITHUB_OUTPUT. */
enum { D_TEXT, D_JSON, D_GITHUB, D_SARIF, D_CODEQUALITY, D_JUNIT, D_MARKDOWN, D_HTML, D_COUNT };

struct diff_output {
	const char *name; /* for --format and --NAME, and the key in GITHUB_OUTPUT */
	const char *what; /* in messages */
	int (*write)(FILE *f, const struct diff_report *d);
	unsigned flags; /* OUTPUT_STDOUT, OUTPUT_FILE, OUTPUT_COLOR (cli/outputs.h) */
};

static int markdown_1mib(FILE *f, const struct diff_report *d)
{
	return report_diff_markdown(f, d, REPORT_MARKDOWN_MAX);
}

static const struct diff_output diff_outputs[D_COUNT] = {
	[D_TEXT] = {"text", "text comparison", report_diff_text, OUTPUT_STDOUT | OUTPUT_COLOR},
	[D_JSON] = {"json", "JSON comparison", report_diff_json, OUTPUT_STDOUT | OUTPUT_FILE},
	[D_GITHUB] = {"github", "GitHub annotations", report_diff_github, OUTPUT_STDOUT},
	[D_SARIF] = {"sarif", "SARIF report", report_diff_sarif, OUTPUT_FILE},
	[D_CODEQUALITY] = {"codequality", "Code Quality report", report_diff_codequality, OUTPUT_FILE},
	[D_JUNIT] = {"junit", "JUnit report", report_diff_junit, OUTPUT_FILE},
	[D_MARKDOWN] = {"markdown", "Markdown summary", markdown_1mib, OUTPUT_FILE},
	[D_HTML] = {"html", "HTML page", report_diff_html, OUTPUT_FILE},
};

struct diff_args {
	const char *base, *head; /* BASE [HEAD], or scan's --base and --rev */
	const char *path;	 /* the repository: -C, or scan's PATH */
	char **rules;
	size_t nrules;
	int builtin;
	const struct diff_output *format;
	int format_set;
	const char *files[D_COUNT];
	const char *branch;
	const char *policy_rev;
	enum lang lang;
	int fail_on_set;
	enum fail_on fail_on;
	int regression;
	unsigned long long max_size;
	unsigned jobs;
	const char *cache_dir;
	int no_cache;
	int stats;
	int quiet;
	int help, version;
	int scan_form; /* called as scan --base */
};

enum { O_FORMAT = 256, O_BRANCH, O_LANG, O_FAIL_ON, O_MAX_SIZE, O_JOBS };

#define A struct diff_args
#define COMMON_OPTS                                                                                                    \
	OPT_STRINGS("rules", 0, "PATH", "add a rule pack file or folder (repeatable)", A, rules, nrules),              \
		OPT_CLEAR("no-builtin", 0, "do not load the built-in rule pack", A, builtin),                          \
		OPT_CALL("format", O_FORMAT, "FMT",                                                                    \
			 "standard output format: text (default), json or github (default when GITHUB_ACTIONS=true)"), \
		OPT_STRING("json", 0, "FILE", "also write the JSON comparison to FILE", A, files[D_JSON]),             \
		OPT_STRING("sarif", 0, "FILE", "also write SARIF 2.1.0 with baselineState to FILE", A,                 \
			   files[D_SARIF]),                                                                            \
		OPT_STRING("codequality", 0, "FILE", "also write a GitLab Code Quality report to FILE", A,             \
			   files[D_CODEQUALITY]),                                                                      \
		OPT_STRING("junit", 0, "FILE", "also write JUnit XML (what changed, then each domain) to FILE", A,     \
			   files[D_JUNIT]),                                                                            \
		OPT_STRING("markdown", 0, "FILE", "also write the Markdown summary (under 1 MiB) to FILE", A,          \
			   files[D_MARKDOWN]),                                                                         \
		OPT_STRING("html", 0, "FILE", "also write the head's readiness page, with what changed, to FILE", A,   \
			   files[D_HTML]),                                                                             \
		OPT_CALL("branch", O_BRANCH, "NAME",                                                                   \
			 "branch whose gate applies (default: the PR/MR target, the pushed branch, or the head's)"),   \
		OPT_STRING("policy-rev", 0, "REV",                                                                     \
			   "read .proofgate.yml from REV for both (default: the PR/MR target branch, else each "       \
			   "revision's own)",                                                                          \
			   A, policy_rev),                                                                             \
		OPT_CALL("lang", O_LANG, "LANG", "report language: en (default) or ar"),                               \
		OPT_CALL("fail-on", O_FAIL_ON, "WHEN",                                                                 \
			 "gate: blocked, readiness-only or never, and/or regression: 'blocked,regression'"),           \
		OPT_CALL("max-file-size", O_MAX_SIZE, "BYTES",                                                         \
			 "skip content matching of larger blobs (default 8388608)"),                                   \
		OPT_CALL("jobs", O_JOBS, "N", "threads reading and matching files (default: the online CPUs)"),        \
		OPT_STRING("cache", 0, "DIR",                                                                          \
			   "content cache folder (default $XDG_CACHE_HOME/proofgate or ~/.cache/proofgate)", A,        \
			   cache_dir),                                                                                 \
		OPT_SET("no-cache", 0, "neither read nor write the content cache", A, no_cache),                       \
		OPT_SET("stats", 0, "print what each scan read and what the cache answered, on standard error", A,     \
			stats),                                                                                        \
		OPT_SET("quiet", 'q', "print only the verdict lines", A, quiet),                                       \
		OPT_SET("help", 'h', "show this help and exit", A, help),                                              \
		OPT_SET("version", 0, "show the version and exit", A, version)

const struct opt cli_diff_opts[] = {
	OPT_STRING("repo", 'C', "PATH", "the repository (default: the current folder)", A, path),
	OPT_STRING("base", 0, "REV", "the base, as the first operand does", A, base),
	OPT_STRING("rev", 0, "REV", "the head, as the second operand does (default HEAD)", A, head),
	COMMON_OPTS,
	OPT_END,
};

/* scan --base REV [options] [PATH]: the same, in scan's words */
static const struct opt scan_form_opts[] = {
	OPT_STRING("base", 0, "REV", "compare with REV", A, base),
	OPT_STRING("rev", 0, "REV", "revision to scan: branch, tag, commit, HEAD~3 (default HEAD)", A, head),
	COMMON_OPTS,
	OPT_END,
};
#undef A

static void diff_usage(FILE *f)
{
	fputs("usage: proofgate diff [options] [BASE [HEAD]]\n"
	      "       proofgate scan --base BASE [--rev HEAD] [options] [PATH]\n\n"
	      "Scans both revisions of the repository (HEAD defaults to HEAD; the cache answers\n"
	      "for everything unchanged) and reports, per rule, domain and proof, what got worse\n"
	      "(pass -> fail/error, ready -> readiness-only/blocked, proven -> unproven) and what\n"
	      "got better, with the evidence that appeared or disappeared and where the change is.\n\n"
	      "In a pull or merge request BASE defaults to the merge base of HEAD and the target\n"
	      "branch (GITHUB_BASE_REF, CI_MERGE_REQUEST_TARGET_BRANCH_NAME; GitLab's\n"
	      "CI_MERGE_REQUEST_DIFF_BASE_SHA where it is set).\n\noptions:\n",
	      f);
	opts_print(f, cli_diff_opts);
	fputs("\nThe gate is scan's (--fail-on, the gates of .proofgate.yml, release branches), applied to\n"
	      "HEAD; 'regression' in --fail-on or in a gate also fails it when anything got worse (a\n"
	      "required or expected rule, a domain or a proof), on any branch.  Each revision is\n"
	      "judged under the policy scan would use for it: --policy-rev, else the PR/MR target's,\n"
	      "else its own.\n"
	      "Exit status: 0 the gate passed, 1 it did not, 2 proofgate could not decide.\n",
	      f);
}

static int parse_count(unsigned long long *out, const char *arg)
{
	char *end;
	unsigned long long v;
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (!*arg || *end || errno || arg[0] == '-' || v == 0)
		return -1;
	*out = v;
	return 0;
}

static const struct diff_output *output_named(const char *name)
{
	size_t i;
	for (i = 0; i < D_COUNT; i++)
		if ((diff_outputs[i].flags & OUTPUT_STDOUT) && !strcmp(diff_outputs[i].name, name))
			return &diff_outputs[i];
	return NULL;
}

static int diff_opt(int key, const char *arg, void *data)
{
	struct diff_args *a = data;
	unsigned long long n;
	struct fail_on_spec spec;

	switch (key) {
	case O_FORMAT:
		a->format_set = 1;
		if (!(a->format = output_named(arg)))
			return cli_error("--format must be text, json or github, not '%s'", arg), -1;
		return 0;
	case O_BRANCH:
		if (!*arg)
			return cli_error("--branch needs a branch name"), -1;
		a->branch = arg;
		return 0;
	case O_LANG:
		return cli_parse_lang(&a->lang, arg);
	case O_FAIL_ON:
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
	case O_MAX_SIZE:
		if (parse_count(&a->max_size, arg) < 0)
			return cli_error("--max-file-size must be a positive number of bytes, not '%s'", arg), -1;
		return 0;
	case O_JOBS:
		if (parse_count(&n, arg) < 0 || n > SCAN_MAX_JOBS)
			return cli_error("--jobs must be a number of threads from 1 to %d, not '%s'", SCAN_MAX_JOBS,
					 arg),
			       -1;
		a->jobs = (unsigned)n;
		return 0;
	}
	return 0;
}

/* Parses argv into a; 1 when the command is done already, with its exit status in *rc. */
static int parse_args(struct diff_args *a, int argc, char **argv, int scan_form, int *rc)
{
	int first, nops;

	memset(a, 0, sizeof(*a));
	a->builtin = 1;
	a->format = &diff_outputs[D_TEXT];
	a->max_size = SCAN_DEFAULT_MAX_FILE_SIZE;
	a->scan_form = scan_form;
	*rc = EXIT_UNDECIDED;
	if (opts_parse(argc, argv, scan_form ? scan_form_opts : cli_diff_opts, diff_opt, a, &first) < 0) {
		diff_usage(stderr);
		return 1;
	}
	if (a->help || a->version) {
		if (a->help)
			diff_usage(stdout);
		else
			printf("proofgate %s\n", PROOFGATE_VERSION);
		*rc = EXIT_PASS;
		return 1;
	}
	nops = argc - first;
	if (scan_form) {
		if (nops > 1) {
			cli_error("scan takes one PATH, got %d", nops);
			diff_usage(stderr);
			return 1;
		}
		a->path = nops ? argv[first] : ".";
	} else {
		if (nops > 2) {
			cli_error("diff takes BASE and HEAD, got %d arguments (the repository is -C PATH)", nops);
			diff_usage(stderr);
			return 1;
		}
		if ((nops > 0 && a->base) || (nops > 1 && a->head)) {
			cli_error("diff takes BASE and HEAD as operands or as --base and --rev, not both");
			diff_usage(stderr);
			return 1;
		}
		if (nops > 0)
			a->base = argv[first];
		if (nops > 1)
			a->head = argv[first + 1];
		if (!a->path)
			a->path = ".";
	}
	if (!a->head)
		a->head = "HEAD";
	return 0;
}

/* Everything one comparison holds, released by run_free. */
struct run {
	git_repository *repo;
	struct revscan base, head;
	struct repo_target policy_rev; /* --policy-rev */
	git_commit *target_commit;     /* the PR/MR target branch's, when its policy applies */
	struct ci_branch br;
	char *base_from; /* how the base was chosen, when it was not named */
	struct verdict_diff *d;
};

static int env_set(const char *name)
{
	const char *v = getenv(name);
	return v && *v;
}

static const char *env_get(const char *name)
{
	return getenv(name);
}

/* The words that fetch the history a CI clone lacks, for the CI that runs. */
static void fetch_hint(struct buf *b, git_repository *repo, const char *branch)
{
	int shallow = git_repository_is_shallow(repo) == 1;
	buf_printf(b, "git fetch --no-tags%s origin +refs/heads/%s:refs/remotes/origin/%s",
		   shallow ? " --unshallow" : "", branch, branch);
	if (env_set("GITLAB_CI"))
		buf_puts(b, " (or set GIT_DEPTH: 0 in the job)");
	else if (env_set("GITHUB_ACTIONS"))
		buf_puts(b, " (or give actions/checkout fetch-depth: 0)");
}

/* origin/BRANCH, else the local BRANCH, as a commit; NULL when the clone has neither. */
static git_commit *branch_commit(git_repository *repo, const char *branch)
{
	git_object *obj = NULL, *commit = NULL;
	size_t i;
	for (i = 0; i < 2 && !commit; i++) {
		struct buf ref = BUF_INIT;
		buf_printf(&ref, i == 0 ? "refs/remotes/origin/%s" : "refs/heads/%s", branch);
		if (git_revparse_single(&obj, repo, buf_cstr(&ref)) == 0)
			(void)git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
		git_object_free(obj);
		obj = NULL;
		buf_free(&ref);
	}
	return (git_commit *)commit;
}

/*
 * The base in a pull or merge request when none is named: GitLab's diff
 * base, else the merge base of the head and the target branch.  A clone
 * that lacks what is needed says exactly what to fetch.
 */
static int default_base(struct run *r, const char **rev, struct buf *hex)
{
	const char *sha = getenv("CI_MERGE_REQUEST_DIFF_BASE_SHA");
	const char *target = r->br.target;
	struct buf hint = BUF_INIT, from = BUF_INIT;
	git_commit *tc = NULL;
	git_oid base;
	int rc = -1;

	if (!target)
		return cli_error("diff needs a BASE outside a pull or merge request: proofgate diff main, or "
				 "proofgate diff v1.2 HEAD"),
		       -1;
	if (sha && *sha) {
		git_oid id;
		git_commit *c = NULL;
		if (git_oid_fromstr(&id, sha) == 0 && git_commit_lookup(&c, r->repo, &id) == 0) {
			git_commit_free(c);
			buf_puts(hex, sha);
			*rev = buf_cstr(hex);
			buf_printf(&from, "GitLab's merge request diff base (CI_MERGE_REQUEST_DIFF_BASE_SHA)");
			r->base_from = buf_detach(&from);
			return 0;
		}
		fetch_hint(&hint, r->repo, target);
		cli_error("the base is the merge request's diff base %.12s (CI_MERGE_REQUEST_DIFF_BASE_SHA), which "
			  "is not in this clone; fetch it: %s",
			  sha, buf_cstr(&hint));
		goto done;
	}
	if (!(tc = branch_commit(r->repo, target))) {
		fetch_hint(&hint, r->repo, target);
		cli_error(
			"the base is the merge base with the target branch '%s' (%s), and neither origin/%s nor %s is "
			"in this clone; fetch it: %s",
			target, r->br.target_source, target, target, buf_cstr(&hint));
		goto done;
	}
	switch (repo_merge_base(&base, r->repo, git_commit_id(r->head.t.commit), git_commit_id(tc))) {
	case 0:
		break;
	case REPO_NO_BASE_SHALLOW:
		fetch_hint(&hint, r->repo, target);
		cli_error("no merge base of %s and %s (%s) in this shallow clone: its history stops before they "
			  "meet; fetch it: %s",
			  r->head.t.rev, target, r->br.target_source, buf_cstr(&hint));
		goto done;
	case REPO_NO_BASE:
		cli_error("%s and the target branch %s (%s) have no common ancestor: name the base, "
			  "proofgate diff BASE",
			  r->head.t.rev, target, r->br.target_source);
		goto done;
	default:
		cli_error("the merge base of %s and %s: %s", r->head.t.rev, target, err_last());
		goto done;
	}
	buf_puts(hex, git_oid_tostr_s(&base));
	*rev = buf_cstr(hex);
	buf_printf(&from, "the merge base of %s and %s (%s)", r->head.t.rev, target, r->br.target_source);
	r->base_from = buf_detach(&from);
	rc = 0;
done:
	git_commit_free(tc);
	buf_free(&hint);
	buf_free(&from);
	return rc;
}

/* Which commit's policy judges rev: --policy-rev, else the PR/MR target's, else its own. */
static void policy_for(struct run *r, struct revscan *s, const struct diff_args *a)
{
	s->policy_commit = s->t.commit;
	s->policy_from = "its own commit";
	if (a->policy_rev) {
		s->policy_commit = r->policy_rev.commit;
		s->policy_from = "--policy-rev";
	} else if (r->target_commit) {
		s->policy_commit = r->target_commit;
		s->policy_from = r->br.target_source;
	}
}

/* The repository, both revisions, and the commits whose policy judges each. */
static int open_revisions(struct run *r, const struct diff_args *a)
{
	struct buf hex = BUF_INIT;
	const char *base = a->base;
	int rc = -1;

	if (repo_open(&r->repo, a->path, getenv("SUDO_UID")) < 0 || repo_resolve(&r->head.t, r->repo, a->head) < 0) {
		cli_error("%s", err_last());
		goto done;
	}
	ci_branch_resolve(&r->br, a->branch, r->head.t.branch, env_get);
	if (!base && default_base(r, &base, &hex) < 0)
		goto done;
	if (repo_resolve(&r->base.t, r->repo, base) < 0) {
		cli_error("base: %s", err_last());
		goto done;
	}
	if (a->policy_rev) {
		if (repo_resolve(&r->policy_rev, r->repo, a->policy_rev) < 0) {
			cli_error("--policy-rev: %s", err_last());
			goto done;
		}
	} else if (r->br.target) {
		if (ci_target_commit(&r->target_commit, r->repo, r->br.target, r->br.target_source) < 0) {
			cli_error("%s", err_last());
			goto done;
		}
	}
	policy_for(r, &r->base, a);
	policy_for(r, &r->head, a);
	rc = 0;
done:
	buf_free(&hex);
	return rc;
}

static void revscan_opts_of(struct revscan_opts *o, const struct diff_args *a)
{
	memset(o, 0, sizeof(*o));
	o->builtin = a->builtin;
	o->rules = a->rules;
	o->nrules = a->nrules;
	o->max_size = a->max_size;
	o->jobs = a->jobs;
	o->cache_dir = a->cache_dir;
	o->no_cache = a->no_cache;
	o->stats = a->stats;
	o->lang = a->lang;
}

/* Policies and rule sets (one when both read the same commit), both walks, the verdicts, the comparison, the gate. */
static int judge(struct run *r, const struct diff_args *a)
{
	struct revscan_opts o;
	struct gate_request gate = {r->br.name, r->br.source, a->fail_on_set, a->fail_on, NULL, a->regression};

	revscan_opts_of(&o, a);
	if (revscan_load(&r->head, r->repo, &o) < 0)
		return -1;
	if (r->base.policy_commit == r->head.policy_commit)
		revscan_share(&r->base, &r->head);
	else if (revscan_load(&r->base, r->repo, &o) < 0)
		return -1;
	if (r->head.policy_commit != r->head.t.commit &&
	    config_differs(r->repo, r->head.policy_commit, r->head.t.commit)) {
		struct buf nb = BUF_INIT;
		buf_printf(&nb,
			   "this change edits %s; the policy of %s (commit %.12s) applied instead, and the edit takes "
			   "effect once merged",
			   CONFIG_FILE, a->policy_rev ? a->policy_rev : r->br.target,
			   git_oid_tostr_s(git_commit_id(r->head.policy_commit)));
		r->head.note = buf_detach(&nb);
	}
	/* the base first: the head's walk then finds in the cache everything the change left alone */
	if (revscan_run(&r->base, r->repo, &o, "base") < 0 || revscan_run(&r->head, r->repo, &o, "head") < 0)
		return -1;
	if (a->stats && r->head.cached)
		fprintf(stderr,
			"proofgate: stats: the head's walk read %zu folders and %zu blobs; the cache answered for %zu "
			"folders and %zu blob results the change left alone\n",
			r->head.scan->trees_read, r->head.scan->blobs_read, r->head.scan->trees_cached,
			r->head.cstats.hits);
	gate.policy = r->head.cfg;
	verdict_choose_gate(r->head.v, &gate);
	if (verdict_diff_compute(&r->d, r->base.v, r->head.v, r->repo, r->base.t.tree, r->head.t.tree) < 0)
		return cli_error("%s", err_last()), -1;
	verdict_diff_gate(r->head.v, r->d);
	return 0;
}

static void report_of(struct report *rep, const struct revscan *s, const struct diff_args *a)
{
	memset(rep, 0, sizeof(*rep));
	rep->version = PROOFGATE_VERSION;
	rep->target = &s->t;
	rep->rules = s->rs;
	rep->scan = s->scan;
	rep->verdict = s->v;
	rep->lang = a->lang;
	if (s->cfg->present) {
		rep->policy_file = CONFIG_FILE;
		rep->policy_commit = s->cfg->commit_hex;
	}
	rep->notes = &s->note;
	rep->nnotes = s->note ? 1 : 0;
}

static int write_file(const struct diff_output *o, const char *path, const struct diff_report *d)
{
	FILE *f = fopen(path, "w");
	int rc;
	if (!f)
		return cli_error("cannot write %s '%s': %s", o->what, path, err_os(errno)), -1;
	rc = o->write(f, d);
	if (fclose(f) != 0 || rc < 0)
		return cli_error("cannot write %s '%s': %s", o->what, path, err_os(errno)), -1;
	return 0;
}

static int step_summary(const char *path, const struct diff_report *d)
{
	FILE *f = fopen(path, "a");
	long have;
	int rc;
	if (!f)
		return cli_error("cannot append the job summary to GITHUB_STEP_SUMMARY '%s': %s", path, err_os(errno)),
		       -1;
	have = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : 0;
	rc = report_diff_markdown(f, d, report_markdown_room(have));
	if (fclose(f) != 0 || rc < 0)
		return cli_error("cannot append the job summary to GITHUB_STEP_SUMMARY '%s': %s", path, err_os(errno)),
		       -1;
	return 0;
}

static int github_vars(const char *path, const struct diff_report *d, const char *const files[D_COUNT])
{
	const char *names[D_COUNT], *paths[D_COUNT];
	size_t i, n = 0;
	FILE *f;
	int rc;

	for (i = 0; i < D_COUNT; i++)
		if (files[i]) {
			names[n] = diff_outputs[i].name;
			paths[n++] = files[i];
		}
	f = fopen(path, "a");
	rc = f ? report_diff_github_output(f, d, names, paths, n) : -1;
	if (!f || fclose(f) != 0 || rc < 0)
		return cli_error("cannot append outputs to GITHUB_OUTPUT '%s': %s", path, err_os(errno)), -1;
	return 0;
}

/* Every report asked for: files, the CI's summary and outputs, then standard output. */
static int write_reports(const struct run *r, const struct diff_args *a)
{
	const struct diff_output *out = a->format;
	const char *ga = getenv("GITHUB_ACTIONS"), *summary = getenv("GITHUB_STEP_SUMMARY"),
		   *vars = getenv("GITHUB_OUTPUT");
	struct report base, head;
	struct diff_report d;
	char *link_base = NULL, *repo_name;
	const char *name_source;
	size_t i;
	int rc = -1;

	if (!a->format_set && ga && !strcmp(ga, "true"))
		out = &diff_outputs[D_GITHUB];
	report_of(&base, &r->base, a);
	report_of(&head, &r->head, a);
	base.repo_name = head.repo_name = repo_name = cli_repo_name(r->repo, &name_source);
	base.repo_name_source = head.repo_name_source = name_source;
	if (a->files[D_HTML])
		head.link_base = link_base = cli_link_base(r->repo, r->head.t.commit_hex);
	memset(&d, 0, sizeof(d));
	d.base = &base;
	d.head = &head;
	d.diff = r->d;
	d.base_from = r->base_from;
	d.lang = a->lang;
	d.color = (out->flags & OUTPUT_COLOR) && isatty(STDOUT_FILENO) && !env_set("NO_COLOR");
	for (i = 0; i < D_COUNT; i++)
		if (a->files[i] && write_file(&diff_outputs[i], a->files[i], &d) < 0)
			goto done;
	if (summary && *summary && step_summary(summary, &d) < 0)
		goto done;
	if (vars && *vars && github_vars(vars, &d, a->files) < 0)
		goto done;
	if (a->quiet)
		report_diff_verdict_line(stdout, &d);
	else
		out->write(stdout, &d);
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
	verdict_diff_free(r->d);
	free(r->base_from);
	revscan_free(&r->base);
	revscan_free(&r->head);
	git_commit_free(r->target_commit);
	repo_target_free(&r->policy_rev);
	git_repository_free(r->repo);
}

static int run_diff(int argc, char **argv, int scan_form)
{
	struct diff_args a;
	struct run r;
	int rc;

	memset(&r, 0, sizeof(r));
	if (parse_args(&a, argc, argv, scan_form, &rc) == 0) {
		if (open_revisions(&r, &a) < 0 || judge(&r, &a) < 0 || write_reports(&r, &a) < 0)
			rc = EXIT_UNDECIDED;
		else
			rc = cli_gate_exit(r.head.v, "run");
	}
	run_free(&r);
	free(a.rules);
	return rc;
}

int cmd_diff(int argc, char **argv)
{
	return run_diff(argc, argv, 0);
}

int cmd_diff_scan(int argc, char **argv)
{
	return run_diff(argc, argv, 1);
}
