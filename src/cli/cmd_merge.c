/* cmd_merge.c - `proofgate merge`: many repositories' JSON reports, one organisation's view. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/outputs.h"
#include "report/org.h"
#include "util/err.h"
#include "util/mem.h"
#include "verdict/org.h"

enum { O_LANG = 256 };

struct merge_args {
	const char *json_file, *html_file, *markdown_file, *previous;
	int lang_set;
	enum lang lang;
	int quiet, help, version;
};

#define A struct merge_args
const struct opt cli_merge_opts[] = {
	OPT_STRING("html", 0, "FILE", "write the organisation's page to FILE", A, html_file),
	OPT_STRING("json", 0, "FILE", "write the merge as JSON to FILE (the next merge's --previous)", A, json_file),
	OPT_STRING("markdown", 0, "FILE", "write the merge as Markdown to FILE", A, markdown_file),
	OPT_STRING("previous", 0, "FILE", "show what changed since the merge whose JSON is FILE", A, previous),
	OPT_CHOICE("lang", O_LANG, "LANG", "language: en or ar (default: the one most reports are in)", "en ar"),
	OPT_SET("quiet", 'q', "print nothing on standard output", A, quiet),
	OPT_SET("help", 0, "show this help and exit", A, help),
	OPT_SET("version", 0, "show the version and exit", A, version),
	OPT_END,
};
#undef A

static void merge_usage(FILE *f)
{
	fputs("usage: proofgate merge [options] REPORT.json...\n\n"
	      "Merges the JSON reports of many repositories (each written by 'proofgate scan\n"
	      "--json' in its own CI job) into one view: totals per domain, and a table of\n"
	      "repositories by domains, worst first.  Each repository is named after its\n"
	      "report's file (api.json is 'api'; where names repeat, the folder too).\n"
	      "Standard output gets the Markdown; GITHUB_STEP_SUMMARY, when set, gets it too.\n\n"
	      "options:\n",
	      f);
	opts_print(f, cli_merge_opts);
	fputs("\nReports from different rule packs or proofgate versions are merged with a\n"
	      "warning.  A report that cannot be read is named on standard error and left\n"
	      "out; the others are merged.\n"
	      "Exit status: 0 every report was merged, 2 some could not be read (or no output\n"
	      "could be written).\n",
	      f);
}

static int merge_opt(int key, const char *arg, void *data)
{
	struct merge_args *a = data;

	switch (key) {
	case O_LANG:
		if (!strcmp(arg, "en"))
			a->lang = LANG_EN;
		else if (!strcmp(arg, "ar"))
			a->lang = LANG_AR;
		else
			return cli_error("--lang must be en or ar, not '%s'", arg), -1;
		a->lang_set = 1;
		break;
	}
	return 0;
}

/* The warnings a person must see in the log too: what was merged does not measure one thing. */
static void warn_variants(const char *what, const struct org_variant *v, size_t n)
{
	size_t i;
	if (n < 2)
		return;
	fprintf(stderr, "proofgate: warning: the reports come from %zu different %s:", n, what);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s %s in %zu", i ? "," : "", v[i].value, v[i].count);
	fputc('\n', stderr);
}

static int write_one(const char *path, const char *mode, const char *what, const struct org *o, enum lang lang,
		     int kind)
{
	FILE *f = *mode == 'a' ? output_append(path) : fopen(path, mode);
	struct page pg;
	int rc;

	if (!f)
		return cli_error("cannot write %s '%s': %s", what, path, strerror(errno)), -1;
	memset(&pg, 0, sizeof(pg));
	pg.lang = lang;
	rc = kind == 0	 ? report_org_json(f, o, PROOFGATE_VERSION, lang)
	     : kind == 1 ? report_org_html(f, o, &pg, PROOFGATE_VERSION)
			 : report_org_markdown(f, o, lang);
	if (fclose(f) != 0 || rc < 0)
		return cli_error("cannot write %s '%s': %s", what, path, strerror(errno ? errno : EIO)), -1;
	return 0;
}

int cmd_merge(int argc, char **argv)
{
	struct merge_args a;
	struct org *o = NULL;
	const char *summary;
	enum lang lang;
	int first, i, rc = EXIT_UNDECIDED, bad = 0;
	struct stat st;

	memset(&a, 0, sizeof(a));
	if (opts_parse(argc, argv, cli_merge_opts, merge_opt, &a, &first) < 0) {
		cli_usage_hint("merge [options] REPORT.json...", "merge");
		goto done;
	}
	if (a.help) {
		merge_usage(stdout);
		rc = EXIT_PASS;
		goto done;
	}
	if (a.version) {
		printf("proofgate %s\n", PROOFGATE_VERSION);
		rc = EXIT_PASS;
		goto done;
	}
	if (first >= argc) {
		cli_error("merge needs at least one report");
		cli_usage_hint("merge [options] REPORT.json...", "merge");
		goto done;
	}

	o = org_new();
	for (i = first; i < argc; i++) {
		if (org_add_report(o, argv[i]) < 0) {
			cli_error("%s", err_last());
			bad = 1;
		}
	}
	org_finish(o);
	lang = a.lang_set ? a.lang : org_lang(o);
	warn_variants("rule packs (their statuses do not measure the same things)", o->digests, o->ndigests);
	warn_variants("proofgate versions", o->versions, o->nversions);
	/* the first merge of a pipeline has no earlier one yet: said, not failed */
	if (a.previous && stat(a.previous, &st) < 0 && errno == ENOENT) {
		fprintf(stderr, "proofgate: note: no previous merge at '%s' yet: nothing to compare with\n",
			a.previous);
	} else if (a.previous && org_compare(o, a.previous) < 0) {
		cli_error("%s", err_last());
		bad = 1;
	}

	if (a.json_file && write_one(a.json_file, "w", "JSON merge", o, lang, 0) < 0)
		goto done;
	if (a.html_file && write_one(a.html_file, "w", "HTML page", o, lang, 1) < 0)
		goto done;
	if (a.markdown_file && write_one(a.markdown_file, "w", "Markdown merge", o, lang, 2) < 0)
		goto done;
	/* the CI's summary file: a warning when it cannot be written, never the end of the merge */
	summary = getenv("GITHUB_STEP_SUMMARY");
	if (summary && *summary && write_one(summary, "a", "the job summary to GITHUB_STEP_SUMMARY", o, lang, 2) < 0)
		fputs("proofgate: warning: the merge goes on without the job summary\n", stderr);
	if (!a.quiet && (report_org_markdown(stdout, o, lang) < 0 || fflush(stdout) != 0)) {
		cli_error("cannot write to standard output: %s", strerror(errno));
		goto done;
	}
	if (o->nerrors)
		cli_error("%zu of %d reports could not be merged (named above); the others were", o->nerrors,
			  argc - first);
	rc = bad ? EXIT_UNDECIDED : EXIT_PASS;
done:
	org_free(o);
	return rc;
}
