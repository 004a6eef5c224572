/* utf8.h - UTF-8 validity, and text made safe to show on a terminal or in a report. */
#ifndef PG_UTF8_H
#define PG_UTF8_H

#include <stddef.h>

struct buf;

/* 1 when the len bytes at s are valid UTF-8 (no overlongs, no surrogates). */
int buf_is_utf8(const char *s, size_t len);

/*
 * Appends s made safe to show: valid UTF-8 is kept, every other byte and
 * every control character is written as \xNN, so non-UTF-8 paths survive
 * into UTF-8 reports and cannot drive a terminal.  Returns 0, or -1 when
 * the buffer's cap would be passed.
 */
int buf_put_safe(struct buf *b, const char *s, size_t len);

/*
 * Also escape the bidirectional formatting characters (U+061C, U+200E,
 * U+200F, U+202A..U+202E, U+2066..U+2069), which reorder what a terminal
 * shows: for text from a file shown beside proofgate's own words.
 */
#define UTF8_ESCAPE_BIDI 1u

/* buf_put_safe with flags (UTF8_ESCAPE_*); each escaped character is written byte by byte as \xNN. */
int utf8_put_escaped(struct buf *b, const char *s, size_t len, unsigned flags);

#endif
