/* buf.h - a growable, NUL-terminated byte buffer with a size cap. */
#ifndef PG_BUF_H
#define PG_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Beyond this a buffer stops growing and buf_* return -1. */
#define BUF_MAX ((size_t)1 << 30)

struct buf {
	char *ptr; /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

#define BUF_INIT                                                                                                       \
	{                                                                                                              \
		NULL, 0, 0                                                                                             \
	}

/* Appends; return 0, or -1 when the cap would be passed (buffer unchanged). */
int buf_put(struct buf *b, const char *data, size_t len);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int buf_printf(struct buf *b, const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/*
 * buf_printf for a phrase from a table of the same sentence in each report
 * language (verdict/verdict.c, verdict/diff.c): the one place a format is
 * not a literal at the call, so the compiler cannot check it (the strict
 * build has -Wformat-nonliteral; this function and verdict.c's put_counted,
 * which reads the same tables, turn it off for themselves only).  Each phrase is a string literal in a
 * static const table, and its translations take the same conversions in the
 * same order; anything else is a literal format and goes to buf_printf.
 */
int buf_phrase(struct buf *b, const char *phrase, ...);

/* The contents as a string ("" when empty); owned by the buffer. */
const char *buf_cstr(const struct buf *b);

/* Hands the contents to the caller, who frees them; the buffer is empty after. */
char *buf_detach(struct buf *b);

/* Empties the buffer, keeping its memory for what comes next. */
void buf_clear(struct buf *b);
/* Frees the contents (not b itself) and leaves b empty, as BUF_INIT; NULL is fine. */
void buf_free(struct buf *b);

#endif
