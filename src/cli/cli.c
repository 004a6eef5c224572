/* cli.c - shared command-line helpers. */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/diag.h"

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

void cli_print_diags(const struct diag_list *l, const char *fallback)
{
	struct buf line = BUF_INIT;
	size_t i;
	for (i = 0; i < l->n; i++) {
		buf_clear(&line);
		diag_format(&line, &l->items[i], fallback);
		fprintf(stderr, "proofgate: %s\n", buf_cstr(&line));
	}
	buf_free(&line);
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
		cli_print_diags(&rs->diags, "(rules)");
	return rc;
}
