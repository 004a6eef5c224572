/* bytes.c - integers as bytes: fixed-width little-endian and LEB128 varints. */
#include "util/bytes.h"

#include "util/buf.h"

void le_put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

void le_put64(unsigned char *p, uint64_t v)
{
	le_put32(p, (uint32_t)v);
	le_put32(p + 4, (uint32_t)(v >> 32));
}

uint32_t le_get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint64_t le_get64(const unsigned char *p)
{
	return (uint64_t)le_get32(p) | (uint64_t)le_get32(p + 4) << 32;
}

int buf_put_varint(struct buf *b, uint64_t v)
{
	char c[10];
	size_t n = 0;
	do {
		c[n++] = (char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	return buf_put(b, c, n);
}

int buf_get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	uint64_t got = 0;
	unsigned shift = 0;
	while (*p < end && shift < 64) {
		unsigned char c = *(*p)++;
		got |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*v = got;
			return 0;
		}
		shift += 7;
	}
	return -1;
}

uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;
	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}
