/* diag.h - problems found in a file a person wrote (a rule pack, the policy), each where it is written. */
#ifndef PG_DIAG_H
#define PG_DIAG_H

#include <stdarg.h>
#include <stddef.h>

struct buf;

/* Where something was written, for messages: file name, 1-based line and column (0 when unknown). */
struct where {
	const char *file; /* borrowed from whoever read the file */
	int line;
	int col;
};

/* One problem: where, and what a person should fix. */
struct diag {
	struct where at; /* at.file points at file below, or is NULL */
	char *msg;
	char *file; /* the list's own copy of the file name */
};

/*
 * Every reader of rule packs and the policy appends to one of these and
 * goes on, so that one run lists every problem.  The list owns its
 * messages and copies of the file names.
 */
struct diag_list {
	struct diag *items;
	size_t n, cap;
};

/* clang-format off */
#define DIAG_LIST_INIT { NULL, 0, 0 }
/* clang-format on */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
/* Appends a problem at at (at.file is copied); returns -1, so that a reader can `return diag_add(...)`. */
int diag_add(struct diag_list *l, struct where at, const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 3, 0)))
#endif
int diag_vadd(struct diag_list *l, struct where at, const char *fmt, va_list ap);

/* Appends every problem of src to dst, in order; src is empty after. */
void diag_list_move(struct diag_list *dst, struct diag_list *src);

/* Frees the problems (not l itself) and leaves l empty; NULL is fine. */
void diag_list_clear(struct diag_list *l);

/*
 * Appends "FILE:LINE:COL: MSG" (or "FILE: MSG" when the line is unknown;
 * fallback stands for a missing file name) to out, every byte of file and
 * message made safe to show on a terminal: invalid UTF-8, control
 * characters (ESC among them) and the bidirectional controls that reorder
 * text (U+202E...) as \xNN.  Returns 0, or -1 when out's cap would be passed.
 */
int diag_format(struct buf *out, const struct diag *d, const char *fallback);

#endif
