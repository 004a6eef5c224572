/* report.h - the finished scan, as every output format reads it. */
#ifndef PG_REPORT_H
#define PG_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "git/repo.h"
#include "model/rules.h"
#include "scan/scan.h"
#include "verdict/verdict.h"

/* Everything a report shows; all borrowed, none owned. */
struct report {
	const char *version;
	const struct repo_target *target;
	const struct rules *rules;
	const struct scan_result *scan;
	const struct verdict *verdict;
	enum lang lang;
	int color; /* text only: ANSI colours */
	const char *policy_file;   /* the policy that applied (".proofgate.yml"), or NULL */
	const char *policy_commit; /* hex id of the commit it was read from, or NULL */
	char *const *notes;        /* notices for the reader (the change edits the policy...) */
	size_t nnotes;
	const char *link_base; /* HTML page: web address of the commit's files, ending in '/', or NULL */
};

/* The seed's table, proofs and failing rules as text.  Returns 0, or -1 on a write error. */
int report_text(FILE *f, const struct report *r);

/* The one verdict line that -q prints. */
int report_verdict_line(FILE *f, const struct report *r);

/*
 * After the verdict line of a full report: when the verdict is stop and the
 * gate passed (exit status 0), one line saying why the two agree, for a
 * reader who takes "stop" for a failure; nothing otherwise.  0, or -1 on a
 * write error.
 */
int report_verdict_note(FILE *f, const struct report *r);

/*
 * The JSON report (docs/report-schema.json) as a jansson value the caller
 * releases with json_decref.  Byte-identical for identical inputs.
 */
json_t *report_json_build(const struct report *r);

/* Writes the JSON report; returns 0, or -1 on a write error. */
int report_json(FILE *f, const struct report *r);

/* A display-safe copy of a path or text (invalid UTF-8 and controls as \xNN); caller frees. */
char *report_safe(const char *s);

/*
 * The domain's current signal: the passing rules and where their evidence
 * is, in lang (caller frees).  "no evidence found" when none passes.
 */
char *report_signal(const struct report *r, const struct domain_result *d);

/* The domain's next safe step: the first failing rule's, or the domain's own when ready. */
const char *report_next_step(const struct report *r, const struct domain_result *d);

/* "go" or "stop", in lang. */
const char *report_verdict_word(int go, enum lang lang);

/*
 * CI formats.  Each reads only the report and writes one format; each
 * returns 0, or -1 on a write error.
 */

/* Most annotations GitHub shows per kind in one step; the rest are dropped silently. */
#define REPORT_GITHUB_PER_KIND 10
/* GitHub's limit for one step's job summary, in bytes. */
#define REPORT_MARKDOWN_MAX (1024u * 1024u)

/* GitHub Actions workflow commands: ordered annotations, then one ::group:: per domain. */
int report_github(FILE *f, const struct report *r);

/* Escapes s for a workflow command's data (prop 0) or property value (prop 1); caller frees. */
char *report_github_escape(const char *s, int prop);

/* The Markdown report (job summary, merge-request note), cut to stay under max bytes. */
int report_markdown(FILE *f, const struct report *r, size_t max);

/* SARIF 2.1.0 for code scanning, as a jansson value the caller releases with json_decref. */
json_t *report_sarif_build(const struct report *r);
int report_sarif(FILE *f, const struct report *r);

/* A GitLab Code Quality report (a JSON array); caller releases with json_decref. */
json_t *report_codequality_build(const struct report *r);
int report_codequality(FILE *f, const struct report *r);

/* JUnit XML: one testsuite per domain, one testcase per rule. */
int report_junit(FILE *f, const struct report *r);

/*
 * GITHUB_OUTPUT lines: verdict, one status per domain (status-ID), gate, and
 * each written report (names[i]=paths[i]).
 */
int report_github_output(FILE *f, const struct report *r, const char *const *names, const char *const *paths,
			 size_t n);

/* 1 when s is valid UTF-8 (control characters allowed). */
int report_utf8_valid(const char *s);

/* s itself when it is valid UTF-8, else report_safe(s); caller frees. */
char *report_utf8_copy(const char *s);

/*
 * A repository path where a failing rule's finding belongs (borrowed): its
 * evidence, else the exact file the rule asks for, else the policy file.
 */
const char *report_rule_location(const struct report *r, const struct rule_result *rr, size_t *line);

#endif
