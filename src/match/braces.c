/* braces.c - a glob's {a,b} alternatives expanded into brace-free globs, each converted on its own. */
#include "match/braces.h"

#include <stdlib.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"

const char *glob_class_end(const char *p)
{
	const char *q = p + 1;
	if (*q == '!' || *q == '^')
		q++;
	if (*q == ']')
		q++;
	while (*q && *q != ']')
		q++;
	return *q == ']' ? q : p;
}

/*
 * Checks that the braces of the glob as written balance, so that an error
 * names its offset there and not in an expanded alternative.
 */
static int check_braces(const char *glob, size_t *erroff)
{
	const char *p, *first_open = NULL;
	size_t depth = 0;

	for (p = glob; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '[') {
			p = glob_class_end(p);
		} else if (*p == '{') {
			if (depth++ == 0)
				first_open = p;
		} else if (*p == '}') {
			if (depth == 0) {
				*erroff = (size_t)(p - glob);
				return err_set("unmatched '}'");
			}
			depth--;
		}
	}
	if (depth > 0) {
		*erroff = (size_t)(first_open - glob);
		return err_set("unmatched '{'");
	}
	return 0;
}

/* The first '{' of s into *open (NULL when there is none); -1 at a '}' before it. */
static int first_open(const char **open, const char *s, size_t base, size_t *erroff)
{
	const char *p;

	*open = NULL;
	for (p = s; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == '[') {
			p = glob_class_end(p);
			continue;
		}
		if (*p == '{') {
			*open = p;
			return 0;
		}
		if (*p == '}') {
			*erroff = base + (size_t)(p - s);
			return err_set("unmatched '}'");
		}
	}
	return 0;
}

/* The '}' that closes the group opening at open, or NULL. */
static const char *group_close(const char *open)
{
	const char *p;
	int depth = 1;

	for (p = open + 1; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == '[')
			p = glob_class_end(p);
		else if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return p;
	}
	return NULL;
}

static int expand(char ***out, size_t *n, size_t *cap, const char *s, size_t base, size_t *erroff);

/* Each top-level alternative of the group open..close of s, with what surrounds the group, expanded in turn. */
static int expand_group(char ***out, size_t *n, size_t *cap, const char *s, const char *open, const char *close,
			size_t base, size_t *erroff)
{
	const char *p, *alt = open + 1;
	struct buf b = BUF_INIT;
	int depth = 0, rc = 0;

	for (p = open + 1; p <= close; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == '[')
			p = glob_class_end(p);
		else if (*p == '{')
			depth++;
		else if (*p == '}' && depth > 0)
			depth--;
		else if ((*p == ',' && depth == 0) || p == close) {
			buf_clear(&b);
			buf_put(&b, s, (size_t)(open - s));
			buf_put(&b, alt, (size_t)(p - alt));
			buf_puts(&b, close + 1);
			rc = expand(out, n, cap, buf_cstr(&b), base, erroff);
			if (rc < 0)
				break;
			if (*n > GLOB_BRACES_MAX) {
				*erroff = base + (size_t)(open - s);
				rc = err_set("too many {a,b} alternatives (more than %d)", GLOB_BRACES_MAX);
				break;
			}
			alt = p + 1;
		}
	}
	buf_free(&b);
	return rc;
}

/* Expands the first {a,b} group of s recursively into out (a list of strings). */
static int expand(char ***out, size_t *n, size_t *cap, const char *s, size_t base, size_t *erroff)
{
	const char *open, *close;

	if (first_open(&open, s, base, erroff) < 0)
		return -1;
	if (!open) {
		XGROW(*out, *cap, *n + 1);
		(*out)[(*n)++] = xstrdup(s);
		return 0;
	}
	close = group_close(open);
	if (!close) {
		*erroff = base + (size_t)(open - s);
		return err_set("unmatched '{'");
	}
	return expand_group(out, n, cap, s, open, close, base, erroff);
}

int glob_braces_expand(char ***out, size_t *nout, const char *glob, size_t *erroff)
{
	char **alts = NULL;
	size_t n = 0, cap = 0, i;

	if (check_braces(glob, erroff) < 0)
		return -1;
	if (expand(&alts, &n, &cap, glob, 0, erroff) < 0) {
		for (i = 0; i < n; i++)
			free(alts[i]);
		free(alts);
		return -1;
	}
	*out = alts;
	*nout = n;
	return 0;
}
