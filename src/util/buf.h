/* buf.h - a growable, NUL-terminated byte buffer with a size cap. */
#ifndef PG_BUF_H
#define PG_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Beyond this a buffer stops growing and buf_* return -1. */
#define BUF_MAX ((size_t)1 << 30)

struct buf {
	char *ptr;  /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

/* Appends; return 0, or -1 when the cap would be passed (buffer unchanged). */
int buf_put(struct buf *b, const char *data, size_t len);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int buf_printf(struct buf *b, const char *fmt, ...);
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* The contents as a string ("" when empty); owned by the buffer. */
const char *buf_cstr(const struct buf *b);

/* Hands the contents to the caller, who frees them; the buffer is empty after. */
char *buf_detach(struct buf *b);

void buf_clear(struct buf *b);
void buf_free(struct buf *b);

/* 1 when the len bytes at s are valid UTF-8 (no overlongs, no surrogates). */
int buf_is_utf8(const char *s, size_t len);

/*
 * Appends s made safe to show: valid UTF-8 is kept, every other byte and
 * every control character is written as \xNN, so non-UTF-8 paths survive
 * into UTF-8 reports and cannot drive a terminal.
 */
int buf_put_safe(struct buf *b, const char *s, size_t len);

/* Fixed-width little-endian integers at p (on-disk formats: cache segments, folder records). */
void le_put32(unsigned char *p, uint32_t v);
void le_put64(unsigned char *p, uint64_t v);
uint32_t le_get32(const unsigned char *p);
uint64_t le_get64(const unsigned char *p);

/* Appends v as a LEB128 varint: 7 bits a byte, low first, high bit "more". */
int buf_put_varint(struct buf *b, uint64_t v);
/* Reads one from *p (advanced past it); -1 when it runs past end or beyond 64 bits. */
int buf_get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v);

#endif
