/*
 * diff.h - a comparison of two scans (proofgate diff, scan --base), as every
 * diff format reads it, and the diff formats: each writes one format from the
 * finished comparison, reusing the scan formats for the head's own state.
 */
#ifndef PG_REPORT_DIFF_H
#define PG_REPORT_DIFF_H

#include <jansson.h>
#include <stdio.h>

#include "report/report.h"
#include "verdict/diff.h"

/* Everything a diff report shows; all borrowed. */
struct diff_report {
	const struct report *base, *head; /* each revision as scan reports it; the head's verdict holds the gate */
	const struct verdict_diff *diff;
	const char *base_from; /* how the base was chosen ("the merge base of HEAD and origin/main"), or NULL */
	enum lang lang;
	int color; /* text only: ANSI colours */
};

/* ---- what the diff formats share (diff.c) ---- */

/* The rule a change is about: the head's, else the base's. */
const struct rule *report_diff_rule(const struct rule_change *rc);

/*
 * Where a rule's change is (borrowed), with its line (0: the whole file) and
 * whether the path exists only in the base: what the comparison found, else
 * where the side's finding belongs (report_rule_location).
 */
const char *report_diff_where(const struct diff_report *d, const struct rule_change *rc, size_t *line, int *in_base);

/* One sentence on what changed at that place (diff_describe), or NULL when nothing says; caller frees. */
char *report_diff_cause(const struct diff_report *d, const struct rule_change *rc);

/* An outcome, or "absent" for a side that does not load the rule. */
const char *report_diff_outcome(const struct rule_result *rr);

/* Appends the gate's name: "blocked", "blocked,regression". */
void report_diff_gate_name(struct buf *b, const struct gate *g);

/* Appends "1 rule, 1 domain and 1 proof" for the counts of one direction ("nothing" when all are 0). */
void report_diff_counts(struct buf *b, const struct verdict_diff *v, enum diff_dir dir, enum lang lang);

/* The last lines of the text formats: what changed, then the verdict and the gate.  0, or -1 on a write error. */
int report_diff_verdict_line(FILE *f, const struct diff_report *d);

/* ---- the formats; each returns 0, or -1 on a write error ---- */

/* For a terminal: what got worse, better and changed, with where, then the domains and the gate. */
int report_diff_text(FILE *f, const struct diff_report *d);

/* The JSON comparison (docs/diff-schema.json); the caller releases it with json_decref. */
json_t *report_diff_json_build(const struct diff_report *d);
int report_diff_json(FILE *f, const struct diff_report *d);

/*
 * GitHub workflow commands: regressions as errors on the changed lines first
 * (advisory ones as warnings), then improvements and other changes as
 * notices, within GitHub's limits; then the text comparison in a log group.
 */
int report_diff_github(FILE *f, const struct diff_report *d);

/* The job summary: what changed first, then the head's Markdown summary, under max bytes. */
int report_diff_markdown(FILE *f, const struct diff_report *d, size_t max);

/*
 * SARIF: the head's results, each with its baselineState (new, unchanged,
 * updated), then the base's results that are gone as absent (kind pass).
 */
json_t *report_diff_sarif_build(const struct diff_report *d);
int report_diff_sarif(FILE *f, const struct diff_report *d);

/*
 * GitLab Code Quality: the head's issues with the scan's fingerprints (so
 * that the merge request widget, which compares with the target branch's
 * report, shows new and resolved ones), regressions said so.
 */
json_t *report_diff_codequality_build(const struct diff_report *d);
int report_diff_codequality(FILE *f, const struct diff_report *d);

/* JUnit: a testsuite of what changed (a regression fails its testcase), then the head's suites. */
int report_diff_junit(FILE *f, const struct diff_report *d);

/* The head's readiness page with the domains that changed since the base. */
int report_diff_html(FILE *f, const struct diff_report *d);

/* GITHUB_OUTPUT: the head's outputs (report_github_output), then regressed, worse, better and base. */
int report_diff_github_output(FILE *f, const struct diff_report *d, const char *const *names, const char *const *paths,
			      size_t n);

#endif
