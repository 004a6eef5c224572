/* cli.c - shared command-line helpers. */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/report.h"

int cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("proofgate: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_UNDECIDED;
}

void cli_print_diags(const struct rules *rs)
{
	size_t i;
	for (i = 0; i < rs->ndiags; i++) {
		const struct rules_diag *d = &rs->diags[i];
		char *file = report_safe(d->at.file ? d->at.file : "(rules)");
		if (d->at.line > 0)
			fprintf(stderr, "proofgate: %s:%d:%d: %s\n", file, d->at.line, d->at.col, d->msg);
		else
			fprintf(stderr, "proofgate: %s: %s\n", file, d->msg);
		free(file);
	}
}

int cli_add_rules(struct rules *rs, int builtin, char *const *paths, size_t npaths)
{
	size_t i;
	int rc = 0;

	if (builtin && rules_add_builtin(rs) < 0)
		rc = -1;
	for (i = 0; i < npaths; i++)
		if (rules_add_path(rs, paths[i]) < 0)
			rc = -1;
	return rc;
}

int cli_load_rules(struct rules **out, int builtin, char *const *paths, size_t npaths)
{
	struct rules *rs = rules_new();
	int rc;

	*out = rs;
	rc = cli_add_rules(rs, builtin, paths, npaths);
	if (rules_finish(rs) < 0)
		rc = -1;
	if (rc < 0)
		cli_print_diags(rs);
	return rc;
}
