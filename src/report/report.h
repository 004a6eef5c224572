/* report.h - the finished scan, as every output format reads it. */
#ifndef PG_REPORT_H
#define PG_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "git/repo.h"
#include "model/rules.h"
#include "scan/scan.h"
#include "util/buf.h"
#include "verdict/verdict.h"

/* Everything a report shows; all borrowed, none owned. */
struct report {
	const char *version;
	const struct repo_target *target;
	const struct rules *rules;
	const struct scan_result *scan;
	const struct verdict *verdict;
	enum lang lang;
	int color;		   /* text only: ANSI colours */
	const char *policy_file;   /* the policy that applied (".proofgate.yml"), or NULL */
	const char *policy_commit; /* hex id of the commit it was read from, or NULL */
	char *const *notes;	   /* notices for the reader (the change edits the policy...) */
	size_t nnotes;
	const char *link_base;	      /* HTML page: web address of the commit's files, ending in '/', or NULL */
	const char *repo_name;	      /* "owner/name" (report_repo_name), or NULL */
	const char *repo_name_source; /* where it came from: "remote.origin.url", "GITHUB_REPOSITORY"... */
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

/*
 * A display-safe copy of a path or text (invalid UTF-8 and controls as \xNN,
 * bidi embeddings, overrides and isolates as \u202e); caller frees.
 */
char *report_safe(const char *s);

/*
 * The domain's current signal: the passing rules and where their evidence
 * is, in lang (caller frees).  "no evidence found" when none passes.
 */
char *report_signal(const struct report *r, const struct domain_result *d);

/* The domain's next safe step: the first failing rule's, or the domain's own when ready. */
const char *report_next_step(const struct report *r, const struct domain_result *d);

/*
 * The gate's regression part in lang's words: "regression part (--fail-on):
 * something got worse" (nothing got worse; not checked, when no base was
 * compared), or NULL when the gate has none.  The caller frees.
 */
char *report_regression_part(const struct gate *g, enum lang lang);

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
/* One rule's result (rr at index in the run's rules); the caller owns the reference. */
json_t *report_sarif_result(const struct report *r, const struct rule_result *rr, size_t index);

/* A GitLab Code Quality report (a JSON array); caller releases with json_decref. */
json_t *report_codequality_build(const struct report *r);
int report_codequality(FILE *f, const struct report *r);

/* JUnit XML: one testsuite per domain, one testcase per rule. */
int report_junit(FILE *f, const struct report *r);

/*
 * Appends report_junit's testsuite elements (each domain, then the rules
 * turned off) to b, and their totals (tests, failures, errors, skipped) to
 * totals: what the <testsuites> element around them says.
 */
void report_junit_suites(struct buf *b, const struct report *r, size_t totals[4]);

/*
 * GITHUB_OUTPUT lines: verdict, one status per domain (status-ID), gate, and
 * each written report (names[i]=paths[i]).
 */
int report_github_output(FILE *f, const struct report *r, const char *const *names, const char *const *paths, size_t n);

/* 1 when s is valid UTF-8 (control characters allowed). */
int report_utf8_valid(const char *s);

/* s itself when it is valid UTF-8, else report_safe(s); caller frees. */
char *report_utf8_copy(const char *s);

/*
 * A repository path where a failing rule's finding belongs (borrowed): its
 * evidence, else the exact file the rule asks for, else the policy file.
 */
const char *report_rule_location(const struct report *r, const struct rule_result *rr, size_t *line);

/*
 * report_rule_location when that file is in the scanned tree (evidence and
 * near misses always are), else NULL: a rule asking for a file the tree
 * lacks, or a policy file the repository does not have.  GitHub
 * annotations use it (an annotation without a file when NULL).
 */
const char *report_rule_location_in_tree(const struct report *r, const struct rule_result *rr, size_t *line);

/*
 * A file of the scanned tree a failing rule's finding can point at, for
 * formats whose results need one (SARIF: GitHub code scanning refuses a
 * result without a location; GitLab Code Quality requires location.path):
 * report_rule_location_in_tree, else the policy file when the tree has it,
 * else the root README (line 1), else, in a tree with neither, the place
 * the rule asks for as report_rule_location says.  Borrowed.
 */
const char *report_rule_anchor(const struct report *r, const struct rule_result *rr, size_t *line);

/*
 * What several formats share (report.c): formatted strings, escapes for
 * JSON, Markdown and XML text, and the GitHub annotation list with its limits.
 */

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
/* A new string, printf-formatted; the caller frees it. */
char *
report_printf(const char *fmt, ...);

/* Writes s to f made safe to show (report_safe). */
void report_fput_safe(FILE *f, const char *s);

/* A JSON string of s (NULL: ""), made safe first: jansson refuses invalid UTF-8.  The caller owns the reference. */
json_t *report_json_text(const char *s);

/* {path, line (null for a whole file), blob}; the caller owns the reference. */
json_t *report_json_evidence(const struct evidence *e);

/* {name: "proofgate", version}; the caller owns the reference. */
json_t *report_json_tool(const struct report *r);

/* The revision: {name, name_source, rev, commit, tree, branch, commit_time}; the caller owns the reference. */
json_t *report_json_repository(const struct report *r);

/*
 * The repository's path on its server ("owner/name", "group/sub/project")
 * from a remote URL (https, ssh, git, scp-like "host:owner/name.git"):
 * credentials, host, port and a trailing ".git" dropped.  NULL for a local
 * path or file:// remote, or a path with a control character.  The caller
 * frees.
 */
char *report_repo_name(const char *remote);

/* The gate (docs/report-schema.json); a regression part only when the gate has one.  The caller owns the reference. */
json_t *report_json_gate(const struct gate *g);

/* Appends s (NULL: nothing) as Markdown text that cannot break a table cell or start markup. */
void report_md_text(struct buf *b, const char *s);

/*
 * Room for a Markdown report appended to a file that holds have bytes
 * already (GitHub's job summary is one file per step, capped at
 * REPORT_MARKDOWN_MAX): what is left, or half the cap when the file is
 * large already or its size is unknown (have <= 0: ftell could not say).
 */
size_t report_markdown_room(long have);

/* Appends s (NULL: nothing) as XML text or attribute value: escaped, valid UTF-8, no control characters. */
void report_xml_text(struct buf *b, const char *s);

/* GitHub workflow annotations: errors, warnings and notices, in the order added. */
enum report_annot_kind { REPORT_ANNOT_ERROR, REPORT_ANNOT_WARNING, REPORT_ANNOT_NOTICE };

struct report_annot {
	enum report_annot_kind kind;
	char *file; /* a repository path as stored, or NULL */
	size_t line;
	char *title;
	char *msg;
};

struct report_annots {
	struct report_annot *a;
	size_t n, cap;
};

#define REPORT_ANNOTS_INIT                                                                                             \
	{                                                                                                              \
		NULL, 0, 0                                                                                             \
	}

/* Adds one annotation: file (may be NULL) is copied; title and msg are taken and freed with the list. */
void report_annot_add(struct report_annots *as, enum report_annot_kind kind, const char *file, size_t line, char *title,
		      char *msg);

/*
 * Writes the annotations as workflow commands, in order, at most
 * REPORT_GITHUB_PER_KIND of each kind (GitHub drops the rest without a
 * word), then, when some were left out, one notice saying how many of each
 * and that they are rest_where ("in the job summary and ...", in lang's
 * words, as that notice is).  Returns 0,
 * or -1 on a write error.
 */
int report_annots_write(FILE *f, const struct report_annots *as, enum lang lang, const char *rest_where);

/* Frees what the list holds (not as itself); NULL is fine. */
void report_annots_free(struct report_annots *as);

#endif
