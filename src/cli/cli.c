/* cli.c - shared command-line helpers. */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/ruleset.h"
#include "util/buf.h"
#include "util/diag.h"
#include "verdict/verdict.h"

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

int cli_parse_lang(enum lang *out, const char *arg)
{
	if (!strcmp(arg, "en"))
		*out = LANG_EN;
	else if (!strcmp(arg, "ar"))
		*out = LANG_AR;
	else
		return cli_error("--lang must be en or ar, not '%s'", arg), -1;
	return 0;
}

int cli_load_rules(struct rules **out, size_t *nproblems, int builtin, char *const *paths, size_t npaths)
{
	struct ruleset_sources src = {builtin, paths, npaths, NULL, NULL, NULL};
	struct diag_list diags = DIAG_LIST_INIT;
	int rc = ruleset_load(out, &diags, NULL, &src);

	cli_print_diags(&diags, "(rules)");
	if (nproblems)
		*nproblems = diags.n;
	diag_list_clear(&diags);
	return rc < 0 ? -1 : 0;
}

int cli_unknown(const char *what, const char *word, const char *const *names, size_t n, const char *see)
{
	const char *near = opts_nearest(word, names, n);
	if (near)
		return cli_error("unknown %s '%s' (did you mean '%s'?); %s", what, word, near, see);
	return cli_error("unknown %s '%s'; %s", what, word, see);
}

void cli_usage_hint(const char *synopsis, const char *command)
{
	fprintf(stderr, "usage: proofgate %s\nRun 'proofgate %s --help' for the options.\n", synopsis, command);
}

int cli_gate_exit(const struct verdict *v, const char *again)
{
	if (!v->gate.decided)
		return cli_error("could not decide: a rule whose evidence could not be read (see 'error' outcomes) "
				 "could change the gate; fix the cause and %s again",
				 again);
	return v->gate.passed ? EXIT_PASS : EXIT_GATE;
}
