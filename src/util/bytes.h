/* bytes.h - integers as bytes for on-disk formats (cache segments, folder records). */
#ifndef PG_BYTES_H
#define PG_BYTES_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Fixed-width little-endian integers at p. */
/* FNV-1a over n bytes at p, continuing from h (start with FNV1A_INIT); not for security. */
#define FNV1A_INIT 0xcbf29ce484222325ull
uint64_t fnv1a(uint64_t h, const void *p, size_t n);

void le_put32(unsigned char *p, uint32_t v);
void le_put64(unsigned char *p, uint64_t v);
uint32_t le_get32(const unsigned char *p);
uint64_t le_get64(const unsigned char *p);

/* Appends v as a LEB128 varint: 7 bits a byte, low first, high bit "more".  0, or -1 past the buffer's cap. */
int buf_put_varint(struct buf *b, uint64_t v);
/* Reads one from *p (advanced past it) into *v; -1 (*v untouched) when it runs past end or beyond 64 bits. */
int buf_get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v);

#endif
