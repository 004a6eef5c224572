/* cmd_log.c - `proofgate log [RANGE]`: readiness commit by commit, and where it changed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/revscan.h"
#include "git/repo.h"
#include "report/log.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"
#include "util/mem.h"
#include "verdict/diff.h"

struct log_args {
	const char *path;
	const char *range;
	int tags;
	unsigned long long max_count; /* 0: no limit */
	long since_day;		      /* -1: no limit */
	char **rules;
	size_t nrules;
	int builtin;
	const char *policy_rev;
	int rules_from_commit;
	const char *format;
	enum lang lang;
	unsigned long long max_size;
	unsigned jobs;
	const char *cache_dir;
	int no_cache;
	int stats;
	int help, version;
};

enum { O_FORMAT = 256, O_MAX_COUNT, O_SINCE, O_LANG, O_MAX_SIZE, O_JOBS };

#define A struct log_args
const struct opt cli_log_opts[] = {
	OPT_STRING("repo", 'C', "PATH", "the repository (default: the current folder)", A, path),
	OPT_SET("tags", 0, "list the tagged commits (newest first) instead of a first-parent history", A, tags),
	OPT_CALL("max-count", 'n', "N", "list at most N commits"),
	OPT_CALL("since", O_SINCE, "DATE", "only commits made on or after DATE (YYYY-MM-DD, committer date, UTC)"),
	OPT_STRINGS("rules", 0, "PATH", "add a rule pack file or folder (repeatable)", A, rules, nrules),
	OPT_CLEAR("no-builtin", 0, "do not load the built-in rule pack", A, builtin),
	OPT_STRING("policy-rev", 0, "REV", "read .proofgate.yml from REV (default: the newest commit listed)", A,
		   policy_rev),
	OPT_SET("rules-from-commit", 0, "judge each commit under its own .proofgate.yml and the packs it names", A,
		rules_from_commit),
	OPT_CALL("format", O_FORMAT, "FMT", "text (default), json or csv"),
	OPT_CALL("lang", O_LANG, "LANG", "text language: en (default) or ar (JSON and CSV stay English)"),
	OPT_CALL("max-file-size", O_MAX_SIZE, "BYTES", "skip content matching of larger blobs (default 8388608)"),
	OPT_CALL("jobs", O_JOBS, "N", "threads reading and matching files (default: the online CPUs)"),
	OPT_STRING("cache", 0, "DIR", "content cache folder (default $XDG_CACHE_HOME/proofgate or ~/.cache/proofgate)",
		   A, cache_dir),
	OPT_SET("no-cache", 0, "neither read nor write the content cache (every commit scanned cold)", A, no_cache),
	OPT_SET("stats", 0, "print what each scan read and what the cache answered, on standard error", A, stats),
	OPT_SET("help", 'h', "show this help and exit", A, help),
	OPT_SET("version", 0, "show the version and exit", A, version),
	OPT_END,
};
#undef A

