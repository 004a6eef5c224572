/* report.h - the finished scan, as every output format reads it. */
#ifndef PG_REPORT_H
#define PG_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "repo.h"
#include "rules.h"
#include "scan.h"
#include "verdict.h"

/* Everything a report shows; all borrowed, none owned. */
struct report {
	const char *version;
	const struct repo_target *target;
	const struct rules *rules;
	const struct scan_result *scan;
	const struct verdict *verdict;
	enum lang lang;
	int color; /* text only: ANSI colours */
};

/* The seed's table, proofs and failing rules as text.  Returns 0, or -1 on a write error. */
int report_text(FILE *f, const struct report *r);

/* The one verdict line that -q prints. */
int report_verdict_line(FILE *f, const struct report *r);

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

#endif
