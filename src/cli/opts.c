/* opts.c - getopt_long driven by a table of options. */
#include "cli/opts.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

int opts_parse(int argc, char **argv, const struct opt *opts, int (*handle)(int key, const char *arg, void *data),
	       void *data, int *first)
{
	struct option *lo;
	struct buf shorts = BUF_INIT;
	size_t n = 0, i;
	int c, rc = 0;

	while (opts[n].name)
		n++;
	lo = xcalloc(n + 1, sizeof(*lo));
	buf_puts(&shorts, "+:"); /* stop at the first operand; report missing arguments as ':' */
	for (i = 0; i < n; i++) {
		lo[i].name = opts[i].name;
		lo[i].has_arg = opts[i].arg ? required_argument : no_argument;
		lo[i].val = opts[i].key;
		if (opts[i].key < 256) {
			buf_putc(&shorts, (char)opts[i].key);
			if (opts[i].arg)
				buf_putc(&shorts, ':');
		}
	}
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts.ptr, lo, NULL)) != -1) {
		if (c == '?') {
			if (optopt && optopt < 256)
				fprintf(stderr, "proofgate: unknown option '-%c'\n", optopt);
			else
				fprintf(stderr, "proofgate: unknown option '%s'\n", argv[optind - 1]);
			rc = -1;
			break;
		}
		if (c == ':') {
			fprintf(stderr, "proofgate: option '%s' needs a value\n", argv[optind - 1]);
			rc = -1;
			break;
		}
		if (handle(c, optarg, data) < 0) {
			rc = -1;
			break;
		}
	}
	*first = optind;
	free(lo);
	buf_free(&shorts);
	return rc;
}

void opts_print(FILE *f, const struct opt *opts)
{
	size_t i;
	for (i = 0; opts[i].name; i++) {
		struct buf b = BUF_INIT;
		if (opts[i].key < 256)
			buf_printf(&b, "-%c, ", opts[i].key);
		else
			buf_puts(&b, "    ");
		buf_printf(&b, "--%s", opts[i].name);
		if (opts[i].arg)
			buf_printf(&b, " %s", opts[i].arg);
		fprintf(f, "  %-28s %s\n", b.ptr, opts[i].help);
		buf_free(&b);
	}
}