static void log_usage(FILE *f)
{
	fputs("usage: proofgate log [options] [RANGE]\n\n"
	      "One line per commit, newest first: each domain's status, the verdict, the proofs,\n"
	      "and what changed since the commit below it.  RANGE is a revision (its first-parent\n"
	      "history; default HEAD) or A..B (the first-parent history of B back to A).  Every\n"
	      "commit is scanned through the content cache, so each reuses what the scan of its\n"
	      "neighbour learnt.  Freshness is measured from each commit's own date; the rules\n"
	      "are the ones given now (the built-in pack, --rules, and the newest listed commit's\n"
	      ".proofgate.yml, or --policy-rev's), said in the output, unless --rules-from-commit.\n\noptions:\n",
	      f);
	opts_print(f, cli_log_opts);
	fputs("\nExit status: 0 the history was listed, 2 it could not be.\n", f);
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

static int log_opt(int key, const char *arg, void *data)
{
	struct log_args *a = data;
	unsigned long long n;

	switch (key) {
	case 'n':
		if (parse_count(&a->max_count, arg) < 0)
			return cli_error("--max-count must be a positive number of commits, not '%s'", arg), -1;
		return 0;
	case O_SINCE:
		if (strlen(arg) != 10 || (a->since_day = date_parse_day(arg, 10)) < 0)
			return cli_error("--since must be a date YYYY-MM-DD, not '%s'", arg), -1;
		return 0;
	case O_FORMAT:
		if (strcmp(arg, "text") && strcmp(arg, "json") && strcmp(arg, "csv"))
			return cli_error("--format must be text, json or csv, not '%s'", arg), -1;
		a->format = arg;
		return 0;
	case O_LANG:
		return cli_parse_lang(&a->lang, arg);
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

static int parse_args(struct log_args *a, int argc, char **argv, int *rc)
{
	int first;

	memset(a, 0, sizeof(*a));
	a->path = ".";
	a->builtin = 1;
	a->format = "text";
	a->since_day = -1;
	a->max_size = SCAN_DEFAULT_MAX_FILE_SIZE;
	*rc = EXIT_UNDECIDED;
	if (opts_parse(argc, argv, cli_log_opts, log_opt, a, &first) < 0) {
		log_usage(stderr);
		return 1;
	}
	if (a->help || a->version) {
		if (a->help)
			log_usage(stdout);
		else
			printf("proofgate %s\n", PROOFGATE_VERSION);
		*rc = EXIT_PASS;
		return 1;
	}
	if (argc - first > 1) {
		cli_error("log takes one RANGE, got %d arguments (the repository is -C PATH)", argc - first);
		log_usage(stderr);
		return 1;
	}
	if (argc - first == 1 && a->tags) {
		cli_error("--tags lists every tagged commit: give no RANGE with it");
		log_usage(stderr);
		return 1;
	}
	a->range = argc - first == 1 ? argv[first] : "HEAD";
	return 0;
}

/* A commit to list, newest first once sorted. */
struct item {
	git_oid id;
	int64_t time;
	char *tags; /* "v1.0, v1.1" or NULL */
};

struct items {
	struct item *v;
	size_t n, cap;
	char *stopped; /* why the history ends early */
};

static void items_free(struct items *it)
{
	size_t i;
	for (i = 0; i < it->n; i++)
		free(it->v[i].tags);
	free(it->v);
	free(it->stopped);
}

/* The tags naming each commit (annotated tags peeled), collected once. */
struct tagmap {
	git_oid *ids;
	char **names;
	size_t n, cap, namecap;
	git_repository *repo;
};

static int tag_cb(const char *name, git_oid *oid, void *payload)
{
	struct tagmap *m = payload;
	git_object *obj = NULL, *peeled = NULL;
	(void)oid;
	if (git_revparse_single(&obj, m->repo, name) == 0 && git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) == 0) {
		XGROW(m->ids, m->cap, m->n + 1);
		XGROW(m->names, m->namecap, m->n + 1);
		git_oid_cpy(&m->ids[m->n], git_object_id(peeled));
		m->names[m->n++] = xstrdup(name + (strncmp(name, "refs/tags/", 10) ? 0 : 10));
	}
	git_object_free(peeled);
	git_object_free(obj);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "v1.0, v1.1" for commit id, or NULL; caller frees. */
static char *tags_of(const struct tagmap *m, const git_oid *id)
{
	struct buf b = BUF_INIT;
	char **names = xcalloc(m->n + 1, sizeof(*names));
	size_t i, k = 0;
	for (i = 0; i < m->n; i++)
		if (git_oid_equal(&m->ids[i], id))
			names[k++] = m->names[i];
	qsort(names, k, sizeof(*names), by_name);
	for (i = 0; i < k; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	free(names);
	return k ? buf_detach(&b) : NULL;
}

static void tagmap_free(struct tagmap *m)
{
	size_t i;
	for (i = 0; i < m->n; i++)
		free(m->names[i]);
	free(m->names);
	free(m->ids);
}

static int newest_first(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->time != y->time)
		return x->time > y->time ? -1 : 1;
	return git_oid_cmp(&x->id, &y->id);
}

/* Adds id when --since allows it; 1 when --max-count is reached. */
static int keep(struct items *it, const struct log_args *a, git_repository *repo, const git_oid *id,
		const struct tagmap *tm)
{
	git_commit *c = NULL;
	int64_t t;
	if (git_commit_lookup(&c, repo, id) < 0)
		return 0;
	t = git_commit_time(c);
	git_commit_free(c);
	if (a->since_day >= 0 && date_day_of(t) < a->since_day)
		return 0;
	XGROW(it->v, it->cap, it->n + 1);
	git_oid_cpy(&it->v[it->n].id, id);
	it->v[it->n].time = t;
	it->v[it->n].tags = tags_of(tm, id);
	it->n++;
	return a->max_count && it->n >= a->max_count;
}

/*
 * The first-parent history of the range, newest first: from its tip back
 * along first parents, stopping at a commit reachable from the range's
 * start (A..B) or at the root.  A first parent the clone lacks (a shallow
 * clone's boundary) ends the history with a note; libgit2's own walk would
 * fail there before listing anything.
 */
static int walk_first_parent(struct items *it, git_repository *repo, const struct log_args *a, const struct tagmap *tm)
{
	const char *dots = strstr(a->range, "..");
	struct repo_target tip, from;
	git_commit *c = NULL;
	char *left = NULL;
	int rc = -1;

	memset(&tip, 0, sizeof(tip));
	memset(&from, 0, sizeof(from));
	if (dots && dots[2] == '.') {
		cli_error("log lists a first-parent history: give A..B, not A...B");
		goto done;
	}
	if (dots) {
		left = xstrndup(a->range, (size_t)(dots - a->range));
		if (repo_resolve(&from, repo, *left ? left : "HEAD") < 0 ||
		    repo_resolve(&tip, repo, dots[2] ? dots + 2 : "HEAD") < 0) {
			cli_error("range '%s': %s", a->range, err_last());
			goto done;
		}
	} else if (repo_resolve(&tip, repo, a->range) < 0) {
		cli_error("%s", err_last());
		goto done;
	}
	if (git_commit_dup(&c, tip.commit) < 0)
		goto done;
	for (;;) {
		git_commit *parent = NULL;
		int err;
		if (from.commit && (git_oid_equal(git_commit_id(c), git_commit_id(from.commit)) ||
				    git_graph_descendant_of(repo, git_commit_id(from.commit), git_commit_id(c)) == 1))
			break;
		if (keep(it, a, repo, git_commit_id(c), tm))
			break;
		if (git_commit_parentcount(c) == 0)
			break;
		err = git_commit_parent(&parent, c, 0);
		git_commit_free(c);
		c = parent;
		if (err < 0) {
			if (git_repository_is_shallow(repo) != 1) {
				cli_error("cannot read the history of '%s': %s", a->range,
					  git_error_last() ? git_error_last()->message : "libgit2 error");
				goto done;
			}
			it->stopped = xstrdup(LOG_STOPPED_SHALLOW);
			break;
		}
	}
	rc = 0;
done:
	git_commit_free(c);
	free(left);
	repo_target_free(&tip);
	repo_target_free(&from);
	return rc;
}

/* The commits to list, newest first: tagged commits, or the first-parent history of the range. */
static int list_commits(struct items *it, git_repository *repo, const struct log_args *a)
{
	struct tagmap tm;
	size_t i;
	int rc = -1;

	memset(&tm, 0, sizeof(tm));
	tm.repo = repo;
	if (git_tag_foreach(repo, tag_cb, &tm) < 0 && a->tags) {
		cli_error("cannot list the tags: %s", git_error_last() ? git_error_last()->message : "libgit2 error");
		goto done;
	}
	if (a->tags) {
		struct items all;
		memset(&all, 0, sizeof(all));
		for (i = 0; i < tm.n; i++) {
			size_t k;
			for (k = 0; k < all.n && !git_oid_equal(&all.v[k].id, &tm.ids[i]); k++)
				;
			if (k < all.n)
				continue;
			XGROW(all.v, all.cap, all.n + 1);
			git_oid_cpy(&all.v[all.n++].id, &tm.ids[i]);
		}
		for (i = 0; i < all.n; i++) {
			git_commit *c = NULL;
			if (git_commit_lookup(&c, repo, &all.v[i].id) == 0)
				all.v[i].time = git_commit_time(c);
			git_commit_free(c);
		}
		qsort(all.v, all.n, sizeof(*all.v), newest_first);
		for (i = 0; i < all.n && !keep(it, a, repo, &all.v[i].id, &tm); i++)
			;
		free(all.v);
		rc = 0;
		goto done;
	}
	if (walk_first_parent(it, repo, a, &tm) < 0)
		goto done;
	rc = 0;
done:
	tagmap_free(&tm);
	return rc;
}

static void revscan_opts_of(struct revscan_opts *o, const struct log_args *a)
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

/* Everything the log holds. */
struct log_run {
	git_repository *repo;
	struct items items;
	struct revscan policy; /* the one policy and rule set (not --rules-from-commit) */
	struct log_entry *entries;
	size_t unjudged; /* commits that could not be judged */
};

/* Resolves a commit id into r->t; -1 after printing why. */
static int resolve_id(struct revscan *r, git_repository *repo, const git_oid *id)
{
	if (repo_resolve(&r->t, repo, git_oid_tostr_s(id)) < 0)
		return cli_error("%s", err_last()), -1;
	return 0;
}

/* The one policy every commit is judged under: --policy-rev's, else the newest listed commit's. */
static int load_policy(struct log_run *r, const struct log_args *a, const struct revscan_opts *o)
{
	if (a->policy_rev) {
		if (repo_resolve(&r->policy.t, r->repo, a->policy_rev) < 0)
			return cli_error("--policy-rev: %s", err_last()), -1;
		r->policy.policy_from = LOG_FROM_POLICY_REV;
	} else {
		if (resolve_id(&r->policy, r->repo, &r->items.v[0].id) < 0)
			return -1;
		r->policy.policy_from = LOG_FROM_NEWEST;
	}
	r->policy.policy_commit = r->policy.t.commit;
	return revscan_load(&r->policy, r->repo, o);
}

/*
 * Judges one commit under the policy that applies to it (the one policy, or
 * its own): 0, 1 when this commit cannot be judged (its policy or packs have
 * problems, or its tree cannot be walked; printed), -1 when nothing can go on.
 */
static int judge_one(struct revscan *cur, struct log_run *r, const git_oid *id, const struct log_args *a,
		     const struct revscan_opts *o, const char *label)
{
	if (resolve_id(cur, r->repo, id) < 0)
		return -1;
	if (a->rules_from_commit) {
		cur->policy_commit = cur->t.commit;
		cur->policy_from = "the commit itself";
		if (revscan_load(cur, r->repo, o) < 0)
			return 1;
	} else {
		revscan_share(cur, &r->policy);
	}
	return revscan_run(cur, r->repo, o, label) < 0 ? 1 : 0;
}

/* The first parent of the oldest listed commit, judged into *out; nothing when the clone lacks it or it is a root. */
static int judge_parent(struct revscan *out, struct log_run *r, const git_oid *oldest, const struct log_args *a,
			const struct revscan_opts *o)
{
	git_commit *c = NULL, *parent = NULL;
	git_oid id;
	int rc = 0;

	if (git_commit_lookup(&c, r->repo, oldest) == 0 && git_commit_parentcount(c) > 0 &&
	    git_commit_parent(&parent, c, 0) == 0) {
		git_oid_cpy(&id, git_commit_id(parent));
		rc = judge_one(out, r, &id, a, o, "parent of the oldest");
		/* a parent that cannot be judged leaves the oldest listed uncompared */
		if (rc > 0) {
			revscan_free(out);
			rc = 0;
		}
	}
	git_commit_free(parent);
	git_commit_free(c);
	return rc;
}

/*
 * Judges every listed commit, oldest first (each compared with the one
 * before it; the oldest of a history with its first parent), filling
 * r->entries newest first.
 */
static int judge_all(struct log_run *r, const struct log_args *a, const struct revscan_opts *o)
{
	struct revscan prev, cur;
	size_t k;
	int rc = -1, jrc;

	memset(&prev, 0, sizeof(prev));
	memset(&cur, 0, sizeof(cur));
	r->entries = xcalloc(r->items.n + 1, sizeof(*r->entries));
	/* the oldest listed commit of a history is compared with its first parent, walked but not listed */
	if (!a->tags && judge_parent(&prev, r, &r->items.v[r->items.n - 1].id, a, o) < 0)
		goto done;
	for (k = r->items.n; k-- > 0;) {
		const struct item *it = &r->items.v[k];
		struct log_entry *e = &r->entries[k];
		struct verdict_diff *d = NULL;
		char label[32];

		snprintf(label, sizeof(label), "commit %zu of %zu", r->items.n - k, r->items.n);
		if ((jrc = judge_one(&cur, r, &it->id, a, o, label)) < 0)
			goto done;
		git_oid_tostr(e->commit, sizeof(e->commit), &it->id);
		e->time = it->time;
		e->subject = xstrdup(cur.t.commit && git_commit_summary(cur.t.commit) ? git_commit_summary(cur.t.commit)
										      : "");
		e->tags = it->tags ? xstrdup(it->tags) : NULL;
		if (jrc > 0) {
			/* keep going: the line says so, the next commit is compared with the last one judged */
			e->error = xstrdup(a->rules_from_commit ? LOG_NOT_JUDGED_POLICY : LOG_NOT_JUDGED_TREE);
			r->unjudged++;
			revscan_free(&cur);
			continue;
		}
		/* what changed since the commit listed before: no trees, the verdicts say it */
		if (prev.v && verdict_diff_compute(&d, prev.v, cur.v, NULL, NULL, NULL) < 0) {
			cli_error("%s", err_last());
			goto done;
		}
		report_log_entry_fill(e, cur.v, d, cur.rs->digest, a->lang);
		verdict_diff_free(d);
		revscan_free(&prev);
		prev = cur;
		memset(&cur, 0, sizeof(cur));
	}
	rc = 0;
done:
	revscan_free(&cur);
	revscan_free(&prev);
	return rc;
}

static int write_log(const struct log_run *r, const struct log_args *a)
{
	struct log_report l;
	int rc;

	memset(&l, 0, sizeof(l));
	l.version = PROOFGATE_VERSION;
	l.lang = a->lang;
	l.range = a->tags ? "tags" : a->range;
	l.tags = a->tags;
	l.rules_from_commit = a->rules_from_commit;
	l.policy_commit = a->rules_from_commit ? NULL : r->policy.t.commit_hex;
	l.policy_from = r->policy.policy_from;
	l.builtin = a->builtin;
	l.packs = a->rules;
	l.npacks = a->nrules;
	l.entries = r->entries;
	l.n = r->items.n;
	l.stopped = r->items.stopped;
	if (!strcmp(a->format, "json"))
		rc = report_log_json(stdout, &l);
	else if (!strcmp(a->format, "csv"))
		rc = report_log_csv(stdout, &l);
	else
		rc = report_log_text(stdout, &l);
	if (rc < 0 || fflush(stdout) != 0 || ferror(stdout))
		return cli_error("cannot write the log to standard output: %s", err_os(errno)), -1;
	return 0;
}

int cmd_log(int argc, char **argv)
{
	struct log_args a;
	struct log_run r;
	struct revscan_opts o;
	size_t i;
	int rc;

	memset(&r, 0, sizeof(r));
	if (parse_args(&a, argc, argv, &rc) != 0)
		return rc;
	revscan_opts_of(&o, &a);
	rc = EXIT_UNDECIDED;
	if (repo_open(&r.repo, a.path, getenv("SUDO_UID")) < 0) {
		cli_error("%s", err_last());
		goto done;
	}
	if (list_commits(&r.items, r.repo, &a) < 0)
		goto done;
	if (!r.items.n) {
		if (a.tags)
			cli_error("no tagged commit to list (see --since)");
		else
			cli_error("no commit of '%s' to list (see --since)", a.range);
		goto done;
	}
	if (!a.rules_from_commit && load_policy(&r, &a, &o) < 0)
		goto done;
	if (judge_all(&r, &a, &o) < 0 || write_log(&r, &a) < 0)
		goto done;
	if (r.unjudged) {
		cli_error("%zu of %zu commits could not be judged: their lines say why", r.unjudged, r.items.n);
		goto done;
	}
	rc = EXIT_PASS;
done:
	for (i = 0; r.entries && i < r.items.n; i++)
		report_log_entry_free(&r.entries[i]);
	free(r.entries);
	revscan_free(&r.policy);
	items_free(&r.items);
	git_repository_free(r.repo);
	free(a.rules);
	return rc;
}
