/* org.h - the organisation's view (verdict/org.h) in each output format. */
#ifndef PG_REPORT_ORG_H
#define PG_REPORT_ORG_H

#include <jansson.h>
#include <stdio.h>

#include "report/page.h"
#include "verdict/org.h"

/*
 * The merge as JSON (docs/org-schema.json), the input of the next merge's
 * --previous; version is proofgate's.  The caller releases it with json_decref.
 */
json_t *report_org_json_build(const struct org *o, const char *version, enum lang lang);

/* Writes it; returns 0, or -1 on a write error. */
int report_org_json(FILE *f, const struct org *o, const char *version, enum lang lang);

/* The merge as Markdown: warnings, totals per domain, repositories worst first, changes.  0, or -1 on a write error. */
int report_org_markdown(FILE *f, const struct org *o, enum lang lang);

/*
 * The organisation's page: warnings, totals per domain ("blocked in 14 of
 * 40"), the repositories-by-domains table worst first, what changed, the
 * reports that could not be read, and what was read.  The page's changes
 * are o's.  Returns 0, or -1 on a write error.
 */
int report_org_html(FILE *f, const struct org *o, const struct page *pg, const char *version);

#endif
