/* ydoc.c - typed, strict access to a libyaml document, for rule packs and the policy. */
#include "model/ydoc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

struct where ydoc_where(const struct ydoc *y, const yaml_node_t *n)
{
	struct where w = {y->file, 1, 1};
	if (n) {
		w.line = (int)n->start_mark.line + 1;
		w.col = (int)n->start_mark.column + 1;
	}
	return w;
}

int ydoc_diag(struct ydoc *y, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(y->diags, ydoc_where(y, n), fmt, ap);
	va_end(ap);
	return -1;
}

yaml_node_t *ydoc_node(struct ydoc *y, int idx)
{
	if (--y->budget < 0)
		return NULL;
	return yaml_document_get_node(y->doc, idx);
}

int ydoc_too_complex(struct ydoc *y, const yaml_node_t *at)
{
	return ydoc_diag(y, at, "%s", y->too_complex);
}

const char *ydoc_kind(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return "a string";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "nothing";
	}
}

const char *ydoc_scalar(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* A plain (unquoted) scalar that YAML would read as null. */
static int is_null(const yaml_node_t *n)
{
	const char *s;
	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	s = ydoc_scalar(n);
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

int ydoc_want_scalar(struct ydoc *y, const yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SCALAR_NODE || is_null(n))
		return ydoc_diag(y, n, "%s must be a string, found %s", what,
				 n->type == YAML_SCALAR_NODE ? "an empty value" : ydoc_kind(n));
	if (memchr(n->data.scalar.value, '\0', n->data.scalar.length))
		return ydoc_diag(y, n, "%s holds a NUL byte", what);
	return 0;
}

int ydoc_str(struct ydoc *y, const yaml_node_t *n, const char *what, char **out)
{
	if (ydoc_want_scalar(y, n, what) < 0)
		return -1;
	free(*out);
	*out = xstrdup(ydoc_scalar(n));
	return 0;
}

int ydoc_bool(struct ydoc *y, const yaml_node_t *n, const char *what, int *out)
{
	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    (strcmp(ydoc_scalar(n), "true") && strcmp(ydoc_scalar(n), "false")))
		return ydoc_diag(y, n, "%s must be true or false", what);
	*out = !strcmp(ydoc_scalar(n), "true");
	return 0;
}

int ydoc_long(struct ydoc *y, const yaml_node_t *n, const char *what, long min, long max, long *out)
{
	const char *s;
	char *end;
	long v;

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return ydoc_diag(y, n, "%s must be a whole number", what);
	s = ydoc_scalar(n);
	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno)
		return ydoc_diag(y, n, "%s must be a whole number, found '%s'", what, s);
	if (v < min || v > max)
		return ydoc_diag(y, n, "%s must be between %ld and %ld, found %ld", what, min, max, v);
	*out = v;
	return 0;
}

int ydoc_strlist(struct ydoc *y, const yaml_node_t *n, const char *what, char ***out, size_t *nout, struct where **at)
{
	yaml_node_item_t *it;
	size_t cap = *nout;
	int rc = 0;

	if (n->type == YAML_SCALAR_NODE) {
		if (ydoc_want_scalar(y, n, what) < 0)
			return -1;
		*out = xrealloc(*out, (*nout + 1) * sizeof(char *));
		if (at) {
			*at = xrealloc(*at, (*nout + 1) * sizeof(**at));
			(*at)[*nout] = ydoc_where(y, n);
		}
		(*out)[(*nout)++] = xstrdup(ydoc_scalar(n));
		return 0;
	}
	if (n->type != YAML_SEQUENCE_NODE)
		return ydoc_diag(y, n, "%s must be a list of strings, found %s", what, ydoc_kind(n));
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *v = ydoc_node(y, *it);
		if (!v)
			return ydoc_too_complex(y, n);
		if (ydoc_want_scalar(y, v, what) < 0) {
			rc = -1;
			continue;
		}
		XGROW(*out, cap, *nout + 1);
		if (at) {
			*at = xrealloc(*at, cap * sizeof(**at));
			(*at)[*nout] = ydoc_where(y, v);
		}
		(*out)[(*nout)++] = xstrdup(ydoc_scalar(v));
	}
	return rc;
}

void ydoc_strlist_free(char **l, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

int ydoc_fields(struct ydoc *y, const yaml_node_t *n, const char *what, const char *const *allowed, yaml_node_t **vals)
{
	yaml_node_pair_t *p;
	size_t i, nallowed = 0;
	int rc = 0;

	while (allowed[nallowed])
		vals[nallowed++] = NULL;
	if (n->type != YAML_MAPPING_NODE)
		return ydoc_diag(y, n, "%s must be a mapping, found %s", what, ydoc_kind(n));
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ydoc_node(y, p->key), *v = ydoc_node(y, p->value);
		if (!k || !v)
			return ydoc_too_complex(y, n);
		if (k->type != YAML_SCALAR_NODE) {
			rc = ydoc_diag(y, k, "%s: keys must be strings", what);
			continue;
		}
		for (i = 0; i < nallowed; i++)
			if (!strcmp(ydoc_scalar(k), allowed[i]))
				break;
		if (i == nallowed) {
			struct buf b = BUF_INIT;
			size_t j;
			for (j = 0; j < nallowed; j++)
				buf_printf(&b, "%s%s", j ? ", " : "", allowed[j]);
			rc = ydoc_diag(y, k, "%s: unknown key '%s' (expected one of: %s)", what, ydoc_scalar(k),
				       buf_cstr(&b));
			buf_free(&b);
		} else if (vals[i]) {
			rc = ydoc_diag(y, k, "%s: duplicate key '%s'", what, ydoc_scalar(k));
		} else {
			vals[i] = v;
		}
	}
	return rc;
}

int ydoc_need(struct ydoc *y, const yaml_node_t *map, const yaml_node_t *v, const char *what, const char *key)
{
	if (!v)
		return ydoc_diag(y, map, "%s: missing required key '%s'", what, key);
	return 0;
}
