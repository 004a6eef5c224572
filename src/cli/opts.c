/* opts.c - a table of options that says where each value goes, parsed as GNU tools parse theirs. */
#include "cli/opts.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

static size_t count_rows(const struct opt *opts)
{
	size_t n = 0;
	while (opts[n].name)
		n++;
	return n;
}

static const struct opt *row_named(const struct opt *opts, const char *name, size_t len)
{
	size_t i;
	for (i = 0; opts[i].name; i++)
		if (strlen(opts[i].name) == len && !strncmp(opts[i].name, name, len))
			return &opts[i];
	return NULL;
}

/* The row of a short letter; -h is --help's unless a row claims it. */
static const struct opt *row_keyed(const struct opt *opts, int c)
{
	size_t i;
	for (i = 0; opts[i].name; i++)
		if (opts[i].key == c)
			return &opts[i];
	return c == 'h' ? row_named(opts, "help", 4) : NULL;
}

static int short_key(const struct opt *opts, const struct opt *o)
{
	if (o->key > 0 && o->key < 256)
		return o->key;
	return !strcmp(o->name, "help") && !row_keyed(opts, 'h')->key ? 'h' : 0;
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

/* Edit distance with transpositions (optimal string alignment): "scna" is one edit from "scan". */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, w = lb + 1, d;
	size_t *m = xcalloc((la + 1) * w, sizeof(*m));
	for (i = 0; i <= la; i++)
		m[i * w] = i;
	for (j = 0; j <= lb; j++)
		m[j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			size_t best = m[(i - 1) * w + j - 1] + (a[i - 1] != b[j - 1]);
			if (m[(i - 1) * w + j] + 1 < best)
				best = m[(i - 1) * w + j] + 1;
			if (m[i * w + j - 1] + 1 < best)
				best = m[i * w + j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    m[(i - 2) * w + j - 2] + 1 < best)
				best = m[(i - 2) * w + j - 2] + 1;
			m[i * w + j] = best;
		}
	d = m[la * w + lb];
	free(m);
	return d;
}

const char *opts_nearest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t i, bestd = (size_t)-1, wl = strlen(word);
	for (i = 0; i < n; i++) {
		size_t d = distance(word, cands[i]), cl = strlen(cands[i]);
		/* a prefix of a longer name ("--form") is as good as a typo */
		if (wl >= 3 && wl < cl && !strncmp(word, cands[i], wl) && d > 1)
			d = 1;
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	/* near enough to be a typo: one edit in a short word, two in a longer one */
	return best && bestd <= (wl <= 4 ? 1u : 2u) ? best : NULL;
}

static void unknown_long(const struct opt *opts, const char *name, size_t len)
{
	size_t n = count_rows(opts), i, k = 0;
	const char **names = xcalloc(n ? n : 1, sizeof(*names));
	char *word = xstrndup(name, len);
	const char *near;
	for (i = 0; i < n; i++)
		if (!(opts[i].flags & OPT_HIDDEN))
			names[k++] = opts[i].name;
	near = opts_nearest(word, names, k);
	if (near)
		fprintf(stderr, "proofgate: unknown option '--%s' (did you mean '--%s'?)\n", word, near);
	else
		fprintf(stderr, "proofgate: unknown option '--%s'\n", word);
	free(word);
	free(names);
}

/* The value of an option: '--name=v', the rest of a '-xv' group, or the next argument. */
static int take_value(const struct opt *o, const char *spelled, const char *inline_val, int argc, char **argv, int *i,
		      const char **out)
{
	if (inline_val) {
		*out = inline_val;
	} else if (o->flags & OPT_OPTIONAL) {
		*out = NULL;
		return 0;
	} else if (*i + 1 < argc) {
		*out = argv[++*i];
	} else {
		fprintf(stderr, "proofgate: option '%s' needs a value (%s)\n", spelled, o->arg);
		return -1;
	}
	if (!**out) {
		fprintf(stderr, "proofgate: option '%s' needs a value (%s), not an empty string\n", spelled, o->arg);
		return -1;
	}
	return 0;
}

int opts_parse(int argc, char **argv, const struct opt *opts, int (*handle)(int key, const char *arg, void *data),
	       void *data, int *first)
{
	char **operands = xcalloc((size_t)argc + 1, sizeof(*operands)),
	     **options = xcalloc((size_t)argc + 1, sizeof(*options));
	size_t nops = 0, nopts = 0;
	int i, j, rc = -1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		int at = i;
		if (!strcmp(a, "--")) {
			options[nopts++] = argv[i];
			for (i++; i < argc; i++)
				operands[nops++] = argv[i];
			break;
		}
		if (a[0] != '-' || !a[1]) { /* "-" alone is an operand: standard input or output */
			operands[nops++] = argv[i];
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '='), *val = NULL;
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			const struct opt *o = row_named(opts, name, len);
			char spelled[128];
			if (!o) {
				unknown_long(opts, name, len);
				goto done;
			}
			snprintf(spelled, sizeof(spelled), "--%s", o->name);
			if (!o->arg && eq) {
				fprintf(stderr, "proofgate: option '%s' takes no value\n", spelled);
				goto done;
			}
			if (o->arg && take_value(o, spelled, eq ? eq + 1 : NULL, argc, argv, &i, &val) < 0)
				goto done;
			if (apply(o, val, (char *)data, handle) < 0)
				goto done;
		} else {
			for (j = 1; a[j]; j++) {
				const struct opt *o = row_keyed(opts, (unsigned char)a[j]);
				const char *val = NULL;
				char spelled[3] = {'-', a[j], '\0'};
				if (!o) {
					fprintf(stderr, "proofgate: unknown option '-%c'\n", a[j]);
					goto done;
				}
				if (o->arg && !(o->flags & OPT_OPTIONAL)) {
					if (take_value(o, spelled, a[j + 1] ? a + j + 1 : NULL, argc, argv, &i, &val) <
					    0)
						goto done;
					if (apply(o, val, (char *)data, handle) < 0)
						goto done;
					break;
				}
				if (apply(o, NULL, (char *)data, handle) < 0)
					goto done;
			}
		}
		for (; at <= i; at++)
			options[nopts++] = argv[at];
	}
	/* options first, then the operands in their order, as GNU getopt leaves argv */
	memcpy(argv + 1, options, nopts * sizeof(*argv));
	memcpy(argv + 1 + nopts, operands, nops * sizeof(*argv));
	*first = 1 + (int)nopts;
	rc = 0;
done:
	free(operands);
	free(options);
	return rc;
}

void opts_print(FILE *f, const struct opt *opts)
{
	size_t i;
	for (i = 0; opts[i].name; i++) {
		struct buf b = BUF_INIT;
		int k = short_key(opts, &opts[i]);
		if (opts[i].flags & OPT_HIDDEN)
			continue;
		if (k)
			buf_printf(&b, "-%c, ", k);
		else
			buf_puts(&b, "    ");
		buf_printf(&b, "--%s", opts[i].name);
		if (opts[i].arg)
			buf_printf(&b, (opts[i].flags & OPT_OPTIONAL) ? "[=%s]" : " %s", opts[i].arg);
		fprintf(f, "  %-28s %s\n", buf_cstr(&b), opts[i].help);
		buf_free(&b);
	}
}
