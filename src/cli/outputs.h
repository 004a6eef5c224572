/* outputs.h - the report formats `proofgate scan` writes, in one table, and the writing of them. */
#ifndef PG_OUTPUTS_H
#define PG_OUTPUTS_H

#include <stdio.h>

#include "report/report.h"
#include "util/buf.h"

/* Rows of outputs[], in the order files are written and named in GITHUB_OUTPUT. */
enum output_id {
	OUTPUT_TEXT,
	OUTPUT_JSON,
	OUTPUT_GITHUB,
	OUTPUT_SARIF,
	OUTPUT_CODEQUALITY,
	OUTPUT_JUNIT,
	OUTPUT_MARKDOWN,
	OUTPUT_HTML,
	OUTPUT_COUNT
};

#define OUTPUT_STDOUT 1u /* --format NAME */
#define OUTPUT_FILE   2u /* --NAME FILE */
#define OUTPUT_COLOR  4u /* ANSI colours when standard output is a terminal */

struct output {
	const char *name; /* for --format and --NAME, and the key in GITHUB_OUTPUT */
	const char *what; /* in messages: "SARIF report" */
	int (*write)(FILE *f, const struct report *r);
	unsigned flags;
};

extern const struct output outputs[OUTPUT_COUNT];

/* The output --format NAME selects, or NULL. */
const struct output *output_for_stdout(const char *name);

/* Appends the names --format takes, as "a, b or c". */
void output_stdout_names(struct buf *b);

/*
 * Writes r as o to the file at path; prints why it could not (to stderr)
 * and returns -1 then.
 */
int output_write_file(const struct output *o, const char *path, const struct report *r);

/*
 * Appends the Markdown summary to GitHub's job summary file at path,
 * leaving room for what the step's summary already holds.  A file that
 * cannot be written is the CI's problem, not the report's: prints a warning
 * and returns -1, and the caller goes on.
 */
int output_step_summary(const char *path, const struct report *r);

/*
 * Appends GitHub step outputs (verdict, statuses, gate, and the file of
 * each output in files[] that is not NULL) to the file at path; a warning
 * and -1 when it cannot, as output_step_summary.
 */
int output_github_vars(const char *path, const struct report *r, const char *const files[OUTPUT_COUNT]);

/*
 * Opens path for appending; when it holds something that does not end in a
 * line break, writes one first, so that what is appended starts on a line
 * of its own.  NULL with errno set when it cannot be opened.
 */
FILE *output_append(const char *path);

/*
 * The absolute path path would have: its folder resolved (realpath), its
 * last part kept; NULL when the folder does not exist.  The caller frees.
 */
char *output_resolve(const char *path);

#endif
