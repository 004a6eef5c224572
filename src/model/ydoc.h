/* ydoc.h - strict reading of one YAML document (libyaml): typed values, known keys, problems at line and column. */
#ifndef PG_YDOC_H
#define PG_YDOC_H

#include <stddef.h>
#include <yaml.h>

#include "model/rules.h"

/*
 * What rule packs and the repository policy share: a loaded document, the
 * file named in problems, the owner's problem list, and a budget of node
 * look-ups that stops alias bombs.  Every getter reports its own problem
 * (file, line, column, what was expected) and returns -1; none stops at the
 * first, so a reader can list them all.
 */
struct ydoc {
	yaml_document_t *doc;
	const char *file;	 /* borrowed; named in every problem */
	struct diag_list *diags; /* the owner's list, grown here */
	long budget;		 /* node look-ups left */
	const char *too_complex; /* the problem when the budget runs out */
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
/* Records a problem at n (or the document's start when n is NULL); returns -1. */
int ydoc_diag(struct ydoc *y, const yaml_node_t *n, const char *fmt, ...);

/* Where n is written. */
struct where ydoc_where(const struct ydoc *y, const yaml_node_t *n);

/* The node at idx, or NULL when the budget is spent (report it with ydoc_too_complex). */
yaml_node_t *ydoc_node(struct ydoc *y, int idx);
int ydoc_too_complex(struct ydoc *y, const yaml_node_t *at);

const char *ydoc_scalar(const yaml_node_t *n);
/* "a string", "a list", "a mapping", for messages. */
const char *ydoc_kind(const yaml_node_t *n);

/* A non-empty string without NUL bytes. */
int ydoc_want_scalar(struct ydoc *y, const yaml_node_t *n, const char *what);
/* Copies the string into *out (freeing what was there); the caller frees. */
int ydoc_str(struct ydoc *y, const yaml_node_t *n, const char *what, char **out);
/* true or false, unquoted; nothing else. */
int ydoc_bool(struct ydoc *y, const yaml_node_t *n, const char *what, int *out);
/* A whole number between min and max. */
int ydoc_long(struct ydoc *y, const yaml_node_t *n, const char *what, long min, long max, long *out);

/*
 * A list of strings (a single string is a list of one) appended to *out,
 * and, when at is not NULL, where each is written.  The caller frees both
 * (ydoc_strlist_free, free).
 */
int ydoc_strlist(struct ydoc *y, const yaml_node_t *n, const char *what, char ***out, size_t *nout, struct where **at);
/* Frees the n strings of l and l; NULL (with n 0) is fine. */
void ydoc_strlist_free(char **l, size_t n);

/*
 * Checks a mapping's keys against allowed (NULL-terminated) and fills vals[i]
 * with the value of allowed[i] or NULL.  Unknown and duplicate keys are problems.
 */
int ydoc_fields(struct ydoc *y, const yaml_node_t *n, const char *what, const char *const *allowed, yaml_node_t **vals);

/* A problem at map when a required key's value v is missing. */
int ydoc_need(struct ydoc *y, const yaml_node_t *map, const yaml_node_t *v, const char *what, const char *key);

#endif
