/* opts.c - getopt_long driven by a table of options that says where each value goes. */
#include "cli/opts.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

/* getopt_long's value for a row without a key of its own: far above any short letter or handler key */
#define AUTO_KEY 0x10000

static const struct opt *row_of(const struct opt *opts, size_t n, int c)
{
	size_t i;
	if (c >= AUTO_KEY && (size_t)(c - AUTO_KEY) < n)
		return &opts[c - AUTO_KEY];
	for (i = 0; i < n; i++)
		if (opts[i].key == c)
			return &opts[i];
	return NULL;
}

/* Puts one value where its row says; 0, or what the handler returned. */
static int apply(const struct opt *o, const char *arg, char *data, int (*handle)(int, const char *, void *))
{
	switch (o->kind) {
	case OPT_KIND_CALL:
		return handle(o->key, arg, data);
	case OPT_KIND_SET:
	case OPT_KIND_CLEAR:
		*(int *)(data + o->off) = o->kind == OPT_KIND_SET;
		return 0;
	case OPT_KIND_STRING:
		*(const char **)(data + o->off) = arg;
		return 0;
	case OPT_KIND_STRINGS: {
		char ***list = (char ***)(data + o->off);
		size_t *n = (size_t *)(data + o->count_off);
		*list = xrealloc(*list, (*n + 1) * sizeof(**list));
		(*list)[(*n)++] = (char *)arg;
		return 0;
	}
	}
	return 0;
}

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
		lo[i].val = opts[i].key ? opts[i].key : AUTO_KEY + (int)i;
		if (opts[i].key && opts[i].key < 256) {
			buf_putc(&shorts, (char)opts[i].key);
			if (opts[i].arg)
				buf_putc(&shorts, ':');
		}
	}
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts.ptr, lo, NULL)) != -1) {
		const struct opt *o;
		if (c == ':') {
			fprintf(stderr, "proofgate: option '%s' needs a value\n", argv[optind - 1]);
			rc = -1;
			break;
		}
		o = c == '?' ? NULL : row_of(opts, n, c);
		if (!o) {
			if (optopt && optopt < 256)
				fprintf(stderr, "proofgate: unknown option '-%c'\n", optopt);
			else
				fprintf(stderr, "proofgate: unknown option '%s'\n", argv[optind - 1]);
			rc = -1;
			break;
		}
		if (apply(o, optarg, (char *)data, handle) < 0) {
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
		if (opts[i].key && opts[i].key < 256)
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
